/**
 * @file c_client_ansi.c
 * ANSI-path ODBC client test (TAP) through the unixODBC driver manager:
 * SQLConnect to the DSN, SQLGetInfo, a query with bound columns, SQLGetData
 * in small parts, parameters, error SQLSTATEs, catalog functions and column
 * metadata. Expected values come from the emulator dataset (c_common.h).
 * Run through tests/integration/with-emulator.sh (c_client_ansi.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"

static SQLHENV env;
static SQLHDBC dbc;

/** Expected values of the dataset, fetched once. */
static struct {
    char *buf;
    const char *id42, *email42, *id1234, *email1234, *last_angstrom, *user_count;
    const char *created42, *enabled42, *pop_total;
} want;

/** Load the expected values from the dataset. */
static int load_expected(void)
{
    want.buf = ds_eval("'\\x1f'.join([U['user0042']['id'], U['user0042'].get('email', ''),"
                       " U['user1234']['id'], U['user1234'].get('email', ''),"
                       " U['\\u00e5ngstr\\u00f6m']['name']['family'], str(len(users)),"
                       " U['user0042']['createdAt'], str(int(U['user0042']['enabled'])),"
                       " str(sum(p.get('userCount', 0) for p in env.populations))])");
    char *p[9];
    if (!want.buf || ds_split(want.buf, p, 9) != 9)
        return -1;
    want.created42 = p[6];
    want.enabled42 = p[7];
    want.pop_total = p[8];
    want.id42 = p[0];
    want.email42 = p[1];
    want.id1234 = p[2];
    want.email1234 = p[3];
    want.last_angstrom = p[4];
    want.user_count = p[5];
    return 0;
}

/** SQLExecDirect on a fresh statement; returns the statement or NULL (diagnostics dumped). */
static SQLHSTMT exec_sql(const char *sql)
{
    SQLHSTMT st = SQL_NULL_HSTMT;
    if (!SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st)))
        return NULL;
    SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS);
    if (!SUCCEEDED(rc)) {
        diag("SQLExecDirect failed (%d): %s", rc, sql);
        diag_dump(SQL_HANDLE_STMT, st);
        SQLFreeHandle(SQL_HANDLE_STMT, st);
        return NULL;
    }
    return st;
}

/** The SQLSTATE a failing statement reports (SQLExecDirect, else the first SQLFetch). */
static void expect_error(const char *sql, const char *state, const char *what)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *)sql, SQL_NTS);
    SQLHANDLE h = st;
    if (SUCCEEDED(rc))
        rc = SQLFetch(st);
    char got[6], msg[1024];
    SQLRETURN drc = diag_a(SQL_HANDLE_STMT, h, got, msg, sizeof msg);
    ok(rc == SQL_ERROR && drc == SQL_SUCCESS && strcmp(got, state) == 0 && msg[0] != '\0',
       "%s: SQLSTATE %s", what, state);
    if (strcmp(got, state) != 0)
        diag("  got rc %d state '%s' message '%s'", rc, got, msg);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void test_connect(void)
{
    const char *dsn = need_env("P1_DSN");
    ok(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env) == SQL_SUCCESS, "SQLAllocHandle(ENV)");
    ok(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0) == SQL_SUCCESS,
       "SQLSetEnvAttr(ODBC_VERSION 3)");
    ok(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc) == SQL_SUCCESS, "SQLAllocHandle(DBC)");
    SQLRETURN rc = SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0);
    if (!ok(SUCCEEDED(rc), "SQLConnect(%s)", dsn)) {
        diag_dump(SQL_HANDLE_DBC, dbc);
        printf("Bail out! cannot connect\n");
        exit(1);
    }
}

static void test_getinfo(void)
{
    const char *dsn = need_env("P1_DSN");
    char buf[256];
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLGetInfo(dbc, SQL_DBMS_NAME, buf, sizeof buf, &len);
    ok(rc == SQL_SUCCESS && strcmp(buf, "PingOne") == 0 && len == 7, "SQLGetInfo(DBMS_NAME) = PingOne");
    rc = SQLGetInfo(dbc, SQL_DRIVER_NAME, buf, sizeof buf, &len);
    ok(rc == SQL_SUCCESS && strstr(buf, "pingoneodbc") != NULL, "SQLGetInfo(DRIVER_NAME) '%s'", buf);
    rc = SQLGetInfo(dbc, SQL_DRIVER_ODBC_VER, buf, sizeof buf, &len);
    ok(rc == SQL_SUCCESS && strcmp(buf, "03.80") == 0, "SQLGetInfo(DRIVER_ODBC_VER) = 03.80");
    rc = SQLGetInfo(dbc, SQL_IDENTIFIER_QUOTE_CHAR, buf, sizeof buf, &len);
    ok(rc == SQL_SUCCESS && strcmp(buf, "\"") == 0, "SQLGetInfo(IDENTIFIER_QUOTE_CHAR) = \"");
    rc = SQLGetInfo(dbc, SQL_DATA_SOURCE_NAME, buf, sizeof buf, &len);
    ok(rc == SQL_SUCCESS && strcmp(buf, dsn) == 0, "SQLGetInfo(DATA_SOURCE_NAME) = %s", dsn);
    SQLUINTEGER ext = 0;
    rc = SQLGetInfo(dbc, SQL_GETDATA_EXTENSIONS, &ext, sizeof ext, NULL);
    ok(rc == SQL_SUCCESS && (ext & SQL_GD_ANY_COLUMN) && (ext & SQL_GD_ANY_ORDER),
       "SQLGetInfo(GETDATA_EXTENSIONS) has ANY_COLUMN and ANY_ORDER");
    char small[3];
    rc = SQLGetInfo(dbc, SQL_DBMS_NAME, small, sizeof small, &len);
    char st[6], msg[512];
    diag_a(SQL_HANDLE_DBC, dbc, st, msg, sizeof msg);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(small, "Pi") == 0 && len == 7 && strcmp(st, "01004") == 0,
       "SQLGetInfo(DBMS_NAME) into 3 bytes: 'Pi', length 7, 01004");
    rc = SQLGetInfo(dbc, 9999, buf, sizeof buf, &len);
    diag_a(SQL_HANDLE_DBC, dbc, st, msg, sizeof msg);
    ok(rc == SQL_ERROR && strcmp(st, "HY096") == 0, "SQLGetInfo(9999) -> HY096");
}

static void test_bound_query(void)
{
    SQLHSTMT st = exec_sql("SELECT Id, Username, Email FROM Users WHERE Username = 'user0042'");
    if (!ok(st != NULL, "SQLExecDirect SELECT ... WHERE Username = 'user0042'"))
        return;
    SQLSMALLINT ncols = 0;
    ok(SQLNumResultCols(st, &ncols) == SQL_SUCCESS && ncols == 3, "SQLNumResultCols = 3");

    /* Column metadata. */
    static const char *names[] = {"Id", "Username", "Email"};
    static const SQLULEN sizes[] = {36, 128, 320};
    for (SQLUSMALLINT c = 1; c <= 3; c++) {
        SQLCHAR name[64];
        SQLSMALLINT nlen = 0, type = 0, digits = -1, nullable = -1;
        SQLULEN size = 0;
        SQLRETURN rc = SQLDescribeCol(st, c, name, sizeof name, &nlen, &type, &size, &digits, &nullable);
        ok(rc == SQL_SUCCESS && strcmp((char *)name, names[c - 1]) == 0 && nlen == (SQLSMALLINT)strlen(names[c - 1]) &&
           type == SQL_WVARCHAR && size == sizes[c - 1] && digits == 0,
           "SQLDescribeCol %d: %s WVARCHAR(%lu)", c, names[c - 1], (unsigned long)sizes[c - 1]);
        if (rc != SQL_SUCCESS || type != SQL_WVARCHAR || size != sizes[c - 1])
            diag("  got rc %d name %s type %d size %lu", rc, name, type, (unsigned long)size);
    }
    SQLLEN num = 0;
    SQLRETURN rc = SQLColAttribute(st, 1, SQL_DESC_DISPLAY_SIZE, NULL, 0, NULL, &num);
    ok(rc == SQL_SUCCESS && num == 36, "SQLColAttribute(Id, DISPLAY_SIZE) = 36");
    rc = SQLColAttribute(st, 2, SQL_DESC_OCTET_LENGTH, NULL, 0, NULL, &num);
    ok(rc == SQL_SUCCESS && num == 256, "SQLColAttribute(Username, OCTET_LENGTH) = 256 (UTF-16 bytes)");
    rc = SQLColAttribute(st, 2, SQL_DESC_CONCISE_TYPE, NULL, 0, NULL, &num);
    ok(rc == SQL_SUCCESS && num == SQL_WVARCHAR, "SQLColAttribute(CONCISE_TYPE) = SQL_WVARCHAR");
    char label[64];
    SQLSMALLINT llen = 0;
    rc = SQLColAttribute(st, 3, SQL_DESC_LABEL, label, sizeof label, &llen, NULL);
    ok(rc == SQL_SUCCESS && strcmp(label, "Email") == 0 && llen == 5, "SQLColAttribute(LABEL) = Email");
    rc = SQLColAttribute(st, 3, SQL_DESC_TYPE_NAME, label, sizeof label, &llen, NULL);
    ok(rc == SQL_SUCCESS && strcmp(label, "WVARCHAR") == 0, "SQLColAttribute(TYPE_NAME) = WVARCHAR");
    rc = SQLColAttribute(st, 1, SQL_DESC_NULLABLE, NULL, 0, NULL, &num);
    ok(rc == SQL_SUCCESS && num == SQL_NO_NULLS, "SQLColAttribute(Id, NULLABLE) = SQL_NO_NULLS");

    /* Bound columns. */
    char id[64] = "", user[160] = "", email[400] = "";
    SQLLEN id_ind = 0, user_ind = 0, email_ind = 0;
    SQLBindCol(st, 1, SQL_C_CHAR, id, sizeof id, &id_ind);
    SQLBindCol(st, 2, SQL_C_CHAR, user, sizeof user, &user_ind);
    SQLBindCol(st, 3, SQL_C_CHAR, email, sizeof email, &email_ind);
    rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS, "SQLFetch returns the row");
    is_str(id, want.id42, "bound Id is the dataset id of user0042");
    is_str(user, "user0042", "bound Username");
    is_str(email, want.email42, "bound Email");
    ok(id_ind == (SQLLEN)strlen(want.id42) && user_ind == 8 && email_ind == (SQLLEN)strlen(want.email42),
       "indicators hold the byte lengths");
    ok(SQLFetch(st) == SQL_NO_DATA, "second SQLFetch -> SQL_NO_DATA");
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* Bound column too small: truncated with 01004, full length in the indicator. */
    st = exec_sql("SELECT Email FROM Users WHERE Username = 'user0042'");
    if (st) {
        char small[6];
        SQLLEN ind = 0;
        SQLBindCol(st, 1, SQL_C_CHAR, small, sizeof small, &ind);
        rc = SQLFetch(st);
        char s[6], m[512];
        diag_a(SQL_HANDLE_STMT, st, s, m, sizeof m);
        ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(s, "01004") == 0 && strncmp(small, want.email42, 5) == 0 &&
           small[5] == '\0' && ind == (SQLLEN)strlen(want.email42),
           "bound CHAR(6) Email: 5 bytes, NUL, 01004, full length");
        SQLFreeHandle(SQL_HANDLE_STMT, st);
    }
}

/** Read one column with SQLGetData in parts of bufsize bytes; returns malloc'd text or NULL. */
static char *get_in_parts(SQLHSTMT st, SQLUSMALLINT col, SQLLEN bufsize, int *parts_ok)
{
    char *acc = calloc(1, 8192), *buf = malloc((size_t)bufsize);
    size_t len = 0;
    int good = 1, calls = 0;
    SQLLEN expect_total = -1;
    for (;;) {
        SQLLEN ind = 0;
        SQLRETURN rc = SQLGetData(st, col, SQL_C_CHAR, buf, bufsize, &ind);
        calls++;
        if (rc == SQL_NO_DATA)
            break;
        if (!SUCCEEDED(rc) || calls > 1000) {
            diag_dump(SQL_HANDLE_STMT, st);
            good = 0;
            break;
        }
        if (expect_total < 0)
            expect_total = ind;
        if (ind != expect_total - (SQLLEN)len) { /* bytes remaining before this part */
            diag("  part %d: indicator %ld, expected %ld", calls, (long)ind, (long)(expect_total - (SQLLEN)len));
            good = 0;
        }
        size_t part = strlen(buf);
        if (rc == SQL_SUCCESS_WITH_INFO) {
            char s[6], m[256];
            diag_a(SQL_HANDLE_STMT, st, s, m, sizeof m);
            /* every part but the last fills the buffer (ODBC: as much as fits,
               bytes for SQL_C_CHAR - a UTF-8 character may span two parts) */
            good = good && strcmp(s, "01004") == 0 && part == (size_t)bufsize - 1;
        } else {
            good = good && (SQLLEN)part == ind;
        }
        memcpy(acc + len, buf, part);
        len += part;
    }
    acc[len] = '\0';
    free(buf);
    *parts_ok = good && calls >= 2;
    return acc;
}

static void test_getdata_parts(void)
{
    SQLHSTMT st = exec_sql("SELECT Id, Email FROM Users WHERE Username = 'user0042'");
    if (!ok(st && SQLFetch(st) == SQL_SUCCESS, "query for SQLGetData fetched a row"))
        return;
    int good = 0;
    char *email = get_in_parts(st, 2, 5, &good);
    ok(good, "SQLGetData(Email, SQL_C_CHAR, 5 bytes): parts with 01004, remaining lengths, then SQL_NO_DATA");
    is_str(email, want.email42, "Email reassembled from 4-byte parts");
    free(email);
    char *id = get_in_parts(st, 1, 2, &good); /* columns in any order (SQL_GD_ANY_ORDER) */
    ok(good, "SQLGetData(Id, SQL_C_CHAR, 2 bytes) after column 2");
    is_str(id, want.id42, "Id reassembled from 1-byte parts");
    free(id);
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* Non-ASCII text through the A path is UTF-8, returned in byte parts that fill the buffer. */
    st = exec_sql("SELECT LastName FROM Users WHERE Username = '\xC3\xA5ngstr\xC3\xB6m'");
    if (!ok(st && SQLFetch(st) == SQL_SUCCESS, "query with a UTF-8 literal fetched a row"))
        return;
    char *last = get_in_parts(st, 1, 3, &good);
    ok(good, "SQLGetData(LastName, SQL_C_CHAR, 3 bytes): full parts with 01004, then the rest");
    is_str(last, want.last_angstrom, "LastName of user '\xC3\xA5ngstr\xC3\xB6m' reassembled");
    free(last);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Typed columns: BIT, TIMESTAMP and INTEGER through bound C types and as text. */
static void test_typed_columns(void)
{
    SQLHSTMT st = exec_sql("SELECT IsEnabled, CreatedAt FROM Users WHERE Username = 'user0042'");
    if (!ok(st != NULL, "SELECT IsEnabled, CreatedAt"))
        return;
    SQLCHAR name[32];
    SQLSMALLINT nlen, type = 0, digits = 0, nullable;
    SQLULEN size = 0;
    SQLDescribeCol(st, 2, name, sizeof name, &nlen, &type, &size, &digits, &nullable);
    ok(type == SQL_TYPE_TIMESTAMP && size == 23 && digits == 3, "CreatedAt is TYPE_TIMESTAMP(23, 3)");
    SQLDescribeCol(st, 1, name, sizeof name, &nlen, &type, &size, &digits, &nullable);
    ok(type == SQL_BIT, "IsEnabled is BIT");
    unsigned char enabled = 9;
    SQL_TIMESTAMP_STRUCT ts;
    memset(&ts, 0, sizeof ts);
    SQLLEN i1 = 0, i2 = 0;
    SQLBindCol(st, 1, SQL_C_BIT, &enabled, 0, &i1);
    SQLBindCol(st, 2, SQL_C_TYPE_TIMESTAMP, &ts, 0, &i2);
    SQLRETURN rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS && enabled == atoi(want.enabled42) && i1 == 1, "IsEnabled as SQL_C_BIT = %s", want.enabled42);
    /* createdAt is "YYYY-MM-DDTHH:MM:SS.fffZ" in the dataset */
    char got[80];
    snprintf(got, sizeof got, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ", ts.year, ts.month, ts.day, ts.hour,
             ts.minute, ts.second, (unsigned)(ts.fraction / 1000000));
    ok(rc == SQL_SUCCESS && strcmp(got, want.created42) == 0 && ts.fraction % 1000000 == 0 &&
       i2 == (SQLLEN)sizeof ts, "CreatedAt as SQL_C_TYPE_TIMESTAMP = %s (fraction in ns)", want.created42);
    char txt[32];
    SQLLEN ind = 0;
    rc = SQLGetData(st, 2, SQL_C_CHAR, txt, sizeof txt, &ind);
    char exp[32];
    snprintf(exp, sizeof exp, "%.10s %.12s", want.created42, want.created42 + 11);
    ok(rc == SQL_SUCCESS && strcmp(txt, exp) == 0 && ind == 23, "CreatedAt as SQL_C_CHAR = '%s'", exp);
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* Each further conversion on a fresh row (a column already returned gives SQL_NO_DATA). */
    st = exec_sql("SELECT CreatedAt FROM Users WHERE Username = 'user0042'");
    SQL_DATE_STRUCT ds;
    memset(&ds, 0, sizeof ds);
    char s5[6] = "", m[256];
    rc = st ? SQLFetch(st) : SQL_ERROR;
    if (rc == SQL_SUCCESS) {
        rc = SQLGetData(st, 1, SQL_C_TYPE_DATE, &ds, 0, &ind);
        diag_a(SQL_HANDLE_STMT, st, s5, m, sizeof m);
    }
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(s5, "01S07") == 0 && ds.year == ts.year && ds.day == ts.day,
       "CreatedAt as SQL_C_TYPE_DATE: date with 01S07");
    if (st) {
        ok(SQLGetData(st, 1, SQL_C_TYPE_DATE, &ds, 0, &ind) == SQL_NO_DATA,
           "the same column again -> SQL_NO_DATA");
        SQLFreeHandle(SQL_HANDLE_STMT, st);
    }
    st = exec_sql("SELECT CreatedAt FROM Users WHERE Username = 'user0042'");
    SQLINTEGER bad = 0;
    rc = st ? SQLFetch(st) : SQL_ERROR;
    if (rc == SQL_SUCCESS) {
        rc = SQLGetData(st, 1, SQL_C_SLONG, &bad, 0, &ind);
        diag_a(SQL_HANDLE_STMT, st, s5, m, sizeof m);
    }
    ok(rc == SQL_ERROR && strcmp(s5, "07006") == 0, "CreatedAt as SQL_C_SLONG -> 07006");
    if (st)
        SQLFreeHandle(SQL_HANDLE_STMT, st);

    st = exec_sql("SELECT UserCount FROM Populations");
    long total = 0;
    int rows = 0;
    if (st) {
        SQLINTEGER cnt = 0;
        SQLLEN ci = 0;
        SQLBindCol(st, 1, SQL_C_SLONG, &cnt, 0, &ci);
        while (SQLFetch(st) == SQL_SUCCESS) {
            total += ci == SQL_NULL_DATA ? 0 : cnt;
            rows++;
        }
        SQLFreeHandle(SQL_HANDLE_STMT, st);
    }
    ok(rows > 0 && total == atol(want.pop_total), "sum of Populations.UserCount as SQL_C_SLONG = %s", want.pop_total);
}

/** An ODBC 2 application sees the ODBC 2 code SQL_TIMESTAMP (11). */
static void test_odbc2_types(void)
{
    SQLHENV env2;
    SQLHDBC dbc2;
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env2);
    SQLSetEnvAttr(env2, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC2, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env2, &dbc2);
    const char *dsn = need_env("P1_DSN");
    SQLRETURN rc = SQLConnect(dbc2, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0);
    SQLSMALLINT type = 0;
    if (SUCCEEDED(rc) && SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc2, &st))) {
        rc = SQLExecDirect(st, (SQLCHAR *)"SELECT CreatedAt FROM Users WHERE Username = 'user0042'", SQL_NTS);
        SQLCHAR name[32];
        SQLSMALLINT nlen, digits, nullable;
        SQLULEN size;
        if (SUCCEEDED(rc))
            SQLDescribeCol(st, 1, name, sizeof name, &nlen, &type, &size, &digits, &nullable);
        SQL_TIMESTAMP_STRUCT ts;
        SQLLEN ind = 0;
        memset(&ts, 0, sizeof ts);
        ok(SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS &&
           SQLGetData(st, 1, SQL_C_TIMESTAMP, &ts, 0, &ind) == SQL_SUCCESS && ts.year > 1970,
           "ODBC 2 application reads CreatedAt as SQL_C_TIMESTAMP");
        SQLFreeHandle(SQL_HANDLE_STMT, st);
        SQLDisconnect(dbc2);
    }
    ok(type == SQL_TIMESTAMP, "ODBC 2 application: SQLDescribeCol type SQL_TIMESTAMP (11), got %d", type);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc2);
    SQLFreeHandle(SQL_HANDLE_ENV, env2);
}

static void test_parameters(void)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLRETURN rc = SQLPrepare(st, (SQLCHAR *)"SELECT Id, Username, Email FROM Users WHERE Username = ?", SQL_NTS);
    ok(rc == SQL_SUCCESS, "SQLPrepare with one parameter marker");
    SQLSMALLINT np = 0;
    ok(SQLNumParams(st, &np) == SQL_SUCCESS && np == 1, "SQLNumParams = 1");
    char name[129] = "user0042";
    SQLLEN name_ind = SQL_NTS;
    rc = SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 128, 0, name, sizeof name, &name_ind);
    ok(rc == SQL_SUCCESS, "SQLBindParameter(1, SQL_C_CHAR, SQL_VARCHAR)");
    char id[64] = "", user[160] = "", email[400] = "";
    SQLLEN i1, i2, i3;
    SQLBindCol(st, 1, SQL_C_CHAR, id, sizeof id, &i1);
    SQLBindCol(st, 2, SQL_C_CHAR, user, sizeof user, &i2);
    SQLBindCol(st, 3, SQL_C_CHAR, email, sizeof email, &i3);
    rc = SQLExecute(st);
    if (!ok(SUCCEEDED(rc), "SQLExecute with 'user0042'"))
        diag_dump(SQL_HANDLE_STMT, st);
    ok(SQLFetch(st) == SQL_SUCCESS && strcmp(id, want.id42) == 0 && strcmp(user, "user0042") == 0 &&
       strcmp(email, want.email42) == 0, "parameter 'user0042' finds the dataset row");
    ok(SQLFetch(st) == SQL_NO_DATA, "one row only");
    SQLFreeStmt(st, SQL_CLOSE);

    strcpy(name, "user1234");
    rc = SQLExecute(st);
    ok(SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS && strcmp(id, want.id1234) == 0 &&
       strcmp(email, want.email1234) == 0, "re-executed with 'user1234' (new value read at execute)");
    SQLFreeStmt(st, SQL_CLOSE);

    /* Explicit length instead of SQL_NTS: only the first 8 bytes count. */
    strcpy(name, "user0042-and-more");
    name_ind = 8;
    rc = SQLExecute(st);
    ok(SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS && strcmp(user, "user0042") == 0,
       "parameter with an explicit length of 8 bytes");
    SQLFreeStmt(st, SQL_CLOSE);

    strcpy(name, "no-such-user");
    name_ind = SQL_NTS;
    rc = SQLExecute(st);
    ok(SUCCEEDED(rc) && SQLFetch(st) == SQL_NO_DATA, "parameter with no matching user -> no rows");
    SQLFreeStmt(st, SQL_CLOSE);

    name_ind = SQL_NULL_DATA;
    rc = SQLExecute(st);
    ok(SUCCEEDED(rc) && SQLFetch(st) == SQL_NO_DATA, "NULL parameter (= NULL is never true) -> no rows");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void test_errors(void)
{
    expect_error("SELEC Id FROM Users", "42000", "syntax error");
    expect_error("SELECT Id FROM NoSuchTable", "42S02", "unknown table");
    expect_error("SELECT NoSuchColumn FROM Users", "42S22", "unknown column");
}

static void test_catalog(void)
{
    /* Every environment is a schema named after it; Users exists in each one.
       The default environment's name and the number of environments come
       from the dataset. */
    char *envs = ds_eval("'\\x1f'.join([[e['name'] for e in t.environments if e['id'] == d.DEFAULT_ENV_ID][0],"
                         " str(len(t.environments))])");
    char *ep[2];
    if (!ok(envs && ds_split(envs, ep, 2) == 2, "dataset names the default environment"))
        return;
    const char *schema = ep[0];
    int nenv = atoi(ep[1]);
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLRETURN rc = SQLTables(st, NULL, 0, NULL, 0, NULL, 0, NULL, 0);
    SQLSMALLINT ncols = 0;
    SQLNumResultCols(st, &ncols);
    ok(SUCCEEDED(rc) && ncols == 5, "SQLTables: 5 columns");
    int users = 0, groups = 0, rows = 0, users_here = 0;
    while (SQLFetch(st) == SQL_SUCCESS) {
        char sch[256] = "", name[256] = "", type[64] = "";
        SQLLEN ind;
        SQLGetData(st, 2, SQL_C_CHAR, sch, sizeof sch, &ind);
        SQLGetData(st, 3, SQL_C_CHAR, name, sizeof name, &ind);
        SQLGetData(st, 4, SQL_C_CHAR, type, sizeof type, &ind);
        users += strcmp(name, "Users") == 0;
        users_here += strcmp(name, "Users") == 0 && strcmp(sch, schema) == 0;
        groups += strcmp(name, "Groups") == 0;
        rows++;
    }
    ok(users == nenv && groups == nenv && users_here == 1,
       "SQLTables lists Users and Groups once per environment schema (%d environments, %d tables)", nenv, rows);
    SQLFreeStmt(st, SQL_CLOSE);

    rc = SQLTables(st, NULL, 0, (SQLCHAR *)schema, SQL_NTS, (SQLCHAR *)"Users", SQL_NTS, NULL, 0);
    rows = 0;
    while (SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS)
        rows++;
    ok(SUCCEEDED(rc) && rows == 1, "SQLTables(schema %s, Users): one row", schema);
    SQLFreeStmt(st, SQL_CLOSE);

    rc = SQLColumns(st, NULL, 0, (SQLCHAR *)schema, SQL_NTS, (SQLCHAR *)"Users", SQL_NTS, NULL, 0);
    SQLNumResultCols(st, &ncols);
    ok(SUCCEEDED(rc) && ncols >= 18, "SQLColumns: 18 columns");
    int found = 0, ordinal_ok = 1, n = 0;
    while (SQLFetch(st) == SQL_SUCCESS) {
        char table[256] = "", col[256] = "";
        SQLSMALLINT dtype = 0;
        SQLINTEGER size = 0, ordinal = 0;
        SQLLEN ind;
        SQLGetData(st, 3, SQL_C_CHAR, table, sizeof table, &ind);
        SQLGetData(st, 4, SQL_C_CHAR, col, sizeof col, &ind);
        SQLGetData(st, 5, SQL_C_SSHORT, &dtype, 0, &ind);
        SQLGetData(st, 7, SQL_C_SLONG, &size, 0, &ind);
        SQLGetData(st, 17, SQL_C_SLONG, &ordinal, 0, &ind);
        n++;
        ordinal_ok = ordinal_ok && ordinal == n && strcmp(table, "Users") == 0;
        if (strcmp(col, "Username") == 0 && dtype == SQL_WVARCHAR && size == 128)
            found = 1;
    }
    ok(found, "SQLColumns(Users) has Username WVARCHAR(128)");
    ok(ordinal_ok && n > 5, "SQLColumns(Users): %d columns with ORDINAL_POSITION 1..n", n);
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    /* Row count check against the dataset: every user once. */
    st = exec_sql("SELECT Id FROM Users");
    int count = 0;
    if (st) {
        while (SQLFetch(st) == SQL_SUCCESS)
            count++;
        SQLFreeHandle(SQL_HANDLE_STMT, st);
    }
    ok(count == atoi(want.user_count), "SELECT Id FROM Users returns all %s users (got %d)", want.user_count, count);
    free(envs);
}

int main(void)
{
    plan_lazy();
    if (load_expected() != 0) {
        printf("Bail out! cannot load expected values from the dataset\n");
        return 1;
    }
    test_connect();
    test_getinfo();
    test_bound_query();
    test_getdata_parts();
    test_typed_columns();
    test_odbc2_types();
    test_parameters();
    test_errors();
    test_catalog();
    ok(SQLDisconnect(dbc) == SQL_SUCCESS, "SQLDisconnect");
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    free(want.buf);
    return done_testing();
}
