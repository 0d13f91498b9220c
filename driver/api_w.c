/**
 * @file api_w.c
 * The W (Unicode) twin of every exported function that takes or returns
 * text. Each converts UTF-16 arguments to UTF-8, calls the same internal
 * p1_* function as the ANSI entry point, and writes text results as UTF-16.
 * Lengths count characters for names, SQL text, SQLDescribeColW and the
 * SQLGetDiagRecW message; bytes for SQLGetInfoW, SQLColAttributeW,
 * SQLGetDiagFieldW and the Get*AttrW strings (as ODBC specifies).
 */
#include "driver/api.h"

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
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *sql = p1_arg_w(&a, hh_, StatementText, TextLength);
    CAT_CALL(p1_prepare(s, sql));
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT StatementHandle, SQLWCHAR *StatementText,
                                 SQLINTEGER TextLength)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *sql = p1_arg_w(&a, hh_, StatementText, TextLength);
    CAT_CALL(p1_exec_direct_watched(s, sql));
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                  SQLWCHAR *ColumnName, SQLSMALLINT BufferLength,
                                  SQLSMALLINT *NameLength, SQLSMALLINT *DataType,
                                  SQLULEN *ColumnSize, SQLSMALLINT *DecimalDigits,
                                  SQLSMALLINT *Nullable)
{
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
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_set_stmt_attr(s, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT StatementHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                  SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_strout out = p1_out_w(Value, BufferLength, 1);
    P1_LEAVE(p1_get_stmt_attr(s, Attribute, Value, BufferLength, &out, StringLength));
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT StatementHandle, SQLWCHAR *CursorName,
                                    SQLSMALLINT BufferLength, SQLSMALLINT *NameLength)
{
    P1_ENTER_STMT(StatementHandle, s);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_w(CursorName, BufferLength, 0);
    P1_LEAVE(p1_get_cursor_name(s, &out, NameLength));
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT StatementHandle, SQLWCHAR *CursorName,
                                    SQLSMALLINT NameLength)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *name = p1_arg_w(&a, hh_, CursorName, NameLength);
    CAT_CALL(p1_set_cursor_name(s, name));
}

SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT StatementHandle, SQLSMALLINT DataType)
{
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_get_type_info(s, DataType));
}

/* ---- catalog functions ---- */
SQLRETURN SQL_API SQLTablesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                            SQLWCHAR *SchemaName, SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                            SQLSMALLINT NameLength3, SQLWCHAR *TableType, SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    const char *ty = p1_arg_w(&a, hh_, TableType, NameLength4);
    CAT_CALL(p1_tables(s, c, sc, t, ty));
}

SQLRETURN SQL_API SQLColumnsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                             SQLWCHAR *SchemaName, SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                             SQLSMALLINT NameLength3, SQLWCHAR *ColumnName, SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    const char *col = p1_arg_w(&a, hh_, ColumnName, NameLength4);
    CAT_CALL(p1_columns(s, c, sc, t, col));
}

SQLRETURN SQL_API SQLPrimaryKeysW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                 SQLSMALLINT NameLength3)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_primary_keys(s, c, sc, t));
}

SQLRETURN SQL_API SQLStatisticsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                SQLSMALLINT NameLength3, SQLUSMALLINT Unique,
                                SQLUSMALLINT Reserved)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_statistics(s, c, sc, t, Unique, Reserved));
}

SQLRETURN SQL_API SQLSpecialColumnsW(SQLHSTMT StatementHandle, SQLUSMALLINT IdentifierType,
                                    SQLWCHAR *CatalogName, SQLSMALLINT NameLength1,
                                    SQLWCHAR *SchemaName, SQLSMALLINT NameLength2,
                                    SQLWCHAR *TableName, SQLSMALLINT NameLength3,
                                    SQLUSMALLINT Scope, SQLUSMALLINT Nullable)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_special_columns(s, IdentifierType, c, sc, t, Scope, Nullable));
}

SQLRETURN SQL_API SQLForeignKeysW(SQLHSTMT StatementHandle, SQLWCHAR *PKCatalogName,
                                 SQLSMALLINT NameLength1, SQLWCHAR *PKSchemaName,
                                 SQLSMALLINT NameLength2, SQLWCHAR *PKTableName,
                                 SQLSMALLINT NameLength3, SQLWCHAR *FKCatalogName,
                                 SQLSMALLINT NameLength4, SQLWCHAR *FKSchemaName,
                                 SQLSMALLINT NameLength5, SQLWCHAR *FKTableName,
                                 SQLSMALLINT NameLength6)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *pc = p1_arg_w(&a, hh_, PKCatalogName, NameLength1);
    const char *ps = p1_arg_w(&a, hh_, PKSchemaName, NameLength2);
    const char *pt = p1_arg_w(&a, hh_, PKTableName, NameLength3);
    const char *fc = p1_arg_w(&a, hh_, FKCatalogName, NameLength4);
    const char *fs = p1_arg_w(&a, hh_, FKSchemaName, NameLength5);
    const char *ft = p1_arg_w(&a, hh_, FKTableName, NameLength6);
    CAT_CALL(p1_foreign_keys(s, pc, ps, pt, fc, fs, ft));
}

SQLRETURN SQL_API SQLProceduresW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLWCHAR *ProcName,
                                SQLSMALLINT NameLength3)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *p = p1_arg_w(&a, hh_, ProcName, NameLength3);
    CAT_CALL(p1_procedures(s, c, sc, p));
}

SQLRETURN SQL_API SQLProcedureColumnsW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLWCHAR *ProcName,
                                      SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *p = p1_arg_w(&a, hh_, ProcName, NameLength3);
    const char *col = p1_arg_w(&a, hh_, ColumnName, NameLength4);
    CAT_CALL(p1_procedure_columns(s, c, sc, p, col));
}

SQLRETURN SQL_API SQLTablePrivilegesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                     SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                     SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                     SQLSMALLINT NameLength3)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_table_privileges(s, c, sc, t));
}

SQLRETURN SQL_API SQLColumnPrivilegesW(SQLHSTMT StatementHandle, SQLWCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLWCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLWCHAR *TableName,
                                      SQLSMALLINT NameLength3, SQLWCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_w(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_w(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_w(&a, hh_, TableName, NameLength3);
    const char *col = p1_arg_w(&a, hh_, ColumnName, NameLength4);
    CAT_CALL(p1_column_privileges(s, c, sc, t, col));
}
