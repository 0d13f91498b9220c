/**
 * @file c_client_w.c
 * Unicode (W) path ODBC client test (TAP) through the unixODBC driver
 * manager: SQLDriverConnectW with a full connection string, SQLExecDirectW,
 * SQLDescribeColW, SQLColAttributeW, SQLGetData(SQL_C_WCHAR) in parts,
 * SQLGetDiagRecW, parameters in UTF-16 and a round trip of text outside the
 * BMP. Expected values come from the emulator dataset (c_common.h).
 * Run through tests/integration/with-emulator.sh (c_client_w.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"

static SQLHENV env;
static SQLHDBC dbc;

static struct {
    char *buf;
    const char *id42, *email42;
    const char *nick_user, *nick, *nick_first;    /* a user with a non-BMP nickname */
    const char *fam_user, *fam;                   /* a user with a non-BMP family name */
} want;

/** Load the expected values from the dataset. */
static int load_expected(void)
{
    want.buf = ds_eval(
        "'\\x1f'.join([U['user0042']['id'], U['user0042'].get('email', ''),"
        " *(lambda u: [u['username'], u['nickname'], u['name']['given']])("
        "   [u for u in users if any(ord(c) > 0xFFFF for c in u.get('nickname', ''))][0]),"
        " *(lambda u: [u['username'], u['name']['family']])("
        "   [u for u in users if any(ord(c) > 0xFFFF for c in u.get('name', {}).get('family', ''))][0])])");
    char *p[7];
    if (!want.buf || ds_split(want.buf, p, 7) != 7)
        return -1;
    want.id42 = p[0];
    want.email42 = p[1];
    want.nick_user = p[2];
    want.nick = p[3];
    want.nick_first = p[4];
    want.fam_user = p[5];
    want.fam = p[6];
    return 0;
}

/** Compare UTF-16 text with UTF-8 text (converted by the test's own converter). */
static int w_eq(const SQLWCHAR *w, SQLLEN units, const char *utf8)
{
    char *s = u8(w, units);
    int eq = strcmp(s, utf8) == 0;
    if (!eq)
        diag("  got '%s', expected '%s'", s, utf8);
    free(s);
    return eq;
}

/** SQLExecDirectW of UTF-8 text on a new statement; NULL on failure (diagnostics dumped). */
static SQLHSTMT exec_w(const char *sql)
{
    SQLHSTMT st;
    if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)))
        return NULL;
    SQLWCHAR *w = u16(sql, NULL);
    SQLRETURN rc = SQLExecDirectW(st, w, SQL_NTS);
    free(w);
    if (!SUCCEEDED(rc)) {
        diag("SQLExecDirectW failed (%d): %s", rc, sql);
        diag_dump(SQL_HANDLE_STMT, st);
        SQLFreeHandle(SQL_HANDLE_STMT, st);
        return NULL;
    }
    return st;
}

/**
 * Read a column as SQL_C_WCHAR in parts of bufsize bytes, checking each part
 * (01004 on all but the last, remaining byte counts, NUL-terminated, no split
 * surrogate pair, SQL_NO_DATA after the last). Returns malloc'd UTF-8 text.
 */
static char *get_w_parts(SQLHSTMT st, SQLUSMALLINT col, SQLLEN bufsize, int *parts_ok, int *nparts)
{
    SQLWCHAR acc[4096];
    size_t units = 0;
    SQLWCHAR *buf = malloc((size_t)bufsize + 2);
    int good = 1, calls = 0;
    SQLLEN total = -1;
    for (;;) {
        SQLLEN ind = 0;
        SQLRETURN rc = SQLGetData(st, col, SQL_C_WCHAR, buf, bufsize, &ind);
        calls++;
        if (rc == SQL_NO_DATA)
            break;
        if (!SUCCEEDED(rc) || calls > 2000) {
            diag_dump(SQL_HANDLE_STMT, st);
            good = 0;
            break;
        }
        if (total < 0)
            total = ind;
        if (ind != total - (SQLLEN)(units * 2)) {
            diag("  part %d: indicator %ld, expected %ld", calls, (long)ind, (long)(total - (SQLLEN)units * 2));
            good = 0;
        }
        size_t n = 0;
        while (buf[n])
            n++;
        if (rc == SQL_SUCCESS_WITH_INFO) {
            char s[6], m[256];
            diag_a(SQL_HANDLE_STMT, st, s, m, sizeof m);
            good = good && strcmp(s, "01004") == 0 && n > 0 && n * 2 + 2 <= (size_t)bufsize;
            good = good && !(buf[n - 1] >= 0xD800 && buf[n - 1] <= 0xDBFF);
        } else {
            good = good && (SQLLEN)(n * 2) == ind;
        }
        if (units + n >= 4096)
            break;
        memcpy(acc + units, buf, n * sizeof *buf);
        units += n;
    }
    free(buf);
    *parts_ok = good && calls >= 2;
    if (nparts)
        *nparts = calls - 1;
    return u8(acc, (SQLLEN)units);
}

static void test_connect(void)
{
    const char *cs = need_env("P1_CONNSTR");
    ok(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS, "SQLAllocHandle(ENV)");
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
    ok(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_SUCCESS, "SQLAllocHandle(DBC)");
    SQLWCHAR *w = u16(cs, NULL);
    SQLWCHAR out[2048];
    SQLSMALLINT outlen = 0;
    SQLRETURN rc = SQLDriverConnectW(dbc, NULL, w, SQL_NTS, out, 2048, &outlen, SQL_DRIVER_NOPROMPT);
    free(w);
    if (!ok(SUCCEEDED(rc), "SQLDriverConnectW(connection string without DSN)")) {
        diag_dump(SQL_HANDLE_DBC, dbc);
        printf("Bail out! cannot connect\n");
        exit(1);
    }
    size_t n = 0;
    while (out[n])
        n++;
    char *o = u8(out, SQL_NTS);
    ok(outlen > 0 && (size_t)outlen == n && strstr(o, "APIBaseURL") != NULL,
       "output connection string: length in characters, has APIBaseURL");
    free(o);
}

static void test_getinfo_w(void)
{
    SQLWCHAR buf[64];
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLGetInfoW(dbc, SQL_DBMS_NAME, buf, sizeof buf, &len);
    ok(rc == SQL_SUCCESS && w_eq(buf, SQL_NTS, "PingOne") && len == 14,
       "SQLGetInfoW(DBMS_NAME) = PingOne, length 14 bytes");
}

static void test_query_w(void)
{
    SQLHSTMT st = exec_w("SELECT Id, Username, Email FROM Users WHERE Username = 'user0042'");
    if (!ok(st != NULL, "SQLExecDirectW SELECT ... 'user0042'"))
        return;
    SQLWCHAR name[64];
    SQLSMALLINT nlen = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    SQLRETURN rc = SQLDescribeColW(st, 2, name, 64, &nlen, &type, &size, &digits, &nullable);
    ok(rc == SQL_SUCCESS && w_eq(name, SQL_NTS, "Username") && nlen == 8 && type == SQL_WVARCHAR && size == 128,
       "SQLDescribeColW(2): Username, 8 characters, WVARCHAR(128)");
    rc = SQLDescribeColW(st, 2, name, 4, &nlen, &type, &size, &digits, &nullable);
    char s[6], m[512];
    diag_w(SQL_HANDLE_STMT, st, s, m, sizeof m);
    ok(rc == SQL_SUCCESS_WITH_INFO && w_eq(name, SQL_NTS, "Use") && nlen == 8 && strcmp(s, "01004") == 0,
       "SQLDescribeColW into 4 characters: 'Use', full length 8, 01004");
    SQLWCHAR attr[64];
    SQLSMALLINT alen = 0;
    rc = SQLColAttributeW(st, 3, SQL_DESC_NAME, attr, sizeof attr, &alen, NULL);
    ok(rc == SQL_SUCCESS && w_eq(attr, SQL_NTS, "Email") && alen == 10,
       "SQLColAttributeW(NAME) = Email, length 10 bytes");

    ok(SQLFetch(st) == SQL_SUCCESS, "SQLFetch");
    int good = 0, parts = 0;
    char *email = get_w_parts(st, 3, 10, &good, &parts);
    ok(good, "SQLGetData(Email, SQL_C_WCHAR, 10 bytes) in %d parts", parts);
    is_str(email, want.email42, "Email reassembled from UTF-16 parts");
    free(email);
    SQLWCHAR idw[64];
    SQLLEN ind = 0;
    rc = SQLGetData(st, 1, SQL_C_WCHAR, idw, sizeof idw, &ind);
    ok(rc == SQL_SUCCESS && ind == (SQLLEN)strlen(want.id42) * 2 && w_eq(idw, SQL_NTS, want.id42),
       "SQLGetData(Id, SQL_C_WCHAR) whole: length in bytes");
    ok(SQLGetData(st, 1, SQL_C_WCHAR, idw, sizeof idw, &ind) == SQL_NO_DATA, "SQLGetData again -> SQL_NO_DATA");
    ok(SQLFetch(st) == SQL_NO_DATA, "only one row");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void test_non_bmp(void)
{
    /* A literal with a character outside the BMP in the SQL text. */
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT Username, LastName FROM Users WHERE LastName = '%s'", want.fam);
    SQLHSTMT st = exec_w(sql);
    if (ok(st && SQLFetch(st) == SQL_SUCCESS, "SQLExecDirectW with a non-BMP literal finds a row")) {
        SQLWCHAR u[256];
        SQLLEN ind;
        ok(SUCCEEDED(SQLGetData(st, 1, SQL_C_WCHAR, u, sizeof u, &ind)) && w_eq(u, SQL_NTS, want.fam_user),
           "... the dataset's user %s", want.fam_user);
        int good = 0, parts = 0;
        char *fam = get_w_parts(st, 2, 6, &good, &parts);
        ok(good, "LastName as SQL_C_WCHAR in 6-byte parts (%d parts, pairs never split)", parts);
        is_str(fam, want.fam, "LastName round-trips");
        free(fam);
    }
    if (st)
        SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* A UTF-16 parameter with a non-BMP character. */
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLWCHAR *q = u16("SELECT Username, FirstName, Nickname FROM Users WHERE Nickname = ?", NULL);
    SQLRETURN rc = SQLPrepareW(st, q, SQL_NTS);
    free(q);
    ok(rc == SQL_SUCCESS, "SQLPrepareW with a parameter");
    size_t nunits = 0;
    SQLWCHAR *nick = u16(want.nick, &nunits);
    SQLLEN nick_ind = SQL_NTS;
    rc = SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WVARCHAR, 256, 0, nick,
                          (SQLLEN)((nunits + 1) * 2), &nick_ind);
    ok(rc == SQL_SUCCESS, "SQLBindParameter(SQL_C_WCHAR) with a non-BMP nickname");
    rc = SQLExecute(st);
    if (!ok(SUCCEEDED(rc), "SQLExecute"))
        diag_dump(SQL_HANDLE_STMT, st);
    if (ok(SQLFetch(st) == SQL_SUCCESS, "the non-BMP parameter finds a row")) {
        SQLWCHAR buf[256];
        SQLLEN ind = 0;
        ok(SUCCEEDED(SQLGetData(st, 1, SQL_C_WCHAR, buf, sizeof buf, &ind)) && w_eq(buf, SQL_NTS, want.nick_user),
           "... user %s", want.nick_user);
        int good = 0, parts = 0;
        char *first = get_w_parts(st, 2, 6, &good, &parts);
        ok(good, "FirstName as SQL_C_WCHAR in 6-byte parts (%d parts)", parts);
        is_str(first, want.nick_first, "FirstName with a non-BMP character round-trips");
        free(first);
        rc = SQLGetData(st, 3, SQL_C_WCHAR, buf, sizeof buf, &ind);
        ok(rc == SQL_SUCCESS && ind == (SQLLEN)nunits * 2 && memcmp(buf, nick, (nunits + 1) * 2) == 0,
           "Nickname read back equals the UTF-16 parameter unit for unit");
    }
    SQLFreeStmt(st, SQL_CLOSE);
    /* The same value read as SQL_C_CHAR is UTF-8 even on a W connection. */
    rc = SQLExecute(st);
    if (SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS) {
        char c[256];
        SQLLEN ind = 0;
        rc = SQLGetData(st, 3, SQL_C_CHAR, c, sizeof c, &ind);
        ok(rc == SQL_SUCCESS && strcmp(c, want.nick) == 0 && ind == (SQLLEN)strlen(want.nick),
           "Nickname as SQL_C_CHAR is UTF-8 (%ld bytes)", (long)ind);
    } else {
        ok(0, "re-execute for SQL_C_CHAR");
    }
    free(nick);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** An error statement through the W path reports state; checks SQLGetDiagRecW lengths. */
static void expect_error_w(const char *sql, const char *state, const char *what)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLWCHAR *w = u16(sql, NULL);
    SQLRETURN rc = SQLExecDirectW(st, w, SQL_NTS);
    free(w);
    if (SUCCEEDED(rc))
        rc = SQLFetch(st);
    SQLWCHAR wstate[6] = {0}, msg[1024] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLRETURN drc = SQLGetDiagRecW(SQL_HANDLE_STMT, st, 1, wstate, &native, msg, 1024, &len);
    size_t n = 0;
    while (msg[n])
        n++;
    ok(rc == SQL_ERROR && drc == SQL_SUCCESS && w_eq(wstate, SQL_NTS, state) && n > 0 && (size_t)len == n,
       "%s: SQLGetDiagRecW state %s, message length %d characters", what, state, len);
    SQLWCHAR small[10];
    SQLSMALLINT len2 = 0;
    drc = SQLGetDiagRecW(SQL_HANDLE_STMT, st, 1, wstate, &native, small, 10, &len2);
    ok(drc == SQL_SUCCESS_WITH_INFO && len2 == len && small[9] == 0 && memcmp(small, msg, 9 * 2) == 0,
       "%s: SQLGetDiagRecW into 10 characters truncates, full length reported", what);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void test_errors_w(void)
{
    expect_error_w("SELEC Id FROM Users", "42000", "syntax error");
    expect_error_w("SELECT Id FROM NoSuchTable", "42S02", "unknown table");
    expect_error_w("SELECT NoSuchColumn FROM Users", "42S22", "unknown column");
}

static void test_catalog_w(void)
{
    /* The default environment's schema (named after it, from the dataset). */
    char *schema = ds_eval("[e['name'] for e in t.environments if e['id'] == d.DEFAULT_ENV_ID][0]");
    if (!ok(schema != NULL, "dataset names the default environment"))
        return;
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLWCHAR *t = u16("Users", NULL), *sw = u16(schema, NULL);
    SQLRETURN rc = SQLColumnsW(st, NULL, 0, sw, SQL_NTS, t, SQL_NTS, NULL, 0);
    free(t);
    int found = 0, n = 0;
    while (SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS) {
        SQLWCHAR col[128];
        SQLLEN ind;
        SQLGetData(st, 4, SQL_C_WCHAR, col, sizeof col, &ind);
        char *c = u8(col, SQL_NTS);
        found += strcmp(c, "Email") == 0;
        free(c);
        n++;
    }
    ok(SUCCEEDED(rc) && found == 1, "SQLColumnsW(Users) lists Email (%d columns)", n);
    SQLFreeStmt(st, SQL_CLOSE);
    rc = SQLTablesW(st, NULL, 0, sw, SQL_NTS, NULL, 0, NULL, 0);
    found = 0;
    while (SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS) {
        SQLWCHAR name[128];
        SQLLEN ind;
        SQLGetData(st, 3, SQL_C_WCHAR, name, sizeof name, &ind);
        char *c = u8(name, SQL_NTS);
        found += strcmp(c, "Users") == 0;
        free(c);
    }
    ok(SUCCEEDED(rc) && found == 1, "SQLTablesW lists Users once in schema %s", schema);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    free(sw);
    free(schema);
}

/*
 * Connection diagnostics through SQLDriverConnectW on a second connection:
 * an unknown key connects with SQL_SUCCESS_WITH_INFO and 01S00 naming the key;
 * a wrong secret is 28000 carrying PingOne's error_description, never the secret.
 */
static void test_connect_diags_w(void)
{
    const char *cs = need_env("P1_CONNSTR");
    size_t csl = strlen(cs);
    char *s = malloc(csl + 64);
    SQLHDBC d2 = SQL_NULL_HDBC;
    char state[6] = "", msg[1024] = "";
    if (!s || SQLAllocHandle(SQL_HANDLE_DBC, env, &d2) != SQL_SUCCESS) {
        ok(0, "second connection handle");
        free(s);
        return;
    }
    snprintf(s, csl + 64, "%s;NoSuchKey=1", cs);
    SQLWCHAR *w = u16(s, NULL);
    SQLRETURN rc = SQLDriverConnectW(d2, NULL, w, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
    free(w);
    diag_w(SQL_HANDLE_DBC, d2, state, msg, sizeof msg);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(state, "01S00") == 0 && strstr(msg, "NoSuchKey") != NULL,
       "unknown connection key: SQL_SUCCESS_WITH_INFO, 01S00 naming it (%s %s)", state, msg);
    if (SUCCEEDED(rc))
        SQLDisconnect(d2);

    /* the first occurrence of a key wins, so the wrong secret goes first */
    snprintf(s, csl + 64, "OAuthClientSecret=not-the-secret-42;%s", cs);
    w = u16(s, NULL);
    rc = SQLDriverConnectW(d2, NULL, w, SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT);
    free(w);
    state[0] = msg[0] = '\0';
    diag_w(SQL_HANDLE_DBC, d2, state, msg, sizeof msg);
    ok(rc == SQL_ERROR && strcmp(state, "28000") == 0, "wrong client secret: 28000 (%s)", state);
    ok(strstr(msg, "the client secret is not valid") != NULL,
       "... with PingOne's error_description: %s", msg);
    ok(strstr(msg, "not-the-secret-42") == NULL, "... never the secret");
    if (SUCCEEDED(rc))
        SQLDisconnect(d2);
    SQLFreeHandle(SQL_HANDLE_DBC, d2);
    free(s);
}

int main(void)
{
    plan_lazy();
    if (load_expected() != 0) {
        printf("Bail out! cannot load expected values from the dataset\n");
        return 1;
    }
    test_connect();
    test_connect_diags_w();
    test_getinfo_w();
    test_query_w();
    test_non_bmp();
    test_errors_w();
    test_catalog_w();
    ok(SQLDisconnect(dbc) == SQL_SUCCESS, "SQLDisconnect");
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    free(want.buf);
    return done_testing();
}
