/** @file handles.c  Handle allocation, validation, locking and error recording (see handles.h). */
#include "driver/handles.h"
#include "driver/desc_api.h"
#include "driver/async.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/utf16.h"

/** Connection a handle belongs to (NULL for an environment or a bare descriptor). */
static p1_dbc *dbc_of(p1_handle *h)
{
    if (h->type == SQL_HANDLE_DBC)
        return (p1_dbc *)h;
    if (h->type == SQL_HANDLE_STMT)
        return ((p1_stmt *)h)->dbc;
    return NULL;
}

/** Initialise the common header. */
static void handle_init(p1_handle *h, uint32_t magic, SQLSMALLINT type, p1_env *env)
{
    h->magic = magic;
    h->type = type;
    pthread_mutex_init(&h->lock, NULL);
    p1_diag_init(&h->diag);
    h->env = env;
}

/** Release the common header (the handle must be unlocked). */
static void handle_destroy(p1_handle *h)
{
    h->magic = P1_MAGIC_DEAD;
    p1_diag_free(&h->diag);
    pthread_mutex_destroy(&h->lock);
}

/** Magic cookie expected for a handle type. */
static uint32_t magic_for(SQLSMALLINT type)
{
    switch (type) {
    case SQL_HANDLE_ENV: return P1_MAGIC_ENV;
    case SQL_HANDLE_DBC: return P1_MAGIC_DBC;
    case SQL_HANDLE_STMT: return P1_MAGIC_STMT;
    case SQL_HANDLE_DESC: return P1_MAGIC_DESC;
    default: return 0;
    }
}

SQLSMALLINT p1_handle_type(SQLHANDLE h)
{
    if (!h)
        return 0;
    p1_handle *ph = h;
    switch (ph->magic) {
    case P1_MAGIC_ENV: return SQL_HANDLE_ENV;
    case P1_MAGIC_DBC: return SQL_HANDLE_DBC;
    case P1_MAGIC_STMT: return SQL_HANDLE_STMT;
    case P1_MAGIC_DESC: return SQL_HANDLE_DESC;
    default: return 0;
    }
}

p1_handle *p1_enter(SQLHANDLE h, SQLSMALLINT type, int clear)
{
    if (!h || magic_for(type) == 0 || ((p1_handle *)h)->magic != magic_for(type))
        return NULL;
    p1_handle *ph = h;
    pthread_mutex_lock(&ph->lock);
    if (clear)
        p1_diag_clear(&ph->diag);
    return ph;
}

void p1_stmt_work_begin(p1_stmt *s)
{
    if (!s->work_held) {
        pthread_mutex_lock(&s->dbc->work_lock);
        s->work_held = 1;
    }
}

void p1_stmt_work_end(p1_stmt *s)
{
    if (s->work_held) {
        s->work_held = 0;
        pthread_mutex_unlock(&s->dbc->work_lock);
    }
}

p1_handle *p1_enter_stmt_work(SQLHANDLE h)
{
    p1_handle *ph = p1_enter(h, SQL_HANDLE_STMT, 1);
    if (ph)
        p1_stmt_work_begin((p1_stmt *)ph);
    return ph;
}

SQLRETURN p1_leave(p1_handle *h, SQLRETURN rc)
{
    if (h->type == SQL_HANDLE_STMT)
        p1_stmt_work_end((p1_stmt *)h);
    h->diag.rc = rc;
    pthread_mutex_unlock(&h->lock);
    return rc;
}

/** Add a record to h (and log it at verbosity 1 when the connection has a log). */
static void record(p1_handle *h, const char *state, long native, const char *msg)
{
    p1_dbc *dbc = dbc_of(h);
    p1_diag_add(&h->diag, state, native, msg, dbc && dbc->dsn ? dbc->dsn : "");
    if (dbc && dbc->log)
        p1log_write(dbc->log, 1, "%s %s: %s", state[0] == '0' && state[1] == '1' ? "warning" : "error",
                    state, msg);
}

SQLRETURN p1_fail(p1_handle *h, const err *e)
{
    const char *state = e->set ? e->sqlstate : "HY000";
    record(h, state, e->native, e->set ? e->message : "The operation failed for an unknown reason.");
    return strncmp(state, "01", 2) == 0 ? SQL_SUCCESS_WITH_INFO : SQL_ERROR;
}

SQLRETURN p1_error(p1_handle *h, const char *sqlstate, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    record(h, sqlstate, 0, msg);
    return SQL_ERROR;
}

SQLRETURN p1_warn(p1_handle *h, const char *sqlstate, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    record(h, sqlstate, 0, msg);
    return SQL_SUCCESS_WITH_INFO;
}

int p1_in_a(p1_handle *h, const SQLCHAR *s, SQLINTEGER len, char **out)
{
    *out = NULL;
    if (!s)
        return 0;
    if (len < 0 && len != SQL_NTS) {
        p1_error(h, "HY090", "Invalid string or buffer length %d.", (int)len);
        return -1;
    }
    size_t n = len == SQL_NTS ? strlen((const char *)s) : (size_t)len;
    char *c = malloc(n + 1);
    if (!c) {
        p1_error(h, "HY001", "Out of memory.");
        return -1;
    }
    memcpy(c, s, n);
    c[n] = '\0';
    *out = c;
    return 0;
}

int p1_in_w(p1_handle *h, const SQLWCHAR *s, SQLINTEGER len, char **out)
{
    *out = NULL;
    if (!s)
        return 0;
    if (len < 0 && len != SQL_NTS) {
        p1_error(h, "HY090", "Invalid string or buffer length %d.", (int)len);
        return -1;
    }
    *out = utf16_to_utf8(s, len, NULL);
    if (!*out) {
        p1_error(h, "HY001", "Out of memory.");
        return -1;
    }
    return 0;
}

/* ---- allocation ---- */

/** Allocate and link a statement on a connected dbc. */
static SQLRETURN alloc_stmt(p1_dbc *dbc, SQLHANDLE *out)
{
    if (!dbc->connected)
        return p1_error(&dbc->h, "08003", "The connection is not open; connect before allocating a statement.");
    p1_stmt *s = calloc(1, sizeof *s);
    if (!s)
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    handle_init(&s->h, P1_MAGIC_STMT, SQL_HANDLE_STMT, dbc->h.env);
    s->dbc = dbc;
    p1_desc_init(&s->ard_impl, P1_ARD, dbc->h.env, s);
    p1_desc_init(&s->apd_impl, P1_APD, dbc->h.env, s);
    p1_desc_init(&s->ird, P1_IRD, dbc->h.env, s);
    p1_desc_init(&s->ipd, P1_IPD, dbc->h.env, s);
    s->ard = &s->ard_impl;
    s->apd = &s->apd_impl;
    s->rowcount = -1;
    s->retrieve_data = SQL_RD_ON;
    s->noscan = SQL_NOSCAN_OFF;
    s->rowset_size_odbc2 = 1;
    s->concurrency = SQL_CONCUR_READ_ONLY;
    s->cursor_type = SQL_CURSOR_FORWARD_ONLY;
    s->cursor_sensitivity = SQL_INSENSITIVE;
    s->simulate_cursor = SQL_SC_UNIQUE;
    s->scroll_start = -1;
    pthread_mutex_init(&s->cancel_lock, NULL);
    pthread_mutex_init(&s->async_lock, NULL);
    s->async_enable = dbc->async_enable;
    s->metadata_id = dbc->metadata_id;
    s->next = dbc->stmts;
    dbc->stmts = s;
    *out = s;
    return SQL_SUCCESS;
}

/** Free a statement: close everything, unlink from its connection (caller holds the dbc lock). */
static void free_stmt(p1_stmt *s)
{
    p1_dbc *dbc = s->dbc;
    for (p1_stmt **pp = &dbc->stmts; *pp; pp = &(*pp)->next)
        if (*pp == s) {
            *pp = s->next;
            break;
        }
    p1_async_drain(s);
    pthread_mutex_lock(&s->h.lock);
    p1_stmt_work_begin(s);
    p1_stmt_reset(s);
    p1_stmt_work_end(s);
    p1_desc_free(&s->ard_impl);
    p1_desc_free(&s->apd_impl);
    p1_desc_free(&s->ird);
    p1_desc_free(&s->ipd);
    free(s->gd_pos);
    free(s->cursor_name);
    pthread_mutex_unlock(&s->h.lock);
    pthread_mutex_destroy(&s->cancel_lock);
    pthread_mutex_destroy(&s->async_lock);
    handle_destroy(&s->h);
    free(s);
}

void p1_dbc_free_stmts(p1_dbc *dbc)
{
    while (dbc->stmts)
        free_stmt(dbc->stmts);
}

SQLRETURN p1_alloc_handle(SQLSMALLINT type, SQLHANDLE input, SQLHANDLE *out)
{
    if (type == SQL_HANDLE_ENV) {
        if (!out)
            return SQL_ERROR;
        p1_env *env = calloc(1, sizeof *env);
        if (!env) {
            *out = SQL_NULL_HENV;
            return SQL_ERROR;
        }
        handle_init(&env->h, P1_MAGIC_ENV, SQL_HANDLE_ENV, env);
        env->output_nts = SQL_TRUE;
        env->pooling = SQL_CP_OFF;
        env->cp_match = SQL_CP_STRICT_MATCH;
        *out = env;
        return SQL_SUCCESS;
    }
    if (type == SQL_HANDLE_DBC) {
        p1_handle *h = p1_enter(input, SQL_HANDLE_ENV, 1);
        if (!h)
            return SQL_INVALID_HANDLE;
        p1_env *env = (p1_env *)h;
        if (!out)
            return p1_leave(h, p1_error(h, "HY009", "The output handle pointer is NULL."));
        if (env->odbc_version == 0)
            return p1_leave(h, p1_error(h, "HY010", "Set SQL_ATTR_ODBC_VERSION on the environment "
                                                    "before allocating a connection."));
        p1_dbc *dbc = calloc(1, sizeof *dbc);
        if (!dbc)
            return p1_leave(h, p1_error(h, "HY001", "Out of memory."));
        handle_init(&dbc->h, P1_MAGIC_DBC, SQL_HANDLE_DBC, env);
        pthread_mutex_init(&dbc->work_lock, NULL);
        props_init(&dbc->props);
        dbc->autocommit = SQL_AUTOCOMMIT_ON;
        dbc->access_mode = SQL_MODE_READ_ONLY;
        dbc->login_timeout = 0;
        dbc->txn_isolation = SQL_TXN_READ_COMMITTED;
        dbc->odbc_cursors = SQL_CUR_USE_DRIVER;
        dbc->next = env->dbcs;
        env->dbcs = dbc;
        *out = dbc;
        return p1_leave(h, SQL_SUCCESS);
    }
    if (type == SQL_HANDLE_STMT) {
        p1_handle *h = p1_enter(input, SQL_HANDLE_DBC, 1);
        if (!h)
            return SQL_INVALID_HANDLE;
        if (!out)
            return p1_leave(h, p1_error(h, "HY009", "The output handle pointer is NULL."));
        return p1_leave(h, alloc_stmt((p1_dbc *)h, out));
    }
    if (type == SQL_HANDLE_DESC) {
        p1_handle *h = p1_enter(input, SQL_HANDLE_DBC, 1);
        if (!h)
            return SQL_INVALID_HANDLE;
        if (!out)
            return p1_leave(h, p1_error(h, "HY009", "The output handle pointer is NULL."));
        if (!((p1_dbc *)h)->connected)
            return p1_leave(h, p1_error(h, "08003", "The connection is not open."));
        return p1_leave(h, p1_alloc_desc((p1_dbc *)h, out));
    }
    return SQL_ERROR;
}

SQLRETURN p1_free_handle(SQLSMALLINT type, SQLHANDLE handle)
{
    if (type == SQL_HANDLE_ENV) {
        p1_handle *h = p1_enter(handle, SQL_HANDLE_ENV, 1);
        if (!h)
            return SQL_INVALID_HANDLE;
        p1_env *env = (p1_env *)h;
        if (env->dbcs)
            return p1_leave(h, p1_error(h, "HY010", "Free every connection of this environment first."));
        pthread_mutex_unlock(&h->lock);
        handle_destroy(h);
        free(env);
        return SQL_SUCCESS;
    }
    if (type == SQL_HANDLE_DBC) {
        p1_handle *h = p1_enter(handle, SQL_HANDLE_DBC, 1);
        if (!h)
            return SQL_INVALID_HANDLE;
        p1_dbc *dbc = (p1_dbc *)h;
        if (dbc->connected)
            return p1_leave(h, p1_error(h, "HY010", "Disconnect before freeing the connection."));
        p1_env *env = h->env;
        pthread_mutex_lock(&env->h.lock);
        for (p1_dbc **pp = &env->dbcs; *pp; pp = &(*pp)->next)
            if (*pp == dbc) {
                *pp = dbc->next;
                break;
            }
        pthread_mutex_unlock(&env->h.lock);
        p1_dbc_free_stmts(dbc);
        while (dbc->descs)
            p1_free_desc(dbc->descs);
        p1_browse_reset(dbc);
        props_free(&dbc->props);
        free(dbc->dsn);
        free(dbc->current_catalog);
        pthread_mutex_unlock(&h->lock);
        pthread_mutex_destroy(&dbc->work_lock);
        handle_destroy(h);
        free(dbc);
        return SQL_SUCCESS;
    }
    if (type == SQL_HANDLE_STMT) {
        if (p1_handle_type(handle) != SQL_HANDLE_STMT)
            return SQL_INVALID_HANDLE;
        p1_stmt *s = handle;
        p1_dbc *dbc = s->dbc;
        pthread_mutex_lock(&dbc->h.lock);
        free_stmt(s);
        pthread_mutex_unlock(&dbc->h.lock);
        return SQL_SUCCESS;
    }
    if (type == SQL_HANDLE_DESC) {
        p1_handle *h = p1_enter(handle, SQL_HANDLE_DESC, 1);
        if (!h)
            return SQL_INVALID_HANDLE;
        p1_desc *d = (p1_desc *)h;
        if (!d->is_explicit)
            return p1_leave(h, p1_error(h, "HY017", "An implicitly allocated descriptor cannot be "
                                                    "freed; free its statement instead."));
        p1_dbc *dbc = d->dbc;
        pthread_mutex_unlock(&h->lock);
        pthread_mutex_lock(&dbc->h.lock);
        p1_free_desc(d);
        pthread_mutex_unlock(&dbc->h.lock);
        return SQL_SUCCESS;
    }
    return SQL_ERROR;
}
