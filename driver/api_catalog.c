/** @file api_catalog.c  Exported entry points (ANSI): catalog functions and SQLGetTypeInfo. */
#include "driver/api.h"

/** Run a catalog call once its arguments are converted; frees them and leaves. */
#define CAT_CALL(call) \
    do { \
        SQLRETURN rc_ = a.failed ? SQL_ERROR : (call); \
        p1_args_free(&a); \
        P1_LEAVE(rc_); \
    } while (0)

SQLRETURN SQL_API SQLTables(SQLHSTMT StatementHandle, SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                            SQLCHAR *SchemaName, SQLSMALLINT NameLength2, SQLCHAR *TableName,
                            SQLSMALLINT NameLength3, SQLCHAR *TableType, SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    const char *ty = p1_arg_a(&a, hh_, TableType, NameLength4);
    CAT_CALL(p1_tables(s, c, sc, t, ty));
}

SQLRETURN SQL_API SQLColumns(SQLHSTMT StatementHandle, SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                             SQLCHAR *SchemaName, SQLSMALLINT NameLength2, SQLCHAR *TableName,
                             SQLSMALLINT NameLength3, SQLCHAR *ColumnName, SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    const char *col = p1_arg_a(&a, hh_, ColumnName, NameLength4);
    CAT_CALL(p1_columns(s, c, sc, t, col));
}

SQLRETURN SQL_API SQLPrimaryKeys(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                 SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                 SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                 SQLSMALLINT NameLength3)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_primary_keys(s, c, sc, t));
}

SQLRETURN SQL_API SQLStatistics(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                SQLSMALLINT NameLength3, SQLUSMALLINT Unique,
                                SQLUSMALLINT Reserved)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_statistics(s, c, sc, t, Unique, Reserved));
}

SQLRETURN SQL_API SQLSpecialColumns(SQLHSTMT StatementHandle, SQLUSMALLINT IdentifierType,
                                    SQLCHAR *CatalogName, SQLSMALLINT NameLength1,
                                    SQLCHAR *SchemaName, SQLSMALLINT NameLength2,
                                    SQLCHAR *TableName, SQLSMALLINT NameLength3,
                                    SQLUSMALLINT Scope, SQLUSMALLINT Nullable)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_special_columns(s, IdentifierType, c, sc, t, Scope, Nullable));
}

SQLRETURN SQL_API SQLForeignKeys(SQLHSTMT StatementHandle, SQLCHAR *PKCatalogName,
                                 SQLSMALLINT NameLength1, SQLCHAR *PKSchemaName,
                                 SQLSMALLINT NameLength2, SQLCHAR *PKTableName,
                                 SQLSMALLINT NameLength3, SQLCHAR *FKCatalogName,
                                 SQLSMALLINT NameLength4, SQLCHAR *FKSchemaName,
                                 SQLSMALLINT NameLength5, SQLCHAR *FKTableName,
                                 SQLSMALLINT NameLength6)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *pc = p1_arg_a(&a, hh_, PKCatalogName, NameLength1);
    const char *ps = p1_arg_a(&a, hh_, PKSchemaName, NameLength2);
    const char *pt = p1_arg_a(&a, hh_, PKTableName, NameLength3);
    const char *fc = p1_arg_a(&a, hh_, FKCatalogName, NameLength4);
    const char *fs = p1_arg_a(&a, hh_, FKSchemaName, NameLength5);
    const char *ft = p1_arg_a(&a, hh_, FKTableName, NameLength6);
    CAT_CALL(p1_foreign_keys(s, pc, ps, pt, fc, fs, ft));
}

SQLRETURN SQL_API SQLProcedures(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                SQLSMALLINT NameLength2, SQLCHAR *ProcName,
                                SQLSMALLINT NameLength3)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *p = p1_arg_a(&a, hh_, ProcName, NameLength3);
    CAT_CALL(p1_procedures(s, c, sc, p));
}

SQLRETURN SQL_API SQLProcedureColumns(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLCHAR *ProcName,
                                      SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *p = p1_arg_a(&a, hh_, ProcName, NameLength3);
    const char *col = p1_arg_a(&a, hh_, ColumnName, NameLength4);
    CAT_CALL(p1_procedure_columns(s, c, sc, p, col));
}

SQLRETURN SQL_API SQLTablePrivileges(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                     SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                     SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                     SQLSMALLINT NameLength3)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    CAT_CALL(p1_table_privileges(s, c, sc, t));
}

SQLRETURN SQL_API SQLColumnPrivileges(SQLHSTMT StatementHandle, SQLCHAR *CatalogName,
                                      SQLSMALLINT NameLength1, SQLCHAR *SchemaName,
                                      SQLSMALLINT NameLength2, SQLCHAR *TableName,
                                      SQLSMALLINT NameLength3, SQLCHAR *ColumnName,
                                      SQLSMALLINT NameLength4)
{
    P1_ENTER_STMT(StatementHandle, s);
    p1_args a = {0};
    const char *c = p1_arg_a(&a, hh_, CatalogName, NameLength1);
    const char *sc = p1_arg_a(&a, hh_, SchemaName, NameLength2);
    const char *t = p1_arg_a(&a, hh_, TableName, NameLength3);
    const char *col = p1_arg_a(&a, hh_, ColumnName, NameLength4);
    CAT_CALL(p1_column_privileges(s, c, sc, t, col));
}

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT StatementHandle, SQLSMALLINT DataType)
{
    P1_ENTER_STMT(StatementHandle, s);
    P1_LEAVE(p1_get_type_info(s, DataType));
}
