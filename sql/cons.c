/** @file cons.c  Constraint tree helpers (see cons.h). */
#include "sql/cons.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

cons *cons_leaf(enum cons_op op, int col, int nvals)
{
    cons *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->op = op;
    c->col = col;
    if (nvals > 0) {
        c->vals = calloc((size_t)nvals, sizeof *c->vals);
        if (!c->vals) {
            free(c);
            return NULL;
        }
    }
    c->nvals = nvals;
    return c;
}

cons *cons_group(enum cons_op op, cons **kids, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++)
        total += kids[i]->op == op ? kids[i]->nkids : 1;
    cons *c = calloc(1, sizeof *c);
    cons **v = calloc((size_t)(total ? total : 1), sizeof *v);
    if (!c || !v) {
        free(c);
        free(v);
        for (int i = 0; i < n; i++)
            cons_free(kids[i]);
        return NULL;
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        if (kids[i]->op == op) {
            for (int j = 0; j < kids[i]->nkids; j++)
                v[k++] = kids[i]->kids[j];
            free(kids[i]->kids);
            free(kids[i]);
        } else {
            v[k++] = kids[i];
        }
    }
    c->op = op;
    c->col = -1;
    c->kids = v;
    c->nkids = k;
    return c;
}

void cons_free(cons *c)
{
    if (!c)
        return;
    for (int i = 0; i < c->nkids; i++)
        cons_free(c->kids[i]);
    free(c->kids);
    for (int i = 0; i < c->nvals; i++)
        sqlval_clear(&c->vals[i]);
    free(c->vals);
    free(c);
}

const char *cons_op_name(enum cons_op op)
{
    static const char *names[] = { "AND", "OR", "EQ", "NE", "LT", "LE", "GT", "GE", "PREFIX",
                                   "SUFFIX", "CONTAINS", "IN", "ISNULL", "NOTNULL" };
    return (unsigned)op < sizeof names / sizeof names[0] ? names[op] : "?";
}

int sqlval_print_literal(const sql_value *v, strbuf *sb)
{
    char buf[64];
    switch (v->type) {
    case SQLT_NULL: return sb_append(sb, "NULL");
    case SQLT_BOOL: return sb_append(sb, v->u.i ? "TRUE" : "FALSE");
    case SQLT_INT: return sb_printf(sb, "%" PRId64, v->u.i);
    case SQLT_DOUBLE: return sb_printf(sb, "%.17g", v->u.d);
    case SQLT_TIMESTAMP:
        ts_format(v->u.i, buf, sizeof buf);
        return sb_printf(sb, "TIMESTAMP '%s'", buf);
    case SQLT_TEXT:
        if (sb_append_char(sb, '\'') < 0)
            return -1;
        for (size_t i = 0; i < v->u.s.len; i++) {
            if (v->u.s.ptr[i] == '\'' && sb_append_char(sb, '\'') < 0)
                return -1;
            if (sb_append_char(sb, v->u.s.ptr[i]) < 0)
                return -1;
        }
        return sb_append_char(sb, '\'');
    }
    return -1;
}

/** 1 if c or any descendant is marked pushed. */
static int any_pushed(const cons *c)
{
    if (c->pushed)
        return 1;
    for (int i = 0; i < c->nkids; i++)
        if (any_pushed(c->kids[i]))
            return 1;
    return 0;
}

int cons_print(const cons *c, const table_def *t, int pushed_only, strbuf *sb)
{
    if (!c)
        return 0;
    if (c->op == CONS_AND || c->op == CONS_OR) {
        if (pushed_only && c->op == CONS_OR && !c->pushed)
            return 0;
        int n = 0;
        const cons *only = NULL;
        for (int i = 0; i < c->nkids; i++)
            if (!pushed_only || any_pushed(c->kids[i]) || c->pushed) {
                n++;
                only = c->kids[i];
            }
        if (pushed_only && c->op == CONS_AND && n == 1)
            return cons_print(only, t, pushed_only, sb);
        if (n == 0)
            return 0;
        if (sb_printf(sb, "%s(", cons_op_name(c->op)) < 0)
            return -1;
        int first = 1;
        for (int i = 0; i < c->nkids; i++) {
            if (pushed_only && !any_pushed(c->kids[i]) && !c->pushed)
                continue;
            if (!first && sb_append_char(sb, ',') < 0)
                return -1;
            first = 0;
            if (cons_print(c->kids[i], t, pushed_only && !c->pushed, sb) < 0)
                return -1;
        }
        return sb_append_char(sb, ')');
    }
    if (pushed_only && !c->pushed)
        return 0;
    if (t && c->col >= 0 && c->col < t->ncols) {
        if (sb_printf(sb, "%s(%s", cons_op_name(c->op), t->cols[c->col].name) < 0)
            return -1;
    } else if (sb_printf(sb, "%s(#%d", cons_op_name(c->op), c->col) < 0) {
        return -1;
    }
    for (int i = 0; i < c->nvals; i++)
        if (sb_append_char(sb, ',') < 0 || sqlval_print_literal(&c->vals[i], sb) < 0)
            return -1;
    return sb_append_char(sb, ')');
}
