/**
 * @file async.h
 * Statement-level asynchronous execution (SQL_ATTR_ASYNC_ENABLE, ODBC
 * Level 1 feature 102).
 *
 * When a statement has SQL_ASYNC_ENABLE_ON, an async-capable entry point
 * (SQLExecDirect, SQLExecute, SQLPrepare, the catalog functions; A and W)
 * copies its arguments into a p1_async_call, starts one worker thread and returns
 * SQL_STILL_EXECUTING. The worker holds the statement's lock while the
 * internal p1_* function runs and records its diagnostics on the statement.
 * Calling the same function again polls: SQL_STILL_EXECUTING while the
 * worker runs, then the real return code (the new arguments are ignored).
 * Any other statement function meanwhile fails with HY010; SQLCancel makes
 * the collecting call fail with HY008.
 *
 * SQLFetch, SQLFetchScroll, SQLGetData and SQLMoreResults always complete
 * synchronously (why: always_sync() in async.c).
 *
 * Every statement entry point starts with P1_ASYNC_POLL(handle, SQL_API_x)
 * before locking the handle.
 */
#ifndef P1_DRIVER_ASYNC_H
#define P1_DRIVER_ASYNC_H

#include "driver/api.h"

/** Arguments of one async-capable call, copied so the worker can use them after the call returns. */
typedef struct p1_async_call {
    p1_args   a;      /**< converted (UTF-8) string arguments, owned */
    SQLLEN    n[6];   /**< integer arguments */
    void     *p[2];   /**< application pointers (output buffers) */
} p1_async_call;

/** Runs the internal function of one call on s (locked) with the arguments of c. */
typedef SQLRETURN (*p1_async_run)(p1_stmt *s, const p1_async_call *c);

/** Async states of a statement (p1_stmt.async_state). */
enum { P1_ASYNC_IDLE = 0, P1_ASYNC_RUNNING, P1_ASYNC_DONE };

/**
 * Poll or refuse while an asynchronous call is pending on statement handle h.
 * fn is the SQL_API_* id of the function being called. Returns 1 when the
 * call is answered here (*rc set: SQL_STILL_EXECUTING, the finished call's
 * result, or SQL_ERROR/HY010 for another function), 0 when nothing is pending
 * (or h is not a statement) and the entry point goes on normally.
 */
int p1_async_poll(SQLHSTMT h, int fn, SQLRETURN *rc);

/**
 * Run run(s, c) now, or, when s has SQL_ATTR_ASYNC_ENABLE on, on a worker
 * thread (the string arguments in c->a move into the call; the caller's
 * p1_args_free then frees nothing). s is locked by the caller.
 * Returns the call's result or SQL_STILL_EXECUTING.
 */
SQLRETURN p1_async_dispatch(p1_stmt *s, int fn, p1_async_run run, p1_async_call *c);

/** SQLCancel on a statement with a pending asynchronous call: mark it canceled. No lock held. */
void p1_async_cancel(p1_stmt *s);

/**
 * Before freeing s: cancel a pending asynchronous call and wait for its
 * worker. s must not be locked by the caller.
 */
void p1_async_drain(p1_stmt *s);

/* ---- what the entry points run (directly or on the worker) ---- */
/** Prepare: SQLPrepare(W). */
SQLRETURN p1_run_prepare(p1_stmt *s, const p1_async_call *c);
/** SQLExecDirect(W) under the query-timeout watchdog. */
SQLRETURN p1_run_exec_direct(p1_stmt *s, const p1_async_call *c);
/** SQLExecute under the query-timeout watchdog. */
SQLRETURN p1_run_execute(p1_stmt *s, const p1_async_call *c);
/** SQLFetch under the query-timeout watchdog. */
SQLRETURN p1_run_fetch(p1_stmt *s, const p1_async_call *c);
/** SQLFetchScroll (n[0] orientation, n[1] offset) under the watchdog. */
SQLRETURN p1_run_fetch_scroll(p1_stmt *s, const p1_async_call *c);
/** SQLGetData (n[0] column, n[1] C type, p[0] buffer, n[2] length, p[1] indicator). */
SQLRETURN p1_run_get_data(p1_stmt *s, const p1_async_call *c);
/** SQLMoreResults. */
SQLRETURN p1_run_more_results(p1_stmt *s, const p1_async_call *c);
/** SQLTables(W): four strings. */
SQLRETURN p1_run_tables(p1_stmt *s, const p1_async_call *c);
/** SQLColumns(W): four strings. */
SQLRETURN p1_run_columns(p1_stmt *s, const p1_async_call *c);
/** SQLPrimaryKeys(W): three strings. */
SQLRETURN p1_run_primary_keys(p1_stmt *s, const p1_async_call *c);
/** SQLStatistics(W): three strings, n[0] unique, n[1] reserved. */
SQLRETURN p1_run_statistics(p1_stmt *s, const p1_async_call *c);
/** SQLSpecialColumns(W): n[0] identifier type, three strings, n[1] scope, n[2] nullable. */
SQLRETURN p1_run_special_columns(p1_stmt *s, const p1_async_call *c);
/** SQLForeignKeys(W): six strings. */
SQLRETURN p1_run_foreign_keys(p1_stmt *s, const p1_async_call *c);
/** SQLProcedures(W): three strings. */
SQLRETURN p1_run_procedures(p1_stmt *s, const p1_async_call *c);
/** SQLProcedureColumns(W): four strings. */
SQLRETURN p1_run_procedure_columns(p1_stmt *s, const p1_async_call *c);
/** SQLTablePrivileges(W): three strings. */
SQLRETURN p1_run_table_privileges(p1_stmt *s, const p1_async_call *c);
/** SQLColumnPrivileges(W): four strings. */
SQLRETURN p1_run_column_privileges(p1_stmt *s, const p1_async_call *c);
/** SQLGetTypeInfo(W): n[0] data type. */
SQLRETURN p1_run_get_type_info(p1_stmt *s, const p1_async_call *c);

/** Entry-point helper: answer from p1_async_poll when a call is pending on h. */
#define P1_ASYNC_POLL(h, fn) \
    do { \
        SQLRETURN arc_; \
        if (p1_async_poll((h), (fn), &arc_)) \
            return arc_; \
    } while (0)

/**
 * Entry-point helper: run (directly or asynchronously) run with the string
 * arguments args (a p1_args, freed here) and integer arguments n0..n2, then leave.
 */
#define P1_ASYNC_CALL(s, fn, run, args, n0, n1, n2) \
    do { \
        p1_async_call c_ = {0}; \
        c_.a = (args); \
        c_.n[0] = (SQLLEN)(n0); \
        c_.n[1] = (SQLLEN)(n1); \
        c_.n[2] = (SQLLEN)(n2); \
        SQLRETURN rc_ = c_.a.failed ? SQL_ERROR : p1_async_dispatch((s), (fn), (run), &c_); \
        p1_args_free(&c_.a); \
        P1_LEAVE(rc_); \
    } while (0)

/** No string arguments (for P1_ASYNC_CALL). */
#define P1_NO_ARGS ((p1_args){0})

#endif
