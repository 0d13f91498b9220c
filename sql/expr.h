/**
 * @file expr.h
 * Expression evaluation over one row: SQL three-valued logic, comparisons
 * with the engine's coercion rules, LIKE, arithmetic and CAST.
 *
 * Coercions when two values of different types meet (comparison, IN,
 * BETWEEN): INT/DOUBLE/BIT compare numerically; TEXT against a number is
 * parsed as a number (22018 if it is not one); TEXT against a TIMESTAMP is
 * parsed with ts_parse_iso8601 (22018 if it is not a timestamp); TEXT against
 * BIT accepts 1/0/true/false. Text compares byte-wise (UTF-8 byte order is
 * code point order): case-sensitive, like standard SQL.
 */
#ifndef P1_SQL_EXPR_H
#define P1_SQL_EXPR_H

#include <stdint.h>

#include "common/err.h"
#include "common/value.h"
#include "sql/ast.h"

/** The value of one subquery: computed once per execution, or per outer value when correlated. */
typedef struct subq_val {
    int        done;      /**< 1 once computed */
    sql_value  v;         /**< SQ_SCALAR: the value (NULL for no row); SQ_EXISTS: BIT */
    sql_value *list;      /**< SQ_IN: the non-NULL values of the first column */
    size_t     nlist;
    int        has_null;  /**< SQ_IN: a NULL value was among them */
    struct corr_state *corr; /**< correlated subquery: values per outer row (done stays 0), else NULL */
} subq_val;

/** What an expression can see while it is evaluated. */
typedef struct eval_ctx {
    const sql_value *row;     /**< current table row (EX_COL index), may be NULL */
    const sql_value *params;  /**< bound parameters (EX_PARAM index) */
    int              nparams;
    const sql_value *aggs;    /**< aggregate results (EX_AGG index), NULL outside grouping */
    int64_t          now_ms;  /**< CURRENT_TIMESTAMP of this execution */
    subq_val        *subq;    /**< subquery values (EX_SUBQ index), NULL while not computed */
    struct sql_cancel *cancel;/**< the statement's cancel token (sql/cancel.h) for the scans that
                                   subqueries and joins open while evaluating, may be NULL */
} eval_ctx;

/**
 * The value of correlated subquery x for the outer row of c: evaluates the
 * outer columns it refers to, and runs the subquery with them bound as
 * constants unless the per-execution cache has the same outer values.
 * *out points into the cache (valid until the next call). Returns 0 or -1.
 */
int subq_corr_value(const expr *x, const eval_ctx *c, const subq_val **out, err *e);

/** Evaluate x into out (out is cleared first). Returns 0, or -1 with e set. */
int expr_eval(const expr *x, const eval_ctx *c, sql_value *out, err *e);

/**
 * Evaluate a condition: *truth is 1 (TRUE), 0 (FALSE) or -1 (UNKNOWN).
 * Returns 0, or -1 with e set.
 */
int expr_truth(const expr *x, const eval_ctx *c, int *truth, err *e);

/**
 * Compare two non-NULL values with the coercion rules above: *cmp < 0, 0, > 0.
 * Returns 0, or -1 with e set (22018 when they cannot be compared).
 */
int sqlval_compare(const sql_value *a, const sql_value *b, int *cmp, err *e);

/**
 * Order two values for ORDER BY/GROUP BY/DISTINCT: NULLs are equal to each
 * other and sort before everything else; values that cannot be compared fall
 * back to an order by type. Never fails.
 */
int sqlval_order(const sql_value *a, const sql_value *b);

/** Hash consistent with sqlval_order equality (1 and 1.0 hash alike). */
uint64_t sqlval_hash(const sql_value *v);

/**
 * SQL LIKE: % any run, _ one character (UTF-8 aware); esc/esclen the UTF-8
 * bytes of the escape character (esc NULL: none). Case-sensitive. Returns 1
 * match, 0 no match, -1 for a malformed pattern (escape at the end).
 */
int sql_like(const char *s, size_t slen, const char *pat, size_t plen, const char *esc,
             size_t esclen);

/** Byte length of the UTF-8 character starting with lead byte c (1 for invalid bytes). */
int utf8_len(unsigned char c);

/** Convert v in place to type `to` (CAST semantics). Returns 0, or -1 with e set (22018). */
int sqlval_cast(sql_value *v, enum sqltype to, err *e);

/** Text form of a non-NULL value into a malloc'd string (NULL on ENOMEM). */
char *sqlval_to_text(const sql_value *v);

/** Parse text as a number: INT if it is an integer, else DOUBLE. Returns 0 or -1. */
int text_to_number(const char *s, sql_value *out);

#endif
