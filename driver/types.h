/**
 * @file types.h
 * How engine types (enum sqltype plus column size) appear through ODBC:
 * SQL data types, column sizes, decimal digits, display sizes, octet
 * lengths, type names, and the default C type. SQLDescribeCol,
 * SQLColAttribute, SQLColumns and SQLGetTypeInfo all read these, so the
 * answers agree.
 *
 *   SQLT_TEXT      -> SQL_WVARCHAR   (size = max chars; 0 means 4000)
 *   SQLT_BOOL      -> SQL_BIT
 *   SQLT_INT       -> SQL_INTEGER (size 10) or SQL_BIGINT (size 19)
 *   SQLT_DOUBLE    -> SQL_DOUBLE
 *   SQLT_TIMESTAMP -> SQL_TYPE_TIMESTAMP (precision 23, 3 fractional digits)
 *   SQLT_NULL      -> SQL_WVARCHAR
 */
#ifndef P1_DRIVER_TYPES_H
#define P1_DRIVER_TYPES_H

#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "common/value.h"

typedef struct odbc_typeinfo {
    SQLSMALLINT sql_type;       /**< ODBC 3 concise type, e.g. SQL_TYPE_TIMESTAMP */
    SQLSMALLINT sql_type_odbc2; /**< the ODBC 2 code, e.g. SQL_TIMESTAMP */
    SQLSMALLINT verbose_type;   /**< SQL_DESC_TYPE: SQL_DATETIME for date/time types */
    SQLSMALLINT datetime_sub;   /**< SQL_CODE_TIMESTAMP or 0 */
    SQLULEN     column_size;
    SQLSMALLINT decimal_digits;
    SQLLEN      display_size;
    SQLLEN      octet_length;   /**< bytes to hold the value in its default C type */
    SQLSMALLINT num_prec_radix; /**< 10 or 2 for numbers, 0 otherwise */
    SQLSMALLINT unsigned_attr;  /**< SQL_TRUE / SQL_FALSE */
    SQLSMALLINT c_default;      /**< default C type (SQL_C_WCHAR for text) */
    const char *type_name;      /**< "WVARCHAR", "BIT", "INTEGER", "BIGINT", "DOUBLE", "TIMESTAMP" */
    const char *literal_prefix; /**< "'" for text and timestamps, NULL otherwise */
    const char *literal_suffix;
} odbc_typeinfo;

/** Describe an engine column type through ODBC. */
void odbc_type_of(enum sqltype type, int size, odbc_typeinfo *out);

#endif
