/**
 * @file engine.h
 * The SQL engine as the ODBC layer sees it: prepare text, learn its
 * parameters and result columns, execute with parameter values, pull rows.
 * The ODBC layer never sees HTTP or JSON; the engine sees tables only
 * through a provider (provider.h).
 *
 * All text is UTF-8. Errors fill an err with the SQLSTATE the ODBC layer
 * reports: 42000 syntax (with line/column and token), 42S02 unknown table,
 * 42S22 unknown column, 07002 wrong parameter count, 0A000 unsupported, and
 * whatever the provider reports (28000, 08S01, HY000 with PingOne's text...).
 */
#ifndef P1_SQL_ENGINE_H
#define P1_SQL_ENGINE_H

#include <stdint.h>

#include "common/err.h"
#include "common/value.h"
#include "sql/provider.h"

/** Metadata of one result column (what SQLDescribeCol/SQLColAttribute report). */
typedef struct sql_colinfo {
    char        *name;        /**< result column name (alias if any) */
    char        *base_name;   /**< column in the base table, "" for expressions */
    char        *table;       /**< base table name, "" for expressions */
    char        *schema;      /**< base table schema, "" when none */
    enum sqltype type;        /**< SQLT_* of the values (SQLT_NULL: all NULL) */
    int          size;        /**< chars for TEXT; 10/19 for INT (INTEGER/BIGINT) */
    int          nullable;    /**< 0 no, 1 yes */
} sql_colinfo;

typedef struct sql_result sql_result;

struct sql_result_ops {
    /** Advance to the next row: 1 row available in res->row, 0 end, -1 error. */
    int  (*next)(sql_result *res, err *e);
    /** Release everything (also stops any scan early). */
    void (*close)(sql_result *res);
};

/**
 * A result being read. ncols/cols are valid from creation; row[] holds the
 * current row after next() returned 1 and stays valid until the next call.
 */
struct sql_result {
    const struct sql_result_ops *ops;
    int                ncols;
    const sql_colinfo *cols;
    sql_value         *row;
    int64_t            rowcount;  /**< rows affected (-1 for a SELECT: unknown) */
    long               requests;  /**< HTTP requests made so far by this result */
    /**
     * Optional (NULL allowed; results are allocated zeroed): interrupt the
     * result from another thread (SQLCancel, query timeout) by cancelling
     * its provider scans; the running or next next() then fails (HY008).
     * Must be safe to call while next() runs. Use sql_result_cancel().
     */
    void             (*cancel)(sql_result *res);
};

/**
 * Interrupt res from another thread (see sql_result_ops.cancel). Does
 * nothing when res is NULL or its kind of result cannot be interrupted.
 * Implemented in sql/cancel.c.
 */
void sql_result_cancel(sql_result *res);

/** In-memory result (catalog functions, procedures, EXPLAIN). Copies cols. */
sql_result *memresult_new(int ncols, const sql_colinfo *cols);
/** Append a row, taking ownership of vals[0..ncols-1] (they become NULL). */
int         memresult_add_row(sql_result *res, sql_value *vals);

/** A connection's SQL state: the provider and its settings. */
typedef struct sql_session sql_session;

/** Create a session over a provider (ownership passes to the session). pushdown: 2/1/0. */
sql_session *sql_session_new(provider *p, int pushdown);
void         sql_session_free(sql_session *s);
provider    *sql_session_provider(sql_session *s);

typedef struct sql_prepared sql_prepared;

/** Parse and check a statement. Fills e and returns -1 on failure. */
int  sql_prepare(sql_session *s, const char *text, sql_prepared **out, err *e);
/** Number of `?` parameters. */
int  sql_prepared_nparams(const sql_prepared *p);
/**
 * The type inferred for parameter i (0-based) of p at prepare time: the type
 * and size of the column (or expression) it is compared with, IN-listed or
 * BETWEEN with; the other operand's numeric type (else DOUBLE) in arithmetic;
 * INT for TOP/LIMIT/OFFSET; the procedure parameter's type in a call; text
 * (size 4000) otherwise. size: chars for TEXT, 10/19 for INT, 0 otherwise.
 * *nullable is 1 (NULL may always be passed). Any out pointer may be NULL.
 * Returns 0, or -1 when i is not a parameter of p. Implemented in sql/params.c.
 */
int  sql_prepared_param_type(const sql_prepared *p, int i, enum sqltype *type, int *size,
                             int *nullable);
/** Result columns known after prepare (0 columns for statements without a result). */
int  sql_prepared_ncols(const sql_prepared *p);
const sql_colinfo *sql_prepared_cols(const sql_prepared *p);
/**
 * Execute with parameter values params[0..nparams-1] (copied as needed).
 * On success *out is a result the caller closes. Planning happens here, after
 * parameters are known.
 */
int  sql_execute(sql_prepared *p, const sql_value *params, sql_result **out, err *e);
/**
 * As sql_execute, stating how many values params holds: fails with 07002
 * when nparams differs from sql_prepared_nparams(p).
 */
int  sql_execute_n(sql_prepared *p, const sql_value *params, int nparams, sql_result **out, err *e);
/**
 * A cancel token made by the caller before executing, so that a cancel can
 * reach the execution itself: uncorrelated subqueries run while
 * sql_execute_cancellable plans, before there is a result to cancel.
 * sql_cancel_fire (any thread) cancels every provider scan the execution or
 * its result has open and every one opened later. Implemented in sql/cancel.c.
 */
typedef struct sql_cancel sql_cancel;
/** A new token with one reference; NULL when out of memory. */
sql_cancel *sql_cancel_new(void);
/** Fire c from any thread (NULL is fine). */
void sql_cancel_fire(sql_cancel *c);
/** Drop the caller's reference (NULL is fine); the result keeps its own. */
void sql_cancel_unref(sql_cancel *c);
/**
 * As sql_execute_n, running under token c (NULL: a token of its own, as
 * sql_execute does). The result keeps c alive; sql_result_cancel on the
 * result fires the same token.
 */
int  sql_execute_cancellable(sql_prepared *p, const sql_value *params, int nparams, sql_cancel *c,
                             sql_result **out, err *e);
void sql_prepared_free(sql_prepared *p);

#endif
