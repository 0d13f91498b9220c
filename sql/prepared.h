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
#include "sql/expr.h"

struct sql_cancel; /* sql/cancel.h */

/** Default number of rows a sort, DISTINCT or GROUP BY may hold in memory. */
#define SQL_DEFAULT_MAX_HELD_ROWS 200000L

struct sql_session {
    provider *prov;
    int       pushdown;       /**< 2 Full, 1 KeysOnly, 0 None */
    long      max_held_rows;  /**< limit for sort/DISTINCT/GROUP BY buffers */
};

/** Kinds of FROM sources. */
enum src_kind { SRC_TABLE, SRC_DERIVED };

/**
 * One FROM source after binding. Its columns occupy row[offset .. offset+ncols-1]
 * of the combined row that WHERE, the select list and ON conditions see.
 */
typedef struct sql_src {
    int              kind;       /**< enum src_kind */
    const table_def *table;      /**< SRC_TABLE: the provider's table; SRC_DERIVED: &ddef */
    char            *alias;      /**< may be NULL */
    int              ncols;
    int              offset;     /**< first index in the combined row */
    int              join;       /**< enum join_kind with the sources before it */
    expr            *on;         /**< ON condition (borrowed from the select_stmt), may be NULL */
    table_def        ddef;       /**< SRC_DERIVED: a table description of the subquery's columns */
    table_col       *dcols;      /**< SRC_DERIVED: its columns (names owned) */
    int              nbranches;  /**< SRC_DERIVED: SELECTs of the UNION (1 without UNION) */
    struct sql_prepared **branches;
    int              distinct_upto; /**< rows of branches [0..distinct_upto] are de-duplicated (-1 none) */
} sql_src;

struct sql_prepared {
    sql_session     *s;
    struct sql_prepared *outer;   /**< the enclosing query of a subquery (names only), else NULL */
    int              derived;     /**< binding a derived table or UNION branch: the enclosing query's
                                       own FROM items are not visible (no LATERAL) */
    int              nbase;       /**< parameters inherited from the enclosing query (prefix of its
                                       parameter vector); the rest are correlation values */
    int              ncorr;       /**< columns of enclosing queries this query refers to */
    expr           **corr;        /**< owned: each such column, bound in the enclosing query's scope;
                                       its value is parameter nbase + k of this query */
    int              nsrc;        /**< FROM sources (0 without FROM) */
    sql_src         *srcs;
    int              width;       /**< values in the combined row (sum of the sources' ncols) */
    int              multi;       /**< 1: FROM is a join or a derived table (join.c builds the rows) */
    int              nsubq;       /**< subqueries in expressions (EX_SUBQ index) */
    struct sql_prepared **subq;
    expr           **subq_expr;   /**< the EX_SUBQ nodes (not owned) */
    int              refs;        /**< 1 for the statement + 1 per open result */
    statement       *st;          /**< parse tree (select items/order moved out into out[]) */
    select_stmt     *sel;         /**< st->sel */
    const table_def *table;       /**< the table when FROM is exactly one table, else NULL */
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
    const proc_def  *proc;        /**< STMT_CALL: the procedure */
    int             *arg_of;      /**< STMT_CALL: per proc->in[i], index into st->args or -1 */
    sql_colinfo     *explain_cols;/**< columns of an EXPLAIN result */
    int              explain_ncols;
};

/** Resolve names and types of p->sel, filling everything above. Returns 0 or -1. */
int  sql_bind(sql_prepared *p, err *e);

/**
 * Bind a subquery or UNION branch `sel` (owned by parent's tree) as a child
 * statement of parent that shares its session and parameters. Returns 0 or -1.
 */
int  sql_bind_child(sql_prepared *parent, select_stmt *sel, sql_prepared **out, err *e);

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
    int64_t   limit;     /**< -1 none */
    int64_t   offset;    /**< 0 none */
    int       never;     /**< WHERE can never be true: do not scan */
    int       no_subq;   /**< IN: do not run subqueries (EXPLAIN) */
    subq_val *subq;      /**< OUT: p->nsubq subquery values (owned; exec takes them over) */
    long      subq_requests; /**< OUT: HTTP requests made by the subqueries */
    struct sql_cancel *cancel; /**< IN: the statement's cancel token (sql/cancel.h) that the
                                    subqueries and the result share; NULL: the result makes one */
    int       where_partial; /**< OUT: the constraint tree is not the whole WHERE (a condition
                                  was left out or widened): the provider's plan is never exact */
} exec_opts;

/** Free n subquery values (NULL is fine), with their correlated caches. */
void subq_vals_free(subq_val *v, int n);

/**
 * Run subquery `child` (the query of EX_SUBQ node x) once with parameter
 * vector params, its scans opened through cancel token cancel (may be NULL),
 * and store its value in sv (SQ_SCALAR: the value, 21000 for
 * more than one row; SQ_EXISTS: BIT; SQ_IN: the values, bounded by the
 * session's max_held_rows). Adds the requests made to *requests. Returns 0 or -1.
 */
int  sql_subq_fill(sql_prepared *child, const expr *x, const sql_value *params, int64_t now_ms,
                   struct sql_cancel *cancel, subq_val *sv, long *requests, err *e);

/**
 * Start the per-execution state of correlated subquery `child` (node x):
 * an empty cache of its values keyed by the outer values. NULL on ENOMEM.
 */
struct corr_state *corr_state_new(sql_prepared *child, const expr *x);

/** Free a correlated subquery's state (NULL is fine). */
void corr_state_free(struct corr_state *st);

/** HTTP requests made so far by the correlated subqueries among n values. */
long subq_corr_requests(const subq_val *v, int n);

/** Text for EXPLAIN: how correlated subquery i of p runs (malloc'd; NULL on ENOMEM). */
char *corr_explain(const sql_prepared *p, int i);

/**
 * Run one prepared statement that has no EXPLAIN (a branch, a derived table,
 * a subquery) with the parameters of the enclosing statement, opening its
 * scans through the enclosing statement's cancel token (may be NULL).
 * Returns 0 with *out a result, or -1.
 */
int  sql_run_child(sql_prepared *p, const sql_value *params, int64_t now_ms, struct sql_cancel *cancel,
                   sql_result **out, err *e);

/**
 * Build the rows of a FROM clause that is a join or a derived table: every
 * combined row (p->width values) that the joins produce, before WHERE. The
 * rows are held in memory (counted in *held against the session limit).
 * Returns 0 with *rows and *nrows set (caller frees each row and the array), or -1.
 */
int  sql_join_rows(sql_prepared *p, const eval_ctx *ctx, long *held, sql_value ***rows,
                   size_t *nrows, long *requests, err *e);

/** Describe how sql_join_rows would build the rows (EXPLAIN); add(op, detail) per line. */
int  sql_join_explain(sql_prepared *p, const eval_ctx *ctx, void (*add)(void *, const char *, const char *),
                      void *arg, err *e);

/**
 * Build the constraint tree for conjunctions of the expression w that only use
 * columns [off, off+t->ncols) of the combined row (with ctx for constants).
 */
int  sql_build_cons_ctx(const expr *w, const table_def *t, int off, const eval_ctx *ctx, cons **out,
                        int *never, err *e);
/**
 * As sql_build_cons_ctx; *partial (may be NULL) is set to 1 when the tree is
 * not equivalent to w: a condition could not be pushed and was left out, or
 * was widened (LIKE with wildcards becomes a prefix/suffix/contains test).
 */
int  sql_build_cons_ctx_p(const expr *w, const table_def *t, int off, const eval_ctx *ctx, cons **out,
                          int *never, int *partial, err *e);

/**
 * Evaluate TOP/LIMIT/OFFSET and the constant part of WHERE for an
 * execution, and build the scan plan (plan->where owned by the caller, free
 * with cons_free). Returns 0 or -1.
 */
int  sql_plan_execution(sql_prepared *p, const sql_value *params, int64_t now_ms, exec_opts *o,
                        scan_plan *plan, err *e);

/**
 * Start executing p (after planning). Takes ownership of plan. The result
 * takes a reference to o->cancel (or makes its own token when NULL); its
 * sql_result.cancel fires that token.
 */
int  sql_exec_start(sql_prepared *p, const sql_value *params, int64_t now_ms, const exec_opts *o,
                    scan_plan *plan, sql_result **out, err *e);

/** Resolve a procedure call (STMT_CALL): the procedure, its arguments and result columns. */
int  sql_bind_call(sql_prepared *p, err *e);

/** Run a bound procedure call with the statement's parameter values. */
int  sql_call_execute(sql_prepared *p, const sql_value *params, sql_result **out, err *e);

/** Build the EXPLAIN result for p. */
int  sql_explain(sql_prepared *p, const sql_value *params, sql_result **out, err *e);

#endif
