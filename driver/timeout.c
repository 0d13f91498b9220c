/**
 * @file timeout.c
 * SQL_ATTR_QUERY_TIMEOUT: while SQLExecute / SQLFetch* / SQLParamData run
 * on a statement with a timeout, a watchdog thread waits for the deadline
 * and then interrupts the execution (sql_cancel_fire) or the statement's
 * result (sql_result_cancel), which
 * aborts the running HTTP request. The call then fails with HYT00.
 */
#include "driver/handles.h"

#include <errno.h>
#include <stdlib.h>
#include <time.h>

/** One watchdog: lives for one API call. */
struct p1_watchdog {
    pthread_t       th;
    pthread_mutex_t mu;
    pthread_cond_t  cv;
    int             stop;
    int             fired;
    struct timespec deadline;
    p1_stmt        *s;
};

/** Watchdog thread: wait for stop or the deadline; on the deadline cancel the result. */
static void *watch(void *arg)
{
    struct p1_watchdog *w = arg;
    pthread_mutex_lock(&w->mu);
    int rc = 0;
    while (!w->stop && rc != ETIMEDOUT)
        rc = pthread_cond_timedwait(&w->cv, &w->mu, &w->deadline);
    if (!w->stop) {
        w->fired = 1;
        pthread_mutex_lock(&w->s->cancel_lock);
        if (w->s->exec_cancel)
            sql_cancel_fire(w->s->exec_cancel);
        else if (w->s->res)
            sql_result_cancel(w->s->res);
        pthread_mutex_unlock(&w->s->cancel_lock);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

p1_watchdog *p1_watch_start(p1_stmt *s)
{
    if (s->query_timeout == 0)
        return NULL;
    struct p1_watchdog *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->s = s;
    pthread_mutex_init(&w->mu, NULL);
    pthread_condattr_t ca;
    pthread_condattr_init(&ca);
    pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
    pthread_cond_init(&w->cv, &ca);
    pthread_condattr_destroy(&ca);
    clock_gettime(CLOCK_MONOTONIC, &w->deadline);
    w->deadline.tv_sec += (time_t)s->query_timeout;
    if (pthread_create(&w->th, NULL, watch, w) != 0) {
        pthread_cond_destroy(&w->cv);
        pthread_mutex_destroy(&w->mu);
        free(w);
        return NULL;
    }
    return w;
}

SQLRETURN p1_watch_stop(p1_stmt *s, p1_watchdog *w, SQLRETURN rc)
{
    if (!w)
        return rc;
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_signal(&w->cv);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->th, NULL);
    int fired = w->fired;
    pthread_cond_destroy(&w->cv);
    pthread_mutex_destroy(&w->mu);
    free(w);
    if (!fired)
        return rc;
    if (rc == SQL_ERROR) {
        p1_diag_clear(&s->h.diag);
        return p1_error(&s->h, "HYT00", "The query timeout of %lu seconds expired "
                        "(SQL_ATTR_QUERY_TIMEOUT); the request was abandoned.",
                        (unsigned long)s->query_timeout);
    }
    if (s->state == P1_S_CURSOR && !s->at_end) {
        /* the deadline passed before the result could be interrupted */
        p1_close_cursor(s, 0);
        return p1_error(&s->h, "HYT00", "The query timeout of %lu seconds expired "
                        "(SQL_ATTR_QUERY_TIMEOUT).", (unsigned long)s->query_timeout);
    }
    return rc;
}

SQLRETURN p1_exec_direct_watched(p1_stmt *s, const char *sql)
{
    p1_watchdog *w = p1_watch_start(s);
    return p1_watch_stop(s, w, p1_exec_direct(s, sql));
}
