/**
 * @file odbc_layer_c.c
 * The ODBC layer's own C checks through the real driver manager (TAP):
 * row arrays (column-wise and row-wise, with a bind offset), status and
 * rows-fetched pointers, SQL_ATTR_MAX_ROWS, chunked SQLGetData, diagnostic
 * header and record fields, ODBC 2 SQLSTATEs and catalog column names,
 * SQLGetFunctions through the DM, statement attribute answers.
 * Run under tests/integration/with-emulator.sh (P1_DSN). Expected row data
 * comes from the emulator dataset's fixed names (user0000...).
 */
#include <sql.h>
#include <sqlext.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/tap.h"

static SQLHENV env;
static SQLHDBC dbc;

/** Connect env/dbc with ODBC version ver to the DSN in P1_DSN. Returns 0 on success. */
static int connect_dsn(SQLINTEGER ver)
{
    const char *dsn = getenv("P1_DSN");
    if (!dsn)
        return -1;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)(SQLLEN)ver, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    SQLRETURN rc = SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0);
    return SQL_SUCCEEDED(rc) ? 0 : -1;
}

/** Disconnect and free env/dbc. */
static void disconnect(void)
{
    SQLDisconnect(dbc);
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
}

/** SQLSTATE of diagnostic record 1 of a handle ("" when none). */
static const char *state_of(SQLSMALLINT type, SQLHANDLE h)
{
    static SQLCHAR st[6];
    SQLINTEGER native;
    SQLCHAR msg[512];
    SQLSMALLINT len;
    st[0] = '\0';
    if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, st, &native, msg, sizeof msg, &len)))
        st[0] = '\0';
    return (const char *)st;
}

int main(void)
{
    if (connect_dsn(SQL_OV_ODBC3) < 0) {
        printf("1..0 # SKIP cannot connect (run under with-emulator.sh)\n");
        return 0;
    }
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);

    /* SQLGetFunctions through the DM */
    SQLUSMALLINT f = 0;
    SQLGetFunctions(dbc, SQL_API_SQLFETCHSCROLL, &f);
    ok(f == SQL_TRUE, "SQLGetFunctions(SQLFetchScroll) is TRUE");
    SQLGetFunctions(dbc, SQL_API_SQLBROWSECONNECT, &f);
    ok(f == SQL_TRUE, "SQLGetFunctions(SQLBrowseConnect) is TRUE (exported)");

    /* column-wise row array of 4 with status and rows-fetched pointers */
    SQLCHAR names[4][32];
    SQLLEN inds[4];
    SQLUSMALLINT status[4];
    SQLULEN fetched = 0;
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)4, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    SQLRETURN rc = SQLExecDirect(st, (SQLCHAR *)"SELECT Username FROM Users WHERE Username IN "
                                 "('user0000','user0001','user0002','user0003','user0004','user0005')",
                                 SQL_NTS);
    ok(SQL_SUCCEEDED(rc), "query for six users");
    SQLBindCol(st, 1, SQL_C_CHAR, names, sizeof names[0], inds);
    int total = 0, seen[6] = {0};
    SQLULEN sizes[3] = {0};
    int nfetch = 0;
    while (SQL_SUCCEEDED(rc = SQLFetch(st))) {
        if (nfetch < 3)
            sizes[nfetch] = fetched;
        nfetch++;
        for (SQLULEN i = 0; i < fetched; i++) {
            int k = -1;
            if (status[i] == SQL_ROW_SUCCESS && sscanf((char *)names[i], "user%d", &k) == 1 &&
                k >= 0 && k < 6 && inds[i] == 8)
                seen[k]++;
            total++;
        }
    }
    ok(rc == SQL_NO_DATA, "fetch loop ends with SQL_NO_DATA");
    is_int(total, 6, "six rows in rowsets of four");
    is_int(sizes[0], 4, "first rowset has 4 rows");
    is_int(sizes[1], 2, "second rowset has 2 rows");
    ok(status[2] == SQL_ROW_NOROW && status[3] == SQL_ROW_NOROW, "unused slots are SQL_ROW_NOROW");
    ok(seen[0] && seen[1] && seen[2] && seen[3] && seen[4] && seen[5], "each user exactly once");
    is_int(fetched, 0, "rows fetched is 0 after SQL_NO_DATA");
    SQLCloseCursor(st);
    SQLFreeStmt(st, SQL_UNBIND);

    /* row-wise binding with a bind offset */
    struct row { SQLCHAR name[32]; SQLLEN ind; } rows[2 + 3];
    SQLLEN offset = 2 * (SQLLEN)sizeof(struct row);
    memset(rows, 0, sizeof rows);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)3, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)sizeof(struct row), 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0);
    SQLExecDirect(st, (SQLCHAR *)"SELECT Username FROM Users WHERE Username IN "
                  "('user0010','user0011','user0012')", SQL_NTS);
    SQLBindCol(st, 1, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].ind);
    rc = SQLFetch(st);
    ok(SQL_SUCCEEDED(rc) && fetched == 3, "row-wise rowset of three");
    ok(rows[0].name[0] == 0 && rows[1].name[0] == 0, "rows before the offset untouched");
    int rw = 0;
    for (int i = 2; i < 5; i++)
        rw += strncmp((char *)rows[i].name, "user001", 7) == 0 && rows[i].ind == 8;
    is_int(rw, 3, "three rows written after the bind offset");
    SQLCloseCursor(st);
    SQLFreeStmt(st, SQL_UNBIND);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_OFFSET_PTR, NULL, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)SQL_BIND_BY_COLUMN, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)1, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, NULL, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, NULL, 0);

    /* SQL_ATTR_MAX_ROWS */
    SQLSetStmtAttr(st, SQL_ATTR_MAX_ROWS, (SQLPOINTER)3, 0);
    SQLExecDirect(st, (SQLCHAR *)"SELECT Id FROM Users", SQL_NTS);
    int n = 0;
    while (SQL_SUCCEEDED(SQLFetch(st)))
        n++;
    is_int(n, 3, "SQL_ATTR_MAX_ROWS 3 stops after three rows");
    SQLCloseCursor(st);
    SQLSetStmtAttr(st, SQL_ATTR_MAX_ROWS, (SQLPOINTER)0, 0);

    /* chunked SQLGetData (CHAR): "user0042" in parts of 3 bytes + NUL */
    SQLExecDirect(st, (SQLCHAR *)"SELECT Username FROM Users WHERE Username = 'user0042'", SQL_NTS);
    SQLFetch(st);
    char part[4], all[32] = "";
    SQLLEN ind;
    int parts = 0;
    while ((rc = SQLGetData(st, 1, SQL_C_CHAR, part, sizeof part, &ind)) != SQL_NO_DATA) {
        if (!SQL_SUCCEEDED(rc))
            break;
        if (parts == 0)
            is_int(ind, 8, "first part reports the full length");
        if (rc == SQL_SUCCESS_WITH_INFO)
            is_str(state_of(SQL_HANDLE_STMT, st), "01004", "intermediate part: 01004");
        strcat(all, part);
        parts++;
    }
    is_str(all, "user0042", "parts join to the value");
    is_int(parts, 3, "three parts");
    ok(rc == SQL_NO_DATA, "SQL_NO_DATA after the last part");
    rc = SQLGetData(st, 2, SQL_C_CHAR, part, sizeof part, &ind);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "07009") == 0,
       "SQLGetData on a missing column: 07009");
    SQLCloseCursor(st);
    rc = SQLCloseCursor(st);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "24000") == 0,
       "SQLCloseCursor without a cursor: 24000");

    /* diagnostics: header and record fields */
    rc = SQLExecDirect(st, (SQLCHAR *)"SELECT Id FROM NoSuchTable", SQL_NTS);
    SQLINTEGER nrec = 0;
    SQLRETURN hdr = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, st, 0, SQL_DIAG_NUMBER, &nrec, 0, NULL);
    SQLGetDiagField(SQL_HANDLE_STMT, st, 0, SQL_DIAG_RETURNCODE, &hdr, 0, NULL);
    is_int(nrec, 1, "SQL_DIAG_NUMBER is 1");
    is_int(hdr, SQL_ERROR, "SQL_DIAG_RETURNCODE is SQL_ERROR");
    SQLCHAR buf[256];
    SQLSMALLINT blen;
    SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_SQLSTATE, buf, sizeof buf, &blen);
    is_str((char *)buf, "42S02", "SQL_DIAG_SQLSTATE 42S02 for an ODBC 3 application");
    SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_CLASS_ORIGIN, buf, sizeof buf, &blen);
    is_str((char *)buf, "ISO 9075", "SQL_DIAG_CLASS_ORIGIN");
    SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_SUBCLASS_ORIGIN, buf, sizeof buf, &blen);
    is_str((char *)buf, "ODBC 3.0", "SQL_DIAG_SUBCLASS_ORIGIN of 42S02");
    SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_MESSAGE_TEXT, buf, sizeof buf, &blen);
    ok(strstr((char *)buf, "[pingone-odbc]") && strstr((char *)buf, "NoSuchTable"),
       "message has the prefix and names the table");
    SQLCHAR small[8];
    rc = SQLGetDiagRec(SQL_HANDLE_STMT, st, 1, buf, NULL, small, sizeof small, &blen);
    ok(rc == SQL_SUCCESS_WITH_INFO && blen > (SQLSMALLINT)sizeof small && strlen((char *)small) == 7,
       "SQLGetDiagRec truncates the message and reports its full length");
    rc = SQLGetDiagRec(SQL_HANDLE_STMT, st, 2, buf, NULL, small, sizeof small, &blen);
    ok(rc == SQL_NO_DATA, "no second record");

    /* statement attributes */
    SQLULEN v = 0;
    rc = SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_KEYSET_DRIVEN, 0);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(state_of(SQL_HANDLE_STMT, st), "01S02") == 0,
       "keyset cursor request: 01S02 option value changed");
    SQLGetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, &v, 0, NULL);
    is_int(v, SQL_CURSOR_STATIC, "cursor becomes static");
    SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_FORWARD_ONLY, 0);
    rc = SQLSetStmtAttr(st, 99999, (SQLPOINTER)1, 0);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY092") == 0,
       "unknown statement attribute: HY092");
    SQLExecDirect(st, (SQLCHAR *)"SELECT Id FROM Users LIMIT 2", SQL_NTS);
    rc = SQLFetchScroll(st, SQL_FETCH_FIRST, 0);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY106") == 0,
       "SQLFetchScroll(FIRST) on forward-only: HY106");
    SQLCloseCursor(st);
    SQLUINTEGER info = 0;
    rc = SQLGetInfo(dbc, 9999, &info, sizeof info, NULL);
    ok(rc == SQL_ERROR && strcmp(state_of(SQL_HANDLE_DBC, dbc), "HY096") == 0,
       "unknown SQLGetInfo type: HY096");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    disconnect();

    /* an ODBC 2 application gets ODBC 2 SQLSTATEs and catalog names */
    if (connect_dsn(SQL_OV_ODBC2) == 0) {
        SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
        SQLExecDirect(st, (SQLCHAR *)"SELECT Id FROM NoSuchTable", SQL_NTS);
        is_str(state_of(SQL_HANDLE_STMT, st), "S0002", "ODBC 2: unknown table is S0002");
        SQLTables(st, NULL, 0, NULL, 0, (SQLCHAR *)"Users", SQL_NTS, NULL, 0);
        SQLCHAR cname[64];
        SQLSMALLINT nl, type;
        SQLULEN size;
        SQLSMALLINT dd, nul;
        SQLDescribeCol(st, 1, cname, sizeof cname, &nl, &type, &size, &dd, &nul);
        is_str((char *)cname, "TABLE_QUALIFIER", "ODBC 2: SQLTables column 1 is TABLE_QUALIFIER");
        SQLFreeHandle(SQL_HANDLE_STMT, st);
        disconnect();
    } else {
        ok(0, "ODBC 2 connect");
    }
    return done_testing();
}
