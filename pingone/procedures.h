/**
 * @file procedures.h
 * The provider's stored procedures (sql/provider.h proc_count/proc_at/call):
 * the three OAuth procedures of the CData PingOne driver, with their exact
 * names, inputs and result columns:
 *   GetOAuthAuthorizationURL(CallbackUrl, Scope, State) -> URL
 *   GetOAuthAccessToken(AuthMode, Verifier, CallbackUrl, State, Scope)
 *       -> OAuthAccessToken, OAuthRefreshToken, ExpiresIn (INTEGER)
 *   RefreshOAuthAccessToken(OAuthRefreshToken)
 *       -> OAuthAccessToken, OAuthRefreshToken, ExpiresIn (INTEGER)
 * They work before any table is read, on a connection made only with a
 * client id (and secret).
 */
#ifndef P1_PINGONE_PROCEDURES_H
#define P1_PINGONE_PROCEDURES_H

#include "common/err.h"
#include "common/value.h"
#include "pingone/auth.h"
#include "sql/provider.h"

struct sql_result;

/** Number of procedures. */
int p1_proc_count(void);

/** The i-th procedure (schema NULL: callers fill in the connection's), NULL when out of range. */
const proc_def *p1_proc_at(int i);

/**
 * Run proc (one of p1_proc_at's) with args[i] the value of proc->in[i]
 * (SQLT_NULL when not given) using the connection's token handling. On
 * success *out is a one-row in-memory result with proc->nout columns.
 * Returns 0 or -1 with e set.
 */
int p1_proc_call(p1auth *auth, const proc_def *proc, const sql_value *args,
                 struct sql_result **out, err *e);

#endif
