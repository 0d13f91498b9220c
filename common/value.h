/**
 * @file value.h
 * The one value type every layer below the ODBC boundary uses: a SQL value
 * produced by a table scan, an expression, or a bound parameter.
 *
 * Text is UTF-8, owned by the value (malloc'd) and NUL-terminated; len is in
 * bytes. TIMESTAMP is milliseconds since 1970-01-01T00:00:00Z (UTC).
 */
#ifndef P1_COMMON_VALUE_H
#define P1_COMMON_VALUE_H

#include <stddef.h>
#include <stdint.h>

enum sqltype {
    SQLT_NULL = 0,   /**< SQL NULL (no payload) */
    SQLT_BOOL,       /**< u.i is 0 or 1 (ODBC SQL_BIT) */
    SQLT_INT,        /**< u.i, 64-bit signed (INTEGER or BIGINT, see col size) */
    SQLT_DOUBLE,     /**< u.d */
    SQLT_TEXT,       /**< u.s: UTF-8 (ODBC SQL_WVARCHAR) */
    SQLT_TIMESTAMP   /**< u.i: ms since the Unix epoch, UTC */
};

typedef struct sql_value {
    enum sqltype type;
    union {
        int64_t i;
        double  d;
        struct {
            char  *ptr;   /**< owned, NUL-terminated UTF-8 */
            size_t len;   /**< bytes, excluding NUL */
        } s;
    } u;
} sql_value;

/** Type names for messages and EXPLAIN ("NULL", "BIT", "INTEGER", ...). */
const char *sqltype_name(enum sqltype t);

/** Release owned memory and set the value to NULL. */
void sqlval_clear(sql_value *v);
/** Setters: each clears v first. Text setters copy the bytes. Return 0 or -1 (ENOMEM). */
void sqlval_set_null(sql_value *v);
void sqlval_set_bool(sql_value *v, int b);
void sqlval_set_int(sql_value *v, int64_t i);
void sqlval_set_double(sql_value *v, double d);
void sqlval_set_timestamp(sql_value *v, int64_t ms);
int  sqlval_set_text(sql_value *v, const char *s);
int  sqlval_set_text_len(sql_value *v, const char *s, size_t len);
/** Take ownership of a malloc'd NUL-terminated string. */
void sqlval_take_text(sql_value *v, char *s, size_t len);
/** Deep copy src into dst (dst is cleared first). Returns 0 or -1. */
int  sqlval_copy(sql_value *dst, const sql_value *src);
/** Move src into dst (dst cleared first); src becomes NULL. */
void sqlval_move(sql_value *dst, sql_value *src);

/**
 * Timestamps: parse ISO-8601 "YYYY-MM-DDTHH:MM:SS[.fff][Z|+hh:mm]" (also a
 * space instead of T, or a bare date) to ms since the epoch. Returns 0 on
 * success, -1 if the text is not a timestamp.
 */
int ts_parse_iso8601(const char *s, int64_t *ms_out);
/** Format ms since the epoch as "YYYY-MM-DD HH:MM:SS.fff" into buf (>= 24 bytes). */
void ts_format(int64_t ms, char *buf, size_t buflen);
/** Split ms since the epoch into civil UTC fields (month 1..12, frac_ms 0..999). */
void ts_split(int64_t ms, int *year, int *month, int *day, int *hour, int *minute,
              int *second, int *frac_ms);
/** Compose civil UTC fields into ms since the epoch. */
int64_t ts_compose(int year, int month, int day, int hour, int minute, int second, int frac_ms);

#endif
