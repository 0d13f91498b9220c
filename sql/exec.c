/**
 * @file exec.c
 * The result of a SELECT: pulls rows from the provider's scan one at a time,
 * re-applies the full WHERE clause, then (only when the query needs it)
 * groups and aggregates, filters with HAVING, removes duplicates (DISTINCT)
 * and sorts; finally applies OFFSET and LIMIT. Without GROUP BY, aggregates,
 * DISTINCT or ORDER BY the pipeline holds one row at a time. Held rows are
 * bounded by the session's max_held_rows (HY001 beyond it).
 */
#include <stdlib.h>
#include <string.h>

#include "sql/cancel.h"
#include "sql/cons.h"
#include "sql/expr.h"
#include "sql/prepared.h"

/** Accumulator of one aggregate in one group. */
typedef struct agg_state {
    int64_t    count;     /**< non-NULL inputs (or rows for COUNT(*)) */
    int64_t    isum;      /**< integer sum while it fits */
    double     dsum;      /**< floating sum */
    int        is_double; /**< dsum is authoritative */
    sql_value  best;      /**< MIN/MAX so far */
    struct vset *seen;    /**< DISTINCT inputs */
} agg_state;

/** A hash set of value tuples (DISTINCT rows, DISTINCT aggregate inputs, groups). */
typedef struct vset {
    int         width;    /**< values per entry */
    size_t      n, cap;   /**< entries */
    sql_value  *vals;     /**< n * width values */
    size_t     *slots;    /**< hash table of entry index + 1 (0 empty) */
    size_t      nslots;
} vset;

/** One group: its representative input row and its aggregate accumulators. */
typedef struct group {
    sql_value *rep;       /**< copy of the first input row of the group */
    agg_state *st;
} group;

typedef struct exec_res {
    sql_result      base;
    sql_prepared   *p;
    sql_session    *s;
    eval_ctx        ctx;
    sql_value      *params;
    exec_opts       o;
    scan_plan       plan;
    int             planned;
    scan           *sc;       /**< open through cancel, which res_cancel may fire from another thread */
    sql_cancel     *cancel;   /**< the statement's cancel token (one reference held) */
    int             scan_done;
    int             nofrom_done;
    sql_value      *trow;     /**< table row (ncols of the table) */
    int             ntcols;
    sql_value      *orow;     /**< projected row (nout) */
    long            held;     /**< rows held in memory */
    /* grouping */
    int             grouped;  /**< input consumed into groups */
    vset           *gkeys;    /**< group keys -> group index */
    group          *groups;
    size_t          ngroups, capgroups, gpos;
    sql_value      *aggvals;  /**< final aggregate values of the current group */
    sql_value      *gkey;     /**< scratch for key values */
    /* DISTINCT */
    vset           *seen;
    /* sorting */
    int             sorted;
    sql_value     **rows;
    size_t          nrows, caprows, rpos;
    /* OFFSET/LIMIT */
    int64_t         skipped, emitted;
    int             finished;
    /* joins and derived tables (p->multi) */
    int             joined;
    sql_value     **jrows;
    size_t          njrows, jpos;
    long            extra_requests; /**< requests of subqueries, joins, COUNT */
    long            scan_requests;  /**< requests of the provider scan (kept after it closed) */
} exec_res;

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while running the query."); }

/* ---------------- value tuple sets ---------------- */

/** Equality for grouping/DISTINCT: NULL equals NULL; same type class and equal value. */
static int same_value(const sql_value *a, const sql_value *b)
{
    int ca = a->type == SQLT_INT || a->type == SQLT_DOUBLE || a->type == SQLT_BOOL ? 1 : (int)a->type + 10;
    int cb = b->type == SQLT_INT || b->type == SQLT_DOUBLE || b->type == SQLT_BOOL ? 1 : (int)b->type + 10;
    return ca == cb && sqlval_order(a, b) == 0;
}

static uint64_t tuple_hash(const sql_value *v, int w)
{
    uint64_t h = 0x12345;
    for (int i = 0; i < w; i++)
        h = (h ^ sqlval_hash(&v[i])) * 0x100000001b3ULL;
    return h;
}

static vset *vset_new(int width)
{
    vset *s = calloc(1, sizeof *s);
    if (s)
        s->width = width;
    return s;
}

static void vset_free(vset *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n * (size_t)s->width; i++)
        sqlval_clear(&s->vals[i]);
    free(s->vals);
    free(s->slots);
    free(s);
}

static int vset_rehash(vset *s, size_t nslots)
{
    size_t *ns = calloc(nslots, sizeof *ns);
    if (!ns)
        return -1;
    for (size_t i = 0; i < s->n; i++) {
        size_t h = (size_t)tuple_hash(&s->vals[i * (size_t)s->width], s->width) & (nslots - 1);
        while (ns[h])
            h = (h + 1) & (nslots - 1);
        ns[h] = i + 1;
    }
    free(s->slots);
    s->slots = ns;
    s->nslots = nslots;
    return 0;
}

/**
 * Find tuple v; if absent and add, insert a copy. Returns the entry index,
 * -1 if absent (add == 0), -2 on ENOMEM. *added tells whether it was new.
 */
static long vset_find(vset *s, const sql_value *v, int add, int *added)
{
    *added = 0;
    if (s->nslots) {
        size_t h = (size_t)tuple_hash(v, s->width) & (s->nslots - 1);
        while (s->slots[h]) {
            size_t idx = s->slots[h] - 1;
            int eq = 1;
            for (int k = 0; k < s->width && eq; k++)
                eq = same_value(&s->vals[idx * (size_t)s->width + (size_t)k], &v[k]);
            if (eq)
                return (long)idx;
            h = (h + 1) & (s->nslots - 1);
        }
    }
    if (!add)
        return -1;
    if (s->n + 1 > s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 16;
        sql_value *nv = realloc(s->vals, nc * (size_t)(s->width ? s->width : 1) * sizeof *nv);
        if (!nv)
            return -2;
        s->vals = nv;
        s->cap = nc;
    }
    for (int k = 0; k < s->width; k++) {
        sql_value *d = &s->vals[s->n * (size_t)s->width + (size_t)k];
        d->type = SQLT_NULL;
        if (sqlval_copy(d, &v[k]) < 0) {
            for (int j = 0; j < k; j++)
                sqlval_clear(&s->vals[s->n * (size_t)s->width + (size_t)j]);
            return -2;
        }
    }
    s->n++;
    if (s->n * 2 > s->nslots) {
        if (vset_rehash(s, s->nslots ? s->nslots * 2 : 32) < 0) {
            s->n--;
            for (int k = 0; k < s->width; k++)
                sqlval_clear(&s->vals[s->n * (size_t)s->width + (size_t)k]);
            return -2;
        }
    } else {
        size_t h = (size_t)tuple_hash(v, s->width) & (s->nslots - 1);
        while (s->slots[h])
            h = (h + 1) & (s->nslots - 1);
        s->slots[h] = s->n;
    }
    *added = 1;
    return (long)(s->n - 1);
}

/* ---------------- the scan ---------------- */

static void update_requests(exec_res *r)
{
    if (r->sc && r->s->prov->ops->requests)
        r->scan_requests = r->s->prov->ops->requests(r->sc);
    r->base.requests = r->scan_requests + r->extra_requests + subq_corr_requests(r->o.subq, r->p->nsubq);
}

/** The next combined row of a join or derived table into r->trow. 1 row, 0 end, -1 error. */
static int join_next(exec_res *r, err *e)
{
    if (!r->joined) {
        long req = 0;
        int rc = sql_join_rows(r->p, &r->ctx, &r->held, &r->jrows, &r->njrows, &req, e);
        r->extra_requests += req;
        r->joined = 1;
        update_requests(r);
        if (rc < 0) {
            r->scan_done = 1;
            return -1;
        }
    }
    if (r->jpos >= r->njrows) {
        r->scan_done = 1;
        return 0;
    }
    sql_value *row = r->jrows[r->jpos];
    r->jrows[r->jpos++] = NULL;
    for (int i = 0; i < r->ntcols; i++) {
        sqlval_clear(&r->trow[i]);
        sqlval_move(&r->trow[i], &row[i]);
    }
    free(row);
    r->held--;
    return 1;
}

/** Close the provider scan now (keeps the request count). */
static void close_scan(exec_res *r)
{
    if (r->sc) {
        update_requests(r);
        scan *sc = r->sc;
        r->sc = NULL;
        sql_cancel_close(r->cancel, r->s->prov, sc);
    }
    r->scan_done = 1;
}

/** Count one more held row against the session limit. */
static int hold_row(exec_res *r, const char *why, err *e)
{
    if (++r->held > r->s->max_held_rows)
        return err_set(e, "HY001", "The query needs to hold more than %ld rows in memory for %s; "
                       "narrow it with WHERE or LIMIT.", r->s->max_held_rows, why);
    return 0;
}

/** Next table row that passes WHERE into r->trow. 1 row, 0 end, -1 error. */
static int src_next(exec_res *r, err *e)
{
    select_stmt *s = r->p->sel;
    if (r->o.never || r->scan_done)
        return 0;
    if (r->p->nsrc == 0) {
        if (r->nofrom_done)
            return 0;
        r->nofrom_done = 1;
        if (s->where) {
            /* constant WHERE: checked while planning unless it needs a subquery's value */
            int t;
            if (expr_truth(s->where, &r->ctx, &t, e) < 0)
                return -1;
            return t == 1;
        }
        return 1;
    }
    if (r->p->multi) {
        for (;;) {
            int rc = join_next(r, e);
            if (rc <= 0)
                return rc;
            if (!s->where)
                return 1;
            int t;
            if (expr_truth(s->where, &r->ctx, &t, e) < 0)
                return -1;
            if (t == 1)
                return 1;
        }
    }
    if (!r->sc && sql_cancel_open(r->cancel, r->s->prov, &r->plan, &r->sc, e) < 0) {
        r->scan_done = 1;
        return -1;
    }
    for (;;) {
        for (int i = 0; i < r->ntcols; i++)
            sqlval_clear(&r->trow[i]);
        int rc = r->s->prov->ops->next(r->sc, r->trow, e);
        update_requests(r);
        if (rc < 0) {
            if (!e->set)
                err_set(e, "HY000", "Reading the next row failed.");
            return -1;
        }
        if (rc == 0) {
            close_scan(r);
            return 0;
        }
        if (!s->where)
            return 1;
        int t;
        if (expr_truth(s->where, &r->ctx, &t, e) < 0)
            return -1;
        if (t == 1)
            return 1;
    }
}

/** Evaluate the projections into r->orow, casting to the declared column types. */
static int project(exec_res *r, err *e)
{
    sql_prepared *p = r->p;
    for (int i = 0; i < p->nout; i++) {
        if (expr_eval(p->out[i], &r->ctx, &r->orow[i], e) < 0)
            return -1;
        if (i < p->ncols && sqlval_cast(&r->orow[i], p->cols[i].type, e) < 0)
            return -1;
    }
    return 0;
}

/* ---------------- grouping ---------------- */

static void agg_states_free(agg_state *st, int n)
{
    if (!st)
        return;
    for (int i = 0; i < n; i++) {
        sqlval_clear(&st[i].best);
        vset_free(st[i].seen);
    }
    free(st);
}

/** Feed the current input row into the accumulators of one group. */
static int agg_feed(exec_res *r, agg_state *st, err *e)
{
    sql_prepared *p = r->p;
    for (int i = 0; i < p->naggs; i++) {
        const expr *a = p->aggs[i];
        agg_state *g = &st[i];
        if (a->op == AGG_COUNT_STAR) {
            g->count++;
            continue;
        }
        sql_value v = { 0 };
        if (expr_eval(a->args[0], &r->ctx, &v, e) < 0)
            return -1;
        if (v.type == SQLT_NULL)
            continue;
        if (a->distinct) {
            if (!g->seen && !(g->seen = vset_new(1))) {
                sqlval_clear(&v);
                return oom(e);
            }
            int added;
            long k = vset_find(g->seen, &v, 1, &added);
            if (k == -2) {
                sqlval_clear(&v);
                return oom(e);
            }
            if (!added) {
                sqlval_clear(&v);
                continue;
            }
            if (hold_row(r, "COUNT/SUM/AVG(DISTINCT ...)", e) < 0) {
                sqlval_clear(&v);
                return -1;
            }
        }
        g->count++;
        switch (a->op) {
        case AGG_SUM:
        case AGG_AVG:
            if (v.type == SQLT_TEXT && sqlval_cast(&v, SQLT_DOUBLE, e) < 0)
                return -1;
            if (v.type == SQLT_DOUBLE) {
                if (!g->is_double) {
                    g->is_double = 1;
                    g->dsum = (double)g->isum;
                }
                g->dsum += v.u.d;
            } else if (v.type == SQLT_INT || v.type == SQLT_BOOL) {
                if (g->is_double) {
                    g->dsum += (double)v.u.i;
                } else if (__builtin_add_overflow(g->isum, v.u.i, &g->isum)) {
                    if (a->op == AGG_SUM && a->type == SQLT_INT) {
                        sqlval_clear(&v);
                        return err_set(e, "22003", "SUM overflowed the 64-bit integer range.");
                    }
                    g->is_double = 1;
                    g->dsum = (double)g->isum + (double)v.u.i;
                }
            } else {
                sqlval_clear(&v);
                return err_set(e, "22018", "%s is not defined for %s values.",
                               a->op == AGG_SUM ? "SUM" : "AVG", sqltype_name(v.type));
            }
            break;
        case AGG_MIN:
        case AGG_MAX:
            if (g->best.type == SQLT_NULL) {
                sqlval_move(&g->best, &v);
            } else {
                int c;
                if (sqlval_compare(&v, &g->best, &c, e) < 0) {
                    sqlval_clear(&v);
                    return -1;
                }
                if ((a->op == AGG_MIN && c < 0) || (a->op == AGG_MAX && c > 0))
                    sqlval_move(&g->best, &v);
            }
            break;
        default:
            break;
        }
        sqlval_clear(&v);
    }
    return 0;
}

/** Final value of each aggregate of group g into r->aggvals. */
static int agg_final(exec_res *r, group *g, err *e)
{
    sql_prepared *p = r->p;
    for (int i = 0; i < p->naggs; i++) {
        const expr *a = p->aggs[i];
        agg_state *s = &g->st[i];
        sql_value *v = &r->aggvals[i];
        sqlval_clear(v);
        switch (a->op) {
        case AGG_COUNT_STAR:
        case AGG_COUNT:
            sqlval_set_int(v, s->count);
            break;
        case AGG_SUM:
            if (s->count == 0)
                break;
            if (s->is_double)
                sqlval_set_double(v, s->dsum);
            else
                sqlval_set_int(v, s->isum);
            if (sqlval_cast(v, a->type, e) < 0)
                return -1;
            break;
        case AGG_AVG:
            if (s->count)
                sqlval_set_double(v, (s->is_double ? s->dsum : (double)s->isum) / (double)s->count);
            break;
        default:
            if (sqlval_copy(v, &s->best) < 0)
                return oom(e);
        }
    }
    return 0;
}

/**
 * COUNT(*) over one table whose WHERE is pushed exactly, with no other
 * aggregate, no GROUP BY and no HAVING: ask the provider's optional count
 * operation. *n is the count, or -1 when the rows must be counted.
 */
static int count_shortcut(exec_res *r, int64_t *n, err *e)
{
    sql_prepared *p = r->p;
    const struct provider_ops *ops = r->s->prov->ops;
    *n = -1;
    if (!p->table || !r->planned || !ops->count || !r->plan.exact || r->o.never || p->naggs != 1 ||
        p->aggs[0]->op != AGG_COUNT_STAR || p->sel->ngroup || p->sel->having)
        return 0;
    if (sql_cancel_fired(r->cancel))
        return 0; /* count cannot be interrupted: the scan opened instead fails at once */
    long req = 0;
    int64_t cnt = 0;
    int rc = ops->count(r->s->prov, &r->plan, &cnt, &req, e);
    r->extra_requests += req;
    update_requests(r);
    if (rc < 0) {
        if (!e->set)
            err_set(e, "HY000", "Counting the rows of %s failed.", p->table->name);
        return -1;
    }
    if (rc == 1 && cnt >= 0)
        *n = cnt;
    return 0;
}

/** Consume all input rows into groups. */
static int build_groups(exec_res *r, err *e)
{
    sql_prepared *p = r->p;
    select_stmt *s = p->sel;
    int ng = s->ngroup;
    r->gkeys = vset_new(ng);
    if (!r->gkeys)
        return oom(e);
    int64_t counted = -1;
    if (count_shortcut(r, &counted, e) < 0)
        return -1;
    for (; counted < 0;) {
        int rc = src_next(r, e);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        for (int k = 0; k < ng; k++)
            if (expr_eval(s->group[k], &r->ctx, &r->gkey[k], e) < 0)
                return -1;
        int added;
        long gi = vset_find(r->gkeys, r->gkey, 1, &added);
        if (gi == -2)
            return oom(e);
        if (added) {
            if (hold_row(r, "GROUP BY", e) < 0)
                return -1;
            if (r->ngroups == r->capgroups) {
                size_t nc = r->capgroups ? r->capgroups * 2 : 16;
                group *nv = realloc(r->groups, nc * sizeof *nv);
                if (!nv)
                    return oom(e);
                r->groups = nv;
                r->capgroups = nc;
            }
            group *g = &r->groups[r->ngroups];
            g->rep = calloc((size_t)(r->ntcols ? r->ntcols : 1), sizeof *g->rep);
            g->st = calloc((size_t)(p->naggs ? p->naggs : 1), sizeof *g->st);
            r->ngroups++;
            if (!g->rep || !g->st)
                return oom(e);
            for (int c = 0; c < r->ntcols; c++)
                if (sqlval_copy(&g->rep[c], &r->trow[c]) < 0)
                    return oom(e);
        }
        if (agg_feed(r, r->groups[gi].st, e) < 0)
            return -1;
    }
    /* aggregates without GROUP BY make one group even over no rows */
    if (ng == 0 && r->ngroups == 0) {
        if (counted >= 0)
            r->scan_done = 1;
        r->groups = calloc(1, sizeof *r->groups);
        if (!r->groups)
            return oom(e);
        r->capgroups = 1;
        r->groups[0].rep = calloc((size_t)(r->ntcols ? r->ntcols : 1), sizeof(sql_value));
        r->groups[0].st = calloc((size_t)(p->naggs ? p->naggs : 1), sizeof(agg_state));
        r->ngroups = 1;
        if (!r->groups[0].rep || !r->groups[0].st)
            return oom(e);
        if (counted >= 0)
            r->groups[0].st[0].count = counted;
    }
    r->grouped = 1;
    return 0;
}

/** Next projected row (before DISTINCT/sort/limit) into r->orow. */
static int proj_next(exec_res *r, err *e)
{
    sql_prepared *p = r->p;
    if (!p->is_agg) {
        int rc = src_next(r, e);
        if (rc <= 0)
            return rc;
        return project(r, e) < 0 ? -1 : 1;
    }
    if (!r->grouped && build_groups(r, e) < 0)
        return -1;
    while (r->gpos < r->ngroups) {
        group *g = &r->groups[r->gpos++];
        if (agg_final(r, g, e) < 0)
            return -1;
        eval_ctx c = r->ctx;
        c.row = g->rep;
        c.aggs = r->aggvals;
        if (p->sel->having) {
            int t;
            if (expr_truth(p->sel->having, &c, &t, e) < 0)
                return -1;
            if (t != 1)
                continue;
        }
        const sql_value *saved_row = r->ctx.row;
        r->ctx.row = g->rep;
        r->ctx.aggs = r->aggvals;
        int rc = project(r, e);
        r->ctx.row = saved_row;
        r->ctx.aggs = NULL;
        if (rc < 0)
            return -1;
        return 1;
    }
    return 0;
}

/** proj_next filtered by DISTINCT. */
static int distinct_next(exec_res *r, err *e)
{
    for (;;) {
        int rc = proj_next(r, e);
        if (rc <= 0 || !r->p->sel->distinct)
            return rc;
        if (!r->seen && !(r->seen = vset_new(r->p->ncols)))
            return oom(e);
        int added;
        long k = vset_find(r->seen, r->orow, 1, &added);
        if (k == -2)
            return oom(e);
        if (added) {
            if (hold_row(r, "DISTINCT", e) < 0)
                return -1;
            return 1;
        }
    }
}

/* ---------------- sorting ---------------- */

/** Compare two held rows by the ORDER BY keys of ctx (the prepared); ties keep input order. */
static int row_cmp(const void *x, const void *y, void *ctx)
{
    const sql_value *a = *(sql_value *const *)x, *b = *(sql_value *const *)y;
    const sql_prepared *p = ctx;
    for (int k = 0; k < p->nsort; k++) {
        const sql_value *va = &a[p->sort_col[k]], *vb = &b[p->sort_col[k]];
        int an = va->type == SQLT_NULL, bn = vb->type == SQLT_NULL;
        int c;
        if (an || bn) {
            if (an && bn)
                continue;
            c = an ? -1 : 1;
            if (!p->sort_nulls_first[k])
                c = -c;
            return c; /* NULL placement does not flip with DESC */
        }
        c = sqlval_order(va, vb);
        if (c)
            return p->sort_desc[k] ? -c : c;
    }
    /* stable: the sequence number is stored after the projected values */
    int64_t sa = a[p->nout].u.i, sb = b[p->nout].u.i;
    return sa < sb ? -1 : sa > sb;
}

static int sort_all(exec_res *r, err *e)
{
    sql_prepared *p = r->p;
    for (;;) {
        int rc = distinct_next(r, e);
        if (rc < 0)
            return -1;
        if (rc == 0)
            break;
        if (hold_row(r, "ORDER BY", e) < 0)
            return -1;
        if (r->nrows == r->caprows) {
            size_t nc = r->caprows ? r->caprows * 2 : 64;
            sql_value **nv = realloc(r->rows, nc * sizeof *nv);
            if (!nv)
                return oom(e);
            r->rows = nv;
            r->caprows = nc;
        }
        sql_value *row = calloc((size_t)p->nout + 1, sizeof *row);
        if (!row)
            return oom(e);
        for (int i = 0; i < p->nout; i++)
            sqlval_move(&row[i], &r->orow[i]);
        sqlval_set_int(&row[p->nout], (int64_t)r->nrows);
        r->rows[r->nrows++] = row;
    }
    if (r->nrows > 1) /* qsort_r with a NULL array is undefined even for 0 rows */
        qsort_r(r->rows, r->nrows, sizeof *r->rows, row_cmp, p);
    r->sorted = 1;
    return 0;
}

/** Next row after sorting (or straight through without ORDER BY). */
static int ordered_next(exec_res *r, err *e)
{
    sql_prepared *p = r->p;
    if (!p->nsort)
        return distinct_next(r, e);
    if (!r->sorted && sort_all(r, e) < 0)
        return -1;
    if (r->rpos >= r->nrows)
        return 0;
    sql_value *row = r->rows[r->rpos];
    for (int i = 0; i < p->nout; i++)
        sqlval_move(&r->orow[i], &row[i]);
    sqlval_clear(&row[p->nout]);
    free(row);
    r->rows[r->rpos++] = NULL;
    return 1;
}

/* ---------------- the result ---------------- */

/** res_next_rows, then the request count (correlated subqueries run while rows are produced). */
static int res_next_rows(exec_res *r, err *e);

static int res_next(sql_result *base, err *e)
{
    exec_res *r = (exec_res *)base;
    int rc = res_next_rows(r, e);
    update_requests(r);
    return rc;
}

/** The next result row after OFFSET/LIMIT. 1 row, 0 end, -1 error. */
static int res_next_rows(exec_res *r, err *e)
{
    if (r->finished)
        return 0;
    for (;;) {
        if (r->o.limit >= 0 && r->emitted >= r->o.limit) {
            r->finished = 1;
            close_scan(r);
            return 0;
        }
        int rc = ordered_next(r, e);
        if (rc <= 0) {
            if (rc == 0) {
                r->finished = 1;
                close_scan(r);
            }
            return rc;
        }
        if (r->skipped < r->o.offset) {
            r->skipped++;
            continue;
        }
        r->emitted++;
        if (r->o.limit >= 0 && r->emitted >= r->o.limit)
            close_scan(r); /* the last wanted row: stop the provider paging at once */
        return 1;
    }
}

static void res_close(sql_result *base)
{
    exec_res *r = (exec_res *)base;
    if (!r)
        return;
    close_scan(r);
    if (r->planned && r->s->prov->ops->free_plan)
        r->s->prov->ops->free_plan(r->s->prov, &r->plan);
    cons_free(r->plan.where);
    sql_prepared *p = r->p;
    if (r->trow) {
        for (int i = 0; i < r->ntcols; i++)
            sqlval_clear(&r->trow[i]);
        free(r->trow);
    }
    if (r->orow) {
        for (int i = 0; i < p->nout; i++)
            sqlval_clear(&r->orow[i]);
        free(r->orow);
    }
    if (r->params) {
        for (int i = 0; i < p->nparams; i++)
            sqlval_clear(&r->params[i]);
        free(r->params);
    }
    vset_free(r->gkeys);
    for (size_t i = 0; i < r->ngroups; i++) {
        if (r->groups[i].rep)
            for (int c = 0; c < r->ntcols; c++)
                sqlval_clear(&r->groups[i].rep[c]);
        free(r->groups[i].rep);
        agg_states_free(r->groups[i].st, p->naggs);
    }
    free(r->groups);
    if (r->aggvals) {
        for (int i = 0; i < p->naggs; i++)
            sqlval_clear(&r->aggvals[i]);
        free(r->aggvals);
    }
    if (r->gkey) {
        for (int i = 0; i < p->sel->ngroup; i++)
            sqlval_clear(&r->gkey[i]);
        free(r->gkey);
    }
    vset_free(r->seen);
    subq_vals_free(r->o.subq, p->nsubq);
    for (size_t i = r->jpos; i < r->njrows; i++) {
        if (!r->jrows[i])
            continue;
        for (int k = 0; k < r->ntcols; k++)
            sqlval_clear(&r->jrows[i][k]);
        free(r->jrows[i]);
    }
    free(r->jrows);
    for (size_t i = r->rpos; i < r->nrows; i++) {
        if (!r->rows[i])
            continue;
        for (int k = 0; k <= p->nout; k++)
            sqlval_clear(&r->rows[i][k]);
        free(r->rows[i]);
    }
    free(r->rows);
    sql_cancel_unref(r->cancel);
    free(r);
    sql_prepared_unref(p);
}

/**
 * sql_result.cancel (any thread): fire the statement's token, which cancels
 * every provider scan open in the result's tree (joins, derived tables,
 * UNION branches, subqueries) and every scan opened later.
 */
static void res_cancel(sql_result *base)
{
    sql_cancel_fire(((exec_res *)base)->cancel);
}

static const struct sql_result_ops exec_ops = { res_next, res_close };


int sql_exec_start(sql_prepared *p, const sql_value *params, int64_t now_ms, const exec_opts *o,
                   scan_plan *plan, sql_result **out, err *e)
{
    *out = NULL;
    exec_res *r = calloc(1, sizeof *r);
    sql_cancel *tok = o->cancel ? sql_cancel_ref(o->cancel) : sql_cancel_new();
    if (!r || !tok) {
        free(r);
        sql_cancel_unref(tok);
        cons_free(plan->where);
        subq_vals_free(o->subq, p->nsubq);
        return oom(e);
    }
    r->cancel = tok;
    r->plan = *plan;
    memset(plan, 0, sizeof *plan);
    r->p = p;
    p->refs++;
    r->s = p->s;
    r->o = *o;
    r->base.ops = &exec_ops;
    r->base.cancel = res_cancel;
    r->base.ncols = p->ncols;
    r->base.cols = p->cols;
    r->base.rowcount = -1;
    r->ntcols = p->multi ? p->width : p->table ? p->table->ncols : 0;
    r->extra_requests = o->subq_requests;
    r->base.requests = o->subq_requests;
    r->trow = calloc((size_t)(r->ntcols ? r->ntcols : 1), sizeof *r->trow);
    r->orow = calloc((size_t)(p->nout ? p->nout : 1), sizeof *r->orow);
    r->aggvals = calloc((size_t)(p->naggs ? p->naggs : 1), sizeof *r->aggvals);
    r->gkey = calloc((size_t)(p->sel->ngroup ? p->sel->ngroup : 1), sizeof *r->gkey);
    r->params = calloc((size_t)(p->nparams ? p->nparams : 1), sizeof *r->params);
    if (!r->trow || !r->orow || !r->aggvals || !r->gkey || !r->params) {
        res_close(&r->base);
        return oom(e);
    }
    for (int i = 0; i < p->nparams; i++)
        if (sqlval_copy(&r->params[i], &params[i]) < 0) {
            res_close(&r->base);
            return oom(e);
        }
    r->base.row = r->orow;
    r->ctx.row = r->trow;
    r->ctx.params = r->params;
    r->ctx.nparams = p->nparams;
    r->ctx.now_ms = now_ms;
    r->ctx.subq = r->o.subq;
    r->ctx.cancel = r->cancel;
    /* LIMIT 0 / TOP 0 / a WHERE that is never true: answer without touching the provider */
    if (r->o.limit == 0)
        r->o.never = 1;
    if (p->table && !r->o.never) {
        if (p->s->prov->ops->plan(p->s->prov, &r->plan, e) < 0) {
            if (!e->set)
                err_set(e, "HY000", "The provider could not plan the scan of %s.", p->table->name);
            res_close(&r->base);
            return -1;
        }
        if (r->o.where_partial)
            r->plan.exact = 0; /* the provider saw only part of the WHERE clause */
        r->planned = 1;
    }
    *out = &r->base;
    return 0;
}
