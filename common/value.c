/** @file value.c  SQL values and UTC timestamp helpers (see value.h). */
#include "common/value.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sqltype_name(enum sqltype t)
{
    switch (t) {
    case SQLT_NULL: return "NULL";
    case SQLT_BOOL: return "BIT";
    case SQLT_INT: return "INTEGER";
    case SQLT_DOUBLE: return "DOUBLE";
    case SQLT_TEXT: return "VARCHAR";
    case SQLT_TIMESTAMP: return "TIMESTAMP";
    }
    return "UNKNOWN";
}

void sqlval_clear(sql_value *v)
{
    if (v->type == SQLT_TEXT)
        free(v->u.s.ptr);
    v->type = SQLT_NULL;
    v->u.i = 0;
}

void sqlval_set_null(sql_value *v) { sqlval_clear(v); }

void sqlval_set_bool(sql_value *v, int b)
{
    sqlval_clear(v);
    v->type = SQLT_BOOL;
    v->u.i = b ? 1 : 0;
}

void sqlval_set_int(sql_value *v, int64_t i)
{
    sqlval_clear(v);
    v->type = SQLT_INT;
    v->u.i = i;
}

void sqlval_set_double(sql_value *v, double d)
{
    sqlval_clear(v);
    v->type = SQLT_DOUBLE;
    v->u.d = d;
}

void sqlval_set_timestamp(sql_value *v, int64_t ms)
{
    sqlval_clear(v);
    v->type = SQLT_TIMESTAMP;
    v->u.i = ms;
}

int sqlval_set_text_len(sql_value *v, const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return -1;
    memcpy(p, s, len);
    p[len] = '\0';
    sqlval_take_text(v, p, len);
    return 0;
}

int sqlval_set_text(sql_value *v, const char *s)
{
    return sqlval_set_text_len(v, s, strlen(s));
}

void sqlval_take_text(sql_value *v, char *s, size_t len)
{
    sqlval_clear(v);
    v->type = SQLT_TEXT;
    v->u.s.ptr = s;
    v->u.s.len = len;
}

int sqlval_copy(sql_value *dst, const sql_value *src)
{
    if (dst == src)
        return 0;
    if (src->type == SQLT_TEXT)
        return sqlval_set_text_len(dst, src->u.s.ptr, src->u.s.len);
    sqlval_clear(dst);
    *dst = *src;
    return 0;
}

void sqlval_move(sql_value *dst, sql_value *src)
{
    if (dst == src)
        return;
    sqlval_clear(dst);
    *dst = *src;
    src->type = SQLT_NULL;
    src->u.i = 0;
}

/* Days from civil date (proleptic Gregorian), after H. Hinnant's algorithm. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t yy = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yy + (mm <= 2));
    *m = mm;
    *d = dd;
}

int64_t ts_compose(int year, int month, int day, int hour, int minute, int second, int frac_ms)
{
    int64_t days = days_from_civil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60000LL + (int64_t)second * 1000 + frac_ms;
}

void ts_split(int64_t ms, int *year, int *month, int *day, int *hour, int *minute,
              int *second, int *frac_ms)
{
    int64_t days = ms >= 0 ? ms / 86400000LL : -((-ms + 86399999LL) / 86400000LL);
    int64_t rem = ms - days * 86400000LL;
    civil_from_days(days, year, month, day);
    *hour = (int)(rem / 3600000);
    *minute = (int)(rem / 60000 % 60);
    *second = (int)(rem / 1000 % 60);
    *frac_ms = (int)(rem % 1000);
}

void ts_format(int64_t ms, char *buf, size_t buflen)
{
    int y, mo, d, h, mi, s, f;
    ts_split(ms, &y, &mo, &d, &h, &mi, &s, &f);
    snprintf(buf, buflen, "%04d-%02d-%02d %02d:%02d:%02d.%03d", y, mo, d, h, mi, s, f);
}

static int take_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)**p))
            return -1;
        v = v * 10 + (**p - '0');
        (*p)++;
    }
    *out = v;
    return 0;
}

int ts_parse_iso8601(const char *s, int64_t *ms_out)
{
    const char *p = s;
    int y, mo, d, h = 0, mi = 0, sec = 0, frac = 0;
    while (isspace((unsigned char)*p))
        p++;
    if (take_digits(&p, 4, &y) || *p++ != '-' || take_digits(&p, 2, &mo) || *p++ != '-' ||
        take_digits(&p, 2, &d))
        return -1;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return -1;
    int offset_min = 0;
    if (*p == 'T' || *p == 't' || (*p == ' ' && isdigit((unsigned char)p[1]))) {
        p++;
        if (take_digits(&p, 2, &h) || *p++ != ':' || take_digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (take_digits(&p, 2, &sec))
                return -1;
            if (*p == '.' || *p == ',') {
                p++;
                int digits = 0;
                frac = 0;
                while (isdigit((unsigned char)*p)) {
                    if (digits < 3) {
                        frac = frac * 10 + (*p - '0');
                        digits++;
                    }
                    p++;
                }
                if (digits == 0)
                    return -1;
                while (digits++ < 3)
                    frac *= 10;
            }
        }
        if (h > 23 || mi > 59 || sec > 60)
            return -1;
        if (*p == 'Z' || *p == 'z') {
            p++;
        } else if (*p == '+' || *p == '-') {
            int sign = *p == '-' ? -1 : 1, oh, om = 0;
            p++;
            if (take_digits(&p, 2, &oh))
                return -1;
            if (*p == ':')
                p++;
            if (isdigit((unsigned char)*p) && take_digits(&p, 2, &om))
                return -1;
            offset_min = sign * (oh * 60 + om);
        }
    }
    while (isspace((unsigned char)*p))
        p++;
    if (*p)
        return -1;
    *ms_out = ts_compose(y, mo, d, h, mi, sec, frac) - (int64_t)offset_min * 60000;
    return 0;
}
