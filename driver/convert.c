/**
 * @file convert.c
 * conv_to_c: engine values into application buffers, the one routine behind
 * SQLBindCol and SQLGetData (ODBC appendix D, "Converting Data from SQL to C
 * Data Types", for our types BIT, INTEGER/BIGINT, DOUBLE, WVARCHAR and
 * TYPE_TIMESTAMP).
 *
 * Character and binary targets are returned in parts through *pos (bytes of
 * the converted form already returned; CONV_POS_DONE once complete). Text is
 * UTF-8 for SQL_C_CHAR and UTF-16 for SQL_C_WCHAR; a part never ends inside
 * a character or a surrogate pair. Fixed-size targets are returned whole and
 * a second call gives SQL_NO_DATA.
 */
#include "driver/convert.h"

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver/convert_util.h"
#include "driver/types.h"
#include "driver/utf16.h"

/** Name of a C type for messages. */
static const char *ctype_name(SQLSMALLINT ctype)
{
    switch (ctype) {
    case SQL_C_CHAR: return "SQL_C_CHAR";
    case SQL_C_WCHAR: return "SQL_C_WCHAR";
    case SQL_C_BINARY: return "SQL_C_BINARY";
    case SQL_C_BIT: return "SQL_C_BIT";
    case SQL_C_TINYINT: return "SQL_C_TINYINT";
    case SQL_C_STINYINT: return "SQL_C_STINYINT";
    case SQL_C_UTINYINT: return "SQL_C_UTINYINT";
    case SQL_C_SHORT: return "SQL_C_SHORT";
    case SQL_C_SSHORT: return "SQL_C_SSHORT";
    case SQL_C_USHORT: return "SQL_C_USHORT";
    case SQL_C_LONG: return "SQL_C_LONG";
    case SQL_C_SLONG: return "SQL_C_SLONG";
    case SQL_C_ULONG: return "SQL_C_ULONG";
    case SQL_C_SBIGINT: return "SQL_C_SBIGINT";
    case SQL_C_UBIGINT: return "SQL_C_UBIGINT";
    case SQL_C_FLOAT: return "SQL_C_FLOAT";
    case SQL_C_DOUBLE: return "SQL_C_DOUBLE";
    case SQL_C_NUMERIC: return "SQL_C_NUMERIC";
    case SQL_C_TYPE_DATE: return "SQL_C_TYPE_DATE";
    case SQL_C_DATE: return "SQL_C_DATE";
    case SQL_C_TYPE_TIME: return "SQL_C_TYPE_TIME";
    case SQL_C_TIME: return "SQL_C_TIME";
    case SQL_C_TYPE_TIMESTAMP: return "SQL_C_TYPE_TIMESTAMP";
    case SQL_C_TIMESTAMP: return "SQL_C_TIMESTAMP";
    case SQL_C_GUID: return "SQL_C_GUID";
    default: return "this C type";
    }
}

/* ------------------------------------------------------------------ */
/* Variable-length targets                                             */

/** Length probe for character/binary targets: report, do not consume. */
static SQLRETURN probe(size_t remaining, err *e)
{
    if (remaining == 0)
        return SQL_SUCCESS;
    err_set(e, "01004", "String data, right truncated: the buffer has no room; %zu bytes are "
            "available.", remaining);
    return SQL_SUCCESS_WITH_INFO;
}

/** Report truncation of a character/binary part. */
static SQLRETURN truncated(size_t remaining, err *e)
{
    err_set(e, "01004", "String data, right truncated: %zu bytes were available; call "
            "SQLGetData again for the rest or use a larger buffer.", remaining);
    return SQL_SUCCESS_WITH_INFO;
}

/** Return UTF-8 text (len bytes) as SQL_C_CHAR, in parts. */
static SQLRETURN put_chars(const char *s, size_t len, SQLPOINTER buf, SQLLEN buflen,
                           SQLLEN *ind, SQLLEN *pos, err *e)
{
    size_t done = (size_t)*pos > len ? len : (size_t)*pos;
    size_t remaining = len - done;
    if (ind)
        *ind = (SQLLEN)remaining;
    if (!buf || buflen <= 0)
        return probe(remaining, e);
    char *out = buf;
    size_t room = (size_t)buflen - 1;
    if (remaining <= room) {
        memcpy(out, s + done, remaining);
        out[remaining] = '\0';
        *pos = CONV_POS_DONE;
        return SQL_SUCCESS;
    }
    /* Back off to the start of the character that does not fit whole (a
       UTF-8 character has at most 3 continuation bytes). */
    size_t cut = room;
    for (int k = 0; k < 3 && cut > 0 && ((unsigned char)s[done + cut] & 0xC0) == 0x80; k++)
        cut--;
    if (((unsigned char)s[done + cut] & 0xC0) == 0x80)
        cut = room; /* not valid UTF-8 here: cut anywhere */
    memcpy(out, s + done, cut);
    out[cut] = '\0';
    *pos = (SQLLEN)(done + cut);
    return truncated(remaining, e);
}

/** Return UTF-8 text (len bytes) as SQL_C_WCHAR (UTF-16, lengths in bytes), in parts. */
static SQLRETURN put_wchars(const char *s, size_t len, SQLPOINTER buf, SQLLEN buflen,
                            SQLLEN *ind, SQLLEN *pos, err *e)
{
    size_t total = utf8_to_utf16_units(s, len);
    size_t done = (size_t)*pos / sizeof(SQLWCHAR);
    if (done > total)
        done = total;
    size_t remaining = total - done;
    if (ind)
        *ind = (SQLLEN)(remaining * sizeof(SQLWCHAR));
    if (!buf || buflen <= 0)
        return probe(remaining * sizeof(SQLWCHAR), e);
    size_t room_units = (size_t)buflen / sizeof(SQLWCHAR); /* including the NUL */
    if (room_units == 0) {
        *(char *)buf = '\0';
        if (remaining == 0) {
            *pos = CONV_POS_DONE;
            return SQL_SUCCESS;
        }
        return truncated(remaining * sizeof(SQLWCHAR), e);
    }
    size_t written = 0;
    if (((uintptr_t)buf % _Alignof(SQLWCHAR)) == 0) {
        utf8_to_utf16_part(s, len, done, buf, room_units, &written);
    } else {
        /* Unaligned application buffer: convert aside, then copy bytes. */
        SQLWCHAR *tmp = malloc(room_units * sizeof *tmp);
        if (!tmp) {
            err_set(e, "HY001", "Out of memory while converting text to UTF-16.");
            return SQL_ERROR;
        }
        utf8_to_utf16_part(s, len, done, tmp, room_units, &written);
        memcpy(buf, tmp, (written + 1) * sizeof *tmp);
        free(tmp);
    }
    if (written == remaining) {
        *pos = CONV_POS_DONE;
        return SQL_SUCCESS;
    }
    *pos = (SQLLEN)((done + written) * sizeof(SQLWCHAR));
    return truncated(remaining * sizeof(SQLWCHAR), e);
}

/** Return len raw bytes as SQL_C_BINARY (no terminator), in parts. */
static SQLRETURN put_bytes(const void *data, size_t len, SQLPOINTER buf, SQLLEN buflen,
                           SQLLEN *ind, SQLLEN *pos, err *e)
{
    size_t done = (size_t)*pos > len ? len : (size_t)*pos;
    size_t remaining = len - done;
    if (ind)
        *ind = (SQLLEN)remaining;
    if (!buf || buflen <= 0)
        return probe(remaining, e);
    if (remaining <= (size_t)buflen) {
        memcpy(buf, (const char *)data + done, remaining);
        *pos = CONV_POS_DONE;
        return SQL_SUCCESS;
    }
    memcpy(buf, (const char *)data + done, (size_t)buflen);
    *pos = (SQLLEN)(done + (size_t)buflen);
    return truncated(remaining, e);
}

/**
 * Characters of a non-text value's text form that must fit whole (ODBC:
 * otherwise 22003 rather than truncation): all of an integer or BIT, the
 * integer part of a plain decimal, all of an exponent form, the date and
 * time up to the seconds of a timestamp.
 */
static size_t whole_part(const sql_value *v, const char *text, size_t len)
{
    if (v->type == SQLT_TIMESTAMP)
        return len < 19 ? len : 19;
    if (v->type == SQLT_DOUBLE && !strpbrk(text, "eEn"))
        return strcspn(text, ".");
    return len;
}

/* ------------------------------------------------------------------ */
/* Fixed-size targets                                                  */

/** Store a fixed-size result: copy size bytes, set *ind and mark done. */
static SQLRETURN put_fixed(const void *data, size_t size, SQLPOINTER buf, SQLLEN *ind,
                           SQLLEN *pos, SQLRETURN rc)
{
    if (buf)
        memcpy(buf, data, size);
    if (ind)
        *ind = (SQLLEN)size;
    if (buf)
        *pos = CONV_POS_DONE;
    return rc;
}

/** Warning for a dropped fractional part. */
static SQLRETURN frac_truncated(err *e, const char *what)
{
    err_set(e, "01S07", "Fractional truncation: the value was truncated to fit %s.", what);
    return SQL_SUCCESS_WITH_INFO;
}

/** Error for a value outside the target's range. */
static SQLRETURN out_of_range(err *e, const conv_num *n, const char *what)
{
    char txt[40];
    if (n->is_int)
        snprintf(txt, sizeof txt, "%lld", (long long)n->i);
    else
        conv_format_double(n->d, txt, sizeof txt);
    err_set(e, "22003", "Numeric value out of range: %s does not fit %s.", txt, what);
    return SQL_ERROR;
}

/**
 * Whole-number part of n within [lo, hi] (hi <= INT64_MAX) into *out;
 * *frac is set when a fractional part was dropped. Returns 0 or -1 (range).
 */
static int to_whole(const conv_num *n, int64_t lo, int64_t hi, int64_t *out, int *frac)
{
    *frac = 0;
    if (n->is_int) {
        if (n->i < lo || n->i > hi)
            return -1;
        *out = n->i;
        return 0;
    }
    if (isnan(n->d))
        return -1;
    double t = trunc(n->d);
    /* 2^63 is exactly representable; every double below it converts safely. */
    if (t < (double)lo || t >= 9223372036854775808.0 || (int64_t)t > hi || (int64_t)t < lo)
        return -1;
    *out = (int64_t)t;
    *frac = t != n->d;
    return 0;
}

/** SQL_C_UBIGINT: 0 .. 2^64-1. Returns 0 or -1 (range). */
static int to_u64(const conv_num *n, uint64_t *out, int *frac)
{
    *frac = 0;
    if (n->is_int) {
        if (n->i < 0)
            return -1;
        *out = (uint64_t)n->i;
        return 0;
    }
    if (isnan(n->d))
        return -1;
    double t = trunc(n->d);
    if (t < 0 || t >= 18446744073709551616.0)
        return -1;
    *out = (uint64_t)t;
    *frac = t != n->d;
    return 0;
}

/** Integer C targets of every width. */
static SQLRETURN put_integer(const sql_value *v, SQLSMALLINT ctype, SQLPOINTER buf,
                             SQLLEN *ind, SQLLEN *pos, err *e)
{
    const char *what = ctype_name(ctype);
    conv_num n;
    if (conv_value_number(v, &n, what, e))
        return SQL_ERROR;
    int frac = 0;
    int64_t w = 0;
    union { int8_t i8; uint8_t u8; int16_t i16; uint16_t u16; int32_t i32; uint32_t u32;
            int64_t i64; uint64_t u64; } out;
    size_t size;
    switch (ctype) {
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
        if (to_whole(&n, INT8_MIN, INT8_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.i8 = (int8_t)w;
        size = 1;
        break;
    case SQL_C_UTINYINT:
        if (to_whole(&n, 0, UINT8_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.u8 = (uint8_t)w;
        size = 1;
        break;
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
        if (to_whole(&n, INT16_MIN, INT16_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.i16 = (int16_t)w;
        size = 2;
        break;
    case SQL_C_USHORT:
        if (to_whole(&n, 0, UINT16_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.u16 = (uint16_t)w;
        size = 2;
        break;
    case SQL_C_LONG:
    case SQL_C_SLONG:
        if (to_whole(&n, INT32_MIN, INT32_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.i32 = (int32_t)w;
        size = 4;
        break;
    case SQL_C_ULONG:
        if (to_whole(&n, 0, UINT32_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.u32 = (uint32_t)w;
        size = 4;
        break;
    case SQL_C_SBIGINT:
        if (to_whole(&n, INT64_MIN, INT64_MAX, &w, &frac))
            return out_of_range(e, &n, what);
        out.i64 = w;
        size = 8;
        break;
    default: /* SQL_C_UBIGINT */
        if (to_u64(&n, &out.u64, &frac))
            return out_of_range(e, &n, what);
        size = 8;
        break;
    }
    return put_fixed(&out, size, buf, ind, pos, frac ? frac_truncated(e, what) : SQL_SUCCESS);
}

/** SQL_C_BIT: 0 or 1; 0 < x < 2 truncates (01S07); anything else is 22003. */
static SQLRETURN put_bit(const sql_value *v, SQLPOINTER buf, SQLLEN *ind, SQLLEN *pos, err *e)
{
    conv_num n;
    if (conv_value_number(v, &n, "SQL_C_BIT", e))
        return SQL_ERROR;
    int64_t w;
    int frac;
    if (to_whole(&n, 0, 1, &w, &frac))
        return out_of_range(e, &n, "SQL_C_BIT (0 or 1)");
    unsigned char b = (unsigned char)w;
    return put_fixed(&b, 1, buf, ind, pos, frac ? frac_truncated(e, "SQL_C_BIT") : SQL_SUCCESS);
}

/** SQL_C_FLOAT and SQL_C_DOUBLE. */
static SQLRETURN put_floating(const sql_value *v, SQLSMALLINT ctype, SQLPOINTER buf,
                              SQLLEN *ind, SQLLEN *pos, err *e)
{
    conv_num n;
    if (conv_value_number(v, &n, ctype_name(ctype), e))
        return SQL_ERROR;
    double d = n.is_int ? (double)n.i : n.d;
    if (ctype == SQL_C_DOUBLE)
        return put_fixed(&d, sizeof d, buf, ind, pos, SQL_SUCCESS);
    if (isfinite(d) && fabs(d) > FLT_MAX)
        return out_of_range(e, &n, "SQL_C_FLOAT");
    float f = (float)d;
    return put_fixed(&f, sizeof f, buf, ind, pos, SQL_SUCCESS);
}

/*
 * NUMERIC magnitudes are kept as SQL_NUMERIC_STRUCT.val is: 16 bytes, least
 * significant first (portable; no 128-bit integer type needed). A value is
 * first written as decimal digits and a power of ten, then scaled.
 */

/** Most significant digits kept of a decimal (more than any precision; the rest only count). */
#define DEC_MAX_DIGITS 64

/** A decimal number: value = (neg ? -1 : 1) * digits * 10^exp10. */
typedef struct dec_num {
    int  neg;
    int  ndigits;                /**< significant digits held (no leading zeros) */
    char digits[DEC_MAX_DIGITS]; /**< '0'..'9', most significant first */
    long exp10;
    int  lost;                   /**< a non-zero digit beyond DEC_MAX_DIGITS was dropped */
} dec_num;

/** m = m * 10 + digit. */
static void mag_mul10_add(SQLCHAR m[SQL_MAX_NUMERIC_LEN], unsigned digit)
{
    unsigned carry = digit;
    for (int k = 0; k < SQL_MAX_NUMERIC_LEN; k++) {
        unsigned x = m[k] * 10u + carry;
        m[k] = (SQLCHAR)(x & 0xFF);
        carry = x >> 8;
    }
}

/**
 * Parse len bytes of decimal text (blanks, sign, digits, optional fraction
 * and exponent) into d. Returns 0, or -1 when it is not such a number.
 */
static int dec_parse(const char *s, size_t len, dec_num *d)
{
    size_t a = 0, b = len;
    memset(d, 0, sizeof *d);
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    if (a < b && (s[a] == '+' || s[a] == '-'))
        d->neg = s[a++] == '-';
    int any = 0, point = 0;
    for (; a < b; a++) {
        char c = s[a];
        if (c == '.' && !point) {
            point = 1;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        any = 1;
        if (d->ndigits == 0 && c == '0') {
            if (point)
                d->exp10--;
            continue;
        }
        if (d->ndigits < DEC_MAX_DIGITS) {
            d->digits[d->ndigits++] = c;
            if (point)
                d->exp10--;
        } else {
            if (!point)
                d->exp10++;
            if (c != '0')
                d->lost = 1;
        }
    }
    if (!any)
        return -1;
    if (a < b && (s[a] == 'e' || s[a] == 'E')) {
        a++;
        int eneg = 0, edig = 0;
        long ex = 0;
        if (a < b && (s[a] == '+' || s[a] == '-'))
            eneg = s[a++] == '-';
        for (; a < b && s[a] >= '0' && s[a] <= '9'; a++, edig++)
            if (ex < 1000000)
                ex = ex * 10 + (s[a] - '0');
        if (!edig)
            return -1;
        d->exp10 += eneg ? -ex : ex;
    }
    return a == b ? 0 : -1;
}

/**
 * Write d * 10^scale, truncated to a whole number, into ns (precision,
 * scale, sign, val). *frac is set when non-zero digits were dropped.
 * Returns 0, or -1 when the result has more than precision digits.
 */
static int dec_to_numeric(const dec_num *d, int precision, int scale, SQL_NUMERIC_STRUCT *ns,
                          int *frac)
{
    memset(ns, 0, sizeof *ns);
    ns->precision = (SQLCHAR)precision;
    ns->scale = (SQLSCHAR)scale;
    ns->sign = 1;
    *frac = d->lost;
    if (d->ndigits == 0)
        return 0;
    long keep = d->ndigits + d->exp10 + scale; /* digits of the scaled whole number */
    if (keep > precision)
        return -1;
    for (long i = 0; i < d->ndigits; i++) {
        if (i < keep)
            mag_mul10_add(ns->val, (unsigned)(d->digits[i] - '0'));
        else if (d->digits[i] != '0')
            *frac = 1;
    }
    for (long i = d->ndigits; i < keep; i++)
        mag_mul10_add(ns->val, 0);
    if (keep > 0 && d->neg)
        for (int k = 0; k < SQL_MAX_NUMERIC_LEN; k++)
            if (ns->val[k]) {
                ns->sign = 0;
                break;
            }
    return 0;
}

/** The precision and scale to use: the spec's when valid, else 38 and 0. */
static void numeric_target(const conv_numeric_spec *spec, int *precision, int *scale)
{
    *precision = CONV_NUMERIC_DEFAULT_PRECISION;
    *scale = 0;
    if (!spec || spec->precision < 1 || spec->precision > CONV_NUMERIC_DEFAULT_PRECISION)
        return;
    *precision = spec->precision;
    *scale = spec->scale < 0 ? 0 : spec->scale > spec->precision ? spec->precision : spec->scale;
}

/** SQL_C_NUMERIC with the precision and scale of spec (NULL: 38 and 0), truncating extra digits. */
static SQLRETURN put_numeric(const sql_value *v, const conv_numeric_spec *spec, SQLPOINTER buf,
                             SQLLEN *ind, SQLLEN *pos, err *e)
{
    int precision, scale;
    numeric_target(spec, &precision, &scale);
    char what[64];
    snprintf(what, sizeof what, "SQL_C_NUMERIC (precision %d, scale %d)", precision, scale);
    dec_num d;
    char txt[48];
    if (!(v->type == SQLT_TEXT && dec_parse(v->u.s.ptr, v->u.s.len, &d) == 0)) {
        conv_num n;
        if (conv_value_number(v, &n, "SQL_C_NUMERIC", e))
            return SQL_ERROR;
        if (n.is_int)
            snprintf(txt, sizeof txt, "%lld", (long long)n.i);
        else if (!isfinite(n.d))
            return out_of_range(e, &n, what);
        else
            conv_format_double(n.d, txt, sizeof txt);
        if (dec_parse(txt, strlen(txt), &d) < 0)
            return out_of_range(e, &n, what);
    }
    SQL_NUMERIC_STRUCT ns;
    int frac = 0;
    if (dec_to_numeric(&d, precision, scale, &ns, &frac) < 0) {
        if (v->type == SQLT_TEXT)
            snprintf(txt, sizeof txt, "%.*s%s", 40, v->u.s.ptr, v->u.s.len > 40 ? "..." : "");
        err_set(e, "22003", "Numeric value out of range: %s does not fit %s.", txt, what);
        return SQL_ERROR;
    }
    return put_fixed(&ns, sizeof ns, buf, ind, pos, frac ? frac_truncated(e, what) : SQL_SUCCESS);
}

/** Timestamp (ms since the epoch) of a TIMESTAMP value or of text that parses as one. */
static int value_timestamp(const sql_value *v, SQLSMALLINT ctype, int64_t *ms, int *time_only,
                           err *e)
{
    *time_only = 0;
    if (v->type == SQLT_TIMESTAMP) {
        *ms = v->u.i;
        return 0;
    }
    if (v->type == SQLT_TEXT) {
        if (ts_parse_iso8601(v->u.s.ptr, ms) == 0)
            return 0;
        if ((ctype == SQL_C_TYPE_TIME || ctype == SQL_C_TIME) &&
            conv_parse_time(v->u.s.ptr, v->u.s.len, ms) == 0) {
            *time_only = 1;
            return 0;
        }
        char ex[64];
        return err_set(e, "22018", "The text value '%s' is not a valid %s, so it cannot be "
                       "converted to %s.", conv_excerpt(v->u.s.ptr, v->u.s.len, ex, sizeof ex),
                       (ctype == SQL_C_TYPE_TIME || ctype == SQL_C_TIME) ? "time" : "date or timestamp",
                       ctype_name(ctype));
    }
    return err_set(e, "07006", "A %s value cannot be converted to %s.", sqltype_name(v->type),
                   ctype_name(ctype));
}

/** DATE, TIME and TIMESTAMP structs (ODBC 2 and 3 codes). */
static SQLRETURN put_datetime(const sql_value *v, SQLSMALLINT ctype, SQLPOINTER buf,
                              SQLLEN *ind, SQLLEN *pos, err *e)
{
    int64_t ms;
    int time_only;
    if (value_timestamp(v, ctype, &ms, &time_only, e))
        return SQL_ERROR;
    int y = 0, mo = 0, d = 0, h, mi, s, f;
    if (time_only) {
        h = (int)(ms / 3600000);
        mi = (int)(ms / 60000 % 60);
        s = (int)(ms / 1000 % 60);
        f = (int)(ms % 1000);
    } else {
        ts_split(ms, &y, &mo, &d, &h, &mi, &s, &f);
        if (y < 1 || y > 9999) {
            err_set(e, "22008", "Datetime field overflow: the year %d cannot be returned in %s.",
                    y, ctype_name(ctype));
            return SQL_ERROR;
        }
    }
    switch (ctype) {
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE: {
        SQL_DATE_STRUCT ds = { (SQLSMALLINT)y, (SQLUSMALLINT)mo, (SQLUSMALLINT)d };
        int cut = h || mi || s || f;
        return put_fixed(&ds, sizeof ds, buf, ind, pos,
                         cut ? frac_truncated(e, "a date (the time of day was dropped)") : SQL_SUCCESS);
    }
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME: {
        SQL_TIME_STRUCT ts = { (SQLUSMALLINT)h, (SQLUSMALLINT)mi, (SQLUSMALLINT)s };
        return put_fixed(&ts, sizeof ts, buf, ind, pos,
                         f ? frac_truncated(e, "a time (the milliseconds were dropped)") : SQL_SUCCESS);
    }
    default: {
        if (time_only) {
            err_set(e, "22018", "The text value is a time without a date, so it cannot be "
                    "converted to %s.", ctype_name(ctype));
            return SQL_ERROR;
        }
        SQL_TIMESTAMP_STRUCT ts;
        memset(&ts, 0, sizeof ts);
        ts.year = (SQLSMALLINT)y;
        ts.month = (SQLUSMALLINT)mo;
        ts.day = (SQLUSMALLINT)d;
        ts.hour = (SQLUSMALLINT)h;
        ts.minute = (SQLUSMALLINT)mi;
        ts.second = (SQLUSMALLINT)s;
        ts.fraction = (SQLUINTEGER)f * 1000000u; /* nanoseconds */
        return put_fixed(&ts, sizeof ts, buf, ind, pos, SQL_SUCCESS);
    }
    }
}

/** SQL_C_GUID from text in the 8-4-4-4-12 form (PingOne ids are UUIDs). */
static SQLRETURN put_guid(const sql_value *v, SQLPOINTER buf, SQLLEN *ind, SQLLEN *pos, err *e)
{
    if (v->type != SQLT_TEXT) {
        err_set(e, "07006", "Restricted data type attribute violation: a %s value cannot be "
                "returned as SQL_C_GUID.", sqltype_name(v->type));
        return SQL_ERROR;
    }
    SQLGUID g;
    uint32_t d1;
    uint16_t d2, d3;
    if (conv_parse_guid(v->u.s.ptr, v->u.s.len, &d1, &d2, &d3, g.Data4)) {
        char ex[64];
        err_set(e, "22018", "The text value '%s' is not a GUID, so it cannot be converted to "
                "SQL_C_GUID.", conv_excerpt(v->u.s.ptr, v->u.s.len, ex, sizeof ex));
        return SQL_ERROR;
    }
    g.Data1 = d1;
    g.Data2 = d2;
    g.Data3 = d3;
    return put_fixed(&g, sizeof g, buf, ind, pos, SQL_SUCCESS);
}

/** Binary image of a non-text value: its default C type's bytes (ODBC appendix D). */
static SQLRETURN put_binary_fixed(const sql_value *v, enum sqltype coltype, int colsize,
                                  SQLPOINTER buf, SQLLEN buflen, SQLLEN *ind, SQLLEN *pos,
                                  err *e)
{
    union { unsigned char b; int32_t i32; int64_t i64; double d; SQL_TIMESTAMP_STRUCT ts; } u;
    size_t size;
    switch (v->type) {
    case SQLT_BOOL:
        u.b = v->u.i ? 1 : 0;
        size = 1;
        break;
    case SQLT_INT: {
        odbc_typeinfo ti;
        odbc_type_of(SQLT_INT, coltype == SQLT_INT ? colsize : 0, &ti);
        if (ti.sql_type == SQL_INTEGER && v->u.i >= INT32_MIN && v->u.i <= INT32_MAX) {
            u.i32 = (int32_t)v->u.i;
            size = 4;
        } else {
            u.i64 = v->u.i;
            size = 8;
        }
        break;
    }
    case SQLT_DOUBLE:
        u.d = v->u.d;
        size = 8;
        break;
    default: { /* SQLT_TIMESTAMP */
        SQLLEN tind, tpos = 0;
        if (put_datetime(v, SQL_C_TYPE_TIMESTAMP, &u.ts, &tind, &tpos, e) == SQL_ERROR)
            return SQL_ERROR;
        size = sizeof u.ts;
        break;
    }
    }
    if (ind)
        *ind = (SQLLEN)size;
    if (!buf || buflen <= 0)
        return probe(size, e);
    if ((size_t)buflen < size) {
        err_set(e, "22003", "The %zu-byte binary form of this %s value does not fit the "
                "%ld-byte buffer.", size, sqltype_name(v->type), (long)buflen);
        return SQL_ERROR;
    }
    memcpy(buf, &u, size);
    *pos = CONV_POS_DONE;
    return SQL_SUCCESS;
}

/** SQL_C_CHAR, SQL_C_WCHAR and SQL_C_BINARY from any value. */
static SQLRETURN put_text_form(const sql_value *v, enum sqltype coltype, int colsize,
                               SQLSMALLINT ctype, SQLPOINTER buf, SQLLEN buflen, SQLLEN *ind,
                               SQLLEN *pos, err *e)
{
    const char *s;
    size_t len;
    char tmp[64];
    if (v->type == SQLT_TEXT) {
        s = v->u.s.ptr;
        len = v->u.s.len;
    } else {
        if (ctype == SQL_C_BINARY)
            return put_binary_fixed(v, coltype, colsize, buf, buflen, ind, pos, e);
        len = conv_value_text(v, tmp, sizeof tmp);
        s = tmp;
        /* A number or timestamp whose whole part does not fit is an error, not truncation. */
        size_t room = ctype == SQL_C_WCHAR ? (size_t)buflen / sizeof(SQLWCHAR) : (size_t)buflen;
        size_t whole = whole_part(v, tmp, len);
        if (*pos == 0 && buf && buflen > 0 && whole >= room) {
            err_set(e, "22003", "The value %s needs a buffer of at least %zu bytes to be "
                    "returned as %s.", tmp,
                    (whole + 1) * (ctype == SQL_C_WCHAR ? sizeof(SQLWCHAR) : 1), ctype_name(ctype));
            return SQL_ERROR;
        }
    }
    if (ctype == SQL_C_CHAR)
        return put_chars(s, len, buf, buflen, ind, pos, e);
    if (ctype == SQL_C_WCHAR)
        return put_wchars(s, len, buf, buflen, ind, pos, e);
    return put_bytes(s, len, buf, buflen, ind, pos, e);
}

SQLRETURN conv_to_c(const sql_value *v, enum sqltype coltype, int colsize,
                    SQLSMALLINT ctype, SQLPOINTER buf, SQLLEN buflen,
                    SQLLEN *ind, SQLLEN *pos, err *e)
{
    return conv_to_c_spec(v, coltype, colsize, ctype, NULL, buf, buflen, ind, pos, e);
}

SQLRETURN conv_to_c_spec(const sql_value *v, enum sqltype coltype, int colsize,
                         SQLSMALLINT ctype, const conv_numeric_spec *num, SQLPOINTER buf,
                         SQLLEN buflen, SQLLEN *ind, SQLLEN *pos, err *e)
{
    SQLLEN local_pos = 0;
    if (!pos)
        pos = &local_pos;
    if (*pos == CONV_POS_DONE || *pos < 0)
        return SQL_NO_DATA;
    if (!v || v->type == SQLT_NULL) {
        if (!ind) {
            err_set(e, "22002", "Indicator variable required but not supplied: the value is "
                    "NULL; bind or pass a length/indicator pointer.");
            return SQL_ERROR;
        }
        *ind = SQL_NULL_DATA;
        *pos = CONV_POS_DONE;
        return SQL_SUCCESS;
    }
    if (ctype == SQL_C_DEFAULT) {
        odbc_typeinfo ti;
        odbc_type_of(coltype, colsize, &ti);
        ctype = ti.c_default;
    }
    switch (ctype) {
    case SQL_C_CHAR:
    case SQL_C_WCHAR:
    case SQL_C_BINARY:
        return put_text_form(v, coltype, colsize, ctype, buf, buflen, ind, pos, e);
    case SQL_C_BIT:
        return put_bit(v, buf, ind, pos, e);
    case SQL_C_TINYINT:
    case SQL_C_STINYINT:
    case SQL_C_UTINYINT:
    case SQL_C_SHORT:
    case SQL_C_SSHORT:
    case SQL_C_USHORT:
    case SQL_C_LONG:
    case SQL_C_SLONG:
    case SQL_C_ULONG:
    case SQL_C_SBIGINT:
    case SQL_C_UBIGINT:
        return put_integer(v, ctype, buf, ind, pos, e);
    case SQL_C_FLOAT:
    case SQL_C_DOUBLE:
        return put_floating(v, ctype, buf, ind, pos, e);
    case SQL_C_NUMERIC:
        return put_numeric(v, num, buf, ind, pos, e);
    case SQL_C_TYPE_DATE:
    case SQL_C_DATE:
    case SQL_C_TYPE_TIME:
    case SQL_C_TIME:
    case SQL_C_TYPE_TIMESTAMP:
    case SQL_C_TIMESTAMP:
        return put_datetime(v, ctype, buf, ind, pos, e);
    case SQL_C_GUID:
        return put_guid(v, buf, ind, pos, e);
    default:
        err_set(e, "07006", "Restricted data type attribute violation: a %s value cannot be "
                "returned as C type %d.", sqltype_name(v->type), (int)ctype);
        return SQL_ERROR;
    }
}
