/** @file procedures.c  The OAuth stored procedures (see procedures.h). */
#include "pingone/procedures.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "sql/engine.h"

static const proc_param url_in[] = {
    {"CallbackUrl", SQLT_TEXT, 2048, 0,
     "Redirect URI registered on the application (default: the CallbackURL property)."},
    {"Scope", SQLT_TEXT, 2048, 0, "Scopes to ask for (default: the Scope property)."},
    {"State", SQLT_TEXT, 2048, 0, "Value PingOne sends back with the code (CSRF check, routing)."},
};
static const table_col url_out[] = {
    {"URL", SQLT_TEXT, 4096, 0, "Open it in a browser and sign in; the code arrives at the callback URL."},
};

static const proc_param token_in[] = {
    {"AuthMode", SQLT_TEXT, 8, 0,
     "APP (default): sign in with the browser now; WEB: exchange Verifier. "
     "AuthScheme=OAuthClient returns a client-credentials token."},
    {"Verifier", SQLT_TEXT, 2048, 0, "The code PingOne sent to the callback URL (AuthMode=WEB)."},
    {"CallbackUrl", SQLT_TEXT, 2048, 0, "Redirect URI used (default: the CallbackURL property)."},
    {"State", SQLT_TEXT, 2048, 0, "State for the browser sign-in (AuthMode=APP)."},
    {"Scope", SQLT_TEXT, 2048, 0, "Scopes for the browser sign-in (default: the Scope property)."},
};
static const table_col token_out[] = {
    {"OAuthAccessToken", SQLT_TEXT, 8192, 0, "The access token."},
    {"OAuthRefreshToken", SQLT_TEXT, 8192, 1, "The refresh token (empty for client credentials)."},
    {"ExpiresIn", SQLT_INT, 10, 0, "Lifetime of the access token in seconds (-1: never expires)."},
};

static const proc_param refresh_in[] = {
    {"OAuthRefreshToken", SQLT_TEXT, 8192, 0,
     "Refresh token to use (default: the connection's or the stored one)."},
};

static const proc_def procs[] = {
    {NULL, "GetOAuthAuthorizationURL",
     "The PingOne sign-in URL (authorization code with PKCE S256; the verifier is kept for "
     "GetOAuthAccessToken and OAuthVerifier).", 3, url_in, 1, url_out},
    {NULL, "GetOAuthAccessToken",
     "Sign in and return the OAuth access and refresh tokens.", 5, token_in, 3, token_out},
    {NULL, "RefreshOAuthAccessToken",
     "Exchange a refresh token for new tokens (PingOne rotates the refresh token).",
     1, refresh_in, 3, token_out},
};

int p1_proc_count(void)
{
    return (int)(sizeof procs / sizeof procs[0]);
}

const proc_def *p1_proc_at(int i)
{
    return i >= 0 && i < p1_proc_count() ? &procs[i] : NULL;
}

/**
 * The text of an argument (NULL for SQL NULL); numbers are formatted into
 * buf. Returns NULL for NULL.
 */
static const char *arg_text(const sql_value *v, char *buf, size_t bufsz)
{
    switch (v->type) {
    case SQLT_NULL:
        return NULL;
    case SQLT_TEXT:
        return v->u.s.ptr;
    case SQLT_DOUBLE:
        snprintf(buf, bufsz, "%.17g", v->u.d);
        return buf;
    default:
        snprintf(buf, bufsz, "%" PRId64, v->u.i);
        return buf;
    }
}

/** Column metadata of proc's result. cols must hold proc->nout entries. */
static void result_cols(const proc_def *proc, sql_colinfo *cols)
{
    for (int i = 0; i < proc->nout; i++)
        cols[i] = (sql_colinfo){(char *)proc->out[i].name, "", "", "", proc->out[i].type,
                                proc->out[i].size, proc->out[i].nullable};
}

/** A one-row result from vals (ownership taken). */
static int one_row(const proc_def *proc, sql_value *vals, struct sql_result **out, err *e)
{
    sql_colinfo cols[3];
    result_cols(proc, cols);
    sql_result *r = memresult_new(proc->nout, cols);
    if (!r || memresult_add_row(r, vals) < 0) {
        if (r)
            r->ops->close(r);
        for (int i = 0; i < proc->nout; i++)
            sqlval_clear(&vals[i]);
        return err_set(e, "HY001", "Out of memory while returning the result of %s.", proc->name);
    }
    *out = r;
    return 0;
}

/** The token result row. */
static int token_row(const proc_def *proc, const oauth_tokens *t, struct sql_result **out, err *e)
{
    sql_value vals[3];
    memset(vals, 0, sizeof vals);
    if (sqlval_set_text(&vals[0], t->access_token ? t->access_token : "") < 0 ||
        sqlval_set_text(&vals[1], t->refresh_token ? t->refresh_token : "") < 0) {
        for (int i = 0; i < 3; i++)
            sqlval_clear(&vals[i]);
        return err_set(e, "HY001", "Out of memory while returning the result of %s.", proc->name);
    }
    sqlval_set_int(&vals[2], t->expires_in);
    return one_row(proc, vals, out, e);
}

int p1_proc_call(p1auth *auth, const proc_def *proc, const sql_value *args,
                 struct sql_result **out, err *e)
{
    *out = NULL;
    char b[5][32];
    const char *a[5] = {NULL};
    for (int i = 0; i < proc->nin && i < 5; i++)
        a[i] = arg_text(&args[i], b[i], sizeof b[i]);
    if (strcasecmp(proc->name, "GetOAuthAuthorizationURL") == 0) {
        char *url = NULL;
        if (p1auth_authorization_url(auth, a[0], a[1], a[2], &url, e) < 0)
            return -1;
        sql_value v[1];
        memset(v, 0, sizeof v);
        sqlval_take_text(&v[0], url, strlen(url));
        return one_row(proc, v, out, e);
    }
    oauth_tokens t = {0};
    t.expires_in = -1;
    int rc;
    if (strcasecmp(proc->name, "GetOAuthAccessToken") == 0)
        rc = p1auth_get_token(auth, a[0], a[1], a[2], a[3], a[4], &t, e);
    else if (strcasecmp(proc->name, "RefreshOAuthAccessToken") == 0)
        rc = p1auth_refresh(auth, a[0], &t, e);
    else
        rc = err_set(e, "42000", "There is no procedure named %s.", proc->name);
    if (rc == 0)
        rc = token_row(proc, &t, out, e);
    oauth_tokens_clear(&t);
    return rc;
}
