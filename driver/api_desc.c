/**
 * @file api_desc.c
 * Exported descriptor entry points, A and W: SQLGetDescField(W),
 * SQLSetDescField(W), SQLGetDescRec(W), SQLSetDescRec, SQLCopyDesc.
 * Descriptor strings are bytes in both forms (W: UTF-16 bytes).
 */
#include "driver/api.h"
#include "driver/desc_api.h"

#include <string.h>

#define P1_ENTER_DESC(h, var) P1_ENTER(SQL_HANDLE_DESC, h, p1_desc, var)

/** Non-zero when field takes a character string. */
static int string_field(SQLSMALLINT f)
{
    return f == SQL_DESC_NAME || f == SQL_DESC_BASE_COLUMN_NAME || f == SQL_DESC_BASE_TABLE_NAME ||
           f == SQL_DESC_CATALOG_NAME || f == SQL_DESC_LABEL || f == SQL_DESC_LITERAL_PREFIX ||
           f == SQL_DESC_LITERAL_SUFFIX || f == SQL_DESC_LOCAL_TYPE_NAME ||
           f == SQL_DESC_SCHEMA_NAME || f == SQL_DESC_TABLE_NAME || f == SQL_DESC_TYPE_NAME;
}

SQLRETURN SQL_API SQLGetDescField(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                  SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                  SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    p1_strout out = p1_out_a(Value, BufferLength);
    P1_LEAVE(p1_get_desc_field(d, RecNumber, FieldIdentifier, Value, BufferLength, &out,
                               StringLength));
}

SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                   SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                   SQLINTEGER BufferLength, SQLINTEGER *StringLength)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    p1_strout out = p1_out_w(Value, BufferLength, 1);
    P1_LEAVE(p1_get_desc_field(d, RecNumber, FieldIdentifier, Value, BufferLength, &out,
                               StringLength));
}

SQLRETURN SQL_API SQLSetDescField(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                  SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                  SQLINTEGER BufferLength)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    p1_args a = {0};
    const char *sv = string_field(FieldIdentifier)
        ? p1_arg_a(&a, hh_, Value, BufferLength) : NULL;
    SQLRETURN rc = a.failed ? SQL_ERROR
        : p1_set_desc_field(d, RecNumber, FieldIdentifier, Value, BufferLength, sv);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber,
                                   SQLSMALLINT FieldIdentifier, SQLPOINTER Value,
                                   SQLINTEGER BufferLength)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    p1_args a = {0};
    SQLINTEGER chars = BufferLength > 0 ? BufferLength / (SQLINTEGER)sizeof(SQLWCHAR) : BufferLength;
    const char *sv = string_field(FieldIdentifier) ? p1_arg_w(&a, hh_, Value, chars) : NULL;
    SQLRETURN rc = a.failed ? SQL_ERROR
        : p1_set_desc_field(d, RecNumber, FieldIdentifier, Value, BufferLength, sv);
    p1_args_free(&a);
    P1_LEAVE(rc);
}

SQLRETURN SQL_API SQLGetDescRec(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber, SQLCHAR *Name,
                                SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                SQLSMALLINT *Type, SQLSMALLINT *SubType, SQLLEN *Length,
                                SQLSMALLINT *Precision, SQLSMALLINT *Scale, SQLSMALLINT *Nullable)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    p1_strout out = p1_out_a(Name, BufferLength);
    P1_LEAVE(p1_get_desc_rec(d, RecNumber, &out, StringLength, Type, SubType, Length, Precision,
                             Scale, Nullable));
}

SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber, SQLWCHAR *Name,
                                 SQLSMALLINT BufferLength, SQLSMALLINT *StringLength,
                                 SQLSMALLINT *Type, SQLSMALLINT *SubType, SQLLEN *Length,
                                 SQLSMALLINT *Precision, SQLSMALLINT *Scale, SQLSMALLINT *Nullable)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    p1_strout out = p1_out_w(Name, BufferLength, 0);
    P1_LEAVE(p1_get_desc_rec(d, RecNumber, &out, StringLength, Type, SubType, Length, Precision,
                             Scale, Nullable));
}

SQLRETURN SQL_API SQLSetDescRec(SQLHDESC DescriptorHandle, SQLSMALLINT RecNumber, SQLSMALLINT Type,
                                SQLSMALLINT SubType, SQLLEN Length, SQLSMALLINT Precision,
                                SQLSMALLINT Scale, SQLPOINTER Data, SQLLEN *StringLength,
                                SQLLEN *Indicator)
{
    P1_ENTER_DESC(DescriptorHandle, d);
    P1_LEAVE(p1_set_desc_rec(d, RecNumber, Type, SubType, Length, Precision, Scale, Data,
                             StringLength, Indicator));
}

SQLRETURN SQL_API SQLCopyDesc(SQLHDESC SourceDescHandle, SQLHDESC TargetDescHandle)
{
    if (p1_handle_type(SourceDescHandle) != SQL_HANDLE_DESC)
        return SQL_INVALID_HANDLE;
    P1_ENTER_DESC(TargetDescHandle, dst);
    p1_desc *src = SourceDescHandle;
    SQLRETURN rc;
    if (src == dst) {
        rc = SQL_SUCCESS;
    } else {
        pthread_mutex_lock(&src->h.lock);
        rc = p1_copy_desc(src, dst);
        pthread_mutex_unlock(&src->h.lock);
    }
    P1_LEAVE(rc);
}
