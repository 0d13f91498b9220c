/**
 * @file strout.h
 * Output strings shared by the A and W entry points: the internal code
 * writes UTF-8 text through a p1_strout, which stores it as UTF-8 bytes (A)
 * or UTF-16 (W), truncating on a character boundary and reporting the full
 * length in the unit the ODBC function uses (bytes or characters).
 */
#ifndef P1_DRIVER_STROUT_H
#define P1_DRIVER_STROUT_H

#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

/** Where an output string goes: UTF-8 bytes (A) or UTF-16 (W). */
typedef struct p1_strout {
    void  *buf;          /**< may be NULL (length query) */
    SQLLEN cap;          /**< capacity: bytes, or for W characters unless bytes is set */
    int    wide;         /**< 1: write UTF-16 */
    int    bytes;        /**< W only: cap and reported length are in bytes */
} p1_strout;

/** An A output buffer of cap bytes. */
p1_strout p1_out_a(void *buf, SQLLEN cap);
/** A W output buffer; cap (and the reported length) in characters, or bytes when in_bytes. */
p1_strout p1_out_w(void *buf, SQLLEN cap, int in_bytes);

/**
 * Write UTF-8 text s (NULL = "") to o, truncating on a character boundary
 * and always NUL-terminating when there is room. *total (may be NULL)
 * receives the full length in o's units. Returns 1 when truncated, else 0.
 */
int p1_put_str(const p1_strout *o, const char *s, SQLLEN *total);

#endif
