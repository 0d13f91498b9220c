/**
 * @file scroll.c
 * Rows the driver keeps: copies of a forward-only rowset (so SQLSetPos and
 * SQLGetData work on a row array), and the static scrollable cursor, which
 * reads the whole result on its first fetch and then serves SQLFetchScroll /
 * SQLExtendedFetch with NEXT, PRIOR, FIRST, LAST, ABSOLUTE and RELATIVE.
 * Forward-only cursors never buffer more than one rowset.
 */
#include "driver/handles.h"

#include <stdlib.h>
#include <string.h>

/** Clear n*ncols values of rows and free the array. */
static void free_rows(sql_value *rows, int64_t nvals)
{
    if (!rows)
        return;
    for (int64_t i = 0; i < nvals; i++)
        sqlval_clear(&rows[i]);
    free(rows);
}

void p1_rows_release(p1_stmt *s)
{
    int nc = s->ird.count;
    free_rows(s->rs_copy, (int64_t)s->rs_copy_rows * nc);
    s->rs_copy = NULL;
    s->rs_copy_rows = 0;
    free_rows(s->scroll_rows, s->scroll_n * nc);
    s->scroll_rows = NULL;
    s->scroll_n = s->scroll_cap = 0;
    s->scroll_loaded = 0;
    s->scroll_start = -1;
    s->rs_rows = 0;
    s->rs_pos = 0;
    s->cur_row = NULL;
    s->rs_first = NULL;
}

int p1_rowset_keep(p1_stmt *s, SQLULEN i, SQLULEN n)
{
    int nc = s->ird.count;
    if (s->rs_copy_rows != n) {
        free_rows(s->rs_copy, (int64_t)s->rs_copy_rows * nc);
        s->rs_copy_rows = 0;
        s->rs_copy = calloc((size_t)n * (size_t)(nc > 0 ? nc : 1), sizeof *s->rs_copy);
        if (!s->rs_copy)
            return -1;
        s->rs_copy_rows = n;
    }
    for (int c = 0; c < nc; c++) {
        sql_value *dst = &s->rs_copy[i * (SQLULEN)nc + (SQLULEN)c];
        sqlval_clear(dst);
        if (sqlval_copy(dst, &s->res->row[c]) < 0)
            return -1;
    }
    return 0;
}

/** Read every remaining row of the result into scroll_rows (MAX_ROWS honoured). */
static SQLRETURN load_all(p1_stmt *s)
{
    int nc = s->ird.count;
    while (!s->at_end) {
        if (s->max_rows > 0 && (SQLULEN)s->scroll_n >= s->max_rows)
            break;
        err e;
        err_clear(&e);
        int r = s->res->ops->next(s->res, &e);
        if (r < 0) {
            s->at_end = 1;
            if (s->cancel_requested) {
                s->cancel_requested = 0;
                return p1_error(&s->h, "HY008", "Operation canceled.");
            }
            return p1_fail(&s->h, &e);
        }
        if (r == 0)
            break;
        if (s->scroll_n == s->scroll_cap) {
            int64_t cap = s->scroll_cap ? s->scroll_cap * 2 : 64;
            sql_value *nr = realloc(s->scroll_rows, sizeof *nr * (size_t)cap * (size_t)nc);
            if (!nr)
                return p1_error(&s->h, "HY001", "Out of memory while buffering the scrollable "
                                "cursor (%lld rows); use a forward-only cursor or narrow the query.",
                                (long long)s->scroll_n);
            memset(nr + s->scroll_cap * nc, 0, sizeof *nr * (size_t)(cap - s->scroll_cap) * (size_t)nc);
            s->scroll_rows = nr;
            s->scroll_cap = cap;
        }
        for (int c = 0; c < nc; c++)
            sqlval_move(&s->scroll_rows[s->scroll_n * nc + c], &s->res->row[c]);
        s->scroll_n++;
    }
    s->at_end = 1;
    s->scroll_loaded = 1;
    s->scroll_start = -1;
    s->rows_fetched = s->scroll_n;
    s->h.diag.cursor_row_count = (SQLLEN)s->scroll_n;
    return SQL_SUCCESS;
}

/**
 * Where the next rowset starts (0-based) for a static cursor of n_rows rows
 * with rowset size n, current start cur (-1 before start, n_rows after end),
 * following the SQLFetchScroll cursor-positioning rules. *warn is set when
 * the rowset overlaps the start (01S06). Returns -1 for "before start",
 * n_rows for "after end".
 */
static int64_t next_start(SQLSMALLINT orientation, SQLLEN offset, int64_t cur, int64_t n_rows,
                          int64_t n, int *warn)
{
    *warn = 0;
    int before = cur < 0, after = cur >= n_rows;
    switch (orientation) {
    case SQL_FETCH_NEXT:
        if (before)
            return n_rows > 0 ? 0 : n_rows;
        if (after || cur + n >= n_rows)
            return n_rows;
        return cur + n;
    case SQL_FETCH_PRIOR:
        if (before)
            return -1;
        if (after)
            return n_rows - n >= 0 ? n_rows - n : 0;
        if (cur == 0)
            return -1;
        if (cur - n < 0) {
            *warn = 1;
            return 0;
        }
        return cur - n;
    case SQL_FETCH_FIRST:
        return n_rows > 0 ? 0 : n_rows;
    case SQL_FETCH_LAST:
        if (n_rows == 0)
            return n_rows;
        return n_rows - n >= 0 ? n_rows - n : 0;
    case SQL_FETCH_ABSOLUTE:
        if (offset < 0) {
            if (n_rows + offset >= 0)
                return n_rows + offset;
            if (-offset > n)
                return -1;
            *warn = 1;
            return 0;
        }
        if (offset == 0)
            return -1;
        return offset <= n_rows ? offset - 1 : n_rows;
    case SQL_FETCH_RELATIVE:
        if (before)
            return offset > 0 ? next_start(SQL_FETCH_ABSOLUTE, offset, cur, n_rows, n, warn) : -1;
        if (after)
            return offset < 0 ? next_start(SQL_FETCH_ABSOLUTE, offset, cur, n_rows, n, warn)
                              : n_rows;
        if (cur + offset < 0) {
            if (-offset > n)
                return -1;
            *warn = 1;
            return 0;
        }
        return cur + offset >= n_rows ? n_rows : cur + offset;
    default:
        return -2;
    }
}

SQLRETURN p1_scroll_fetch(p1_stmt *s, SQLSMALLINT orientation, SQLLEN offset, SQLULEN n,
                          SQLUSMALLINT *status, SQLULEN *fetched)
{
    if (orientation == SQL_FETCH_BOOKMARK)
        return p1_error(&s->h, "HYC00", "Bookmarks are not supported.");
    if (!s->scroll_loaded) {
        SQLRETURN rc = load_all(s);
        if (rc == SQL_ERROR)
            return rc;
    }
    int warn = 0;
    int64_t start = next_start(orientation, offset, s->scroll_start, s->scroll_n, (int64_t)n, &warn);
    if (start == -2)
        return p1_error(&s->h, "HY106", "Fetch orientation %d is not valid.", (int)orientation);
    if (fetched)
        *fetched = 0;
    if (status)
        for (SQLULEN i = 0; i < n; i++)
            status[i] = SQL_ROW_NOROW;
    s->rs_rows = 0;
    s->rs_pos = 0;
    s->cur_row = NULL;
    s->rs_first = NULL;
    if (start < 0 || start >= s->scroll_n) {
        s->scroll_start = start < 0 ? -1 : s->scroll_n;
        s->row_valid = 0;
        return SQL_NO_DATA;
    }
    s->scroll_start = start;
    int nc = s->ird.count;
    SQLULEN got = 0;
    SQLRETURN rc = SQL_SUCCESS;
    SQLULEN errors = 0;
    while (got < n && start + (int64_t)got < s->scroll_n) {
        const sql_value *row = &s->scroll_rows[(start + (int64_t)got) * nc];
        p1_transfer_row(s, row, got, status, &rc, &errors);
        got++;
    }
    if (fetched)
        *fetched = got;
    s->rs_rows = got;
    s->rs_pos = 1;
    s->row_valid = 1;
    s->cur_row = &s->scroll_rows[start * nc];
    s->rs_first = s->cur_row;
    if (warn) {
        p1_warn(&s->h, "01S06", "The requested rowset overlapped the start of the result set; "
                "the first rowset was returned.");
        rc = SQL_SUCCESS_WITH_INFO;
    }
    if (errors)
        return errors == got && n == 1 ? SQL_ERROR : SQL_SUCCESS_WITH_INFO;
    return rc;
}
