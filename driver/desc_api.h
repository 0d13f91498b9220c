/**
 * @file desc_api.h
 * Descriptor functions on p1_desc handles (desc_api.c): field and record
 * access, copying, and explicitly allocated application descriptors.
 */
#ifndef P1_DRIVER_DESC_API_H
#define P1_DRIVER_DESC_API_H

#include "driver/handles.h"

/** SQLGetDescField: header field or field of record recno; strings through sout. */
SQLRETURN p1_get_desc_field(p1_desc *d, SQLSMALLINT recno, SQLSMALLINT field, SQLPOINTER value,
                            SQLINTEGER buflen, const p1_strout *sout, SQLINTEGER *outlen);
/** SQLSetDescField: value as passed by the application; strval is its UTF-8 text for names. */
SQLRETURN p1_set_desc_field(p1_desc *d, SQLSMALLINT recno, SQLSMALLINT field, SQLPOINTER value,
                            SQLINTEGER len, const char *strval);
/** SQLGetDescRec. */
SQLRETURN p1_get_desc_rec(p1_desc *d, SQLSMALLINT recno, const p1_strout *name, SQLSMALLINT *namelen,
                          SQLSMALLINT *type, SQLSMALLINT *sub, SQLLEN *length,
                          SQLSMALLINT *precision, SQLSMALLINT *scale, SQLSMALLINT *nullable);
/** SQLSetDescRec. */
SQLRETURN p1_set_desc_rec(p1_desc *d, SQLSMALLINT recno, SQLSMALLINT type, SQLSMALLINT sub,
                          SQLLEN length, SQLSMALLINT precision, SQLSMALLINT scale,
                          SQLPOINTER data, SQLLEN *strlen_ptr, SQLLEN *ind_ptr);
/** SQLCopyDesc: every field of src into dst (dst must not be an IRD). Errors go to dst. */
SQLRETURN p1_copy_desc(p1_desc *src, p1_desc *dst);
/** SQLAllocHandle(SQL_HANDLE_DESC): an explicit application descriptor on dbc. */
SQLRETURN p1_alloc_desc(p1_dbc *dbc, SQLHANDLE *out);
/** SQLFreeHandle(SQL_HANDLE_DESC): statements using d fall back to their implicit descriptors. */
void      p1_free_desc(p1_desc *d);

#endif
