/**
 * @file err.h
 * One error as it travels up from PingOne, the SQL engine or the driver's
 * helpers to the ODBC diagnostic records. Lower layers never print; they fill
 * an err and return a failure code. The driver turns it into a diagnostic
 * record (SQLSTATE, native code, message).
 *
 * Messages are complete sentences a user can act on. They must never contain
 * a client secret or a token.
 */
#ifndef P1_COMMON_ERR_H
#define P1_COMMON_ERR_H

#include <stddef.h>

#define ERR_MSG_MAX 2048

typedef struct err {
    int  set;                 /**< non-zero once an error has been recorded */
    char sqlstate[6];         /**< five-character SQLSTATE, NUL-terminated */
    long native;              /**< native error: HTTP status for PingOne errors, else 0 */
    char message[ERR_MSG_MAX];/**< the sentence shown to the user */
} err;

/** Clear e (no error). */
void err_clear(err *e);

/**
 * Record an error: SQLSTATE plus printf-style message. A second call
 * overwrites the first. Safe with e == NULL (does nothing). Returns -1 so
 * callers can write `return err_set(e, "HY000", "...")`.
 */
int err_set(err *e, const char *sqlstate, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** As err_set, also recording a native error code. Returns -1. */
int err_set_native(err *e, const char *sqlstate, long native, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** Append text to an already-set message (e.g. a Correlation-Id). */
void err_append(err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
