/**
 * @file handles.h
 * The four ODBC handle kinds (environment, connection, statement,
 * descriptor) and the internal p1_* API the thin exported entry points call.
 *
 * Every handle starts with a p1_handle header: a magic cookie (checked by
 * every entry point), its own mutex (taken by the entry point for the whole
 * call) and its diagnostics. Internal code never calls a public SQL* symbol.
 *
 * Text inside is UTF-8. Output strings go through p1_strout, which writes
 * UTF-8 for the A entry points and UTF-16 for the W ones, so A and W share
 * one implementation.
 */
#ifndef P1_DRIVER_HANDLES_H
#define P1_DRIVER_HANDLES_H

#include <pthread.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "common/err.h"
#include "common/log.h"
#include "common/props.h"
#include "common/value.h"
#include "driver/strout.h"
#include "driver/handle_base.h"
#include "driver/desc.h"
#include "sql/engine.h"

#define P1_DRIVER_VER   "01.00.0000"
#define P1_DBMS_NAME    "PingOne"
#define P1_DBMS_VER     "01.00.0000"
#define P1_DRIVER_NAME  "libpingoneodbc.so"

typedef struct p1_env  p1_env;
typedef struct p1_dbc  p1_dbc;
typedef struct p1_stmt p1_stmt;
typedef struct p1_watchdog p1_watchdog;

/** Environment. */
struct p1_env {
    p1_handle   h;
    SQLINTEGER  odbc_version;    /**< SQL_OV_ODBC2 / 3 / 3_80 */
    SQLUINTEGER pooling;         /**< SQL_ATTR_CONNECTION_POOLING */
    SQLUINTEGER cp_match;        /**< SQL_ATTR_CP_MATCH */
    SQLINTEGER  output_nts;      /**< SQL_ATTR_OUTPUT_NTS (always SQL_TRUE) */
    p1_dbc     *dbcs;            /**< connections allocated on this env */
};

/** Connection. */
struct p1_dbc {
    p1_handle    h;
    p1_dbc      *next;           /**< next connection of the env */
    p1_stmt     *stmts;          /**< statements of this connection */
    p1_desc     *descs;          /**< explicitly allocated descriptors */
    int          connected;
    char        *dsn;            /**< data source name ("" when none) */
    props        props;          /**< effective properties */
    p1log       *log;            /**< Logfile, may be NULL */
    sql_session *session;        /**< engine session over the PingOne provider */
    pthread_mutex_t work_lock;   /**< held while a statement of this connection is in the
                                      engine (one transport and session per connection) */
    /* attributes */
    SQLUINTEGER  autocommit;
    SQLUINTEGER  access_mode;
    SQLUINTEGER  login_timeout;
    SQLUINTEGER  connection_timeout;
    SQLUINTEGER  txn_isolation;
    SQLUINTEGER  packet_size;
    SQLUINTEGER  metadata_id;
    SQLUINTEGER  quiet_mode;
    SQLUINTEGER  odbc_cursors;
    SQLUINTEGER  trace;
    char        *current_catalog;
    int          stmt_counter;   /**< for generated cursor names */
    SQLULEN      async_enable;   /**< SQL_ATTR_ASYNC_ENABLE: default for new statements */
    struct p1_browse *browse;    /**< SQLBrowseConnect in progress (browse.c), NULL otherwise */
};

/** Statement states that matter for function-sequence checks. */
enum p1_stmt_state {
    P1_S_ALLOCATED = 0,  /**< nothing prepared */
    P1_S_PREPARED,       /**< prepared, no cursor */
    P1_S_EXECUTED,       /**< executed, result without rows (no cursor) */
    P1_S_CURSOR,         /**< a cursor is open (result set pending) */
    P1_S_NEED_DATA       /**< SQLExecute is waiting for data-at-execution parameters */
};

/** Statement. */
struct p1_stmt {
    p1_handle     h;
    p1_dbc       *dbc;
    p1_stmt      *next;            /**< next statement of the connection */
    enum p1_stmt_state state;
    sql_prepared *prep;            /**< prepared statement, NULL for catalog results */
    sql_result   *res;             /**< open result, NULL when none */
    int64_t       rows_fetched;    /**< rows fetched from res so far */
    int64_t       rowcount;        /**< SQLRowCount answer */
    int           row_valid;       /**< res->row holds the current row */
    int           at_end;          /**< the result reported its end (or MAX_ROWS reached) */
    SQLLEN       *gd_pos;          /**< per column: SQLGetData offset (bytes returned so far) */
    int           gd_ncols;
    int           gd_last_col;     /**< last column read by SQLGetData (0: none) */
    char         *gd_buf;          /**< SQLGetData: whole converted value of gd_last_col */
    SQLLEN        gd_len;          /**< its length in bytes (without terminator) */
    SQLSMALLINT   gd_ctype;        /**< C type gd_buf holds (0: none) */
    /* rows kept for SQLGetData on a row array and for scrollable cursors (scroll.c) */
    sql_value    *rs_copy;         /**< forward-only row array: copies of the rowset's rows */
    SQLULEN       rs_copy_rows;    /**< rows held in rs_copy */
    SQLULEN       rs_rows;         /**< rows in the current rowset */
    SQLULEN       rs_pos;          /**< SQLSetPos row of the rowset (1-based; 0: none) */
    const sql_value *cur_row;      /**< row SQLGetData reads (NULL: none) */
    const sql_value *rs_first;     /**< the first row of the current rowset (SQLSetPos) */
    SQLUSMALLINT *rs_status;       /**< row status array of the last fetch (NULL: none) */
    int           scroll_loaded;   /**< static cursor: every row read into scroll_rows */
    sql_value    *scroll_rows;     /**< static cursor: scroll_n rows of ncols values */
    int64_t       scroll_n, scroll_cap;
    int64_t       scroll_start;    /**< first row of the rowset (-1 before start, scroll_n after end) */
    /* parameters: data-at-execution and parameter arrays (params.c) */
    sql_value    *pvals;           /**< values of the parameter set being executed */
    int           pn;              /**< parameters of the prepared statement */
    SQLULEN       pset;            /**< parameter set being executed (0-based) */
    int           dae_param;       /**< data-at-exec: parameter whose data SQLPutData sends (0: none) */
    char         *dae_buf;         /**< bytes collected by SQLPutData for dae_param */
    size_t        dae_len;
    int           dae_null;        /**< SQLPutData sent SQL_NULL_DATA */
    unsigned char *pfilled;        /**< per parameter: value of the current set collected */
    int           dae_next;        /**< next data-at-exec parameter to announce (0: none) */
    int           need_data;       /**< SQLExecute returned SQL_NEED_DATA; SQLParamData continues */
    volatile int  cancel_requested;/**< set by SQLCancel from another thread */
    sql_cancel   *exec_cancel;     /**< token of the execution in progress (guarded by cancel_lock) */
    pthread_mutex_t cancel_lock;   /**< guards res against SQLCancel from another thread */
    /* asynchronous execution (async.c) */
    pthread_mutex_t async_lock;    /**< guards the async_* fields below */
    int           async_state;     /**< P1_ASYNC_IDLE / RUNNING / DONE */
    int           async_fn;        /**< SQL_API_* id of the pending call */
    int           async_canceled;  /**< SQLCancel arrived while the call was pending */
    SQLRETURN     async_rc;        /**< result of the finished call */
    pthread_t     async_thread;    /**< worker running the call */
    struct p1_async_call *async_call; /**< its copied arguments */
    SQLRETURN   (*async_run)(p1_stmt *, const struct p1_async_call *); /**< what the worker runs */
    /* implicit descriptors and the ones in use */
    p1_desc       ard_impl, apd_impl, ird, ipd;
    p1_desc      *ard, *apd;
    /* attributes */
    SQLULEN       max_rows;
    SQLULEN       query_timeout;
    SQLULEN       noscan;
    SQLULEN       metadata_id;
    SQLULEN       retrieve_data;
    SQLULEN       max_length;
    SQLULEN       async_enable;
    SQLULEN       keyset_size;
    SQLULEN       use_bookmarks;
    SQLULEN       rowset_size_odbc2; /**< SQL_ROWSET_SIZE (SQLExtendedFetch) */
    SQLULEN       concurrency;
    SQLULEN       cursor_type;
    SQLULEN       cursor_sensitivity;
    SQLULEN       simulate_cursor;
    SQLPOINTER    fetch_bookmark_ptr;
    char         *cursor_name;     /**< set or generated cursor name */
    int           work_held;       /**< this statement's call holds dbc->work_lock */
};

/* ---- handle lifetime and entry/exit (handles.c) ---- */

/**
 * Check that h is a live handle of kind type and lock it. Clears its
 * diagnostics when clear is non-zero. Returns the header, or NULL for an
 * invalid handle (the entry point then returns SQL_INVALID_HANDLE).
 */
p1_handle *p1_enter(SQLHANDLE h, SQLSMALLINT type, int clear);
/**
 * p1_enter for a statement that will use its connection's engine session:
 * also takes the connection's work lock (after the statement's own lock),
 * so statements of one connection running in different threads take turns
 * (they share one libcurl transport and one session). p1_leave releases
 * both. SQLCancel never enters: it interrupts a call from any thread.
 */
p1_handle *p1_enter_stmt_work(SQLHANDLE h);
/** Take s's connection work lock for s (s locked; a no-op when already held). */
void       p1_stmt_work_begin(p1_stmt *s);
/** Release s's connection work lock if s holds it (s locked). */
void       p1_stmt_work_end(p1_stmt *s);
/** Record rc in the diagnostics header, release a statement's work lock, unlock, and return rc. */
SQLRETURN  p1_leave(p1_handle *h, SQLRETURN rc);
/** Type of a live handle of any kind (0 when not ours). */
SQLSMALLINT p1_handle_type(SQLHANDLE h);

/** Allocate a handle of kind type under input (SQLAllocHandle). */
SQLRETURN p1_alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE *out);
/** Free a handle (SQLFreeHandle); h has been validated but is not locked. */
SQLRETURN p1_free_handle(SQLSMALLINT type, SQLHANDLE h);
/** Free every statement of a connection (caller holds the dbc lock). */
void      p1_dbc_free_stmts(p1_dbc *dbc);

/** Record err e on handle h and return SQL_ERROR (or SQL_SUCCESS_WITH_INFO for 01xxx). */
SQLRETURN p1_fail(p1_handle *h, const err *e);
/** Record an error on h; returns SQL_ERROR. */
SQLRETURN p1_error(p1_handle *h, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/** Record a warning on h; returns SQL_SUCCESS_WITH_INFO. */
SQLRETURN p1_warn(p1_handle *h, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/**
 * Copy an A input string (len bytes, SQL_NTS, or NULL pointer) into a
 * malloc'd NUL-terminated string. *out is NULL for a NULL pointer.
 * Returns 0, or -1 for a bad length (HY090) or no memory (HY001), recorded on h.
 */
int p1_in_a(p1_handle *h, const SQLCHAR *s, SQLINTEGER len, char **out);
/** Same for a W input string (len in characters). */
int p1_in_w(p1_handle *h, const SQLWCHAR *s, SQLINTEGER len, char **out);

/* ---- environment (env.c) ---- */
SQLRETURN p1_set_env_attr(p1_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len);
SQLRETURN p1_get_env_attr(p1_env *env, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                          SQLINTEGER *outlen);

/* ---- connection (dbc.c, connect.c) ---- */
SQLRETURN p1_connect(p1_dbc *dbc, const char *dsn, const char *uid, const char *pwd);
SQLRETURN p1_driver_connect(p1_dbc *dbc, const char *in, const p1_strout *out,
                            SQLLEN *outlen, SQLUSMALLINT completion);
SQLRETURN p1_disconnect(p1_dbc *dbc);
/**
 * Connect with the effective properties p (copied into dbc): validate, open
 * the log, sign in, create the engine session. dsn may be NULL.
 */
SQLRETURN p1_open_connection(p1_dbc *dbc, const props *p, const char *dsn);
/** dsn_reader (driver/connstr.h) over odbc.ini through libodbcinst. */
int p1_ini_reader(void *ctx, const char *dsn, const char *key, char *buf, int size);

/* ---- iterative connection (browse.c) ---- */
/**
 * One SQLBrowseConnect step: merge the keys of in into the connection being
 * browsed; SQL_NEED_DATA with the missing keys in BrowseConnect syntax in
 * out, or connect and put the completed connection string in out. Any
 * SQL_ERROR ends the browse (the connection stays unconnected).
 */
SQLRETURN p1_browse_connect(p1_dbc *dbc, const char *in, const p1_strout *out, SQLLEN *outlen);
/** Forget a browse in progress (SQLDisconnect, SQLFreeHandle). */
void p1_browse_reset(p1_dbc *dbc);
SQLRETURN p1_set_connect_attr(p1_dbc *dbc, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len,
                              const char *strval);
SQLRETURN p1_get_connect_attr(p1_dbc *dbc, SQLINTEGER attr, SQLPOINTER value,
                              const p1_strout *sout, SQLLEN *outlen);
SQLRETURN p1_end_tran(p1_handle *h, SQLSMALLINT completion);
SQLRETURN p1_native_sql(p1_dbc *dbc, const char *in, const p1_strout *out, SQLLEN *outlen);

/* ---- information (info.c) ---- */
SQLRETURN p1_get_info(p1_dbc *dbc, SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buflen,
                      const p1_strout *sout, SQLSMALLINT *outlen);
SQLRETURN p1_get_functions(p1_dbc *dbc, SQLUSMALLINT id, SQLUSMALLINT *supported);

/* ---- statements (stmt.c, fetch.c, attr.c) ---- */
SQLRETURN p1_prepare(p1_stmt *s, const char *sql);
SQLRETURN p1_execute(p1_stmt *s);
SQLRETURN p1_exec_direct(p1_stmt *s, const char *sql);
SQLRETURN p1_free_stmt(p1_stmt *s, SQLUSMALLINT option);
SQLRETURN p1_close_cursor(p1_stmt *s, int must_be_open);
SQLRETURN p1_num_result_cols(p1_stmt *s, SQLSMALLINT *n);
SQLRETURN p1_num_params(p1_stmt *s, SQLSMALLINT *n);
SQLRETURN p1_describe_col(p1_stmt *s, SQLUSMALLINT col, const p1_strout *name, SQLSMALLINT *namelen,
                          SQLSMALLINT *type, SQLULEN *size, SQLSMALLINT *digits,
                          SQLSMALLINT *nullable);
SQLRETURN p1_col_attribute(p1_stmt *s, SQLUSMALLINT col, SQLUSMALLINT field,
                           const p1_strout *str, SQLSMALLINT *strlen, SQLLEN *num);
SQLRETURN p1_bind_col(p1_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER buf,
                      SQLLEN buflen, SQLLEN *ind);
SQLRETURN p1_bind_parameter(p1_stmt *s, SQLUSMALLINT n, SQLSMALLINT io, SQLSMALLINT ctype,
                            SQLSMALLINT sqltype, SQLULEN size, SQLSMALLINT digits,
                            SQLPOINTER buf, SQLLEN buflen, SQLLEN *ind);
SQLRETURN p1_describe_param(p1_stmt *s, SQLUSMALLINT n, SQLSMALLINT *type, SQLULEN *size,
                            SQLSMALLINT *digits, SQLSMALLINT *nullable);
SQLRETURN p1_fetch(p1_stmt *s);
SQLRETURN p1_fetch_scroll(p1_stmt *s, SQLSMALLINT orientation, SQLLEN offset);
SQLRETURN p1_extended_fetch(p1_stmt *s, SQLUSMALLINT orientation, SQLLEN offset,
                            SQLULEN *rows, SQLUSMALLINT *status);
SQLRETURN p1_get_data(p1_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER buf,
                      SQLLEN buflen, SQLLEN *ind);
SQLRETURN p1_row_count(p1_stmt *s, SQLLEN *n);
SQLRETURN p1_more_results(p1_stmt *s);
SQLRETURN p1_cancel(p1_stmt *s);
SQLRETURN p1_param_data(p1_stmt *s, SQLPOINTER *value);
SQLRETURN p1_put_data(p1_stmt *s, SQLPOINTER data, SQLLEN len);
SQLRETURN p1_set_pos(p1_stmt *s, SQLSETPOSIROW row, SQLUSMALLINT op, SQLUSMALLINT lock);
/**
 * SQLBulkOperations: the data source is read-only and there are no
 * bookmarks, so every operation fails (HY092 for SQL_ADD and the
 * update/delete ones under read-only concurrency, HYC00 for
 * SQL_FETCH_BY_BOOKMARK, HY092 for an unknown operation).
 */
SQLRETURN p1_bulk_operations(p1_stmt *s, SQLUSMALLINT op);
/** Execute the prepared statement for parameter sets from s->pset on (params.c). */
SQLRETURN p1_execute_sets(p1_stmt *s);
/** Forget collected parameter values and data-at-execution state (params.c). */
void      p1_params_reset(p1_stmt *s);
/** Release rows held for a row array or a static cursor (scroll.c). */
void      p1_rows_release(p1_stmt *s);
/** Keep a copy of the current row as row i of the rowset (scroll.c); -1 when out of memory. */
int       p1_rowset_keep(p1_stmt *s, SQLULEN i, SQLULEN n);
/** Static cursor: fetch the rowset at orientation/offset into the bound buffers (scroll.c). */
SQLRETURN p1_scroll_fetch(p1_stmt *s, SQLSMALLINT orientation, SQLLEN offset, SQLULEN n,
                          SQLUSMALLINT *status, SQLULEN *fetched);
/** Start the SQL_ATTR_QUERY_TIMEOUT watchdog for one call (NULL when no timeout) (timeout.c). */
p1_watchdog *p1_watch_start(p1_stmt *s);
/** Stop it; when it fired, turn the call's failure rc into HYT00. Returns the call's result. */
SQLRETURN    p1_watch_stop(p1_stmt *s, p1_watchdog *w, SQLRETURN rc);
/** p1_exec_direct under the query-timeout watchdog (timeout.c). */
SQLRETURN    p1_exec_direct_watched(p1_stmt *s, const char *sql);
/** Size in bytes of one value of fixed-size C type ctype; 0 for variable-length types (fetch.c). */
SQLLEN    p1_c_type_size(SQLSMALLINT ctype);
/** Convert row values vals into the bound buffers of rowset row i (fetch.c). */
SQLRETURN p1_bind_row(p1_stmt *s, const sql_value *vals, SQLULEN i, SQLLEN rownum);
/**
 * Transfer row vals into rowset row i (0-based) of the bound buffers unless
 * SQL_ATTR_RETRIEVE_DATA is off, set status[i] (status may be NULL) to its
 * SQL_ROW_* and tally it: a failed row adds one to *errors, a warning makes
 * *rc SQL_SUCCESS_WITH_INFO (fetch.c).
 */
void      p1_transfer_row(p1_stmt *s, const sql_value *vals, SQLULEN i, SQLUSMALLINT *status,
                          SQLRETURN *rc, SQLULEN *errors);
SQLRETURN p1_set_stmt_attr(p1_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len);
SQLRETURN p1_get_stmt_attr(p1_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                           const p1_strout *sout, SQLINTEGER *outlen);
SQLRETURN p1_get_cursor_name(p1_stmt *s, const p1_strout *out, SQLSMALLINT *outlen);
SQLRETURN p1_set_cursor_name(p1_stmt *s, const char *name);

/**
 * Install a result (from sql_execute or a catalog function) on s: fills the
 * IRD from res->cols and opens the cursor. Takes ownership of res.
 */
SQLRETURN p1_stmt_set_result(p1_stmt *s, sql_result *res);
/** Close the cursor and drop the prepared statement (before a new one). */
void      p1_stmt_reset(p1_stmt *s);

/* ---- catalog (catalog.c, typeinfo.c) ---- */
SQLRETURN p1_tables(p1_stmt *s, const char *cat, const char *schem, const char *table,
                    const char *types);
SQLRETURN p1_columns(p1_stmt *s, const char *cat, const char *schem, const char *table,
                     const char *column);
SQLRETURN p1_primary_keys(p1_stmt *s, const char *cat, const char *schem, const char *table);
SQLRETURN p1_statistics(p1_stmt *s, const char *cat, const char *schem, const char *table,
                        SQLUSMALLINT unique, SQLUSMALLINT reserved);
SQLRETURN p1_special_columns(p1_stmt *s, SQLUSMALLINT idtype, const char *cat, const char *schem,
                             const char *table, SQLUSMALLINT scope, SQLUSMALLINT nullable);
SQLRETURN p1_foreign_keys(p1_stmt *s, const char *pkcat, const char *pkschem, const char *pktable,
                          const char *fkcat, const char *fkschem, const char *fktable);
SQLRETURN p1_procedures(p1_stmt *s, const char *cat, const char *schem, const char *proc);
SQLRETURN p1_procedure_columns(p1_stmt *s, const char *cat, const char *schem, const char *proc,
                               const char *col);
SQLRETURN p1_table_privileges(p1_stmt *s, const char *cat, const char *schem, const char *table);
SQLRETURN p1_column_privileges(p1_stmt *s, const char *cat, const char *schem, const char *table,
                               const char *col);
SQLRETURN p1_get_type_info(p1_stmt *s, SQLSMALLINT type);

/** Non-zero when the application asked for ODBC 2 behaviour. */
static inline int p1_is_odbc2(const p1_handle *h)
{
    return h->env && h->env->odbc_version == SQL_OV_ODBC2;
}

#endif
