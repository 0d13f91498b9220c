/**
 * @file fetch.c
 * Getting rows out: SQLBindCol (ARD records), SQLFetch / SQLFetchScroll /
 * SQLExtendedFetch (row arrays, row-wise and column-wise binding, bind
 * offsets, row status and rows-fetched pointers, SQL_ATTR_MAX_ROWS), and
 * SQLGetData in parts. Every value goes through conv_to_c.
 */
#include "driver/handles.h"

#include <stdlib.h>
#include <string.h>

#include "driver/convert.h"
#include "driver/types.h"

SQLLEN p1_c_type_size(SQLSMALLINT ctype)
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
           ctype == SQL_C_DEFAULT || p1_c_type_size(ctype) > 0;
}

SQLRETURN p1_bind_col(p1_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER buf,
                      SQLLEN buflen, SQLLEN *ind)
{
    if (col == 0)
        return p1_error(&s->h, "07009", "Column 0 is the bookmark column; bookmarks are not supported.");
    /* only an open result limits the column number: applications bind
       before executing the next statement */
    if (s->state == P1_S_CURSOR && col > (SQLUSMALLINT)s->ird.count)
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
    if (ctype == SQL_C_NUMERIC && (r->concise_type != SQL_C_NUMERIC || r->precision < 1)) {
        /* the defaults; SQLSetDescField may change them (then resets SQL_DESC_DATA_PTR) */
        r->precision = CONV_NUMERIC_DEFAULT_PRECISION;
        r->scale = 0;
    }
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

SQLRETURN p1_bind_row(p1_stmt *s, const sql_value *vals, SQLULEN i, SQLLEN rownum)
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
            SQLLEN elem = p1_c_type_size(eff);
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
        if (!data && !ind)
            continue; /* described in the ARD (e.g. by SQLSetDescField) but no buffer: unbound */
        SQLLEN pos = 0;
        err e;
        err_clear(&e);
        conv_numeric_spec num = { a->precision, a->scale };
        SQLRETURN crc = conv_to_c_spec(&vals[c - 1], ir->etype, ir->esize, ctype, &num, data,
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

void p1_transfer_row(p1_stmt *s, const sql_value *vals, SQLULEN i, SQLUSMALLINT *status,
                     SQLRETURN *rc, SQLULEN *errors)
{
    SQLRETURN brc = s->retrieve_data == SQL_RD_OFF ? SQL_SUCCESS
                                                   : p1_bind_row(s, vals, i, (SQLLEN)i + 1);
    if (status)
        status[i] = brc == SQL_SUCCESS ? SQL_ROW_SUCCESS
                  : brc == SQL_SUCCESS_WITH_INFO ? SQL_ROW_SUCCESS_WITH_INFO : SQL_ROW_ERROR;
    if (brc == SQL_ERROR)
        (*errors)++;
    else if (brc == SQL_SUCCESS_WITH_INFO)
        *rc = SQL_SUCCESS_WITH_INFO;
}

/** Forget what SQLGetData returned of the previous row. */
static void reset_get_data(p1_stmt *s)
{
    s->gd_last_col = 0;
    s->gd_ctype = 0;
    for (int c = 0; c < s->gd_ncols; c++)
        s->gd_pos[c] = 0;
}

/** Map an engine error to HY008/HYT00 when it came from SQLCancel or the query timeout. */
static void fail_fetch(p1_stmt *s, const err *e)
{
    if (s->cancel_requested) {
        s->cancel_requested = 0;
        p1_error(&s->h, "HY008", "Operation canceled.");
        return;
    }
    p1_fail(&s->h, e);
}

/**
 * Fetch the next rowset of size n into the bound buffers (forward-only
 * cursor). status (may be NULL) receives one SQL_ROW_* per row; *fetched
 * (may be NULL) the number of rows. With n > 1 the rows are kept for
 * SQLSetPos/SQLGetData. Returns SQL_SUCCESS, SQL_SUCCESS_WITH_INFO,
 * SQL_NO_DATA or SQL_ERROR.
 */
static SQLRETURN fetch_rowset(p1_stmt *s, SQLULEN n, SQLUSMALLINT *status, SQLULEN *fetched)
{
    if (s->state != P1_S_CURSOR)
        return p1_error(&s->h, "24000", "No result set is open; execute a query first.");
    reset_get_data(s);
    s->cur_row = NULL;
    s->rs_first = NULL;
    s->rs_pos = 0;
    s->rs_rows = 0;
    SQLULEN got = 0;
    SQLRETURN rc = SQL_SUCCESS;
    SQLULEN errors = 0;
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
            fail_fetch(s, &e);
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
        if (n > 1 && p1_rowset_keep(s, got, n) < 0)
            return p1_error(&s->h, "HY001", "Out of memory while keeping the rowset.");
        p1_transfer_row(s, s->res->row, got, status, &rc, &errors);
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
    s->rs_rows = got;
    s->rs_pos = 1;
    s->cur_row = n > 1 ? s->rs_copy : s->res->row;
    s->rs_first = s->cur_row;
    if (errors)
        return errors == got && n == 1 ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
    return rc;
}

/** Non-zero when the statement's cursor is a static scrollable one. */
static int scrollable(const p1_stmt *s)
{
    return s->cursor_type != SQL_CURSOR_FORWARD_ONLY;
}

/** Fetch a rowset of n rows at orientation/offset with either cursor kind. */
static SQLRETURN fetch_any(p1_stmt *s, SQLSMALLINT orientation, SQLLEN offset, SQLULEN n,
                           SQLUSMALLINT *status, SQLULEN *fetched)
{
    if (s->state != P1_S_CURSOR)
        return p1_error(&s->h, "24000", "No result set is open; execute a query first.");
    s->rs_status = status;
    if (scrollable(s)) {
        reset_get_data(s);
        return p1_scroll_fetch(s, orientation, offset, n, status, fetched);
    }
    if (orientation != SQL_FETCH_NEXT) {
        if (orientation == SQL_FETCH_PRIOR || orientation == SQL_FETCH_FIRST ||
            orientation == SQL_FETCH_LAST || orientation == SQL_FETCH_ABSOLUTE ||
            orientation == SQL_FETCH_RELATIVE || orientation == SQL_FETCH_BOOKMARK)
            return p1_error(&s->h, "HY106", "The cursor is forward-only: only SQL_FETCH_NEXT is "
                            "allowed; set SQL_ATTR_CURSOR_TYPE to SQL_CURSOR_STATIC before "
                            "executing to scroll.");
        return p1_error(&s->h, "HY106", "Fetch orientation %d is not valid.", (int)orientation);
    }
    return fetch_rowset(s, n, status, fetched);
}

SQLRETURN p1_fetch(p1_stmt *s)
{
    SQLULEN n = s->ard->array_size ? s->ard->array_size : 1;
    return fetch_any(s, SQL_FETCH_NEXT, 0, n, s->ird.array_status_ptr, s->ird.rows_processed_ptr);
}

SQLRETURN p1_fetch_scroll(p1_stmt *s, SQLSMALLINT orientation, SQLLEN offset)
{
    SQLULEN n = s->ard->array_size ? s->ard->array_size : 1;
    return fetch_any(s, orientation, offset, n, s->ird.array_status_ptr,
                     s->ird.rows_processed_ptr);
}

SQLRETURN p1_extended_fetch(p1_stmt *s, SQLUSMALLINT orientation, SQLLEN offset,
                            SQLULEN *rows, SQLUSMALLINT *status)
{
    SQLULEN n = s->rowset_size_odbc2 ? s->rowset_size_odbc2 : 1;
    return fetch_any(s, (SQLSMALLINT)orientation, offset, n, status, rows);
}

/**
 * SQLSetPos(SQL_REFRESH): convert rows first..last (1-based) of the current
 * rowset into the bound buffers again and set their row status. With
 * RowNumber 0 (all) rows the application marked SQL_ROW_IGNORE in
 * SQL_ATTR_ROW_OPERATION_PTR are skipped. The values come from the rows the
 * cursor holds: a static cursor sees no changes (SQL_STATIC_SENSITIVITY 0)
 * and PingOne is not read again.
 */
static SQLRETURN refresh_rows(p1_stmt *s, SQLULEN first, SQLULEN last, int bulk)
{
    int nc = s->ird.count;
    SQLRETURN rc = SQL_SUCCESS;
    SQLULEN done = 0, errors = 0;
    const SQLUSMALLINT *ops = bulk ? s->ard->array_status_ptr : NULL;
    for (SQLULEN i = first; i <= last; i++) {
        if (ops && ops[i - 1] == SQL_ROW_IGNORE)
            continue;
        p1_transfer_row(s, s->rs_first + (i - 1) * (SQLULEN)nc, i - 1, s->rs_status, &rc, &errors);
        done++;
    }
    if (errors)
        return errors == done && !bulk ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
    return rc;
}

SQLRETURN p1_set_pos(p1_stmt *s, SQLSETPOSIROW row, SQLUSMALLINT op, SQLUSMALLINT lock)
{
    if (s->state != P1_S_CURSOR)
        return p1_error(&s->h, "24000", "No result set is open; execute a query first.");
    if (op != SQL_POSITION && op != SQL_REFRESH) {
        if (op == SQL_UPDATE || op == SQL_DELETE || op == SQL_ADD)
            return p1_error(&s->h, "HYC00", "SQLSetPos supports SQL_POSITION and SQL_REFRESH "
                            "only: PingOne data is read-only through this driver.");
        return p1_error(&s->h, "HY092", "SQLSetPos operation %u is not valid.", (unsigned)op);
    }
    if (lock != SQL_LOCK_NO_CHANGE) {
        if (lock == SQL_LOCK_EXCLUSIVE || lock == SQL_LOCK_UNLOCK)
            return p1_error(&s->h, "HYC00", "Only SQL_LOCK_NO_CHANGE is supported: PingOne rows "
                            "cannot be locked.");
        return p1_error(&s->h, "HY092", "SQLSetPos lock type %u is not valid.", (unsigned)lock);
    }
    if (!s->row_valid || s->rs_rows == 0 || !s->rs_first)
        return p1_error(&s->h, "24000", "There is no rowset; call SQLFetch first.");
    if (row > s->rs_rows || (row == 0 && op == SQL_POSITION))
        return p1_error(&s->h, "HY107", "Row %lu is outside the rowset of %lu rows.",
                        (unsigned long)row, (unsigned long)s->rs_rows);
    SQLRETURN rc = SQL_SUCCESS;
    if (op == SQL_REFRESH)
        rc = refresh_rows(s, row ? row : 1, row ? row : s->rs_rows, row == 0);
    SQLULEN at = row ? row : 1;
    s->cur_row = s->rs_first + (at - 1) * (SQLULEN)s->ird.count;
    s->rs_pos = at;
    reset_get_data(s);
    return rc;
}

/** Bytes of the terminator SQLGetData writes for C type ctype. */
static SQLLEN nul_size(SQLSMALLINT ctype)
{
    return ctype == SQL_C_CHAR ? 1 : ctype == SQL_C_WCHAR ? (SQLLEN)sizeof(SQLWCHAR) : 0;
}

/**
 * Convert the whole value v of IRD column ir into s->gd_buf as C type ctype
 * (CHAR, WCHAR or BINARY). Returns SQL_SUCCESS or SQL_ERROR (recorded).
 */
static SQLRETURN convert_whole(p1_stmt *s, const sql_value *v, const p1_descrec *ir,
                               SQLSMALLINT ctype, SQLUSMALLINT col)
{
    err e;
    err_clear(&e);
    SQLLEN total = 0, pos = 0;
    SQLRETURN rc = conv_to_c(v, ir->etype, ir->esize, ctype, NULL, 0, &total, &pos, &e);
    if (rc == SQL_ERROR) {
        p1_fail(&s->h, &e);
        mark_last(s, (SQLLEN)(s->rs_pos ? s->rs_pos : 1), col);
        return SQL_ERROR;
    }
    if (total < 0)
        total = 0;
    char *buf = malloc((size_t)total + 4);
    if (!buf)
        return p1_error(&s->h, "HY001", "Out of memory while converting column %u.", (unsigned)col);
    SQLLEN ind = 0;
    pos = 0;
    err_clear(&e);
    rc = conv_to_c(v, ir->etype, ir->esize, ctype, buf, total + 4, &ind, &pos, &e);
    if (rc == SQL_ERROR) {
        free(buf);
        p1_fail(&s->h, &e);
        mark_last(s, (SQLLEN)(s->rs_pos ? s->rs_pos : 1), col);
        return SQL_ERROR;
    }
    free(s->gd_buf);
    s->gd_buf = buf;
    s->gd_len = total;
    s->gd_ctype = ctype;
    return SQL_SUCCESS;
}

/**
 * Return the next part of the converted value in s->gd_buf. Every part but
 * the last fills the buffer completely (less the terminator), as clients
 * such as pyodbc assume; a UTF-8 character or a surrogate pair may be split
 * between two parts (the application concatenates them).
 */
static SQLRETURN serve_part(p1_stmt *s, SQLUSMALLINT col, SQLPOINTER buf, SQLLEN buflen,
                            SQLLEN *ind)
{
    SQLLEN *pos = &s->gd_pos[col - 1];
    if (*pos == CONV_POS_DONE)
        return SQL_NO_DATA;
    SQLLEN remaining = s->gd_len - *pos;
    if (ind)
        *ind = remaining;
    SQLLEN nul = nul_size(s->gd_ctype);
    SQLLEN room = buflen - nul;
    if (s->gd_ctype == SQL_C_WCHAR && room > 0)
        room -= room % (SQLLEN)sizeof(SQLWCHAR);
    if (!buf || room < 0)
        room = 0;
    if (remaining <= room) {
        if (remaining > 0)
            memcpy(buf, s->gd_buf + *pos, (size_t)remaining);
        if (buf && nul)
            memset((char *)buf + remaining, 0, (size_t)nul);
        *pos = CONV_POS_DONE;
        return SQL_SUCCESS;
    }
    if (!buf || buflen <= 0) {
        p1_warn(&s->h, "01004", "String data, right truncated: the buffer has no room; %ld "
                "bytes are available.", (long)remaining);
        mark_last(s, (SQLLEN)(s->rs_pos ? s->rs_pos : 1), col);
        return SQL_SUCCESS_WITH_INFO;
    }
    if (room > 0)
        memcpy(buf, s->gd_buf + *pos, (size_t)room);
    if (nul && buflen >= nul)
        memset((char *)buf + room, 0, (size_t)nul);
    *pos += room;
    p1_warn(&s->h, "01004", "String data, right truncated: %ld bytes were available; call "
            "SQLGetData again for the rest or use a larger buffer.", (long)remaining);
    mark_last(s, (SQLLEN)(s->rs_pos ? s->rs_pos : 1), col);
    return SQL_SUCCESS_WITH_INFO;
}

SQLRETURN p1_get_data(p1_stmt *s, SQLUSMALLINT col, SQLSMALLINT ctype, SQLPOINTER buf,
                      SQLLEN buflen, SQLLEN *ind)
{
    if (s->state != P1_S_CURSOR)
        return p1_error(&s->h, "24000", "No result set is open; execute a query first.");
    if (!s->row_valid || !s->cur_row)
        return p1_error(&s->h, "24000", "There is no current row; call SQLFetch first.");
    if (col == 0 || col > (SQLUSMALLINT)s->ird.count)
        return p1_error(&s->h, "07009", "Column %u does not exist; the result has %d columns "
                        "(bookmarks are not supported).", (unsigned)col, (int)s->ird.count);
    if (buflen < 0)
        return p1_error(&s->h, "HY090", "BufferLength must not be negative.");
    /* SQL_C_NUMERIC takes the ARD record's precision and scale when it describes a NUMERIC */
    conv_numeric_spec num = { 0, 0 };
    if (col <= (SQLUSMALLINT)s->ard->count && s->ard->recs[col].concise_type == SQL_C_NUMERIC &&
        (ctype == SQL_ARD_TYPE || ctype == SQL_C_NUMERIC)) {
        num.precision = s->ard->recs[col].precision;
        num.scale = s->ard->recs[col].scale;
    }
    if (ctype == SQL_ARD_TYPE) {
        if (col > (SQLUSMALLINT)s->ard->count || !s->ard->recs[col].bound)
            return p1_error(&s->h, "07009", "SQL_ARD_TYPE needs column %u to be described in the ARD.",
                            (unsigned)col);
        ctype = s->ard->recs[col].concise_type;
    }
    if (!c_type_valid(ctype))
        return p1_error(&s->h, "HY003", "C data type %d is not supported.", (int)ctype);
    p1_descrec *ir = &s->ird.recs[col];
    const sql_value *v = &s->cur_row[col - 1];
    SQLSMALLINT eff = ctype;
    if (eff == SQL_C_DEFAULT) {
        odbc_typeinfo ti;
        odbc_type_of(ir->etype, ir->esize, &ti);
        eff = ti.c_default;
    }
    if (col != s->gd_last_col) {
        s->gd_pos[col - 1] = 0;
        s->gd_last_col = col;
        s->gd_ctype = 0;
    }
    if (v->type != SQLT_NULL &&
        (eff == SQL_C_CHAR || eff == SQL_C_WCHAR || eff == SQL_C_BINARY)) {
        if (s->gd_pos[col - 1] == CONV_POS_DONE)
            return SQL_NO_DATA;
        if (s->gd_ctype != eff || s->gd_pos[col - 1] == 0) {
            if (convert_whole(s, v, ir, eff, col) != SQL_SUCCESS)
                return SQL_ERROR;
            s->gd_pos[col - 1] = 0;
        }
        return serve_part(s, col, buf, buflen, ind);
    }
    err e;
    err_clear(&e);
    SQLRETURN rc = conv_to_c_spec(v, ir->etype, ir->esize, ctype, &num, buf, buflen,
                                  ind, &s->gd_pos[col - 1], &e);
    if (rc == SQL_SUCCESS_WITH_INFO || rc == SQL_ERROR) {
        p1_fail(&s->h, &e);
        mark_last(s, (SQLLEN)(s->rs_pos ? s->rs_pos : 1), col);
    }
    return rc;
}

SQLRETURN p1_bulk_operations(p1_stmt *s, SQLUSMALLINT op)
{
    switch (op) {
    case SQL_ADD:
    case SQL_UPDATE_BY_BOOKMARK:
    case SQL_DELETE_BY_BOOKMARK:
        /* the ODBC reference: HY092 when SQL_ATTR_CONCURRENCY is SQL_CONCUR_READ_ONLY, the only
         * concurrency this driver has */
        return p1_error(&s->h, "HY092", "SQLBulkOperations cannot add, update or delete rows: the "
                        "data source is read-only (SQL_ATTR_CONCURRENCY is SQL_CONCUR_READ_ONLY).");
    case SQL_FETCH_BY_BOOKMARK:
        return p1_error(&s->h, "HYC00", "SQLBulkOperations(SQL_FETCH_BY_BOOKMARK) is not supported: "
                        "this driver has no bookmarks; use SQLFetchScroll.");
    default:
        return p1_error(&s->h, "HY092", "SQLBulkOperations operation %u is not valid.", (unsigned)op);
    }
}
