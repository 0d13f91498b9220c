/**
 * @file session.c
 * The engine's entry points (engine.h): sessions, prepare (parse + bind),
 * execute (plan with the parameter values, then start the result).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sql/cancel.h"
#include "sql/cons.h"
#include "sql/parser.h"
#include "sql/prepared.h"
#include "sql/session.h"

sql_session *sql_session_new(provider *p, int pushdown)
{
    sql_session *s = calloc(1, sizeof *s);
    if (!s) {
        if (p && p->ops->destroy)
            p->ops->destroy(p);
        return NULL;
    }
    s->prov = p;
    s->pushdown = pushdown < 0 ? 0 : pushdown > 2 ? 2 : pushdown;
    s->max_held_rows = SQL_DEFAULT_MAX_HELD_ROWS;
    return s;
}

void sql_session_free(sql_session *s)
{
    if (!s)
        return;
    if (s->prov && s->prov->ops->destroy)
        s->prov->ops->destroy(s->prov);
    free(s);
}

provider *sql_session_provider(sql_session *s) { return s ? s->prov : NULL; }

void sql_session_set_max_held_rows(sql_session *s, long n)
{
    if (s)
        s->max_held_rows = n > 0 ? n : SQL_DEFAULT_MAX_HELD_ROWS;
}

void sql_session_set_pushdown(sql_session *s, int pushdown)
{
    if (s)
        s->pushdown = pushdown < 0 ? 0 : pushdown > 2 ? 2 : pushdown;
}

static void prepared_destroy(sql_prepared *p)
{
    for (int i = 0; i < p->nout; i++)
        expr_free(p->out[i]);
    free(p->out);
    colinfo_free(p->cols, p->ncols);
    colinfo_free(p->explain_cols, p->explain_ncols);
    free(p->sort_col);
    free(p->sort_desc);
    free(p->sort_nulls_first);
    free(p->aggs);
    for (int k = 0; k < p->nsrc; k++) {
        sql_src *sr = &p->srcs[k];
        free(sr->alias);
        if (sr->dcols)
            for (int c = 0; c < sr->ncols; c++)
                free((char *)sr->dcols[c].name);
        free(sr->dcols);
        for (int i = 0; i < sr->nbranches; i++)
            sql_prepared_unref(sr->branches[i]);
        free(sr->branches);
    }
    free(p->srcs);
    free(p->arg_of);
    for (int i = 0; i < p->nsubq; i++)
        sql_prepared_unref(p->subq[i]);
    free(p->subq);
    free(p->subq_expr);
    for (int i = 0; i < p->ncorr; i++)
        expr_free(p->corr[i]);
    free(p->corr);
    statement_free(p->st); /* NULL for a subquery: its tree belongs to the enclosing statement */
    free(p);
}

void sql_prepared_unref(sql_prepared *p)
{
    if (p && --p->refs <= 0)
        prepared_destroy(p);
}

void sql_prepared_free(sql_prepared *p) { sql_prepared_unref(p); }

/** Columns of an EXPLAIN result: Step, Operation, Detail. */
static int explain_columns(sql_prepared *p)
{
    static const struct { const char *name; enum sqltype t; int size; } defs[] = {
        { "Step", SQLT_INT, 10 }, { "Operation", SQLT_TEXT, 40 }, { "Detail", SQLT_TEXT, 4000 }
    };
    p->explain_cols = calloc(3, sizeof *p->explain_cols);
    if (!p->explain_cols)
        return -1;
    p->explain_ncols = 3;
    for (int i = 0; i < 3; i++) {
        sql_colinfo *c = &p->explain_cols[i];
        c->name = strdup(defs[i].name);
        c->base_name = strdup("");
        c->table = strdup("");
        c->schema = strdup("");
        c->type = defs[i].t;
        c->size = defs[i].size;
        c->nullable = i == 2;
        if (!c->name || !c->base_name || !c->table || !c->schema)
            return -1;
    }
    return 0;
}

int sql_prepare(sql_session *s, const char *text, sql_prepared **out, err *e)
{
    *out = NULL;
    if (!s || !text)
        return err_set(e, "HY009", "No statement text was given.");
    statement *st;
    if (sql_parse(text, &st, e) < 0)
        return -1;
    sql_prepared *p = calloc(1, sizeof *p);
    if (!p) {
        statement_free(st);
        return err_set(e, "HY001", "Out of memory while preparing the statement.");
    }
    p->s = s;
    p->refs = 1;
    p->st = st;
    p->sel = st->sel;
    p->nparams = st->nparams;
    if (st->kind == STMT_CALL ? sql_bind_call(p, e) < 0 : sql_bind(p, e) < 0) {
        prepared_destroy(p);
        return -1;
    }
    if (st->kind == STMT_EXPLAIN && explain_columns(p) < 0) {
        prepared_destroy(p);
        return err_set(e, "HY001", "Out of memory while preparing the statement.");
    }
    *out = p;
    return 0;
}

int sql_prepared_nparams(const sql_prepared *p) { return p ? p->nparams : 0; }

int sql_prepared_ncols(const sql_prepared *p)
{
    if (!p)
        return 0;
    return p->st->kind == STMT_EXPLAIN ? p->explain_ncols : p->ncols;
}

const sql_colinfo *sql_prepared_cols(const sql_prepared *p)
{
    if (!p)
        return NULL;
    return p->st->kind == STMT_EXPLAIN ? p->explain_cols : p->cols;
}

/** Wall-clock time in ms since the epoch (CURRENT_TIMESTAMP). */
static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sql_execute(sql_prepared *p, const sql_value *params, sql_result **out, err *e)
{
    return sql_execute_cancellable(p, params, p ? p->nparams : 0, NULL, out, e);
}

int sql_execute_cancellable(sql_prepared *p, const sql_value *params, int nparams, sql_cancel *c,
                            sql_result **out, err *e)
{
    *out = NULL;
    if (p && nparams != p->nparams)
        return err_set(e, "07002", "The statement has %d parameter marker%s but %d value%s bound.",
                       p->nparams, p->nparams == 1 ? "" : "s", nparams, nparams == 1 ? " was" : "s were");
    if (!p)
        return err_set(e, "HY010", "The statement was not prepared.");
    if (p->nparams > 0 && !params)
        return err_set(e, "07002", "The statement has %d parameter marker%s but no values were bound.",
                       p->nparams, p->nparams == 1 ? "" : "s");
    if (p->st->kind == STMT_EXPLAIN)
        return sql_explain(p, params, out, e);
    if (p->st->kind == STMT_CALL)
        return sql_call_execute(p, params, out, e);
    exec_opts o;
    memset(&o, 0, sizeof o);
    /* one cancel token for the whole statement: its subqueries run while planning */
    o.cancel = c ? sql_cancel_ref(c) : sql_cancel_new();
    if (!o.cancel)
        return err_set(e, "HY001", "Out of memory while executing the statement.");
    scan_plan plan;
    int64_t now = now_ms();
    int rc = sql_plan_execution(p, params, now, &o, &plan, e);
    if (rc == 0)
        rc = sql_exec_start(p, params, now, &o, &plan, out, e);
    sql_cancel_unref(o.cancel); /* the result holds its own reference */
    return rc;
}

int sql_execute_n(sql_prepared *p, const sql_value *params, int nparams, sql_result **out, err *e)
{
    return sql_execute_cancellable(p, params, nparams, NULL, out, e);
}
