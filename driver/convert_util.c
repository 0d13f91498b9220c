/**
 * @file convert_util.c
 * Number and date/time helpers for the conversions (see convert_util.h).
 * Parsing and formatting never depend on the application's locale: the
 * decimal point is always '.'.
 */
#include "driver/convert_util.h"

#include <ctype.h>
#include <inttypes.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static locale_t c_loc;
static pthread_once_t c_loc_once = PTHREAD_ONCE_INIT;

/** Create the "C" locale object used for strtod and printf of doubles. */
static void c_loc_init(void)
{
    c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

/** Switch this thread to the C locale; returns the previous one (or 0 if no switch). */
static locale_t enter_c_locale(void)
{
    pthread_once(&c_loc_once, c_loc_init);
    if (!c_loc)
        return (locale_t)0;
    return uselocale(c_loc);
}

/** Undo enter_c_locale. */
static void leave_c_locale(locale_t old)
{
    if (old)
        uselocale(old);
}

/** strtod on a NUL-terminated string in the C locale. */
static double strtod_c(const char *s, char **end)
{
    locale_t old = enter_c_locale();
    double d = strtod(s, end);
    leave_c_locale(old);
    return d;
}

int conv_parse_number(const char *s, size_t len, conv_num *out)
{
    size_t a = 0, b = len;
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    /* Syntax check: [+-] digits [. digits] [e [+-] digits], at least one digit. */
    size_t p = a;
    int neg = 0;
    if (p < b && (s[p] == '+' || s[p] == '-'))
        neg = s[p++] == '-';
    size_t int_start = p;
    while (p < b && isdigit((unsigned char)s[p]))
        p++;
    size_t int_digits = p - int_start, frac_digits = 0;
    int plain_int = 1;
    if (p < b && s[p] == '.') {
        plain_int = 0;
        p++;
        size_t f = p;
        while (p < b && isdigit((unsigned char)s[p]))
            p++;
        frac_digits = p - f;
    }
    if (int_digits + frac_digits == 0)
        return -1;
    if (p < b && (s[p] == 'e' || s[p] == 'E')) {
        plain_int = 0;
        p++;
        if (p < b && (s[p] == '+' || s[p] == '-'))
            p++;
        size_t x = p;
        while (p < b && isdigit((unsigned char)s[p]))
            p++;
        if (p == x)
            return -1;
    }
    if (p != b)
        return -1;
    if (plain_int) {
        /* Exact 64-bit integer if it fits. */
        uint64_t mag = 0;
        int overflow = 0;
        for (size_t k = int_start; k < b; k++) {
            unsigned dgt = (unsigned)(s[k] - '0');
            if (mag > (UINT64_MAX - dgt) / 10) {
                overflow = 1;
                break;
            }
            mag = mag * 10 + dgt;
        }
        if (!overflow && (neg ? mag <= (uint64_t)INT64_MAX + 1 : mag <= (uint64_t)INT64_MAX)) {
            out->is_int = 1;
            out->i = neg ? (int64_t)(0 - mag) : (int64_t)mag;
            out->d = (double)out->i;
            return 0;
        }
    }
    char small[64];
    char *copy = b - a < sizeof small ? small : malloc(b - a + 1);
    if (!copy)
        return -1;
    memcpy(copy, s + a, b - a);
    copy[b - a] = '\0';
    out->is_int = 0;
    out->d = strtod_c(copy, NULL);
    out->i = 0;
    if (copy != small)
        free(copy);
    return 0;
}

const char *conv_excerpt(const char *s, size_t len, char *buf, size_t buflen)
{
    size_t n = len;
    const char *dots = "";
    if (n > 40) {
        n = 40;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        dots = "...";
    }
    snprintf(buf, buflen, "%.*s%s", (int)n, s, dots);
    return buf;
}

int conv_value_number(const sql_value *v, conv_num *out, const char *what, err *e)
{
    switch (v->type) {
    case SQLT_BOOL:
    case SQLT_INT:
        out->is_int = 1;
        out->i = v->u.i;
        out->d = (double)v->u.i;
        return 0;
    case SQLT_DOUBLE:
        out->is_int = 0;
        out->i = 0;
        out->d = v->u.d;
        return 0;
    case SQLT_TEXT:
        if (conv_parse_number(v->u.s.ptr, v->u.s.len, out) == 0)
            return 0;
        {
            char ex[64];
            return err_set(e, "22018", "The text value '%s' is not a number, so it cannot be "
                           "converted to %s.", conv_excerpt(v->u.s.ptr, v->u.s.len, ex, sizeof ex),
                           what);
        }
    default:
        return err_set(e, "07006", "A %s value cannot be converted to %s.",
                       sqltype_name(v->type), what);
    }
}

void conv_format_double(double d, char *buf, size_t buflen)
{
    if (isnan(d)) {
        snprintf(buf, buflen, "nan");
        return;
    }
    if (isinf(d)) {
        snprintf(buf, buflen, d < 0 ? "-inf" : "inf");
        return;
    }
    locale_t old = enter_c_locale();
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, buflen, "%.*g", prec, d);
        if (strtod(buf, NULL) == d)
            break;
    }
    leave_c_locale(old);
}

size_t conv_value_text(const sql_value *v, char *buf, size_t buflen)
{
    switch (v->type) {
    case SQLT_BOOL:
        snprintf(buf, buflen, "%d", v->u.i ? 1 : 0);
        break;
    case SQLT_INT:
        snprintf(buf, buflen, "%" PRId64, v->u.i);
        break;
    case SQLT_DOUBLE:
        conv_format_double(v->u.d, buf, buflen);
        break;
    case SQLT_TIMESTAMP:
        ts_format(v->u.i, buf, buflen);
        break;
    default:
        buf[0] = '\0';
        return 0;
    }
    return strlen(buf);
}

/** Read exactly two digits at s[*p] into *out; returns 0 or -1. */
static int two_digits(const char *s, size_t len, size_t *p, int *out)
{
    if (*p + 2 > len || !isdigit((unsigned char)s[*p]) || !isdigit((unsigned char)s[*p + 1]))
        return -1;
    *out = (s[*p] - '0') * 10 + (s[*p + 1] - '0');
    *p += 2;
    return 0;
}

int conv_parse_time(const char *s, size_t len, int64_t *ms_of_day)
{
    size_t p = 0;
    int h, m, sec = 0, ms = 0;
    while (p < len && isspace((unsigned char)s[p]))
        p++;
    if (two_digits(s, len, &p, &h) || p >= len || s[p++] != ':' || two_digits(s, len, &p, &m))
        return -1;
    if (p < len && s[p] == ':') {
        p++;
        if (two_digits(s, len, &p, &sec))
            return -1;
        if (p < len && s[p] == '.') {
            p++;
            int digits = 0;
            while (p < len && isdigit((unsigned char)s[p])) {
                if (digits < 3) {
                    ms = ms * 10 + (s[p] - '0');
                    digits++;
                }
                p++;
            }
            if (digits == 0)
                return -1;
            while (digits++ < 3)
                ms *= 10;
        }
    }
    while (p < len && isspace((unsigned char)s[p]))
        p++;
    if (p != len || h > 23 || m > 59 || sec > 59)
        return -1;
    *ms_of_day = ((int64_t)h * 3600 + m * 60 + sec) * 1000 + ms;
    return 0;
}

int conv_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

/** Value of a hex digit, or -1. */
static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int conv_parse_guid(const char *s, size_t len, uint32_t *d1, uint16_t *d2, uint16_t *d3,
                    unsigned char d4[8])
{
    size_t a = 0, b = len;
    while (a < b && isspace((unsigned char)s[a]))
        a++;
    while (b > a && isspace((unsigned char)s[b - 1]))
        b--;
    if (b - a == 38 && s[a] == '{' && s[b - 1] == '}') {
        a++;
        b--;
    }
    if (b - a != 36)
        return -1;
    unsigned char bytes[16];
    int nb = 0;
    for (size_t i = 0; i < 36;) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[a + i] != '-')
                return -1;
            i++;
            continue;
        }
        int hi = hexval(s[a + i]), lo = hexval(s[a + i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        bytes[nb++] = (unsigned char)(hi << 4 | lo);
        i += 2;
    }
    *d1 = (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
    *d2 = (uint16_t)(bytes[4] << 8 | bytes[5]);
    *d3 = (uint16_t)(bytes[6] << 8 | bytes[7]);
    memcpy(d4, bytes + 8, 8);
    return 0;
}
