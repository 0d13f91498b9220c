/** @file attr.c  Statement attributes (SQLSetStmtAttr / SQLGetStmtAttr). */
#include "driver/handles.h"

SQLRETURN p1_set_stmt_attr(p1_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER len)
{
    (void)len;
    SQLULEN v = (SQLULEN)value;
    switch (attr) {
    case SQL_ATTR_APP_ROW_DESC:
    case SQL_ATTR_APP_PARAM_DESC: {
        p1_desc *impl = attr == SQL_ATTR_APP_ROW_DESC ? &s->ard_impl : &s->apd_impl;
        p1_desc *use = impl;
        if (value && value != (SQLPOINTER)impl) {
            p1_desc *d = value;
            if (p1_handle_type(value) != SQL_HANDLE_DESC || !d->is_explicit || d->dbc != s->dbc)
                return p1_error(&s->h, "HY017", "The descriptor is neither the statement's implicit "
                                "one nor an explicit descriptor of this connection.");
            use = d;
        }
        if (attr == SQL_ATTR_APP_ROW_DESC)
            s->ard = use;
        else
            s->apd = use;
        return SQL_SUCCESS;
    }
    case SQL_ATTR_IMP_ROW_DESC:
    case SQL_ATTR_IMP_PARAM_DESC:
        return p1_error(&s->h, "HY017", "Implementation descriptors cannot be replaced.");
    case SQL_ATTR_ASYNC_ENABLE:
        if (v != SQL_ASYNC_ENABLE_OFF && v != SQL_ASYNC_ENABLE_ON)
            return p1_error(&s->h, "HY024", "SQL_ATTR_ASYNC_ENABLE must be SQL_ASYNC_ENABLE_OFF "
                            "or SQL_ASYNC_ENABLE_ON.");
        s->async_enable = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CONCURRENCY:
        if (v != SQL_CONCUR_READ_ONLY) {
            s->concurrency = SQL_CONCUR_READ_ONLY;
            return p1_warn(&s->h, "01S02", "Only read-only cursors are supported; concurrency "
                           "was set to SQL_CONCUR_READ_ONLY.");
        }
        s->concurrency = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_TYPE:
        if (s->state == P1_S_CURSOR)
            return p1_error(&s->h, "24000", "A cursor is open; close it before changing its type.");
        if (v == SQL_CURSOR_KEYSET_DRIVEN || v == SQL_CURSOR_DYNAMIC) {
            s->cursor_type = SQL_CURSOR_STATIC;
            return p1_warn(&s->h, "01S02", "Only forward-only and static cursors are supported; "
                           "the cursor type was set to SQL_CURSOR_STATIC.");
        }
        if (v != SQL_CURSOR_FORWARD_ONLY && v != SQL_CURSOR_STATIC)
            return p1_error(&s->h, "HY024", "Cursor type %lu is not valid.", (unsigned long)v);
        s->cursor_type = v;
        return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SCROLLABLE:
        if (v != SQL_NONSCROLLABLE && v != SQL_SCROLLABLE)
            return p1_error(&s->h, "HY024", "SQL_ATTR_CURSOR_SCROLLABLE must be SQL_NONSCROLLABLE "
                            "or SQL_SCROLLABLE.");
        s->cursor_type = v == SQL_SCROLLABLE ? SQL_CURSOR_STATIC : SQL_CURSOR_FORWARD_ONLY;
        return SQL_SUCCESS;
    case SQL_ATTR_CURSOR_SENSITIVITY:
        if (v == SQL_SENSITIVE)
            return p1_error(&s->h, "HYC00", "Sensitive cursors are not supported.");
        s->cursor_sensitivity = v;
        return SQL_SUCCESS;
    case SQL_ATTR_ENABLE_AUTO_IPD:
        if (v != SQL_FALSE)
            return p1_error(&s->h, "HYC00", "Automatic population of the IPD is not supported.");
        return SQL_SUCCESS;
    case SQL_ATTR_FETCH_BOOKMARK_PTR:
        s->fetch_bookmark_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_KEYSET_SIZE:
        s->keyset_size = v;
        return SQL_SUCCESS;
    case SQL_ATTR_MAX_LENGTH:
        s->max_length = v;
        return SQL_SUCCESS;
    case SQL_ATTR_MAX_ROWS:
        s->max_rows = v;
        return SQL_SUCCESS;
    case SQL_ATTR_METADATA_ID:
        s->metadata_id = v ? SQL_TRUE : SQL_FALSE;
        return SQL_SUCCESS;
    case SQL_ATTR_NOSCAN:
        s->noscan = v;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR:
        s->apd->bind_offset_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_BIND_TYPE:
        s->apd->bind_type = v;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_OPERATION_PTR:
        s->apd->array_status_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAM_STATUS_PTR:
        s->ipd.array_status_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAMS_PROCESSED_PTR:
        s->ipd.rows_processed_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_PARAMSET_SIZE:
        if (v == 0)
            return p1_error(&s->h, "HY024", "SQL_ATTR_PARAMSET_SIZE must be at least 1.");
        s->apd->array_size = v;
        return SQL_SUCCESS;
    case SQL_ATTR_QUERY_TIMEOUT:
        s->query_timeout = v;
        return SQL_SUCCESS;
    case SQL_ATTR_RETRIEVE_DATA:
        if (v != SQL_RD_ON && v != SQL_RD_OFF)
            return p1_error(&s->h, "HY024", "SQL_ATTR_RETRIEVE_DATA must be SQL_RD_ON or SQL_RD_OFF.");
        s->retrieve_data = v;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_ARRAY_SIZE:
        if (v == 0)
            return p1_error(&s->h, "HY024", "SQL_ATTR_ROW_ARRAY_SIZE must be at least 1.");
        s->ard->array_size = v;
        return SQL_SUCCESS;
    case SQL_ROWSET_SIZE:
        if (v == 0)
            return p1_error(&s->h, "HY024", "SQL_ROWSET_SIZE must be at least 1.");
        s->rowset_size_odbc2 = v;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR:
        s->ard->bind_offset_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_BIND_TYPE:
        s->ard->bind_type = v;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_OPERATION_PTR:
        s->ard->array_status_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_STATUS_PTR:
        s->ird.array_status_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_ROWS_FETCHED_PTR:
        s->ird.rows_processed_ptr = value;
        return SQL_SUCCESS;
    case SQL_ATTR_SIMULATE_CURSOR:
        s->simulate_cursor = v;
        return SQL_SUCCESS;
    case SQL_ATTR_USE_BOOKMARKS:
        if (v != SQL_UB_OFF)
            return p1_error(&s->h, "HYC00", "Bookmarks are not supported.");
        s->use_bookmarks = v;
        return SQL_SUCCESS;
    case SQL_ATTR_ROW_NUMBER:
        return p1_error(&s->h, "HY024", "SQL_ATTR_ROW_NUMBER is read-only.");
    default:
        return p1_error(&s->h, "HY092", "Statement attribute %d is not supported.", (int)attr);
    }
}

SQLRETURN p1_get_stmt_attr(p1_stmt *s, SQLINTEGER attr, SQLPOINTER value, SQLINTEGER buflen,
                           const p1_strout *sout, SQLINTEGER *outlen)
{
    (void)buflen;
    (void)sout;
    SQLULEN v;
    SQLPOINTER p;
    switch (attr) {
    case SQL_ATTR_APP_ROW_DESC: p = s->ard; goto ptr;
    case SQL_ATTR_APP_PARAM_DESC: p = s->apd; goto ptr;
    case SQL_ATTR_IMP_ROW_DESC: p = &s->ird; goto ptr;
    case SQL_ATTR_IMP_PARAM_DESC: p = &s->ipd; goto ptr;
    case SQL_ATTR_FETCH_BOOKMARK_PTR: p = s->fetch_bookmark_ptr; goto ptr;
    case SQL_ATTR_PARAM_BIND_OFFSET_PTR: p = s->apd->bind_offset_ptr; goto ptr;
    case SQL_ATTR_PARAM_OPERATION_PTR: p = s->apd->array_status_ptr; goto ptr;
    case SQL_ATTR_PARAM_STATUS_PTR: p = s->ipd.array_status_ptr; goto ptr;
    case SQL_ATTR_PARAMS_PROCESSED_PTR: p = s->ipd.rows_processed_ptr; goto ptr;
    case SQL_ATTR_ROW_BIND_OFFSET_PTR: p = s->ard->bind_offset_ptr; goto ptr;
    case SQL_ATTR_ROW_OPERATION_PTR: p = s->ard->array_status_ptr; goto ptr;
    case SQL_ATTR_ROW_STATUS_PTR: p = s->ird.array_status_ptr; goto ptr;
    case SQL_ATTR_ROWS_FETCHED_PTR: p = s->ird.rows_processed_ptr; goto ptr;
    case SQL_ATTR_ASYNC_ENABLE: v = s->async_enable; break;
    case SQL_ATTR_CONCURRENCY: v = s->concurrency; break;
    case SQL_ATTR_CURSOR_TYPE: v = s->cursor_type; break;
    case SQL_ATTR_CURSOR_SCROLLABLE:
        v = s->cursor_type == SQL_CURSOR_FORWARD_ONLY ? SQL_NONSCROLLABLE : SQL_SCROLLABLE;
        break;
    case SQL_ATTR_CURSOR_SENSITIVITY: v = s->cursor_sensitivity; break;
    case SQL_ATTR_ENABLE_AUTO_IPD: v = SQL_FALSE; break;
    case SQL_ATTR_KEYSET_SIZE: v = s->keyset_size; break;
    case SQL_ATTR_MAX_LENGTH: v = s->max_length; break;
    case SQL_ATTR_MAX_ROWS: v = s->max_rows; break;
    case SQL_ATTR_METADATA_ID: v = s->metadata_id; break;
    case SQL_ATTR_NOSCAN: v = s->noscan; break;
    case SQL_ATTR_PARAM_BIND_TYPE: v = s->apd->bind_type; break;
    case SQL_ATTR_PARAMSET_SIZE: v = s->apd->array_size; break;
    case SQL_ATTR_QUERY_TIMEOUT: v = s->query_timeout; break;
    case SQL_ATTR_RETRIEVE_DATA: v = s->retrieve_data; break;
    case SQL_ATTR_ROW_ARRAY_SIZE: v = s->ard->array_size; break;
    case SQL_ROWSET_SIZE: v = s->rowset_size_odbc2; break;
    case SQL_ATTR_ROW_BIND_TYPE: v = s->ard->bind_type; break;
    case SQL_ATTR_ROW_NUMBER:
        if (s->state != P1_S_CURSOR || !s->row_valid)
            return p1_error(&s->h, "24000", "There is no current row.");
        if (s->cursor_type != SQL_CURSOR_FORWARD_ONLY && s->scroll_loaded)
            v = (SQLULEN)(s->scroll_start + (int64_t)(s->rs_pos ? s->rs_pos : 1));
        else
            v = (SQLULEN)s->rows_fetched - (s->rs_rows ? s->rs_rows : 1) + (s->rs_pos ? s->rs_pos : 1);
        break;
    case SQL_ATTR_SIMULATE_CURSOR: v = s->simulate_cursor; break;
    case SQL_ATTR_USE_BOOKMARKS: v = SQL_UB_OFF; break;
    default:
        return p1_error(&s->h, "HY092", "Statement attribute %d is not supported.", (int)attr);
    }
    if (value)
        *(SQLULEN *)value = v;
    if (outlen)
        *outlen = sizeof(SQLULEN);
    return SQL_SUCCESS;
ptr:
    if (value)
        *(SQLPOINTER *)value = p;
    if (outlen)
        *outlen = sizeof(SQLPOINTER);
    return SQL_SUCCESS;
}
