/**
 * @file params.c
 * Executing with parameters: reading bound values (row-wise or column-wise,
 * with bind offsets) for each parameter set of SQL_ATTR_PARAMSET_SIZE,
 * data-at-execution parameters (SQLParamData / SQLPutData), parameter
 * status and processed-count pointers. A SELECT executed with several
 * parameter sets yields one result set per set: SQLMoreResults moves on.
 */
#include "driver/handles.h"

#include <stdlib.h>
#include <string.h>

#include "driver/convert.h"
#include "driver/utf16.h"

void p1_params_reset(p1_stmt *s)
{
    if (s->pvals)
        for (int i = 0; i < s->pn; i++)
            sqlval_clear(&s->pvals[i]);
    free(s->pvals);
    free(s->pfilled);
    free(s->dae_buf);
    s->pvals = NULL;
    s->pfilled = NULL;
    s->dae_buf = NULL;
    s->dae_len = 0;
    s->dae_null = 0;
    s->dae_param = 0;
    s->dae_next = 0;
    s->need_data = 0;
    s->pn = 0;
}

/** Allocate empty values for the n parameters of a new parameter set. */
static int params_begin_set(p1_stmt *s, int n)
{
    if (!s->pvals || s->pn != n) {
        p1_params_reset(s);
        s->pvals = calloc((size_t)(n > 0 ? n : 1), sizeof *s->pvals);
        s->pfilled = calloc((size_t)(n > 0 ? n : 1), 1);
        if (!s->pvals || !s->pfilled)
            return -1;
        s->pn = n;
        return 0;
    }
    for (int i = 0; i < n; i++) {
        sqlval_clear(&s->pvals[i]);
        s->pfilled[i] = 0;
    }
    return 0;
}

/** Address of the value (and indicator) of parameter record a for parameter set k. */
static void param_addr(p1_stmt *s, const p1_descrec *a, SQLULEN k, char **data, SQLLEN **ind)
{
    SQLLEN off = s->apd->bind_offset_ptr ? *s->apd->bind_offset_ptr : 0;
    *data = NULL;
    *ind = NULL;
    if (s->apd->bind_type == SQL_PARAM_BIND_BY_COLUMN) {
        SQLLEN elem = p1_c_type_size(a->concise_type);
        if (elem == 0)
            elem = a->octet_length;
        if (a->data_ptr)
            *data = (char *)a->data_ptr + off + (SQLLEN)k * elem;
        if (a->indicator_ptr)
            *ind = (SQLLEN *)((char *)a->indicator_ptr + off) + k;
    } else {
        SQLLEN stride = (SQLLEN)s->apd->bind_type;
        if (a->data_ptr)
            *data = (char *)a->data_ptr + off + (SQLLEN)k * stride;
        if (a->indicator_ptr)
            *ind = (SQLLEN *)((char *)a->indicator_ptr + off + (SQLLEN)k * stride);
    }
}

/** Set the row number of the most recent diagnostic record. */
static void mark_row(p1_stmt *s, SQLLEN row)
{
    if (s->h.diag.n > 0)
        s->h.diag.recs[s->h.diag.n - 1].row = row;
}

/**
 * Read the values of parameter set s->pset that are not collected yet.
 * Returns SQL_SUCCESS when all are there, SQL_NEED_DATA (s->dae_next set)
 * when a data-at-execution parameter is still missing, SQL_ERROR otherwise.
 */
static SQLRETURN collect(p1_stmt *s)
{
    for (int i = 1; i <= s->pn; i++) {
        if (s->pfilled[i - 1])
            continue;
        p1_descrec *a = i <= s->apd->count ? &s->apd->recs[i] : NULL;
        p1_descrec *ip = i <= s->ipd.count ? &s->ipd.recs[i] : NULL;
        if (!a || !a->bound)
            return p1_error(&s->h, "07002", "Parameter %d is not bound; call SQLBindParameter for "
                            "each of the statement's %d parameters.", i, s->pn);
        char *data;
        SQLLEN *ind;
        param_addr(s, a, s->pset, &data, &ind);
        if (ind && (*ind == SQL_DATA_AT_EXEC || *ind <= SQL_LEN_DATA_AT_EXEC_OFFSET)) {
            s->dae_next = i;
            return SQL_NEED_DATA;
        }
        err e;
        err_clear(&e);
        if (conv_from_c(a->concise_type, ip ? ip->concise_type : SQL_WVARCHAR, data,
                        a->octet_length, ind, &s->pvals[i - 1], &e) < 0) {
            p1_fail(&s->h, &e);
            mark_row(s, (SQLLEN)s->pset + 1);
            return SQL_ERROR;
        }
        s->pfilled[i - 1] = 1;
    }
    return SQL_SUCCESS;
}

/** Run the prepared statement with the collected values of the current set. */
static SQLRETURN run_set(p1_stmt *s)
{
    err e;
    err_clear(&e);
    sql_result *res = NULL;
    /* SQLCancel and the query timeout reach the execution through this token
       (subqueries run before there is a result) */
    sql_cancel *tok = sql_cancel_new();
    pthread_mutex_lock(&s->cancel_lock);
    s->exec_cancel = tok;
    pthread_mutex_unlock(&s->cancel_lock);
    int xrc = sql_execute_cancellable(s->prep, s->pvals, s->pn, tok, &res, &e);
    pthread_mutex_lock(&s->cancel_lock);
    s->exec_cancel = NULL;
    pthread_mutex_unlock(&s->cancel_lock);
    sql_cancel_unref(tok);
    if (xrc < 0 || !res) {
        if (s->cancel_requested) {
            s->cancel_requested = 0;
            return p1_error(&s->h, "HY008", "Operation canceled.");
        }
        p1_fail(&s->h, &e);
        if (s->apd->array_size > 1)
            mark_row(s, (SQLLEN)s->pset + 1);
        return SQL_ERROR;
    }
    return p1_stmt_set_result(s, res);
}

/** Record the outcome of parameter set s->pset in the status array and processed count. */
static void set_status(p1_stmt *s, SQLUSMALLINT st)
{
    if (s->ipd.array_status_ptr)
        s->ipd.array_status_ptr[s->pset] = st;
    if (s->ipd.rows_processed_ptr)
        *s->ipd.rows_processed_ptr = s->pset + 1;
}

SQLRETURN p1_execute_sets(p1_stmt *s)
{
    SQLULEN nsets = s->apd->array_size ? s->apd->array_size : 1;
    int n = sql_prepared_nparams(s->prep);
    SQLRETURN overall = SQL_SUCCESS;
    int any_ok = 0;
    for (; s->pset < nsets; s->pset++) {
        if (!s->need_data) {
            if (s->apd->array_status_ptr && s->apd->array_status_ptr[s->pset] == SQL_PARAM_IGNORE) {
                set_status(s, SQL_PARAM_UNUSED);
                continue;
            }
            if (params_begin_set(s, n) < 0)
                return p1_error(&s->h, "HY001", "Out of memory.");
        }
        SQLRETURN rc = collect(s);
        if (rc == SQL_NEED_DATA) {
            s->need_data = 1;
            s->state = P1_S_NEED_DATA;
            return SQL_NEED_DATA;
        }
        s->need_data = 0;
        if (rc == SQL_SUCCESS)
            rc = run_set(s);
        if (!SQL_SUCCEEDED(rc)) {
            set_status(s, SQL_PARAM_ERROR);
            if (s->state == P1_S_NEED_DATA)
                s->state = P1_S_PREPARED;
            if (nsets == 1)
                return rc;
            overall = SQL_SUCCESS_WITH_INFO;
            continue;
        }
        set_status(s, rc == SQL_SUCCESS ? SQL_PARAM_SUCCESS : SQL_PARAM_SUCCESS_WITH_INFO);
        any_ok = 1;
        if (rc == SQL_SUCCESS_WITH_INFO)
            overall = SQL_SUCCESS_WITH_INFO;
        if (s->state == P1_S_CURSOR) {
            /* one result set per parameter set: SQLMoreResults continues */
            if (s->ipd.array_status_ptr)
                for (SQLULEN k = s->pset + 1; k < nsets; k++)
                    s->ipd.array_status_ptr[k] = SQL_PARAM_UNUSED;
            return overall;
        }
    }
    if (s->state == P1_S_NEED_DATA)
        s->state = P1_S_PREPARED;
    if (!any_ok && nsets > 1)
        return SQL_ERROR;
    return overall;
}

/** Finish the value SQLPutData collected for s->dae_param. Returns 0 or -1 (recorded). */
static int finish_dae_value(p1_stmt *s)
{
    int i = s->dae_param;
    p1_descrec *a = &s->apd->recs[i];
    p1_descrec *ip = i <= s->ipd.count ? &s->ipd.recs[i] : NULL;
    err e;
    err_clear(&e);
    SQLLEN len = s->dae_null ? SQL_NULL_DATA : (SQLLEN)s->dae_len;
    char empty[4] = {0};
    int rc = conv_from_c(a->concise_type, ip ? ip->concise_type : SQL_WVARCHAR,
                         s->dae_buf ? s->dae_buf : empty, (SQLLEN)s->dae_len, &len,
                         &s->pvals[i - 1], &e);
    free(s->dae_buf);
    s->dae_buf = NULL;
    s->dae_len = 0;
    s->dae_null = 0;
    s->dae_param = 0;
    if (rc < 0) {
        p1_fail(&s->h, &e);
        mark_row(s, (SQLLEN)s->pset + 1);
        return -1;
    }
    s->pfilled[i - 1] = 1;
    return 0;
}

/** Abandon a data-at-execution sequence after an error. */
static SQLRETURN abandon(p1_stmt *s, SQLRETURN rc)
{
    s->need_data = 0;
    s->dae_param = 0;
    s->state = P1_S_PREPARED;
    return rc;
}

SQLRETURN p1_param_data(p1_stmt *s, SQLPOINTER *value)
{
    if (!s->need_data || s->state != P1_S_NEED_DATA)
        return p1_error(&s->h, "HY010", "SQLParamData is only valid after SQLExecute or "
                        "SQLExecDirect returned SQL_NEED_DATA.");
    if (s->dae_param && finish_dae_value(s) < 0)
        return abandon(s, SQL_ERROR);
    SQLRETURN rc = collect(s);
    if (rc == SQL_NEED_DATA) {
        s->dae_param = s->dae_next;
        s->dae_next = 0;
        p1_descrec *a = &s->apd->recs[s->dae_param];
        char *data;
        SQLLEN *ind;
        param_addr(s, a, s->pset, &data, &ind);
        if (value)
            *value = data;
        return SQL_NEED_DATA;
    }
    if (rc == SQL_ERROR)
        return abandon(s, rc);
    rc = p1_execute_sets(s); /* need_data still set: resumes the current set */
    if (rc == SQL_ERROR && s->state == P1_S_NEED_DATA)
        s->state = P1_S_PREPARED;
    return rc;
}

SQLRETURN p1_put_data(p1_stmt *s, SQLPOINTER data, SQLLEN len)
{
    if (!s->need_data || !s->dae_param)
        return p1_error(&s->h, "HY010", "SQLPutData is only valid after SQLParamData asked for "
                        "a parameter's data.");
    p1_descrec *a = &s->apd->recs[s->dae_param];
    SQLSMALLINT ctype = a->concise_type;
    if (len == SQL_NULL_DATA) {
        s->dae_null = 1;
        return SQL_SUCCESS;
    }
    if (!data && len != 0)
        return p1_error(&s->h, "HY009", "DataPtr is NULL but StrLen_or_Ind is %ld.", (long)len);
    size_t fixed = (size_t)p1_c_type_size(ctype);
    size_t n;
    if (fixed > 0) {
        if (s->dae_len > 0)
            return p1_error(&s->h, "HY019", "Parameter %d has a fixed-size C type; send its value "
                            "in one SQLPutData call.", s->dae_param);
        n = fixed;
    } else if (len == SQL_NTS) {
        if (ctype == SQL_C_WCHAR)
            n = utf16_len(data) * sizeof(SQLWCHAR);
        else if (ctype == SQL_C_BINARY)
            return p1_error(&s->h, "HY090", "SQL_NTS is not valid for binary data.");
        else
            n = strlen(data);
    } else if (len < 0) {
        return p1_error(&s->h, "HY090", "StrLen_or_Ind %ld is not valid.", (long)len);
    } else {
        n = (size_t)len;
    }
    char *nb = realloc(s->dae_buf, s->dae_len + n + 4);
    if (!nb)
        return p1_error(&s->h, "HY001", "Out of memory while collecting parameter %d.", s->dae_param);
    s->dae_buf = nb;
    if (n)
        memcpy(s->dae_buf + s->dae_len, data, n);
    s->dae_len += n;
    memset(s->dae_buf + s->dae_len, 0, 4);
    return SQL_SUCCESS;
}
