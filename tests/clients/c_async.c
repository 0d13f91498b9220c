/**
 * @file c_async.c
 * Statement-level asynchronous execution (SQL_ATTR_ASYNC_ENABLE) through the
 * unixODBC driver manager against the emulator (TAP), on the A and W paths:
 * SQLGetInfo(SQL_ASYNC_MODE), a full Users scan whose SQLExecDirect, SQLFetch
 * and SQLGetData return SQL_STILL_EXECUTING and are polled to completion
 * (every row checked against the dataset), HY010 for another function while
 * a call is pending, SQLCancel (the next poll fails with HY008), an
 * asynchronous catalog call, the connection attribute as the default for new
 * statements, and async off again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"

static int wide;

/** SQLSTATE of the first diagnostic record of h (static buffer; "" when none). */
static const char *state_of(SQLSMALLINT type, SQLHANDLE h)
{
    return diag_state(wide, type, h);
}

/** Start SQLExecDirect(W) of sql on st (one call). */
static SQLRETURN exec_once(SQLHSTMT st, const char *sql)
{
    return exec_text(wide, st, sql);
}

/** Poll SQLExecDirect(W) until it stops returning SQL_STILL_EXECUTING; *polls counts the extra calls. */
static SQLRETURN exec_poll(SQLHSTMT st, const char *sql, SQLRETURN first, int *polls)
{
    SQLRETURN rc = first;
    while (rc == SQL_STILL_EXECUTING) {
        usleep(1000);
        (*polls)++;
        rc = exec_once(st, sql);
    }
    return rc;
}

/** Asynchronous full scan: execute, fetch and SQLGetData every Id, compare with want (sorted ids joined by '\n'). */
static void full_scan(SQLHDBC dbc, const char *want, long nwant)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLRETURN rc = SQLSetStmtAttr(st, SQL_ATTR_ASYNC_ENABLE, (SQLPOINTER)SQL_ASYNC_ENABLE_ON, 0);
    ok(rc == SQL_SUCCESS, "SQLSetStmtAttr(SQL_ATTR_ASYNC_ENABLE, ON) (%d)", (int)rc);
    SQLULEN v = 0;
    SQLGetStmtAttr(st, SQL_ATTR_ASYNC_ENABLE, &v, 0, NULL);
    ok(v == SQL_ASYNC_ENABLE_ON, "SQLGetStmtAttr reads it back (%lu)", (unsigned long)v);

    const char *sql = "SELECT Id, Username FROM Users ORDER BY Id";
    rc = exec_once(st, sql);
    ok(rc == SQL_STILL_EXECUTING, "the first SQLExecDirect returns SQL_STILL_EXECUTING (%d)", (int)rc);
    SQLSMALLINT ncols = 0;
    SQLRETURN rc2 = SQLNumResultCols(st, &ncols);
    ok(rc2 == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY010") == 0,
       "SQLNumResultCols while it is pending: HY010 (%d %s)", (int)rc2, state_of(SQL_HANDLE_STMT, st));
    int polls = 0;
    rc = exec_poll(st, sql, rc, &polls);
    if (!ok(SUCCEEDED(rc), "polling SQLExecDirect ends in success (%d, %d polls)", (int)rc, polls))
        diag_dump(SQL_HANDLE_STMT, st);
    rc = SQLNumResultCols(st, &ncols);
    ok(SUCCEEDED(rc) && ncols == 2, "two result columns after completion (%d %d)", (int)rc, ncols);

    /* fetch and SQLGetData, each polled */
    size_t cap = 1 << 16, len = 0;
    char *got = malloc(cap);
    got[0] = 0;
    long rows = 0, still = 0, bad = 0;
    for (;;) {
        do {
            rc = SQLFetch(st);
            if (rc == SQL_STILL_EXECUTING) {
                still++;
                usleep(50);
            }
        } while (rc == SQL_STILL_EXECUTING);
        if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO)
            break;
        char id[128];
        SQLLEN ind = 0;
        do {
            rc = SQLGetData(st, 1, SQL_C_CHAR, id, sizeof id, &ind);
            if (rc == SQL_STILL_EXECUTING) {
                still++;
                usleep(50);
            }
        } while (rc == SQL_STILL_EXECUTING);
        if (!SUCCEEDED(rc)) {
            bad++;
            break;
        }
        size_t n = strlen(id);
        if (len + n + 2 > cap) {
            cap *= 2;
            got = realloc(got, cap);
        }
        if (rows)
            got[len++] = '\n';
        memcpy(got + len, id, n + 1);
        len += n;
        rows++;
    }
    ok(rc == SQL_NO_DATA && !bad, "the fetch loop ends with SQL_NO_DATA (%d)", (int)rc);
    /* SQLFetch and SQLGetData complete synchronously (driver/async.c,
       always_sync): unixODBC cannot recover from an asynchronous fetch that
       ends with SQL_NO_DATA or an error */
    ok(still == 0, "SQLFetch and SQLGetData never returned SQL_STILL_EXECUTING (%ld)", still);
    ok(rows == nwant, "every user row arrived (%ld of %ld)", rows, nwant);
    ok(strcmp(got, want) == 0, "the Ids match the dataset, in order");
    free(got);
    do
        rc = SQLMoreResults(st);
    while (rc == SQL_STILL_EXECUTING);
    if (!ok(rc == SQL_NO_DATA, "SQLMoreResults polled: SQL_NO_DATA (%d)", (int)rc))
        diag_dump(SQL_HANDLE_STMT, st);
    /* the driver manager left its asynchronous state: the statement can be closed */
    rc = SQLFreeStmt(st, SQL_CLOSE);
    if (!ok(rc == SQL_SUCCESS, "SQLFreeStmt(SQL_CLOSE) after the scan ended (%d)", (int)rc))
        diag_dump(SQL_HANDLE_STMT, st);

    /* cancel mid-flight */
    rc = exec_once(st, sql);
    if (!ok(rc == SQL_STILL_EXECUTING, "second scan starts asynchronously (%d)", (int)rc))
        diag_dump(SQL_HANDLE_STMT, st);
    rc2 = SQLCancel(st);
    ok(SUCCEEDED(rc2), "SQLCancel while pending (%d)", (int)rc2);
    polls = 0;
    rc = exec_poll(st, sql, rc, &polls);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY008") == 0,
       "the next poll fails with HY008 (%d %s)", (int)rc, state_of(SQL_HANDLE_STMT, st));
    rc = exec_once(st, "SELECT Id FROM Users WHERE Username = 'user0042'");
    polls = 0;
    rc = exec_poll(st, "SELECT Id FROM Users WHERE Username = 'user0042'", rc, &polls);
    ok(SUCCEEDED(rc), "the statement is usable after the cancel (%d)", (int)rc);
    SQLCloseCursor(st);

    /* a catalog function */
    if (wide) {
        SQLWCHAR *t = u16("Users", NULL);
        do
            rc = SQLTablesW(st, NULL, 0, NULL, 0, t, SQL_NTS, NULL, 0);
        while (rc == SQL_STILL_EXECUTING);
        free(t);
    } else {
        do
            rc = SQLTables(st, NULL, 0, NULL, 0, (SQLCHAR *)"Users", SQL_NTS, NULL, 0);
        while (rc == SQL_STILL_EXECUTING);
    }
    ok(SUCCEEDED(rc), "SQLTables polled to success (%d)", (int)rc);
    do
        rc = SQLFetch(st);
    while (rc == SQL_STILL_EXECUTING);
    ok(rc == SQL_SUCCESS, "SQLTables yields the Users row (%d)", (int)rc);
    SQLCloseCursor(st);

    /* async off again */
    rc = SQLSetStmtAttr(st, SQL_ATTR_ASYNC_ENABLE, (SQLPOINTER)SQL_ASYNC_ENABLE_OFF, 0);
    ok(rc == SQL_SUCCESS, "SQL_ATTR_ASYNC_ENABLE off (%d)", (int)rc);
    rc = exec_once(st, "SELECT Id FROM Users WHERE Username = 'user0042'");
    ok(rc == SQL_SUCCESS, "SQLExecDirect is synchronous again (%d)", (int)rc);
    rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS, "SQLFetch is synchronous again (%d)", (int)rc);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** SQLPrepare, SQLExecute and SQLFetchScroll asynchronously; freeing a statement with a call pending. */
static void prepared(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLSetStmtAttr(st, SQL_ATTR_ASYNC_ENABLE, (SQLPOINTER)SQL_ASYNC_ENABLE_ON, 0);
    const char *sql = "SELECT Username FROM Users WHERE Username = 'user0042'";
    SQLRETURN rc;
    int n = 0;
    if (wide) {
        SQLWCHAR *w = u16(sql, NULL);
        while ((rc = SQLPrepareW(st, w, SQL_NTS)) == SQL_STILL_EXECUTING)
            n++;
        free(w);
    } else {
        while ((rc = SQLPrepare(st, (SQLCHAR *)sql, SQL_NTS)) == SQL_STILL_EXECUTING)
            n++;
    }
    ok(SUCCEEDED(rc) && n > 0, "SQLPrepare polled to success (%d after %d polls)", (int)rc, n);
    n = 0;
    while ((rc = SQLExecute(st)) == SQL_STILL_EXECUTING)
        n++;
    ok(SUCCEEDED(rc) && n > 0, "SQLExecute polled to success (%d after %d polls)", (int)rc, n);
    char name[64] = "";
    SQLLEN ind = 0;
    SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &ind);
    while ((rc = SQLFetchScroll(st, SQL_FETCH_NEXT, 0)) == SQL_STILL_EXECUTING)
        usleep(100);
    ok(rc == SQL_SUCCESS && strcmp(name, "user0042") == 0, "SQLFetchScroll: %s (%d)", name, (int)rc);
    while ((rc = SQLFetchScroll(st, SQL_FETCH_NEXT, 0)) == SQL_STILL_EXECUTING)
        usleep(100);
    ok(rc == SQL_NO_DATA, "then SQL_NO_DATA (%d)", (int)rc);
    SQLCloseCursor(st);
    /* a scan still pending when the statement is freed */
    rc = exec_once(st, "SELECT Id FROM Users");
    ok(rc == SQL_STILL_EXECUTING, "a scan is pending (%d)", (int)rc);
    rc = SQLFreeHandle(SQL_HANDLE_STMT, st);
    if (rc != SQL_SUCCESS) {
        /* the driver manager may refuse (HY010): cancel, collect, free */
        printf("# SQLFreeHandle with a call pending: %d %s\n", (int)rc, state_of(SQL_HANDLE_STMT, st));
        SQLCancel(st);
        while (exec_once(st, "SELECT Id FROM Users") == SQL_STILL_EXECUTING)
            usleep(1000);
        rc = SQLFreeHandle(SQL_HANDLE_STMT, st);
    }
    ok(rc == SQL_SUCCESS, "the statement can be freed (%d)", (int)rc);
}

/**
 * A scan that fails at a page boundary on an asynchronous statement: the
 * fetch reports the error itself (never SQL_STILL_EXECUTING first), so the
 * driver manager leaves no asynchronous state behind and the statement can
 * be closed and reused. (unixODBC keeps a statement whose asynchronous fetch
 * ended in an error "executing" for ever.)
 */
static void fetch_error(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLSetStmtAttr(st, SQL_ATTR_ASYNC_ENABLE, (SQLPOINTER)SQL_ASYNC_ENABLE_ON, 0);
    const char *sql = "SELECT Id FROM Users";
    int polls = 0;
    SQLRETURN rc = exec_poll(st, sql, exec_once(st, sql), &polls);
    ok(SUCCEEDED(rc), "async scan executed (%d)", (int)rc);
    rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS, "its first row (the first page is read) (%d)", (int)rc);
    /* the next users request (page 2) is refused */
    ok(emu_control("t.fault('/users', 403, count=1, code='ACCESS_FAILED')") == 0,
       "emulator: the next users page fails with 403");
    long rows = 1, still = 0;
    for (;;) {
        rc = SQLFetch(st);
        if (rc == SQL_STILL_EXECUTING) {
            still++;
            while ((rc = SQLFetch(st)) == SQL_STILL_EXECUTING)
                usleep(100);
        }
        if (!SUCCEEDED(rc))
            break;
        rows++;
    }
    ok(rc == SQL_ERROR && still == 0, "the fetch at the page boundary fails directly (%d, %ld rows, "
       "%ld SQL_STILL_EXECUTING)", (int)rc, rows, still);
    ok(rows > 1, "the rest of the first page arrived first (%ld rows)", rows);
    rc = SQLFreeStmt(st, SQL_CLOSE);
    if (!ok(rc == SQL_SUCCESS, "SQLFreeStmt(SQL_CLOSE) after the failed fetch (%d)", (int)rc))
        diag_dump(SQL_HANDLE_STMT, st);
    const char *one = "SELECT Id FROM Users WHERE Username = 'user0042'";
    polls = 0;
    rc = exec_poll(st, one, exec_once(st, one), &polls);
    ok(SUCCEEDED(rc) && SQLFetch(st) == SQL_SUCCESS, "the statement is reused (%d)", (int)rc);
    rc = SQLFreeHandle(SQL_HANDLE_STMT, st);
    ok(rc == SQL_SUCCESS, "and freed (%d)", (int)rc);
    emu_control("t.clear_faults()");
}

/** The connection attribute is the default for statements allocated after it is set. */
static void conn_default(SQLHDBC dbc)
{
    SQLRETURN rc = SQLSetConnectAttr(dbc, SQL_ATTR_ASYNC_ENABLE, (SQLPOINTER)SQL_ASYNC_ENABLE_ON, 0);
    ok(rc == SQL_SUCCESS, "SQLSetConnectAttr(SQL_ATTR_ASYNC_ENABLE, ON) (%d)", (int)rc);
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLULEN v = 0;
    SQLGetStmtAttr(st, SQL_ATTR_ASYNC_ENABLE, &v, 0, NULL);
    ok(v == SQL_ASYNC_ENABLE_ON, "a new statement inherits it (%lu)", (unsigned long)v);
    const char *sql = "SELECT Id FROM Users WHERE Username = 'user0042'";
    rc = exec_once(st, sql);
    int polls = 0;
    ok(rc == SQL_STILL_EXECUTING, "and executes asynchronously (%d)", (int)rc);
    rc = exec_poll(st, sql, rc, &polls);
    ok(SUCCEEDED(rc), "polled to success (%d)", (int)rc);
    /* freeing a statement after its asynchronous call was collected */
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    rc = SQLSetConnectAttr(dbc, SQL_ATTR_ASYNC_ENABLE, (SQLPOINTER)SQL_ASYNC_ENABLE_OFF, 0);
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    rc = exec_once(st, sql);
    ok(rc == SQL_SUCCESS, "connection attribute off: synchronous (%d)", (int)rc);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

int main(void)
{
    const char *dsn = need_env("P1_DSN");
    char *want = ds_eval("'\\n'.join(sorted(u['id'] for u in users))");
    char *nwant = ds_eval("str(len(users))");
    if (!want || !nwant)
        return 99;
    for (int pass = 0; pass < 2; pass++) {
        wide = pass;
        tap_tag = wide ? "W" : "A";
        SQLHENV env;
        SQLHDBC dbc;
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        SQLRETURN rc = SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0);
        if (!ok(SUCCEEDED(rc), "SQLConnect(%s)", dsn)) {
            diag_dump(SQL_HANDLE_DBC, dbc);
            return 1;
        }
        SQLUINTEGER mode = 0;
        SQLGetInfo(dbc, SQL_ASYNC_MODE, &mode, sizeof mode, NULL);
        ok(mode == SQL_AM_STATEMENT, "SQL_ASYNC_MODE is SQL_AM_STATEMENT (%u)", (unsigned)mode);
        full_scan(dbc, want, atol(nwant));
        prepared(dbc);
        fetch_error(dbc);
        conn_default(dbc);
        SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    free(want);
    free(nwant);
    return done_testing();
}
