/** @file diag.c  Diagnostic records and the SQLSTATE table (see diag.h). */
#include "driver/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** ODBC 3 SQLSTATEs whose ODBC 2 code differs (the ODBC "SQLSTATE mappings" appendix). */
static const struct { const char *odbc3, *odbc2; } state_map[] = {
    {"01001", "01S03"},
    {"07005", "24000"},
    {"07009", "S1002"},
    {"22007", "22008"},
    {"22018", "22005"},
    {"42000", "37000"},
    {"42S01", "S0001"},
    {"42S02", "S0002"},
    {"42S11", "S0011"},
    {"42S12", "S0012"},
    {"42S21", "S0021"},
    {"42S22", "S0022"},
    {"HY000", "S1000"},
    {"HY001", "S1001"},
    {"HY003", "S1003"},
    {"HY004", "S1004"},
    {"HY007", "S1010"},
    {"HY008", "S1008"},
    {"HY009", "S1009"},
    {"HY010", "S1010"},
    {"HY011", "S1011"},
    {"HY012", "S1012"},
    {"HY024", "S1009"},
    {"HY090", "S1090"},
    {"HY091", "S1091"},
    {"HY092", "S1092"},
    {"HY096", "S1096"},
    {"HY097", "S1097"},
    {"HY098", "S1098"},
    {"HY099", "S1099"},
    {"HY100", "S1100"},
    {"HY101", "S1101"},
    {"HY103", "S1103"},
    {"HY104", "S1104"},
    {"HY105", "S1105"},
    {"HY106", "S1106"},
    {"HY107", "S1107"},
    {"HY109", "S1109"},
    {"HY110", "S1110"},
    {"HY111", "S1111"},
    {"HYC00", "S1C00"},
    {"HYT00", "S1T00"},
    {"HYT01", "S1T00"},
};

const char *p1_sqlstate_for(const char *s, int odbc2)
{
    if (!odbc2)
        return s;
    for (size_t i = 0; i < sizeof state_map / sizeof state_map[0]; i++)
        if (strcmp(state_map[i].odbc3, s) == 0)
            return state_map[i].odbc2;
    return s;
}

/** SQL_DIAG_CLASS_ORIGIN: "ODBC 3.0" for the ODBC-defined IM class, else "ISO 9075". */
static const char *class_origin(const char *s)
{
    return strncmp(s, "IM", 2) == 0 ? "ODBC 3.0" : "ISO 9075";
}

/** SQL_DIAG_SUBCLASS_ORIGIN: "ODBC 3.0" for subclasses ODBC defines, else "ISO 9075". */
static const char *subclass_origin(const char *s)
{
    static const char *odbc[] = {
        "01S", "07S", "08S", "21S", "25S", "42S", "HYT", "IM",
        "HY095", "HY097", "HY098", "HY099", "HY100", "HY101", "HY105", "HY107",
        "HY109", "HY110", "HY111",
    };
    for (size_t i = 0; i < sizeof odbc / sizeof odbc[0]; i++)
        if (strncmp(s, odbc[i], strlen(odbc[i])) == 0)
            return "ODBC 3.0";
    return "ISO 9075";
}

void p1_diag_init(p1_diag *d)
{
    memset(d, 0, sizeof *d);
    d->dyn_func = "";
}

void p1_diag_clear(p1_diag *d)
{
    for (int i = 0; i < d->n; i++) {
        free(d->recs[i].msg);
        free(d->recs[i].conn);
    }
    d->n = 0;
    d->rc = SQL_SUCCESS;
    d->row_count = 0;
    d->cursor_row_count = 0;
    d->dyn_func = "";
    d->dyn_code = 0;
}

void p1_diag_free(p1_diag *d)
{
    p1_diag_clear(d);
    free(d->recs);
    d->recs = NULL;
    d->cap = 0;
}

void p1_diag_add(p1_diag *d, const char *state, long native, const char *msg, const char *conn)
{
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 4;
        p1_diag_rec *r = realloc(d->recs, sizeof *r * (size_t)cap);
        if (!r)
            return;
        d->recs = r;
        d->cap = cap;
    }
    p1_diag_rec *r = &d->recs[d->n];
    memset(r, 0, sizeof *r);
    snprintf(r->state, sizeof r->state, "%s", state && strlen(state) == 5 ? state : "HY000");
    r->native = (SQLINTEGER)native;
    size_t n = strlen(P1_DIAG_PREFIX) + strlen(msg ? msg : "") + 1;
    r->msg = malloc(n);
    r->conn = strdup(conn ? conn : "");
    if (!r->msg || !r->conn) {
        free(r->msg);
        free(r->conn);
        return;
    }
    snprintf(r->msg, n, "%s%s", P1_DIAG_PREFIX, msg ? msg : "");
    r->row = SQL_NO_ROW_NUMBER;
    r->col = SQL_NO_COLUMN_NUMBER;
    d->n++;
}

SQLRETURN p1_diag_get_rec(const p1_diag *d, int odbc2, SQLSMALLINT recno,
                          const p1_strout *state, SQLINTEGER *native,
                          const p1_strout *msg, SQLSMALLINT *msglen)
{
    if (recno < 1 || msg->cap < 0)
        return SQL_ERROR;
    if (recno > d->n)
        return SQL_NO_DATA;
    const p1_diag_rec *r = &d->recs[recno - 1];
    if (state && state->buf)
        p1_put_str(state, p1_sqlstate_for(r->state, odbc2), NULL);
    if (native)
        *native = r->native;
    SQLLEN total = 0;
    int trunc = p1_put_str(msg, r->msg, &total);
    if (msglen)
        *msglen = (SQLSMALLINT)(total > 32767 ? 32767 : total);
    return trunc ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

/** Store string s through str; returns SQL_SUCCESS or SQL_SUCCESS_WITH_INFO on truncation. */
static SQLRETURN put_field(const p1_strout *str, const char *s, SQLSMALLINT *strlen)
{
    SQLLEN total = 0;
    int trunc = p1_put_str(str, s, &total);
    if (strlen)
        *strlen = (SQLSMALLINT)(total > 32767 ? 32767 : total);
    return trunc ? SQL_SUCCESS_WITH_INFO : SQL_SUCCESS;
}

SQLRETURN p1_diag_get_field(const p1_diag *d, int odbc2, SQLSMALLINT htype, SQLSMALLINT recno,
                            SQLSMALLINT field, SQLPOINTER value, const p1_strout *str,
                            SQLSMALLINT *strlen)
{
    switch (field) { /* header fields: the record number is ignored */
    case SQL_DIAG_NUMBER:
        if (value)
            *(SQLINTEGER *)value = d->n;
        return SQL_SUCCESS;
    case SQL_DIAG_RETURNCODE:
        if (value)
            *(SQLRETURN *)value = d->rc;
        return SQL_SUCCESS;
    case SQL_DIAG_ROW_COUNT:
    case SQL_DIAG_CURSOR_ROW_COUNT:
    case SQL_DIAG_DYNAMIC_FUNCTION:
    case SQL_DIAG_DYNAMIC_FUNCTION_CODE:
        if (htype != SQL_HANDLE_STMT)
            return SQL_ERROR;
        if (field == SQL_DIAG_DYNAMIC_FUNCTION)
            return put_field(str, d->dyn_func, strlen);
        if (value) {
            if (field == SQL_DIAG_ROW_COUNT)
                *(SQLLEN *)value = d->row_count;
            else if (field == SQL_DIAG_CURSOR_ROW_COUNT)
                *(SQLLEN *)value = d->cursor_row_count;
            else
                *(SQLINTEGER *)value = d->dyn_code;
        }
        return SQL_SUCCESS;
    default:
        break;
    }
    if (recno < 1)
        return SQL_ERROR;
    if (recno > d->n)
        return SQL_NO_DATA;
    const p1_diag_rec *r = &d->recs[recno - 1];
    const char *state = p1_sqlstate_for(r->state, odbc2);
    switch (field) {
    case SQL_DIAG_SQLSTATE:
        return put_field(str, state, strlen);
    case SQL_DIAG_NATIVE:
        if (value)
            *(SQLINTEGER *)value = r->native;
        return SQL_SUCCESS;
    case SQL_DIAG_MESSAGE_TEXT:
        return put_field(str, r->msg, strlen);
    case SQL_DIAG_CLASS_ORIGIN:
        return put_field(str, class_origin(r->state), strlen);
    case SQL_DIAG_SUBCLASS_ORIGIN:
        return put_field(str, subclass_origin(r->state), strlen);
    case SQL_DIAG_CONNECTION_NAME:
    case SQL_DIAG_SERVER_NAME:
        return put_field(str, r->conn, strlen);
    case SQL_DIAG_ROW_NUMBER:
        if (htype != SQL_HANDLE_STMT)
            return SQL_ERROR;
        if (value)
            *(SQLLEN *)value = r->row;
        return SQL_SUCCESS;
    case SQL_DIAG_COLUMN_NUMBER:
        if (htype != SQL_HANDLE_STMT)
            return SQL_ERROR;
        if (value)
            *(SQLINTEGER *)value = r->col;
        return SQL_SUCCESS;
    default:
        return SQL_ERROR;
    }
}
