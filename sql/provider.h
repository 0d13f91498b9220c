/**
 * @file provider.h
 * The only way the SQL engine sees tables: a provider (PingOne, or a fake one
 * in unit tests) describes its tables and runs scans. Modelled on SQLite's
 * virtual-table API: the planner offers the usable constraints
 * (xBestIndex), the provider marks which it can push and what the scan costs,
 * then the planner opens the scan (xFilter) and pulls rows (xNext).
 *
 * Contract that keeps pushdown honest: a scan returns a SUPERSET of the rows
 * that satisfy the constraints it claims to have pushed (PingOne matches
 * strings case-insensitively, the engine does not). The engine ALWAYS
 * re-applies the full WHERE clause to every row, so `pushed` changes request
 * counts, never results.
 */
#ifndef P1_SQL_PROVIDER_H
#define P1_SQL_PROVIDER_H

#include <stdint.h>

#include "common/err.h"
#include "common/value.h"

/** A column of a provider table. */
typedef struct table_col {
    const char  *name;      /**< SQL name, e.g. "Username" */
    enum sqltype type;      /**< value type of every non-NULL value in it */
    int          size;      /**< chars for TEXT; 10 (INTEGER) or 19 (BIGINT) for INT; 0 otherwise */
    int          nullable;  /**< 1 when NULL may appear */
    const char  *remarks;   /**< description for SQLColumns REMARKS, may be NULL */
} table_col;

/** A documented reference from a column of one table to the key of another. */
typedef struct table_fk {
    int         col;         /**< referencing column (index into the table's cols) */
    const char *ref_schema;  /**< NULL: the same schema as the referencing table */
    const char *ref_table;   /**< e.g. "Populations" */
    const char *ref_col;     /**< e.g. "Id" */
} table_fk;

/** A table a provider offers. Lives as long as the provider. */
typedef struct table_def {
    const char      *catalog;  /**< catalog name, may be NULL */
    const char      *schema;   /**< schema name (environment name); may be NULL */
    const char      *name;     /**< table name, e.g. "Users" */
    const char      *type;     /**< "TABLE", "VIEW" or "SYSTEM TABLE" */
    const char      *remarks;  /**< may be NULL */
    int              ncols;
    const table_col *cols;
    int              npk;      /**< primary key columns (indexes into cols) */
    const int       *pk;
    const void      *priv;     /**< provider's own description of the table */
    int              nfk;      /**< foreign keys (documented references), may be 0 */
    const table_fk  *fks;
} table_def;

/** Node kinds of a constraint tree handed to the provider. */
enum cons_op {
    CONS_AND,       /**< all kids */
    CONS_OR,        /**< any kid */
    CONS_EQ,        /**< col = vals[0] */
    CONS_NE,        /**< col <> vals[0] */
    CONS_LT, CONS_LE, CONS_GT, CONS_GE,
    CONS_PREFIX,    /**< col LIKE 'vals[0]%' (vals[0] holds the literal prefix, no wildcards) */
    CONS_SUFFIX,    /**< col LIKE '%vals[0]' */
    CONS_CONTAINS,  /**< col LIKE '%vals[0]%' */
    CONS_IN,        /**< col IN (vals[0..nvals-1]) */
    CONS_ISNULL,    /**< col IS NULL */
    CONS_NOTNULL    /**< col IS NOT NULL */
};

/**
 * A constraint tree: the part of WHERE that has the shape "column op
 * constant", combined with AND/OR. Parts of WHERE that have another shape are
 * simply absent (the engine evaluates them locally anyway). Values are
 * concrete (parameters are bound before planning) and never SQL NULL.
 * Comparison values have the column's type or TEXT.
 */
typedef struct cons {
    enum cons_op  op;
    int           col;     /**< leaf: index into table_def.cols */
    int           nvals;   /**< leaf: number of values */
    sql_value    *vals;    /**< leaf: values (owned by the engine) */
    int           nkids;   /**< AND/OR: number of children */
    struct cons **kids;    /**< AND/OR: children */
    int           pushed;  /**< OUT, set by provider plan(): this node is applied by the source */
} cons;

/** What the planner asks a provider to plan, and what the provider answers. */
typedef struct scan_plan {
    const table_def *table;
    cons            *where;        /**< may be NULL: no usable constraints */
    int64_t          limit;        /**< -1: all rows; else the consumer stops after this many
                                        rows that pass the WHERE clause (the provider may use it
                                        to size pages only if every WHERE conjunct is pushed
                                        exactly: see `exact`). The engine passes a limit only
                                        when `where` is the whole WHERE clause. */
    int              pushdown;     /**< 2 Full, 1 KeysOnly, 0 None (the PushDown property) */
    /* --- filled by provider plan() --- */
    int              exact;        /**< 1 when the pushed filter is exactly `where` (the
                                        provider sees only the tree; the engine clears this
                                        after plan() when conditions were left out of the tree
                                        or widened, e.g. a function of a column) */
    double           est_requests; /**< estimated HTTP requests */
    double           est_rows;     /**< estimated rows returned */
    char            *explain;      /**< malloc'd, one line per request template, for EXPLAIN */
    void            *priv;         /**< provider data, released by free_plan */
} scan_plan;

/** An input parameter of a stored procedure. */
typedef struct proc_param {
    const char  *name;      /**< e.g. "CallbackUrl" (bound by name, case-insensitive, or position) */
    enum sqltype type;
    int          size;
    int          required;  /**< 1 when the call fails without it */
    const char  *remarks;
} proc_param;

/** A stored procedure a provider offers (e.g. GetOAuthAccessToken). */
typedef struct proc_def {
    const char       *schema;   /**< may be NULL */
    const char       *name;
    const char       *remarks;
    int               nin;      /**< input parameters */
    const proc_param *in;
    int               nout;     /**< result set columns */
    const table_col  *out;
} proc_def;

typedef struct provider provider;
typedef struct scan scan;
struct sql_result;

struct provider_ops {
    /** Number of tables, and the i-th (for catalog functions). */
    int              (*table_count)(provider *p);
    const table_def *(*table_at)(provider *p, int i);
    /**
     * Resolve a table name. schema may be NULL (default schema). Matching is
     * case-insensitive. Returns NULL with e set to 42S02 naming the table.
     */
    const table_def *(*find_table)(provider *p, const char *schema, const char *name, err *e);
    /**
     * Decide what to push: mark cons->pushed on the nodes applied by the
     * source, fill exact/est_requests/est_rows/explain/priv. Must not do I/O.
     * A table that needs a key (e.g. UserGroupAssociations needs UserId) and
     * does not get one fails here with 0A000 (or plans a fan-out).
     */
    int              (*plan)(provider *p, scan_plan *plan, err *e);
    /** Start the scan planned above (may do I/O). */
    int              (*open)(provider *p, scan_plan *plan, scan **out, err *e);
    /**
     * Next row: fill row[0..ncols-1] (the caller clears the values before
     * each call and owns them after). Returns 1 for a row, 0 at the end,
     * -1 on error (e set).
     */
    int              (*next)(scan *s, sql_value *row, err *e);
    /** Number of HTTP requests this scan made so far (for tests and EXPLAIN ANALYZE). */
    long             (*requests)(scan *s);
    void             (*close)(scan *s);
    void             (*free_plan)(provider *p, scan_plan *plan);
    void             (*destroy)(provider *p);

    /* ---- optional operations: NULL when the provider does not offer them ---- */

    /**
     * Count the rows a planned scan would return without reading them (PingOne:
     * the list envelope's `count` from a one-row request). Only called when
     * plan->exact. Returns 1 with *n set, 0 when the count is unknown (the
     * engine then counts rows itself), -1 on error. *requests receives the
     * number of HTTP requests made.
     */
    int              (*count)(provider *p, scan_plan *plan, int64_t *n, long *requests, err *e);
    /**
     * Interrupt a scan from another thread (SQLCancel, query timeout): the
     * current or next request fails at once and next() returns -1 with
     * HY008 (or HYT00 for a timeout). Must be async-safe with respect to next().
     */
    void             (*cancel)(scan *s);
    /** Stored procedures: how many, and the i-th (SQLProcedures, sys_procedures). */
    int              (*proc_count)(provider *p);
    const proc_def  *(*proc_at)(provider *p, int i);
    /**
     * Run a procedure. args[i] is the value of proc->in[i] (SQLT_NULL when not
     * given). On success *out is a result (usually a memresult) with
     * proc->nout columns that the caller closes.
     */
    int              (*call)(provider *p, const proc_def *proc, const sql_value *args,
                             struct sql_result **out, err *e);
};

struct provider {
    const struct provider_ops *ops;
};

#endif
