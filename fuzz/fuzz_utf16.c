/**
 * @file fuzz_utf16.c
 * Fuzz target "utf16": UTF-8 <-> UTF-16 at the W boundary (driver/utf16.h).
 * Input: byte 0 = output buffer size in units for the truncating and
 * chunked conversions, then the payload, read both as UTF-8 and as UTF-16
 * units (native order). Buffers are exactly sized so overreads are caught.
 *
 * Checked: lengths agree between the counting, allocating, truncating and
 * chunked conversions; chunks concatenate to the whole; output is
 * NUL-terminated; decoding always advances and yields a Unicode scalar
 * value; UTF-16 -> UTF-8 -> UTF-16 is stable after one normalisation.
 */
#include <string.h>

#include "driver/utf16.h"
#include "fuzz/fuzz_target.h"

/** UTF-8 side: counting, allocating, truncated and chunked conversions. */
static void check_utf8(const char *s, size_t n, size_t bu)
{
    size_t units = utf8_to_utf16_units(s, n);
    size_t u = 0;
    SQLWCHAR *w = utf8_to_utf16(s, n, &u);
    if (!w)
        return;
    FUZZ_CHECK(u == units && w[u] == 0);

    /* decoding character by character */
    size_t count = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        FUZZ_CHECK(k >= 1 && k <= 4 && k <= n - i);
        FUZZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
        char enc[4];
        size_t m = utf8_encode(cp, enc);
        FUZZ_CHECK(m >= 1 && m <= 4);
        count += cp >= 0x10000 ? 2 : 1;
        i += k;
    }
    FUZZ_CHECK(count == units);

    /* truncated copy into a buffer of bu units (exactly sized) */
    SQLWCHAR *buf = malloc((bu ? bu : 1) * sizeof *buf);
    if (buf) {
        size_t total = 0;
        int trunc = utf8_to_utf16_buf(s, n, bu ? buf : NULL, bu, &total);
        FUZZ_CHECK(total == units);
        if (bu > 0) {
            FUZZ_CHECK(trunc == (units >= bu));
            size_t got = utf16_len(buf);
            FUZZ_CHECK(got < bu && got <= units);
            FUZZ_CHECK(memcmp(buf, w, got * sizeof *buf) == 0);
            /* a surrogate pair is never split at the end */
            FUZZ_CHECK(got == 0 || buf[got - 1] < 0xD800 || buf[got - 1] > 0xDBFF);
        }
        free(buf);
    }

    /* chunked: parts of at least 3 units concatenate to the whole */
    size_t cu = bu < 3 ? 3 : bu;
    SQLWCHAR *part = malloc(cu * sizeof *part);
    SQLWCHAR *all = malloc((units + 1) * sizeof *all);
    if (part && all) {
        size_t from = 0;
        while (from < units) {
            size_t written = 0;
            size_t total = utf8_to_utf16_part(s, n, from, part, cu, &written);
            FUZZ_CHECK(total == units);
            FUZZ_CHECK(written > 0 && written < cu && from + written <= units);
            FUZZ_CHECK(part[written] == 0);
            memcpy(all + from, part, written * sizeof *part);
            from += written;
        }
        FUZZ_CHECK(memcmp(all, w, units * sizeof *all) == 0);
    }
    free(part);
    free(all);

    /* back to UTF-8 and once more: stable */
    size_t b = 0;
    char *back = utf16_to_utf8(w, (SQLLEN)u, &b);
    if (back) {
        FUZZ_CHECK(back[b] == '\0');
        size_t u2 = 0;
        SQLWCHAR *w2 = utf8_to_utf16(back, b, &u2);
        if (w2) {
            FUZZ_CHECK(u2 == u && memcmp(w2, w, u * sizeof *w) == 0);
            free(w2);
        }
        free(back);
    }
    free(w);
}

/** UTF-16 side: explicit length (exact buffer) and NUL-terminated. */
static void check_utf16(const uint8_t *p, size_t nbytes)
{
    size_t n = nbytes / sizeof(SQLWCHAR);
    SQLWCHAR *ws = malloc((n ? n : 1) * sizeof *ws);
    if (!ws)
        return;
    if (n)
        memcpy(ws, p, n * sizeof *ws);
    size_t b = 0;
    char *s = utf16_to_utf8(ws, (SQLLEN)n, &b);
    if (s) {
        FUZZ_CHECK(s[b] == '\0');
        /* the result is valid UTF-8: it converts back to exactly as many
           characters as the input had units minus the joined pairs */
        size_t u = utf8_to_utf16_units(s, b);
        FUZZ_CHECK(u <= n);
        free(s);
    }
    free(ws);

    SQLWCHAR *nts = malloc((n + 1) * sizeof *nts);
    if (!nts)
        return;
    if (n)
        memcpy(nts, p, n * sizeof *nts);
    nts[n] = 0;
    size_t len = utf16_len(nts);
    FUZZ_CHECK(len <= n);
    s = utf16_to_utf8(nts, SQL_NTS, &b);
    if (s) {
        size_t b2 = 0;
        char *s2 = utf16_to_utf8(nts, (SQLLEN)len, &b2);
        if (s2) {
            FUZZ_CHECK(b == b2 && memcmp(s, s2, b) == 0);
            free(s2);
        }
        free(s);
    }
    free(nts);
}

FUZZ_TARGET(utf16)
{
    if (size < 1)
        return 0;
    size_t bu = data[0];
    const uint8_t *p = data + 1;
    size_t n = size - 1;
    char *s = malloc(n ? n : 1);
    if (!s)
        return 0;
    s[0] = '\0';
    if (n)
        memcpy(s, p, n);
    check_utf8(s, n, bu);
    free(s);
    check_utf16(p, n);
    return 0;
}
