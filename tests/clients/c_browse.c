/**
 * @file c_browse.c
 * SQLBrowseConnect(W) through the unixODBC driver manager against the
 * emulator (TAP), on the A and W paths: the missing keys in BrowseConnect
 * syntax, completing them step by step, the completed connection string,
 * a DSN that needs nothing more, wrong credentials (28000) and a bad value
 * (HY024) ending the browse, and SQLDisconnect cancelling one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"

static int wide;

/** Value of key in the connection string cs (one of 8 static buffers in turn; "" when absent). */
static const char *key_of(const char *cs, const char *key)
{
    static char bufs[8][1024];
    static int next;
    char *val = bufs[next++ % 8];
    size_t kl = strlen(key);
    val[0] = 0;
    for (const char *p = cs; p && *p; p = strchr(p, ';') ? strchr(p, ';') + 1 : NULL)
        if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
            const char *end = strchr(p, ';');
            size_t n = end ? (size_t)(end - p - kl - 1) : strlen(p + kl + 1);
            if (n >= sizeof bufs[0])
                n = sizeof bufs[0] - 1;
            memcpy(val, p + kl + 1, n);
            val[n] = 0;
            break;
        }
    return val;
}

/** One SQLBrowseConnect(W) call; the out string (UTF-8) into out. */
static SQLRETURN browse(SQLHDBC dbc, const char *in, char *out, size_t outsize)
{
    SQLSMALLINT len = -1;
    SQLRETURN rc;
    out[0] = 0;
    if (!wide) {
        rc = SQLBrowseConnect(dbc, (SQLCHAR *)in, SQL_NTS, (SQLCHAR *)out, (SQLSMALLINT)outsize, &len);
    } else {
        SQLWCHAR *w = u16(in, NULL);
        SQLWCHAR wout[2048];
        wout[0] = 0;
        rc = SQLBrowseConnectW(dbc, w, SQL_NTS, wout, 2048, &len);
        free(w);
        char *s = u8(wout, SQL_NTS);
        snprintf(out, outsize, "%s", s ? s : "");
        free(s);
    }
    if (rc == SQL_NEED_DATA || SUCCEEDED(rc))
        ok(len == (SQLSMALLINT)strlen(out), "out length %d matches the string (%zu)", (int)len, strlen(out));
    return rc;
}

/** SQLSTATE of the first record of dbc. */
static const char *state_of(SQLHDBC dbc)
{
    return diag_state(wide, SQL_HANDLE_DBC, dbc);
}

/** A query on the connection works. */
static int query_works(SQLHDBC dbc)
{
    SQLHSTMT st;
    if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)))
        return 0;
    char name[64] = "";
    SQLLEN ind = 0;
    int good = SUCCEEDED(SQLExecDirect(st, (SQLCHAR *)"SELECT Username FROM Users WHERE Username = 'user0100'",
                                       SQL_NTS)) &&
               SUCCEEDED(SQLFetch(st)) &&
               SUCCEEDED(SQLGetData(st, 1, SQL_C_CHAR, name, sizeof name, &ind)) &&
               strcmp(name, "user0100") == 0;
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    return good;
}

/** The whole browse sequence on one path. */
static void run(SQLHENV env, const char *dsn, const char *cs)
{
    char base[2048], creds[1024], envs[1024], full[8192], out[4096];
    /* the driver's name in odbcinst.ini (with-emulator.sh) */
    snprintf(base, sizeof base, "DRIVER={PingOne};AuthorizationServerURL=%s;APIBaseURL=%s;SSLServerCert=%s",
             key_of(cs, "AuthorizationServerURL"), key_of(cs, "APIBaseURL"),
             key_of(cs, "SSLServerCert"));
    char *id = strdup(key_of(cs, "OAuthClientId")), *secret = strdup(key_of(cs, "OAuthClientSecret"));
    snprintf(creds, sizeof creds, "OAuthClientId=%s;OAuthClientSecret=%s", id, secret);
    snprintf(envs, sizeof envs, "EnvironmentId=%s;WorkerAppEnvironmentId=%s",
             key_of(cs, "EnvironmentId"), key_of(cs, "WorkerAppEnvironmentId"));
    SQLHDBC dbc;
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);

    /* step by step */
    SQLRETURN rc = browse(dbc, base, out, sizeof out);
    ok(rc == SQL_NEED_DATA, "first call: SQL_NEED_DATA (%d)", (int)rc);
    ok(strstr(out, "OAuthClientId:Client ID=?") && strstr(out, "OAuthClientSecret:Client Secret=?") &&
       strstr(out, "EnvironmentId:Environment ID=?") &&
       strstr(out, "*AuthScheme:Auth Scheme={OAuthClient,OAuth}") &&
       strstr(out, "*WorkerAppEnvironmentId:") && out[0] != '*',
       "required keys first, optional ones with '*': %s", out);
    rc = browse(dbc, creds, out, sizeof out);
    ok(rc == SQL_NEED_DATA && strncmp(out, "EnvironmentId:Environment ID=?", 30) == 0 &&
       !strstr(out, "OAuthClientId"), "second call: only EnvironmentId is still required: %s", out);
    rc = browse(dbc, envs, out, sizeof out);
    if (!ok(rc == SQL_SUCCESS, "third call connects (%d)", (int)rc))
        diag_dump(SQL_HANDLE_DBC, dbc);
    ok(strncmp(out, "DRIVER=", 7) == 0 && strstr(out, "OAuthClientId=") && strstr(out, "EnvironmentId="),
       "completed connection string");
    ok(query_works(dbc), "a query runs on the browsed connection");
    SQLUSMALLINT supported = 0;
    SQLGetFunctions(dbc, SQL_API_SQLBROWSECONNECT, &supported);
    ok(supported == SQL_TRUE, "SQLGetFunctions reports SQLBrowseConnect");
    ok(browse(dbc, base, out, sizeof out) == SQL_ERROR && strcmp(state_of(dbc), "08002") == 0,
       "browsing an open connection: 08002");
    ok(SQLDisconnect(dbc) == SQL_SUCCESS, "SQLDisconnect");

    /* a DSN that is already complete */
    snprintf(full, sizeof full, "DSN=%s", dsn);
    rc = browse(dbc, full, out, sizeof out);
    if (!ok(rc == SQL_SUCCESS && strncmp(out, full, strlen(full)) == 0, "DSN alone connects: %.40s", out))
        diag_dump(SQL_HANDLE_DBC, dbc);
    SQLDisconnect(dbc);

    /* wrong secret: 28000, and the browse starts over */
    snprintf(full, sizeof full, "%s;OAuthClientId=%s;OAuthClientSecret=wrong-%s;%s", base, id, secret, envs);
    rc = browse(dbc, full, out, sizeof out);
    ok(rc == SQL_ERROR && strcmp(state_of(dbc), "28000") == 0, "wrong secret: 28000 (%s)", state_of(dbc));
    ok(SQLDisconnect(dbc) == SQL_ERROR, "still unconnected after the failure");
    ok(browse(dbc, base, out, sizeof out) == SQL_NEED_DATA && strstr(out, "OAuthClientId:"),
       "a new browse starts from nothing");
    ok(SQLDisconnect(dbc) == SQL_SUCCESS, "SQLDisconnect cancels a browse that needs data");

    /* a bad value ends the browse with HY024 */
    snprintf(full, sizeof full, "%s;Region=Mars;%s", base, creds);
    rc = browse(dbc, full, out, sizeof out);
    ok(rc == SQL_ERROR && strcmp(state_of(dbc), "HY024") == 0, "bad Region: HY024 (%s)", state_of(dbc));
    snprintf(full, sizeof full, "%s;%s;%s;NoSuchKey=1", base, creds, envs);
    rc = browse(dbc, full, out, sizeof out);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(state_of(dbc), "01S00") == 0,
       "everything in one call connects; an unknown key warns 01S00 (%d %s)", (int)rc, state_of(dbc));
    ok(query_works(dbc), "a query runs");
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    free(id);
    free(secret);
}

int main(void)
{
    const char *dsn = need_env("P1_DSN");
    const char *cs = need_env("P1_CONNSTR");
    for (int pass = 0; pass < 2; pass++) {
        wide = pass;
        tap_tag = wide ? "W" : "A";
        SQLHENV env;
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
        run(env, dsn, cs);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    return done_testing();
}
