/**
 * @file api_catalog.c  Exported entry points (ANSI): catalog functions and SQLGetTypeInfo
 * (asynchronous when SQL_ATTR_ASYNC_ENABLE is on: driver/async.h).
 */
#include "driver/async.h"

SQLRETURN SQL_API SQLTables(SQLHSTMT StatementHandle, SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                            SQLCHAR *SchemaName, SQLSMALLINT NameLength2, SQLCHAR *TableName,
                            SQLSMALLINT NameLength3, SQLCHAR *TableType, SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLTABLES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    p1_arg_a(&a, hh_, TableType, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLTABLES, p1_run_tables, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT StatementHandle, SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                             SQLCHAR *SchemaName, SQLSMALLINT NameLength2, SQLCHAR *TableName,
                             SQLSMALLINT NameLength3, SQLCHAR *ColumnName, SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCOLUMNS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    p1_arg_a(&a, hh_, ColumnName, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLCOLUMNS, p1_run_columns, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                 SQLSMALLINT NameLength3)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPRIMARYKEYS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLPRIMARYKEYS, p1_run_primary_keys, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                SQLSMALLINT NameLength3, SQLUSMALLINT Unique,
                                SQLUSMALLINT Reserved)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSTATISTICS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLSTATISTICS, p1_run_statistics, a, Unique, Reserved, 0);
}

SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT StatementHandle, SQLUSMALLINT IdentifierType,
                                    SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                                    SQLCHAR *SchemaName, SQLSMALLINT NameLength2,
                                    SQLCHAR *TableName, SQLSMALLINT NameLength3,
                                    SQLUSMALLINT Scope, SQLUSMALLINT Nullable)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLSPECIALCOLUMNS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLSPECIALCOLUMNS, p1_run_special_columns, a, IdentifierType, Scope, Nullable);
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT StatementHandle, SQLCHAR *PKCatalogName,
                                 SQLSMALLINT NameLength1, SQLCHAR *PKSchemaName,
                                 SQLSMALLINT NameLength2, SQLCHAR *PKTableName,
                                 SQLSMALLINT NameLength3, SQLCHAR *FKCatalogName,
                                 SQLSMALLINT NameLength4, SQLCHAR *FKSchemaName,
                                 SQLSMALLINT NameLength5, SQLCHAR *FKTableName,
                                 SQLSMALLINT NameLength6)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLFOREIGNKEYS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, PKCatalogName, NameLength1);
    p1_arg_a(&a, hh_, PKSchemaName, NameLength2);
    p1_arg_a(&a, hh_, PKTableName, NameLength3);
    p1_arg_a(&a, hh_, FKCatalogName, NameLength4);
    p1_arg_a(&a, hh_, FKSchemaName, NameLength5);
    p1_arg_a(&a, hh_, FKTableName, NameLength6);
    P1_ASYNC_CALL(s, SQL_API_SQLFOREIGNKEYS, p1_run_foreign_keys, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLProcedures(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLCHAR *ProcName,
                                SQLSMALLINT NameLength3)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPROCEDURES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, ProcName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLPROCEDURES, p1_run_procedures, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLCHAR *ProcName,
                                      SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLPROCEDURECOLUMNS);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, ProcName, NameLength3);
    p1_arg_a(&a, hh_, ColumnName, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLPROCEDURECOLUMNS, p1_run_procedure_columns, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                     SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                     SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                     SQLSMALLINT NameLength3)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLTABLEPRIVILEGES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    P1_ASYNC_CALL(s, SQL_API_SQLTABLEPRIVILEGES, p1_run_table_privileges, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                      SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLCOLUMNPRIVILEGES);
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    p1_arg_a(&a, hh_, CatalogName, NameLength1);
    p1_arg_a(&a, hh_, SchemaName, NameLength2);
    p1_arg_a(&a, hh_, TableName, NameLength3);
    p1_arg_a(&a, hh_, ColumnName, NameLength4);
    P1_ASYNC_CALL(s, SQL_API_SQLCOLUMNPRIVILEGES, p1_run_column_privileges, a, 0, 0, 0);
}

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT StatementHandle, SQLSMALLINT DataType)
{
    P1_ASYNC_POLL(StatementHandle, SQL_API_SQLGETTYPEINFO);
    P1_ENTER_STMT(StatementHandle, s);
    P1_ASYNC_CALL(s, SQL_API_SQLGETTYPEINFO, p1_run_get_type_info, P1_NO_ARGS, DataType, 0, 0);
}
