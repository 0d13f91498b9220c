/** @file ast.c  Expression and statement trees (see ast.h). */
#include "sql/ast.h"

#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sql/cons.h"
#include "sql/func.h"

expr *expr_new(enum ex_kind k, int nargs, int line, int col)
{
    expr *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->kind = k;
    e->line = line;
    e->col = col;
    e->index = -1;
    e->nullable = 1;
    if (nargs > 0) {
        e->args = calloc((size_t)nargs, sizeof *e->args);
        if (!e->args) {
            free(e);
            return NULL;
        }
    }
    e->nargs = nargs;
    return e;
}

void expr_free(expr *e)
{
    if (!e)
        return;
    for (int i = 0; i < e->nargs; i++)
        expr_free(e->args[i]);
    free(e->args);
    sqlval_clear(&e->lit);
    free(e->qual);
    free(e->name);
    select_free(e->sub);
    free(e);
}

static char *dupstr(const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

expr *expr_dup(const expr *e)
{
    if (!e)
        return NULL;
    expr *c = malloc(sizeof *c);
    if (!c)
        return NULL;
    *c = *e;
    c->lit.type = SQLT_NULL;
    c->qual = c->name = NULL;
    c->args = NULL;
    c->nargs = 0;
    c->sub = NULL; /* the copy shares the subquery's slot, not its tree */
    if (sqlval_copy(&c->lit, &e->lit) < 0 || (e->qual && !(c->qual = dupstr(e->qual))) ||
        (e->name && !(c->name = dupstr(e->name))))
        goto fail;
    if (e->nargs) {
        c->args = calloc((size_t)e->nargs, sizeof *c->args);
        if (!c->args)
            goto fail;
        c->nargs = e->nargs;
        for (int i = 0; i < e->nargs; i++)
            if (e->args[i] && !(c->args[i] = expr_dup(e->args[i])))
                goto fail;
    }
    return c;
fail:
    expr_free(c);
    return NULL;
}

/** Equality of two constants (type and payload). */
static int lit_equal(const sql_value *a, const sql_value *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case SQLT_NULL: return 1;
    case SQLT_DOUBLE: return a->u.d == b->u.d;
    case SQLT_TEXT: return a->u.s.len == b->u.s.len && memcmp(a->u.s.ptr, b->u.s.ptr, a->u.s.len) == 0;
    default: return a->u.i == b->u.i;
    }
}

int expr_equal(const expr *a, const expr *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || a->op != b->op || a->negated != b->negated ||
        a->distinct != b->distinct || a->has_else != b->has_else || a->nargs != b->nargs)
        return 0;
    switch (a->kind) {
    case EX_LIT:
        if (!lit_equal(&a->lit, &b->lit))
            return 0;
        break;
    case EX_PARAM:
    case EX_COL:
    case EX_SUBQ:
        if (a->index != b->index)
            return 0;
        break;
    case EX_CAST:
        if (a->cast_type != b->cast_type)
            return 0;
        break;
    default:
        break;
    }
    for (int i = 0; i < a->nargs; i++)
        if (!expr_equal(a->args[i], b->args[i]))
            return 0;
    return 1;
}

int expr_has_col(const expr *e)
{
    if (!e)
        return 0;
    if (e->kind == EX_COL || (e->kind == EX_SUBQ && e->correlated))
        return 1;
    for (int i = 0; i < e->nargs; i++)
        if (expr_has_col(e->args[i]))
            return 1;
    return 0;
}

int expr_has_agg(const expr *e)
{
    if (!e)
        return 0;
    if (e->kind == EX_AGG)
        return 1;
    for (int i = 0; i < e->nargs; i++)
        if (expr_has_agg(e->args[i]))
            return 1;
    return 0;
}

int expr_has_subq(const expr *e)
{
    if (!e)
        return 0;
    if (e->kind == EX_SUBQ)
        return 1;
    for (int i = 0; i < e->nargs; i++)
        if (expr_has_subq(e->args[i]))
            return 1;
    return 0;
}

int expr_has_param(const expr *e)
{
    if (!e)
        return 0;
    if (e->kind == EX_PARAM)
        return 1;
    for (int i = 0; i < e->nargs; i++)
        if (expr_has_param(e->args[i]))
            return 1;
    return 0;
}

void select_free(select_stmt *s)
{
    if (!s)
        return;
    expr_free(s->top);
    for (int i = 0; i < s->nitems; i++) {
        expr_free(s->items[i].e);
        free(s->items[i].alias);
        free(s->items[i].star_qual);
    }
    free(s->items);
    free(s->schema);
    free(s->table);
    free(s->alias);
    for (int i = 0; i < s->nfrom; i++) {
        free(s->from[i].schema);
        free(s->from[i].table);
        free(s->from[i].alias);
        select_free(s->from[i].sub);
        expr_free(s->from[i].on);
    }
    free(s->from);
    select_free(s->next_union);
    expr_free(s->where);
    for (int i = 0; i < s->ngroup; i++)
        expr_free(s->group[i]);
    free(s->group);
    expr_free(s->having);
    for (int i = 0; i < s->norder; i++)
        expr_free(s->order[i].e);
    free(s->order);
    expr_free(s->limit);
    expr_free(s->offset);
    free(s);
}

void statement_free(statement *st)
{
    if (!st)
        return;
    select_free(st->sel);
    free(st->proc_schema);
    free(st->proc_name);
    for (int i = 0; i < st->nargs; i++) {
        free(st->args[i].name);
        expr_free(st->args[i].value);
    }
    free(st->args);
    free(st);
}

/** SQL spelling of a type for CAST. */
static const char *type_sql(enum sqltype t)
{
    switch (t) {
    case SQLT_BOOL: return "BIT";
    case SQLT_INT: return "BIGINT";
    case SQLT_DOUBLE: return "DOUBLE";
    case SQLT_TEXT: return "VARCHAR";
    case SQLT_TIMESTAMP: return "TIMESTAMP";
    default: return "NULL";
    }
}

int expr_print(const expr *e, strbuf *sb)
{
    static const char *cmp[] = { "=", "<>", "<", "<=", ">", ">=" };
    static const char *ar[] = { "+", "-", "*", "/", "%" };
    int r = 0;
    if (!e)
        return 0;
    switch (e->kind) {
    case EX_LIT: return sqlval_print_literal(&e->lit, sb);
    case EX_PARAM:
        if (e->name) /* a column of the enclosing query */
            return sb_printf(sb, "%s%s%s", e->qual ? e->qual : "", e->qual ? "." : "", e->name);
        return sb_printf(sb, "?%d", e->index + 1);
    case EX_COL: return e->qual ? sb_printf(sb, "%s.%s", e->qual, e->name) : sb_append(sb, e->name);
    case EX_NOT:
        r |= sb_append(sb, "NOT (");
        r |= expr_print(e->args[0], sb);
        return r | sb_append(sb, ")");
    case EX_NEG:
        r |= sb_append(sb, "-(");
        r |= expr_print(e->args[0], sb);
        return r | sb_append(sb, ")");
    case EX_AND:
    case EX_OR:
    case EX_CMP:
    case EX_ARITH:
    case EX_CONCAT:
        r |= sb_append(sb, "(");
        r |= expr_print(e->args[0], sb);
        r |= sb_printf(sb, " %s ", e->kind == EX_AND ? "AND" : e->kind == EX_OR ? "OR" :
                       e->kind == EX_CMP ? cmp[e->op] : e->kind == EX_ARITH ? ar[e->op] : "||");
        r |= expr_print(e->args[1], sb);
        return r | sb_append(sb, ")");
    case EX_LIKE:
        r |= expr_print(e->args[0], sb);
        r |= sb_append(sb, e->negated ? " NOT LIKE " : " LIKE ");
        r |= expr_print(e->args[1], sb);
        if (e->nargs > 2) {
            r |= sb_append(sb, " ESCAPE ");
            r |= expr_print(e->args[2], sb);
        }
        return r;
    case EX_IN:
        r |= expr_print(e->args[0], sb);
        r |= sb_append(sb, e->negated ? " NOT IN (" : " IN (");
        for (int i = 1; i < e->nargs; i++) {
            if (i > 1)
                r |= sb_append(sb, ", ");
            r |= expr_print(e->args[i], sb);
        }
        return r | sb_append(sb, ")");
    case EX_ISNULL:
        r |= expr_print(e->args[0], sb);
        return r | sb_append(sb, e->negated ? " IS NOT NULL" : " IS NULL");
    case EX_BETWEEN:
        r |= expr_print(e->args[0], sb);
        r |= sb_append(sb, e->negated ? " NOT BETWEEN " : " BETWEEN ");
        r |= expr_print(e->args[1], sb);
        r |= sb_append(sb, " AND ");
        return r | expr_print(e->args[2], sb);
    case EX_FUNC:
    case EX_AGG:
        r |= sb_printf(sb, "%s(", e->kind == EX_AGG ? agg_name(e->op) : func_name(e->op));
        if (e->kind == EX_AGG && e->op == AGG_COUNT_STAR)
            r |= sb_append(sb, "*");
        if (e->distinct)
            r |= sb_append(sb, "DISTINCT ");
        for (int i = 0; i < e->nargs; i++) {
            if (i)
                r |= sb_append(sb, ", ");
            r |= expr_print(e->args[i], sb);
        }
        return r | sb_append(sb, ")");
    case EX_CASE: {
        int i = 0, end = e->nargs - (e->has_else ? 1 : 0);
        r |= sb_append(sb, "CASE");
        if (e->op == 1) {
            r |= sb_append(sb, " ");
            r |= expr_print(e->args[0], sb);
            i = 1;
        }
        for (; i + 1 < end + 1 && i < end; i += 2) {
            r |= sb_append(sb, " WHEN ");
            r |= expr_print(e->args[i], sb);
            r |= sb_append(sb, " THEN ");
            r |= expr_print(e->args[i + 1], sb);
        }
        if (e->has_else) {
            r |= sb_append(sb, " ELSE ");
            r |= expr_print(e->args[e->nargs - 1], sb);
        }
        return r | sb_append(sb, " END");
    }
    case EX_CAST:
        r |= sb_append(sb, "CAST(");
        r |= expr_print(e->args[0], sb);
        return r | sb_printf(sb, " AS %s)", e->cast_size < 0 ? "DATE" : type_sql(e->cast_type));
    case EX_SUBQ:
        if (e->op == SQ_IN) {
            r |= expr_print(e->args[0], sb);
            r |= sb_append(sb, e->negated ? " NOT IN " : " IN ");
        } else if (e->op == SQ_EXISTS) {
            r |= sb_append(sb, e->negated ? "NOT EXISTS " : "EXISTS ");
        }
        return r | sb_printf(sb, "(%ssubquery %d)", e->correlated ? "correlated " : "", e->index + 1);
    }
    return r;
}
