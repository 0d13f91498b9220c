/**
 * @file test_types.c
 * Unit tests for driver/types.c: how each engine type is described through
 * ODBC (the values SQLDescribeCol, SQLColAttribute, SQLColumns and
 * SQLGetTypeInfo report).
 */
#include "driver/types.h"
#include "tests/tap.h"

int main(void)
{
    plan_lazy();
    odbc_typeinfo t;

    odbc_type_of(SQLT_TEXT, 255, &t);
    is_int(t.sql_type, SQL_WVARCHAR, "TEXT(255) is SQL_WVARCHAR");
    is_int(t.sql_type_odbc2, SQL_WVARCHAR, "TEXT ODBC 2 code");
    is_int(t.verbose_type, SQL_WVARCHAR, "TEXT verbose type");
    is_int(t.column_size, 255, "TEXT(255) column size 255");
    is_int(t.octet_length, 510, "TEXT(255) octet length 510 (UTF-16 bytes)");
    is_int(t.display_size, 255, "TEXT(255) display size");
    is_int(t.decimal_digits, 0, "TEXT decimal digits 0");
    is_int(t.num_prec_radix, 0, "TEXT radix 0 (NULL)");
    is_int(t.unsigned_attr, SQL_TRUE, "TEXT unsigned (not numeric)");
    is_int(t.c_default, SQL_C_WCHAR, "TEXT default C type SQL_C_WCHAR");
    is_str(t.type_name, "WVARCHAR", "TEXT type name");
    is_str(t.literal_prefix, "'", "TEXT literal prefix");
    is_str(t.literal_suffix, "'", "TEXT literal suffix");

    odbc_type_of(SQLT_TEXT, 0, &t);
    is_int(t.column_size, 4000, "TEXT(0) column size 4000");
    is_int(t.octet_length, 8000, "TEXT(0) octet length 8000");
    is_int(t.display_size, 4000, "TEXT(0) display size 4000");

    odbc_type_of(SQLT_NULL, 0, &t);
    is_int(t.sql_type, SQL_WVARCHAR, "NULL column described as SQL_WVARCHAR");
    ok(t.column_size > 0, "NULL column has a positive column size");

    odbc_type_of(SQLT_BOOL, 0, &t);
    is_int(t.sql_type, SQL_BIT, "BOOL is SQL_BIT");
    is_int(t.column_size, 1, "BIT column size 1");
    is_int(t.display_size, 1, "BIT display size 1");
    is_int(t.octet_length, 1, "BIT octet length 1");
    is_int(t.c_default, SQL_C_BIT, "BIT default C type");
    is_str(t.type_name, "BIT", "BIT type name");
    ok(t.literal_prefix == NULL, "BIT has no literal prefix");

    odbc_type_of(SQLT_INT, 10, &t);
    is_int(t.sql_type, SQL_INTEGER, "INT(10) is SQL_INTEGER");
    is_int(t.column_size, 10, "INTEGER column size 10");
    is_int(t.display_size, 11, "INTEGER display size 11");
    is_int(t.octet_length, 4, "INTEGER octet length 4");
    is_int(t.num_prec_radix, 10, "INTEGER radix 10");
    is_int(t.unsigned_attr, SQL_FALSE, "INTEGER signed");
    is_int(t.c_default, SQL_C_SLONG, "INTEGER default C type SQL_C_SLONG");
    is_str(t.type_name, "INTEGER", "INTEGER type name");

    odbc_type_of(SQLT_INT, 19, &t);
    is_int(t.sql_type, SQL_BIGINT, "INT(19) is SQL_BIGINT");
    is_int(t.column_size, 19, "BIGINT column size 19");
    is_int(t.display_size, 20, "BIGINT display size 20");
    is_int(t.octet_length, 8, "BIGINT octet length 8");
    is_int(t.c_default, SQL_C_SBIGINT, "BIGINT default C type SQL_C_SBIGINT");
    is_str(t.type_name, "BIGINT", "BIGINT type name");
    odbc_type_of(SQLT_INT, 0, &t);
    is_int(t.sql_type, SQL_BIGINT, "INT(0) (computed) is SQL_BIGINT");

    odbc_type_of(SQLT_DOUBLE, 0, &t);
    is_int(t.sql_type, SQL_DOUBLE, "DOUBLE is SQL_DOUBLE");
    is_int(t.column_size, 15, "DOUBLE column size 15");
    is_int(t.display_size, 24, "DOUBLE display size 24");
    is_int(t.octet_length, 8, "DOUBLE octet length 8");
    is_int(t.num_prec_radix, 10, "DOUBLE radix 10");
    is_int(t.unsigned_attr, SQL_FALSE, "DOUBLE signed");
    is_int(t.c_default, SQL_C_DOUBLE, "DOUBLE default C type");
    is_str(t.type_name, "DOUBLE", "DOUBLE type name");

    odbc_type_of(SQLT_TIMESTAMP, 0, &t);
    is_int(t.sql_type, SQL_TYPE_TIMESTAMP, "TIMESTAMP is SQL_TYPE_TIMESTAMP (93)");
    is_int(t.sql_type_odbc2, SQL_TIMESTAMP, "TIMESTAMP ODBC 2 code SQL_TIMESTAMP (11)");
    is_int(t.verbose_type, SQL_DATETIME, "TIMESTAMP verbose type SQL_DATETIME");
    is_int(t.datetime_sub, SQL_CODE_TIMESTAMP, "TIMESTAMP datetime subcode");
    is_int(t.column_size, 23, "TIMESTAMP precision 23");
    is_int(t.decimal_digits, 3, "TIMESTAMP 3 fractional digits");
    is_int(t.display_size, 23, "TIMESTAMP display size 23");
    is_int(t.octet_length, sizeof(SQL_TIMESTAMP_STRUCT), "TIMESTAMP octet length = struct size");
    is_int(t.c_default, SQL_C_TYPE_TIMESTAMP, "TIMESTAMP default C type");
    is_str(t.type_name, "TIMESTAMP", "TIMESTAMP type name");
    is_str(t.literal_prefix, "'", "TIMESTAMP literal prefix");

    return done_testing();
}
