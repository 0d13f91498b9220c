/**
 * @file async.c
 * Statement-level asynchronous execution (see async.h): one worker thread
 * per pending call, polled by calling the same function again.
 *
 * Locking: the worker holds the statement's handle lock while the call
 * runs; the async_* fields are guarded by async_lock, which is never held
 * together with the handle lock, so polling never blocks on a running call.
 */
#include "driver/async.h"

#include <string.h>

/** Worker thread: run the pending call under the statement lock, then mark it done. */
static void *worker(void *arg)
{
    p1_stmt *s = arg;
    pthread_mutex_lock(&s->h.lock);
    p1_stmt_work_begin(s);
    SQLRETURN rc = s->async_run(s, s->async_call);
    p1_stmt_work_end(s);
    pthread_mutex_unlock(&s->h.lock);
    pthread_mutex_lock(&s->async_lock);
    s->async_rc = rc;
    s->async_state = P1_ASYNC_DONE;
    pthread_mutex_unlock(&s->async_lock);
    return NULL;
}

/**
 * Does a call of function fn always run synchronously? The ODBC
 * specification lets a driver complete any asynchronous-capable call
 * synchronously, and these four must be, for the driver manager's sake:
 * - unixODBC (2.3.x, still in its current source) leaves a statement in its
 *   "asynchronously executing" state S11 when an asynchronous SQLFetch or
 *   SQLFetchScroll ends with SQL_NO_DATA or an error after
 *   SQL_STILL_EXECUTING; from then on it refuses SQLFreeStmt, SQLCloseCursor
 *   and even SQLFreeHandle with HY010, so the statement can never be closed.
 *   A fetch cannot know beforehand that the page it waits for holds a row.
 * - unixODBC cannot poll SQLGetData or SQLMoreResults: after
 *   SQL_STILL_EXECUTING it records SQLGetData as SQLColAttribute and
 *   SQLMoreResults as SQLExecute, so the poll itself fails with HY010.
 * A slow fetch is still interrupted by SQLCancel from another thread and by
 * SQL_ATTR_QUERY_TIMEOUT; SQLExecDirect, SQLExecute (which read the first
 * page), SQLPrepare and the catalog functions run asynchronously.
 */
static int always_sync(int fn)
{
    return fn == SQL_API_SQLFETCH || fn == SQL_API_SQLFETCHSCROLL ||
           fn == SQL_API_SQLGETDATA || fn == SQL_API_SQLMORERESULTS;
}

/**
 * Result of a collected call on s (locked): res, or HY008 when SQLCancel
 * arrived while the call was pending (an open cursor is then closed).
 */
static SQLRETURN finish(p1_stmt *s, SQLRETURN res, int canceled)
{
    if (!canceled)
        return res;
    s->cancel_requested = 0;
    p1_diag_clear(&s->h.diag);
    if (s->state == P1_S_CURSOR)
        p1_close_cursor(s, 0);
    return p1_error(&s->h, "HY008", "Operation canceled (SQLCancel).");
}

/**
 * Take the finished call off s (async_lock held, state DONE): returns its
 * result, sets *th, *c and *canceled, and makes s idle again.
 */
static SQLRETURN take_done(p1_stmt *s, pthread_t *th, p1_async_call **c, int *canceled)
{
    *th = s->async_thread;
    *c = s->async_call;
    *canceled = s->async_canceled;
    SQLRETURN res = s->async_rc;
    s->async_state = P1_ASYNC_IDLE;
    s->async_fn = 0;
    s->async_call = NULL;
    s->async_canceled = 0;
    return res;
}

/** Free a copied call and its strings. */
static void call_free(p1_async_call *c)
{
    if (!c)
        return;
    p1_args_free(&c->a);
    free(c);
}

int p1_async_poll(SQLHSTMT h, int fn, SQLRETURN *rc)
{
    if (p1_handle_type(h) != SQL_HANDLE_STMT)
        return 0;
    p1_stmt *s = h;
    pthread_mutex_lock(&s->async_lock);
    int state = s->async_state;
    int same = s->async_fn == fn;
    if (state == P1_ASYNC_IDLE) {
        pthread_mutex_unlock(&s->async_lock);
        return 0;
    }
    if (state == P1_ASYNC_RUNNING && same) {
        pthread_mutex_unlock(&s->async_lock);
        *rc = SQL_STILL_EXECUTING;
        return 1;
    }
    if (!same) {
        pthread_mutex_unlock(&s->async_lock);
        /* waits for a running worker to release the statement, then reports */
        p1_handle *hh = p1_enter(h, SQL_HANDLE_STMT, 0);
        if (!hh) {
            *rc = SQL_INVALID_HANDLE;
            return 1;
        }
        SQLRETURN e = p1_error(hh, "HY010", "An asynchronous call is still pending on this "
                               "statement; call that function again until it stops returning "
                               "SQL_STILL_EXECUTING, or call SQLCancel.");
        pthread_mutex_unlock(&hh->lock);   /* keep the pending call's header return code */
        *rc = e;
        return 1;
    }
    /* done, same function: collect it */
    pthread_t th;
    p1_async_call *c;
    int canceled;
    SQLRETURN res = take_done(s, &th, &c, &canceled);
    pthread_mutex_unlock(&s->async_lock);
    pthread_join(th, NULL);
    call_free(c);
    p1_handle *hh = p1_enter(h, SQL_HANDLE_STMT, 0);
    if (!hh) {
        *rc = SQL_INVALID_HANDLE;
        return 1;
    }
    p1_stmt_work_begin(s);   /* finish may close the cursor; p1_leave releases it */
    *rc = p1_leave(hh, finish(s, res, canceled));
    return 1;
}

SQLRETURN p1_async_dispatch(p1_stmt *s, int fn, p1_async_run run, p1_async_call *c)
{
    if (s->async_enable != SQL_ASYNC_ENABLE_ON || always_sync(fn))
        return run(s, c);
    p1_async_call *copy = malloc(sizeof *copy);
    if (!copy)
        return p1_error(&s->h, "HY001", "Out of memory.");
    *copy = *c;
    c->a.n = 0;                 /* the strings now belong to copy */
    pthread_mutex_lock(&s->async_lock);
    s->async_run = run;
    s->async_call = copy;
    s->async_fn = fn;
    s->async_canceled = 0;
    s->async_rc = SQL_ERROR;
    s->async_state = P1_ASYNC_RUNNING;
    int started = pthread_create(&s->async_thread, NULL, worker, s) == 0;
    if (!started) {
        s->async_state = P1_ASYNC_IDLE;
        s->async_call = NULL;
        s->async_fn = 0;
    }
    pthread_mutex_unlock(&s->async_lock);
    if (!started) {
        /* no thread available: run it now (the application sees a synchronous result) */
        SQLRETURN rc = run(s, copy);
        call_free(copy);
        return rc;
    }
    return SQL_STILL_EXECUTING;
}

void p1_async_cancel(p1_stmt *s)
{
    pthread_mutex_lock(&s->async_lock);
    if (s->async_state != P1_ASYNC_IDLE)
        s->async_canceled = 1;
    pthread_mutex_unlock(&s->async_lock);
}

void p1_async_drain(p1_stmt *s)
{
    pthread_mutex_lock(&s->async_lock);
    int pending = s->async_state != P1_ASYNC_IDLE;
    pthread_t th = s->async_thread;
    p1_async_call *c = s->async_call;
    pthread_mutex_unlock(&s->async_lock);
    if (!pending)
        return;
    p1_cancel(s);
    pthread_join(th, NULL);
    call_free(c);
    pthread_mutex_lock(&s->async_lock);
    s->async_state = P1_ASYNC_IDLE;
    s->async_call = NULL;
    s->async_fn = 0;
    pthread_mutex_unlock(&s->async_lock);
}

/* ---- what the entry points run (directly or on the worker) ---- */

SQLRETURN p1_run_prepare(p1_stmt *s, const p1_async_call *c)
{
    return p1_prepare(s, c->a.v[0]);
}

SQLRETURN p1_run_exec_direct(p1_stmt *s, const p1_async_call *c)
{
    return p1_exec_direct_watched(s, c->a.v[0]);
}

SQLRETURN p1_run_execute(p1_stmt *s, const p1_async_call *c)
{
    (void)c;
    p1_watchdog *w = p1_watch_start(s);
    return p1_watch_stop(s, w, p1_execute(s));
}

SQLRETURN p1_run_fetch(p1_stmt *s, const p1_async_call *c)
{
    (void)c;
    p1_watchdog *w = p1_watch_start(s);
    return p1_watch_stop(s, w, p1_fetch(s));
}

SQLRETURN p1_run_fetch_scroll(p1_stmt *s, const p1_async_call *c)
{
    p1_watchdog *w = p1_watch_start(s);
    return p1_watch_stop(s, w, p1_fetch_scroll(s, (SQLSMALLINT)c->n[0], c->n[1]));
}

SQLRETURN p1_run_get_data(p1_stmt *s, const p1_async_call *c)
{
    return p1_get_data(s, (SQLUSMALLINT)c->n[0], (SQLSMALLINT)c->n[1], c->p[0], c->n[2], (SQLLEN *)c->p[1]);
}

SQLRETURN p1_run_more_results(p1_stmt *s, const p1_async_call *c)
{
    (void)c;
    return p1_more_results(s);
}

SQLRETURN p1_run_tables(p1_stmt *s, const p1_async_call *c)
{
    return p1_tables(s, c->a.v[0], c->a.v[1], c->a.v[2], c->a.v[3]);
}

SQLRETURN p1_run_columns(p1_stmt *s, const p1_async_call *c)
{
    return p1_columns(s, c->a.v[0], c->a.v[1], c->a.v[2], c->a.v[3]);
}

SQLRETURN p1_run_primary_keys(p1_stmt *s, const p1_async_call *c)
{
    return p1_primary_keys(s, c->a.v[0], c->a.v[1], c->a.v[2]);
}

SQLRETURN p1_run_statistics(p1_stmt *s, const p1_async_call *c)
{
    return p1_statistics(s, c->a.v[0], c->a.v[1], c->a.v[2], (SQLUSMALLINT)c->n[0], (SQLUSMALLINT)c->n[1]);
}

SQLRETURN p1_run_special_columns(p1_stmt *s, const p1_async_call *c)
{
    return p1_special_columns(s, (SQLUSMALLINT)c->n[0], c->a.v[0], c->a.v[1], c->a.v[2], (SQLUSMALLINT)c->n[1], (SQLUSMALLINT)c->n[2]);
}

SQLRETURN p1_run_foreign_keys(p1_stmt *s, const p1_async_call *c)
{
    return p1_foreign_keys(s, c->a.v[0], c->a.v[1], c->a.v[2], c->a.v[3], c->a.v[4], c->a.v[5]);
}

SQLRETURN p1_run_procedures(p1_stmt *s, const p1_async_call *c)
{
    return p1_procedures(s, c->a.v[0], c->a.v[1], c->a.v[2]);
}

SQLRETURN p1_run_procedure_columns(p1_stmt *s, const p1_async_call *c)
{
    return p1_procedure_columns(s, c->a.v[0], c->a.v[1], c->a.v[2], c->a.v[3]);
}

SQLRETURN p1_run_table_privileges(p1_stmt *s, const p1_async_call *c)
{
    return p1_table_privileges(s, c->a.v[0], c->a.v[1], c->a.v[2]);
}

SQLRETURN p1_run_column_privileges(p1_stmt *s, const p1_async_call *c)
{
    return p1_column_privileges(s, c->a.v[0], c->a.v[1], c->a.v[2], c->a.v[3]);
}

SQLRETURN p1_run_get_type_info(p1_stmt *s, const p1_async_call *c)
{
    return p1_get_type_info(s, (SQLSMALLINT)c->n[0]);
}
