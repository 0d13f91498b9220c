/**
 * @file join.c
 * FROM clauses with several sources (joins) or derived tables: chooses the
 * join order and strategy, reads each source once and builds the combined
 * rows (p->width values each) that the executor filters with WHERE.
 *
 * Strategy per join step: when an equality `new.col = earlier.col` links the
 * new table to the rows built so far, the distinct key values of those rows
 * are pushed to the new table as an IN constraint (the provider batches
 * it), so the larger table is not scanned and key-only tables
 * (UserGroupAssociations needs UserId) become joinable; the match itself is a
 * hash join on that key. Without such an equality the new source is read with
 * its own pushable conditions and matched by nested loops over the rows held.
 * Joins that are all INNER/CROSS are reordered: the source with the fewest
 * estimated requests first, then sources linked by a key. Outer joins keep
 * the FROM order. Everything is held in memory, bounded by the session's
 * max_held_rows (HY001 beyond it).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sql/cancel.h"
#include "sql/cons.h"
#include "sql/expr.h"
#include "sql/prepared.h"

#define MAX_JOIN_SOURCES 32

/** One conjunct of WHERE/ON with the set of sources it references. */
typedef struct conj {
    const expr *x;
    unsigned    mask;   /**< bit k: uses columns of source k */
    int         on_of;  /**< source whose ON it comes from, -1 for WHERE */
    int         used;   /**< applied at some join step */
} conj;

/** One step of the join: read source src and match it with the rows so far. */
typedef struct jstep {
    int         src;
    int         key_col;    /**< combined index of src's key column, -1 none */
    const expr *key_other;  /**< the other side of the key equality (over earlier sources) */
    int         push;       /**< push the key values as IN */
    int         hash;       /**< hash join on the key */
    double      est;        /**< estimated requests of src alone (HUGE_VAL: cannot be read alone) */
    double      keyed_est;  /**< estimated requests with the key pushed (HUGE_VAL: no push) */
} jstep;

typedef struct jplan {
    sql_prepared *p;
    const eval_ctx *ctx;
    int      n;
    jstep    steps[MAX_JOIN_SOURCES];
    int      outer;          /**< any LEFT/RIGHT/FULL join: FROM order, ON per step */
    conj    *cj;
    int      ncj;
    err     *e;
} jplan;

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while joining tables."); }

/** Bit mask of the sources whose columns x uses. */
static unsigned src_mask(const sql_prepared *p, const expr *x)
{
    if (!x)
        return 0;
    unsigned m = 0;
    if (x->kind == EX_COL)
        for (int k = 0; k < p->nsrc; k++)
            if (x->index >= p->srcs[k].offset && x->index < p->srcs[k].offset + p->srcs[k].ncols)
                m |= 1u << k;
    for (int i = 0; i < x->nargs; i++)
        m |= src_mask(p, x->args[i]);
    if (x->kind == EX_SUBQ && x->correlated && x->index >= 0 && x->index < p->nsubq)
        for (int k = 0; k < p->subq[x->index]->ncorr; k++)
            m |= src_mask(p, p->subq[x->index]->corr[k]); /* the outer columns it refers to */
    return m;
}

/**
 * The parameter vector of derived-table branch c: the inherited parameters,
 * then the values of the enclosing queries' columns it refers to (constants
 * here: parameters of p). *out is ctx->params itself when c is not correlated.
 */
static int branch_params(const sql_prepared *c, const eval_ctx *ctx, sql_value **owned, const sql_value **out,
                         err *e)
{
    *owned = NULL;
    *out = ctx->params;
    if (!c->ncorr)
        return 0;
    sql_value *v = calloc((size_t)c->nparams, sizeof *v);
    if (!v)
        return oom(e);
    for (int i = 0; i < c->nparams; i++) {
        int rc = 0;
        if (i < c->nbase)
            rc = i < ctx->nparams && sqlval_copy(&v[i], &ctx->params[i]) < 0 ? oom(e) : 0;
        else
            rc = expr_eval(c->corr[i - c->nbase], ctx, &v[i], e);
        if (rc < 0) {
            for (int k = 0; k < c->nparams; k++)
                sqlval_clear(&v[k]);
            free(v);
            return -1;
        }
    }
    *owned = v;
    *out = v;
    return 0;
}

/** Append the AND-conjuncts of x to jp->cj. */
static int add_conjuncts(jplan *jp, const expr *x, int on_of)
{
    if (!x)
        return 0;
    if (x->kind == EX_AND) {
        if (add_conjuncts(jp, x->args[0], on_of) < 0)
            return -1;
        return add_conjuncts(jp, x->args[1], on_of);
    }
    conj *nv = realloc(jp->cj, (size_t)(jp->ncj + 1) * sizeof *nv);
    if (!nv)
        return oom(jp->e);
    jp->cj = nv;
    nv[jp->ncj].x = x;
    nv[jp->ncj].mask = src_mask(jp->p, x);
    nv[jp->ncj].on_of = on_of;
    nv[jp->ncj].used = 0;
    jp->ncj++;
    return 0;
}

/** 1 when source k may be NULL-extended by an outer join. */
static int null_supplied(const sql_prepared *p, int k)
{
    if (p->srcs[k].join == JK_LEFT || p->srcs[k].join == JK_FULL)
        return 1;
    for (int j = k + 1; j < p->nsrc; j++)
        if (p->srcs[j].join == JK_RIGHT || p->srcs[j].join == JK_FULL)
            return 1;
    return 0;
}

/** 1 when conjunct c may be pushed to source k as a filter of its own rows. */
static int pushable_to(const jplan *jp, const conj *c, int k)
{
    if (c->mask != (1u << k))
        return 0;
    if (!jp->outer)
        return 1;
    if (c->on_of < 0)
        return !null_supplied(jp->p, k);
    /* ON of k's own INNER/LEFT join filters k's rows before matching */
    return c->on_of == k && (jp->p->srcs[k].join == JK_INNER || jp->p->srcs[k].join == JK_LEFT);
}

/**
 * The constraint tree of source k's own pushable conditions (fresh each call).
 * *never is set when they can never hold.
 */
static int base_cons(jplan *jp, int k, cons **out, int *never)
{
    const sql_src *sr = &jp->p->srcs[k];
    cons *acc = NULL;
    *out = NULL;
    *never = 0;
    for (int i = 0; i < jp->ncj; i++) {
        if (!pushable_to(jp, &jp->cj[i], k))
            continue;
        cons *c = NULL;
        int nv = 0;
        if (sql_build_cons_ctx(jp->cj[i].x, sr->table, sr->offset, jp->ctx, &c, &nv, jp->e) < 0) {
            cons_free(acc);
            return -1;
        }
        if (nv) {
            cons_free(acc);
            cons_free(c);
            *never = 1;
            return 0;
        }
        if (!c)
            continue;
        if (!acc) {
            acc = c;
        } else {
            cons *kids[2] = { acc, c };
            acc = cons_group(CONS_AND, kids, 2);
            if (!acc)
                return oom(jp->e);
        }
    }
    *out = acc;
    return 0;
}

/** Estimated requests to read table source k alone (HUGE_VAL when the provider refuses). */
static double standalone_est(jplan *jp, int k)
{
    const sql_src *sr = &jp->p->srcs[k];
    if (sr->kind != SRC_TABLE)
        return 0;
    provider *prov = jp->p->s->prov;
    scan_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.table = sr->table;
    pl.limit = -1;
    pl.pushdown = jp->p->s->pushdown;
    int never = 0;
    err tmp;
    err_clear(&tmp);
    err *saved = jp->e;
    jp->e = &tmp;
    int rc = base_cons(jp, k, &pl.where, &never);
    jp->e = saved;
    if (rc < 0)
        return HUGE_VAL;
    if (never) {
        cons_free(pl.where);
        return 0;
    }
    double est = HUGE_VAL;
    if (prov->ops->plan(prov, &pl, &tmp) == 0) {
        est = pl.est_requests;
        if (prov->ops->free_plan)
            prov->ops->free_plan(prov, &pl);
    }
    cons_free(pl.where);
    return est;
}

/** 1 if two column types can be matched by a hash on their values. */
static int hashable(enum sqltype a, enum sqltype b)
{
    int na = a == SQLT_INT || a == SQLT_DOUBLE || a == SQLT_BOOL;
    int nb = b == SQLT_INT || b == SQLT_DOUBLE || b == SQLT_BOOL;
    return a == b || (na && nb);
}

/**
 * Estimated requests to read table source k with its own conditions and
 * `key_col IN (...)` (HUGE_VAL when the provider refuses even then).
 */
static double keyed_est(jplan *jp, int k, int key_col)
{
    const sql_src *sr = &jp->p->srcs[k];
    provider *prov = jp->p->s->prov;
    scan_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.table = sr->table;
    pl.limit = -1;
    pl.pushdown = jp->p->s->pushdown;
    int never = 0;
    err tmp;
    err_clear(&tmp);
    err *saved = jp->e;
    jp->e = &tmp;
    int rc = base_cons(jp, k, &pl.where, &never);
    jp->e = saved;
    if (rc < 0)
        return HUGE_VAL;
    cons *in = cons_leaf(CONS_IN, key_col - sr->offset, 1);
    if (!in) {
        cons_free(pl.where);
        return HUGE_VAL;
    }
    /* a placeholder key of the column's type: only the shape matters for planning */
    const table_col *tc = &sr->table->cols[key_col - sr->offset];
    if (tc->type == SQLT_TEXT)
        sqlval_set_text(&in->vals[0], "k");
    else if (tc->type == SQLT_DOUBLE)
        sqlval_set_double(&in->vals[0], 1);
    else if (tc->type == SQLT_BOOL)
        sqlval_set_bool(&in->vals[0], 1);
    else if (tc->type == SQLT_TIMESTAMP)
        sqlval_set_timestamp(&in->vals[0], 0);
    else
        sqlval_set_int(&in->vals[0], 1);
    if (pl.where) {
        cons *kids[2] = { pl.where, in };
        pl.where = cons_group(CONS_AND, kids, 2);
        if (!pl.where)
            return HUGE_VAL;
    } else {
        pl.where = in;
    }
    double est = HUGE_VAL;
    if (prov->ops->plan(prov, &pl, &tmp) == 0) {
        est = pl.est_requests;
        if (prov->ops->free_plan)
            prov->ops->free_plan(prov, &pl);
    }
    cons_free(pl.where);
    return est;
}

/**
 * Find an equality between a column of source k and a column of the sources
 * in `have` among the conjuncts that step k applies; among several, the one
 * whose key push the provider plans cheapest. Fills the step's key.
 */
static void find_key(jplan *jp, jstep *st, unsigned have)
{
    const sql_prepared *p = jp->p;
    int k = st->src;
    int j = p->srcs[k].join;
    int can_push = p->srcs[k].kind == SRC_TABLE && (!jp->outer || j == JK_INNER || j == JK_LEFT);
    double best = HUGE_VAL;
    st->key_col = -1;
    st->key_other = NULL;
    st->push = 0;
    st->keyed_est = HUGE_VAL;
    for (int i = 0; i < jp->ncj; i++) {
        const conj *c = &jp->cj[i];
        if (jp->outer ? c->on_of != k : (c->mask & ~(have | (1u << k))) != 0)
            continue;
        const expr *x = c->x;
        if (x->kind != EX_CMP || x->op != CMP_EQ || x->args[0]->kind != EX_COL || x->args[1]->kind != EX_COL)
            continue;
        const expr *a = x->args[0], *b = x->args[1];
        unsigned ma = src_mask(p, a), mb = src_mask(p, b);
        if (mb == (1u << k) && (ma & have)) {
            const expr *t = a;
            a = b;
            b = t;
            unsigned tm = ma;
            ma = mb;
            mb = tm;
        }
        if (ma != (1u << k) || !(mb & have) || !hashable(a->type, b->type))
            continue;
        int push = can_push && b->type == p->srcs[k].table->cols[a->index - p->srcs[k].offset].type;
        double est = push ? keyed_est(jp, k, a->index) : HUGE_VAL;
        if (st->key_col < 0 || (push && est < best)) {
            st->key_col = a->index;
            st->key_other = b;
            st->push = push && !isinf(est);
            st->keyed_est = est;
            if (push)
                best = est;
        }
    }
    st->hash = st->key_col >= 0;
}

/** Decide the order and strategy of every step. */
static int make_plan(sql_prepared *p, const eval_ctx *ctx, jplan *jp, err *e)
{
    memset(jp, 0, sizeof *jp);
    jp->p = p;
    jp->ctx = ctx;
    jp->e = e;
    if (p->nsrc > MAX_JOIN_SOURCES)
        return err_set(e, "0A000", "Joining more than %d tables in one query is not supported.", MAX_JOIN_SOURCES);
    for (int k = 0; k < p->nsrc; k++)
        if (p->srcs[k].join == JK_LEFT || p->srcs[k].join == JK_RIGHT || p->srcs[k].join == JK_FULL)
            jp->outer = 1;
    for (int k = 0; k < p->nsrc; k++)
        if (add_conjuncts(jp, p->srcs[k].on, k) < 0)
            return -1;
    if (add_conjuncts(jp, p->sel->where, -1) < 0)
        return -1;
    double est[MAX_JOIN_SOURCES];
    for (int k = 0; k < p->nsrc; k++)
        est[k] = standalone_est(jp, k);
    unsigned have = 0;
    for (int n = 0; n < p->nsrc; n++) {
        int pick = -1;
        if (jp->outer) {
            pick = n;
        } else {
            /* prefer a source linked by a key to the rows so far, then the cheapest */
            int best_linked = -1;
            double best_linked_est = HUGE_VAL;
            for (int k = 0; k < p->nsrc; k++) {
                if (have & (1u << k))
                    continue;
                if (n > 0) {
                    jstep t = { k, -1, NULL, 0, 0, 0, 0 };
                    find_key(jp, &t, have);
                    if (t.push && (best_linked < 0 || t.keyed_est < best_linked_est)) {
                        best_linked = k;
                        best_linked_est = t.keyed_est;
                    }
                }
                if (pick < 0 || est[k] < est[pick])
                    pick = k;
            }
            if (best_linked >= 0)
                pick = best_linked;
        }
        jstep *st = &jp->steps[jp->n++];
        memset(st, 0, sizeof *st);
        st->src = pick;
        st->est = est[pick];
        st->key_col = -1;
        if (n > 0)
            find_key(jp, st, have);
        have |= 1u << pick;
    }
    return 0;
}

/* ---------------- rows ---------------- */

typedef struct rowset {
    sql_value **v;
    size_t      n, cap;
} rowset;

static void rowset_free(rowset *r, int width)
{
    for (size_t i = 0; i < r->n; i++) {
        if (!r->v[i])
            continue;
        for (int k = 0; k < width; k++)
            sqlval_clear(&r->v[i][k]);
        free(r->v[i]);
    }
    free(r->v);
    memset(r, 0, sizeof *r);
}

/** Take row (width values) into r, counting it against the hold limit. */
static int rowset_add(rowset *r, sql_value *row, long *held, long max, err *e)
{
    if (++*held > max)
        return err_set(e, "HY001", "The join needs to hold more than %ld rows in memory; narrow it with "
                       "WHERE or join on a key.", max);
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 64;
        sql_value **nv = realloc(r->v, nc * sizeof *nv);
        if (!nv)
            return oom(e);
        r->v = nv;
        r->cap = nc;
    }
    r->v[r->n++] = row;
    return 0;
}

/** A copy of base (width values; base may be NULL for all NULL). */
static sql_value *row_copy(const sql_value *base, int width)
{
    sql_value *r = calloc((size_t)(width ? width : 1), sizeof *r);
    if (!r || !base)
        return r;
    for (int i = 0; i < width; i++)
        if (sqlval_copy(&r[i], &base[i]) < 0) {
            for (int k = 0; k < i; k++)
                sqlval_clear(&r[k]);
            free(r);
            return NULL;
        }
    return r;
}

/** Read every row of source k (with constraint tree where, taken) into out (ncols values each). */
static int read_source(jplan *jp, int k, cons *where, rowset *out, long *held, long *requests, err *e)
{
    sql_prepared *p = jp->p;
    const sql_src *sr = &p->srcs[k];
    long max = p->s->max_held_rows;
    if (sr->kind == SRC_DERIVED) {
        cons_free(where);
        /* UNION: rows of branches 0..distinct_upto are de-duplicated together */
        for (int b = 0; b < sr->nbranches; b++) {
            sql_result *res = NULL;
            sql_value *owned = NULL;
            const sql_value *bp = NULL;
            if (branch_params(sr->branches[b], jp->ctx, &owned, &bp, e) < 0)
                return -1;
            int started = sql_run_child(sr->branches[b], bp, jp->ctx->now_ms, jp->ctx->cancel, &res, e);
            if (owned) {
                for (int k = 0; k < sr->branches[b]->nparams; k++)
                    sqlval_clear(&owned[k]);
                free(owned);
            }
            if (started < 0)
                return -1;
            int rc;
            while ((rc = res->ops->next(res, e)) == 1) {
                sql_value *row = calloc((size_t)(sr->ncols ? sr->ncols : 1), sizeof *row);
                if (!row) {
                    rc = oom(e);
                    break;
                }
                for (int c = 0; c < sr->ncols; c++) {
                    sqlval_move(&row[c], &res->row[c]);
                    if (row[c].type != SQLT_NULL && row[c].type != sr->dcols[c].type &&
                        sr->dcols[c].type != SQLT_NULL && sqlval_cast(&row[c], sr->dcols[c].type, e) < 0)
                        rc = -1;
                }
                int dup = 0;
                if (rc == 1 && b <= sr->distinct_upto) {
                    for (size_t i = 0; i < out->n && !dup; i++) {
                        int same = 1;
                        for (int c = 0; c < sr->ncols && same; c++) {
                            const sql_value *x = &out->v[i][c], *y = &row[c];
                            same = (x->type == SQLT_NULL) == (y->type == SQLT_NULL) &&
                                   (x->type == SQLT_NULL || sqlval_order(x, y) == 0);
                        }
                        dup = same;
                    }
                }
                if (rc != 1 || dup) {
                    for (int c = 0; c < sr->ncols; c++)
                        sqlval_clear(&row[c]);
                    free(row);
                    if (rc != 1)
                        break;
                    continue;
                }
                if (rowset_add(out, row, held, max, e) < 0) {
                    for (int c = 0; c < sr->ncols; c++)
                        sqlval_clear(&row[c]);
                    free(row);
                    rc = -1;
                    break;
                }
            }
            *requests += res->requests;
            res->ops->close(res);
            if (rc < 0)
                return -1;
        }
        return 0;
    }
    provider *prov = p->s->prov;
    scan_plan pl;
    memset(&pl, 0, sizeof pl);
    pl.table = sr->table;
    pl.where = where;
    pl.limit = -1;
    pl.pushdown = p->s->pushdown;
    if (prov->ops->plan(prov, &pl, e) < 0) {
        if (!e->set)
            err_set(e, "HY000", "The provider could not plan the scan of %s.", sr->table->name);
        cons_free(pl.where);
        return -1;
    }
    scan *sc = NULL;
    int rc = sql_cancel_open(jp->ctx->cancel, prov, &pl, &sc, e) < 0 ? -1 : 0;
    while (rc == 0) {
        sql_value *row = calloc((size_t)(sr->ncols ? sr->ncols : 1), sizeof *row);
        if (!row) {
            rc = oom(e);
            break;
        }
        int n = prov->ops->next(sc, row, e);
        if (n <= 0) {
            for (int c = 0; c < sr->ncols; c++)
                sqlval_clear(&row[c]);
            free(row);
            if (n < 0) {
                if (!e->set)
                    err_set(e, "HY000", "Reading the next row of %s failed.", sr->table->name);
                rc = -1;
            }
            break;
        }
        if (rowset_add(out, row, held, max, e) < 0) {
            for (int c = 0; c < sr->ncols; c++)
                sqlval_clear(&row[c]);
            free(row);
            rc = -1;
        }
    }
    if (sc) {
        if (prov->ops->requests)
            *requests += prov->ops->requests(sc);
        sql_cancel_close(jp->ctx->cancel, prov, sc);
    }
    if (prov->ops->free_plan)
        prov->ops->free_plan(prov, &pl);
    cons_free(pl.where);
    return rc;
}

/** Distinct non-NULL values of key_other over the rows so far, as an IN leaf on column col. */
static int key_values(jplan *jp, const jstep *st, const rowset *cur, cons **out, err *e)
{
    const sql_src *sr = &jp->p->srcs[st->src];
    *out = NULL;
    sql_value *vals = calloc(cur->n ? cur->n : 1, sizeof *vals);
    if (!vals)
        return oom(e);
    size_t n = 0;
    eval_ctx c = *jp->ctx;
    for (size_t i = 0; i < cur->n; i++) {
        c.row = cur->v[i];
        sql_value v = { 0 };
        if (expr_eval(st->key_other, &c, &v, e) < 0) {
            for (size_t k = 0; k < n; k++)
                sqlval_clear(&vals[k]);
            free(vals);
            return -1;
        }
        if (v.type == SQLT_NULL)
            continue;
        int seen = 0;
        for (size_t k = 0; k < n && !seen; k++)
            seen = vals[k].type == v.type && sqlval_order(&vals[k], &v) == 0;
        if (seen)
            sqlval_clear(&v);
        else
            sqlval_move(&vals[n++], &v);
    }
    if (n == 0) {
        free(vals);
        return 0;
    }
    cons *leaf = cons_leaf(CONS_IN, st->key_col - sr->offset, (int)n);
    if (!leaf) {
        for (size_t k = 0; k < n; k++)
            sqlval_clear(&vals[k]);
        free(vals);
        return oom(e);
    }
    for (size_t k = 0; k < n; k++)
        sqlval_move(&leaf->vals[k], &vals[k]);
    free(vals);
    *out = leaf;
    return 0;
}

/** Does the combined row satisfy what step st applies? 1 yes, 0 no, -1 error. */
static int step_match(jplan *jp, const jstep *st, unsigned have, const sql_value *row, err *e)
{
    eval_ctx c = *jp->ctx;
    c.row = row;
    int k = st->src;
    for (int i = 0; i < jp->ncj; i++) {
        const conj *cj = &jp->cj[i];
        if (jp->outer) {
            if (cj->on_of != k)
                continue;
        } else if (!(cj->mask & (1u << k)) || (cj->mask & ~(have | (1u << k)))) {
            continue;
        }
        int t;
        if (expr_truth(cj->x, &c, &t, e) < 0)
            return -1;
        if (t != 1)
            return 0;
    }
    return 1;
}

/** Join the rows so far (cur) with source rows (srows) for step st into out. */
static int join_step(jplan *jp, const jstep *st, unsigned have, rowset *cur, rowset *srows, rowset *out,
                     long *held, err *e)
{
    sql_prepared *p = jp->p;
    const sql_src *sr = &p->srcs[st->src];
    int W = p->width, jk = jp->outer ? sr->join : JK_INNER;
    long max = p->s->max_held_rows;
    char *smatched = calloc(srows->n ? srows->n : 1, 1);
    size_t nb = 1;
    while (nb < srows->n * 2)
        nb <<= 1;
    long *bucket = NULL, *next = NULL;
    int rc = 0;
    if (!smatched)
        return oom(e);
    if (st->hash) {
        bucket = malloc(nb * sizeof *bucket);
        next = malloc((srows->n ? srows->n : 1) * sizeof *next);
        if (!bucket || !next) {
            rc = oom(e);
            goto done;
        }
        for (size_t i = 0; i < nb; i++)
            bucket[i] = -1;
        int kc = st->key_col - sr->offset;
        for (size_t i = srows->n; i-- > 0;) {
            const sql_value *v = &srows->v[i][kc];
            if (v->type == SQLT_NULL) {
                next[i] = -1;
                continue;
            }
            size_t h = (size_t)sqlval_hash(v) & (nb - 1);
            next[i] = bucket[h];
            bucket[h] = (long)i;
        }
    }
    sql_value *row = calloc((size_t)(W ? W : 1), sizeof *row);
    if (!row) {
        rc = oom(e);
        goto done;
    }
    eval_ctx c = *jp->ctx;
    for (size_t i = 0; i < cur->n && rc == 0; i++) {
        const sql_value *l = cur->v[i];
        int lmatched = 0;
        long cand = st->hash ? -2 : 0;
        if (st->hash) {
            sql_value kv = { 0 };
            c.row = l;
            if (expr_eval(st->key_other, &c, &kv, e) < 0) {
                rc = -1;
                break;
            }
            cand = kv.type == SQLT_NULL ? -1 : bucket[(size_t)sqlval_hash(&kv) & (nb - 1)];
            sqlval_clear(&kv);
        }
        for (;;) {
            size_t si;
            if (st->hash) {
                if (cand < 0)
                    break;
                si = (size_t)cand;
                cand = next[si];
            } else {
                if ((size_t)cand >= srows->n)
                    break;
                si = (size_t)cand++;
            }
            /* combined row: the left values plus this source's values */
            for (int x = 0; x < W; x++)
                row[x] = l[x];
            for (int x = 0; x < sr->ncols; x++)
                row[sr->offset + x] = srows->v[si][x];
            int m = step_match(jp, st, have, row, e);
            if (m < 0) {
                rc = -1;
                break;
            }
            if (!m)
                continue;
            lmatched = 1;
            smatched[si] = 1;
            sql_value *nr = row_copy(row, W);
            if (!nr) {
                rc = oom(e);
                break;
            }
            if (rowset_add(out, nr, held, max, e) < 0) {
                for (int x = 0; x < W; x++)
                    sqlval_clear(&nr[x]);
                free(nr);
                rc = -1;
                break;
            }
        }
        if (rc == 0 && !lmatched && (jk == JK_LEFT || jk == JK_FULL)) {
            sql_value *nr = row_copy(l, W);
            if (!nr)
                rc = oom(e);
            else if (rowset_add(out, nr, held, max, e) < 0) {
                for (int x = 0; x < W; x++)
                    sqlval_clear(&nr[x]);
                free(nr);
                rc = -1;
            }
        }
    }
    if (rc == 0 && (jk == JK_RIGHT || jk == JK_FULL)) {
        for (size_t si = 0; si < srows->n && rc == 0; si++) {
            if (smatched[si])
                continue;
            sql_value *nr = calloc((size_t)W, sizeof *nr);
            if (!nr) {
                rc = oom(e);
                break;
            }
            for (int x = 0; x < sr->ncols; x++)
                if (sqlval_copy(&nr[sr->offset + x], &srows->v[si][x]) < 0)
                    rc = oom(e);
            if (rc == 0 && rowset_add(out, nr, held, max, e) < 0)
                rc = -1;
            if (rc < 0) {
                for (int x = 0; x < W; x++)
                    sqlval_clear(&nr[x]);
                free(nr);
            }
        }
    }
    free(row); /* its values were borrowed */
done:
    free(smatched);
    free(bucket);
    free(next);
    return rc;
}

int sql_join_rows(sql_prepared *p, const eval_ctx *ctx, long *held, sql_value ***rows, size_t *nrows,
                  long *requests, err *e)
{
    *rows = NULL;
    *nrows = 0;
    jplan jp;
    if (make_plan(p, ctx, &jp, e) < 0) {
        free(jp.cj);
        return -1;
    }
    rowset cur = { 0 };
    int W = p->width, rc = 0;
    unsigned have = 0;
    for (int n = 0; n < jp.n && rc == 0; n++) {
        const jstep *st = &jp.steps[n];
        const sql_src *sr = &p->srcs[st->src];
        cons *where = NULL;
        int never = 0;
        if (sr->kind == SRC_TABLE && base_cons(&jp, st->src, &where, &never) < 0) {
            rc = -1;
            break;
        }
        int skip = never;
        if (!skip && n > 0 && st->push) {
            cons *in = NULL;
            if (key_values(&jp, st, &cur, &in, e) < 0) {
                cons_free(where);
                rc = -1;
                break;
            }
            if (!in) {
                skip = 1; /* no key on the left: nothing can match */
            } else if (where) {
                cons *kids[2] = { where, in };
                where = cons_group(CONS_AND, kids, 2);
                if (!where) {
                    rc = oom(e);
                    break;
                }
            } else {
                where = in;
            }
        }
        rowset srows = { 0 };
        if (skip) {
            cons_free(where);
        } else if (read_source(&jp, st->src, where, &srows, held, requests, e) < 0) {
            rowset_free(&srows, sr->ncols);
            rc = -1;
            break;
        }
        rowset next = { 0 };
        if (n == 0) {
            for (size_t i = 0; i < srows.n && rc == 0; i++) {
                sql_value *r = calloc((size_t)W, sizeof *r);
                if (!r) {
                    rc = oom(e);
                    break;
                }
                for (int x = 0; x < sr->ncols; x++)
                    sqlval_move(&r[sr->offset + x], &srows.v[i][x]);
                /* the driving source's own ON conditions (a superset was pushed, if any) */
                int m = jp.outer ? 1 : step_match(&jp, st, 0, r, e);
                if (m != 1) {
                    for (int x = 0; x < W; x++)
                        sqlval_clear(&r[x]);
                    free(r);
                    if (m < 0)
                        rc = -1;
                    continue;
                }
                if (rowset_add(&next, r, held, p->s->max_held_rows, e) < 0) {
                    for (int x = 0; x < W; x++)
                        sqlval_clear(&r[x]);
                    free(r);
                    rc = -1;
                }
            }
        } else {
            rc = join_step(&jp, st, have, &cur, &srows, &next, held, e);
        }
        *held -= (long)srows.n;
        rowset_free(&srows, sr->ncols);
        *held -= (long)cur.n;
        rowset_free(&cur, W);
        cur = next;
        have |= 1u << st->src;
        if (rc == 0 && cur.n == 0 && !jp.outer)
            break; /* an inner join with no rows so far stays empty */
    }
    free(jp.cj);
    if (rc < 0) {
        rowset_free(&cur, W);
        return -1;
    }
    *rows = cur.v;
    *nrows = cur.n;
    return 0;
}

/** Name of source k for messages: alias, table name or "(subquery)". */
static const char *src_label(const sql_prepared *p, int k)
{
    const sql_src *sr = &p->srcs[k];
    if (sr->alias)
        return sr->alias;
    return sr->kind == SRC_TABLE ? sr->table->name : "(subquery)";
}

int sql_join_explain(sql_prepared *p, const eval_ctx *ctx, void (*add)(void *, const char *, const char *),
                     void *arg, err *e)
{
    jplan jp;
    if (make_plan(p, ctx, &jp, e) < 0) {
        free(jp.cj);
        return -1;
    }
    static const char *jname[] = { "FROM", "INNER JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "CROSS JOIN" };
    strbuf sb;
    sb_init(&sb);
    for (int n = 0; n < jp.n; n++) {
        const jstep *st = &jp.steps[n];
        const sql_src *sr = &p->srcs[st->src];
        sb_reset(&sb);
        if (n > 0)
            sb_printf(&sb, "%s ", jp.outer ? jname[sr->join] : "INNER JOIN");
        if (sr->kind == SRC_TABLE)
            sb_printf(&sb, "%s%s%s", sr->table->name, sr->alias ? " " : "", sr->alias ? sr->alias : "");
        else
            sb_printf(&sb, "derived table %s (%d SELECT%s%s)", src_label(p, st->src), sr->nbranches,
                      sr->nbranches == 1 ? "" : "s, UNION", sr->nbranches == 1 ? "" :
                      (sr->distinct_upto >= 0 ? " (duplicates removed)" : " ALL"));
        if (sr->kind == SRC_TABLE) {
            cons *where = NULL;
            int never = 0;
            if (base_cons(&jp, st->src, &where, &never) < 0) {
                sb_free(&sb);
                free(jp.cj);
                return -1;
            }
            if (never)
                sb_append(&sb, "; its own conditions can never hold: not read");
            else if (where) {
                sb_append(&sb, "; own filter ");
                cons_print(where, sr->table, 0, &sb);
            }
            cons_free(where);
            if (isinf(st->est))
                sb_append(&sb, "; cannot be read without a key");
            else
                sb_printf(&sb, "; alone about %.0f request%s", st->est, st->est == 1 ? "" : "s");
        }
        add(arg, n == 0 ? "Join: driving source" : "Join: step", sb.data);
        if (n > 0) {
            sb_reset(&sb);
            if (st->push) {
                sb_printf(&sb, "key push: %s.%s IN (distinct values of ", src_label(p, st->src),
                          sr->table->cols[st->key_col - sr->offset].name);
                expr_print(st->key_other, &sb);
                sb_append(&sb, " from the rows so far, batched by the provider); hash join on that key");
            } else if (st->hash) {
                sb_append(&sb, "hash join on ");
                expr_print(st->key_other, &sb);
                sb_printf(&sb, " = %s.%s (the source is read once with its own filter)", src_label(p, st->src),
                          sr->table->cols[st->key_col - sr->offset].name);
            } else {
                sb_append(&sb, "nested loop over the rows held (no equality on a column links it)");
            }
            add(arg, "Join strategy", sb.data);
        }
    }
    sb_reset(&sb);
    sb_printf(&sb, "joined rows are held in memory (max %ld, HY001 beyond it); order %s", p->s->max_held_rows,
              jp.outer ? "as written (outer joins)" : "by estimated requests and key links");
    add(arg, "Join memory", sb.data);
    sb_free(&sb);
    free(jp.cj);
    return 0;
}
