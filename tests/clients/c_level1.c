/**
 * @file c_level1.c
 * ODBC Level 1 interface conformance through the unixODBC driver manager
 * against the emulator (TAP), on the ANSI path (SQLConnect) and the W path
 * (SQLDriverConnectW): SQLGetInfo's conformance answers, SQLSetPos with
 * SQL_REFRESH (one row, the whole rowset, SQL_ATTR_ROW_OPERATION_PTR,
 * forward-only and static cursors, refused lock types and operations),
 * transactions (manual commit, SQLEndTran keeping cursors open, the
 * isolation level), and the statement attributes that are descriptor
 * fields (row/parameter operation and status arrays, PARAMSET_SIZE).
 * Expected values come from the emulator's dataset: user0100..user0109
 * are regular users whose Username is their name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"

static int wide;

/** SQLSTATE of the first diagnostic record of h ("" when none). */
static const char *state_of(SQLSMALLINT type, SQLHANDLE h)
{
    return diag_state(wide, type, h);
}

/** Execute text on st through the A or W entry point. */
static SQLRETURN exec(SQLHSTMT st, const char *sql)
{
    return exec_text(wide, st, sql);
}

#define TEN_USERS "SELECT Username FROM Users WHERE Username BETWEEN 'user0100' AND 'user0109' " \
                  "ORDER BY Username"

/** Conformance answers of SQLGetInfo and SQLGetFunctions. */
static void test_info(SQLHDBC dbc)
{
    SQLUINTEGER u = 0;
    SQLUSMALLINT h = 0;
    SQLGetInfo(dbc, SQL_ODBC_INTERFACE_CONFORMANCE, &u, sizeof u, NULL);
    ok(u == SQL_OIC_LEVEL1, "SQL_ODBC_INTERFACE_CONFORMANCE is SQL_OIC_LEVEL1 (%u)", (unsigned)u);
    u = 0;
    SQLGetInfo(dbc, SQL_POS_OPERATIONS, &u, sizeof u, NULL);
    ok((u & SQL_POS_POSITION) && (u & SQL_POS_REFRESH) && !(u & SQL_POS_UPDATE),
       "SQL_POS_OPERATIONS: POSITION and REFRESH (%#x)", (unsigned)u);
    u = 0;
    SQLGetInfo(dbc, SQL_STATIC_CURSOR_ATTRIBUTES1, &u, sizeof u, NULL);
    ok(u & SQL_CA1_POS_REFRESH, "static cursors: SQL_CA1_POS_REFRESH (%#x)", (unsigned)u);
    u = 0;
    SQLGetInfo(dbc, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, &u, sizeof u, NULL);
    ok(u & SQL_CA1_POS_REFRESH, "forward-only cursors: SQL_CA1_POS_REFRESH (%#x)", (unsigned)u);
    SQLGetInfo(dbc, SQL_TXN_CAPABLE, &h, sizeof h, NULL);
    ok(h == SQL_TC_DML, "SQL_TXN_CAPABLE is SQL_TC_DML (%u)", (unsigned)h);
    u = 0;
    SQLGetInfo(dbc, SQL_DEFAULT_TXN_ISOLATION, &u, sizeof u, NULL);
    ok(u == SQL_TXN_READ_COMMITTED, "SQL_DEFAULT_TXN_ISOLATION is READ COMMITTED (%u)", (unsigned)u);
    u = 0;
    SQLGetInfo(dbc, SQL_TXN_ISOLATION_OPTION, &u, sizeof u, NULL);
    ok(u == SQL_TXN_READ_COMMITTED, "SQL_TXN_ISOLATION_OPTION is READ COMMITTED (%u)", (unsigned)u);
    static const SQLUSMALLINT level1[] = {
        SQL_API_SQLSETPOS, SQL_API_SQLPRIMARYKEYS, SQL_API_SQLPROCEDURES,
        SQL_API_SQLPROCEDURECOLUMNS, SQL_API_SQLBROWSECONNECT, SQL_API_SQLMORERESULTS,
        SQL_API_SQLENDTRAN, SQL_API_SQLFETCHSCROLL,
    };
    int missing = 0;
    for (size_t i = 0; i < sizeof level1 / sizeof level1[0]; i++) {
        SQLUSMALLINT yes = 0;
        SQLGetFunctions(dbc, level1[i], &yes);
        if (!yes) {
            printf("# SQLGetFunctions(%u) says no\n", (unsigned)level1[i]);
            missing++;
        }
    }
    ok(missing == 0, "SQLGetFunctions reports every Level 1 function used here");
}

/** Overwrite the names array so a refresh is visible. */
static void scribble(char names[][16], int n)
{
    for (int i = 0; i < n; i++)
        strcpy(names[i], "x");
}

/** SQLSetPos(SQL_REFRESH) on a forward-only rowset of three rows. */
static void test_refresh_forward(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    char names[3][16];
    SQLLEN ind[3];
    SQLUSMALLINT status[3];
    SQLULEN fetched = 0;
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)3, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    SQLBindCol(st, 1, SQL_C_CHAR, names, sizeof names[0], ind);
    ok(SUCCEEDED(exec(st, TEN_USERS)), "forward-only: ten users");
    SQLRETURN rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS && fetched == 3 && strcmp(names[0], "user0100") == 0,
       "first rowset: %s.. (%lu rows)", names[0], (unsigned long)fetched);
    scribble(names, 3);
    status[1] = 99;
    rc = SQLSetPos(st, 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    if (!ok(rc == SQL_SUCCESS, "SQLSetPos(2, SQL_REFRESH) (%d)", (int)rc))
        diag_dump(SQL_HANDLE_STMT, st);
    ok(strcmp(names[1], "user0101") == 0 && strcmp(names[0], "x") == 0 && strcmp(names[2], "x") == 0,
       "only row 2 is refreshed: %s %s %s", names[0], names[1], names[2]);
    ok(status[1] == SQL_ROW_SUCCESS, "its row status is SQL_ROW_SUCCESS (%u)", (unsigned)status[1]);
    char one[16] = "";
    SQLLEN oind = 0;
    rc = SQLGetData(st, 1, SQL_C_CHAR, one, sizeof one, &oind);
    ok(SUCCEEDED(rc) && strcmp(one, "user0101") == 0, "the cursor is on row 2: SQLGetData %s", one);
    scribble(names, 3);
    rc = SQLSetPos(st, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_SUCCESS && strcmp(names[0], "user0100") == 0 && strcmp(names[1], "user0101") == 0 &&
       strcmp(names[2], "user0102") == 0, "SQLSetPos(0, SQL_REFRESH) refreshes the rowset (%d)", (int)rc);
    /* SQL_ATTR_ROW_OPERATION_PTR is the ARD's SQL_DESC_ARRAY_STATUS_PTR */
    SQLUSMALLINT ops[3] = {SQL_ROW_PROCEED, SQL_ROW_IGNORE, SQL_ROW_PROCEED};
    SQLHDESC ard = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &ard, 0, NULL);
    rc = SQLSetDescField(ard, 0, SQL_DESC_ARRAY_STATUS_PTR, ops, 0);
    ok(rc == SQL_SUCCESS, "SQLSetDescField(ARD, SQL_DESC_ARRAY_STATUS_PTR) (%d)", (int)rc);
    SQLPOINTER back = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_ROW_OPERATION_PTR, &back, 0, NULL);
    ok(back == (SQLPOINTER)ops, "SQL_ATTR_ROW_OPERATION_PTR reads the same array");
    scribble(names, 3);
    rc = SQLSetPos(st, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_SUCCESS && strcmp(names[0], "user0100") == 0 && strcmp(names[1], "x") == 0 &&
       strcmp(names[2], "user0102") == 0, "rows marked SQL_ROW_IGNORE are skipped: %s %s %s",
       names[0], names[1], names[2]);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_OPERATION_PTR, NULL, 0);
    /* refused */
    rc = SQLSetPos(st, 1, SQL_REFRESH, SQL_LOCK_EXCLUSIVE);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HYC00") == 0,
       "SQL_LOCK_EXCLUSIVE: HYC00 (%d %s)", (int)rc, state_of(SQL_HANDLE_STMT, st));
    rc = SQLSetPos(st, 1, SQL_UPDATE, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HYC00") == 0,
       "SQL_UPDATE: HYC00, read-only (%d %s)", (int)rc, state_of(SQL_HANDLE_STMT, st));
    rc = SQLSetPos(st, 4, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY107") == 0,
       "row 4 of a 3-row rowset: HY107 (%d %s)", (int)rc, state_of(SQL_HANDLE_STMT, st));
    /* the next rowset continues after the refreshes */
    rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS && strcmp(names[0], "user0103") == 0, "next rowset starts at %s", names[0]);
    /* the last, short rowset: row 2 exists, row 3 does not */
    SQLFetch(st);
    rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS && fetched == 1 && strcmp(names[0], "user0109") == 0,
       "last rowset has one row (%lu)", (unsigned long)fetched);
    rc = SQLSetPos(st, 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY107") == 0,
       "refreshing past the rows fetched: HY107 (%s)", state_of(SQL_HANDLE_STMT, st));
    SQLCloseCursor(st);
    rc = SQLSetPos(st, 1, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_ERROR, "SQLSetPos without a cursor fails (%s)", state_of(SQL_HANDLE_STMT, st));
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** SQLSetPos(SQL_REFRESH) on a static scrollable cursor, single-row binding. */
static void test_refresh_static(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_STATIC, 0);
    char names[2][16];
    SQLLEN ind[2];
    SQLUSMALLINT status[2];
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)2, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0);
    SQLBindCol(st, 1, SQL_C_CHAR, names, sizeof names[0], ind);
    ok(SUCCEEDED(exec(st, TEN_USERS)), "static cursor: ten users");
    SQLRETURN rc = SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 5);
    ok(rc == SQL_SUCCESS && strcmp(names[0], "user0104") == 0 && strcmp(names[1], "user0105") == 0,
       "rows 5-6: %s %s", names[0], names[1]);
    scribble(names, 2);
    status[0] = status[1] = 99;
    rc = SQLSetPos(st, 0, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    ok(rc == SQL_SUCCESS && strcmp(names[0], "user0104") == 0 && strcmp(names[1], "user0105") == 0 &&
       status[0] == SQL_ROW_SUCCESS && status[1] == SQL_ROW_SUCCESS,
       "SQLSetPos(0, SQL_REFRESH): %s %s, statuses %u %u", names[0], names[1],
       (unsigned)status[0], (unsigned)status[1]);
    rc = SQLSetPos(st, 2, SQL_REFRESH, SQL_LOCK_NO_CHANGE);
    char one[16] = "";
    SQLLEN oind = 0;
    SQLGetData(st, 1, SQL_C_CHAR, one, sizeof one, &oind);
    ok(rc == SQL_SUCCESS && strcmp(one, "user0105") == 0, "SQLSetPos(2, SQL_REFRESH) positions: %s", one);
    rc = SQLFetchScroll(st, SQL_FETCH_PRIOR, 0);
    ok(rc == SQL_SUCCESS && strcmp(names[0], "user0102") == 0, "scrolling goes on: %s", names[0]);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Manual-commit mode, SQLEndTran and the isolation level. */
static void test_transactions(SQLHENV env, SQLHDBC dbc)
{
    SQLRETURN rc = SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0);
    ok(rc == SQL_SUCCESS, "SQL_ATTR_AUTOCOMMIT off (%d)", (int)rc);
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    char name[16] = "";
    SQLLEN ind = 0;
    SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &ind);
    ok(SUCCEEDED(exec(st, TEN_USERS)), "a query inside the transaction");
    SQLFetch(st);
    rc = SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_ROLLBACK);
    ok(rc == SQL_SUCCESS, "SQLEndTran(SQL_ROLLBACK) (%d)", (int)rc);
    rc = SQLFetch(st);
    ok(rc == SQL_SUCCESS && strcmp(name, "user0101") == 0,
       "the cursor stays open (SQL_CB_PRESERVE): %s", name);
    rc = SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT);
    ok(rc == SQL_SUCCESS, "SQLEndTran(SQL_COMMIT) (%d)", (int)rc);
    rc = SQLEndTran(SQL_HANDLE_ENV, env, SQL_COMMIT);
    ok(rc == SQL_SUCCESS, "SQLEndTran on the environment (%d)", (int)rc);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    SQLUINTEGER iso = 0;
    SQLGetConnectAttr(dbc, SQL_ATTR_TXN_ISOLATION, &iso, sizeof iso, NULL);
    ok(iso == SQL_TXN_READ_COMMITTED, "SQL_ATTR_TXN_ISOLATION is READ COMMITTED (%u)", (unsigned)iso);
    rc = SQLSetConnectAttr(dbc, SQL_ATTR_TXN_ISOLATION, (SQLPOINTER)SQL_TXN_SERIALIZABLE, 0);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(state_of(SQL_HANDLE_DBC, dbc), "01S02") == 0,
       "asking for SERIALIZABLE: 01S02 (%d %s)", (int)rc, state_of(SQL_HANDLE_DBC, dbc));
    iso = 0;
    SQLGetConnectAttr(dbc, SQL_ATTR_TXN_ISOLATION, &iso, sizeof iso, NULL);
    ok(iso == SQL_TXN_READ_COMMITTED, "and it stays READ COMMITTED (%u)", (unsigned)iso);
    rc = SQLSetConnectAttr(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_ON, 0);
    ok(rc == SQL_SUCCESS, "SQL_ATTR_AUTOCOMMIT on again (%d)", (int)rc);
}

/** Parameter arrays through descriptor fields: APD size and operation array, IPD status array. */
static void test_param_descriptors(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLHDESC apd = NULL, ipd = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_APP_PARAM_DESC, &apd, 0, NULL);
    SQLGetStmtAttr(st, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, NULL);
    char vals[3][10] = {"user0001", "user0002", "user0003"};
    SQLLEN lens[3] = {SQL_NTS, SQL_NTS, SQL_NTS};
    SQLUSMALLINT ops[3] = {SQL_PARAM_PROCEED, SQL_PARAM_IGNORE, SQL_PARAM_PROCEED};
    SQLUSMALLINT pstatus[3] = {99, 99, 99};
    SQLULEN processed = 0;
    SQLSetDescField(apd, 0, SQL_DESC_ARRAY_SIZE, (SQLPOINTER)3, 0);
    SQLSetDescField(apd, 0, SQL_DESC_ARRAY_STATUS_PTR, ops, 0);
    SQLSetDescField(ipd, 0, SQL_DESC_ARRAY_STATUS_PTR, pstatus, 0);
    SQLSetDescField(ipd, 0, SQL_DESC_ROWS_PROCESSED_PTR, &processed, 0);
    SQLULEN size = 0;
    SQLGetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, &size, 0, NULL);
    ok(size == 3, "SQL_ATTR_PARAMSET_SIZE reads the APD's SQL_DESC_ARRAY_SIZE (%lu)", (unsigned long)size);
    SQLPOINTER p = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_PARAM_OPERATION_PTR, &p, 0, NULL);
    ok(p == (SQLPOINTER)ops, "SQL_ATTR_PARAM_OPERATION_PTR reads the APD's array");
    SQLGetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, &p, 0, NULL);
    ok(p == (SQLPOINTER)pstatus, "SQL_ATTR_PARAM_STATUS_PTR reads the IPD's array");
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, vals, 10, lens);
    int per_set[3] = {0, 0, 0}, sets = 0;
    SQLRETURN rc = exec(st, "SELECT Username FROM Users WHERE Username = ?");
    if (!ok(SUCCEEDED(rc), "a parameter array with one set ignored executes (%d)", (int)rc))
        diag_dump(SQL_HANDLE_STMT, st);
    do {
        while (SUCCEEDED(SQLFetch(st)))
            per_set[sets]++;
        sets++;
    } while (sets < 3 && SUCCEEDED(SQLMoreResults(st)));
    ok(sets == 2 && per_set[0] == 1 && per_set[1] == 1,
       "two result sets, one row each (%d sets: %d %d)", sets, per_set[0], per_set[1]);
    ok(pstatus[0] == SQL_PARAM_SUCCESS && pstatus[1] == SQL_PARAM_UNUSED &&
       pstatus[2] == SQL_PARAM_SUCCESS && processed == 3,
       "IPD status array: %u %u %u, %lu processed", (unsigned)pstatus[0], (unsigned)pstatus[1],
       (unsigned)pstatus[2], (unsigned long)processed);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Connect on the A path (SQLConnect to the DSN) or the W path (SQLDriverConnectW). */
static int connect(SQLHDBC dbc)
{
    SQLRETURN rc;
    if (!wide) {
        const char *dsn = need_env("P1_DSN");
        rc = SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0);
    } else {
        SQLWCHAR *cs = u16(need_env("P1_CONNSTR"), NULL);
        SQLWCHAR out[1024];
        SQLSMALLINT outlen = 0;
        rc = SQLDriverConnectW(dbc, NULL, cs, SQL_NTS, out, 1024, &outlen, SQL_DRIVER_NOPROMPT);
        free(cs);
    }
    if (!ok(SUCCEEDED(rc), "connect (%s path)", wide ? "W" : "A")) {
        diag_dump(SQL_HANDLE_DBC, dbc);
        return -1;
    }
    return 0;
}

int main(void)
{
    for (int pass = 0; pass < 2; pass++) {
        wide = pass;
        tap_tag = wide ? "W" : "A";
        SQLHENV env;
        SQLHDBC dbc;
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        if (connect(dbc) < 0)
            return 1;
        test_info(dbc);
        test_refresh_forward(dbc);
        test_refresh_static(dbc);
        test_transactions(env, dbc);
        test_param_descriptors(dbc);
        SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    return done_testing();
}
