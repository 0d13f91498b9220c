/**
 * @file types.c
 * Engine column types as ODBC sees them (see types.h).
 *
 * Choices, so that SQLDescribeCol, SQLColAttribute, SQLColumns and
 * SQLGetTypeInfo agree:
 *  - Text is SQL_WVARCHAR. COLUMN_SIZE counts UTF-16 code units (a character
 *    outside the BMP counts 2, as in SQL Server's nvarchar); a size of 0
 *    means "unbounded" and is reported as 4000. OCTET_LENGTH is the size in
 *    bytes of the default C type SQL_C_WCHAR: 2 * COLUMN_SIZE (without the
 *    NUL). An application reading text as SQL_C_CHAR (UTF-8) needs up to
 *    3 * COLUMN_SIZE bytes plus the NUL. DISPLAY_SIZE = COLUMN_SIZE.
 *  - SQLT_INT with size 1..10 is SQL_INTEGER; any other size (19, or 0 for
 *    computed columns) is SQL_BIGINT, so 64-bit values always fit.
 *  - DOUBLE reports COLUMN_SIZE 15 with NUM_PREC_RADIX 10 (ODBC appendix D),
 *    display size 24.
 *  - TIMESTAMP has millisecond precision: COLUMN_SIZE 23
 *    ("YYYY-MM-DD HH:MM:SS.fff"), DECIMAL_DIGITS 3; ODBC 2 code SQL_TIMESTAMP.
 *  - SQL_DESC_UNSIGNED is SQL_TRUE for non-numeric types (text, BIT,
 *    timestamps) as the ODBC reference requires, SQL_FALSE for numbers.
 */
#include "driver/types.h"

#include <string.h>

/** Largest engine size that is still reported as SQL_INTEGER. */
#define INTEGER_MAX_SIZE 10
/** Text column size reported when the engine gives no maximum. */
#define TEXT_DEFAULT_SIZE 4000

void odbc_type_of(enum sqltype type, int size, odbc_typeinfo *out)
{
    memset(out, 0, sizeof *out);
    out->unsigned_attr = SQL_FALSE;
    switch (type) {
    case SQLT_BOOL:
        out->sql_type = out->sql_type_odbc2 = out->verbose_type = SQL_BIT;
        out->column_size = 1;
        out->display_size = 1;
        out->octet_length = 1;
        out->unsigned_attr = SQL_TRUE;
        out->c_default = SQL_C_BIT;
        out->type_name = "BIT";
        return;
    case SQLT_INT:
        if (size > 0 && size <= INTEGER_MAX_SIZE) {
            out->sql_type = out->sql_type_odbc2 = out->verbose_type = SQL_INTEGER;
            out->column_size = 10;
            out->display_size = 11;
            out->octet_length = 4;
            out->c_default = SQL_C_SLONG;
            out->type_name = "INTEGER";
        } else {
            out->sql_type = out->sql_type_odbc2 = out->verbose_type = SQL_BIGINT;
            out->column_size = 19;
            out->display_size = 20;
            out->octet_length = 8;
            out->c_default = SQL_C_SBIGINT;
            out->type_name = "BIGINT";
        }
        out->num_prec_radix = 10;
        return;
    case SQLT_DOUBLE:
        out->sql_type = out->sql_type_odbc2 = out->verbose_type = SQL_DOUBLE;
        out->column_size = 15;
        out->display_size = 24;
        out->octet_length = 8;
        out->num_prec_radix = 10;
        out->c_default = SQL_C_DOUBLE;
        out->type_name = "DOUBLE";
        return;
    case SQLT_TIMESTAMP:
        out->sql_type = SQL_TYPE_TIMESTAMP;
        out->sql_type_odbc2 = SQL_TIMESTAMP;
        out->verbose_type = SQL_DATETIME;
        out->datetime_sub = SQL_CODE_TIMESTAMP;
        out->column_size = 23;
        out->decimal_digits = 3;
        out->display_size = 23;
        out->octet_length = sizeof(SQL_TIMESTAMP_STRUCT);
        out->unsigned_attr = SQL_TRUE;
        out->c_default = SQL_C_TYPE_TIMESTAMP;
        out->type_name = "TIMESTAMP";
        out->literal_prefix = "'";
        out->literal_suffix = "'";
        return;
    case SQLT_TEXT:
    case SQLT_NULL:
    default:
        out->sql_type = out->sql_type_odbc2 = out->verbose_type = SQL_WVARCHAR;
        out->column_size = size > 0 ? (SQLULEN)size : TEXT_DEFAULT_SIZE;
        out->display_size = (SQLLEN)out->column_size;
        out->octet_length = (SQLLEN)out->column_size * 2;
        out->unsigned_attr = SQL_TRUE;
        out->c_default = SQL_C_WCHAR;
        out->type_name = "WVARCHAR";
        out->literal_prefix = "'";
        out->literal_suffix = "'";
        return;
    }
}
