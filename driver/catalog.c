/**
 * @file catalog.c
 * Catalog functions (SQLTables, SQLColumns, SQLPrimaryKeys, SQLStatistics,
 * SQLSpecialColumns, SQLForeignKeys from the documented references,
 * SQLProcedures/SQLProcedureColumns from the provider, empty privileges) and
 * SQLGetTypeInfo. Each builds an in-memory result (memresult_new) from the
 * provider's table list, with ODBC 3 column names (ODBC 2 names for ODBC 2
 * applications), and installs it on the statement like a query result.
 */
#include "driver/handles.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver/types.h"

/** Column of a catalog result: ODBC 3 name, ODBC 2 name (NULL: same), type, size, nullable. */
typedef struct cat_col {
    const char  *name3;
    const char  *name2;
    enum sqltype type;
    int          size;
    int          nullable;
} cat_col;

#define T(n) SQLT_TEXT, n
#define SI SQLT_INT, 10  /* SMALLINT columns are reported as INTEGER */
#define I SQLT_INT, 10

static const cat_col tables_cols[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", T(128), 1},
    {"TABLE_SCHEM", "TABLE_OWNER", T(128), 1},
    {"TABLE_NAME", NULL, T(128), 1},
    {"TABLE_TYPE", NULL, T(32), 1},
    {"REMARKS", NULL, T(254), 1},
};

static const cat_col columns_cols[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", T(128), 1},
    {"TABLE_SCHEM", "TABLE_OWNER", T(128), 1},
    {"TABLE_NAME", NULL, T(128), 0},
    {"COLUMN_NAME", NULL, T(128), 0},
    {"DATA_TYPE", NULL, SI, 0},
    {"TYPE_NAME", NULL, T(128), 0},
    {"COLUMN_SIZE", "PRECISION", I, 1},
    {"BUFFER_LENGTH", "LENGTH", I, 1},
    {"DECIMAL_DIGITS", "SCALE", SI, 1},
    {"NUM_PREC_RADIX", "RADIX", SI, 1},
    {"NULLABLE", NULL, SI, 0},
    {"REMARKS", NULL, T(254), 1},
    {"COLUMN_DEF", NULL, T(254), 1},
    {"SQL_DATA_TYPE", NULL, SI, 0},
    {"SQL_DATETIME_SUB", NULL, SI, 1},
    {"CHAR_OCTET_LENGTH", NULL, I, 1},
    {"ORDINAL_POSITION", NULL, I, 0},
    {"IS_NULLABLE", NULL, T(3), 1},
};

static const cat_col pk_cols[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", T(128), 1},
    {"TABLE_SCHEM", "TABLE_OWNER", T(128), 1},
    {"TABLE_NAME", NULL, T(128), 0},
    {"COLUMN_NAME", NULL, T(128), 0},
    {"KEY_SEQ", NULL, SI, 0},
    {"PK_NAME", NULL, T(128), 1},
};

static const cat_col stat_cols[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", T(128), 1},
    {"TABLE_SCHEM", "TABLE_OWNER", T(128), 1},
    {"TABLE_NAME", NULL, T(128), 0},
    {"NON_UNIQUE", NULL, SI, 1},
    {"INDEX_QUALIFIER", NULL, T(128), 1},
    {"INDEX_NAME", NULL, T(128), 1},
    {"TYPE", NULL, SI, 0},
    {"ORDINAL_POSITION", "SEQ_IN_INDEX", SI, 1},
    {"COLUMN_NAME", NULL, T(128), 1},
    {"ASC_OR_DESC", "COLLATION", T(1), 1},
    {"CARDINALITY", NULL, I, 1},
    {"PAGES", NULL, I, 1},
    {"FILTER_CONDITION", NULL, T(128), 1},
};

static const cat_col special_cols[] = {
    {"SCOPE", NULL, SI, 1},
    {"COLUMN_NAME", NULL, T(128), 0},
    {"DATA_TYPE", NULL, SI, 0},
    {"TYPE_NAME", NULL, T(128), 0},
    {"COLUMN_SIZE", "PRECISION", I, 1},
    {"BUFFER_LENGTH", "LENGTH", I, 1},
    {"DECIMAL_DIGITS", "SCALE", SI, 1},
    {"PSEUDO_COLUMN", NULL, SI, 1},
};

static const cat_col fk_cols[] = {
    {"PKTABLE_CAT", "PKTABLE_QUALIFIER", T(128), 1},
    {"PKTABLE_SCHEM", "PKTABLE_OWNER", T(128), 1},
    {"PKTABLE_NAME", NULL, T(128), 0},
    {"PKCOLUMN_NAME", NULL, T(128), 0},
    {"FKTABLE_CAT", "FKTABLE_QUALIFIER", T(128), 1},
    {"FKTABLE_SCHEM", "FKTABLE_OWNER", T(128), 1},
    {"FKTABLE_NAME", NULL, T(128), 0},
    {"FKCOLUMN_NAME", NULL, T(128), 0},
    {"KEY_SEQ", NULL, SI, 0},
    {"UPDATE_RULE", NULL, SI, 1},
    {"DELETE_RULE", NULL, SI, 1},
    {"FK_NAME", NULL, T(128), 1},
    {"PK_NAME", NULL, T(128), 1},
    {"DEFERRABILITY", NULL, SI, 1},
};

static const cat_col proc_cols[] = {
    {"PROCEDURE_CAT", "PROCEDURE_QUALIFIER", T(128), 1},
    {"PROCEDURE_SCHEM", "PROCEDURE_OWNER", T(128), 1},
    {"PROCEDURE_NAME", NULL, T(128), 0},
    {"NUM_INPUT_PARAMS", NULL, I, 1},
    {"NUM_OUTPUT_PARAMS", NULL, I, 1},
    {"NUM_RESULT_SETS", NULL, I, 1},
    {"REMARKS", NULL, T(254), 1},
    {"PROCEDURE_TYPE", NULL, SI, 1},
};

static const cat_col proccol_cols[] = {
    {"PROCEDURE_CAT", "PROCEDURE_QUALIFIER", T(128), 1},
    {"PROCEDURE_SCHEM", "PROCEDURE_OWNER", T(128), 1},
    {"PROCEDURE_NAME", NULL, T(128), 0},
    {"COLUMN_NAME", NULL, T(128), 0},
    {"COLUMN_TYPE", NULL, SI, 0},
    {"DATA_TYPE", NULL, SI, 0},
    {"TYPE_NAME", NULL, T(128), 0},
    {"COLUMN_SIZE", "PRECISION", I, 1},
    {"BUFFER_LENGTH", "LENGTH", I, 1},
    {"DECIMAL_DIGITS", "SCALE", SI, 1},
    {"NUM_PREC_RADIX", "RADIX", SI, 1},
    {"NULLABLE", NULL, SI, 0},
    {"REMARKS", NULL, T(254), 1},
    {"COLUMN_DEF", NULL, T(254), 1},
    {"SQL_DATA_TYPE", NULL, SI, 0},
    {"SQL_DATETIME_SUB", NULL, SI, 1},
    {"CHAR_OCTET_LENGTH", NULL, I, 1},
    {"ORDINAL_POSITION", NULL, I, 0},
    {"IS_NULLABLE", NULL, T(3), 1},
};

static const cat_col tabpriv_cols[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", T(128), 1},
    {"TABLE_SCHEM", "TABLE_OWNER", T(128), 1},
    {"TABLE_NAME", NULL, T(128), 0},
    {"GRANTOR", NULL, T(128), 1},
    {"GRANTEE", NULL, T(128), 0},
    {"PRIVILEGE", NULL, T(128), 0},
    {"IS_GRANTABLE", NULL, T(3), 1},
};

static const cat_col colpriv_cols[] = {
    {"TABLE_CAT", "TABLE_QUALIFIER", T(128), 1},
    {"TABLE_SCHEM", "TABLE_OWNER", T(128), 1},
    {"TABLE_NAME", NULL, T(128), 0},
    {"COLUMN_NAME", NULL, T(128), 0},
    {"GRANTOR", NULL, T(128), 1},
    {"GRANTEE", NULL, T(128), 0},
    {"PRIVILEGE", NULL, T(128), 0},
    {"IS_GRANTABLE", NULL, T(3), 1},
};

static const cat_col typeinfo_cols[] = {
    {"TYPE_NAME", NULL, T(128), 0},
    {"DATA_TYPE", NULL, SI, 0},
    {"COLUMN_SIZE", "PRECISION", I, 1},
    {"LITERAL_PREFIX", NULL, T(128), 1},
    {"LITERAL_SUFFIX", NULL, T(128), 1},
    {"CREATE_PARAMS", NULL, T(128), 1},
    {"NULLABLE", NULL, SI, 0},
    {"CASE_SENSITIVE", NULL, SI, 0},
    {"SEARCHABLE", NULL, SI, 0},
    {"UNSIGNED_ATTRIBUTE", NULL, SI, 1},
    {"FIXED_PREC_SCALE", "MONEY", SI, 0},
    {"AUTO_UNIQUE_VALUE", "AUTO_INCREMENT", SI, 1},
    {"LOCAL_TYPE_NAME", NULL, T(128), 1},
    {"MINIMUM_SCALE", NULL, SI, 1},
    {"MAXIMUM_SCALE", NULL, SI, 1},
    {"SQL_DATA_TYPE", NULL, SI, 0},
    {"SQL_DATETIME_SUB", NULL, SI, 1},
    {"NUM_PREC_RADIX", NULL, I, 1},
    {"INTERVAL_PRECISION", NULL, SI, 1},
};

#undef T
#undef SI
#undef I

#define NCOLS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/** Create an empty in-memory result with the given column specs. */
static sql_result *new_result(p1_stmt *s, const cat_col *spec, int n)
{
    sql_colinfo cols[32];
    int odbc2 = p1_is_odbc2(&s->h);
    for (int i = 0; i < n && i < 32; i++) {
        cols[i].name = (char *)(odbc2 && spec[i].name2 ? spec[i].name2 : spec[i].name3);
        cols[i].base_name = (char *)"";
        cols[i].table = (char *)"";
        cols[i].schema = (char *)"";
        cols[i].type = spec[i].type;
        cols[i].size = spec[i].size;
        cols[i].nullable = spec[i].nullable;
    }
    return memresult_new(n, cols);
}

/** Set a text value; NULL gives SQL NULL. */
static void set_text(sql_value *v, const char *s)
{
    if (s)
        sqlval_set_text(v, s);
    else
        sqlval_set_null(v);
}

/** Case-insensitive LIKE with '%', '_' and escape '\\' on UTF-8 text (bytewise). */
static int pattern_match(const char *pat, const char *s)
{
    while (*pat) {
        if (*pat == '%') {
            while (*pat == '%')
                pat++;
            if (!*pat)
                return 1;
            for (const char *t = s; ; t++) {
                if (pattern_match(pat, t))
                    return 1;
                if (!*t)
                    return 0;
            }
        }
        if (!*s)
            return 0;
        if (*pat == '_') {
            /* one character: skip a whole UTF-8 sequence */
            s++;
            while (((unsigned char)*s & 0xC0) == 0x80)
                s++;
            pat++;
            continue;
        }
        if (*pat == '\\' && pat[1])
            pat++;
        if (tolower((unsigned char)*pat) != tolower((unsigned char)*s))
            return 0;
        pat++;
        s++;
    }
    return *s == '\0';
}

/** Strip surrounding double quotes of an identifier argument (METADATA_ID true) into buf. */
static const char *unquote(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    while (*s && isspace((unsigned char)*s))
        s++, len--;
    if (len >= 2 && s[0] == '"' && s[len - 1] == '"') {
        snprintf(buf, n, "%.*s", (int)(len - 2), s + 1);
        return buf;
    }
    snprintf(buf, n, "%.*s", (int)len, s);
    return buf;
}

/**
 * Does catalog-function argument arg (NULL: anything) accept value v
 * (NULL for "not applicable")? pattern: arg is a search pattern (unless
 * SQL_ATTR_METADATA_ID is true).
 */
static int arg_matches(p1_stmt *s, const char *arg, const char *v, int pattern)
{
    if (!arg)
        return 1;
    if (!v)
        v = "";
    if (s->metadata_id) {
        char buf[512];
        return strcasecmp(unquote(arg, buf, sizeof buf), v) == 0;
    }
    if (!pattern) {
        return strcasecmp(arg, v) == 0;
    }
    if (!arg[0])
        return v[0] == '\0';
    return pattern_match(arg, v);
}

/** The connection's provider, or NULL (08003 recorded). */
static provider *prov_of(p1_stmt *s)
{
    if (!s->dbc->connected || !s->dbc->session) {
        p1_error(&s->h, "08003", "The connection is closed.");
        return NULL;
    }
    return sql_session_provider(s->dbc->session);
}

/** Prepare s for a catalog call: no open cursor, nothing prepared. Returns 0 or -1. */
static int begin(p1_stmt *s)
{
    if (s->state == P1_S_CURSOR) {
        p1_error(&s->h, "24000", "A cursor is open on this statement; close it first.");
        return -1;
    }
    p1_stmt_reset(s);
    return 0;
}

/** Add a row, reporting out-of-memory. Returns 0 or -1. */
static int add_row(p1_stmt *s, sql_result *res, sql_value *vals, int n)
{
    if (memresult_add_row(res, vals) < 0) {
        for (int i = 0; i < n; i++)
            sqlval_clear(&vals[i]);
        p1_error(&s->h, "HY001", "Out of memory.");
        return -1;
    }
    return 0;
}

/** Install res, or close it and fail when it is NULL. */
static SQLRETURN finish(p1_stmt *s, sql_result *res, int failed)
{
    if (!res)
        return p1_error(&s->h, "HY001", "Out of memory.");
    if (failed) {
        res->ops->close(res);
        return SQL_ERROR;
    }
    return p1_stmt_set_result(s, res);
}

/** Comparison of two strings that may be NULL (NULL sorts first). */
static int cmp_null(const char *a, const char *b)
{
    if (!a || !b)
        return (a != NULL) - (b != NULL);
    return strcasecmp(a, b);
}

/** Sort helper for SQLTables: TABLE_TYPE, TABLE_CAT, TABLE_SCHEM, TABLE_NAME. */
static int cmp_tables(const void *pa, const void *pb)
{
    const table_def *a = *(const table_def *const *)pa, *b = *(const table_def *const *)pb;
    int c = cmp_null(a->type, b->type);
    if (!c) c = cmp_null(a->catalog, b->catalog);
    if (!c) c = cmp_null(a->schema, b->schema);
    if (!c) c = cmp_null(a->name, b->name);
    return c;
}

/** Sort helper: TABLE_CAT, TABLE_SCHEM, TABLE_NAME. */
static int cmp_names(const void *pa, const void *pb)
{
    const table_def *a = *(const table_def *const *)pa, *b = *(const table_def *const *)pb;
    int c = cmp_null(a->catalog, b->catalog);
    if (!c) c = cmp_null(a->schema, b->schema);
    if (!c) c = cmp_null(a->name, b->name);
    return c;
}

/**
 * Collect the provider's tables accepted by cat/schem/table (patterns when
 * pattern is set), sorted with cmp. Returns a malloc'd array (count in *n),
 * or NULL with *n = 0 (also when none match; *oom set when out of memory).
 */
static const table_def **collect(p1_stmt *s, provider *p, const char *cat, const char *schem,
                                 const char *table, int pattern,
                                 int (*cmp)(const void *, const void *), int *n, int *oom)
{
    int total = p->ops->table_count(p);
    *n = 0;
    *oom = 0;
    const table_def **v = malloc(sizeof *v * (size_t)(total > 0 ? total : 1));
    if (!v) {
        *oom = 1;
        return NULL;
    }
    for (int i = 0; i < total; i++) {
        const table_def *t = p->ops->table_at(p, i);
        if (t && arg_matches(s, cat, t->catalog, pattern) && arg_matches(s, schem, t->schema, pattern) &&
            arg_matches(s, table, t->name, pattern))
            v[(*n)++] = t;
    }
    qsort(v, (size_t)*n, sizeof *v, cmp);
    return v;
}

/** Is table type t in the list "'TABLE','VIEW'" (quotes optional)? NULL/""/"%" accept all. */
static int type_in_list(const char *list, const char *t)
{
    if (!list || !list[0] || strcmp(list, "%") == 0)
        return 1;
    const char *p = list;
    while (*p) {
        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        const char *b = p;
        while (*p && *p != ',')
            p++;
        const char *e = p;
        while (e > b && isspace((unsigned char)e[-1]))
            e--;
        if (e - b >= 2 && (*b == '\'' || *b == '"') && e[-1] == *b)
            b++, e--;
        if ((size_t)(e - b) == strlen(t ? t : "") && strncasecmp(b, t ? t : "", (size_t)(e - b)) == 0)
            return 1;
    }
    return 0;
}

SQLRETURN p1_tables(p1_stmt *s, const char *cat, const char *schem, const char *table,
                    const char *types)
{
    if (begin(s) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, tables_cols, NCOLS(tables_cols));
    if (!res)
        return finish(s, NULL, 1);
    int failed = 0, total = p->ops->table_count(p);
    int empty_schem = schem && !schem[0], empty_table = table && !table[0], empty_cat = cat && !cat[0];
    /* the three special enumerations: distinct values with NULL in the other columns */
    int which = -1;
    if (cat && strcmp(cat, SQL_ALL_CATALOGS) == 0 && empty_schem && empty_table)
        which = 0;
    else if (schem && strcmp(schem, SQL_ALL_SCHEMAS) == 0 && empty_cat && empty_table)
        which = 1;
    else if (types && strcmp(types, SQL_ALL_TABLE_TYPES) == 0 && empty_cat && empty_schem && empty_table)
        which = 3;
    if (which >= 0) {
        const char **seen = calloc((size_t)(total > 0 ? total : 1), sizeof *seen);
        int nseen = 0;
        if (!seen)
            return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
        for (int i = 0; i < total; i++) {
            const table_def *t = p->ops->table_at(p, i);
            const char *v = !t ? NULL : which == 0 ? t->catalog : which == 1 ? t->schema : t->type;
            if (!v || !v[0])
                continue;
            int dup = 0;
            for (int j = 0; j < nseen && !dup; j++)
                dup = strcasecmp(seen[j], v) == 0;
            if (!dup)
                seen[nseen++] = v;
        }
        for (int i = 1; i < nseen; i++) /* insertion sort, few values */
            for (int j = i; j > 0 && strcasecmp(seen[j - 1], seen[j]) > 0; j--) {
                const char *x = seen[j];
                seen[j] = seen[j - 1];
                seen[j - 1] = x;
            }
        for (int i = 0; i < nseen && !failed; i++) {
            sql_value vals[5];
            memset(vals, 0, sizeof vals);
            set_text(&vals[which], seen[i]);
            failed = add_row(s, res, vals, 5) < 0;
        }
        free(seen);
        return finish(s, res, failed);
    }
    int n, oom;
    const table_def **v = collect(s, p, cat, schem, table, 1, cmp_tables, &n, &oom);
    if (oom)
        return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
    for (int i = 0; i < n && !failed; i++) {
        if (!type_in_list(types, v[i]->type))
            continue;
        sql_value vals[5];
        memset(vals, 0, sizeof vals);
        set_text(&vals[0], v[i]->catalog);
        set_text(&vals[1], v[i]->schema);
        set_text(&vals[2], v[i]->name);
        set_text(&vals[3], v[i]->type);
        set_text(&vals[4], v[i]->remarks ? v[i]->remarks : "");
        failed = add_row(s, res, vals, 5) < 0;
    }
    free(v);
    return finish(s, res, failed);
}

/** Fill vals[dt..] with DATA_TYPE, TYPE_NAME, COLUMN_SIZE, BUFFER_LENGTH, DECIMAL_DIGITS. */
static void type_values(p1_stmt *s, const odbc_typeinfo *ti, sql_value *vals)
{
    sqlval_set_int(&vals[0], p1_is_odbc2(&s->h) ? ti->sql_type_odbc2 : ti->sql_type);
    set_text(&vals[1], ti->type_name);
    sqlval_set_int(&vals[2], (int64_t)ti->column_size);
    sqlval_set_int(&vals[3], (int64_t)ti->octet_length);
    if (ti->num_prec_radix || ti->datetime_sub)
        sqlval_set_int(&vals[4], ti->decimal_digits);
    else
        sqlval_set_null(&vals[4]);
}

SQLRETURN p1_columns(p1_stmt *s, const char *cat, const char *schem, const char *table,
                     const char *column)
{
    if (begin(s) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, columns_cols, NCOLS(columns_cols));
    if (!res)
        return finish(s, NULL, 1);
    int n, oom, failed = 0;
    const table_def **v = collect(s, p, cat, schem, table, 1, cmp_names, &n, &oom);
    if (oom)
        return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
    for (int i = 0; i < n && !failed; i++) {
        const table_def *t = v[i];
        for (int c = 0; c < t->ncols && !failed; c++) {
            const table_col *col = &t->cols[c];
            if (!arg_matches(s, column, col->name, 1))
                continue;
            odbc_typeinfo ti;
            odbc_type_of(col->type, col->size, &ti);
            sql_value vals[18];
            memset(vals, 0, sizeof vals);
            set_text(&vals[0], t->catalog);
            set_text(&vals[1], t->schema);
            set_text(&vals[2], t->name);
            set_text(&vals[3], col->name);
            type_values(s, &ti, &vals[4]); /* 4..8 */
            if (ti.num_prec_radix)
                sqlval_set_int(&vals[9], ti.num_prec_radix);
            sqlval_set_int(&vals[10], col->nullable ? SQL_NULLABLE : SQL_NO_NULLS);
            set_text(&vals[11], col->remarks ? col->remarks : "");
            sqlval_set_int(&vals[13], ti.verbose_type);
            if (ti.datetime_sub)
                sqlval_set_int(&vals[14], ti.datetime_sub);
            if (col->type == SQLT_TEXT || col->type == SQLT_NULL)
                sqlval_set_int(&vals[15], (int64_t)ti.octet_length);
            sqlval_set_int(&vals[16], c + 1);
            set_text(&vals[17], col->nullable ? "YES" : "NO");
            failed = add_row(s, res, vals, 18) < 0;
        }
    }
    free(v);
    return finish(s, res, failed);
}

/** Check the table argument every key function requires. Returns 0 or -1 (HY009). */
static int need_table(p1_stmt *s, const char *table)
{
    if (table)
        return 0;
    p1_error(&s->h, "HY009", "The table name argument must not be NULL.");
    return -1;
}

SQLRETURN p1_primary_keys(p1_stmt *s, const char *cat, const char *schem, const char *table)
{
    if (begin(s) < 0 || need_table(s, table) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, pk_cols, NCOLS(pk_cols));
    if (!res)
        return finish(s, NULL, 1);
    int n, oom, failed = 0;
    const table_def **v = collect(s, p, cat, schem, table, 0, cmp_names, &n, &oom);
    if (oom)
        return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
    for (int i = 0; i < n && !failed; i++) {
        const table_def *t = v[i];
        char pkname[160];
        snprintf(pkname, sizeof pkname, "PK_%s", t->name);
        for (int k = 0; k < t->npk && !failed; k++) {
            sql_value vals[6];
            memset(vals, 0, sizeof vals);
            set_text(&vals[0], t->catalog);
            set_text(&vals[1], t->schema);
            set_text(&vals[2], t->name);
            set_text(&vals[3], t->cols[t->pk[k]].name);
            sqlval_set_int(&vals[4], k + 1);
            set_text(&vals[5], pkname);
            failed = add_row(s, res, vals, 6) < 0;
        }
    }
    free(v);
    return finish(s, res, failed);
}

SQLRETURN p1_statistics(p1_stmt *s, const char *cat, const char *schem, const char *table,
                        SQLUSMALLINT unique, SQLUSMALLINT reserved)
{
    (void)reserved;
    if (unique != SQL_INDEX_UNIQUE && unique != SQL_INDEX_ALL)
        return p1_error(&s->h, "HY100", "Unique must be SQL_INDEX_UNIQUE or SQL_INDEX_ALL.");
    if (begin(s) < 0 || need_table(s, table) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, stat_cols, NCOLS(stat_cols));
    if (!res)
        return finish(s, NULL, 1);
    int n, oom, failed = 0;
    const table_def **v = collect(s, p, cat, schem, table, 0, cmp_names, &n, &oom);
    if (oom)
        return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
    for (int i = 0; i < n && !failed; i++) {
        const table_def *t = v[i];
        char pkname[160];
        snprintf(pkname, sizeof pkname, "PK_%s", t->name);
        for (int k = 0; k < t->npk && !failed; k++) {
            sql_value vals[13];
            memset(vals, 0, sizeof vals);
            set_text(&vals[0], t->catalog);
            set_text(&vals[1], t->schema);
            set_text(&vals[2], t->name);
            sqlval_set_int(&vals[3], SQL_FALSE);
            set_text(&vals[5], pkname);
            sqlval_set_int(&vals[6], SQL_INDEX_OTHER);
            sqlval_set_int(&vals[7], k + 1);
            set_text(&vals[8], t->cols[t->pk[k]].name);
            failed = add_row(s, res, vals, 13) < 0;
        }
    }
    free(v);
    return finish(s, res, failed);
}

SQLRETURN p1_special_columns(p1_stmt *s, SQLUSMALLINT idtype, const char *cat, const char *schem,
                             const char *table, SQLUSMALLINT scope, SQLUSMALLINT nullable)
{
    (void)nullable;
    if (idtype != SQL_BEST_ROWID && idtype != SQL_ROWVER)
        return p1_error(&s->h, "HY097", "IdentifierType %u is not valid.", (unsigned)idtype);
    if (scope != SQL_SCOPE_CURROW && scope != SQL_SCOPE_TRANSACTION && scope != SQL_SCOPE_SESSION)
        return p1_error(&s->h, "HY098", "Scope %u is not valid.", (unsigned)scope);
    if (begin(s) < 0 || need_table(s, table) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, special_cols, NCOLS(special_cols));
    if (!res)
        return finish(s, NULL, 1);
    if (idtype == SQL_ROWVER)
        return finish(s, res, 0);
    int n, oom, failed = 0;
    const table_def **v = collect(s, p, cat, schem, table, 0, cmp_names, &n, &oom);
    if (oom)
        return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
    for (int i = 0; i < n && !failed; i++) {
        const table_def *t = v[i];
        for (int k = 0; k < t->npk && !failed; k++) {
            const table_col *col = &t->cols[t->pk[k]];
            odbc_typeinfo ti;
            odbc_type_of(col->type, col->size, &ti);
            sql_value vals[8];
            memset(vals, 0, sizeof vals);
            sqlval_set_int(&vals[0], SQL_SCOPE_SESSION);
            set_text(&vals[1], col->name);
            sqlval_set_int(&vals[2], p1_is_odbc2(&s->h) ? ti.sql_type_odbc2 : ti.sql_type);
            set_text(&vals[3], ti.type_name);
            sqlval_set_int(&vals[4], (int64_t)ti.column_size);
            sqlval_set_int(&vals[5], (int64_t)ti.octet_length);
            if (ti.num_prec_radix || ti.datetime_sub)
                sqlval_set_int(&vals[6], ti.decimal_digits);
            sqlval_set_int(&vals[7], SQL_PC_NOT_PSEUDO);
            failed = add_row(s, res, vals, 8) < 0;
        }
    }
    free(v);
    return finish(s, res, failed);
}

/** An empty result with the given columns (no such objects in PingOne). */
static SQLRETURN empty_result(p1_stmt *s, const cat_col *spec, int n)
{
    if (begin(s) < 0)
        return SQL_ERROR;
    if (!prov_of(s))
        return SQL_ERROR;
    return finish(s, new_result(s, spec, n), 0);
}

/** SQLForeignKeys: the documented references (table_def.fks), FK tables in name order. */
SQLRETURN p1_foreign_keys(p1_stmt *s, const char *pkcat, const char *pkschem, const char *pktable,
                          const char *fkcat, const char *fkschem, const char *fktable)
{
    if (!pktable && !fktable)
        return p1_error(&s->h, "HY009", "Give the primary-key table, the foreign-key table, or both.");
    if (begin(s) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, fk_cols, NCOLS(fk_cols));
    if (!res)
        return finish(s, NULL, 1);
    int n, oom, failed = 0;
    /* documented references (table_def.fks); arguments are ordinary names, not patterns */
    const table_def **v = collect(s, p, fkcat, fkschem, fktable, 0, cmp_names, &n, &oom);
    if (oom)
        return finish(s, res, (p1_error(&s->h, "HY001", "Out of memory."), 1));
    for (int i = 0; i < n && !failed; i++) {
        const table_def *t = v[i];
        for (int k = 0; k < t->nfk && !failed; k++) {
            const table_fk *fk = &t->fks[k];
            const char *ref_schema = fk->ref_schema ? fk->ref_schema : t->schema;
            if (!arg_matches(s, pkcat, t->catalog, 0) || !arg_matches(s, pkschem, ref_schema, 0) ||
                !arg_matches(s, pktable, fk->ref_table, 0))
                continue;
            sql_value vals[14];
            memset(vals, 0, sizeof vals);
            char fkname[300], pkname[160];
            snprintf(fkname, sizeof fkname, "FK_%s_%s", t->name, t->cols[fk->col].name);
            snprintf(pkname, sizeof pkname, "PK_%s", fk->ref_table);
            set_text(&vals[0], t->catalog);
            set_text(&vals[1], ref_schema);
            set_text(&vals[2], fk->ref_table);
            set_text(&vals[3], fk->ref_col);
            set_text(&vals[4], t->catalog);
            set_text(&vals[5], t->schema);
            set_text(&vals[6], t->name);
            set_text(&vals[7], t->cols[fk->col].name);
            sqlval_set_int(&vals[8], 1);
            sqlval_set_int(&vals[9], SQL_NO_ACTION);
            sqlval_set_int(&vals[10], SQL_NO_ACTION);
            set_text(&vals[11], fkname);
            set_text(&vals[12], pkname);
            sqlval_set_int(&vals[13], SQL_NOT_DEFERRABLE);
            failed = add_row(s, res, vals, 14) < 0;
        }
    }
    free(v);
    return finish(s, res, failed);
}

SQLRETURN p1_procedures(p1_stmt *s, const char *cat, const char *schem, const char *proc)
{
    if (begin(s) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, proc_cols, NCOLS(proc_cols));
    if (!res)
        return finish(s, NULL, 1);
    int n = p->ops->proc_count ? p->ops->proc_count(p) : 0, failed = 0;
    for (int i = 0; i < n && !failed; i++) {
        const proc_def *pd = p->ops->proc_at(p, i);
        if (!pd || !arg_matches(s, cat, NULL, 1) || !arg_matches(s, schem, pd->schema, 1) ||
            !arg_matches(s, proc, pd->name, 1))
            continue;
        sql_value vals[8];
        memset(vals, 0, sizeof vals);
        set_text(&vals[1], pd->schema);
        set_text(&vals[2], pd->name);
        sqlval_set_int(&vals[3], pd->nin);
        sqlval_set_int(&vals[4], 0);
        sqlval_set_int(&vals[5], 1);
        set_text(&vals[6], pd->remarks ? pd->remarks : "");
        sqlval_set_int(&vals[7], SQL_PT_PROCEDURE);
        failed = add_row(s, res, vals, 8) < 0;
    }
    return finish(s, res, failed);
}

SQLRETURN p1_procedure_columns(p1_stmt *s, const char *cat, const char *schem, const char *proc,
                               const char *col)
{
    if (begin(s) < 0)
        return SQL_ERROR;
    provider *p = prov_of(s);
    if (!p)
        return SQL_ERROR;
    sql_result *res = new_result(s, proccol_cols, NCOLS(proccol_cols));
    if (!res)
        return finish(s, NULL, 1);
    int n = p->ops->proc_count ? p->ops->proc_count(p) : 0, failed = 0;
    for (int i = 0; i < n && !failed; i++) {
        const proc_def *pd = p->ops->proc_at(p, i);
        if (!pd || !arg_matches(s, cat, NULL, 1) || !arg_matches(s, schem, pd->schema, 1) ||
            !arg_matches(s, proc, pd->name, 1))
            continue;
        for (int k = 0; k < pd->nin + pd->nout && !failed; k++) {
            int in = k < pd->nin;
            const char *name = in ? pd->in[k].name : pd->out[k - pd->nin].name;
            enum sqltype type = in ? pd->in[k].type : pd->out[k - pd->nin].type;
            int size = in ? pd->in[k].size : pd->out[k - pd->nin].size;
            const char *rem = in ? pd->in[k].remarks : pd->out[k - pd->nin].remarks;
            int nullable = in ? !pd->in[k].required : pd->out[k - pd->nin].nullable;
            if (!arg_matches(s, col, name, 1))
                continue;
            odbc_typeinfo ti;
            odbc_type_of(type, size, &ti);
            sql_value vals[19];
            memset(vals, 0, sizeof vals);
            set_text(&vals[1], pd->schema);
            set_text(&vals[2], pd->name);
            set_text(&vals[3], name);
            sqlval_set_int(&vals[4], in ? SQL_PARAM_INPUT : SQL_RESULT_COL);
            type_values(s, &ti, &vals[5]); /* 5..9 */
            if (ti.num_prec_radix)
                sqlval_set_int(&vals[10], ti.num_prec_radix);
            sqlval_set_int(&vals[11], nullable ? SQL_NULLABLE : SQL_NO_NULLS);
            set_text(&vals[12], rem ? rem : "");
            sqlval_set_int(&vals[14], ti.verbose_type);
            if (ti.datetime_sub)
                sqlval_set_int(&vals[15], ti.datetime_sub);
            if (type == SQLT_TEXT)
                sqlval_set_int(&vals[16], (int64_t)ti.octet_length);
            sqlval_set_int(&vals[17], in ? k + 1 : k - pd->nin + 1);
            set_text(&vals[18], nullable ? "YES" : "NO");
            failed = add_row(s, res, vals, 19) < 0;
        }
    }
    return finish(s, res, failed);
}

SQLRETURN p1_table_privileges(p1_stmt *s, const char *cat, const char *schem, const char *table)
{
    (void)cat, (void)schem, (void)table;
    return empty_result(s, tabpriv_cols, NCOLS(tabpriv_cols));
}

SQLRETURN p1_column_privileges(p1_stmt *s, const char *cat, const char *schem, const char *table,
                               const char *col)
{
    (void)cat, (void)schem, (void)col;
    if (need_table(s, table) < 0)
        return SQL_ERROR;
    return empty_result(s, colpriv_cols, NCOLS(colpriv_cols));
}

/** The engine types SQLGetTypeInfo lists (every type types.h can report). */
static const struct { enum sqltype type; int size; } all_types[] = {
    {SQLT_TEXT, 0}, {SQLT_BOOL, 0}, {SQLT_INT, 19}, {SQLT_INT, 10},
    {SQLT_DOUBLE, 0}, {SQLT_TIMESTAMP, 0},
};

/** qsort helper: typeinfo rows by DATA_TYPE. */
static int cmp_typeinfo(const void *pa, const void *pb)
{
    const odbc_typeinfo *a = pa, *b = pb;
    return (a->sql_type > b->sql_type) - (a->sql_type < b->sql_type);
}

SQLRETURN p1_get_type_info(p1_stmt *s, SQLSMALLINT type)
{
    if (begin(s) < 0)
        return SQL_ERROR;
    if (!s->dbc->connected)
        return p1_error(&s->h, "08003", "The connection is closed.");
    int odbc2 = p1_is_odbc2(&s->h);
    odbc_typeinfo tis[NCOLS(all_types)];
    int n = 0;
    for (int i = 0; i < NCOLS(all_types); i++) {
        odbc_typeinfo ti;
        odbc_type_of(all_types[i].type, all_types[i].size, &ti);
        if (odbc2)
            ti.sql_type = ti.sql_type_odbc2; /* sort and report ODBC 2 codes */
        if (type == SQL_ALL_TYPES || type == ti.sql_type || type == ti.sql_type_odbc2)
            tis[n++] = ti;
    }
    qsort(tis, (size_t)n, sizeof tis[0], cmp_typeinfo);
    sql_result *res = new_result(s, typeinfo_cols, NCOLS(typeinfo_cols));
    if (!res)
        return finish(s, NULL, 1);
    int failed = 0;
    for (int i = 0; i < n && !failed; i++) {
        const odbc_typeinfo *ti = &tis[i];
        int numeric = ti->num_prec_radix != 0;
        int text = ti->c_default == SQL_C_WCHAR || ti->c_default == SQL_C_CHAR;
        sql_value vals[19];
        memset(vals, 0, sizeof vals);
        set_text(&vals[0], ti->type_name);
        sqlval_set_int(&vals[1], ti->sql_type);
        sqlval_set_int(&vals[2], (int64_t)ti->column_size);
        set_text(&vals[3], ti->literal_prefix);
        set_text(&vals[4], ti->literal_suffix);
        sqlval_set_int(&vals[6], SQL_NULLABLE);
        sqlval_set_int(&vals[7], text ? SQL_TRUE : SQL_FALSE);
        sqlval_set_int(&vals[8], text ? SQL_SEARCHABLE : SQL_ALL_EXCEPT_LIKE);
        if (numeric)
            sqlval_set_int(&vals[9], ti->unsigned_attr);
        sqlval_set_int(&vals[10], SQL_FALSE);
        if (numeric)
            sqlval_set_int(&vals[11], SQL_FALSE);
        set_text(&vals[12], ti->type_name);
        if (numeric || ti->datetime_sub) {
            sqlval_set_int(&vals[13], ti->decimal_digits);
            sqlval_set_int(&vals[14], ti->decimal_digits);
        }
        sqlval_set_int(&vals[15], ti->verbose_type);
        if (ti->datetime_sub)
            sqlval_set_int(&vals[16], ti->datetime_sub);
        if (numeric)
            sqlval_set_int(&vals[17], ti->num_prec_radix);
        failed = add_row(s, res, vals, 19) < 0;
    }
    return finish(s, res, failed);
}
