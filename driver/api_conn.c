/**
 * @file api_conn.c
 * Exported entry points (ANSI/neutral) for connections: connect, disconnect,
 * connection attributes, transactions, SQLNativeSql, SQLGetInfo and
 * SQLGetFunctions. Text is UTF-8.
 */
#include "driver/api.h"

SQLRETURN SQL_API SQLConnect(SQLHDBC ConnectionHandle, SQLCHAR *ServerName, SQLSMALLINT NameLength1,
                             SQLCHAR *UserName, SQLSMALLINT NameLength2,
                             SQLCHAR *Authentication, SQLSMALLINT NameLength3)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    p1_args a = {0};
    const char *dsn = p1_arg_a(&a, hh_, ServerName, NameLength1);
    const char *uid = p1_arg_a(&a, hh_, UserName, NameLength2);
    const char *pwd = p1_arg_a(&a, hh_, Authentication, NameLength3);
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_connect(dbc, dsn, uid, pwd);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLDriverConnect(SQLHDBC ConnectionHandle, SQLHWND WindowHandle,
                                   SQLCHAR *InConnectionString, SQLSMALLINT StringLength1,
                                   SQLCHAR *OutConnectionString, SQLSMALLINT BufferLength,
                                   SQLSMALLINT *StringLength2Ptr, SQLUSMALLINT DriverCompletion)
{
    (void)WindowHandle;
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_args a = {0};
    const char *in = p1_arg_a(&a, hh_, InConnectionString, StringLength1);
    p1_strout out = p1_out_a(OutConnectionString, BufferLength);
    SQLLEN outlen = 0;
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_driver_connect(dbc, in ? in : "", &out, &outlen,
                                                              DriverCompletion);
    if (SQL_SUCCEEDED(rc) && StringLength2Ptr)
        *StringLength2Ptr = (SQLSMALLINT)(outlen > 32767 ? 32767 : outlen);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLBrowseConnect(SQLHDBC ConnectionHandle, SQLCHAR *InConnectionString,
                                   SQLSMALLINT StringLength1, SQLCHAR *OutConnectionString,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *StringLength2Ptr)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_args a = {0};
    const char *in = p1_arg_a(&a, hh_, InConnectionString, StringLength1);
    p1_strout out = p1_out_a(OutConnectionString, BufferLength);
    SQLLEN outlen = 0;
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_browse_connect(dbc, in, &out, &outlen);
    if ((SQL_SUCCEEDED(rc) || rc == SQL_NEED_DATA) && StringLength2Ptr)
        *StringLength2Ptr = (SQLSMALLINT)(outlen > 32767 ? 32767 : outlen);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLDisconnect(SQLHDBC ConnectionHandle)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    P1_LEAVE(p1_disconnect(dbc));
}

SQLRETURN SQL_API SQLSetConnectAttr(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                    SQLPOINTER Value, SQLINTEGER StringLength)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    p1_args a = {0};
    const char *sv = NULL;
    if (Attribute == SQL_ATTR_CURRENT_CATALOG)
        sv = p1_arg_a(&a, hh_, (const SQLCHAR *)Value, StringLength);
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_set_connect_attr(dbc, Attribute, Value, StringLength, sv);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLGetConnectAttr(SQLHDBC ConnectionHandle, SQLINTEGER Attribute,
                                    SQLPOINTER Value, SQLINTEGER BufferLength,
                                    SQLINTEGER *StringLength)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    p1_strout out = p1_out_a(Value, BufferLength);
    SQLLEN len = 0;
    SQLRETURN rc = p1_get_connect_attr(dbc, Attribute, Value, &out, &len);
    if (SQL_SUCCEEDED(rc) && StringLength)
        *StringLength = (SQLINTEGER)len;
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLEndTran(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT CompletionType)
{
    if (HandleType != SQL_HANDLE_ENV && HandleType != SQL_HANDLE_DBC)
        return p1_handle_type(Handle) ? SQL_ERROR : SQL_INVALID_HANDLE;
    p1_handle *hh_ = p1_enter(Handle, HandleType, 1);
    if (!hh_)
        return SQL_INVALID_HANDLE;
    P1_LEAVE(p1_end_tran(hh_, CompletionType));
}

SQLRETURN SQL_API SQLTransact(SQLHENV EnvironmentHandle, SQLHDBC ConnectionHandle,
                              SQLUSMALLINT CompletionType)
{
    SQLSMALLINT type = ConnectionHandle ? SQL_HANDLE_DBC : SQL_HANDLE_ENV;
    p1_handle *hh_ = p1_enter(ConnectionHandle ? ConnectionHandle : EnvironmentHandle, type, 1);
    if (!hh_)
        return SQL_INVALID_HANDLE;
    P1_LEAVE(p1_end_tran(hh_, (SQLSMALLINT)CompletionType));
}

SQLRETURN SQL_API SQLNativeSql(SQLHDBC ConnectionHandle, SQLCHAR *InStatementText,
                               SQLINTEGER TextLength1, SQLCHAR *OutStatementText,
                               SQLINTEGER BufferLength, SQLINTEGER *TextLength2Ptr)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_args a = {0};
    const char *in = p1_arg_a(&a, hh_, InStatementText, TextLength1);
    p1_strout out = p1_out_a(OutStatementText, BufferLength);
    SQLLEN len = 0;
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_native_sql(dbc, in, &out, &len);
    if (SQL_SUCCEEDED(rc) && TextLength2Ptr)
        *TextLength2Ptr = (SQLINTEGER)len;
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLGetInfo(SQLHDBC ConnectionHandle, SQLUSMALLINT InfoType, SQLPOINTER InfoValue,
                             SQLSMALLINT BufferLength, SQLSMALLINT *StringLength)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_a(InfoValue, BufferLength);
    P1_LEAVE(p1_get_info(dbc, InfoType, InfoValue, BufferLength, &out, StringLength));
}

SQLRETURN SQL_API SQLGetFunctions(SQLHDBC ConnectionHandle, SQLUSMALLINT FunctionId,
                                  SQLUSMALLINT *Supported)
{
    P1_ENTER_DBC(ConnectionHandle, dbc);
    P1_LEAVE(p1_get_functions(dbc, FunctionId, Supported));
}
