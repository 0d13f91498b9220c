/**
 * @file functions.h
 * The ODBC functions this driver exports, as SQL_API_* ids. SQLGetFunctions
 * answers from this one list (single ids, the ODBC 2 100-entry array and the
 * ODBC 3 bitmap), so the answer always matches the exported symbols; the
 * export check in tests/unit/check_exports.sh compares the two.
 */
#ifndef P1_DRIVER_FUNCTIONS_H
#define P1_DRIVER_FUNCTIONS_H

#include <sql.h>
#include <sqlext.h>

/* X(SQL_API id, exported name, has a W twin) */
#define P1_FUNCTIONS(X) \
    X(SQL_API_SQLALLOCHANDLE, SQLAllocHandle, 0) \
    X(SQL_API_SQLFREEHANDLE, SQLFreeHandle, 0) \
    X(SQL_API_SQLFREESTMT, SQLFreeStmt, 0) \
    X(SQL_API_SQLSETENVATTR, SQLSetEnvAttr, 0) \
    X(SQL_API_SQLGETENVATTR, SQLGetEnvAttr, 0) \
    X(SQL_API_SQLCONNECT, SQLConnect, 1) \
    X(SQL_API_SQLDRIVERCONNECT, SQLDriverConnect, 1) \
    X(SQL_API_SQLBROWSECONNECT, SQLBrowseConnect, 1) \
    X(SQL_API_SQLDISCONNECT, SQLDisconnect, 0) \
    X(SQL_API_SQLSETCONNECTATTR, SQLSetConnectAttr, 1) \
    X(SQL_API_SQLGETCONNECTATTR, SQLGetConnectAttr, 1) \
    X(SQL_API_SQLENDTRAN, SQLEndTran, 0) \
    X(SQL_API_SQLTRANSACT, SQLTransact, 0) \
    X(SQL_API_SQLGETINFO, SQLGetInfo, 1) \
    X(SQL_API_SQLGETFUNCTIONS, SQLGetFunctions, 0) \
    X(SQL_API_SQLGETTYPEINFO, SQLGetTypeInfo, 1) \
    X(SQL_API_SQLNATIVESQL, SQLNativeSql, 1) \
    X(SQL_API_SQLGETCURSORNAME, SQLGetCursorName, 1) \
    X(SQL_API_SQLSETCURSORNAME, SQLSetCursorName, 1) \
    X(SQL_API_SQLPREPARE, SQLPrepare, 1) \
    X(SQL_API_SQLEXECUTE, SQLExecute, 0) \
    X(SQL_API_SQLEXECDIRECT, SQLExecDirect, 1) \
    X(SQL_API_SQLBINDPARAMETER, SQLBindParameter, 0) \
    X(SQL_API_SQLNUMPARAMS, SQLNumParams, 0) \
    X(SQL_API_SQLDESCRIBEPARAM, SQLDescribeParam, 0) \
    X(SQL_API_SQLNUMRESULTCOLS, SQLNumResultCols, 0) \
    X(SQL_API_SQLDESCRIBECOL, SQLDescribeCol, 1) \
    X(SQL_API_SQLCOLATTRIBUTE, SQLColAttribute, 1) \
    X(SQL_API_SQLBINDCOL, SQLBindCol, 0) \
    X(SQL_API_SQLFETCH, SQLFetch, 0) \
    X(SQL_API_SQLFETCHSCROLL, SQLFetchScroll, 0) \
    X(SQL_API_SQLEXTENDEDFETCH, SQLExtendedFetch, 0) \
    X(SQL_API_SQLGETDATA, SQLGetData, 0) \
    X(SQL_API_SQLSETPOS, SQLSetPos, 0) \
    X(SQL_API_SQLBULKOPERATIONS, SQLBulkOperations, 0) \
    X(SQL_API_SQLPARAMDATA, SQLParamData, 0) \
    X(SQL_API_SQLPUTDATA, SQLPutData, 0) \
    X(SQL_API_SQLGETDESCFIELD, SQLGetDescField, 1) \
    X(SQL_API_SQLSETDESCFIELD, SQLSetDescField, 1) \
    X(SQL_API_SQLGETDESCREC, SQLGetDescRec, 1) \
    X(SQL_API_SQLSETDESCREC, SQLSetDescRec, 0) \
    X(SQL_API_SQLCOPYDESC, SQLCopyDesc, 0) \
    X(SQL_API_SQLROWCOUNT, SQLRowCount, 0) \
    X(SQL_API_SQLMORERESULTS, SQLMoreResults, 0) \
    X(SQL_API_SQLCLOSECURSOR, SQLCloseCursor, 0) \
    X(SQL_API_SQLCANCEL, SQLCancel, 0) \
    X(SQL_API_SQLGETDIAGREC, SQLGetDiagRec, 1) \
    X(SQL_API_SQLGETDIAGFIELD, SQLGetDiagField, 1) \
    X(SQL_API_SQLGETSTMTATTR, SQLGetStmtAttr, 1) \
    X(SQL_API_SQLSETSTMTATTR, SQLSetStmtAttr, 1) \
    X(SQL_API_SQLTABLES, SQLTables, 1) \
    X(SQL_API_SQLCOLUMNS, SQLColumns, 1) \
    X(SQL_API_SQLPRIMARYKEYS, SQLPrimaryKeys, 1) \
    X(SQL_API_SQLSTATISTICS, SQLStatistics, 1) \
    X(SQL_API_SQLSPECIALCOLUMNS, SQLSpecialColumns, 1) \
    X(SQL_API_SQLFOREIGNKEYS, SQLForeignKeys, 1) \
    X(SQL_API_SQLPROCEDURES, SQLProcedures, 1) \
    X(SQL_API_SQLPROCEDURECOLUMNS, SQLProcedureColumns, 1) \
    X(SQL_API_SQLTABLEPRIVILEGES, SQLTablePrivileges, 1) \
    X(SQL_API_SQLCOLUMNPRIVILEGES, SQLColumnPrivileges, 1)

#endif
