/**
 * @file prepared.h
 * Internal: what the engine keeps for a session and a prepared statement.
 * Shared by session.c (prepare/execute), bind.c (names and types),
 * planner.c (pushdown), exec.c (results) and explain.c.
 */
#ifndef P1_SQL_PREPARED_H
#define P1_SQL_PREPARED_H

#include <stdint.h>

#include "sql/ast.h"
#include "sql/engine.h"

/** Default number of rows a sort, DISTINCT or GROUP BY may hold in memory. */
#define SQL_DEFAULT_MAX_HELD_ROWS 200000L

struct sql_session {
    provider *prov;
    int       pushdown;       /**< 2 Full, 1 KeysOnly, 0 None */
    long      max_held_rows;  /**< limit for sort/DISTINCT/GROUP BY buffers */
};

struct sql_prepared {
    sql_session     *s;
    int              refs;        /**< 1 for the statement + 1 per open result */
    statement       *st;          /**< parse tree (select items/order moved out into out[]) */
    select_stmt     *sel;         /**< st->sel */
    const table_def *table;       /**< NULL without FROM */
    int              nparams;
    int              ncols;       /**< visible result columns */
    sql_colinfo     *cols;
    int              nout;        /**< ncols + hidden ORDER BY keys */
    expr           **out;         /**< owned projection expressions */
    int              nsort;       /**< ORDER BY keys */
    int             *sort_col;    /**< index into out[] */
    int             *sort_desc;
    int             *sort_nulls_first;
    int              is_agg;      /**< aggregates or GROUP BY present */
    int              naggs;
    expr           **aggs;        /**< the EX_AGG nodes (not owned), slot = index */
    sql_colinfo     *explain_cols;/**< columns of an EXPLAIN result */
    int              explain_ncols;
};

/** Resolve names and types of p->sel, filling everything above. Returns 0 or -1. */
int  sql_bind(sql_prepared *p, err *e);

/** Free the colinfo array (names) of n columns. */
void colinfo_free(sql_colinfo *c, int n);

/** Drop one reference to p; frees it when none remain. */
void sql_prepared_unref(sql_prepared *p);

/**
 * Build the constraint tree for WHERE w over table t with parameters bound.
 * *out is NULL when nothing is usable; *never is set to 1 when WHERE can
 * never be TRUE (e.g. col = NULL, 1 = 0), so no scan is needed. Returns 0 or
 * -1 with e set (22018 for a literal that does not fit the column's type).
 */
int  sql_build_cons(const expr *w, const table_def *t, const sql_value *params, int nparams,
                    int64_t now_ms, cons **out, int *never, err *e);

/** Runtime options of one execution (from sql_execute or EXPLAIN). */
typedef struct exec_opts {
    int64_t limit;     /**< -1 none */
    int64_t offset;    /**< 0 none */
    int     never;     /**< WHERE can never be true: do not scan */
} exec_opts;

/**
 * Evaluate TOP/LIMIT/OFFSET and the constant part of WHERE for an
 * execution, and build the scan plan (plan->where owned by the caller, free
 * with cons_free). Returns 0 or -1.
 */
int  sql_plan_execution(sql_prepared *p, const sql_value *params, int64_t now_ms, exec_opts *o,
                        scan_plan *plan, err *e);

/** Start executing p (after planning). Takes ownership of plan. */
int  sql_exec_start(sql_prepared *p, const sql_value *params, int64_t now_ms, const exec_opts *o,
                    scan_plan *plan, sql_result **out, err *e);

/** Build the EXPLAIN result for p. */
int  sql_explain(sql_prepared *p, const sql_value *params, sql_result **out, err *e);

#endif
