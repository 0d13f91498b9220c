/**
 * @file fetch.c
 * Getting rows out: SQLBindCol (ARD records), SQLFetch / SQLFetchScroll /
 * SQLExtendedFetch (row arrays, row-wise and column-wise binding, bind
 * offsets, row status and rows-fetched pointers, SQL_ATTR_MAX_ROWS), and
 * SQLGetData in parts. Every value goes through conv_to_c.
 */
#include "driver/handles.h"

#include <string.h>

#include "driver/convert.h"
#include "driver/types.h"

/** Size in bytes of one value of fixed-size C type ctype; 0 for variable-length types. */
static SQLLEN c_type_size(SQLSMALLINT ctype)
{
    switch (ctype) {
    case SQL_C_BIT: case SQL_C_TINYINT: case SQL_C_STINYINT: case SQL_C_UTINYINT:
        return 1;
    case SQL_C_SHORT: case SQL_C_SSHORT: case SQL_C_USHORT:
        return sizeof(SQLSMALLINT);
    case SQL_C_LONG: case SQL_C_SLONG: case SQL_C_ULONG:
        return sizeof(SQLINTEGER);
    case SQL_C_SBIGINT: case SQL_C_UBIGINT:
        return sizeof(SQLBIGINT);
    case SQL_C_FLOAT:
        return sizeof(SQLREAL);
    case SQL_C_DOUBLE:
        return sizeof(SQLDOUBLE);
    case SQL_C_TYPE_DATE: case SQL_C_DATE:
        return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME: case SQL_C_TIME:
        return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP: case SQL_C_TIMESTAMP:
        return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_NUMERIC:
        return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_GUID:
        return sizeof(SQLGUID);
    default:
        return 0;
    }
}

/** Non-zero for the C types conv_to_c understands (SQL_C_DEFAULT included). */
static int c_type_valid(SQLSMALLINT ctype)
{
    return ctype == SQL_C_CHAR || ctype == SQL_C_WCHAR || ctype == SQL_C_BINARY ||
           ctype == SQL_C_DEFAULT || c_type_size(ctype) > 0;
}

SQLRETURN p1_bind_col(p1_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER buf,
                      SQLLEN buflen, SQLLEN *ind)
{
    if (col == 0)
        return p1_error(&s->h, "07009", "Column 0 is the bookmark column; bookmarks are not supported.");
    if (s->state != P1_S_ALLOCATED && col > (SQLUSMALLINT)s->ird.count)
        return p1_error(&s->h, "07009", "Column %u does not exist; the result has %d columns.",
                        (unsigned)col, (int)s->ird.count);
    if (buflen < 0)
        return p1_error(&s->h, "HY090", "BufferLength must not be negative.");
    if (!buf && !ind) { /* unbind */
        if (col <= (SQLUSMALLINT)s->ard->count) {
            s->ard->recs[col].bound = 0;
            s->ard->recs[col].data_ptr = NULL;
            s->ard->recs[col].indicator_ptr = NULL;
            s->ard->recs[col].octet_length_ptr = NULL;
            p1_desc_trim(s->ard);
        }
        return SQL_SUCCESS;
    }
    if (!c_type_valid(ctype))
        return p1_error(&s->h, "HY003", "C data type %d is not supported.", (int)ctype);
    p1_descrec *r = p1_desc_rec(s->ard, col);
    if (!r)
        return p1_error(&s->h, "HY001", "Out of memory.");
    r->concise_type = ctype;
    r->type = ctype;
    r->data_ptr = buf;
    r->octet_length = buflen;
    r->indicator_ptr = ind;
    r->octet_length_ptr = ind;
    r->bound = 1;
    return SQL_SUCCESS;
}

/** Set the row and column number of the most recent diagnostic record. */
static void mark_last(p1_stmt *s, SQLLEN row, SQLINTEGER col)
{
    if (s->h.diag.n > 0) {
        s->h.diag.recs[s->h.diag.n - 1].row = row;
        s->h.diag.recs[s->h.diag.n - 1].col = col;
    }
}

/**
 * Convert the current row into the bound buffers of rowset row i.
 * Returns SQL_SUCCESS, SQL_SUCCESS_WITH_INFO (a truncation) or SQL_ERROR.
 */
static SQLRETURN bind_row(p1_stmt *s, SQLULEN i, SQLLEN rownum)
{
    SQLRETURN rc = SQL_SUCCESS;
    p1_desc *ard = s->ard;
    SQLLEN off = ard->bind_offset_ptr ? *ard->bind_offset_ptr : 0;
    int ncols = ard->count < s->ird.count ? ard->count : s->ird.count;
    for (int c = 1; c <= ncols; c++) {
        p1_descrec *a = &ard->recs[c];
        if (!a->bound)
            continue;
        p1_descrec *ir = &s->ird.recs[c];
        SQLSMALLINT ctype = a->concise_type;
        char *data = NULL;
        SQLLEN *ind = NULL;
        if (ard->bind_type == SQL_BIND_BY_COLUMN) {
            SQLSMALLINT eff = ctype;
            if (ctype == SQL_C_DEFAULT) {
                odbc_typeinfo ti;
                odbc_type_of(ir->etype, ir->esize, &ti);
                eff = ti.c_default;
            }
            SQLLEN elem = c_type_size(eff);
            if (elem == 0)
                elem = a->octet_length;
            if (a->data_ptr)
                data = (char *)a->data_ptr + off + (SQLLEN)i * elem;
            if (a->indicator_ptr)
                ind = (SQLLEN *)((char *)a->indicator_ptr + off) + i;
        } else {
            SQLLEN stride = (SQLLEN)ard->bind_type;
            if (a->data_ptr)
                data = (char *)a->data_ptr + off + (SQLLEN)i * stride;
            if (a->indicator_ptr)
                ind = (SQLLEN *)((char *)a->indicator_ptr + off + (SQLLEN)i * stride);
        }
        SQLLEN pos = 0;
        err e;
        err_clear(&e);
        SQLRETURN crc = conv_to_c(&s->res->row[c - 1], ir->etype, ir->esize, ctype, data,
                                  a->octet_length, ind, &pos, &e);
        if (crc == SQL_SUCCESS_WITH_INFO) {
            p1_fail(&s->h, &e);
            mark_last(s, rownum, c);
            if (rc == SQL_SUCCESS)
                rc = SQL_SUCCESS_WITH_INFO;
        } else if (crc == SQL_ERROR) {
            p1_fail(&s->h, &e);
            mark_last(s, rownum, c);
            rc = SQL_ERROR;
        }
    }
    return rc;
}

/**
 * Fetch the next rowset of size n into the bound buffers. status (may be
 * NULL) receives one SQL_ROW_* per row; *fetched (may be NULL) the number of
 * rows. Returns SQL_SUCCESS, SQL_SUCCESS_WITH_INFO, SQL_NO_DATA or SQL_ERROR.
 */
static SQLRETURN fetch_rowset(p1_stmt *s, SQLULEN n, SQLUSMALLINT *status, SQLULEN *fetched)
{
    if (s->state != P1_S_CURSOR)
        return p1_error(&s->h, "24000", "No result set is open; execute a query first.");
    s->gd_last_col = 0;
    for (int c = 0; c < s->gd_ncols; c++)
        s->gd_pos[c] = 0;
    SQLULEN got = 0;
    SQLRETURN rc = SQL_SUCCESS;
    int errors = 0;
    while (got < n && !s->at_end) {
        if (s->max_rows > 0 && (SQLULEN)s->rows_fetched >= s->max_rows) {
            s->at_end = 1;
            break;
        }
        err e;
        err_clear(&e);
        int r = s->res->ops->next(s->res, &e);
        if (r < 0) {
            s->row_valid = 0;
            s->at_end = 1;
            p1_fail(&s->h, &e);
            if (got == 0) {
                if (fetched)
                    *fetched = 0;
                if (status)
                    for (SQLULEN i = 0; i < n; i++)
                        status[i] = SQL_ROW_NOROW;
                return SQL_ERROR;
            }
            rc = SQL_SUCCESS_WITH_INFO;
            break;
        }
        if (r == 0) {
            s->at_end = 1;
            break;
        }
        s->rows_fetched++;
        s->row_valid = 1;
        SQLRETURN brc = s->retrieve_data == SQL_RD_OFF ? SQL_SUCCESS
                                                       : bind_row(s, got, (SQLLEN)got + 1);
        if (status)
            status[got] = brc == SQL_SUCCESS ? SQL_ROW_SUCCESS
                        : brc == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO : SQL_ROW_ERROR;
        if (brc == SQL_ERROR)
            errors++;
        else if (brc == SQL_SUCCESS_WITH_INFO)
            rc = SQL_SUCCESS_WITH_INFO;
        got++;
    }
    if (status)
        for (SQLULEN i = got; i < n; i++)
            status[i] = SQL_ROW_NOROW;
    if (fetched)
        *fetched = got;
    s->h.diag.cursor_row_count = (SQLLEN)s->rows_fetched;
    if (got == 0) {
        s->row_valid = 0;
        return rc == SQL_SUCCESS ? SQL_NO_DATA : rc;
    }
    if (errors)
        return errors == (int)got && n == 1 ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
    return rc;
}

SQLRETURN p1_fetch(p1_stmt *s)
{
    SQLULEN n = s->ard->array_size ? s->ard->array_size : 1;
    return fetch_rowset(s, n, s->ird.array_status_ptr, s->ird.rows_processed_ptr);
}

SQLRETURN p1_fetch_scroll(p1_stmt *s, SQLSMALLINT orientation, SQLLEN offset)
{
    (void)offset;
    if (orientation != SQL_FETCH_NEXT) {
        if (orientation == SQL_FETCH_PRIOR || orientation == SQL_FETCH_FIRST ||
            orientation == SQL_FETCH_LAST || orientation == SQL_FETCH_ABSOLUTE ||
            orientation == SQL_FETCH_RELATIVE || orientation == SQL_FETCH_BOOKMARK)
            return p1_error(&s->h, "HY106", "The cursor is forward-only: only SQL_FETCH_NEXT is "
                            "allowed.");
        return p1_error(&s->h, "HY106", "Fetch orientation %d is not valid.", (int)orientation);
    }
    return p1_fetch(s);
}

SQLRETURN p1_extended_fetch(p1_stmt *s, SQLUSMALLINT orientation, SQLLEN offset,
                            SQLULEN *rows, SQLUSMALLINT *status)
{
    (void)offset;
    if (orientation != SQL_FETCH_NEXT)
        return p1_error(&s->h, "HY106", "The cursor is forward-only: only SQL_FETCH_NEXT is allowed.");
    SQLULEN n = s->rowset_size_odbc2 ? s->rowset_size_odbc2 : 1;
    return fetch_rowset(s, n, status, rows);
}

SQLRETURN p1_get_data(p1_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER buf,
                      SQLLEN buflen, SQLLEN *ind)
{
    if (s->state != P1_S_CURSOR)
        return p1_error(&s->h, "24000", "No result set is open; execute a query first.");
    if (!s->row_valid)
        return p1_error(&s->h, "24000", "There is no current row; call SQLFetch first.");
    if (col == 0 || col > (SQLUSMALLINT)s->ird.count)
        return p1_error(&s->h, "07009", "Column %u does not exist; the result has %d columns "
                        "(bookmarks are not supported).", (unsigned)col, (int)s->ird.count);
    if (s->ard->array_size > 1)
        return p1_error(&s->h, "HYC00", "SQLGetData is not supported with a row array size "
                        "above 1; bind the columns instead.");
    if (buflen < 0)
        return p1_error(&s->h, "HY090", "BufferLength must not be negative.");
    if (ctype == SQL_ARD_TYPE) {
        if (col > (SQLUSMALLINT)s->ard->count || !s->ard->recs[col].bound)
            return p1_error(&s->h, "07009", "SQL_ARD_TYPE needs column %u to be described in the ARD.",
                            (unsigned)col);
        ctype = s->ard->recs[col].concise_type;
    }
    if (!c_type_valid(ctype))
        return p1_error(&s->h, "HY003", "C data type %d is not supported.", (int)ctype);
    if (col != s->gd_last_col) {
        s->gd_pos[col - 1] = 0;
        s->gd_last_col = col;
    }
    p1_descrec *ir = &s->ird.recs[col];
    err e;
    err_clear(&e);
    SQLRETURN rc = conv_to_c(&s->res->row[col - 1], ir->etype, ir->esize, ctype, buf, buflen,
                             ind, &s->gd_pos[col - 1], &e);
    if (rc == SQL_SUCCESS_WITH_INFO || rc == SQL_ERROR) {
        p1_fail(&s->h, &e);
        mark_last(s, 1, col);
    }
    return rc;
}
