/**
 * @file convert_param.c
 * conv_from_c: bound parameter buffers into engine values (ODBC appendix D,
 * "Converting Data from C to SQL Data Types"). First the C buffer is read
 * into the closest engine value, then that value is coerced to the
 * parameter's intended SQL type.
 */
#include "driver/convert.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "driver/convert_util.h"
#include "driver/utf16.h"

/** Default C type of a parameter whose SQL type is sqltype (for SQL_C_DEFAULT). */
static SQLSMALLINT default_ctype(SQLSMALLINT sqltype)
{
    switch (sqltype) {
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
        return SQL_C_WCHAR;
    case SQL_BIT: return SQL_C_BIT;
    case SQL_TINYINT: return SQL_C_STINYINT;
    case SQL_SMALLINT: return SQL_C_SSHORT;
    case SQL_INTEGER: return SQL_C_SLONG;
    case SQL_BIGINT: return SQL_C_SBIGINT;
    case SQL_REAL: return SQL_C_FLOAT;
    case SQL_FLOAT:
    case SQL_DOUBLE: return SQL_C_DOUBLE;
    case SQL_TYPE_DATE:
    case SQL_DATE: return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME:
    case SQL_TIME: return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP: return SQL_C_TYPE_TIMESTAMP;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY: return SQL_C_BINARY;
    case SQL_GUID: return SQL_C_GUID;
    default: return SQL_C_CHAR; /* CHAR, VARCHAR, DECIMAL, NUMERIC, GUID, ... */
    }
}

/** Byte length of a character/binary parameter. Returns 0 or -1 (e set). */
static int param_length(SQLSMALLINT ctype, const void *buf, SQLLEN buflen, const SQLLEN *ind,
                        size_t *len, err *e)
{
    if (ind && *ind != SQL_NTS) {
        if (*ind < 0)
            return err_set(e, "HY090", "Invalid string or buffer length: %ld is not a valid "
                           "parameter length.", (long)*ind);
        *len = (size_t)*ind;
        return 0;
    }
    if (ctype == SQL_C_BINARY) {
        if (buflen < 0 || (ind && *ind == SQL_NTS))
            return err_set(e, "HY090", "Invalid string or buffer length: a binary parameter "
                           "needs an explicit length.");
        *len = (size_t)buflen;
        return 0;
    }
    if (ctype == SQL_C_WCHAR) {
        const SQLWCHAR *w = buf;
        size_t n = 0, max = buflen > 0 ? (size_t)buflen / sizeof(SQLWCHAR) : SIZE_MAX;
        while (n < max && w[n])
            n++;
        *len = n * sizeof(SQLWCHAR);
        return 0;
    }
    *len = buflen > 0 ? strnlen(buf, (size_t)buflen) : strlen(buf);
    return 0;
}

/** Check a civil date. Returns 0 or -1 (22007). */
static int check_date(int y, int m, int d, err *e)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > conv_days_in_month(y, m))
        return err_set(e, "22007", "Invalid datetime format: %04d-%02d-%02d is not a valid date.",
                       y, m, d);
    return 0;
}

/** Check a time of day. Returns 0 or -1 (22007). */
static int check_time(int h, int mi, int s, err *e)
{
    if (h > 23 || mi > 59 || s > 59 || h < 0 || mi < 0 || s < 0)
        return err_set(e, "22007", "Invalid datetime format: %02d:%02d:%02d is not a valid time "
                       "of day.", h, mi, s);
    return 0;
}

/** Today's date (UTC) at midnight, in ms since the epoch. */
static int64_t today_ms(void)
{
    int64_t now = (int64_t)time(NULL) * 1000;
    return now - (now % 86400000);
}

/**
 * Step 1: read the C buffer into the closest engine value. A TIME struct
 * becomes ms of the day in *time_of_day (and raw is a text "HH:MM:SS").
 */
static int read_c_value(SQLSMALLINT ctype, SQLPOINTER buf, SQLLEN buflen, SQLLEN *ind,
                        sql_value *raw, int *is_time, err *e)
{
    size_t len;
    *is_time = 0;
    switch (ctype) {
    case SQL_C_CHAR:
    case SQL_C_BINARY:
        if (param_length(ctype, buf, buflen, ind, &len, e))
            return -1;
        if (sqlval_set_text_len(raw, buf, len))
            return err_set(e, "HY001", "Out of memory while reading a parameter.");
        return 0;
    case SQL_C_WCHAR: {
        if (param_length(ctype, buf, buflen, ind, &len, e))
            return -1;
        if (len % sizeof(SQLWCHAR))
            return err_set(e, "HY090", "Invalid string or buffer length: %zu bytes is not a "
                           "whole number of UTF-16 units.", len);
        SQLWCHAR *w = NULL;
        const SQLWCHAR *src = buf;
        if (((uintptr_t)buf % _Alignof(SQLWCHAR)) != 0) {
            w = malloc(len + sizeof(SQLWCHAR));
            if (!w)
                return err_set(e, "HY001", "Out of memory while reading a parameter.");
            memcpy(w, buf, len);
            src = w;
        }
        size_t bytes;
        char *u8 = utf16_to_utf8(src, (SQLLEN)(len / sizeof(SQLWCHAR)), &bytes);
        free(w);
        if (!u8)
            return err_set(e, "HY001", "Out of memory while reading a parameter.");
        sqlval_take_text(raw, u8, bytes);
        return 0;
    }
    case SQL_C_BIT: {
        unsigned char b = *(unsigned char *)buf;
        if (b > 1)
            return err_set(e, "22003", "Numeric value out of range: %u is not a valid SQL_C_BIT "
                           "value (0 or 1).", b);
        sqlval_set_bool(raw, b);
        return 0;
    }
    case SQL_C_TINYINT:
    case SQL_C_STINYINT: sqlval_set_int(raw, *(signed char *)buf); return 0;
    case SQL_C_UTINYINT: sqlval_set_int(raw, *(unsigned char *)buf); return 0;
    case SQL_C_SHORT:
    case SQL_C_SSHORT: { int16_t x; memcpy(&x, buf, sizeof x); sqlval_set_int(raw, x); return 0; }
    case SQL_C_USHORT: { uint16_t x; memcpy(&x, buf, sizeof x); sqlval_set_int(raw, x); return 0; }
    case SQL_C_LONG:
    case SQL_C_SLONG: { int32_t x; memcpy(&x, buf, sizeof x); sqlval_set_int(raw, x); return 0; }
    case SQL_C_ULONG: { uint32_t x; memcpy(&x, buf, sizeof x); sqlval_set_int(raw, x); return 0; }
    case SQL_C_SBIGINT: { int64_t x; memcpy(&x, buf, sizeof x); sqlval_set_int(raw, x); return 0; }
    case SQL_C_UBIGINT: {
        uint64_t x;
        memcpy(&x, buf, sizeof x);
        if (x > (uint64_t)INT64_MAX)
            return err_set(e, "22003", "Numeric value out of range: %llu is larger than the "
                           "largest supported integer.", (unsigned long long)x);
        sqlval_set_int(raw, (int64_t)x);
        return 0;
    }
    case SQL_C_FLOAT: { float x; memcpy(&x, buf, sizeof x); sqlval_set_double(raw, x); return 0; }
    case SQL_C_DOUBLE: { double x; memcpy(&x, buf, sizeof x); sqlval_set_double(raw, x); return 0; }
    case SQL_C_NUMERIC: {
        SQL_NUMERIC_STRUCT ns;
        memcpy(&ns, buf, sizeof ns);
        int neg = ns.sign == 0;
        int scale = (signed char)ns.scale;
        uint64_t lo = 0, hi = 0;
        for (int k = 7; k >= 0; k--) {
            lo = (lo << 8) | ns.val[k];
            hi = (hi << 8) | ns.val[k + 8];
        }
        if (scale <= 0 && hi == 0 && lo <= (uint64_t)INT64_MAX) {
            uint64_t m = lo;
            int ok = 1;
            for (int k = 0; k < -scale && ok; k++) {
                ok = m <= (uint64_t)INT64_MAX / 10;
                m *= 10;
            }
            if (ok) {
                sqlval_set_int(raw, neg ? -(int64_t)m : (int64_t)m);
                return 0;
            }
        }
        double mag = (double)hi * 18446744073709551616.0 + (double)lo;
        double d = mag * pow(10.0, -scale);
        sqlval_set_double(raw, neg ? -d : d);
        return 0;
    }
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE: {
        SQL_DATE_STRUCT ds;
        memcpy(&ds, buf, sizeof ds);
        if (check_date(ds.year, ds.month, ds.day, e))
            return -1;
        sqlval_set_timestamp(raw, ts_compose(ds.year, ds.month, ds.day, 0, 0, 0, 0));
        return 0;
    }
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME: {
        SQL_TIME_STRUCT t;
        memcpy(&t, buf, sizeof t);
        if (check_time(t.hour, t.minute, t.second, e))
            return -1;
        char txt[24];
        snprintf(txt, sizeof txt, "%02d:%02d:%02d", t.hour, t.minute, t.second);
        *is_time = 1;
        if (sqlval_set_text(raw, txt))
            return err_set(e, "HY001", "Out of memory while reading a parameter.");
        return 0;
    }
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP: {
        SQL_TIMESTAMP_STRUCT ts;
        memcpy(&ts, buf, sizeof ts);
        if (check_date(ts.year, ts.month, ts.day, e) || check_time(ts.hour, ts.minute, ts.second, e))
            return -1;
        if (ts.fraction > 999999999u)
            return err_set(e, "22007", "Invalid datetime format: the fraction %lu is more than "
                           "999999999 nanoseconds.", (unsigned long)ts.fraction);
        sqlval_set_timestamp(raw, ts_compose(ts.year, ts.month, ts.day, ts.hour, ts.minute,
                                             ts.second, (int)(ts.fraction / 1000000u)));
        return 0;
    }
    case SQL_C_GUID: {
        SQLGUID g;
        memcpy(&g, buf, sizeof g);
        char txt[40];
        snprintf(txt, sizeof txt, "%08x-%04x-%04x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                 (unsigned)g.Data1, g.Data2, g.Data3, g.Data4[0], g.Data4[1], g.Data4[2],
                 g.Data4[3], g.Data4[4], g.Data4[5], g.Data4[6], g.Data4[7]);
        if (sqlval_set_text(raw, txt))
            return err_set(e, "HY001", "Out of memory while reading a parameter.");
        return 0;
    }
    default:
        return err_set(e, "07006", "Restricted data type attribute violation: C type %d is not "
                       "supported for parameters.", (int)ctype);
    }
}

/** Coerce raw to a whole number in [lo, hi] (fractions are dropped). */
static int coerce_integer(sql_value *raw, int64_t lo, int64_t hi, sql_value *out, err *e)
{
    conv_num n;
    if (conv_value_number(raw, &n, "an integer parameter", e))
        return -1;
    int64_t w;
    if (n.is_int) {
        w = n.i;
    } else {
        double t = trunc(n.d);
        if (isnan(t) || t < -9223372036854775808.0 || t >= 9223372036854775808.0)
            goto range;
        w = (int64_t)t;
    }
    if (w < lo || w > hi)
        goto range;
    sqlval_set_int(out, w);
    return 0;
range: {
        char txt[40];
        if (n.is_int)
            snprintf(txt, sizeof txt, "%lld", (long long)n.i);
        else
            conv_format_double(n.d, txt, sizeof txt);
        return err_set(e, "22003", "Numeric value out of range: the parameter value %s does not "
                       "fit the parameter's SQL type.", txt);
    }
}

/** Coerce raw to BIT: 0/1, "true"/"false", or a number in [0, 2). */
static int coerce_bit(sql_value *raw, sql_value *out, err *e)
{
    if (raw->type == SQLT_BOOL) {
        sqlval_set_bool(out, (int)raw->u.i);
        return 0;
    }
    if (raw->type == SQLT_TEXT) {
        if (strcasecmp(raw->u.s.ptr, "true") == 0) {
            sqlval_set_bool(out, 1);
            return 0;
        }
        if (strcasecmp(raw->u.s.ptr, "false") == 0) {
            sqlval_set_bool(out, 0);
            return 0;
        }
    }
    conv_num n;
    if (conv_value_number(raw, &n, "a BIT parameter", e))
        return -1;
    double d = n.is_int ? (double)n.i : n.d;
    if (!(d >= 0 && d < 2))
        return err_set(e, "22003", "Numeric value out of range: a BIT parameter must be 0 or 1.");
    sqlval_set_bool(out, d >= 1);
    return 0;
}

/** Coerce raw to a TIMESTAMP (date_only: cut to midnight). */
static int coerce_timestamp(sql_value *raw, int is_time, int date_only, sql_value *out, err *e)
{
    int64_t ms;
    if (raw->type == SQLT_TIMESTAMP) {
        ms = raw->u.i;
    } else if (raw->type == SQLT_TEXT) {
        int64_t tod;
        if (ts_parse_iso8601(raw->u.s.ptr, &ms) == 0) {
            /* ok */
        } else if ((is_time || !date_only) &&
                   conv_parse_time(raw->u.s.ptr, raw->u.s.len, &tod) == 0) {
            ms = today_ms() + tod; /* ODBC: a time alone takes today's date */
        } else {
            char ex[64];
            return err_set(e, "22018", "Invalid character value for cast specification: '%s' "
                           "is not a valid date or timestamp.",
                           conv_excerpt(raw->u.s.ptr, raw->u.s.len, ex, sizeof ex));
        }
    } else {
        return err_set(e, "07006", "Restricted data type attribute violation: a %s parameter "
                       "cannot be used as a date or timestamp.", sqltype_name(raw->type));
    }
    if (date_only) {
        int64_t day = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
        ms = day * 86400000;
    }
    sqlval_set_timestamp(out, ms);
    return 0;
}

/** Coerce raw to TEXT (numbers and timestamps get their text form). */
static int coerce_text(sql_value *raw, sql_value *out, err *e)
{
    if (raw->type == SQLT_TEXT) {
        sqlval_move(out, raw);
        return 0;
    }
    char tmp[64];
    size_t n = conv_value_text(raw, tmp, sizeof tmp);
    if (sqlval_set_text_len(out, tmp, n))
        return err_set(e, "HY001", "Out of memory while converting a parameter.");
    return 0;
}

/** Step 2: coerce raw (consumed) to the parameter's SQL type into out. */
static int coerce(sql_value *raw, int is_time, SQLSMALLINT sqltype, sql_value *out, err *e)
{
    switch (sqltype) {
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
    case SQL_GUID:
    case SQL_TYPE_TIME:
    case SQL_TIME:
        return coerce_text(raw, out, e);
    case SQL_BIT:
        return coerce_bit(raw, out, e);
    case SQL_TINYINT:
        return coerce_integer(raw, -128, 255, out, e);
    case SQL_SMALLINT:
        return coerce_integer(raw, INT16_MIN, INT16_MAX, out, e);
    case SQL_INTEGER:
        return coerce_integer(raw, INT32_MIN, INT32_MAX, out, e);
    case SQL_BIGINT:
        return coerce_integer(raw, INT64_MIN, INT64_MAX, out, e);
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
    case SQL_NUMERIC:
    case SQL_DECIMAL: {
        conv_num n;
        if (conv_value_number(raw, &n, "a numeric parameter", e))
            return -1;
        if (n.is_int && sqltype != SQL_REAL && sqltype != SQL_FLOAT && sqltype != SQL_DOUBLE)
            sqlval_set_int(out, n.i);
        else
            sqlval_set_double(out, n.is_int ? (double)n.i : n.d);
        return 0;
    }
    case SQL_TYPE_DATE:
    case SQL_DATE:
        return coerce_timestamp(raw, is_time, 1, out, e);
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
        return coerce_timestamp(raw, is_time, 0, out, e);
    default: /* unknown or SQL_UNKNOWN_TYPE: keep the value as read */
        sqlval_move(out, raw);
        return 0;
    }
}

int conv_from_c(SQLSMALLINT ctype, SQLSMALLINT sqltype, SQLPOINTER buf, SQLLEN buflen,
                SQLLEN *strlen_or_ind, sql_value *out, err *e)
{
    out->type = SQLT_NULL;
    out->u.i = 0;
    if (strlen_or_ind && *strlen_or_ind == SQL_NULL_DATA)
        return 0;
    if (strlen_or_ind && (*strlen_or_ind == SQL_DATA_AT_EXEC ||
                          *strlen_or_ind <= SQL_LEN_DATA_AT_EXEC_OFFSET))
        return err_set(e, "HYC00", "Optional feature not implemented: data-at-execution "
                       "parameters (SQLPutData) are not supported; bind the value directly.");
    if (!buf)
        return err_set(e, "HY009", "Invalid use of null pointer: a parameter has no data buffer "
                       "and its indicator is not SQL_NULL_DATA.");
    if (ctype == SQL_C_DEFAULT)
        ctype = default_ctype(sqltype);
    sql_value raw = { .type = SQLT_NULL };
    int is_time = 0;
    if (read_c_value(ctype, buf, buflen, strlen_or_ind, &raw, &is_time, e))
        return -1;
    int rc = coerce(&raw, is_time, sqltype, out, e);
    sqlval_clear(&raw);
    return rc;
}
