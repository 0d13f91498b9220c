/**
 * @file convert.h
 * The one conversion routine between engine values and application
 * buffers. SQLBindCol (at fetch) and SQLGetData both call conv_to_c;
 * SQLBindParameter values come in through conv_from_c.
 */
#ifndef P1_DRIVER_CONVERT_H
#define P1_DRIVER_CONVERT_H

#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "common/err.h"
#include "common/value.h"

/**
 * Value stored in *pos by conv_to_c once the whole value has been returned
 * (extension, backward compatible: callers only pass *pos through and reset
 * it to 0 for a new row). A further call then returns SQL_NO_DATA. A length
 * probe (buf NULL or buflen 0) reports *ind without advancing *pos.
 */
#define CONV_POS_DONE ((SQLLEN)-1)

/**
 * Convert v (a value of a column whose declared type is coltype/colsize)
 * into C type ctype at buf (buflen bytes).
 *
 * ctype may be SQL_C_DEFAULT (the column's default C type). For SQL_C_CHAR,
 * SQL_C_WCHAR and SQL_C_BINARY the data can be returned in parts: *pos is the
 * number of bytes of the converted representation already returned (0 on the
 * first call; SQLBindCol always passes a fresh 0) and is advanced. CHAR is
 * UTF-8 and WCHAR UTF-16; a part never ends inside a character or a
 * surrogate pair, and text is always NUL-terminated when buflen allows.
 *
 * *ind (may be NULL) receives SQL_NULL_DATA, or the number of bytes
 * available before this call's part was taken (the full length for
 * fixed-size types).
 *
 * Returns SQL_SUCCESS; SQL_SUCCESS_WITH_INFO with e = 01004 (string data,
 * right truncated) or 01S07 (fractional truncation); SQL_NO_DATA when a
 * previous part already returned everything; SQL_ERROR with e = 22002 (NULL
 * but no indicator), 07006 (restricted conversion), 22003 (numeric out of
 * range), 22018 (invalid character value) or 22007 (invalid datetime).
 * Besides the types of ODBC appendix D for our columns, SQL_C_GUID is
 * accepted for text holding a UUID (22018 otherwise).
 */
SQLRETURN conv_to_c(const sql_value *v, enum sqltype coltype, int colsize,
                    SQLSMALLINT ctype, SQLPOINTER buf, SQLLEN buflen,
                    SQLLEN *ind, SQLLEN *pos, err *e);

/** Precision used for SQL_C_NUMERIC results when none is given (scale 0). */
#define CONV_NUMERIC_DEFAULT_PRECISION 38

/**
 * Precision and scale of an SQL_C_NUMERIC target: the SQL_DESC_PRECISION
 * and SQL_DESC_SCALE of the ARD record (extension, backward compatible).
 */
typedef struct conv_numeric_spec {
    int precision;  /**< 1..38; anything else means the default (38, scale 0) */
    int scale;      /**< digits after the decimal point, clamped to 0..precision */
} conv_numeric_spec;

/**
 * As conv_to_c, with the precision and scale of an SQL_C_NUMERIC target
 * (num may be NULL: precision 38, scale 0; it is ignored for other C types).
 * The value times 10^scale is truncated to a whole number: dropped non-zero
 * digits give SQL_SUCCESS_WITH_INFO with 01S07, more than precision digits
 * give SQL_ERROR with 22003.
 */
SQLRETURN conv_to_c_spec(const sql_value *v, enum sqltype coltype, int colsize,
                         SQLSMALLINT ctype, const conv_numeric_spec *num, SQLPOINTER buf,
                         SQLLEN buflen, SQLLEN *ind, SQLLEN *pos, err *e);

/**
 * Read a bound parameter: C type ctype at buf, with length/indicator
 * *strlen_or_ind (may be NULL: NUL-terminated for strings), intended SQL
 * type sqltype. Produces an engine value (TEXT as UTF-8; SQL_NULL_DATA gives
 * SQLT_NULL). Returns 0, or -1 with e set (07006, 22003, 22018, HY090;
 * also HY009 for a NULL buf with a non-NULL value, HYC00 for data-at-exec
 * lengths and 22007 for an impossible date/time struct). *out is
 * overwritten without being freed first: pass an empty (SQLT_NULL) value.
 * C types are SQL_C_CHAR (UTF-8), SQL_C_WCHAR, SQL_C_BINARY, every integer
 * width, SQL_C_BIT, SQL_C_FLOAT/DOUBLE, SQL_C_NUMERIC, the DATE/TIME/
 * TIMESTAMP structs, SQL_C_GUID (read as lowercase UUID text) and
 * SQL_C_DEFAULT; the value is then coerced to sqltype
 * (e.g. '42' with SQL_INTEGER gives INT 42, DATE gives a midnight TIMESTAMP).
 */
int conv_from_c(SQLSMALLINT ctype, SQLSMALLINT sqltype, SQLPOINTER buf, SQLLEN buflen,
                SQLLEN *strlen_or_ind, sql_value *out, err *e);

#endif
