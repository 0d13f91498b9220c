/**
 * @file c_conformance.c
 * ODBC conformance checks through the unixODBC driver manager against the
 * emulator (TAP). The whole sequence runs twice: the ANSI path (SQLConnect
 * to the DSN, A functions) and the W path (SQLDriverConnectW with the
 * connection string, W functions for text). Covers row arrays in both
 * layouts with bind offsets, chunked SQLGetData (CHAR, WCHAR, BINARY),
 * conversions, descriptors (implicit and explicit, SQLCopyDesc),
 * diagnostics, statement attributes, static scrollable cursors,
 * SQLSetPos + SQLGetData on a row array, data-at-execution parameters and
 * parameter arrays. Expected values come from the emulator's dataset
 * (user names user0000.. are the dataset's regular users).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"

static int wide;

/** Execute text on st through the A or W entry point. */
static SQLRETURN exec(SQLHSTMT st, const char *sql)
{
    return exec_text(wide, st, sql);
}

/** Prepare text on st through the A or W entry point. */
static SQLRETURN prepare(SQLHSTMT st, const char *sql)
{
    return prepare_text(wide, st, sql);
}

/** SQLSTATE of the first diagnostic record of st ("" when none). */
static const char *state_of(SQLSMALLINT type, SQLHANDLE h)
{
    return diag_state(wide, type, h);
}

#define TEN_USERS "SELECT Username FROM Users WHERE Username BETWEEN 'user0100' AND 'user0109' " \
                  "ORDER BY Username"

/** Row arrays: column-wise and row-wise binding with a bind offset. */
static void test_row_arrays(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    char names[4][16];
    SQLLEN ind[4];
    SQLUSMALLINT status[4];
    SQLULEN fetched = 0;
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)4, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_STATUS_PTR, status, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROWS_FETCHED_PTR, &fetched, 0);
    ok(SUCCEEDED(exec(st, TEN_USERS)), "ten users query");
    SQLBindCol(st, 1, SQL_C_CHAR, names, sizeof names[0], ind);
    int total = 0, in_order = 1;
    SQLRETURN rc;
    while ((rc = SQLFetch(st)) == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
        for (SQLULEN i = 0; i < fetched; i++) {
            char want[16];
            snprintf(want, sizeof want, "user%04d", 100 + total);
            if (strcmp(names[i], want) != 0 || ind[i] != 8 || status[i] != SQL_ROW_SUCCESS)
                in_order = 0;
            total++;
        }
    }
    ok(total == 10 && in_order, "column-wise rowsets of 4: ten users in order (%d)", total);
    ok(fetched == 0 && rc == SQL_NO_DATA, "SQL_NO_DATA at the end");
    SQLCloseCursor(st);

    /* row-wise with an offset */
    struct row { SQLINTEGER len; SQLLEN lind; char name[12]; SQLLEN nind; } rows[6];
    memset(rows, 0x5a, sizeof rows);
    SQLLEN offset = (SQLLEN)(2 * sizeof(struct row));
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)3, 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_TYPE, (SQLPOINTER)sizeof(struct row), 0);
    SQLSetStmtAttr(st, SQL_ATTR_ROW_BIND_OFFSET_PTR, &offset, 0);
    SQLFreeStmt(st, SQL_UNBIND);
    SQLBindCol(st, 1, SQL_C_SLONG, &rows[0].len, 0, &rows[0].lind);
    SQLBindCol(st, 2, SQL_C_CHAR, rows[0].name, sizeof rows[0].name, &rows[0].nind);
    ok(SUCCEEDED(exec(st, "SELECT LENGTH(Username) AS L, Username FROM Users "
                          "WHERE Username BETWEEN 'user0100' AND 'user0109' ORDER BY Username")),
       "row-wise query");
    rc = SQLFetch(st);
    ok(SUCCEEDED(rc) && fetched == 3, "row-wise rowset of 3");
    ok(rows[0].lind == (SQLLEN)0x5a5a5a5a5a5a5a5aLL && rows[1].nind == (SQLLEN)0x5a5a5a5a5a5a5a5aLL,
       "rows before the offset untouched");
    ok(rows[2].len == 8 && rows[2].lind == 4 && strcmp(rows[2].name, "user0100") == 0 &&
       strcmp(rows[4].name, "user0102") == 0, "values written after the offset");
    if (strcmp(rows[2].name, "user0100") != 0 || strcmp(rows[4].name, "user0102") != 0)
        printf("# len %d lind %ld name %.12s nind %ld / %.12s\n", (int)rows[2].len, (long)rows[2].lind,
               rows[2].name, (long)rows[2].nind, rows[4].name);
    /* SQLSetPos + SQLGetData on the row array */
    char buf[16];
    SQLLEN bl;
    ok(SQLSetPos(st, 2, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_SUCCESS, "SQLSetPos(2)");
    rc = SQLGetData(st, 2, SQL_C_CHAR, buf, sizeof buf, &bl);
    ok(SUCCEEDED(rc) && strcmp(buf, "user0101") == 0, "SQLGetData on row 2 of the rowset: %s", buf);
    SQLULEN rownum = 0;
    SQLGetStmtAttr(st, SQL_ATTR_ROW_NUMBER, &rownum, 0, NULL);
    ok(rownum == 2, "SQL_ATTR_ROW_NUMBER is 2 (%lu)", (unsigned long)rownum);
    ok(SQLSetPos(st, 4, SQL_POSITION, SQL_LOCK_NO_CHANGE) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "HY107") == 0, "SQLSetPos past the rowset: HY107");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** SQLGetData in parts for CHAR, WCHAR and BINARY with fence-post buffer sizes. */
static void test_chunks(SQLHDBC dbc)
{
    static const char *text = "a\xc3\xa9\xf0\x9f\x98\x80z"; /* a é 😀 z: 1+2+4+1 bytes, 5 UTF-16 units */
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT '%s' AS t FROM Users LIMIT 1", text);
    ok(SUCCEEDED(exec(st, sql)) && SUCCEEDED(SQLFetch(st)), "literal query");
    /* CHAR in 3-byte parts: every part fills the buffer (2 bytes + NUL) */
    char got[64] = "", part[3];
    SQLLEN ind;
    SQLRETURN rc;
    int parts = 0, ind_ok = 1;
    SQLLEN expect_ind = 8;
    while ((rc = SQLGetData(st, 1, SQL_C_CHAR, part, sizeof part, &ind)) != SQL_NO_DATA) {
        if (!SUCCEEDED(rc))
            break;
        if (ind != expect_ind)
            ind_ok = 0;
        strcat(got, part);
        expect_ind -= 2;
        parts++;
        if (rc == SQL_SUCCESS_WITH_INFO && strcmp(state_of(SQL_HANDLE_STMT, st), "01004") != 0)
            ind_ok = 0;
    }
    ok(strcmp(got, text) == 0 && parts == 4, "SQL_C_CHAR in 4 parts of 2 bytes reassembles");
    ok(ind_ok, "indicator counts the remaining bytes; 01004 on each truncated part");
    SQLCloseCursor(st);
    /* WCHAR in parts of 2 units + NUL: the surrogate pair is split between parts */
    ok(SUCCEEDED(exec(st, sql)) && SUCCEEDED(SQLFetch(st)), "literal query again");
    SQLWCHAR wgot[16], wpart[3];
    size_t n = 0;
    parts = 0;
    while ((rc = SQLGetData(st, 1, SQL_C_WCHAR, wpart, sizeof wpart, &ind)) != SQL_NO_DATA) {
        if (!SUCCEEDED(rc))
            break;
        size_t units = rc == SQL_SUCCESS ? (size_t)ind / sizeof(SQLWCHAR) : 2;
        for (size_t i = 0; i < units && n < 15; i++)
            wgot[n++] = wpart[i];
        parts++;
    }
    wgot[n] = 0;
    char *back = u8(wgot, (SQLLEN)n);
    ok(back && strcmp(back, text) == 0 && parts == 3, "SQL_C_WCHAR in parts of 2 units reassembles");
    free(back);
    SQLCloseCursor(st);
    /* BINARY: the UTF-8 bytes, no terminator */
    ok(SUCCEEDED(exec(st, sql)) && SUCCEEDED(SQLFetch(st)), "literal query for binary");
    unsigned char bin[5];
    rc = SQLGetData(st, 1, SQL_C_BINARY, bin, sizeof bin, &ind);
    ok(rc == SQL_SUCCESS_WITH_INFO && ind == 8 && memcmp(bin, text, 5) == 0, "binary part 1: 5 bytes");
    rc = SQLGetData(st, 1, SQL_C_BINARY, bin, sizeof bin, &ind);
    ok(rc == SQL_SUCCESS && ind == 3 && memcmp(bin, text + 5, 3) == 0, "binary part 2: 3 bytes");
    ok(SQLGetData(st, 1, SQL_C_BINARY, bin, sizeof bin, &ind) == SQL_NO_DATA, "then SQL_NO_DATA");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

#define TYPED "SELECT 300 AS i, TRUE AS b, 2.75 AS d, TIMESTAMP '2024-01-31 10:20:30.5' AS ts, " \
              "'42' AS t, 'x' AS bad FROM Users LIMIT 1"

/** Re-run the typed-literals query and fetch its row: a column can be read once per row. */
static SQLHSTMT fresh(SQLHSTMT st)
{
    SQLCloseCursor(st);
    if (!SUCCEEDED(exec(st, TYPED)) || !SUCCEEDED(SQLFetch(st)))
        diag_dump(SQL_HANDLE_STMT, st);
    return st;
}

/** Conversions of integer, bit, double, timestamp and text values to C types. */
static void test_conversions(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(exec(st, TYPED)) && SUCCEEDED(SQLFetch(st)), "typed literals");
    SQLLEN ind;
    SQLSCHAR tiny;
    SQLSMALLINT sh;
    SQLINTEGER lg;
    SQLBIGINT big;
    SQLUINTEGER ul;
    double dbl;
    float fl;
    unsigned char bit;
    ok(SQLGetData(st, 1, SQL_C_STINYINT, &tiny, 0, &ind) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "22003") == 0, "300 as TINYINT: 22003");
    ok(SQLGetData(fresh(st), 1, SQL_C_SSHORT, &sh, 0, &ind) == SQL_SUCCESS && sh == 300, "SSHORT 300");
    ok(SQLGetData(fresh(st), 1, SQL_C_SLONG, &lg, 0, &ind) == SQL_SUCCESS && lg == 300 && ind == 4, "SLONG 300");
    ok(SQLGetData(fresh(st), 1, SQL_C_SBIGINT, &big, 0, &ind) == SQL_SUCCESS && big == 300, "SBIGINT 300");
    ok(SQLGetData(fresh(st), 1, SQL_C_ULONG, &ul, 0, &ind) == SQL_SUCCESS && ul == 300, "ULONG 300");
    ok(SQLGetData(fresh(st), 1, SQL_C_DOUBLE, &dbl, 0, &ind) == SQL_SUCCESS && dbl == 300.0, "DOUBLE 300");
    ok(SQLGetData(fresh(st), 2, SQL_C_BIT, &bit, 0, &ind) == SQL_SUCCESS && bit == 1, "BIT 1");
    char c[32];
    ok(SQLGetData(fresh(st), 2, SQL_C_CHAR, c, sizeof c, &ind) == SQL_SUCCESS && strcmp(c, "1") == 0, "BIT as '1'");
    ok(SQLGetData(fresh(st), 3, SQL_C_FLOAT, &fl, 0, &ind) == SQL_SUCCESS && fl == 2.75f, "FLOAT 2.75");
    SQLRETURN rc = SQLGetData(fresh(st), 3, SQL_C_SLONG, &lg, 0, &ind);
    ok(rc == SQL_SUCCESS_WITH_INFO && lg == 2 && strcmp(state_of(SQL_HANDLE_STMT, st), "01S07") == 0,
       "2.75 as SLONG: 2 with 01S07");
    SQL_NUMERIC_STRUCT num;
    ok(SQLGetData(fresh(st), 3, SQL_C_NUMERIC, &num, 0, &ind) != SQL_ERROR && num.sign == 1, "NUMERIC");
    SQL_TIMESTAMP_STRUCT ts;
    ok(SQLGetData(fresh(st), 4, SQL_C_TYPE_TIMESTAMP, &ts, 0, &ind) == SQL_SUCCESS && ts.year == 2024 &&
       ts.month == 1 && ts.day == 31 && ts.hour == 10 && ts.minute == 20 && ts.second == 30 &&
       ts.fraction == 500000000, "TIMESTAMP struct");
    SQL_DATE_STRUCT ds;
    rc = SQLGetData(fresh(st), 4, SQL_C_TYPE_DATE, &ds, 0, &ind);
    ok(SUCCEEDED(rc) && ds.year == 2024 && ds.day == 31, "TIMESTAMP as DATE struct");
    ok(SQLGetData(fresh(st), 4, SQL_C_CHAR, c, sizeof c, &ind) == SQL_SUCCESS &&
       strcmp(c, "2024-01-31 10:20:30.500") == 0, "TIMESTAMP as text: %s", c);
    ok(SQLGetData(fresh(st), 5, SQL_C_SLONG, &lg, 0, &ind) == SQL_SUCCESS && lg == 42, "'42' as SLONG");
    ok(SQLGetData(fresh(st), 6, SQL_C_SLONG, &lg, 0, &ind) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "22018") == 0, "'x' as SLONG: 22018");
    ok(SQLGetData(fresh(st), 4, SQL_C_BIT, &bit, 0, &ind) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "07006") == 0, "TIMESTAMP as BIT: 07006");
    ok(SQLGetData(fresh(st), 9, SQL_C_CHAR, c, sizeof c, &ind) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "07009") == 0, "column 9: 07009");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Implicit and explicit descriptors, SQLCopyDesc. */
static void test_descriptors(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(prepare(st, "SELECT Username, IsEnabled, CreatedAt FROM Users WHERE Username = 'user0042'")),
       "prepare");
    SQLHDESC ird = NULL, ard = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_IMP_ROW_DESC, &ird, 0, NULL);
    SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &ard, 0, NULL);
    SQLSMALLINT count = 0, type = 0, sub = 0, nullable = 0;
    SQLGetDescField(ird, 0, SQL_DESC_COUNT, &count, 0, NULL);
    ok(count == 3, "IRD count 3 after prepare");
    SQLGetDescField(ird, 3, SQL_DESC_TYPE, &type, 0, NULL);
    SQLGetDescField(ird, 3, SQL_DESC_DATETIME_INTERVAL_CODE, &sub, 0, NULL);
    ok(type == SQL_DATETIME && sub == SQL_CODE_TIMESTAMP, "IRD 3: SQL_DATETIME / SQL_CODE_TIMESTAMP");
    SQLINTEGER len = 0;
    char name[64];
    SQLRETURN rc;
    if (wide) {
        SQLWCHAR wname[64];
        rc = SQLGetDescFieldW(ird, 1, SQL_DESC_NAME, wname, sizeof wname, &len);
        char *n8 = u8(wname, len / (SQLINTEGER)sizeof(SQLWCHAR));
        snprintf(name, sizeof name, "%s", n8 ? n8 : "");
        free(n8);
    } else {
        rc = SQLGetDescField(ird, 1, SQL_DESC_NAME, name, sizeof name, &len);
    }
    ok(rc == SQL_SUCCESS && strcmp(name, "Username") == 0, "IRD 1 name Username");
    SQLLEN display = 0;
    SQLGetDescField(ird, 1, SQL_DESC_DISPLAY_SIZE, &display, 0, NULL);
    SQLLEN attr_display = 0;
    SQLColAttribute(st, 1, SQL_DESC_DISPLAY_SIZE, NULL, 0, NULL, &attr_display);
    ok(display == attr_display && display >= 128, "display size agrees with SQLColAttribute (%ld)",
       (long)display);
    SQLLEN olen = 0;
    SQLGetDescRec(ird, 2, NULL, 0, NULL, &type, NULL, &olen, NULL, NULL, &nullable);
    ok(type == SQL_BIT, "SQLGetDescRec(2): SQL_BIT");
    ok(SQLSetDescField(ird, 1, SQL_DESC_NAME, "x", SQL_NTS) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_DESC, ird), "HY016") == 0, "IRD is read-only: HY016");
    ok(SQLGetDescField(ird, 5, SQL_DESC_TYPE, &type, 0, NULL) == SQL_NO_DATA, "record past count: SQL_NO_DATA");

    /* bind through the ARD with SQLSetDescRec */
    char user[32];
    SQLLEN uind = 0;
    rc = SQLSetDescRec(ard, 1, SQL_C_CHAR, 0, sizeof user, 0, 0, user, &uind, &uind);
    ok(rc == SQL_SUCCESS, "SQLSetDescRec binds column 1");
    ok(SUCCEEDED(SQLExecute(st)) && SUCCEEDED(SQLFetch(st)) && strcmp(user, "user0042") == 0,
       "fetch into the ARD record: %s", user);
    SQLCloseCursor(st);

    /* an explicit ARD shared by another statement, filled by SQLCopyDesc */
    SQLHDESC mine = NULL;
    ok(SQLAllocHandle(SQL_HANDLE_DESC, dbc, &mine) == SQL_SUCCESS, "SQLAllocHandle(SQL_HANDLE_DESC)");
    ok(SQLCopyDesc(ard, mine) == SQL_SUCCESS, "SQLCopyDesc(ARD -> explicit)");
    SQLSMALLINT alloc = 0;
    SQLGetDescField(mine, 0, SQL_DESC_ALLOC_TYPE, &alloc, 0, NULL);
    ok(alloc == SQL_DESC_ALLOC_USER, "explicit descriptor: SQL_DESC_ALLOC_USER");
    SQLHSTMT st2;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st2);
    ok(SQLSetStmtAttr(st2, SQL_ATTR_APP_ROW_DESC, mine, 0) == SQL_SUCCESS, "use it as st2's ARD");
    memset(user, 0, sizeof user);
    ok(SUCCEEDED(exec(st2, "SELECT Username FROM Users WHERE Username = 'user0007'")) &&
       SUCCEEDED(SQLFetch(st2)) && strcmp(user, "user0007") == 0, "st2 fetches through it: %s", user);
    SQLFreeHandle(SQL_HANDLE_STMT, st2);
    ok(SQLFreeHandle(SQL_HANDLE_DESC, mine) == SQL_SUCCESS, "free the explicit descriptor");
    ok(SQLFreeHandle(SQL_HANDLE_DESC, ard) == SQL_ERROR, "an implicit descriptor cannot be freed");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Diagnostics: header and record fields, row numbers. */
static void test_diagnostics(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(exec(st, "SELECT Nope FROM Users") == SQL_ERROR, "unknown column fails");
    SQLINTEGER n = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, st, 0, SQL_DIAG_NUMBER, &n, 0, NULL);
    ok(n >= 1, "SQL_DIAG_NUMBER >= 1");
    SQLRETURN hdr = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, st, 0, SQL_DIAG_RETURNCODE, &hdr, 0, NULL);
    ok(hdr == SQL_ERROR, "SQL_DIAG_RETURNCODE is SQL_ERROR");
    char cls[16] = "";
    SQLSMALLINT l = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, st, 1, SQL_DIAG_CLASS_ORIGIN, cls, sizeof cls, &l);
    ok(strcmp(cls, "ISO 9075") == 0, "class origin ISO 9075");
    ok(strcmp(state_of(SQL_HANDLE_STMT, st), "42S22") == 0, "42S22");
    ok(SQLGetDiagRec(SQL_HANDLE_STMT, st, 2, NULL, NULL, NULL, 0, NULL) == SQL_NO_DATA,
       "no second record");
    /* a truncation warning carries row and column numbers */
    SQLSetStmtAttr(st, SQL_ATTR_ROW_ARRAY_SIZE, (SQLPOINTER)2, 0);
    char b[2][4];
    SQLLEN ind[2];
    ok(SUCCEEDED(exec(st, TEN_USERS)), "ten users");
    SQLBindCol(st, 1, SQL_C_CHAR, b, sizeof b[0], ind);
    ok(SQLFetch(st) == SQL_SUCCESS_WITH_INFO, "truncation: SQL_SUCCESS_WITH_INFO");
    SQLLEN row = 0;
    SQLINTEGER col = 0;
    SQLGetDiagField(SQL_HANDLE_STMT, st, 2, SQL_DIAG_ROW_NUMBER, &row, 0, NULL);
    SQLGetDiagField(SQL_HANDLE_STMT, st, 2, SQL_DIAG_COLUMN_NUMBER, &col, 0, NULL);
    ok(row == 2 && col == 1, "second record: row 2, column 1");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Statement attributes and cursor behaviour. */
static void test_attributes(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    SQLULEN v = 99;
    ok(SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)1, 0) == SQL_SUCCESS,
       "PARAMSET_SIZE 1 without parameters");
    ok(SQLSetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, (SQLPOINTER)SQL_CURSOR_DYNAMIC, 0) == SQL_SUCCESS_WITH_INFO &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "01S02") == 0, "DYNAMIC cursor: 01S02");
    SQLGetStmtAttr(st, SQL_ATTR_CURSOR_TYPE, &v, 0, NULL);
    ok(v == SQL_CURSOR_STATIC, "cursor type became STATIC");
    SQLGetStmtAttr(st, SQL_ATTR_CURSOR_SCROLLABLE, &v, 0, NULL);
    ok(v == SQL_SCROLLABLE, "and is scrollable");
    char name[16];
    SQLLEN ind;
    ok(SUCCEEDED(exec(st, TEN_USERS)), "ten users, static cursor");
    SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &ind);
    ok(SQLFetchScroll(st, SQL_FETCH_LAST, 0) == SQL_SUCCESS && strcmp(name, "user0109") == 0, "LAST");
    ok(SQLFetchScroll(st, SQL_FETCH_PRIOR, 0) == SQL_SUCCESS && strcmp(name, "user0108") == 0, "PRIOR");
    ok(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, 3) == SQL_SUCCESS && strcmp(name, "user0102") == 0,
       "ABSOLUTE 3");
    ok(SQLFetchScroll(st, SQL_FETCH_RELATIVE, 2) == SQL_SUCCESS && strcmp(name, "user0104") == 0,
       "RELATIVE 2");
    ok(SQLFetchScroll(st, SQL_FETCH_ABSOLUTE, -1) == SQL_SUCCESS && strcmp(name, "user0109") == 0,
       "ABSOLUTE -1");
    ok(SQLFetchScroll(st, SQL_FETCH_NEXT, 0) == SQL_NO_DATA, "NEXT after the last: SQL_NO_DATA");
    ok(SQLFetchScroll(st, SQL_FETCH_FIRST, 0) == SQL_SUCCESS && strcmp(name, "user0100") == 0, "FIRST");
    ok(SQLFetchScroll(st, SQL_FETCH_PRIOR, 0) == SQL_NO_DATA, "PRIOR before the first: SQL_NO_DATA");
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(exec(st, TEN_USERS)), "forward-only cursor");
    ok(SQLFetchScroll(st, SQL_FETCH_PRIOR, 0) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "HY106") == 0, "PRIOR on forward-only: HY106");
    SQLCloseCursor(st);
    SQLSetStmtAttr(st, SQL_ATTR_MAX_ROWS, (SQLPOINTER)3, 0);
    int rows = 0;
    ok(SUCCEEDED(exec(st, TEN_USERS)), "MAX_ROWS 3");
    while (SUCCEEDED(SQLFetch(st)))
        rows++;
    ok(rows == 3, "MAX_ROWS stops after 3 rows (%d)", rows);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Parameters: describe, data-at-execution, parameter arrays. */
static void test_parameters(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(prepare(st, "SELECT Username FROM Users WHERE Username = ?")), "prepare with ?");
    SQLSMALLINT np = 0, type = 0, nullable = 0, digits = 0;
    SQLULEN size = 0;
    SQLNumParams(st, &np);
    ok(np == 1, "SQLNumParams 1");
    ok(SQLDescribeParam(st, 1, &type, &size, &digits, &nullable) == SQL_SUCCESS && type != 0,
       "SQLDescribeParam");
    /* data at execution in two pieces */
    SQLLEN dae = SQL_LEN_DATA_AT_EXEC(0);
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 64, 0, (SQLPOINTER)1, 0, &dae);
    SQLRETURN rc = SQLExecute(st);
    ok(rc == SQL_NEED_DATA, "SQLExecute: SQL_NEED_DATA");
    SQLPOINTER token = NULL;
    rc = SQLParamData(st, &token);
    ok(rc == SQL_NEED_DATA && token == (SQLPOINTER)1, "SQLParamData names parameter 1's token");
    SQLPutData(st, "user", 4);
    SQLPutData(st, "0033", SQL_NTS);
    rc = SQLParamData(st, &token);
    ok(SUCCEEDED(rc), "last SQLParamData executes");
    char name[16] = "";
    SQLLEN ind;
    SQLBindCol(st, 1, SQL_C_CHAR, name, sizeof name, &ind);
    ok(SUCCEEDED(SQLFetch(st)) && strcmp(name, "user0033") == 0, "row of the data-at-exec value: %s", name);
    SQLCloseCursor(st);
    /* parameter array: one result set per set */
    char vals[3][10] = {"user0001", "nobody", "user0003"};
    SQLLEN lens[3] = {SQL_NTS, SQL_NTS, SQL_NTS};
    SQLUSMALLINT pstatus[3];
    SQLULEN processed = 0;
    SQLSetStmtAttr(st, SQL_ATTR_PARAMSET_SIZE, (SQLPOINTER)3, 0);
    SQLSetStmtAttr(st, SQL_ATTR_PARAM_STATUS_PTR, pstatus, 0);
    SQLSetStmtAttr(st, SQL_ATTR_PARAMS_PROCESSED_PTR, &processed, 0);
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, vals, 10, lens);
    int per_set[3] = {0, 0, 0}, set = 0;
    rc = SQLExecute(st);
    ok(SUCCEEDED(rc) && processed == 1, "parameter array: first set executed");
    do {
        while (SUCCEEDED(SQLFetch(st)))
            per_set[set]++;
        set++;
    } while (set < 3 && SUCCEEDED(SQLMoreResults(st)));
    ok(per_set[0] == 1 && per_set[1] == 0 && per_set[2] == 1 && processed == 3,
       "SQLMoreResults walks the sets: %d %d %d", per_set[0], per_set[1], per_set[2]);
    ok(pstatus[0] == SQL_PARAM_SUCCESS && pstatus[2] == SQL_PARAM_SUCCESS, "parameter status array");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Every IRD field through SQLGetDescField agrees with SQLColAttribute. */
static void test_ird_sweep(SQLHDBC dbc)
{
    static const SQLSMALLINT num_fields[] = {
        SQL_DESC_CONCISE_TYPE, SQL_DESC_TYPE, SQL_DESC_LENGTH, SQL_DESC_OCTET_LENGTH,
        SQL_DESC_PRECISION, SQL_DESC_SCALE, SQL_DESC_NULLABLE, SQL_DESC_DISPLAY_SIZE,
        SQL_DESC_UNSIGNED, SQL_DESC_NUM_PREC_RADIX, SQL_DESC_SEARCHABLE, SQL_DESC_UPDATABLE,
        SQL_DESC_AUTO_UNIQUE_VALUE, SQL_DESC_CASE_SENSITIVE, SQL_DESC_FIXED_PREC_SCALE,
        SQL_DESC_UNNAMED,
    };
    static const SQLSMALLINT str_fields[] = {
        SQL_DESC_NAME, SQL_DESC_LABEL, SQL_DESC_BASE_COLUMN_NAME, SQL_DESC_BASE_TABLE_NAME,
        SQL_DESC_TABLE_NAME, SQL_DESC_SCHEMA_NAME, SQL_DESC_CATALOG_NAME, SQL_DESC_TYPE_NAME,
        SQL_DESC_LOCAL_TYPE_NAME, SQL_DESC_LITERAL_PREFIX, SQL_DESC_LITERAL_SUFFIX,
    };
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(exec(st, "SELECT Id, Username, IsEnabled, CreatedAt, LENGTH(Email) AS L, "
                          "2.5 AS D FROM Users WHERE 1 = 0")), "six typed columns");
    SQLHDESC ird = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_IMP_ROW_DESC, &ird, 0, NULL);
    int bad = 0, checked = 0;
    for (SQLUSMALLINT c = 1; c <= 6; c++) {
        for (size_t i = 0; i < sizeof num_fields / sizeof num_fields[0]; i++) {
            SQLLEN via_attr = -12345;
            SQLColAttribute(st, c, (SQLUSMALLINT)num_fields[i], NULL, 0, NULL, &via_attr);
            union { SQLLEN l; SQLINTEGER i; SQLSMALLINT s; } u;
            memset(&u, 0, sizeof u);
            SQLINTEGER len = 0;
            SQLRETURN rc = SQLGetDescField(ird, (SQLSMALLINT)c, num_fields[i], &u, sizeof u, &len);
            SQLLEN via_desc = len == (SQLINTEGER)sizeof(SQLSMALLINT) ? u.s
                            : len == (SQLINTEGER)sizeof(SQLINTEGER) ? u.i : u.l;
            if (num_fields[i] == SQL_DESC_LENGTH || num_fields[i] == SQL_DESC_OCTET_LENGTH ||
                num_fields[i] == SQL_DESC_DISPLAY_SIZE)
                via_desc = u.l;
            checked++;
            if (!SUCCEEDED(rc) || via_desc != via_attr) {
                bad++;
                printf("# column %u field %d: desc %ld attr %ld\n", (unsigned)c, (int)num_fields[i],
                       (long)via_desc, (long)via_attr);
            }
        }
        for (size_t i = 0; i < sizeof str_fields / sizeof str_fields[0]; i++) {
            char a[256] = "?", d[256] = "!";
            SQLSMALLINT al = 0;
            SQLINTEGER dl = 0;
            SQLColAttribute(st, c, (SQLUSMALLINT)str_fields[i], a, sizeof a, &al, NULL);
            SQLGetDescField(ird, (SQLSMALLINT)c, str_fields[i], d, sizeof d, &dl);
            checked++;
            if (strcmp(a, d) != 0) {
                bad++;
                printf("# column %u field %d: desc '%s' attr '%s'\n", (unsigned)c, (int)str_fields[i],
                       d, a);
            }
        }
    }
    ok(bad == 0, "SQLGetDescField(IRD) agrees with SQLColAttribute on %d fields", checked);
    SQLSMALLINT nl, type, digits, nullable;
    SQLULEN size;
    SQLCHAR name[64];
    SQLDescribeCol(st, 4, name, sizeof name, &nl, &type, &size, &digits, &nullable);
    ok(type == SQL_TYPE_TIMESTAMP && size >= 19 && digits == 3,
       "SQLDescribeCol(CreatedAt): TYPE_TIMESTAMP, size %lu, 3 digits", (unsigned long)size);
    SQLLEN disp = 0;
    SQLColAttribute(st, 1, SQL_DESC_DISPLAY_SIZE, NULL, 0, NULL, &disp);
    ok(disp == 36, "Id display size 36 (%ld)", (long)disp);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Statement and connection attributes round-trip; SQLNativeSql. */
static void test_attribute_roundtrip(SQLHDBC dbc)
{
    static const struct { SQLINTEGER attr; SQLULEN value; const char *name; } sa[] = {
        {SQL_ATTR_MAX_ROWS, 7, "MAX_ROWS"}, {SQL_ATTR_QUERY_TIMEOUT, 30, "QUERY_TIMEOUT"},
        {SQL_ATTR_ROW_ARRAY_SIZE, 5, "ROW_ARRAY_SIZE"}, {SQL_ATTR_ROW_BIND_TYPE, 64, "ROW_BIND_TYPE"},
        {SQL_ATTR_METADATA_ID, SQL_TRUE, "METADATA_ID"}, {SQL_ATTR_NOSCAN, SQL_NOSCAN_ON, "NOSCAN"},
        {SQL_ATTR_MAX_LENGTH, 0, "MAX_LENGTH"}, {SQL_ATTR_RETRIEVE_DATA, SQL_RD_OFF, "RETRIEVE_DATA"},
        {SQL_ATTR_CONCURRENCY, SQL_CONCUR_READ_ONLY, "CONCURRENCY"},
        {SQL_ATTR_CURSOR_TYPE, SQL_CURSOR_STATIC, "CURSOR_TYPE"},
        {SQL_ATTR_PARAMSET_SIZE, 3, "PARAMSET_SIZE"}, {SQL_ATTR_PARAM_BIND_TYPE, 32, "PARAM_BIND_TYPE"},
        {SQL_ROWSET_SIZE, 4, "ROWSET_SIZE"},
    };
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    int bad = 0;
    for (size_t i = 0; i < sizeof sa / sizeof sa[0]; i++) {
        SQLULEN got = 999;
        SQLRETURN rc = SQLSetStmtAttr(st, sa[i].attr, (SQLPOINTER)sa[i].value, 0);
        SQLGetStmtAttr(st, sa[i].attr, &got, 0, NULL);
        if (!SUCCEEDED(rc) || got != sa[i].value) {
            bad++;
            printf("# %s: set rc %d, got %lu\n", sa[i].name, (int)rc, (unsigned long)got);
        }
    }
    ok(bad == 0, "%zu statement attributes round-trip", sizeof sa / sizeof sa[0]);
    ok(SQLSetStmtAttr(st, 12345, (SQLPOINTER)1, 0) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "HY092") == 0, "unknown statement attribute: HY092");
    SQLFreeHandle(SQL_HANDLE_STMT, st);

    SQLUINTEGER v = 99;
    SQLGetConnectAttr(dbc, SQL_ATTR_ACCESS_MODE, &v, 0, NULL);
    ok(v == SQL_MODE_READ_ONLY, "SQL_ATTR_ACCESS_MODE is read-only");
    SQLGetConnectAttr(dbc, SQL_ATTR_CONNECTION_DEAD, &v, 0, NULL);
    ok(v == SQL_CD_FALSE, "SQL_ATTR_CONNECTION_DEAD is false");
    ok(SUCCEEDED(SQLSetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)9, 0)) &&
       SUCCEEDED(SQLGetConnectAttr(dbc, SQL_ATTR_LOGIN_TIMEOUT, &v, 0, NULL)) && v == 9,
       "SQL_ATTR_LOGIN_TIMEOUT round-trips");
    char out[256] = "";
    SQLINTEGER outlen = 0;
    SQLRETURN rc;
    if (wide) {
        SQLWCHAR *in = u16("SELECT {fn UCASE(Username)} FROM Users", NULL);
        SQLWCHAR wout[256];
        rc = SQLNativeSqlW(dbc, in, SQL_NTS, wout, 256, &outlen);
        char *o8 = u8(wout, outlen);
        snprintf(out, sizeof out, "%s", o8 ? o8 : "");
        free(o8);
        free(in);
    } else {
        rc = SQLNativeSql(dbc, (SQLCHAR *)"SELECT {fn UCASE(Username)} FROM Users", SQL_NTS,
                          (SQLCHAR *)out, sizeof out, &outlen);
    }
    ok(SUCCEEDED(rc) && strstr(out, "Username") != NULL && outlen == (SQLINTEGER)strlen(out),
       "SQLNativeSql: %s", out);
}

/** More conversions: unsigned widths, TIME, GUID, WCHAR of non-text, BINARY of an integer. */
static void test_more_conversions(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    const char *q = "SELECT 200 AS i, -1 AS n, TIMESTAMP '2024-01-31 10:20:30' AS ts, Id, 7 AS s "
                    "FROM Users WHERE Username = 'user0042'";
    SQLLEN ind;
    unsigned char ut;
    SQLUSMALLINT us;
    SQLUBIGINT ub;
    SQL_TIME_STRUCT tm;
    SQLGUID g;
    SQLWCHAR w[32];
    SQLINTEGER raw = 0;
#define ROW() (SQLCloseCursor(st), exec(st, q), SQLFetch(st), st)
    ok(SQLGetData(ROW(), 1, SQL_C_UTINYINT, &ut, 0, &ind) == SQL_SUCCESS && ut == 200, "UTINYINT 200");
    ok(SQLGetData(ROW(), 1, SQL_C_USHORT, &us, 0, &ind) == SQL_SUCCESS && us == 200, "USHORT 200");
    ok(SQLGetData(ROW(), 1, SQL_C_UBIGINT, &ub, 0, &ind) == SQL_SUCCESS && ub == 200, "UBIGINT 200");
    ok(SQLGetData(ROW(), 2, SQL_C_ULONG, &raw, 0, &ind) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "22003") == 0, "-1 as ULONG: 22003");
    ok(SQLGetData(ROW(), 3, SQL_C_TYPE_TIME, &tm, 0, &ind) != SQL_ERROR && tm.hour == 10 &&
       tm.minute == 20 && tm.second == 30, "TIMESTAMP as TIME struct");
    ok(SQLGetData(ROW(), 4, SQL_C_GUID, &g, 0, &ind) == SQL_SUCCESS && ind == sizeof g, "Id as GUID");
    ok(SQLGetData(ROW(), 5, SQL_C_WCHAR, w, sizeof w, &ind) == SQL_SUCCESS && w[0] == '7' &&
       w[1] == 0 && ind == 2, "7 as WCHAR");
    ok(SQLGetData(ROW(), 5, SQL_C_BINARY, &raw, sizeof raw, &ind) == SQL_SUCCESS && ind > 0,
       "INTEGER as BINARY");
    ok(SQLGetData(ROW(), 5, SQL_C_DEFAULT, &raw, sizeof raw, &ind) == SQL_SUCCESS, "SQL_C_DEFAULT");
#undef ROW
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** SQLBindParameter with the common C types, echoed back through the select list. */
static void test_param_types(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    char out[64];
    SQLLEN oind;
    /* integer compared with an INTEGER expression */
    SQLINTEGER n = 8;
    ok(SUCCEEDED(prepare(st, "SELECT Username FROM Users WHERE LENGTH(Username) = ? AND "
                             "Username = 'user0042'")), "prepare integer comparison");
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &n, 0, NULL);
    ok(SUCCEEDED(SQLExecute(st)) && SUCCEEDED(SQLFetch(st)), "SQL_C_SLONG parameter matches");
    SQLFreeStmt(st, SQL_CLOSE);
    SQLFreeStmt(st, SQL_RESET_PARAMS);
    /* double, bit, timestamp struct, WCHAR and NULL echoed back as text */
    ok(SUCCEEDED(prepare(st, "SELECT CAST(? AS VARCHAR) AS d, CAST(? AS VARCHAR) AS b, "
                             "CAST(? AS VARCHAR) AS ts, ? AS w, ? AS z FROM Users LIMIT 1")),
       "prepare five echoed parameters");
    double d = 2.5;
    unsigned char bit = 1;
    SQL_TIMESTAMP_STRUCT ts = {2024, 2, 29, 23, 59, 58, 0};
    SQLWCHAR *w = u16("\xc3\xa9t\xc3\xa9", NULL);
    SQLLEN wlen = SQL_NTS, nul = SQL_NULL_DATA;
    SQLINTEGER dummy = 0;
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_DOUBLE, SQL_DOUBLE, 0, 0, &d, 0, NULL);
    SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_BIT, SQL_BIT, 0, 0, &bit, 0, NULL);
    SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, 23, 3, &ts, 0, NULL);
    SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_WCHAR, SQL_WVARCHAR, 10, 0, w, 0, &wlen);
    SQLBindParameter(st, 5, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &dummy, 0, &nul);
    SQLRETURN rc = SQLExecute(st);
    if (!ok(SUCCEEDED(rc) && SUCCEEDED(SQLFetch(st)), "execute with DOUBLE, BIT, TIMESTAMP, WCHAR, NULL"))
        diag_dump(SQL_HANDLE_STMT, st);
    SQLGetData(st, 1, SQL_C_CHAR, out, sizeof out, &oind);
    ok(strcmp(out, "2.5") == 0, "SQL_C_DOUBLE 2.5 -> '%s'", out);
    SQLGetData(st, 2, SQL_C_CHAR, out, sizeof out, &oind);
    ok(strcmp(out, "1") == 0 || strcmp(out, "true") == 0 || strcmp(out, "TRUE") == 0,
       "SQL_C_BIT 1 -> '%s'", out);
    SQLGetData(st, 3, SQL_C_CHAR, out, sizeof out, &oind);
    ok(strncmp(out, "2024-02-29 23:59:58", 19) == 0, "SQL_C_TYPE_TIMESTAMP -> '%s'", out);
    SQLGetData(st, 4, SQL_C_CHAR, out, sizeof out, &oind);
    ok(strcmp(out, "\xc3\xa9t\xc3\xa9") == 0, "SQL_C_WCHAR -> UTF-8 '%s'", out);
    rc = SQLGetData(st, 5, SQL_C_CHAR, out, sizeof out, &oind);
    ok(SUCCEEDED(rc) && oind == SQL_NULL_DATA, "SQL_NULL_DATA parameter is NULL");
    free(w);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** SQLDescribeParam: each `?` takes the type of the column it is compared with; the IPD follows. */
static void test_describe_param(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(prepare(st, "SELECT Id FROM Users WHERE CreatedAt > ? AND IsEnabled = ? AND "
                             "Username LIKE ? AND Username = ?")), "prepare four typed parameters");
    SQLSMALLINT type = 0, digits = -1, nullable = -1;
    SQLULEN size = 0;
    ok(SQLDescribeParam(st, 1, &type, &size, &digits, &nullable) == SQL_SUCCESS &&
       type == SQL_TYPE_TIMESTAMP && size == 23 && digits == 3 && nullable == SQL_NULLABLE,
       "CreatedAt > ?: TIMESTAMP(23,3) (%d %lu %d %d)", type, (unsigned long)size, digits, nullable);
    ok(SQLDescribeParam(st, 2, &type, &size, &digits, &nullable) == SQL_SUCCESS && type == SQL_BIT,
       "IsEnabled = ?: BIT (%d)", type);
    ok(SQLDescribeParam(st, 3, &type, &size, &digits, &nullable) == SQL_SUCCESS &&
       type == SQL_WVARCHAR && size > 0, "LIKE ?: WVARCHAR (%d %lu)", type, (unsigned long)size);
    ok(SQLDescribeParam(st, 4, &type, &size, &digits, &nullable) == SQL_SUCCESS &&
       type == SQL_WVARCHAR, "Username = ?: WVARCHAR (%d)", type);
    ok(SQLDescribeParam(st, 5, &type, &size, &digits, &nullable) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "07009") == 0, "parameter 5: 07009");
    SQLHDESC ipd = NULL;
    SQLINTEGER len = 0;
    SQLSMALLINT ctype = 0;
    SQLGetStmtAttr(st, SQL_ATTR_IMP_PARAM_DESC, &ipd, 0, &len);
    SQLRETURN grc = ipd ? SQLGetDescField(ipd, 2, SQL_DESC_CONCISE_TYPE, &ctype, 0, &len) : SQL_ERROR;
    ok(grc == SQL_SUCCESS && ctype == SQL_BIT, "IPD record 2 describes BIT (%d)", ctype);
    /* the described type binds and runs: a timestamp struct and a bit */
    SQL_TIMESTAMP_STRUCT ts = {2000, 1, 1, 0, 0, 0, 0};
    unsigned char bit = 1;
    char pat[] = "user004%", name[] = "user0042";
    SQLDescribeParam(st, 1, &type, &size, &digits, &nullable);
    SQLBindParameter(st, 1, SQL_PARAM_INPUT, SQL_C_TYPE_TIMESTAMP, type, size, digits, &ts, 0, NULL);
    SQLDescribeParam(st, 2, &type, &size, &digits, &nullable);
    SQLBindParameter(st, 2, SQL_PARAM_INPUT, SQL_C_BIT, type, size, digits, &bit, 0, NULL);
    SQLBindParameter(st, 3, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 16, 0, pat, 0, NULL);
    SQLBindParameter(st, 4, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 16, 0, name, 0, NULL);
    SQLRETURN rc = SQLExecute(st);
    if (!ok(SUCCEEDED(rc), "execute with the described types"))
        diag_dump(SQL_HANDLE_STMT, st);
    SQLCloseCursor(st);
    /* an integer column, arithmetic, a procedure argument */
    ok(SUCCEEDED(prepare(st, "SELECT Name FROM Populations WHERE UserCount >= ? AND UserCount + ? > 0")),
       "prepare integer comparisons");
    ok(SQLDescribeParam(st, 1, &type, &size, &digits, &nullable) == SQL_SUCCESS &&
       (type == SQL_INTEGER || type == SQL_BIGINT), "UserCount >= ?: INTEGER (%d)", type);
    ok(SQLDescribeParam(st, 2, &type, &size, &digits, &nullable) == SQL_SUCCESS &&
       (type == SQL_INTEGER || type == SQL_BIGINT), "UserCount + ?: INTEGER (%d)", type);
    /* a ? inside CAST, CASE and function arguments */
    ok(SUCCEEDED(prepare(st, "SELECT Id FROM Users WHERE CAST(? AS INTEGER) > 0 AND "
                             "CASE WHEN IsEnabled = ? THEN ? END = CreatedAt AND "
                             "LEFT(Username, ?) = ?")), "prepare parameters in CAST, CASE, LEFT");
    static const SQLSMALLINT want[] = {SQL_INTEGER, SQL_BIT, SQL_TYPE_TIMESTAMP, SQL_INTEGER,
                                       SQL_WVARCHAR};
    static const char *what[] = {"CAST(? AS INTEGER)", "CASE WHEN IsEnabled = ?", "THEN ? ... = CreatedAt",
                                 "LEFT(Username, ?)", "LEFT(...) = ?"};
    for (SQLUSMALLINT i = 1; i <= 5; i++) {
        type = 0;
        SQLRETURN drc = SQLDescribeParam(st, i, &type, &size, &digits, &nullable);
        ok(drc == SQL_SUCCESS && type == want[i - 1], "%s: type %d (want %d)", what[i - 1], type,
           want[i - 1]);
    }
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Magnitude of a SQL_NUMERIC_STRUCT's low 8 bytes. */
static unsigned long long numeric_low(const SQL_NUMERIC_STRUCT *ns)
{
    unsigned long long m = 0;
    for (int k = 7; k >= 0; k--)
        m = m << 8 | ns->val[k];
    return m;
}

/** SQL_C_NUMERIC honours the ARD's SQL_DESC_PRECISION and SQL_DESC_SCALE (SQLBindCol and SQLGetData). */
static void test_numeric_ard(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    const char *q = "SELECT 12.345 AS x, -2.5 AS y, 123456 AS z FROM Users LIMIT 1";
    SQLHDESC ard = NULL;
    SQLGetStmtAttr(st, SQL_ATTR_APP_ROW_DESC, &ard, 0, NULL);
    SQL_NUMERIC_STRUCT nx, ny, nz;
    SQLLEN ix = 0, iy = 0, iz = 0;
    SQLBindCol(st, 1, SQL_C_NUMERIC, &nx, sizeof nx, &ix);
    SQLSMALLINT prec = 0;
    SQLGetDescField(ard, 1, SQL_DESC_PRECISION, &prec, 0, NULL);
    ok(prec == 38, "SQLBindCol SQL_C_NUMERIC: ARD precision defaults to 38 (%d)", prec);
    SQLSetDescField(ard, 1, SQL_DESC_PRECISION, (SQLPOINTER)10, 0);
    SQLSetDescField(ard, 1, SQL_DESC_SCALE, (SQLPOINTER)3, 0);
    SQLSetDescField(ard, 1, SQL_DESC_DATA_PTR, &nx, 0);
    SQLBindCol(st, 2, SQL_C_NUMERIC, &ny, sizeof ny, &iy);
    SQLSetDescField(ard, 2, SQL_DESC_PRECISION, (SQLPOINTER)5, 0);
    SQLSetDescField(ard, 2, SQL_DESC_SCALE, (SQLPOINTER)2, 0);
    SQLSetDescField(ard, 2, SQL_DESC_DATA_PTR, &ny, 0);
    SQLBindCol(st, 3, SQL_C_NUMERIC, &nz, sizeof nz, &iz);
    SQLSetDescField(ard, 3, SQL_DESC_PRECISION, (SQLPOINTER)4, 0);
    SQLSetDescField(ard, 3, SQL_DESC_SCALE, (SQLPOINTER)0, 0);
    SQLSetDescField(ard, 3, SQL_DESC_DATA_PTR, &nz, 0);
    SQLRETURN rc = exec(st, q);
    ok(SUCCEEDED(rc), "query for NUMERIC precision and scale");
    rc = SQLFetch(st);
    ok(rc == SQL_ERROR || rc == SQL_SUCCESS_WITH_INFO, "fetch reports the column that does not fit (%d)", rc);
    ok(nx.precision == 10 && nx.scale == 3 && nx.sign == 1 && numeric_low(&nx) == 12345,
       "12.345 as NUMERIC(10,3): 12345 (prec %d scale %d mag %llu)", nx.precision, nx.scale, numeric_low(&nx));
    ok(ny.precision == 5 && ny.scale == 2 && ny.sign == 0 && numeric_low(&ny) == 250,
       "-2.5 as NUMERIC(5,2): -250 (mag %llu)", numeric_low(&ny));
    int saw_22003 = 0;
    char state[6];
    for (SQLSMALLINT i = 1; SQLGetDiagRec(SQL_HANDLE_STMT, st, i, (SQLCHAR *)state, NULL, NULL, 0, NULL) !=
         SQL_NO_DATA && i < 10; i++)
        if (strcmp(state, "22003") == 0)
            saw_22003 = 1;
    ok(saw_22003, "123456 as NUMERIC(4,0): 22003");
    SQLCloseCursor(st);
    SQLFreeStmt(st, SQL_UNBIND);
    /* SQLGetData uses the ARD record of the column when it describes a NUMERIC */
    SQLSetDescField(ard, 1, SQL_DESC_CONCISE_TYPE, (SQLPOINTER)SQL_C_NUMERIC, 0);
    SQLSetDescField(ard, 1, SQL_DESC_PRECISION, (SQLPOINTER)6, 0);
    SQLSetDescField(ard, 1, SQL_DESC_SCALE, (SQLPOINTER)2, 0);
    SQLRETURN erc = exec(st, q), frc = SUCCEEDED(erc) ? SQLFetch(st) : SQL_ERROR;
    if (!ok(erc == SQL_SUCCESS && frc == SQL_SUCCESS, "query for SQLGetData NUMERIC: the ARD record "
            "without a buffer is not fetched into (%d %d)", erc, frc))
        diag_dump(SQL_HANDLE_STMT, st);
    memset(&nx, 0, sizeof nx);
    rc = SQLGetData(st, 1, SQL_C_NUMERIC, &nx, sizeof nx, &ix);
    ok(rc == SQL_SUCCESS_WITH_INFO && strcmp(state_of(SQL_HANDLE_STMT, st), "01S07") == 0 &&
       nx.precision == 6 && nx.scale == 2 && numeric_low(&nx) == 1234,
       "SQLGetData 12.345 with ARD NUMERIC(6,2): 1234 and 01S07 (rc %d mag %llu)", rc, numeric_low(&nx));
    memset(&ny, 0, sizeof ny);
    rc = SQLGetData(st, 2, SQL_C_NUMERIC, &ny, sizeof ny, &iy);
    ok(rc == SQL_SUCCESS_WITH_INFO && ny.precision == 38 && ny.scale == 0 && numeric_low(&ny) == 2,
       "SQLGetData without an ARD record: defaults 38, 0 (rc %d)", rc);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** SQL_ATTR_METADATA_ID: catalog arguments become identifiers, not patterns. */
static void test_metadata_id(SQLHDBC dbc)
{
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    int n = 0;
    SQLTables(st, NULL, 0, NULL, 0, (SQLCHAR *)"User_", SQL_NTS, (SQLCHAR *)"TABLE", SQL_NTS);
    while (SUCCEEDED(SQLFetch(st)))
        n++;
    SQLCloseCursor(st);
    ok(n >= 1, "pattern User_ matches Users (%d rows)", n);
    SQLSetStmtAttr(st, SQL_ATTR_METADATA_ID, (SQLPOINTER)SQL_TRUE, 0);
    n = 0;
    SQLTables(st, NULL, 0, NULL, 0, (SQLCHAR *)"User_", SQL_NTS, (SQLCHAR *)"TABLE", SQL_NTS);
    while (SUCCEEDED(SQLFetch(st)))
        n++;
    SQLCloseCursor(st);
    ok(n == 0, "with METADATA_ID, User_ is an identifier: no table (%d rows)", n);
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

/** Run the whole sequence on a connected dbc. */
/** SQLBulkOperations: exported, every operation fails on the read-only source; info stays truthful. */
static void test_bulk_operations(SQLHDBC dbc)
{
    SQLUSMALLINT supported = 0;
    SQLGetFunctions(dbc, SQL_API_SQLBULKOPERATIONS, &supported);
    ok(supported == SQL_TRUE, "SQLGetFunctions reports SQLBulkOperations");
    const SQLUINTEGER bulk = SQL_CA1_BULK_ADD | SQL_CA1_BULK_UPDATE_BY_BOOKMARK |
                             SQL_CA1_BULK_DELETE_BY_BOOKMARK | SQL_CA1_BULK_FETCH_BY_BOOKMARK;
    SQLUINTEGER fwd = 0, stat = 0;
    SQLGetInfo(dbc, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, &fwd, sizeof fwd, NULL);
    SQLGetInfo(dbc, SQL_STATIC_CURSOR_ATTRIBUTES1, &stat, sizeof stat, NULL);
    ok(fwd && stat && !(fwd & bulk) && !(stat & bulk), "no SQL_CA1_BULK_* bits in the cursor attributes");
    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(exec(st, TEN_USERS)), "query for SQLBulkOperations");
    ok(SUCCEEDED(SQLFetch(st)), "fetch");
    ok(SQLBulkOperations(st, SQL_ADD) == SQL_ERROR && strcmp(state_of(SQL_HANDLE_STMT, st), "HY092") == 0,
       "SQL_ADD fails: HY092 (read-only concurrency)");
    ok(SQLBulkOperations(st, SQL_UPDATE_BY_BOOKMARK) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "HY092") == 0, "SQL_UPDATE_BY_BOOKMARK fails: HY092");
    ok(SQLBulkOperations(st, SQL_DELETE_BY_BOOKMARK) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "HY092") == 0, "SQL_DELETE_BY_BOOKMARK fails: HY092");
    ok(SQLBulkOperations(st, SQL_FETCH_BY_BOOKMARK) == SQL_ERROR &&
       strcmp(state_of(SQL_HANDLE_STMT, st), "HYC00") == 0, "SQL_FETCH_BY_BOOKMARK fails: HYC00");
    ok(SUCCEEDED(SQLFetch(st)), "the cursor still fetches afterwards");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
}

static void run_all(SQLHDBC dbc)
{
    test_row_arrays(dbc);
    test_chunks(dbc);
    test_conversions(dbc);
    test_descriptors(dbc);
    test_diagnostics(dbc);
    test_attributes(dbc);
    test_parameters(dbc);
    test_ird_sweep(dbc);
    test_attribute_roundtrip(dbc);
    test_more_conversions(dbc);
    test_param_types(dbc);
    test_describe_param(dbc);
    test_numeric_ard(dbc);
    test_metadata_id(dbc);
    test_bulk_operations(dbc);
}

/** An ODBC 2 application (SQLAllocEnv, SQLError, SQLExtendedFetch, SQLColAttributes). */
static void test_odbc2(const char *dsn)
{
    tap_tag = "ODBC2";
    wide = 0;
    SQLHENV env;
    SQLHDBC dbc;
    SQLHSTMT st;
    SQLAllocEnv(&env);
    SQLAllocConnect(env, &dbc);
    if (!ok(SUCCEEDED(SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0)), "SQLConnect")) {
        diag_dump(SQL_HANDLE_DBC, dbc);
        return;
    }
    SQLAllocStmt(dbc, &st);
    ok(SQLExecDirect(st, (SQLCHAR *)"SELECT Id FROM NoSuchTable", SQL_NTS) == SQL_ERROR, "unknown table fails");
    SQLCHAR state[6] = "", msg[256];
    SQLINTEGER native;
    SQLSMALLINT ml;
    SQLError(env, dbc, st, state, &native, msg, sizeof msg, &ml);
    ok(strcmp((char *)state, "S0002") == 0, "SQLError: ODBC 2 state S0002 (%s)", state);
    ok(SUCCEEDED(SQLColumns(st, NULL, 0, NULL, 0, (SQLCHAR *)"Users", SQL_NTS, NULL, 0)),
       "SQLColumns(Users)");
    SQLCHAR name[64] = "";
    SQLDescribeCol(st, 1, name, sizeof name, NULL, NULL, NULL, NULL, NULL);
    ok(strcmp((char *)name, "TABLE_QUALIFIER") == 0, "ODBC 2 catalog column name %s", name);
    SQLFreeStmt(st, SQL_CLOSE);
    SQLSetStmtOption(st, SQL_ROWSET_SIZE, 4);
    ok(SUCCEEDED(SQLExecDirect(st, (SQLCHAR *)TEN_USERS, SQL_NTS)), "ten users");
    char names[4][16];
    SQLLEN ind[4];
    SQLBindCol(st, 1, SQL_C_CHAR, names, sizeof names[0], ind);
    SQLULEN rows = 0;
    SQLUSMALLINT status[4];
    SQLRETURN rc = SQLExtendedFetch(st, SQL_FETCH_NEXT, 0, &rows, status);
    ok(SUCCEEDED(rc) && rows == 4 && strcmp(names[3], "user0103") == 0, "SQLExtendedFetch: rowset of 4");
    SQLLEN type = 0;
    SQLColAttributes(st, 1, SQL_COLUMN_TYPE, NULL, 0, NULL, &type);
    ok(type == SQL_WVARCHAR, "SQLColAttributes(SQL_COLUMN_TYPE) %ld", (long)type);
    SQLFreeStmt(st, SQL_DROP);
    SQLDisconnect(dbc);
    SQLFreeConnect(dbc);
    SQLFreeEnv(env);
}

int main(void)
{
    const char *dsn = need_env("P1_DSN");
    const char *connstr = need_env("P1_CONNSTR");
    for (int pass = 0; pass < 2; pass++) {
        wide = pass == 1;
        tap_tag = wide ? "W" : "A";
        SQLHENV env;
        SQLHDBC dbc;
        SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
        SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3, 0);
        SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
        SQLRETURN rc;
        if (!wide) {
            rc = SQLConnect(dbc, (SQLCHAR *)dsn, SQL_NTS, NULL, 0, NULL, 0);
        } else {
            SQLWCHAR *w = u16(connstr, NULL);
            SQLWCHAR out[1024];
            SQLSMALLINT outlen = 0;
            rc = SQLDriverConnectW(dbc, NULL, w, SQL_NTS, out, 1024, &outlen, SQL_DRIVER_NOPROMPT);
            free(w);
        }
        if (!ok(SUCCEEDED(rc), "connect")) {
            diag_dump(SQL_HANDLE_DBC, dbc);
            continue;
        }
        run_all(dbc);
        SQLDisconnect(dbc);
        SQLFreeHandle(SQL_HANDLE_DBC, dbc);
        SQLFreeHandle(SQL_HANDLE_ENV, env);
    }
    test_odbc2(dsn);
    return done_testing();
}
