/**
 * @file utf16.c
 * UTF-8 <-> UTF-16 conversion at the W boundary (see utf16.h).
 *
 * Decoding follows the Unicode "maximal subpart" practice: an ill-formed
 * UTF-8 sequence (overlong form, encoded surrogate, value above U+10FFFF,
 * stray continuation byte, truncated sequence) becomes one U+FFFD per
 * maximal prefix that could have started a valid sequence. Unpaired UTF-16
 * surrogates become U+FFFD too.
 */
#include "driver/utf16.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT_CHAR 0xFFFDu

size_t utf8_decode(const char *str, size_t len, uint32_t *cp)
{
    const unsigned char *s = (const unsigned char *)str;
    if (len == 0) {
        *cp = REPLACEMENT_CHAR;
        return 0;
    }
    unsigned char b0 = s[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    int need;            /* continuation bytes that follow the lead byte */
    uint32_t c;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        c = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        c = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;          /* no overlong 3-byte forms */
        else if (b0 == 0xED)
            hi = 0x9F;          /* no encoded surrogates */
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        c = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;          /* no overlong 4-byte forms */
        else if (b0 == 0xF4)
            hi = 0x8F;          /* nothing above U+10FFFF */
    } else {
        *cp = REPLACEMENT_CHAR; /* continuation byte, C0/C1 or F5..FF */
        return 1;
    }
    size_t i = 1;
    for (int k = 0; k < need; k++, i++) {
        if (i >= len) {
            *cp = REPLACEMENT_CHAR;
            return i;
        }
        unsigned char b = s[i];
        unsigned char l = k == 0 ? lo : 0x80, h = k == 0 ? hi : 0xBF;
        if (b < l || b > h) {
            *cp = REPLACEMENT_CHAR;
            return i;
        }
        c = (c << 6) | (b & 0x3F);
    }
    *cp = c;
    return i;
}

size_t utf8_encode(uint32_t cp, char out[4])
{
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = REPLACEMENT_CHAR;
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t utf8_to_utf16_units(const char *s, size_t len)
{
    size_t units = 0, i = 0;
    while (i < len) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        units += cp >= 0x10000 ? 2 : 1;
    }
    return units;
}

size_t utf8_to_utf16_part(const char *s, size_t len, size_t from_units, SQLWCHAR *buf,
                          size_t buf_units, size_t *written)
{
    size_t units = 0, i = 0, out = 0;
    size_t room = buf_units > 0 ? buf_units - 1 : 0;
    int full = 0;
    while (i < len) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
        SQLWCHAR u[2];
        int n = 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            u[0] = (SQLWCHAR)(0xD800 | (cp >> 10));
            u[1] = (SQLWCHAR)(0xDC00 | (cp & 0x3FF));
            n = 2;
        } else {
            u[0] = (SQLWCHAR)cp;
        }
        for (int k = 0; k < n; k++, units++) {
            if (units < from_units || full)
                continue;
            /* A pair that started before from_units is never split in
               practice; a pair that does not fit whole is not started. */
            size_t left = (size_t)(n - k);
            if (out + (k == 0 ? left : 1) > room) {
                full = 1;
                continue;
            }
            buf[out++] = u[k];
        }
    }
    if (buf_units > 0)
        buf[out] = 0;
    if (written)
        *written = out;
    return units;
}

int utf8_to_utf16_buf(const char *s, size_t len, SQLWCHAR *buf, size_t buf_units,
                      size_t *total_units)
{
    size_t written = 0;
    size_t total = utf8_to_utf16_part(s, len, 0, buf, buf_units, &written);
    if (total_units)
        *total_units = total;
    return written < total;
}

SQLWCHAR *utf8_to_utf16(const char *s, size_t len, size_t *units)
{
    if (!s)
        len = 0;
    size_t n = utf8_to_utf16_units(s, len);
    SQLWCHAR *w = malloc((n + 1) * sizeof *w);
    if (!w)
        return NULL;
    utf8_to_utf16_part(s, len, 0, w, n + 1, NULL);
    if (units)
        *units = n;
    return w;
}

size_t utf16_len(const SQLWCHAR *s)
{
    size_t n = 0;
    if (!s)
        return 0;
    while (s[n])
        n++;
    return n;
}

/** Decode one code point at w[i] (n units in all); returns units consumed. */
static size_t utf16_decode(const SQLWCHAR *w, size_t n, size_t i, uint32_t *cp)
{
    uint32_t u = w[i];
    if (u >= 0xD800 && u <= 0xDBFF) {
        if (i + 1 < n && w[i + 1] >= 0xDC00 && w[i + 1] <= 0xDFFF) {
            *cp = 0x10000 + ((u - 0xD800) << 10) + (w[i + 1] - 0xDC00u);
            return 2;
        }
        *cp = REPLACEMENT_CHAR;
        return 1;
    }
    *cp = (u >= 0xDC00 && u <= 0xDFFF) ? REPLACEMENT_CHAR : u;
    return 1;
}

char *utf16_to_utf8(const SQLWCHAR *s, SQLLEN len, size_t *bytes)
{
    if (!s)
        return NULL;
    size_t n = len == SQL_NTS || len < 0 ? utf16_len(s) : (size_t)len;
    size_t need = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        char tmp[4];
        i += utf16_decode(s, n, i, &cp);
        need += utf8_encode(cp, tmp);
    }
    char *out = malloc(need + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        i += utf16_decode(s, n, i, &cp);
        o += utf8_encode(cp, out + o);
    }
    out[o] = '\0';
    if (bytes)
        *bytes = o;
    return out;
}
