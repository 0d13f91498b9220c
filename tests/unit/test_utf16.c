/**
 * @file test_utf16.c
 * Unit tests for driver/utf16.c: UTF-8 <-> UTF-16 conversion, surrogate
 * pairs, truncation at every buffer size, and ill-formed input.
 */
#include <stdlib.h>
#include <string.h>

#include "driver/utf16.h"
#include "tests/tap.h"

/** Compare a UTF-16 buffer with n expected units. */
static int units_eq(const SQLWCHAR *got, const unsigned *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (got[i] != want[i])
            return 0;
    return 1;
}

/** Check one UTF-8 string against its expected UTF-16 form, both directions. */
static void check_pair(const char *name, const char *u8, const unsigned *u16, size_t n)
{
    size_t units = 99;
    is_int(utf8_to_utf16_units(u8, strlen(u8)), n, "%s: units counted", name);
    SQLWCHAR *w = utf8_to_utf16(u8, strlen(u8), &units);
    ok(w && units == n && units_eq(w, u16, n) && w[n] == 0, "%s: UTF-8 -> UTF-16", name);
    size_t bytes = 99;
    char *back = utf16_to_utf8(w, (SQLLEN)n, &bytes);
    ok(back && bytes == strlen(u8) && strcmp(back, u8) == 0, "%s: UTF-16 -> UTF-8 (explicit length)", name);
    free(back);
    back = utf16_to_utf8(w, SQL_NTS, NULL);
    is_str(back, u8, "%s: UTF-16 -> UTF-8 (SQL_NTS)", name);
    free(back);
    is_int(utf16_len(w), n, "%s: utf16_len", name);
    free(w);
}

/** UTF-16 of ill-formed UTF-8 must be exactly the expected units. */
static void check_bad_utf8(const char *name, const char *u8, size_t len, const unsigned *want, size_t n)
{
    size_t units = 0;
    SQLWCHAR *w = utf8_to_utf16(u8, len, &units);
    ok(w && units == n && units_eq(w, want, n), "invalid UTF-8 %s -> %zu units", name, n);
    if (w && units != n)
        diag("  got %zu units", units);
    is_int(utf8_to_utf16_units(u8, len), n, "invalid UTF-8 %s: unit count agrees", name);
    free(w);
}

/** UTF-8 of ill-formed UTF-16 must be exactly the expected string. */
static void check_bad_utf16(const char *name, const unsigned *in, size_t n, const char *want)
{
    SQLWCHAR w[16];
    for (size_t i = 0; i < n; i++)
        w[i] = (SQLWCHAR)in[i];
    size_t bytes = 0;
    char *s = utf16_to_utf8(w, (SQLLEN)n, &bytes);
    ok(s && bytes == strlen(want) && strcmp(s, want) == 0, "invalid UTF-16 %s", name);
    free(s);
}

/** Truncation of text in buffers of 0..total+2 units: whole characters, NUL, flag, total. */
static void check_truncation(const char *name, const char *u8, const size_t *char_ends, size_t nchars)
{
    size_t total = char_ends[nchars - 1];
    SQLWCHAR *full = utf8_to_utf16(u8, strlen(u8), NULL);
    int all_ok = 1;
    for (size_t bu = 0; bu <= total + 2; bu++) {
        SQLWCHAR buf[64];
        for (size_t i = 0; i < 64; i++)
            buf[i] = 0xAAAA;
        size_t tot = 0;
        int tr = utf8_to_utf16_buf(u8, strlen(u8), buf, bu, &tot);
        /* expected: the longest prefix of whole characters that fits in bu-1 units */
        size_t want = 0;
        for (size_t c = 0; c < nchars; c++)
            if (bu > 0 && char_ends[c] <= bu - 1)
                want = char_ends[c];
        int good = tot == total && tr == (want < total);
        if (bu > 0)
            good = good && buf[want] == 0;
        for (size_t i = 0; i < want; i++)
            good = good && buf[i] == full[i];
        if (bu == 0)
            good = good && buf[0] == 0xAAAA;      /* nothing written */
        if (bu > 0)
            good = good && buf[bu] == 0xAAAA;     /* nothing past the buffer */
        if (!good) {
            all_ok = 0;
            diag("%s: buffer of %zu units wrong (truncated=%d total=%zu)", name, bu, tr, tot);
        }
    }
    ok(all_ok, "%s: truncation correct for every buffer size 0..%zu units", name, total + 2);
    free(full);
}

int main(void)
{
    plan_lazy();

    /* Well-formed text, both directions. */
    check_pair("ASCII", "hello", (const unsigned[]){'h', 'e', 'l', 'l', 'o'}, 5);
    check_pair("accented", "Jos\xC3\xA9 Zo\xC3\xAB \xC3\x85ngstr\xC3\xB6m",
               (const unsigned[]){'J', 'o', 's', 0xE9, ' ', 'Z', 'o', 0xEB, ' ', 0xC5, 'n', 'g',
                                  's', 't', 'r', 0xF6, 'm'}, 17);
    check_pair("CJK", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", (const unsigned[]){0x65E5, 0x672C, 0x8A9E}, 3);
    check_pair("emoji U+1F600", "\xF0\x9F\x98\x80", (const unsigned[]){0xD83D, 0xDE00}, 2);
    check_pair("U+1D49C", "\xF0\x9D\x92\x9C", (const unsigned[]){0xD835, 0xDC9C}, 2);
    check_pair("U+20000", "\xF0\xA0\x80\x80", (const unsigned[]){0xD840, 0xDC00}, 2);
    check_pair("U+10FFFF", "\xF4\x8F\xBF\xBF", (const unsigned[]){0xDBFF, 0xDFFF}, 2);
    check_pair("mixed", "a\xF0\x9F\x98\x80" "b\xE2\x82\xAC",
               (const unsigned[]){'a', 0xD83D, 0xDE00, 'b', 0x20AC}, 5);

    /* Empty strings. */
    size_t units = 99;
    SQLWCHAR *w = utf8_to_utf16("", 0, &units);
    ok(w && units == 0 && w[0] == 0, "empty UTF-8 -> empty UTF-16");
    free(w);
    SQLWCHAR empty16[1] = {0};
    size_t bytes = 99;
    char *s = utf16_to_utf8(empty16, SQL_NTS, &bytes);
    ok(s && bytes == 0 && s[0] == '\0', "empty UTF-16 (SQL_NTS) -> empty UTF-8");
    free(s);
    s = utf16_to_utf8(empty16, 0, &bytes);
    ok(s && bytes == 0, "zero-length UTF-16 -> empty UTF-8");
    free(s);
    ok(utf16_to_utf8(NULL, SQL_NTS, NULL) == NULL, "NULL UTF-16 -> NULL");
    is_int(utf16_len(empty16), 0, "utf16_len of empty string");
    w = utf8_to_utf16(NULL, 0, &units);
    ok(w && units == 0, "NULL UTF-8 with length 0 -> empty UTF-16");
    free(w);

    /* SQL_NTS versus explicit length that stops early. */
    SQLWCHAR abc[] = {'a', 'b', 'c', 0};
    s = utf16_to_utf8(abc, 2, NULL);
    is_str(s, "ab", "explicit UTF-16 length stops before the NUL");
    free(s);
    w = utf8_to_utf16("abc", 1, &units);
    ok(w && units == 1 && w[0] == 'a' && w[1] == 0, "explicit UTF-8 length stops early");
    free(w);

    /* Truncation at every boundary: a(1) 😀(2) é(1) 𠀀(2) b(1) 日(1) */
    const char *mix = "a\xF0\x9F\x98\x80\xC3\xA9\xF0\xA0\x80\x80" "b\xE6\x97\xA5";
    check_truncation("mixed BMP/non-BMP", mix, (const size_t[]){1, 3, 4, 6, 7, 8}, 6);
    check_truncation("all non-BMP", "\xF0\x9F\x98\x80\xF0\x9D\x92\x9C\xF0\xA0\x80\x80",
                     (const size_t[]){2, 4, 6}, 3);
    check_truncation("ASCII", "abcdef", (const size_t[]){1, 2, 3, 4, 5, 6}, 6);
    size_t tot = 0;
    ok(utf8_to_utf16_buf("abc", 3, NULL, 0, &tot) == 1 && tot == 3,
       "NULL buffer of 0 units: reports the length and truncation");
    SQLWCHAR one[1] = {0xAAAA};
    ok(utf8_to_utf16_buf("", 0, one, 1, &tot) == 0 && tot == 0 && one[0] == 0,
       "empty string into a 1-unit buffer: not truncated, NUL written");

    /* Parts from an offset (used by SQLGetData in parts). */
    SQLWCHAR part[8];
    size_t written = 0;
    size_t total = utf8_to_utf16_part(mix, strlen(mix), 3, part, 3, &written);
    ok(total == 8 && written == 1 && part[0] == 0xE9 && part[1] == 0,
       "part from unit 3 with room for 2: 'é' only (the pair after it does not fit whole)");
    total = utf8_to_utf16_part(mix, strlen(mix), 4, part, 8, &written);
    ok(total == 8 && written == 4 && part[0] == 0xD840 && part[1] == 0xDC00 && part[2] == 'b' &&
       part[3] == 0x65E5 && part[4] == 0, "part from unit 4 to the end");
    total = utf8_to_utf16_part(mix, strlen(mix), 8, part, 8, &written);
    ok(total == 8 && written == 0 && part[0] == 0, "part from the end: empty");

    /* Ill-formed UTF-8 becomes U+FFFD (maximal subparts). */
    const unsigned R = 0xFFFD;
    check_bad_utf8("overlong C0 AF", "\xC0\xAF", 2, (const unsigned[]){R, R}, 2);
    check_bad_utf8("overlong E0 80 AF", "\xE0\x80\xAF", 3, (const unsigned[]){R, R, R}, 3);
    check_bad_utf8("overlong F0 80 80 AF", "\xF0\x80\x80\xAF", 4, (const unsigned[]){R, R, R, R}, 4);
    check_bad_utf8("truncated E2 82 at end", "\xE2\x82", 2, (const unsigned[]){R}, 1);
    check_bad_utf8("truncated E2 82 then A", "\xE2\x82" "A", 3, (const unsigned[]){R, 'A'}, 2);
    check_bad_utf8("truncated F0 9F 98 at end", "x\xF0\x9F\x98", 4, (const unsigned[]){'x', R}, 2);
    check_bad_utf8("surrogate ED A0 80", "\xED\xA0\x80", 3, (const unsigned[]){R, R, R}, 3);
    check_bad_utf8("surrogate pair as CESU", "\xED\xA0\xBD\xED\xB8\x80", 6,
                   (const unsigned[]){R, R, R, R, R, R}, 6);
    check_bad_utf8("above U+10FFFF F4 90 80 80", "\xF4\x90\x80\x80", 4, (const unsigned[]){R, R, R, R}, 4);
    check_bad_utf8("F5 lead byte", "\xF5\x80", 2, (const unsigned[]){R, R}, 2);
    check_bad_utf8("stray continuation", "a\x80" "b", 3, (const unsigned[]){'a', R, 'b'}, 3);
    check_bad_utf8("FF byte", "\xFF", 1, (const unsigned[]){R}, 1);
    check_bad_utf8("embedded NUL kept", "a\0b", 3, (const unsigned[]){'a', 0, 'b'}, 3);

    /* Unpaired surrogates in UTF-16 become U+FFFD. */
    check_bad_utf16("lone high then A", (const unsigned[]){0xD800, 'A'}, 2, "\xEF\xBF\xBD" "A");
    check_bad_utf16("lone low", (const unsigned[]){'x', 0xDC00}, 2, "x\xEF\xBF\xBD");
    check_bad_utf16("high at end", (const unsigned[]){0xD83D}, 1, "\xEF\xBF\xBD");
    check_bad_utf16("reversed pair", (const unsigned[]){0xDE00, 0xD83D}, 2,
                    "\xEF\xBF\xBD\xEF\xBF\xBD");
    check_bad_utf16("two highs then low", (const unsigned[]){0xD83D, 0xD83D, 0xDE00}, 3,
                    "\xEF\xBF\xBD\xF0\x9F\x98\x80");

    /* Every code point round-trips UTF-8 -> UTF-16 -> UTF-8. */
    int bad = 0;
    for (uint32_t cp = 1; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        char u8[5];
        size_t n = utf8_encode(cp, u8);
        u8[n] = '\0';
        uint32_t back = 0;
        size_t used = utf8_decode(u8, n, &back);
        SQLWCHAR wb[3];
        size_t t = 0;
        utf8_to_utf16_buf(u8, n, wb, 3, &t);
        char *r = utf16_to_utf8(wb, (SQLLEN)t, NULL);
        if (used != n || back != cp || t != (cp >= 0x10000 ? 2u : 1u) || !r || strcmp(r, u8) != 0)
            bad++;
        free(r);
    }
    is_int(bad, 0, "all 1,112,063 scalar values round-trip");
    char enc[4];
    ok(utf8_encode(0xD800, enc) == 3 && memcmp(enc, "\xEF\xBF\xBD", 3) == 0,
       "utf8_encode of a surrogate gives U+FFFD");
    uint32_t cp = 0;
    ok(utf8_decode("", 0, &cp) == 0, "utf8_decode of nothing consumes nothing");

    return done_testing();
}
