/**
 * @file utf16.h
 * UTF-8 <-> UTF-16 at the W boundary. Internally all text is UTF-8; these
 * are used only by the W entry points and by SQL_C_WCHAR conversions.
 * Non-BMP characters become surrogate pairs and back. Invalid input
 * (broken UTF-8, unpaired surrogates) becomes U+FFFD, never a crash.
 */
#ifndef P1_DRIVER_UTF16_H
#define P1_DRIVER_UTF16_H

#include <stddef.h>
#include <stdint.h>
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

/** UTF-16 units needed for len bytes of UTF-8 (excluding a terminator). */
size_t utf8_to_utf16_units(const char *s, size_t len);

/**
 * Convert len bytes of UTF-8 into a malloc'd, NUL-terminated UTF-16 string;
 * *units (may be NULL) receives its length in units, excluding the NUL.
 * Returns NULL only when out of memory.
 */
SQLWCHAR *utf8_to_utf16(const char *s, size_t len, size_t *units);

/**
 * Convert UTF-16 (len units, or SQL_NTS for NUL-terminated) into a malloc'd
 * NUL-terminated UTF-8 string; *bytes (may be NULL) receives its length.
 * s == NULL gives NULL. Returns NULL only for s == NULL or out of memory.
 */
char *utf16_to_utf8(const SQLWCHAR *s, SQLLEN len, size_t *bytes);

/**
 * Copy UTF-8 text into an output buffer of a W function as UTF-16:
 * buf has room for buf_units units including the NUL. Writes as much as fits
 * (never splitting a surrogate pair), always NUL-terminates when buf_units >
 * 0, stores the full length in units in *total_units (may be NULL).
 * Returns 1 when truncated (the caller reports 01004), else 0.
 */
int utf8_to_utf16_buf(const char *s, size_t len, SQLWCHAR *buf, size_t buf_units,
                      size_t *total_units);

/** Length in units of a NUL-terminated UTF-16 string. */
size_t utf16_len(const SQLWCHAR *s);

/* ---- Extensions (added by the conversions helper; backward compatible) ---- */

/**
 * Decode one character from len bytes of UTF-8 at s into *cp. Ill-formed
 * input gives U+FFFD for the longest prefix that could have begun a valid
 * sequence. Returns the bytes consumed (>= 1), or 0 only when len == 0.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/** Encode code point cp as UTF-8 into out (surrogates and values above U+10FFFF become U+FFFD); returns 1..4. */
size_t utf8_encode(uint32_t cp, char out[4]);

/**
 * Write part of the UTF-16 form of len bytes of UTF-8: the units from index
 * from_units on, as many as fit in buf (buf_units units including the NUL;
 * a surrogate pair is never split at the end), NUL-terminated when
 * buf_units > 0. *written (may be NULL) receives the units written, without
 * the NUL. Returns the total length of the UTF-16 form in units.
 */
size_t utf8_to_utf16_part(const char *s, size_t len, size_t from_units, SQLWCHAR *buf,
                          size_t buf_units, size_t *written);

#endif
