/**
 * @file bind.c
 * Name resolution and typing of a parsed SELECT: finds the table through the
 * provider, expands `*`, resolves columns (42S22), infers result types,
 * resolves ORDER BY (position, alias or expression), checks GROUP BY rules
 * and numbers the aggregates. Fills the sql_prepared (prepared.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql/func.h"
#include "sql/prepared.h"

/** Binding context. */
typedef struct binder {
    sql_prepared *p;
    err          *e;
} binder;

static char *dupstr(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s) + 1;
    char *r = malloc(n);
    if (r)
        memcpy(r, s, n);
    return r;
}

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while preparing the statement."); }

/** 1 if qualifier q names source src (by alias, or by table name). */
static int src_qual_matches(const sql_src *src, const char *q)
{
    if (src->alias && strcasecmp(q, src->alias) == 0)
        return 1;
    return src->kind == SRC_TABLE && strcasecmp(q, src->table->name) == 0;
}

/** 1 if qualifier q names any FROM source of p. */
static int qual_known(const sql_prepared *p, const char *q)
{
    for (int k = 0; k < p->nsrc; k++)
        if (src_qual_matches(&p->srcs[k], q))
            return 1;
    return 0;
}

/**
 * Find column (qual, name) among p's sources. Returns the number of matches
 * (0, 1, or 2 for "more than one"); *idx the combined index of the first,
 * *src its source.
 */
static int find_col(const sql_prepared *p, const char *qual, const char *name, int *idx, int *src)
{
    int n = 0;
    for (int k = 0; k < p->nsrc; k++) {
        const sql_src *sr = &p->srcs[k];
        if (qual && !src_qual_matches(sr, qual))
            continue;
        for (int c = 0; c < sr->ncols; c++)
            if (strcasecmp(sr->table->cols[c].name, name) == 0) {
                if (n++ == 0) {
                    *idx = sr->offset + c;
                    *src = k;
                }
                break;
            }
    }
    return n > 2 ? 2 : n;
}

/** The source of combined column index idx. */
static const sql_src *src_of(const sql_prepared *p, int idx)
{
    for (int k = 0; k < p->nsrc; k++)
        if (idx >= p->srcs[k].offset && idx < p->srcs[k].offset + p->srcs[k].ncols)
            return &p->srcs[k];
    return NULL;
}

/** Name of the column at combined index idx. */
static const char *col_name_at(const sql_prepared *p, int idx)
{
    const sql_src *sr = src_of(p, idx);
    return sr ? sr->table->cols[idx - sr->offset].name : "";
}

/** Set type/size/nullable for a literal. */
static void lit_type(expr *x)
{
    x->type = x->lit.type;
    x->nullable = x->lit.type == SQLT_NULL;
    switch (x->lit.type) {
    case SQLT_TEXT: {
        int n = 0;
        for (size_t i = 0; i < x->lit.u.s.len; i++)
            if ((((unsigned char)x->lit.u.s.ptr[i]) & 0xC0) != 0x80)
                n++;
        x->size = n > 0 ? n : 1;
        break;
    }
    case SQLT_INT:
        x->size = (x->lit.u.i > 2147483647LL || x->lit.u.i < -2147483648LL) ? 19 : 10;
        break;
    default:
        x->size = 0;
    }
}

/** Result type shared by a set of branch expressions (CASE). */
static void common_type(expr *x, expr **v, int n)
{
    enum sqltype t = SQLT_NULL;
    int mixed = 0, sz = 0;
    x->nullable = 0;
    for (int i = 0; i < n; i++) {
        if (v[i]->nullable)
            x->nullable = 1;
        if (v[i]->type == SQLT_NULL)
            continue;
        if (v[i]->size > sz)
            sz = v[i]->size;
        if (t == SQLT_NULL)
            t = v[i]->type;
        else if (t != v[i]->type) {
            if ((t == SQLT_INT || t == SQLT_DOUBLE) && (v[i]->type == SQLT_INT || v[i]->type == SQLT_DOUBLE))
                t = SQLT_DOUBLE;
            else
                mixed = 1;
        }
    }
    if (mixed)
        t = SQLT_TEXT;
    x->type = t;
    x->size = t == SQLT_TEXT ? (sz > 0 ? (mixed && sz < 40 ? 40 : sz) : 255) : t == SQLT_INT ? 19 : 0;
}

static int bind_expr(binder *b, expr *x, const char *clause, int in_agg);

/** 1 if two column references name the same column as written (qualifier and name, any case). */
static int same_ref(const expr *a, const expr *b)
{
    if (strcasecmp(a->name, b->name) != 0)
        return 0;
    if (!a->qual || !b->qual)
        return !a->qual && !b->qual;
    return strcasecmp(a->qual, b->qual) == 0;
}

/**
 * Resolve column x, which is not a column of b->p's own FROM items, as a
 * column of an enclosing query: x becomes correlation parameter k of b->p
 * (EX_PARAM with its name kept), and b->p->corr[k] the same column bound in
 * the enclosing query's scope (itself a correlation parameter there when it
 * belongs to a query further out). Returns 1 resolved, 0 no enclosing query
 * has it, -1 error.
 */
static int bind_outer_ref(binder *b, expr *x)
{
    sql_prepared *p = b->p;
    int level = 0, found = 0;
    for (const sql_prepared *o = p->outer; o && !found; o = o->outer, level++) {
        int oi, os;
        if (o->nsrc && find_col(o, x->qual, x->name, &oi, &os) > 0)
            found = 1;
    }
    if (!found)
        return 0;
    if (p->derived && level == 1)
        return err_set(b->e, "0A000", "A subquery in FROM cannot refer to column '%s%s%s' of another item of "
                       "the same FROM clause (LATERAL is not supported) (line %d, column %d); use a join.",
                       x->qual ? x->qual : "", x->qual ? "." : "", x->name, x->line, x->col);
    int k = 0;
    while (k < p->ncorr && !same_ref(p->corr[k], x))
        k++;
    if (k == p->ncorr) {
        expr **nv = realloc(p->corr, (size_t)(p->ncorr + 1) * sizeof *nv);
        if (!nv)
            return oom(b->e);
        p->corr = nv;
        expr *cx = expr_new(EX_COL, 0, x->line, x->col);
        if (!cx || !(cx->name = dupstr(x->name)) || (x->qual && !(cx->qual = dupstr(x->qual)))) {
            expr_free(cx);
            return oom(b->e);
        }
        binder pb = { p->outer, b->e };
        int rc;
        if (p->derived) {
            /* the enclosing query's own FROM items are invisible: look further out */
            rc = bind_outer_ref(&pb, cx);
            if (rc == 0)
                rc = err_set(b->e, "42S22", "Column '%s' does not exist (line %d, column %d).", x->name,
                             x->line, x->col);
        } else {
            rc = bind_expr(&pb, cx, NULL, 0);
        }
        if (rc < 0) {
            expr_free(cx);
            return -1;
        }
        p->corr[p->ncorr++] = cx;
        p->nparams = p->nbase + p->ncorr;
    }
    const expr *cx = p->corr[k];
    x->kind = EX_PARAM;
    x->index = p->nbase + k;
    x->type = cx->type;
    x->size = cx->size;
    x->nullable = 1;
    return 1;
}

/**
 * Bind x: resolve columns, check aggregate placement, infer types.
 * clause: name of the clause where aggregates are forbidden (NULL: allowed).
 */
static int bind_expr(binder *b, expr *x, const char *clause, int in_agg)
{
    if (!x)
        return 0;
    sql_prepared *p = b->p;
    if (x->kind == EX_AGG) {
        if (clause)
            return err_set(b->e, "42000", "Aggregate function %s is not allowed in %s (line %d, column %d).",
                           agg_name(x->op), clause, x->line, x->col);
        if (in_agg)
            return err_set(b->e, "42000", "Aggregate function %s cannot be nested inside another "
                           "aggregate (line %d, column %d).", agg_name(x->op), x->line, x->col);
    }
    for (int i = 0; i < x->nargs; i++)
        if (bind_expr(b, x->args[i], clause, in_agg || x->kind == EX_AGG) < 0)
            return -1;
    switch (x->kind) {
    case EX_LIT:
        lit_type(x);
        break;
    case EX_PARAM:
        if (x->name)
            break; /* a column of an enclosing query, resolved by bind_outer_ref */
        x->type = SQLT_NULL;
        x->size = 0;
        x->nullable = 1;
        break;
    case EX_COL: {
        if (x->index >= 0 && x->type != SQLT_NULL)
            break; /* made by `*` expansion: already resolved */
        int idx = -1, sk = -1;
        int n = p->nsrc ? find_col(p, x->qual, x->name, &idx, &sk) : 0;
        if (n == 0) {
            /* a name of an enclosing query makes the subquery correlated */
            if (p->outer && (!x->qual || !qual_known(p, x->qual))) {
                int rc = bind_outer_ref(b, x);
                if (rc != 0)
                    return rc < 0 ? -1 : 0;
            }
            if (p->nsrc == 0)
                return err_set(b->e, "42S22", "Column '%s' does not exist: the query has no FROM clause "
                               "(line %d, column %d).", x->name, x->line, x->col);
            if (x->qual && !qual_known(p, x->qual))
                return err_set(b->e, "42S22", "Column '%s.%s' does not exist: '%s' is not a table in the "
                               "FROM clause (line %d, column %d).", x->qual, x->name, x->qual, x->line, x->col);
            if (p->nsrc == 1)
                return err_set(b->e, "42S22", "Column '%s' does not exist in table '%s' (line %d, column %d).",
                               x->name, p->srcs[0].kind == SRC_TABLE ? p->srcs[0].table->name :
                               p->srcs[0].alias ? p->srcs[0].alias : "(subquery)", x->line, x->col);
            return err_set(b->e, "42S22", "Column '%s' does not exist in any table of the FROM clause "
                           "(line %d, column %d).", x->name, x->line, x->col);
        }
        if (n > 1)
            return err_set(b->e, "42000", "Column '%s' is ambiguous: more than one table in the FROM clause "
                           "has it (line %d, column %d); qualify it, e.g. t.%s.", x->name, x->line, x->col,
                           x->name);
        const sql_src *sr = &p->srcs[sk];
        const table_col *tc = &sr->table->cols[idx - sr->offset];
        x->index = idx;
        x->type = tc->type;
        x->size = tc->size;
        /* columns of the optional side of an outer join may be NULL */
        x->nullable = tc->nullable || sr->join == JK_LEFT || sr->join == JK_FULL;
        for (int k = sk + 1; k < p->nsrc; k++)
            if (p->srcs[k].join == JK_RIGHT || p->srcs[k].join == JK_FULL)
                x->nullable = 1;
        break;
    }
    case EX_SUBQ: {
        if (!x->sub)
            break; /* a copy (expr_dup) of a bound subquery: shares its slot and type */
        sql_prepared *c = NULL;
        if (sql_bind_child(p, x->sub, &c, b->e) < 0)
            return -1;
        if (x->op != SQ_EXISTS && c->ncols != 1) {
            int nc = c->ncols;
            sql_prepared_unref(c);
            return err_set(b->e, "42000", "A subquery used as a value or with IN must return exactly one "
                           "column, not %d (line %d, column %d).", nc, x->line, x->col);
        }
        sql_prepared **nv = realloc(p->subq, (size_t)(p->nsubq + 1) * sizeof *nv);
        expr **ne = nv ? realloc(p->subq_expr, (size_t)(p->nsubq + 1) * sizeof *ne) : NULL;
        if (nv)
            p->subq = nv;
        if (!nv || !ne) {
            sql_prepared_unref(c);
            return oom(b->e);
        }
        p->subq_expr = ne;
        x->index = p->nsubq;
        p->subq[p->nsubq] = c;
        p->subq_expr[p->nsubq++] = x;
        x->correlated = c->ncorr > 0;
        if (x->op == SQ_SCALAR) {
            x->type = c->cols[0].type;
            x->size = c->cols[0].size;
            x->nullable = 1;
        } else {
            x->type = SQLT_BOOL;
            x->size = 1;
            x->nullable = x->op == SQ_IN;
        }
        break;
    }
    case EX_NOT: case EX_AND: case EX_OR: case EX_CMP: case EX_LIKE: case EX_IN: case EX_BETWEEN:
        x->type = SQLT_BOOL;
        x->size = 1;
        x->nullable = 0;
        for (int i = 0; i < x->nargs; i++)
            x->nullable |= x->args[i]->nullable;
        break;
    case EX_ISNULL:
        x->type = SQLT_BOOL;
        x->size = 1;
        x->nullable = 0;
        break;
    case EX_NEG:
        x->type = x->args[0]->type == SQLT_INT || x->args[0]->type == SQLT_BOOL ? SQLT_INT : SQLT_DOUBLE;
        x->size = x->type == SQLT_INT ? 19 : 0;
        x->nullable = x->args[0]->nullable;
        break;
    case EX_ARITH: {
        enum sqltype a = x->args[0]->type, c = x->args[1]->type;
        int ia = a == SQLT_INT || a == SQLT_BOOL, ic = c == SQLT_INT || c == SQLT_BOOL;
        if (a == SQLT_TIMESTAMP || c == SQLT_TIMESTAMP)
            return err_set(b->e, "22018", "Arithmetic on TIMESTAMP values is not supported (line %d, "
                           "column %d); use TIMESTAMPADD or compare timestamps directly.", x->line, x->col);
        x->type = ia && ic ? SQLT_INT : SQLT_DOUBLE;
        x->size = x->type == SQLT_INT ? 19 : 0;
        x->nullable = x->args[0]->nullable || x->args[1]->nullable;
        break;
    }
    case EX_CONCAT: {
        x->type = SQLT_TEXT;
        int s1 = x->args[0]->type == SQLT_TEXT && x->args[0]->size > 0 ? x->args[0]->size : 40;
        int s2 = x->args[1]->type == SQLT_TEXT && x->args[1]->size > 0 ? x->args[1]->size : 40;
        x->size = s1 + s2 > 8000 ? 8000 : s1 + s2;
        x->nullable = x->args[0]->nullable || x->args[1]->nullable;
        break;
    }
    case EX_FUNC:
        func_infer_type(x);
        break;
    case EX_AGG:
        switch (x->op) {
        case AGG_COUNT_STAR: case AGG_COUNT:
            x->type = SQLT_INT;
            x->size = 19;
            x->nullable = 0;
            break;
        case AGG_SUM:
            x->type = x->args[0]->type == SQLT_INT || x->args[0]->type == SQLT_BOOL ? SQLT_INT : SQLT_DOUBLE;
            x->size = x->type == SQLT_INT ? 19 : 0;
            x->nullable = 1;
            if (x->args[0]->type == SQLT_TIMESTAMP)
                return err_set(b->e, "22018", "SUM is not defined for TIMESTAMP values (line %d, column %d).",
                               x->line, x->col);
            break;
        case AGG_AVG:
            x->type = SQLT_DOUBLE;
            x->size = 0;
            x->nullable = 1;
            if (x->args[0]->type == SQLT_TIMESTAMP)
                return err_set(b->e, "22018", "AVG is not defined for TIMESTAMP values (line %d, column %d).",
                               x->line, x->col);
            break;
        default:
            x->type = x->args[0]->type == SQLT_NULL ? SQLT_TEXT : x->args[0]->type;
            x->size = x->args[0]->size > 0 ? x->args[0]->size : (x->type == SQLT_TEXT ? 255 : 0);
            x->nullable = 1;
        }
        break;
    case EX_CASE: {
        int n = 0;
        expr *vals[512];
        int start = x->op == 1 ? 1 : 0;
        int end = x->nargs - (x->has_else ? 1 : 0);
        for (int i = start + 1; i < end && n < 511; i += 2)
            vals[n++] = x->args[i];
        if (x->has_else)
            vals[n++] = x->args[x->nargs - 1];
        common_type(x, vals, n);
        if (!x->has_else)
            x->nullable = 1;
        break;
    }
    case EX_CAST:
        x->type = x->cast_type;
        x->nullable = x->args[0]->nullable;
        if (x->cast_type == SQLT_TEXT)
            x->size = x->cast_size > 0 ? x->cast_size
                      : (x->args[0]->type == SQLT_TEXT && x->args[0]->size > 0 ? x->args[0]->size : 255);
        else
            x->size = x->cast_type == SQLT_INT ? (x->cast_size > 0 ? x->cast_size : 19) : 0;
        break;
    }
    return 0;
}

/** Check that a post-aggregation expression only uses grouped columns. */
static int check_grouped(binder *b, const expr *x)
{
    const select_stmt *s = b->p->sel;
    if (!x || x->kind == EX_AGG)
        return 0;
    for (int i = 0; i < s->ngroup; i++)
        if (expr_equal(x, s->group[i]))
            return 0;
    if (x->kind == EX_COL)
        return err_set(b->e, "42000", "Column '%s' must appear in the GROUP BY clause or be used in an "
                       "aggregate function (line %d, column %d).", x->name, x->line, x->col);
    if (x->kind == EX_SUBQ && x->correlated && x->index >= 0 && x->index < b->p->nsubq) {
        /* the outer columns a correlated subquery refers to are values of the group */
        const sql_prepared *c = b->p->subq[x->index];
        for (int k = 0; k < c->ncorr; k++)
            if (check_grouped(b, c->corr[k]) < 0)
                return -1;
    }
    for (int i = 0; i < x->nargs; i++)
        if (check_grouped(b, x->args[i]) < 0)
            return -1;
    return 0;
}

/** Give every aggregate node under x a slot in p->aggs. */
static int collect_aggs(binder *b, expr *x)
{
    if (!x)
        return 0;
    if (x->kind == EX_AGG) {
        sql_prepared *p = b->p;
        for (int i = 0; i < p->naggs; i++)
            if (expr_equal(p->aggs[i], x) && (p->aggs[i]->nargs == 0 ||
                                              expr_equal(p->aggs[i]->args[0], x->args[0]))) {
                x->index = i;
                return 0;
            }
        expr **nv = realloc(p->aggs, (size_t)(p->naggs + 1) * sizeof *nv);
        if (!nv)
            return oom(b->e);
        p->aggs = nv;
        x->index = p->naggs;
        p->aggs[p->naggs++] = x;
        return 0;
    }
    for (int i = 0; i < x->nargs; i++)
        if (collect_aggs(b, x->args[i]) < 0)
            return -1;
    return 0;
}

/** Append an owned expression to p->out. */
static int push_out(binder *b, expr *x)
{
    sql_prepared *p = b->p;
    expr **nv = realloc(p->out, (size_t)(p->nout + 1) * sizeof *nv);
    if (!nv) {
        expr_free(x);
        return oom(b->e);
    }
    p->out = nv;
    p->out[p->nout++] = x;
    return 0;
}

/** Append a column description. */
static int push_col(binder *b, const char *name, const expr *x)
{
    sql_prepared *p = b->p;
    sql_colinfo *nv = realloc(p->cols, (size_t)(p->ncols + 1) * sizeof *nv);
    if (!nv)
        return oom(b->e);
    p->cols = nv;
    sql_colinfo *c = &p->cols[p->ncols];
    memset(c, 0, sizeof *c);
    const sql_src *sr = x->kind == EX_COL ? src_of(p, x->index) : NULL;
    int direct = sr && sr->kind == SRC_TABLE;
    const table_def *t = direct ? sr->table : NULL;
    c->name = dupstr(name);
    c->base_name = dupstr(direct ? t->cols[x->index - sr->offset].name : "");
    c->table = dupstr(direct ? t->name : "");
    c->schema = dupstr(direct && t->schema ? t->schema : "");
    p->ncols++;
    if (!c->name || !c->base_name || !c->table || !c->schema)
        return oom(b->e);
    c->type = x->type == SQLT_NULL ? SQLT_TEXT : x->type;
    c->size = x->size;
    if (c->type == SQLT_TEXT && c->size <= 0)
        c->size = 255;
    if (c->type == SQLT_INT && c->size != 10)
        c->size = 19;
    c->nullable = x->nullable ? 1 : 0;
    return 0;
}

/** Default name of an expression column. */
static void default_name(const expr *x, int pos, char *buf, size_t n)
{
    if (x->kind == EX_COL || (x->kind == EX_PARAM && x->name))
        snprintf(buf, n, "%s", x->name);
    else if (x->kind == EX_AGG)
        snprintf(buf, n, "%s", agg_name(x->op));
    else if (x->kind == EX_FUNC && x->name)
        snprintf(buf, n, "%s", x->name);
    else
        snprintf(buf, n, "EXPR%d", pos);
}

/** Expand the SELECT list into p->out and p->cols. */
static int bind_items(binder *b)
{
    sql_prepared *p = b->p;
    select_stmt *s = p->sel;
    for (int i = 0; i < s->nitems; i++) {
        sel_item *it = &s->items[i];
        if (it->star) {
            if (p->nsrc == 0)
                return err_set(b->e, "42000", "SELECT * needs a FROM clause (line %d, column %d).",
                               it->line, it->col);
            if (it->star_qual && !qual_known(p, it->star_qual))
                return err_set(b->e, "42S02", "'%s.*' does not name a table in the FROM clause "
                               "(line %d, column %d).", it->star_qual, it->line, it->col);
            for (int k = 0; k < p->nsrc; k++) {
                const sql_src *sr = &p->srcs[k];
                if (it->star_qual && !src_qual_matches(sr, it->star_qual))
                    continue;
                for (int c = 0; c < sr->ncols; c++) {
                    expr *x = expr_new(EX_COL, 0, it->line, it->col);
                    if (!x)
                        return oom(b->e);
                    x->name = dupstr(sr->table->cols[c].name);
                    if (!x->name) {
                        expr_free(x);
                        return oom(b->e);
                    }
                    if (push_out(b, x) < 0)
                        return -1;
                    /* resolved directly: two tables may both have the column */
                    x->index = sr->offset + c;
                    x->type = sr->table->cols[c].type;
                    x->size = sr->table->cols[c].size;
                    x->nullable = 1;
                    int only = p->nsrc == 1;
                    if (only)
                        x->nullable = sr->table->cols[c].nullable;
                    if (x->type == SQLT_NULL) {
                        x->type = SQLT_TEXT; /* a derived column that is always NULL */
                        x->size = 1;
                    }
                    if (push_col(b, x->name, x) < 0)
                        return -1;
                }
            }
            continue;
        }
        expr *x = it->e;
        it->e = NULL;
        if (push_out(b, x) < 0)
            return -1;
        if (bind_expr(b, x, NULL, 0) < 0)
            return -1;
        char name[128];
        default_name(x, i + 1, name, sizeof name);
        if (push_col(b, it->alias ? it->alias : name, x) < 0)
            return -1;
    }
    return 0;
}

/** Resolve ORDER BY into sort keys (positions, aliases, expressions, hidden keys). */
static int bind_order(binder *b)
{
    sql_prepared *p = b->p;
    select_stmt *s = p->sel;
    if (!s->norder)
        return 0;
    p->sort_col = calloc((size_t)s->norder, sizeof *p->sort_col);
    p->sort_desc = calloc((size_t)s->norder, sizeof *p->sort_desc);
    p->sort_nulls_first = calloc((size_t)s->norder, sizeof *p->sort_nulls_first);
    if (!p->sort_col || !p->sort_desc || !p->sort_nulls_first)
        return oom(b->e);
    for (int k = 0; k < s->norder; k++) {
        order_item *o = &s->order[k];
        expr *x = o->e;
        int idx = -1;
        p->sort_desc[k] = o->desc;
        /* NULLs sort low: first when ascending, last when descending, unless told otherwise */
        p->sort_nulls_first[k] = o->nulls ? o->nulls == 1 : !o->desc;
        if (x->kind == EX_LIT && x->lit.type == SQLT_INT) {
            if (x->lit.u.i < 1 || x->lit.u.i > p->ncols)
                return err_set(b->e, "42000", "ORDER BY position %lld is not in the select list "
                               "(1 to %d) (line %d, column %d).", (long long)x->lit.u.i, p->ncols,
                               x->line, x->col);
            idx = (int)x->lit.u.i - 1;
        } else if (x->kind == EX_COL && !x->qual) {
            for (int i = 0; i < p->ncols && idx < 0; i++) {
                /* an output name that is an alias (not a plain column) wins */
                if (strcasecmp(p->cols[i].name, x->name) == 0 && !(p->out[i]->kind == EX_COL &&
                    strcasecmp(p->cols[i].name, col_name_at(p, p->out[i]->index)) == 0))
                    idx = i;
            }
        }
        if (idx < 0) {
            if (bind_expr(b, x, NULL, 0) < 0)
                return -1;
            for (int i = 0; i < p->ncols && idx < 0; i++)
                if (expr_equal(p->out[i], x))
                    idx = i;
            if (idx < 0 && x->kind == EX_COL && !x->qual) {
                /* an alias that happens to equal a column name of another item */
                for (int i = 0; i < p->ncols && idx < 0; i++)
                    if (strcasecmp(p->cols[i].name, x->name) == 0)
                        idx = i;
            }
            if (idx < 0) {
                if (s->distinct)
                    return err_set(b->e, "42000", "With SELECT DISTINCT, ORDER BY expressions must appear "
                                   "in the select list (line %d, column %d).", x->line, x->col);
                o->e = NULL;
                if (push_out(b, x) < 0)
                    return -1;
                idx = p->nout - 1;
            }
        }
        p->sort_col[k] = idx;
        p->nsort++;
    }
    return 0;
}

/** A row count expression (TOP/LIMIT/OFFSET): a non-negative integer or `?`. */
static int bind_count(binder *b, expr *x, const char *what)
{
    if (!x)
        return 0;
    if (bind_expr(b, x, what, 0) < 0)
        return -1;
    if (x->kind == EX_LIT && (x->lit.type != SQLT_INT || x->lit.u.i < 0))
        return err_set(b->e, "42000", "%s must be a non-negative whole number (line %d, column %d).",
                       what, x->line, x->col);
    return 0;
}

/** sql_bind_child; derived: sel is a FROM item or UNION branch (the parent's FROM items are invisible). */
static int bind_child_scope(sql_prepared *parent, select_stmt *sel, int derived, sql_prepared **out, err *e)
{
    *out = NULL;
    sql_prepared *c = calloc(1, sizeof *c);
    if (!c)
        return oom(e);
    c->s = parent->s;
    c->refs = 1;
    c->sel = sel;
    c->nparams = parent->nparams;
    c->nbase = parent->nparams;
    c->derived = derived;
    c->outer = parent;
    if (sql_bind(c, e) < 0) {
        sql_prepared_unref(c);
        return -1;
    }
    c->outer = NULL; /* only needed while binding */
    *out = c;
    return 0;
}

int sql_bind_child(sql_prepared *parent, select_stmt *sel, sql_prepared **out, err *e)
{
    return bind_child_scope(parent, sel, 0, out, e);
}

/** 1 if the UNION just before branch i of the chain starting at q is UNION ALL. */
static int q_prev_all(select_stmt *q, int i)
{
    for (int k = 0; k < i - 1 && q; k++)
        q = q->next_union;
    return q ? q->union_all : 1;
}

/** Common type of two result columns of a UNION. */
static void union_type(table_col *c, const sql_colinfo *o)
{
    if (o->nullable)
        c->nullable = 1;
    if (o->size > c->size)
        c->size = o->size;
    if (c->type == o->type || o->type == SQLT_NULL)
        return;
    if (c->type == SQLT_NULL)
        c->type = o->type;
    else if ((c->type == SQLT_INT || c->type == SQLT_DOUBLE || c->type == SQLT_BOOL) &&
             (o->type == SQLT_INT || o->type == SQLT_DOUBLE || o->type == SQLT_BOOL))
        c->type = (c->type == SQLT_DOUBLE || o->type == SQLT_DOUBLE) ? SQLT_DOUBLE : SQLT_INT;
    else
        c->type = SQLT_TEXT;
    if (c->type == SQLT_TEXT && c->size < 40)
        c->size = 40;
    if (c->type == SQLT_INT)
        c->size = 19;
}

/** Bind a derived table (a subquery in FROM, maybe a UNION chain) into source sr. */
static int bind_derived(binder *b, sql_src *sr, select_stmt *sub, int line, int col)
{
    sql_prepared *p = b->p;
    int n = 0;
    for (select_stmt *q = sub; q; q = q->next_union)
        n++;
    sr->branches = calloc((size_t)n, sizeof *sr->branches);
    if (!sr->branches)
        return oom(b->e);
    sr->distinct_upto = -1;
    int i = 0;
    for (select_stmt *q = sub; q; q = q->next_union, i++) {
        /* a derived table cannot see the other FROM items (no LATERAL): bind it on its own */
        int rc = bind_child_scope(p, q, 1, &sr->branches[i], b->e);
        if (rc < 0)
            return -1;
        sr->nbranches++;
        if (i > 0 && sr->branches[i]->ncols != sr->branches[0]->ncols)
            return err_set(b->e, "42000", "Each SELECT of a UNION must return the same number of columns: "
                           "the first returns %d, SELECT %d returns %d (line %d, column %d).",
                           sr->branches[0]->ncols, i + 1, sr->branches[i]->ncols, line, col);
        if (i > 0 && !q_prev_all(sub, i))
            sr->distinct_upto = i;
    }
    sql_prepared *f = sr->branches[0];
    sr->ncols = f->ncols;
    sr->dcols = calloc((size_t)(f->ncols ? f->ncols : 1), sizeof *sr->dcols);
    if (!sr->dcols)
        return oom(b->e);
    for (int c = 0; c < f->ncols; c++) {
        table_col *tc = &sr->dcols[c];
        tc->name = dupstr(f->cols[c].name);
        if (!tc->name)
            return oom(b->e);
        tc->type = f->cols[c].type;
        tc->size = f->cols[c].size;
        tc->nullable = f->cols[c].nullable;
        for (int k = 1; k < sr->nbranches; k++)
            union_type(tc, &sr->branches[k]->cols[c]);
    }
    sr->ddef.name = sr->alias ? sr->alias : "(subquery)";
    sr->ddef.type = "VIEW";
    sr->ddef.ncols = sr->ncols;
    sr->ddef.cols = sr->dcols;
    sr->table = &sr->ddef;
    return 0;
}

/** Build p->srcs from the FROM items of p->sel. */
static int bind_from(binder *b)
{
    sql_prepared *p = b->p;
    select_stmt *s = p->sel;
    err *e = b->e;
    if (!s->has_from || s->nfrom == 0)
        return 0;
    p->srcs = calloc((size_t)s->nfrom, sizeof *p->srcs);
    if (!p->srcs)
        return oom(e);
    for (int k = 0; k < s->nfrom; k++) {
        from_item *f = &s->from[k];
        sql_src *sr = &p->srcs[k];
        p->nsrc++;
        sr->join = f->join;
        sr->on = f->on;
        if (f->alias && !(sr->alias = dupstr(f->alias)))
            return oom(e);
        if (f->sub) {
            sr->kind = SRC_DERIVED;
            if (bind_derived(b, sr, f->sub, f->line, f->col) < 0)
                return -1;
        } else {
            sr->kind = SRC_TABLE;
            err_clear(e);
            sr->table = p->s->prov->ops->find_table(p->s->prov, f->schema, f->table, e);
            if (!sr->table) {
                if (!e->set)
                    err_set(e, "42S02", "Table '%s%s%s' does not exist.", f->schema ? f->schema : "",
                            f->schema ? "." : "", f->table);
                return -1;
            }
            sr->ncols = sr->table->ncols;
        }
        sr->offset = p->width;
        p->width += sr->ncols;
        /* the same name twice needs an alias */
        for (int j = 0; j < k; j++) {
            const sql_src *o = &p->srcs[j];
            const char *n1 = sr->alias ? sr->alias : sr->kind == SRC_TABLE ? sr->table->name : NULL;
            const char *n2 = o->alias ? o->alias : o->kind == SRC_TABLE ? o->table->name : NULL;
            if (n1 && n2 && strcasecmp(n1, n2) == 0)
                return err_set(e, "42000", "The FROM clause names '%s' twice (line %d, column %d); give "
                               "each a different alias.", n1, f->line, f->col);
        }
    }
    if (p->nsrc == 1 && p->srcs[0].kind == SRC_TABLE)
        p->table = p->srcs[0].table;
    else
        p->multi = 1;
    return 0;
}

/** Bind the ON conditions of the joins. */
static int bind_on(binder *b)
{
    sql_prepared *p = b->p;
    for (int k = 0; k < p->nsrc; k++) {
        expr *on = p->srcs[k].on;
        if (!on)
            continue;
        if (bind_expr(b, on, "ON", 0) < 0)
            return -1;
        if (on->type == SQLT_TEXT || on->type == SQLT_TIMESTAMP || on->type == SQLT_DOUBLE)
            return err_set(b->e, "42000", "The ON clause must be a condition, not a %s value (line %d, "
                           "column %d).", sqltype_name(on->type), on->line, on->col);
    }
    return 0;
}

/**
 * HAVING may name a select-list alias (`SELECT COUNT(*) AS n ... HAVING n > 1`):
 * an unqualified name that is not a column of the FROM items but is the name
 * of a result column is replaced by a copy of that column's expression.
 * Returns 0 or -1.
 */
static int having_aliases(binder *b, expr **px)
{
    expr *x = *px;
    if (!x)
        return 0;
    sql_prepared *p = b->p;
    if (x->kind == EX_COL && !x->qual && x->index < 0) {
        int ci, cs;
        if (p->nsrc && find_col(p, NULL, x->name, &ci, &cs) > 0)
            return 0; /* a column of the table wins, as in GROUP BY */
        for (int k = 0; k < p->ncols; k++)
            if (strcasecmp(p->cols[k].name, x->name) == 0) {
                expr *c = expr_dup(p->out[k]);
                if (!c)
                    return oom(b->e);
                expr_free(x);
                *px = c;
                return 0;
            }
        return 0;
    }
    for (int i = 0; i < x->nargs; i++)
        if (having_aliases(b, &x->args[i]) < 0)
            return -1;
    return 0;
}

int sql_bind(sql_prepared *p, err *e)
{
    binder b = { p, e };
    select_stmt *s = p->sel;
    if (bind_from(&b) < 0 || bind_on(&b) < 0)
        return -1;
    if (bind_items(&b) < 0)
        return -1;
    if (s->where) {
        if (bind_expr(&b, s->where, "WHERE", 0) < 0)
            return -1;
        if (s->where->type == SQLT_TEXT || s->where->type == SQLT_TIMESTAMP || s->where->type == SQLT_DOUBLE)
            return err_set(e, "42000", "The WHERE clause must be a condition, not a %s value (line %d, "
                           "column %d).", sqltype_name(s->where->type), s->where->line, s->where->col);
    }
    for (int i = 0; i < s->ngroup; i++) {
        expr *g = s->group[i];
        if (g->kind == EX_LIT && g->lit.type == SQLT_INT) {
            /* GROUP BY position */
            if (g->lit.u.i < 1 || g->lit.u.i > p->ncols)
                return err_set(e, "42000", "GROUP BY position %lld is not in the select list (line %d, "
                               "column %d).", (long long)g->lit.u.i, g->line, g->col);
            expr *c = expr_dup(p->out[g->lit.u.i - 1]);
            if (!c)
                return oom(e);
            expr_free(g);
            s->group[i] = g = c;
            if (expr_has_agg(g))
                return err_set(e, "42000", "GROUP BY cannot refer to an aggregate (position %d).", i + 1);
        } else if (g->kind == EX_COL && !g->qual && p->nsrc) {
            /* GROUP BY alias, when it is not a column of the table */
            int ci, cs;
            int is_col = find_col(p, NULL, g->name, &ci, &cs) > 0;
            for (int k = 0; !is_col && k < p->ncols; k++)
                if (strcasecmp(p->cols[k].name, g->name) == 0 && !expr_has_agg(p->out[k])) {
                    expr *c = expr_dup(p->out[k]);
                    if (!c)
                        return oom(e);
                    expr_free(g);
                    s->group[i] = g = c;
                    break;
                }
        }
        if (bind_expr(&b, g, "GROUP BY", 0) < 0)
            return -1;
    }
    if (having_aliases(&b, &s->having) < 0 || bind_expr(&b, s->having, NULL, 0) < 0)
        return -1;
    if (bind_order(&b) < 0)
        return -1;
    if (bind_count(&b, s->top, "TOP") < 0 || bind_count(&b, s->limit, "LIMIT") < 0 ||
        bind_count(&b, s->offset, "OFFSET") < 0)
        return -1;
    for (int i = 0; i < p->nout; i++)
        if (collect_aggs(&b, p->out[i]) < 0)
            return -1;
    if (collect_aggs(&b, s->having) < 0)
        return -1;
    p->is_agg = p->naggs > 0 || s->ngroup > 0 || s->having;
    if (p->is_agg) {
        for (int i = 0; i < p->nout; i++)
            if (check_grouped(&b, p->out[i]) < 0)
                return -1;
        if (check_grouped(&b, s->having) < 0)
            return -1;
    }
    return 0;
}

void colinfo_free(sql_colinfo *c, int n)
{
    if (!c)
        return;
    for (int i = 0; i < n; i++) {
        free(c[i].name);
        free(c[i].base_name);
        free(c[i].table);
        free(c[i].schema);
    }
    free(c);
}
