/**
 * @file planner.c
 * Execution planning: evaluates TOP/LIMIT/OFFSET, detects a WHERE clause
 * that can never be true, and turns WHERE into the constraint tree handed to
 * the provider. Every node produced is IMPLIED by the part of WHERE it comes
 * from (the provider may return a superset; the executor re-applies the whole
 * WHERE to every row).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sql/cons.h"
#include "sql/expr.h"
#include "sql/prepared.h"

/** Outcome of converting a WHERE fragment. */
enum { B_NONE = 0, B_NODE = 1, B_FALSE = 2 };

typedef struct cbuild {
    const table_def *t;
    eval_ctx         ctx;
    err             *e;
    int              off;   /**< the table's first column in the combined row */
    int              partial; /**< 1 once a condition was left out of the tree or widened */
} cbuild;

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while planning the query."); }

/** 1 if x is a constant: no columns, no aggregates, no subquery whose value is not known yet. */
static int is_const_b(const cbuild *b, const expr *x)
{
    return !expr_has_col(x) && !expr_has_agg(x) && (b->ctx.subq || !expr_has_subq(x));
}

/** 1 if x is a bare reference to a column of the table being planned. */
static int is_colref_b(const cbuild *b, const expr *x)
{
    return x->kind == EX_COL && x->index >= b->off && x->index < b->off + b->t->ncols;
}

/** Index into the table's columns of a column reference. */
#define CI(x) ((x)->index - b->off)

/**
 * Coerce constant v to the type of column col. Returns 1 done, 0 not
 * representable as a pushable value (the comparison stays local), -1 error.
 */
static int coerce(cbuild *b, int col, sql_value *v)
{
    enum sqltype ct = b->t->cols[col].type;
    const char *cname = b->t->cols[col].name;
    if (v->type == ct)
        return 1;
    switch (ct) {
    case SQLT_TEXT:
        return 0; /* text column vs number/timestamp compares by converting the column: not pushable */
    case SQLT_INT:
        if (v->type == SQLT_BOOL) {
            v->type = SQLT_INT;
            return 1;
        }
        if (v->type == SQLT_TEXT) {
            sql_value n = { 0 };
            if (text_to_number(v->u.s.ptr, &n) < 0)
                return err_set(b->e, "22018", "'%.60s' is not a valid number for column %s.",
                               v->u.s.ptr, cname);
            sqlval_move(v, &n);
            if (v->type == SQLT_INT)
                return 1;
        }
        if (v->type == SQLT_DOUBLE && v->u.d == floor(v->u.d) && fabs(v->u.d) < 9.0e18) {
            sqlval_set_int(v, (int64_t)v->u.d);
            return 1;
        }
        return 0;
    case SQLT_DOUBLE:
        if (v->type == SQLT_INT || v->type == SQLT_BOOL) {
            sqlval_set_double(v, (double)v->u.i);
            return 1;
        }
        if (v->type == SQLT_TEXT) {
            if (sqlval_cast(v, SQLT_DOUBLE, NULL) < 0)
                return err_set(b->e, "22018", "'%.60s' is not a valid number for column %s.",
                               v->u.s.ptr, cname);
            return 1;
        }
        return 0;
    case SQLT_BOOL:
        if ((v->type == SQLT_INT && (v->u.i == 0 || v->u.i == 1)) ||
            (v->type == SQLT_DOUBLE && (v->u.d == 0 || v->u.d == 1))) {
            sqlval_set_bool(v, v->type == SQLT_INT ? v->u.i != 0 : v->u.d != 0);
            return 1;
        }
        if (v->type == SQLT_TEXT) {
            if (sqlval_cast(v, SQLT_BOOL, NULL) < 0)
                return err_set(b->e, "22018", "'%.60s' is not a valid BIT value for column %s; use 1, 0, "
                               "TRUE or FALSE.", v->u.s.ptr, cname);
            return 1;
        }
        return 0;
    case SQLT_TIMESTAMP:
        if (v->type == SQLT_TEXT) {
            if (sqlval_cast(v, SQLT_TIMESTAMP, NULL) < 0)
                return err_set(b->e, "22018", "'%.60s' is not a valid timestamp for column %s; use "
                               "'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS[.fff][Z]'.", v->u.s.ptr, cname);
            return 1;
        }
        return 0;
    default:
        return 0;
    }
}

/**
 * Evaluate a constant expression. Returns 1 with *v set, 0 if evaluation
 * failed (left to local evaluation, which reports it for each row).
 */
static int const_value(cbuild *b, const expr *x, sql_value *v)
{
    err tmp;
    err_clear(&tmp);
    if (expr_eval(x, &b->ctx, v, &tmp) < 0)
        return 0;
    return 1;
}

/** A leaf op(col, v) with v coerced. Returns B_* or -1. */
static int leaf1(cbuild *b, enum cons_op op, int col, sql_value *v, cons **out)
{
    if (v->type == SQLT_NULL)
        return B_FALSE;
    int r = coerce(b, col, v);
    if (r <= 0) {
        sqlval_clear(v);
        return r < 0 ? -1 : B_NONE;
    }
    cons *c = cons_leaf(op, col, 1);
    if (!c) {
        sqlval_clear(v);
        return oom(b->e);
    }
    sqlval_move(&c->vals[0], v);
    *out = c;
    return B_NODE;
}

static enum cons_op cmp_to_cons(int op)
{
    switch (op) {
    case CMP_EQ: return CONS_EQ;
    case CMP_NE: return CONS_NE;
    case CMP_LT: return CONS_LT;
    case CMP_LE: return CONS_LE;
    case CMP_GT: return CONS_GT;
    default: return CONS_GE;
    }
}

/** The comparison seen from the other side: lit < col is col > lit. */
static int flip_cmp(int op)
{
    switch (op) {
    case CMP_LT: return CMP_GT;
    case CMP_LE: return CMP_GE;
    case CMP_GT: return CMP_LT;
    case CMP_GE: return CMP_LE;
    default: return op;
    }
}

/** NOT (a op b) is exactly a op' b in three-valued logic. */
static int negate_cmp(int op)
{
    switch (op) {
    case CMP_EQ: return CMP_NE;
    case CMP_NE: return CMP_EQ;
    case CMP_LT: return CMP_GE;
    case CMP_LE: return CMP_GT;
    case CMP_GT: return CMP_LE;
    default: return CMP_LT;
    }
}

static int build(cbuild *b, const expr *x, cons **out);

static int build_cmp(cbuild *b, const expr *x, int op, cons **out)
{
    const expr *l = x->args[0], *r = x->args[1];
    if (!is_colref_b(b, l)) {
        const expr *t = l;
        l = r;
        r = t;
        op = flip_cmp(op);
    }
    if (!is_colref_b(b, l) || !is_const_b(b, r))
        return B_NONE;
    sql_value v = { 0 };
    if (!const_value(b, r, &v))
        return B_NONE;
    return leaf1(b, cmp_to_cons(op), CI(l), &v, out);
}

/** Decode one pattern element (literal bytes into lit and litlen), returns kind: 0 literal, '%', '_'. */
static int pat_elem(const char *p, size_t n, size_t *i, const char *esc, size_t esclen,
                    const char **lit, size_t *litlen)
{
    size_t l = (size_t)utf8_len((unsigned char)p[*i]);
    if (*i + l > n)
        l = n - *i;
    if (esc && l == esclen && memcmp(p + *i, esc, esclen) == 0 && *i + l < n) {
        size_t l2 = (size_t)utf8_len((unsigned char)p[*i + l]);
        if (*i + l + l2 > n)
            l2 = n - *i - l;
        *lit = p + *i + l;
        *litlen = l2;
        *i += l + l2;
        return 0;
    }
    if (p[*i] == '%' || p[*i] == '_') {
        int k = p[*i];
        *i += 1;
        return k;
    }
    *lit = p + *i;
    *litlen = l;
    *i += l;
    return 0;
}

/** col LIKE 'pattern' -> EQ / PREFIX / SUFFIX / CONTAINS (implied by the pattern). */
static int build_like(cbuild *b, const expr *x, cons **out)
{
    const expr *s = x->args[0];
    if (x->negated || !is_colref_b(b, s) || b->t->cols[CI(s)].type != SQLT_TEXT || !is_const_b(b, x->args[1]) ||
        (x->nargs > 2 && !is_const_b(b, x->args[2])))
        return B_NONE;
    sql_value pv = { 0 }, ev = { 0 };
    int rc = B_NONE;
    if (!const_value(b, x->args[1], &pv))
        return B_NONE;
    if (x->nargs > 2 && !const_value(b, x->args[2], &ev)) {
        sqlval_clear(&pv);
        return B_NONE;
    }
    if (pv.type == SQLT_NULL || (x->nargs > 2 && ev.type == SQLT_NULL)) {
        rc = B_FALSE;
        goto done;
    }
    if (pv.type != SQLT_TEXT || (x->nargs > 2 && (ev.type != SQLT_TEXT || ev.u.s.len == 0 ||
                                                   (size_t)utf8_len((unsigned char)ev.u.s.ptr[0]) != ev.u.s.len)))
        goto done;
    const char *esc = x->nargs > 2 ? ev.u.s.ptr : NULL;
    size_t esclen = x->nargs > 2 ? ev.u.s.len : 0;
    if (esc && sql_like("", 0, pv.u.s.ptr, pv.u.s.len, esc, esclen) < 0)
        goto done; /* malformed pattern: local evaluation reports it */
    /* split the pattern into literal runs and wildcards */
    const char *p = pv.u.s.ptr;
    size_t n = pv.u.s.len, i = 0;
    char *runs = malloc(n + 1);
    if (!runs) {
        rc = oom(b->e);
        goto done;
    }
    size_t prefix_len = 0, last_start = 0, last_len = 0, best_start = 0, best_len = 0, cur_start = 0,
           cur_len = 0, o = 0;
    int seen_wild = 0, ends_literal = 0, nruns = 0, under = 0;
    while (i < n) {
        const char *lit;
        size_t ll;
        int k = pat_elem(p, n, &i, esc, esclen, &lit, &ll);
        if (k == '_')
            under = 1;
        if (k) {
            if (cur_len > best_len) {
                best_start = cur_start;
                best_len = cur_len;
            }
            cur_len = 0;
            seen_wild = 1;
            ends_literal = 0;
            continue;
        }
        if (cur_len == 0) {
            cur_start = o;
            nruns++;
        }
        memcpy(runs + o, lit, ll);
        o += ll;
        cur_len += ll;
        if (!seen_wild)
            prefix_len += ll;
        ends_literal = 1;
        last_start = cur_start;
        last_len = cur_len;
    }
    if (cur_len > best_len) {
        best_start = cur_start;
        best_len = cur_len;
    }
    enum cons_op op;
    size_t vs, vl;
    if (seen_wild && (under || nruns != 1))
        b->partial = 1; /* the prefix/suffix/contains test is wider than the pattern */
    if (!seen_wild) {
        op = CONS_EQ;
        vs = 0;
        vl = o;
    } else if (prefix_len > 0) {
        op = CONS_PREFIX;
        vs = 0;
        vl = prefix_len;
    } else if (ends_literal && last_len > 0) {
        op = CONS_SUFFIX;
        vs = last_start;
        vl = last_len;
    } else if (best_len > 0) {
        op = CONS_CONTAINS;
        vs = best_start;
        vl = best_len;
    } else {
        free(runs);
        goto done;
    }
    cons *c = cons_leaf(op, CI(s), 1);
    if (!c || sqlval_set_text_len(&c->vals[0], runs + vs, vl) < 0) {
        cons_free(c);
        free(runs);
        rc = oom(b->e);
        goto done;
    }
    free(runs);
    *out = c;
    rc = B_NODE;
done:
    sqlval_clear(&pv);
    sqlval_clear(&ev);
    return rc;
}

static int build_in(cbuild *b, const expr *x, cons **out)
{
    const expr *s = x->args[0];
    if (x->negated || !is_colref_b(b, s))
        return B_NONE;
    for (int i = 1; i < x->nargs; i++)
        if (!is_const_b(b, x->args[i]))
            return B_NONE;
    cons *c = cons_leaf(CONS_IN, CI(s), x->nargs - 1);
    if (!c)
        return oom(b->e);
    int n = 0;
    for (int i = 1; i < x->nargs; i++) {
        sql_value v = { 0 };
        if (!const_value(b, x->args[i], &v)) {
            cons_free(c);
            return B_NONE;
        }
        if (v.type == SQLT_NULL)
            continue; /* x IN (a, NULL) is true exactly when x = a */
        int r = coerce(b, CI(s), &v);
        if (r <= 0) {
            sqlval_clear(&v);
            cons_free(c);
            return r < 0 ? -1 : B_NONE;
        }
        sqlval_move(&c->vals[n++], &v);
    }
    c->nvals = n;
    if (n == 0) {
        cons_free(c);
        return B_FALSE;
    }
    *out = c;
    return B_NODE;
}

/** col IN (SELECT ...) with the subquery's values known: an IN leaf like a literal list. */
static int build_in_subq(cbuild *b, const expr *x, cons **out)
{
    const expr *s = x->args[0];
    if (x->negated || !is_colref_b(b, s) || !b->ctx.subq || !b->ctx.subq[x->index].done)
        return B_NONE;
    const subq_val *sv = &b->ctx.subq[x->index];
    if (sv->nlist == 0)
        return B_FALSE; /* nothing can match (a NULL in the list only makes it unknown) */
    cons *c = cons_leaf(CONS_IN, CI(s), (int)sv->nlist);
    if (!c)
        return oom(b->e);
    int n = 0;
    for (size_t i = 0; i < sv->nlist; i++) {
        sql_value v = { 0 };
        if (sqlval_copy(&v, &sv->list[i]) < 0) {
            cons_free(c);
            return oom(b->e);
        }
        err tmp;
        err_clear(&tmp);
        err *saved = b->e;
        b->e = &tmp;
        int r = coerce(b, CI(s), &v);
        b->e = saved;
        if (r <= 0) {
            sqlval_clear(&v);
            cons_free(c);
            return B_NONE; /* a value of another type: compared locally */
        }
        sqlval_move(&c->vals[n++], &v);
    }
    c->nvals = n;
    *out = c;
    return B_NODE;
}

/** Combine two results under AND. */
static int and2(cbuild *b, int r1, cons *c1, int r2, cons *c2, cons **out)
{
    if (r1 == B_FALSE || r2 == B_FALSE) {
        cons_free(c1);
        cons_free(c2);
        return B_FALSE;
    }
    if (r1 == B_NODE && r2 == B_NODE) {
        cons *k[2] = { c1, c2 };
        *out = cons_group(CONS_AND, k, 2);
        return *out ? B_NODE : oom(b->e);
    }
    if (r1 == B_NODE) {
        *out = c1;
        return B_NODE;
    }
    if (r2 == B_NODE) {
        *out = c2;
        return B_NODE;
    }
    return B_NONE;
}

static int build_node(cbuild *b, const expr *x, cons **out);

/**
 * The constraint tree of x (B_NODE), B_NONE when nothing of x can be pushed,
 * B_FALSE when x can never be true. Leaving out a condition that is not a
 * constant marks the build partial.
 */
static int build(cbuild *b, const expr *x, cons **out)
{
    int r = build_node(b, x, out);
    if (r == B_NONE && !is_const_b(b, x))
        b->partial = 1;
    return r;
}

static int build_node(cbuild *b, const expr *x, cons **out)
{
    *out = NULL;
    if (is_const_b(b, x)) {
        int t;
        if (expr_truth(x, &b->ctx, &t, b->e) < 0)
            return -1;
        return t == 1 ? B_NONE : B_FALSE;
    }
    if (x->kind == EX_SUBQ)
        return x->op == SQ_IN ? build_in_subq(b, x, out) : B_NONE;
    switch (x->kind) {
    case EX_AND: {
        cons *c1 = NULL, *c2 = NULL;
        int r1 = build(b, x->args[0], &c1);
        if (r1 < 0)
            return -1;
        int r2 = build(b, x->args[1], &c2);
        if (r2 < 0) {
            cons_free(c1);
            return -1;
        }
        return and2(b, r1, c1, r2, c2, out);
    }
    case EX_OR: {
        cons *c1 = NULL, *c2 = NULL;
        int r1 = build(b, x->args[0], &c1);
        if (r1 < 0)
            return -1;
        int r2 = build(b, x->args[1], &c2);
        if (r2 < 0) {
            cons_free(c1);
            return -1;
        }
        if (r1 == B_NONE || r2 == B_NONE) {
            cons_free(c1);
            cons_free(c2);
            return B_NONE;
        }
        if (r1 == B_FALSE && r2 == B_FALSE)
            return B_FALSE;
        if (r1 == B_FALSE) {
            *out = c2;
            return B_NODE;
        }
        if (r2 == B_FALSE) {
            *out = c1;
            return B_NODE;
        }
        cons *k[2] = { c1, c2 };
        *out = cons_group(CONS_OR, k, 2);
        return *out ? B_NODE : oom(b->e);
    }
    case EX_NOT: {
        const expr *a = x->args[0];
        if (a->kind == EX_ISNULL && is_colref_b(b, a->args[0])) {
            *out = cons_leaf(a->negated ? CONS_ISNULL : CONS_NOTNULL, CI(a->args[0]), 0);
            return *out ? B_NODE : oom(b->e);
        }
        if (a->kind == EX_NOT)
            return build(b, a->args[0], out);
        if (a->kind == EX_CMP)
            return build_cmp(b, a, negate_cmp(a->op), out);
        if (is_colref_b(b, a) && b->t->cols[CI(a)].type == SQLT_BOOL) {
            sql_value v = { 0 };
            sqlval_set_bool(&v, 0);
            return leaf1(b, CONS_EQ, CI(a), &v, out);
        }
        return B_NONE;
    }
    case EX_CMP:
        return build_cmp(b, x, x->op, out);
    case EX_LIKE:
        return build_like(b, x, out);
    case EX_IN:
        return build_in(b, x, out);
    case EX_ISNULL:
        if (!is_colref_b(b, x->args[0]))
            return B_NONE;
        *out = cons_leaf(x->negated ? CONS_NOTNULL : CONS_ISNULL, CI(x->args[0]), 0);
        return *out ? B_NODE : oom(b->e);
    case EX_BETWEEN: {
        if (x->negated || !is_colref_b(b, x->args[0]) || !is_const_b(b, x->args[1]) || !is_const_b(b, x->args[2]))
            return B_NONE;
        sql_value lo = { 0 }, hi = { 0 };
        if (!const_value(b, x->args[1], &lo))
            return B_NONE;
        if (!const_value(b, x->args[2], &hi)) {
            sqlval_clear(&lo);
            return B_NONE;
        }
        cons *c1 = NULL, *c2 = NULL;
        int r1 = leaf1(b, CONS_GE, CI(x->args[0]), &lo, &c1);
        if (r1 < 0) {
            sqlval_clear(&hi);
            return -1;
        }
        int r2 = leaf1(b, CONS_LE, CI(x->args[0]), &hi, &c2);
        if (r2 < 0) {
            cons_free(c1);
            return -1;
        }
        return and2(b, r1, c1, r2, c2, out);
    }
    case EX_COL:
        if (is_colref_b(b, x) && b->t->cols[CI(x)].type == SQLT_BOOL) {
            sql_value v = { 0 };
            sqlval_set_bool(&v, 1);
            return leaf1(b, CONS_EQ, CI(x), &v, out);
        }
        return B_NONE;
    default:
        return B_NONE;
    }
}

int sql_build_cons(const expr *w, const table_def *t, const sql_value *params, int nparams,
                   int64_t now_ms, cons **out, int *never, err *e)
{
    *out = NULL;
    *never = 0;
    if (!w)
        return 0;
    cbuild b = { t, { NULL, params, nparams, NULL, now_ms, NULL, NULL }, e, 0, 0 };
    cons *c = NULL;
    int r = build(&b, w, &c);
    if (r < 0)
        return -1;
    if (r == B_FALSE)
        *never = 1;
    else if (r == B_NODE)
        *out = c;
    return 0;
}

int sql_build_cons_ctx(const expr *w, const table_def *t, int off, const eval_ctx *ctx, cons **out,
                       int *never, err *e)
{
    return sql_build_cons_ctx_p(w, t, off, ctx, out, never, NULL, e);
}

int sql_build_cons_ctx_p(const expr *w, const table_def *t, int off, const eval_ctx *ctx, cons **out,
                         int *never, int *partial, err *e)
{
    if (partial)
        *partial = 0;
    *out = NULL;
    *never = 0;
    if (!w)
        return 0;
    cbuild b = { t, *ctx, e, off, 0 };
    b.ctx.row = NULL;
    b.ctx.aggs = NULL;
    cons *c = NULL;
    int r = build(&b, w, &c);
    if (r < 0)
        return -1;
    if (partial)
        *partial = b.partial;
    if (r == B_FALSE)
        *never = 1;
    else if (r == B_NODE)
        *out = c;
    return 0;
}

/** Evaluate a TOP/LIMIT/OFFSET count. */
static int eval_count(const expr *x, const eval_ctx *c, const char *what, int64_t *out, err *e)
{
    sql_value v = { 0 };
    if (expr_eval(x, c, &v, e) < 0)
        return -1;
    if (v.type == SQLT_NULL) {
        *out = -1;
        return 0;
    }
    if (sqlval_cast(&v, SQLT_INT, NULL) < 0 || v.u.i < 0) {
        sqlval_clear(&v);
        return err_set(e, "HY024", "%s must be a non-negative whole number.", what);
    }
    *out = v.u.i;
    return 0;
}

void subq_vals_free(subq_val *v, int n)
{
    if (!v)
        return;
    for (int i = 0; i < n; i++) {
        sqlval_clear(&v[i].v);
        for (size_t k = 0; k < v[i].nlist; k++)
            sqlval_clear(&v[i].list[k]);
        free(v[i].list);
        corr_state_free(v[i].corr);
    }
    free(v);
}

int sql_subq_fill(sql_prepared *child, const expr *x, const sql_value *params, int64_t now_ms,
                  struct sql_cancel *cancel, subq_val *sv, long *requests, err *e)
{
    sql_prepared *p = child;
    sql_result *res = NULL;
    if (sql_run_child(child, params, now_ms, cancel, &res, e) < 0)
        return -1;
    int rc = 0, nrows = 0;
    size_t cap = 0;
    for (;;) {
        int n = res->ops->next(res, e);
        if (n < 0) {
            rc = -1;
            break;
        }
        if (n == 0)
            break;
        nrows++;
        if (x->op == SQ_EXISTS)
            break;
        if (x->op == SQ_SCALAR) {
            if (nrows > 1) {
                rc = err_set(e, "21000", "The subquery at line %d, column %d returned more than one row; "
                             "a subquery used as a value must return at most one.", x->line, x->col);
                break;
            }
            if (sqlval_copy(&sv->v, &res->row[0]) < 0) {
                rc = oom(e);
                break;
            }
            continue;
        }
        if (res->row[0].type == SQLT_NULL) {
            sv->has_null = 1;
            continue;
        }
        if (sv->nlist == cap) {
            size_t nc = cap ? cap * 2 : 16;
            sql_value *nv = realloc(sv->list, nc * sizeof *nv);
            if (!nv) {
                rc = oom(e);
                break;
            }
            sv->list = nv;
            cap = nc;
        }
        sv->list[sv->nlist].type = SQLT_NULL;
        if (sqlval_copy(&sv->list[sv->nlist], &res->row[0]) < 0) {
            rc = oom(e);
            break;
        }
        sv->nlist++;
        if ((long)sv->nlist > p->s->max_held_rows) {
            rc = err_set(e, "HY001", "The subquery at line %d, column %d returned more than %ld values; "
                         "narrow it with WHERE.", x->line, x->col, p->s->max_held_rows);
            break;
        }
    }
    *requests += res->requests;
    res->ops->close(res);
    if (rc == 0 && x->op == SQ_EXISTS)
        sqlval_set_bool(&sv->v, nrows > 0);
    if (rc == 0)
        sv->done = 1;
    return rc;
}

int sql_plan_execution(sql_prepared *p, const sql_value *params, int64_t now_ms, exec_opts *o,
                       scan_plan *plan, err *e)
{
    select_stmt *s = p->sel;
    eval_ctx c = { NULL, params, p->nparams, NULL, now_ms, NULL, o->cancel };
    o->limit = -1;
    o->offset = 0;
    o->never = 0;
    o->subq = NULL;
    o->subq_requests = 0;
    memset(plan, 0, sizeof *plan);
    plan->limit = -1;
    plan->pushdown = p->s->pushdown;
    plan->table = p->table;
    if (s->top && eval_count(s->top, &c, "TOP", &o->limit, e) < 0)
        return -1;
    if (s->limit && eval_count(s->limit, &c, "LIMIT", &o->limit, e) < 0)
        return -1;
    if (s->offset) {
        if (eval_count(s->offset, &c, "OFFSET", &o->offset, e) < 0)
            return -1;
        if (o->offset < 0)
            o->offset = 0;
    }
    if (o->limit == 0) {
        o->never = 1; /* LIMIT 0 / TOP 0: no request at all, not even for subqueries */
        return 0;
    }
    if (p->nsubq && !o->no_subq) {
        o->subq = calloc((size_t)p->nsubq, sizeof *o->subq);
        if (!o->subq)
            return oom(e);
        for (int i = 0; i < p->nsubq; i++) {
            int rc = 0;
            if (p->subq[i]->ncorr) {
                /* correlated: run per distinct outer value while the rows are read */
                if (!(o->subq[i].corr = corr_state_new(p->subq[i], p->subq_expr[i])))
                    rc = oom(e);
            } else {
                rc = sql_subq_fill(p->subq[i], p->subq_expr[i], params, now_ms, o->cancel,
                                   &o->subq[i], &o->subq_requests, e);
            }
            if (rc < 0) {
                subq_vals_free(o->subq, p->nsubq);
                o->subq = NULL;
                return -1;
            }
        }
        c.subq = o->subq;
    }
    if (p->nsrc == 0) {
        /* no FROM: WHERE is constant */
        if (s->where && (c.subq || !expr_has_subq(s->where))) {
            int t;
            if (expr_truth(s->where, &c, &t, e) < 0)
                goto fail;
            o->never = t != 1;
        }
        return 0;
    }
    if (p->multi) {
        /* a WHERE that can never be true spares every scan; the rest is planned per source */
        cons *tmp = NULL;
        if (sql_build_cons_ctx(s->where, p->srcs[0].table, p->srcs[0].offset, &c, &tmp, &o->never, e) < 0)
            goto fail;
        cons_free(tmp);
        return 0;
    }
    if (sql_build_cons_ctx_p(s->where, p->table, 0, &c, &plan->where, &o->never, &o->where_partial,
                             e) < 0)
        goto fail;
    if (o->never) {
        cons_free(plan->where);
        plan->where = NULL;
    }
    /* the provider may stop early only when rows come out in scan order, one per input row,
       and every row it returns passes the whole WHERE (no condition was left out) */
    if (o->limit >= 0 && !p->is_agg && !p->nsort && !s->distinct && !o->where_partial)
        plan->limit = o->limit + o->offset;
    return 0;
fail:
    subq_vals_free(o->subq, p->nsubq);
    o->subq = NULL;
    return -1;
}

int sql_run_child(sql_prepared *p, const sql_value *params, int64_t now_ms, struct sql_cancel *cancel,
                  sql_result **out, err *e)
{
    exec_opts o;
    memset(&o, 0, sizeof o);
    o.cancel = cancel;
    scan_plan plan;
    if (sql_plan_execution(p, params, now_ms, &o, &plan, e) < 0)
        return -1;
    return sql_exec_start(p, params, now_ms, &o, &plan, out, e);
}
