/**
 * @file api_stmt.c
 * Exported entry points (ANSI/neutral) for statements: prepare, execute,
 * parameters, result metadata, binding, fetching, SQLGetData, statement
 * attributes and cursor names. Text is UTF-8. Prepare, execute, fetch,
 * SQLGetData and SQLMoreResults run asynchronously when SQL_ATTR_ASYNC_ENABLE
 * is on (driver/async.h); every statement function first polls or refuses
 * (HY010) while an asynchronous call is pending.
 */
#include "driver/async.h"

SQLRETURN SQL_API SQLPrepare(SQLHSTMT StatementHandle, SQLCHAR *StatementText, SQLINTEGER TextLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPREPARE);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, StatementText, TextLength);
    P1_ASYNC_CALL(s, SQL_API_SQLPREPARE, p1_run_prepare, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLExecute(SQLHSTMT StatementHandle)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLEXECUTE);
    P1_ENTER_STMT(StatementHandle, s);
    P1_ASYNC_CALL(s, SQL_API_SQLEXECUTE, p1_run_execute, P1_NO_ARGS, 0, 0, 0);
}

SQLRETURN SQL_API SQLExecDirect(SQLHSTMT StatementHandle, SQLCHAR *StatementText,
                                SQLINTEGER TextLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLEXECDIRECT);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, StatementText, TextLength);
    P1_ASYNC_CALL(s, SQL_API_SQLEXECDIRECT, p1_run_exec_direct, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT StatementHandle, SQLUSMALLINT Option)
{
    if (Option == SQL_DROP)
        return p1_free_handle(SQL_HANDLE_STMT, StatementHandle);
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLFREESTMT);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_free_stmt(s, Option));
}

SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT StatementHandle)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCLOSECURSOR);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_close_cursor(s, 1));
}

SQLRETURN SQL_API SQLCancel(SQLHSTMT StatementHandle)
{
    /* no lock: SQLCancel may come from another thread while a call is running */
    if (p1_handle_type(StatementHandle) != SQL_HANDLE_STMT)
        return SQL_INVALID_HANDLE;
    p1_async_cancel((p1_stmt *)StatementHandle);   /* a pending asynchronous call ends with HY008 */
    return p1_cancel((p1_stmt *)StatementHandle);
}

SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT StatementHandle, SQLSMALLINT *ColumnCount)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLNUMRESULTCOLS);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_num_result_cols(s, ColumnCount));
}

SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                 SQLCHAR *ColumnName, SQLSMALLINT BufferLength,
                                 SQLSMALLINT *NameLength, SQLSMALLINT *DataType,
                                 SQLULEN *ColumnSize, SQLSMALLINT *DecimalDigits,
                                 SQLSMALLINT *Nullable)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLDESCRIBECOL);
    P1_ENTER_STMT(StatementHandle, s);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_a(ColumnName, BufferLength);
    P1_LEAVE(p1_describe_col(s, ColumnNumber, &out, NameLength, DataType, ColumnSize,
                             DecimalDigits, Nullable));
}

SQLRETURN SQL_API SQLColAttribute(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                                  SQLUSMALLINT FieldIdentifier, SQLPOINTER CharacterAttribute,
                                  SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                  SQLLEN *NumericAttribute)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCOLATTRIBUTE);
    P1_ENTER_STMT(StatementHandle, s);
    p1_strout out = p1_out_a(CharacterAttribute, BufferLength);
    P1_LEAVE(p1_col_attribute(s, ColumnNumber, FieldIdentifier, &out, StringLength,
                              NumericAttribute));
}

SQLRETURN SQL_API SQLBindCol(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                             SQLSMALLINT TargetType, SQLPOINTER TargetValue,
                             SQLLEN BufferLength, SQLLEN *StrLen_or_Ind)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLBINDCOL);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_bind_col(s, ColumnNumber, TargetType, TargetValue, BufferLength, StrLen_or_Ind));
}

SQLRETURN SQL_API SQLBindParameter(SQLHSTMT StatementHandle, SQLUSMALLINT ParameterNumber,
                                   SQLSMALLINT InputOutputType, SQLSMALLINT ValueType,
                                   SQLSMALLINT ParameterType, SQLULEN ColumnSize,
                                   SQLSMALLINT DecimalDigits, SQLPOINTER ParameterValuePtr,
                                   SQLLEN BufferLength, SQLLEN *StrLen_or_IndPtr)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLBINDPARAMETER);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_bind_parameter(s, ParameterNumber, InputOutputType, ValueType, ParameterType,
                               ColumnSize, DecimalDigits, ParameterValuePtr, BufferLength,
                               StrLen_or_IndPtr));
}

SQLRETURN SQL_API SQLNumParams(SQLHSTMT StatementHandle, SQLSMALLINT *ParameterCountPtr)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLNUMPARAMS);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_num_params(s, ParameterCountPtr));
}

SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT StatementHandle, SQLUSMALLINT ParameterNumber,
                                   SQLSMALLINT *DataTypePtr, SQLULEN *ParameterSizePtr,
                                   SQLSMALLINT *DecimalDigitsPtr, SQLSMALLINT *NullablePtr)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLDESCRIBEPARAM);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_describe_param(s, ParameterNumber, DataTypePtr, ParameterSizePtr,
                               DecimalDigitsPtr, NullablePtr));
}

SQLRETURN SQL_API SQLFetch(SQLHSTMT StatementHandle)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLFETCH);
    P1_ENTER_STMT(StatementHandle, s);
    P1_ASYNC_CALL(s, SQL_API_SQLFETCH, p1_run_fetch, P1_NO_ARGS, 0, 0, 0);
}

SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT StatementHandle, SQLSMALLINT FetchOrientation,
                                 SQLLEN FetchOffset)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLFETCHSCROLL);
    P1_ENTER_STMT(StatementHandle, s);
    P1_ASYNC_CALL(s, SQL_API_SQLFETCHSCROLL, p1_run_fetch_scroll, P1_NO_ARGS, FetchOrientation,
                  FetchOffset, 0);
}

SQLRETURN SQL_API SQLExtendedFetch(SQLHSTMT StatementHandle, SQLUSMALLINT FetchOrientation,
                                   SQLLEN FetchOffset, SQLULEN *RowCountPtr,
                                   SQLUSMALLINT *RowStatusArray)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLEXTENDEDFETCH);
    P1_ENTER_STMT(StatementHandle, s);
    p1_watchdog *w = p1_watch_start(s);
    P1_LEAVE(p1_watch_stop(s, w, p1_extended_fetch(s, FetchOrientation, FetchOffset, RowCountPtr,
                                                   RowStatusArray)));
}

SQLRETURN SQL_API SQLGetData(SQLHSTMT StatementHandle, SQLUSMALLINT ColumnNumber,
                             SQLSMALLINT TargetType, SQLPOINTER TargetValue, SQLLEN BufferLength,
                             SQLLEN *StrLen_or_Ind)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETDATA);
    P1_ENTER_STMT(StatementHandle, s);
    p1_async_call c = {0};
    c.n[0] = ColumnNumber;
    c.n[1] = TargetType;
    c.n[2] = BufferLength;
    c.p[0] = TargetValue;
    c.p[1] = StrLen_or_Ind;
    P1_LEAVE(p1_async_dispatch(s, SQL_API_SQLGETDATA, p1_run_get_data, &c));
}

SQLRETURN SQL_API SQLRowCount(SQLHSTMT StatementHandle, SQLLEN *RowCount)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLROWCOUNT);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_row_count(s, RowCount));
}

SQLRETURN SQL_API SQLMoreResults(SQLHSTMT StatementHandle)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLMORERESULTS);
    P1_ENTER_STMT(StatementHandle, s);
    P1_ASYNC_CALL(s, SQL_API_SQLMORERESULTS, p1_run_more_results, P1_NO_ARGS, 0, 0, 0);
}

SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT StatementHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                 SQLINTEGER StringLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSETSTMTATTR);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_set_stmt_attr(s, Attribute, Value, StringLength));
}

SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT StatementHandle, SQLINTEGER Attribute, SQLPOINTER Value,
                                 SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETSTMTATTR);
    P1_ENTER_STMT(StatementHandle, s);
    p1_strout out = p1_out_a(Value, BufferLength);
    P1_LEAVE(p1_get_stmt_attr(s, Attribute, Value, BufferLength, &out, StringLength));
}

SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT StatementHandle, SQLCHAR *CursorName,
                                   SQLSMALLINT BufferLength, SQLSMALLINT *NameLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETCURSORNAME);
    P1_ENTER_STMT(StatementHandle, s);
    if (BufferLength < 0)
        P1_LEAVE(p1_error(hh_, "HY090", "BufferLength must not be negative."));
    p1_strout out = p1_out_a(CursorName, BufferLength);
    P1_LEAVE(p1_get_cursor_name(s, &out, NameLength));
}

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT StatementHandle, SQLCHAR *CursorName,
                                   SQLSMALLINT NameLength)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSETCURSORNAME);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *name = p1_arg_a(&a, hh_, CursorName, NameLength);
    SQLRETURN rc = a.failed ? SQL_ERROR : p1_set_cursor_name(s, name);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLSetPos(SQLHSTMT StatementHandle, SQLSETPOSIROW RowNumber, SQLUSMALLINT Operation,
                            SQLUSMALLINT LockType)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSETPOS);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_set_pos(s, RowNumber, Operation, LockType));
}

SQLRETURN SQL_API SQLBulkOperations(SQLHSTMT StatementHandle, SQLSMALLINT Operation)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLBULKOPERATIONS);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_bulk_operations(s, (SQLUSMALLINT)Operation));
}

SQLRETURN SQL_API SQLParamData(SQLHSTMT StatementHandle, SQLPOINTER *Value)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPARAMDATA);
    P1_ENTER_STMT(StatementHandle, s);
    p1_watchdog *w = p1_watch_start(s);
    P1_LEAVE(p1_watch_stop(s, w, p1_param_data(s, Value)));
}

SQLRETURN SQL_API SQLPutData(SQLHSTMT StatementHandle, SQLPOINTER Data, SQLLEN StrLen_or_Ind)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPUTDATA);
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_put_data(s, Data, StrLen_or_Ind));
}
