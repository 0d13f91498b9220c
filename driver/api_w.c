/**
 * @file api_w.c
 * The W (Unicode) twin of every exported function that takes or returns
 * text. Each converts UTF-16 arguments to UTF-8, calls the same internal
 * p1_* function as the ANSI entry point, and writes text results as UTF-16.
 * Lengths count characters for names, SQL text, SQLDescribeColW and the
 * SQLGetDiagRecW message; bytes for SQLGetInfoW, SQLColAttributeW,
 * SQLGetDiagFieldW and the Get*AttrW strings (as ODBC specifies).
 */
#include "driver/async.h"

/** Run a call once its arguments are converted; frees them and leaves. */
#define CAT_CALL(call) \
    do { \
        SQLRETURN rc_ = a.failed ? SQL_ERROR : (call); \
        p1_args_free(&a); \
        P1_LEAVE(rc_); \
    } while (0)

SQLRETURN SQL_API SQLConnectW(SQLHDBC ConnectionHandle, SQLWCHAR *ServerName,
                              SQLSMALLINT NameLength1, SQLWCHAR *UserName, SQLSMALLINT NameLength2,
                              SQLWCHAR *Authentication, SQLSMALLINT NameLength3)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    p1_args a = {0};
    const char *dsn = p1_arg_w(&a, hh_, ServerName, NameLength1);
    const char *uid = p1_arg_w(&a, hh_, UserName, NameLength2);
    const char *pwd = p1_arg_w(&a, hh_, Authentication, NameLength3);
    CAT_CALL(p1_connect(dbc, dsn, uid, pwd));
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC ConnectionHandle, SQLHWND WindowHandle,
                                    SQLWCHAR *InConnectionString, SQLSMALLINT StringLength1,
                                    SQLWCHAR *OutConnectionString, SQLSMALLINT BufferLength,
                                    SQLSMALLINT *StringLength2Ptr, SQLUSMALLINT DriverCompletion)
{
    (void)WindowHandle;
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_args a = {0};
    const char *in = p1_arg_w(&a, hh_, InConnectionString, StringLength1);
    p1_strout out = p1_out_w(OutConnectionString, BufferLength, 0);
    SQLLEN outlen = 0;
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_driver_connect(dbc, in ? in : "", &out, &outlen,
                                                              DriverCompletion);
    if (SQL_SUCCEEDED(rc) && StringLength2Ptr)
        *StringLength2Ptr = (SQLSMALLINT)(outlen > 32767 ? 32767 : outlen);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLBrowseConnectW(SQLHDBC ConnectionHandle, SQLWCHAR *InConnectionString,
                                    SQLSMALLINT StringLength1, SQLWCHAR *OutConnectionString,
                                    SQLSMALLINT BufferLength, SQLSMALLINT *StringLength2Ptr)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_args a = {0};
    const char *in = p1_arg_w(&a, hh_, InConnectionString, StringLength1);
    p1_strout out = p1_out_w(OutConnectionString, BufferLength, 0);
    SQLLEN outlen = 0;
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_browse_connect(dbc, in, &out, &outlen);
    if ((SQL_SUCCEEDED(rc) || rc == SQL_NEED_DATA) && StringLength2Ptr)
        *StringLength2Ptr = (SQLSMALLINT)(outlen > 32767 ? 32767 : outlen);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLSetConnectAttrW(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                     SQLPOINTER Value, SQLINTEGER StringLength)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    p1_args a = {0};
    const char *sv = NULL;
    if (Attribute == SQL_ATTR_CURRENT_CATALOG)
        sv = p1_arg_w(&a, hh_, (const SQLWCHAR *)Value,
                      StringLength == SQL_NTS || StringLength < 0 ? StringLength
                                                                  : StringLength / (SQLINTEGER)sizeof(SQLWCHAR));
    CAT_CALL(p1_set_connect_attr(dbc, Attribute, Value, StringLength, sv));
}

SQLRETURN SQL_API SQLGetConnectAttrW(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                     SQLPOINTER Value, SQLINTEGER BufferLength,
                                     SQLINTEGER *StringLength)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    p1_strout out = p1_out_w(Value, BufferLength, 1);
    SQLLEN len = 0;
    SQLRETURN rc = p1_get_connect_attr(dbc, Attribute, Value, &out, &len);
    if (SQL_SUCCEEDED(rc) && StringLength)
        *StringLength = (SQLINTEGER)len;
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLNativeSqlW(SQLHDBC ConnectionHandle, SQLWCHAR *InStatementText,
                                SQLINTEGER TextLength1, SQLWCHAR *OutStatementText,
                                SQLINTEGER BufferLength, SQLINTEGER *TextLength2Ptr)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_args a = {0};
    const char *in = p1_arg_w(&a, hh_, InStatementText, TextLength1);
    p1_strout out = p1_out_w(OutStatementText, BufferLength, 0);
    SQLLEN len = 0;
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_native_sql(dbc, in, &out, &len);
    if (SQL_SUCCEEDED(rc) && TextLength2Ptr)
        *TextLength2Ptr = (SQLINTEGER)len;
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC ConnectionHandle, SQLUSMALLINT InfoType, SQLPOINTER InfoValue,
                              SQLSMALLINT BufferLength, SQLSMALLINT *StringLength)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_w(InfoValue, BufferLength, 1);
    P1_LEAVE(p1_get_info(dbc, InfoType, InfoValue, BufferLength, &out, StringLength));
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText, SQLINTEGER TextLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPREPARE);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, StatementText, TextLength);
    P1_ASYNC_CALL(s, SQL_API_SQLPREPARE, p1_run_prepare, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText,
                                 SQLINTEGER TextLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLEXECDIRECT);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, StatementText, TextLength);
    P1_ASYNC_CALL(s, SQL_API_SQLEXECDIRECT, p1_run_exec_direct, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                  SQLWCHAR *ColumnName, SQLSMALLINT BufferLength,
                                  SQLSMALLINT *NameLength, SQLSMALLINT *DataType,
                                  SQLULEN *ColumnSize, SQLSMALLINT *DecimalDigits,
                                  SQLSMALLINT *Nullable)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLDESCRIBECOL);
    P1_ENTER_STMT(StatementHandle, s);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_w(ColumnName, BufferLength, 0);
    P1_LEAVE(p1_describe_col(s, ColumnNumber, &out, NameLength, DataType, ColumnSize,
                             DecimalDigits, Nullable));
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                   SQLUSMALLINT FieldIdentifier, SQLPOINTER CharacterAttribute,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                   SQLLEN *NumericAttribute)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCOLATTRIBUTE);
    P1_ENTER_STMT(StatementHandle, s);
    p1_strout out = p1_out_w(CharacterAttribute, BufferLength, 1);
    P1_LEAVE(p1_col_attribute(s, ColumnNumber, FieldIdentifier, &out, StringLength,
                              NumericAttribute));
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT RecNumber,
                                 SQLWCHAR *Sqlstate, SQLINTEGER *NativeError, SQLWCHAR *MessageText,
                                 SQLSMALLINT BufferLength, SQLSMALLINT *TextLength)
{
    p1_handle *h = p1_enter(Handle, HandleType, 0);
    if (!h)
        return SQL_INVALID_HANDLE;
    p1_strout st = p1_out_w(Sqlstate, 6, 0);
    p1_strout msg = p1_out_w(MessageText, BufferLength, 0);
    SQLRETURN rc = BufferLength < 0 ? SQL_ERROR
                 : p1_diag_get_rec(&h->diag, p1_is_odbc2(h), RecNumber, &st, NativeError, &msg,
                                   TextLength);
    pthread_mutex_unlock(&h->lock);
    return rc;
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT RecNumber,
                                   SQLSMALLINT DiagIdentifier, SQLPOINTER DiagInfo,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *StringLength)
{
    p1_handle *h = p1_enter(Handle, HandleType, 0);
    if (!h)
        return SQL_INVALID_HANDLE;
    p1_strout out = p1_out_w(DiagInfo, BufferLength, 1);
    SQLRETURN rc = p1_diag_get_field(&h->diag, p1_is_odbc2(h), HandleType, RecNumber,
                                     DiagIdentifier, DiagInfo, &out, StringLength);
    pthread_mutex_unlock(&h->lock);
    return rc;
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                  SQLINTEGER StringLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSETSTMTATTR);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_set_stmt_attr(s, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                  SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETSTMTATTR);
    P1_ENTER_STMT(StatementHandle, s);
    p1_strout out = p1_out_w(Value, BufferLength, 1);
    P1_LEAVE(p1_get_stmt_attr(s, Attribute, Value, BufferLength, &out, StringLength));
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT StatementHandle, SQLWCHAR *CursorName,
                                    SQLSMALLINT BufferLength, SQLSMALLINT *NameLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETCURSORNAME);
    P1_ENTER_STMT(StatementHandle, s);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_w(CursorName, BufferLength, 0);
    P1_LEAVE(p1_get_cursor_name(s, &out, NameLength));
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT StatementHandle, SQLWCHAR *CursorName,
                                    SQLSMALLINT NameLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSETCURSORNAME);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *name = p1_arg_w(&a, hh_, CursorName, NameLength);
    CAT_CALL(p1_set_cursor_name(s, name));
}

SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT StatementHandle, SQLSMALLINT DataType)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETTYPEINFO);
    P1_ENTER_STMT(StatementHandle, s);
    P1_ASYNC_CALL(s, SQL_API_SQLGETTYPEINFO, p1_run_get_type_info, P1_NO_ARGS, DataType, 0, 0);
}

/* ---- catalog functions ---- */
SQLRETURN SQL_API SQLTablesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                            SQLWCHAR *SchemaName, SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                            SQLSMALLINT NameLength3, SQLWCHAR *TableType, SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLTABLES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    p1_arg_w(&a, hh_, TableType, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLTABLES, p1_run_tables, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                             SQLWCHAR *SchemaName, SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                             SQLSMALLINT NameLength3, SQLWCHAR *ColumnName, SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCOLUMNS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    p1_arg_w(&a, hh_, ColumnName, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLCOLUMNS, p1_run_columns, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                 SQLSMALLINT NameLength3)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPRIMARYKEYS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLPRIMARYKEYS, p1_run_primary_keys, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                SQLSMALLINT NameLength3, SQLUSMALLINT Unique,
                                SQLUSMALLINT Reserved)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSTATISTICS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLSTATISTICS, p1_run_statistics, a, Unique, Reserved, 0);
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT StatementHandle, SQLUSMALLINT IdentifierType,
                                    SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                                    SQLWCHAR *SchemaName, SQLSMALLINT NameLength2,
                                    SQLWCHAR *TableName, SQLSMALLINT NameLength3,
                                    SQLUSMALLINT Scope, SQLUSMALLINT Nullable)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSPECIALCOLUMNS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLSPECIALCOLUMNS, p1_run_special_columns, a, IdentifierType, Scope, Nullable);
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT StatementHandle, SQLWCHAR *PKCatalogName,
                                 SQLSMALLINT NameLength1, SQLWCHAR *PKSchemaName,
                                 SQLSMALLINT NameLength2, SQLWCHAR *PKTableName,
                                 SQLSMALLINT NameLength3, SQLWCHAR *FKCatalogName,
                                 SQLSMALLINT NameLength4, SQLWCHAR *FKSchemaName,
                                 SQLSMALLINT NameLength5, SQLWCHAR *FKTableName,
                                 SQLSMALLINT NameLength6)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLFOREIGNKEYS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, PKCatalogName, NameLength1);
    p1_arg_w(&a, hh_, PKSchemaName, NameLength2);
    p1_arg_w(&a, hh_, PKTableName, NameLength3);
    p1_arg_w(&a, hh_, FKCatalogName, NameLength4);
    p1_arg_w(&a, hh_, FKSchemaName, NameLength5);
    p1_arg_w(&a, hh_, FKTableName, NameLength6);
    P1_ASYNC_CALL(s, SQL_API_SQLFOREIGNKEYS, p1_run_foreign_keys, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLWCHAR *ProcName,
                                SQLSMALLINT NameLength3)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPROCEDURES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, ProcName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLPROCEDURES, p1_run_procedures, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLWCHAR *ProcName,
                                      SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPROCEDURECOLUMNS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, ProcName, NameLength3);
    p1_arg_w(&a, hh_, ColumnName, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLPROCEDURECOLUMNS, p1_run_procedure_columns, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                     SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                     SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                     SQLSMALLINT NameLength3)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLTABLEPRIVILEGES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLTABLEPRIVILEGES, p1_run_table_privileges, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                      SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCOLUMNPRIVILEGES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_w(&a, hh_, CatalogName, NameLength1);
    p1_arg_w(&a, hh_, SchemaName, NameLength2);
    p1_arg_w(&a, hh_, TableName, NameLength3);
    p1_arg_w(&a, hh_, ColumnName, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLCOLUMNPRIVILEGES, p1_run_column_privileges, a, 0, 0, 0);
}
