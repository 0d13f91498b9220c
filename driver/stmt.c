/**
 * @file stmt.c
 * Statements: prepare and execute through the SQL engine, result metadata
 * (SQLNumResultCols, SQLDescribeCol, SQLColAttribute read the IRD), parameters
 * (SQLBindParameter, SQLNumParams), SQLRowCount, SQLMoreResults, cursor close
 * and cursor names.
 */
#include "driver/handles.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver/convert.h"
#include "driver/types.h"
#include "sql/redact.h"

/** Close the open result (if any) without touching the prepared statement. */
static void close_result(p1_stmt *s)
{
    if (s->res) {
        if (s->dbc->log)
            p1log_write(s->dbc->log, 2, "result closed after %lld rows, %ld requests",
                        (long long)s->rows_fetched, s->res->requests);
        p1_rows_release(s);
        pthread_mutex_lock(&s->cancel_lock);
        s->res->ops->close(s->res);
        s->res = NULL;
        pthread_mutex_unlock(&s->cancel_lock);
    }
    p1_rows_release(s);
    free(s->gd_buf);
    s->gd_buf = NULL;
    s->gd_len = 0;
    s->gd_ctype = 0;
    s->row_valid = 0;
    s->at_end = 0;
    s->gd_last_col = 0;
}

void p1_stmt_reset(p1_stmt *s)
{
    close_result(s);
    p1_params_reset(s);
    s->pset = 0;
    if (s->prep) {
        sql_prepared_free(s->prep);
        s->prep = NULL;
    }
    p1_desc_clear_recs(&s->ird);
    s->state = P1_S_ALLOCATED;
    s->rowcount = -1;
}

SQLRETURN p1_close_cursor(p1_stmt *s, int must_be_open)
{
    if (s->state != P1_S_CURSOR) {
        if (must_be_open)
            return p1_error(&s->h, "24000", "No cursor is open on this statement.");
        return SQL_SUCCESS;
    }
    close_result(s);
    if (s->prep) {
        s->state = P1_S_PREPARED;
    } else {
        p1_desc_clear_recs(&s->ird);
        s->state = P1_S_ALLOCATED;
    }
    return SQL_SUCCESS;
}

SQLRETURN p1_stmt_set_result(p1_stmt *s, sql_result *res)
{
    close_result(s);
    if (p1_desc_set_ird(&s->ird, res->ncols, res->cols) < 0) {
        res->ops->close(res);
        return p1_error(&s->h, "HY001", "Out of memory.");
    }
    free(s->gd_pos);
    s->gd_ncols = res->ncols;
    s->gd_pos = calloc((size_t)(res->ncols > 0 ? res->ncols : 1), sizeof *s->gd_pos);
    if (!s->gd_pos) {
        res->ops->close(res);
        return p1_error(&s->h, "HY001", "Out of memory.");
    }
    pthread_mutex_lock(&s->cancel_lock);
    s->res = res;
    pthread_mutex_unlock(&s->cancel_lock);
    s->rows_fetched = 0;
    s->rowcount = res->rowcount;
    s->h.diag.row_count = (SQLLEN)res->rowcount;
    if (res->ncols == 0) {
        /* a statement without a result set: no cursor */
        close_result(s);
        s->state = P1_S_EXECUTED;
    } else {
        s->state = P1_S_CURSOR;
    }
    return SQL_SUCCESS;
}

/** Check that the connection is usable; records 08003 otherwise. */
static int connected(p1_stmt *s)
{
    if (s->dbc->connected && s->dbc->session)
        return 1;
    p1_error(&s->h, "08003", "The connection is closed.");
    return 0;
}

SQLRETURN p1_prepare(p1_stmt *s, const char *sql)
{
    if (!sql)
        return p1_error(&s->h, "HY009", "The statement text is NULL.");
    if (s->state == P1_S_CURSOR)
        return p1_error(&s->h, "24000", "A cursor is open on this statement; close it first.");
    if (!connected(s))
        return SQL_ERROR;
    p1_stmt_reset(s);
    if (p1log_enabled(s->dbc->log, 1)) {
        char *shown = sql_text_for_log(sql); /* procedure-call literals may be secrets */
        p1log_write(s->dbc->log, 1, "prepare: %s", shown ? shown : "");
        free(shown);
    }
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    if (sql_prepare(s->dbc->session, sql, &p, &e) < 0 || !p)
        return (void)p1_fail(&s->h, &e), SQL_ERROR;
    s->prep = p;
    if (p1_desc_set_ird(&s->ird, sql_prepared_ncols(p), sql_prepared_cols(p)) < 0)
        return p1_error(&s->h, "HY001", "Out of memory.");
    s->state = P1_S_PREPARED;
    return SQL_SUCCESS;
}

SQLRETURN p1_execute(p1_stmt *s)
{
    if (!s->prep)
        return p1_error(&s->h, "HY010", "No statement is prepared; call SQLPrepare first.");
    if (s->state == P1_S_CURSOR)
        return p1_error(&s->h, "24000", "A cursor is open on this statement; close it first.");
    if (s->state == P1_S_NEED_DATA)
        return p1_error(&s->h, "HY010", "The statement is waiting for data-at-execution "
                        "parameters; call SQLParamData.");
    if (!connected(s))
        return SQL_ERROR;
    close_result(s);
    s->cancel_requested = 0;
    s->pset = 0;
    s->need_data = 0;
    if (s->ipd.rows_processed_ptr)
        *s->ipd.rows_processed_ptr = 0;
    return p1_execute_sets(s);
}

SQLRETURN p1_exec_direct(p1_stmt *s, const char *sql)
{
    SQLRETURN rc = p1_prepare(s, sql);
    if (!SQL_SUCCEEDED(rc))
        return rc;
    SQLRETURN rc2 = p1_execute(s);
    if (!SQL_SUCCEEDED(rc2) && rc2 != SQL_NEED_DATA) {
        /* an ExecDirect that failed leaves nothing prepared */
        sql_prepared_free(s->prep);
        s->prep = NULL;
        p1_desc_clear_recs(&s->ird);
        s->state = P1_S_ALLOCATED;
    }
    return rc2 == SQL_SUCCESS ? rc : rc2;
}

SQLRETURN p1_free_stmt(p1_stmt *s, SQLUSMALLINT option)
{
    switch (option) {
    case SQL_CLOSE:
        return p1_close_cursor(s, 0);
    case SQL_UNBIND:
        p1_desc_clear_recs(s->ard);
        return SQL_SUCCESS;
    case SQL_RESET_PARAMS:
        p1_desc_clear_recs(s->apd);
        p1_desc_clear_recs(&s->ipd);
        return SQL_SUCCESS;
    default:
        return p1_error(&s->h, "HY092", "SQLFreeStmt option %u is not valid.", (unsigned)option);
    }
}

SQLRETURN p1_num_result_cols(p1_stmt *s, SQLSMALLINT *n)
{
    if (s->state == P1_S_ALLOCATED)
        return p1_error(&s->h, "HY010", "No statement is prepared or executed.");
    if (n)
        *n = s->ird.count;
    return SQL_SUCCESS;
}

SQLRETURN p1_num_params(p1_stmt *s, SQLSMALLINT *n)
{
    if (!s->prep)
        return p1_error(&s->h, "HY010", "No statement is prepared.");
    if (n)
        *n = (SQLSMALLINT)sql_prepared_nparams(s->prep);
    return SQL_SUCCESS;
}

/** The IRD record of column col, or NULL after recording 07009 / HY010. */
static p1_descrec *ird_col(p1_stmt *s, SQLUSMALLINT col)
{
    if (s->state == P1_S_ALLOCATED) {
        p1_error(&s->h, "HY010", "No statement is prepared or executed.");
        return NULL;
    }
    if (col < 1 || col > (SQLUSMALLINT)s->ird.count) {
        p1_error(&s->h, "07009", "Column %u does not exist; the result has %d column%s "
                 "(bookmarks are not supported).", (unsigned)col, (int)s->ird.count,
                 s->ird.count == 1 ? "" : "s");
        return NULL;
    }
    return &s->ird.recs[col];
}

SQLRETURN p1_describe_col(p1_stmt *s, SQLUSMALLINT col, const p1_strout *name, SQLSMALLINT *namelen,
                          SQLSMALLINT *type, SQLULEN *size, SQLSMALLINT *digits,
                          SQLSMALLINT *nullable)
{
    p1_descrec *r = ird_col(s, col);
    if (!r)
        return SQL_ERROR;
    SQLLEN total = 0;
    int trunc = p1_put_str(name, r->name, &total);
    if (namelen)
        *namelen = (SQLSMALLINT)(total > 32767 ? 32767 : total);
    if (type)
        *type = p1_is_odbc2(&s->h) ? r->odbc2_type : r->concise_type;
    if (size)
        *size = r->length;
    if (digits)
        *digits = r->scale;
    if (nullable)
        *nullable = r->nullable;
    if (trunc)
        return p1_warn(&s->h, "01004", "The name of column %u was truncated.", (unsigned)col);
    return SQL_SUCCESS;
}

SQLRETURN p1_col_attribute(p1_stmt *s, SQLUSMALLINT col, SQLUSMALLINT field,
                           const p1_strout *str, SQLSMALLINT *strlen, SQLLEN *num)
{
    if (field == SQL_DESC_COUNT || field == SQL_COLUMN_COUNT) {
        if (s->state == P1_S_ALLOCATED)
            return p1_error(&s->h, "HY010", "No statement is prepared or executed.");
        if (num)
            *num = s->ird.count;
        return SQL_SUCCESS;
    }
    p1_descrec *r = ird_col(s, col);
    if (!r)
        return SQL_ERROR;
    const char *sv = NULL;
    SQLLEN nv = 0;
    int odbc2 = p1_is_odbc2(&s->h);
    switch (field) {
    case SQL_DESC_AUTO_UNIQUE_VALUE: nv = SQL_FALSE; break;
    case SQL_DESC_BASE_COLUMN_NAME: sv = r->base_column_name; break;
    case SQL_DESC_BASE_TABLE_NAME:
    case SQL_DESC_TABLE_NAME: sv = r->base_table_name; break;
    case SQL_DESC_CASE_SENSITIVE: nv = r->etype == SQLT_TEXT ? SQL_TRUE : SQL_FALSE; break;
    case SQL_DESC_CATALOG_NAME: sv = ""; break;
    case SQL_DESC_CONCISE_TYPE: nv = odbc2 ? r->odbc2_type : r->concise_type; break;
    case SQL_DESC_TYPE: nv = odbc2 ? r->odbc2_type : r->type; break;
    case SQL_DESC_DISPLAY_SIZE: nv = r->display_size; break;
    case SQL_DESC_FIXED_PREC_SCALE: nv = SQL_FALSE; break;
    case SQL_DESC_LABEL:
    case SQL_DESC_NAME:
    case SQL_COLUMN_NAME: sv = r->name; break;
    case SQL_DESC_LENGTH: nv = (SQLLEN)r->length; break;
    case SQL_COLUMN_LENGTH: nv = r->ird_octet_length; break;
    case SQL_DESC_LITERAL_PREFIX: sv = r->literal_prefix ? r->literal_prefix : ""; break;
    case SQL_DESC_LITERAL_SUFFIX: sv = r->literal_suffix ? r->literal_suffix : ""; break;
    case SQL_DESC_LOCAL_TYPE_NAME:
    case SQL_DESC_TYPE_NAME: sv = r->type_name; break;
    case SQL_DESC_NULLABLE:
    case SQL_COLUMN_NULLABLE: nv = r->nullable; break;
    case SQL_DESC_NUM_PREC_RADIX: nv = r->num_prec_radix; break;
    case SQL_DESC_OCTET_LENGTH: nv = r->ird_octet_length; break;
    case SQL_DESC_PRECISION: nv = r->precision; break;
    case SQL_COLUMN_PRECISION: nv = (SQLLEN)r->length; break;
    case SQL_DESC_SCALE:
    case SQL_COLUMN_SCALE: nv = r->scale; break;
    case SQL_DESC_SCHEMA_NAME: sv = r->schema_name; break;
    case SQL_DESC_SEARCHABLE: nv = SQL_PRED_SEARCHABLE; break;
    case SQL_DESC_UNNAMED: nv = r->name && r->name[0] ? SQL_NAMED : SQL_UNNAMED; break;
    case SQL_DESC_UNSIGNED: nv = r->unsigned_attr; break;
    case SQL_DESC_UPDATABLE: nv = SQL_ATTR_READONLY; break;
    default:
        return p1_error(&s->h, "HY091", "Column attribute %u is not supported.", (unsigned)field);
    }
    if (sv) {
        SQLLEN total = 0;
        int trunc = p1_put_str(str, sv, &total);
        if (strlen)
            *strlen = (SQLSMALLINT)(total > 32767 ? 32767 : total);
        if (trunc)
            return p1_warn(&s->h, "01004", "Column attribute %u of column %u was truncated.",
                           (unsigned)field, (unsigned)col);
        return SQL_SUCCESS;
    }
    if (num)
        *num = nv;
    return SQL_SUCCESS;
}

SQLRETURN p1_bind_parameter(p1_stmt *s, SQLUSMALLINT n, SQLSMALLINT io, SQLSMALLINT ctype,
                            SQLSMALLINT sqltype, SQLULEN size, SQLSMALLINT digits,
                            SQLPOINTER buf, SQLLEN buflen, SQLLEN *ind)
{
    if (n < 1)
        return p1_error(&s->h, "07009", "Parameter numbers start at 1.");
    if (io != SQL_PARAM_INPUT) {
        if (io == SQL_PARAM_OUTPUT || io == SQL_PARAM_INPUT_OUTPUT)
            return p1_error(&s->h, "HYC00", "Only input parameters are supported (no procedures).");
        return p1_error(&s->h, "HY105", "Parameter type %d is not valid.", (int)io);
    }
    if (buflen < 0)
        return p1_error(&s->h, "HY090", "BufferLength must not be negative.");
    if (!buf && !ind)
        return p1_error(&s->h, "HY009", "Both the value pointer and the indicator are NULL.");
    p1_descrec *a = p1_desc_rec(s->apd, n);
    p1_descrec *ip = p1_desc_rec(&s->ipd, n);
    if (!a || !ip)
        return p1_error(&s->h, "HY001", "Out of memory.");
    a->concise_type = ctype;
    a->type = ctype;
    a->data_ptr = buf;
    a->octet_length = buflen;
    a->indicator_ptr = ind;
    a->octet_length_ptr = ind;
    a->bound = 1;
    ip->concise_type = sqltype;
    ip->type = sqltype;
    ip->length = size;
    ip->scale = digits;
    ip->param_type = io;
    ip->bound = 1;
    return SQL_SUCCESS;
}

SQLRETURN p1_describe_param(p1_stmt *s, SQLUSMALLINT n, SQLSMALLINT *type, SQLULEN *size,
                            SQLSMALLINT *digits, SQLSMALLINT *nullable)
{
    if (!s->prep)
        return p1_error(&s->h, "HY010", "No statement is prepared.");
    if (n < 1 || n > sql_prepared_nparams(s->prep))
        return p1_error(&s->h, "07009", "Parameter %u does not exist; the statement has %d.",
                        (unsigned)n, sql_prepared_nparams(s->prep));
    /* the engine infers each parameter's type from where it is used (text when unknown) */
    enum sqltype et = SQLT_TEXT;
    int esize = 4000, enull = 1;
    if (sql_prepared_param_type(s->prep, n - 1, &et, &esize, &enull) < 0) {
        et = SQLT_TEXT;
        esize = 4000;
    }
    odbc_typeinfo ti;
    odbc_type_of(et, esize, &ti);
    SQLSMALLINT null_code = enull ? SQL_NULLABLE : SQL_NO_NULLS;
    /* an IPD record the application has not described takes the inferred description */
    p1_descrec *ip = p1_desc_rec(&s->ipd, n);
    if (ip && !ip->bound) {
        ip->concise_type = ti.sql_type;
        ip->type = ti.verbose_type;
        ip->datetime_sub = ti.datetime_sub;
        ip->length = ti.column_size;
        ip->precision = et == SQLT_TIMESTAMP ? ti.decimal_digits : (SQLSMALLINT)ti.column_size;
        ip->scale = ti.decimal_digits;
        ip->nullable = null_code;
        if (!ip->param_type)
            ip->param_type = SQL_PARAM_INPUT;
    }
    if (type)
        *type = ti.sql_type;
    if (size)
        *size = ti.column_size;
    if (digits)
        *digits = ti.decimal_digits;
    if (nullable)
        *nullable = null_code;
    return SQL_SUCCESS;
}

SQLRETURN p1_row_count(p1_stmt *s, SQLLEN *n)
{
    if (s->state != P1_S_CURSOR && s->state != P1_S_EXECUTED)
        return p1_error(&s->h, "HY010", "The statement has not been executed.");
    if (n)
        *n = (SQLLEN)s->rowcount;
    return SQL_SUCCESS;
}

SQLRETURN p1_more_results(p1_stmt *s)
{
    if (s->state == P1_S_NEED_DATA)
        return p1_error(&s->h, "HY010", "The statement is waiting for data-at-execution "
                        "parameters; call SQLParamData.");
    if (s->prep && (s->state == P1_S_CURSOR || s->state == P1_S_EXECUTED) &&
        s->pset + 1 < (s->apd->array_size ? s->apd->array_size : 1)) {
        /* the next parameter set's result */
        close_result(s);
        s->pset++;
        s->need_data = 0;
        SQLRETURN rc = p1_execute_sets(s);
        if (s->state == P1_S_CURSOR || SQL_SUCCEEDED(rc))
            return rc;
        return rc == SQL_NEED_DATA ? rc : SQL_NO_DATA;
    }
    if (s->state == P1_S_CURSOR)
        p1_close_cursor(s, 0);
    else if (s->state == P1_S_EXECUTED)
        s->state = s->prep ? P1_S_PREPARED : P1_S_ALLOCATED;
    return SQL_NO_DATA;
}

SQLRETURN p1_cancel(p1_stmt *s)
{
    /* Called without the statement lock: another thread may be inside
       SQLExecute/SQLFetch on s. Only the cancel flag and the result's
       cancel hook are touched, under cancel_lock. */
    pthread_mutex_lock(&s->cancel_lock);
    if (s->exec_cancel) {          /* executing: planning, subqueries, the first page */
        s->cancel_requested = 1;
        sql_cancel_fire(s->exec_cancel);
    } else if (s->res) {
        s->cancel_requested = 1;
        sql_result_cancel(s->res);
    }
    pthread_mutex_unlock(&s->cancel_lock);
    if (pthread_mutex_trylock(&s->h.lock) == 0) {
        /* nothing running: cancel ends a data-at-execution sequence */
        p1_diag_clear(&s->h.diag);
        if (s->state == P1_S_NEED_DATA) {
            s->need_data = 0;
            s->dae_param = 0;
            s->state = s->prep ? P1_S_PREPARED : P1_S_ALLOCATED;
        }
        pthread_mutex_unlock(&s->h.lock);
    }
    return SQL_SUCCESS;
}

SQLRETURN p1_get_cursor_name(p1_stmt *s, const p1_strout *out, SQLSMALLINT *outlen)
{
    if (!s->cursor_name) {
        char buf[32];
        snprintf(buf, sizeof buf, "SQL_CUR%d", ++s->dbc->stmt_counter);
        if (!(s->cursor_name = strdup(buf)))
            return p1_error(&s->h, "HY001", "Out of memory.");
    }
    SQLLEN total = 0;
    int trunc = p1_put_str(out, s->cursor_name, &total);
    if (outlen)
        *outlen = (SQLSMALLINT)total;
    if (trunc)
        return p1_warn(&s->h, "01004", "The cursor name was truncated.");
    return SQL_SUCCESS;
}

SQLRETURN p1_set_cursor_name(p1_stmt *s, const char *name)
{
    if (!name)
        return p1_error(&s->h, "HY009", "The cursor name is NULL.");
    if (s->state == P1_S_CURSOR)
        return p1_error(&s->h, "24000", "A cursor is open on this statement.");
    if (!name[0] || strlen(name) > 128 || strncasecmp(name, "SQLCUR", 6) == 0 ||
        strncasecmp(name, "SQL_CUR", 7) == 0)
        return p1_error(&s->h, "34000", "Cursor name '%s' is not valid: use 1 to 128 characters "
                        "not starting with SQLCUR or SQL_CUR.", name);
    for (p1_stmt *o = s->dbc->stmts; o; o = o->next)
        if (o != s && o->cursor_name && strcasecmp(o->cursor_name, name) == 0)
            return p1_error(&s->h, "3C000", "Cursor name '%s' is already used on this connection.", name);
    char *c = strdup(name);
    if (!c)
        return p1_error(&s->h, "HY001", "Out of memory.");
    free(s->cursor_name);
    s->cursor_name = c;
    return SQL_SUCCESS;
}
