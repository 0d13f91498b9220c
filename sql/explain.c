/**
 * @file explain.c
 * EXPLAIN <select>: plans the statement exactly as execution would (with
 * the bound parameters) and describes the plan as rows (Step, Operation,
 * Detail): the provider's request templates, which predicates were pushed,
 * the filter that runs locally, the steps that hold rows in memory, and the
 * estimated request count. Nothing is fetched.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sql/cons.h"
#include "sql/prepared.h"

typedef struct xrows {
    sql_result *res;
    int         step;
    int         failed;
} xrows;

/** Add one plan row. */
static void add(xrows *x, const char *op, const char *detail)
{
    if (x->failed)
        return;
    sql_value v[3] = { { 0 } };
    sqlval_set_int(&v[0], ++x->step);
    if (sqlval_set_text(&v[1], op) < 0 || (detail && sqlval_set_text(&v[2], detail) < 0) ||
        memresult_add_row(x->res, v) < 0) {
        x->failed = 1;
        for (int i = 0; i < 3; i++)
            sqlval_clear(&v[i]);
    }
}

/** add() with the signature join.c expects. */
static void add_cb(void *arg, const char *op, const char *detail) { add(arg, op, detail); }

/** 1 if any node of c was left unpushed. */
static int any_unpushed(const cons *c)
{
    if (!c)
        return 0;
    if (c->op == CONS_AND) {
        if (c->pushed)
            return 0;
        for (int i = 0; i < c->nkids; i++)
            if (any_unpushed(c->kids[i]))
                return 1;
        return 0;
    }
    return !c->pushed;
}

/** Print the unpushed part of an AND tree. */
static void print_unpushed(const cons *c, const table_def *t, strbuf *sb)
{
    if (!c)
        return;
    if (c->op == CONS_AND && !c->pushed) {
        for (int i = 0; i < c->nkids; i++)
            print_unpushed(c->kids[i], t, sb);
        return;
    }
    if (c->pushed)
        return;
    if (sb->len)
        sb_append(sb, ", ");
    cons_print(c, t, 0, sb);
}

int sql_explain(sql_prepared *p, const sql_value *params, sql_result **out, err *e)
{
    *out = NULL;
    exec_opts o;
    memset(&o, 0, sizeof o);
    o.no_subq = 1; /* EXPLAIN fetches nothing, not even for subqueries */
    scan_plan plan;
    if (sql_plan_execution(p, params, 0, &o, &plan, e) < 0)
        return -1;
    xrows x = { memresult_new(p->explain_ncols, p->explain_cols), 0, 0 };
    if (!x.res) {
        cons_free(plan.where);
        return err_set(e, "HY001", "Out of memory while explaining the query.");
    }
    select_stmt *s = p->sel;
    strbuf sb;
    sb_init(&sb);
    int planned = 0;
    char sbuf[200];
    if (o.limit == 0)
        o.never = 1;
    int nplain = 0;
    for (int i = 0; i < p->nsubq; i++)
        nplain += p->subq[i]->ncorr == 0;
    if (nplain) {
        snprintf(sbuf, sizeof sbuf, "%d uncorrelated subquer%s, each run once before the query (their "
                 "IN values are then pushed like a literal list)", nplain, nplain == 1 ? "y" : "ies");
        add(&x, "Subqueries", sbuf);
    }
    for (int i = 0; i < p->nsubq; i++) {
        if (!p->subq[i]->ncorr)
            continue;
        char *d = corr_explain(p, i);
        if (!d) {
            sb_free(&sb);
            cons_free(plan.where);
            x.res->ops->close(x.res);
            return err_set(e, "HY001", "Out of memory while explaining the query.");
        }
        add(&x, "Correlated subquery", d);
        free(d);
    }
    if (p->nsrc == 0) {
        add(&x, "No table", "SELECT without FROM: one row computed locally, no request");
    } else if (p->multi && o.never) {
        add(&x, "No scan", o.limit == 0 ? "answered without any request (LIMIT/TOP 0)"
                                        : "answered without any request (the WHERE clause can never be true)");
    } else if (p->multi) {
        if (sql_join_explain(p, &(eval_ctx){ NULL, params, p->nparams, NULL, 0, NULL, NULL }, add_cb, &x, e) < 0) {
            sb_free(&sb);
            x.res->ops->close(x.res);
            return -1;
        }
        if (s->where) {
            sb_reset(&sb);
            expr_print(s->where, &sb);
            sb_append(&sb, "  (applied to every joined row)");
            add(&x, "Local filter", sb.data);
        }
    } else if (o.never) {
        sb_printf(&sb, "%s: answered without any request (%s)", p->table->name,
                  o.limit == 0 ? "LIMIT/TOP 0" : "the WHERE clause can never be true");
        add(&x, "No scan", sb.data);
    } else {
        if (p->s->prov->ops->plan(p->s->prov, &plan, e) < 0) {
            sb_free(&sb);
            cons_free(plan.where);
            x.res->ops->close(x.res);
            return -1;
        }
        if (o.where_partial)
            plan.exact = 0; /* the provider saw only part of the WHERE clause */
        planned = 1;
        sb_printf(&sb, "%s%s%s (PushDown=%s)", p->table->schema ? p->table->schema : "",
                  p->table->schema ? "." : "", p->table->name,
                  plan.pushdown == 2 ? "Full" : plan.pushdown == 1 ? "KeysOnly" : "None");
        add(&x, "Scan", sb.data);
        if (plan.explain && *plan.explain) {
            char *copy = strdup(plan.explain), *save = NULL;
            if (copy) {
                for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
                    add(&x, "Request", line);
                free(copy);
            }
        }
        sb_reset(&sb);
        if (plan.where)
            cons_print(plan.where, p->table, 1, &sb);
        add(&x, "Pushed filter", sb.len ? sb.data : "(none: every row of the table is read)");
        if (plan.where && any_unpushed(plan.where)) {
            sb_reset(&sb);
            print_unpushed(plan.where, p->table, &sb);
            add(&x, "Not pushed", sb.data);
        }
        if (s->where) {
            sb_reset(&sb);
            expr_print(s->where, &sb);
            sb_append(&sb, plan.exact ? "  (re-applied to every row; the pushed filter is exact)"
                                      : "  (re-applied locally to every row)");
            add(&x, "Local filter", sb.data);
        }
        sb_reset(&sb);
        sb_printf(&sb, "%.0f request%s, %.0f row%s", plan.est_requests, plan.est_requests == 1 ? "" : "s",
                  plan.est_rows, plan.est_rows == 1 ? "" : "s");
        if (plan.limit >= 0)
            sb_printf(&sb, "; the scan stops after %lld rows", (long long)plan.limit);
        add(&x, "Estimate", sb.data);
    }
    char buf[160];
    if (p->is_agg && p->table && planned && plan.exact && p->s->prov->ops->count && p->naggs == 1 &&
        p->aggs[0]->op == AGG_COUNT_STAR && !s->ngroup && !s->having)
        add(&x, "Count", "COUNT(*) is asked of the provider (one request reading the total), rows are "
                         "counted only when it does not know");
    if (p->is_agg) {
        snprintf(buf, sizeof buf, "%d group key%s, %d aggregate%s; holds one entry per group in memory "
                 "(max %ld)", s->ngroup, s->ngroup == 1 ? "" : "s", p->naggs, p->naggs == 1 ? "" : "s",
                 p->s->max_held_rows);
        add(&x, "Aggregate", buf);
        if (s->having) {
            sb_reset(&sb);
            expr_print(s->having, &sb);
            add(&x, "Having", sb.data);
        }
    }
    if (s->distinct) {
        snprintf(buf, sizeof buf, "holds the distinct rows in memory (max %ld)", p->s->max_held_rows);
        add(&x, "Distinct", buf);
    }
    if (p->nsort) {
        snprintf(buf, sizeof buf, "%d key%s; holds all rows in memory (max %ld)", p->nsort,
                 p->nsort == 1 ? "" : "s", p->s->max_held_rows);
        add(&x, "Sort", buf);
    }
    if (o.limit >= 0 || o.offset > 0) {
        snprintf(buf, sizeof buf, "%s%lld%s%lld", o.limit >= 0 ? "LIMIT " : "",
                 (long long)(o.limit >= 0 ? o.limit : 0), o.offset > 0 ? " OFFSET " : "",
                 (long long)o.offset);
        if (o.limit < 0)
            snprintf(buf, sizeof buf, "OFFSET %lld", (long long)o.offset);
        else if (o.offset == 0)
            snprintf(buf, sizeof buf, "LIMIT %lld", (long long)o.limit);
        add(&x, "Limit", buf);
    }
    if (p->multi)
        ; /* the join step already says what is held */
    else if (!p->is_agg && !s->distinct && !p->nsort)
        add(&x, "Streaming", "rows are passed on one at a time; nothing is held in memory");
    sb_free(&sb);
    if (planned && p->s->prov->ops->free_plan)
        p->s->prov->ops->free_plan(p->s->prov, &plan);
    cons_free(plan.where);
    if (x.failed) {
        x.res->ops->close(x.res);
        return err_set(e, "HY001", "Out of memory while explaining the query.");
    }
    *out = x.res;
    return 0;
}
