/** @file api_diag.c  Exported entry points: SQLGetDiagRec and SQLGetDiagField (ANSI). */
#include "driver/api.h"

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT RecNumber,
                                SQLCHAR *Sqlstate, SQLINTEGER *NativeError, SQLCHAR *MessageText,
                                SQLSMALLINT BufferLength, SQLSMALLINT *TextLength)
{
    p1_handle *h = p1_enter(Handle, HandleType, 0);
    if (!h)
        return SQL_INVALID_HANDLE;
    p1_strout st = p1_out_a(Sqlstate, 6);
    p1_strout msg = p1_out_a(MessageText, BufferLength);
    SQLRETURN rc = BufferLength < 0 ? SQL_ERROR
                 : p1_diag_get_rec(&h->diag, p1_is_odbc2(h), RecNumber, &st, NativeError, &msg,
                                   TextLength);
    pthread_mutex_unlock(&h->lock);
    return rc;
}

SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT RecNumber,
                                  SQLSMALLINT DiagIdentifier, SQLPOINTER DiagInfo,
                                  SQLSMALLINT BufferLength, SQLSMALLINT *StringLength)
{
    p1_handle *h = p1_enter(Handle, HandleType, 0);
    if (!h)
        return SQL_INVALID_HANDLE;
    p1_strout out = p1_out_a(DiagInfo, BufferLength);
    SQLRETURN rc = p1_diag_get_field(&h->diag, p1_is_odbc2(h), HandleType, RecNumber,
                                     DiagIdentifier, DiagInfo, &out, StringLength);
    pthread_mutex_unlock(&h->lock);
    return rc;
}
