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

#endif
