/**
 * @file api.h
 * Helpers for the thin exported entry points (api_*.c): validate and lock
 * the handle, clear its diagnostics, convert string arguments, call the
 * internal p1_* function, unlock and return.
 */
#ifndef P1_DRIVER_API_H
#define P1_DRIVER_API_H

#include <stdlib.h>

#include "driver/handles.h"

/** Enter: declare `p1_handle *hh_` and `T *var` for handle h of kind kind; clear diagnostics. */
#define P1_ENTER(kind, h, T, var) \
    p1_handle *hh_ = p1_enter((h), (kind), 1); \
    if (!hh_) \
        return SQL_INVALID_HANDLE; \
    T *var = (T *)hh_

#define P1_ENTER_ENV(h, var)  P1_ENTER(SQL_HANDLE_ENV, h, p1_env, var)
#define P1_ENTER_DBC(h, var)  P1_ENTER(SQL_HANDLE_DBC, h, p1_dbc, var)
/* statements also take their connection's work lock (p1_enter_stmt_work) */
#define P1_ENTER_STMT(h, var) \
    p1_handle *hh_ = p1_enter_stmt_work(h); \
    if (!hh_) \
        return SQL_INVALID_HANDLE; \
    p1_stmt *var = (p1_stmt *)hh_

/** Leave: record the return code, unlock, return. */
#define P1_LEAVE(rc) return p1_leave(hh_, (rc))

/** Up to 6 converted string arguments, freed together. */
typedef struct p1_args {
    char *v[6];
    int   n;
    int   failed;
} p1_args;

/** Convert an A string argument into the next slot; returns the UTF-8 copy (NULL for NULL). */
static inline const char *p1_arg_a(p1_args *a, p1_handle *h, const SQLCHAR *s, SQLINTEGER len)
{
    char *out = NULL;
    if (!a->failed && p1_in_a(h, s, len, &out) < 0)
        a->failed = 1;
    a->v[a->n++] = out;
    return out;
}

/** Convert a W string argument (len in characters) into the next slot. */
static inline const char *p1_arg_w(p1_args *a, p1_handle *h, const SQLWCHAR *s, SQLINTEGER len)
{
    char *out = NULL;
    if (!a->failed && p1_in_w(h, s, len, &out) < 0)
        a->failed = 1;
    a->v[a->n++] = out;
    return out;
}

/** Free every converted argument. */
static inline void p1_args_free(p1_args *a)
{
    for (int i = 0; i < a->n; i++)
        free(a->v[i]);
    a->n = 0;
}

#endif
