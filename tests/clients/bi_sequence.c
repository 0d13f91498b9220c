/**
 * @file bi_sequence.c
 * A BI tool's connect sequence replayed call by call through the unixODBC
 * driver manager against the emulator (TAP), as the reference describes
 * Power BI, Tableau and Excel: SQLDriverConnectW, SQLGetFunctions, a storm
 * of SQLGetInfo (every info type they ask, including SQL_DTC_TRANSITION_COST
 * and SQL_RETURN_ESCAPE_CLAUSE), SQLGetTypeInfo, the SQLTables
 * enumerations, SQLColumns, SQLPrimaryKeys, SQLForeignKeys, `WHERE 1=0`
 * and `TOP 0` metadata probes, then a data query fetched with SQLGetData.
 * Every call must succeed (unknown info types: a value or HY096, no crash).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/integration/c_common.h"
#include "tests/tap.h"


/** Execute W text. */
static SQLRETURN execw(SQLHSTMT st, const char *sql)
{
    return exec_text(1, st, sql);
}

/** Fetch every row of st reading every column with SQLGetData(SQL_C_WCHAR); returns rows or -1. */
static int drain(SQLHSTMT st)
{
    SQLSMALLINT ncols = 0;
    if (!SUCCEEDED(SQLNumResultCols(st, &ncols)))
        return -1;
    int rows = 0;
    SQLRETURN rc;
    while ((rc = SQLFetch(st)) == SQL_SUCCESS || rc == SQL_SUCCESS_WITH_INFO) {
        for (SQLSMALLINT c = 1; c <= ncols; c++) {
            SQLWCHAR buf[512];
            SQLLEN ind;
            SQLRETURN g = SQLGetData(st, (SQLUSMALLINT)c, SQL_C_WCHAR, buf, sizeof buf, &ind);
            if (!SUCCEEDED(g)) {
                diag_dump(SQL_HANDLE_STMT, st);
                return -1;
            }
        }
        rows++;
    }
    if (rc != SQL_NO_DATA) {
        diag_dump(SQL_HANDLE_STMT, st);
        return -1;
    }
    SQLCloseCursor(st);
    return rows;
}

/** SQLGetInfoW for every info type BI tools ask (numbers: the ODBC headers' values). */
static void info_storm(SQLHDBC dbc)
{
    static const SQLUSMALLINT types[] = {
        SQL_DRIVER_NAME, SQL_DRIVER_VER, SQL_DRIVER_ODBC_VER, SQL_ODBC_VER, SQL_DBMS_NAME,
        SQL_DBMS_VER, SQL_DATA_SOURCE_NAME, SQL_SERVER_NAME, SQL_USER_NAME, SQL_DATABASE_NAME,
        SQL_SQL_CONFORMANCE, SQL_ODBC_INTERFACE_CONFORMANCE, SQL_CATALOG_USAGE, SQL_SCHEMA_USAGE,
        SQL_CATALOG_NAME, SQL_CATALOG_NAME_SEPARATOR, SQL_CATALOG_TERM, SQL_SCHEMA_TERM,
        SQL_TABLE_TERM, SQL_PROCEDURE_TERM, SQL_IDENTIFIER_QUOTE_CHAR, SQL_IDENTIFIER_CASE,
        SQL_QUOTED_IDENTIFIER_CASE, SQL_SEARCH_PATTERN_ESCAPE, SQL_SPECIAL_CHARACTERS,
        SQL_AGGREGATE_FUNCTIONS, SQL_NUMERIC_FUNCTIONS, SQL_STRING_FUNCTIONS,
        SQL_TIMEDATE_FUNCTIONS, SQL_SYSTEM_FUNCTIONS, SQL_TIMEDATE_ADD_INTERVALS,
        SQL_TIMEDATE_DIFF_INTERVALS, SQL_DATETIME_LITERALS, SQL_SQL92_PREDICATES,
        SQL_SQL92_VALUE_EXPRESSIONS, SQL_SQL92_RELATIONAL_JOIN_OPERATORS, SQL_SQL92_STRING_FUNCTIONS,
        SQL_SQL92_NUMERIC_VALUE_FUNCTIONS, SQL_SQL92_DATETIME_FUNCTIONS, SQL_CONVERT_FUNCTIONS,
        SQL_CONVERT_BIGINT, SQL_CONVERT_BIT, SQL_CONVERT_CHAR, SQL_CONVERT_DOUBLE,
        SQL_CONVERT_INTEGER, SQL_CONVERT_TIMESTAMP, SQL_CONVERT_VARCHAR, SQL_CONVERT_WVARCHAR,
        SQL_CONVERT_WCHAR, SQL_CONVERT_DECIMAL, SQL_CONVERT_NUMERIC, SQL_CONVERT_FLOAT,
        SQL_CONVERT_REAL, SQL_CONVERT_SMALLINT, SQL_CONVERT_TINYINT, SQL_CONVERT_DATE,
        SQL_CONVERT_TIME, SQL_CONVERT_LONGVARCHAR, SQL_CONVERT_WLONGVARCHAR, SQL_CONVERT_BINARY,
        SQL_CONVERT_VARBINARY, SQL_CONVERT_LONGVARBINARY, SQL_CONVERT_GUID, SQL_GROUP_BY,
        SQL_ORDER_BY_COLUMNS_IN_SELECT, SQL_COLUMN_ALIAS, SQL_OJ_CAPABILITIES, SQL_OUTER_JOINS,
        SQL_SUBQUERIES, SQL_UNION, SQL_CORRELATION_NAME, SQL_EXPRESSIONS_IN_ORDERBY,
        SQL_GETDATA_EXTENSIONS, SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CURSOR_ROLLBACK_BEHAVIOR,
        SQL_TXN_CAPABLE, SQL_DEFAULT_TXN_ISOLATION, SQL_MAX_IDENTIFIER_LEN,
        SQL_MAX_COLUMN_NAME_LEN, SQL_MAX_TABLE_NAME_LEN, SQL_MAX_SCHEMA_NAME_LEN,
        SQL_MAX_CATALOG_NAME_LEN, SQL_MAX_COLUMNS_IN_SELECT, SQL_MAX_STATEMENT_LEN,
        SQL_MAX_CHAR_LITERAL_LEN, SQL_DATA_SOURCE_READ_ONLY, SQL_ACCESSIBLE_TABLES,
        SQL_SCROLL_OPTIONS, SQL_STATIC_CURSOR_ATTRIBUTES1, SQL_STATIC_CURSOR_ATTRIBUTES2,
        SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2,
        SQL_KEYSET_CURSOR_ATTRIBUTES1, SQL_DYNAMIC_CURSOR_ATTRIBUTES1, SQL_CURSOR_SENSITIVITY,
        SQL_BATCH_SUPPORT, SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARAM_ARRAY_SELECTS,
        SQL_NULL_COLLATION, SQL_CONCAT_NULL_BEHAVIOR, SQL_NON_NULLABLE_COLUMNS, SQL_KEYWORDS,
        SQL_LIKE_ESCAPE_CLAUSE, SQL_MULT_RESULT_SETS, SQL_MULTIPLE_ACTIVE_TXN,
        SQL_ASYNC_MODE, SQL_MAX_ASYNC_CONCURRENT_STATEMENTS, SQL_MAX_DRIVER_CONNECTIONS,
        SQL_NEED_LONG_DATA_LEN, SQL_TXN_ISOLATION_OPTION, SQL_SQL92_GRANT, SQL_SQL92_REVOKE,
        SQL_INSERT_STATEMENT, SQL_DDL_INDEX, SQL_CREATE_TABLE, SQL_DROP_TABLE, SQL_ALTER_TABLE,
        SQL_POS_OPERATIONS, SQL_BOOKMARK_PERSISTENCE, SQL_DESCRIBE_PARAMETER, SQL_ROW_UPDATES,
        SQL_INDEX_KEYWORDS, SQL_INFO_SCHEMA_VIEWS, SQL_DM_VER, SQL_XOPEN_CLI_YEAR,
        SQL_STANDARD_CLI_CONFORMANCE, SQL_AGGREGATE_FUNCTIONS,
        1750 /* SQL_DTC_TRANSITION_COST */, 180 /* SQL_RETURN_ESCAPE_CLAUSE */,
    };
    int failed = 0;
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        SQLWCHAR buf[2048];
        SQLSMALLINT len = 0;
        SQLRETURN rc = SQLGetInfoW(dbc, types[i], buf, sizeof buf, &len);
        if (!SUCCEEDED(rc)) {
            printf("# SQLGetInfoW(%u) failed\n", (unsigned)types[i]);
            diag_dump(SQL_HANDLE_DBC, dbc);
            failed++;
        }
    }
    ok(failed == 0, "SQLGetInfoW storm: %zu info types answered", sizeof types / sizeof types[0]);
    SQLUINTEGER cost = 99;
    ok(SUCCEEDED(SQLGetInfoW(dbc, 1750, &cost, sizeof cost, NULL)) && cost == 0,
       "SQL_DTC_TRANSITION_COST is 0 (no distributed transactions)");
    SQLUINTEGER esc = 99;
    ok(SUCCEEDED(SQLGetInfoW(dbc, 180, &esc, sizeof esc, NULL)) && esc == 0,
       "SQL_RETURN_ESCAPE_CLAUSE is 0 (none)");
    SQLWCHAR junk[64];
    SQLRETURN rc = SQLGetInfoW(dbc, 31999, junk, sizeof junk, NULL);
    char state[6] = "";
    char msg[256];
    if (rc == SQL_ERROR)
        diag_w(SQL_HANDLE_DBC, dbc, state, msg, sizeof msg);
    ok(rc == SQL_ERROR && strcmp(state, "HY096") == 0, "unknown info type: HY096 (%s)", state);
}

int main(void)
{
    const char *connstr = need_env("P1_CONNSTR");
    SQLHENV env;
    SQLHDBC dbc;
    SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env);
    SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (SQLPOINTER)SQL_OV_ODBC3_80, 0);
    SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc);
    SQLSetConnectAttrW(dbc, SQL_ATTR_LOGIN_TIMEOUT, (SQLPOINTER)15, 0);
    /* Power Query adds keys of its own to the connection string */
    char cs[4096];
    snprintf(cs, sizeof cs, "%s;LoginTimeout=15;PBIExtra={x;y}", connstr);
    SQLWCHAR *w = u16(cs, NULL);
    SQLWCHAR out[2048];
    SQLSMALLINT outlen = 0;
    SQLRETURN rc = SQLDriverConnectW(dbc, NULL, w, SQL_NTS, out, 2048, &outlen, SQL_DRIVER_NOPROMPT);
    free(w);
    if (!ok(SUCCEEDED(rc), "SQLDriverConnectW with an unknown key")) {
        diag_dump(SQL_HANDLE_DBC, dbc);
        done_testing();
        return 1;
    }
    SQLUSMALLINT funcs[SQL_API_ODBC3_ALL_FUNCTIONS_SIZE];
    ok(SQLGetFunctions(dbc, SQL_API_ODBC3_ALL_FUNCTIONS, funcs) == SQL_SUCCESS &&
       SQL_FUNC_EXISTS(funcs, SQL_API_SQLMORERESULTS) && SQL_FUNC_EXISTS(funcs, SQL_API_SQLDESCRIBEPARAM) &&
       SQL_FUNC_EXISTS(funcs, SQL_API_SQLGETDESCFIELD), "SQLGetFunctions bitmap");
    info_storm(dbc);
    SQLUINTEGER ac = 0;
    ok(SUCCEEDED(SQLGetConnectAttrW(dbc, SQL_ATTR_AUTOCOMMIT, &ac, 0, NULL)), "autocommit readable");
    ok(SUCCEEDED(SQLSetConnectAttrW(dbc, SQL_ATTR_AUTOCOMMIT, (SQLPOINTER)SQL_AUTOCOMMIT_OFF, 0)),
       "autocommit off accepted (read-only driver)");

    SQLHSTMT st;
    SQLAllocHandle(SQL_HANDLE_STMT, dbc, &st);
    ok(SUCCEEDED(SQLGetTypeInfoW(st, SQL_ALL_TYPES)) && drain(st) >= 5, "SQLGetTypeInfoW(SQL_ALL_TYPES)");
    SQLWCHAR *pct = u16("%", NULL), *empty = u16("", NULL), *users = u16("Users", NULL);
    SQLWCHAR *types = u16("TABLE,VIEW,SYSTEM TABLE", NULL);
    ok(SUCCEEDED(SQLTablesW(st, pct, SQL_NTS, empty, 0, empty, 0, NULL, 0)) && drain(st) >= 0,
       "SQLTables catalog enumeration");
    ok(SUCCEEDED(SQLTablesW(st, empty, 0, pct, SQL_NTS, empty, 0, NULL, 0)) && drain(st) >= 1,
       "SQLTables schema enumeration");
    ok(SUCCEEDED(SQLTablesW(st, empty, 0, empty, 0, empty, 0, pct, SQL_NTS)) && drain(st) >= 1,
       "SQLTables table-type enumeration");
    ok(SUCCEEDED(SQLTablesW(st, NULL, 0, NULL, 0, pct, SQL_NTS, types, SQL_NTS)) && drain(st) >= 4,
       "SQLTables of every table");
    ok(SUCCEEDED(SQLColumnsW(st, NULL, 0, NULL, 0, users, SQL_NTS, pct, SQL_NTS)) && drain(st) >= 12,
       "SQLColumnsW(Users)");
    ok(SUCCEEDED(SQLPrimaryKeysW(st, NULL, 0, NULL, 0, users, SQL_NTS)) && drain(st) >= 1,
       "SQLPrimaryKeysW(Users)");
    ok(SUCCEEDED(SQLForeignKeysW(st, NULL, 0, NULL, 0, users, SQL_NTS, NULL, 0, NULL, 0, NULL, 0)) &&
       drain(st) >= 0, "SQLForeignKeysW (Users as primary key table)");
    SQLWCHAR *uga = u16("UserGroupAssociations", NULL);
    ok(SUCCEEDED(SQLForeignKeysW(st, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, uga, SQL_NTS)) &&
       drain(st) >= 0, "SQLForeignKeysW (UserGroupAssociations as foreign key table)");
    ok(SUCCEEDED(SQLStatisticsW(st, NULL, 0, NULL, 0, users, SQL_NTS, SQL_INDEX_ALL, SQL_QUICK)) &&
       drain(st) >= 0, "SQLStatisticsW(Users)");
    ok(SUCCEEDED(SQLSpecialColumnsW(st, SQL_BEST_ROWID, NULL, 0, NULL, 0, users, SQL_NTS,
                                    SQL_SCOPE_SESSION, SQL_NULLABLE)) && drain(st) >= 0,
       "SQLSpecialColumnsW(Users)");
    ok(SUCCEEDED(SQLProceduresW(st, NULL, 0, NULL, 0, pct, SQL_NTS)) && drain(st) >= 0, "SQLProceduresW");
    free(pct); free(empty); free(users); free(types); free(uga);

    /* metadata probes: no rows, full column descriptions */
    ok(SUCCEEDED(execw(st, "SELECT * FROM Users WHERE 1=0")), "WHERE 1=0 probe");
    SQLSMALLINT ncols = 0;
    SQLNumResultCols(st, &ncols);
    int described = 1;
    for (SQLSMALLINT c = 1; c <= ncols; c++) {
        SQLWCHAR name[256];
        SQLSMALLINT nl, type, digits, nullable;
        SQLULEN size;
        SQLLEN disp = 0, length = 0;
        if (!SUCCEEDED(SQLDescribeColW(st, (SQLUSMALLINT)c, name, 256, &nl, &type, &size, &digits, &nullable)) ||
            !SUCCEEDED(SQLColAttributeW(st, (SQLUSMALLINT)c, SQL_DESC_DISPLAY_SIZE, NULL, 0, NULL, &disp)) ||
            !SUCCEEDED(SQLColAttributeW(st, (SQLUSMALLINT)c, SQL_DESC_LENGTH, NULL, 0, NULL, &length)) ||
            disp <= 0)
            described = 0;
    }
    ok(ncols >= 12 && described, "every column described (%d)", ncols);
    ok(drain(st) == 0, "the probe returns no rows");
    ok(SUCCEEDED(execw(st, "SELECT TOP 0 Id, Username FROM Users")) && drain(st) == 0, "TOP 0 probe");
    ok(SUCCEEDED(execw(st, "SELECT Id, Username FROM Users LIMIT 0")) && drain(st) == 0, "LIMIT 0 probe");

    /* the data query, read with SQLGetData as Power BI does */
    ok(SUCCEEDED(execw(st, "SELECT Type, COUNT(*) AS N FROM Users GROUP BY Type")) && drain(st) >= 1,
       "aggregate query read with SQLGetData");
    ok(SUCCEEDED(execw(st, "SELECT {fn UCASE(Username)} AS U, {fn YEAR(CreatedAt)} AS Y FROM Users "
                           "WHERE CreatedAt >= {ts '2022-01-01 00:00:00'} LIMIT 100")) && drain(st) >= 1,
       "ODBC escape functions and literals");
    SQLFreeHandle(SQL_HANDLE_STMT, st);
    ok(SUCCEEDED(SQLEndTran(SQL_HANDLE_DBC, dbc, SQL_COMMIT)), "SQLEndTran(COMMIT)");
    ok(SUCCEEDED(SQLDisconnect(dbc)), "disconnect");
    SQLFreeHandle(SQL_HANDLE_DBC, dbc);
    SQLFreeHandle(SQL_HANDLE_ENV, env);
    return done_testing();
}
