/** @file systables.c  Rows of the system tables (see systables.h). */
#include "pingone/systables.h"

#include <string.h>

#include "pingone/catalog.h"

/** ODBC SQL type code and name of a column type (as driver/types.c reports them). */
static void odbc_type(enum sqltype type, int size, int *code, const char **name)
{
    switch (type) {
    case SQLT_BOOL: *code = -7; *name = "BIT"; break;
    case SQLT_INT:
        if (size > 0 && size <= 10) {
            *code = 4;
            *name = "INTEGER";
        } else {
            *code = -5;
            *name = "BIGINT";
        }
        break;
    case SQLT_DOUBLE: *code = 8; *name = "DOUBLE"; break;
    case SQLT_TIMESTAMP: *code = 93; *name = "TIMESTAMP"; break;
    default: *code = -9; *name = "WVARCHAR"; break;
    }
}

/** Column size as SQLColumns reports it. */
static int col_size(const table_col *c)
{
    switch (c->type) {
    case SQLT_BOOL: return 1;
    case SQLT_INT: return c->size > 0 && c->size <= 10 ? 10 : 19;
    case SQLT_DOUBLE: return 15;
    case SQLT_TIMESTAMP: return 23;
    default: return c->size > 0 ? c->size : 4000;
    }
}

/** Set key to a string or null. */
static void put_s(json_t *o, const char *key, const char *v)
{
    json_object_set_new(o, key, v ? json_string(v) : json_null());
}

/** Non-zero when column i of t is part of the primary key. */
static int is_pk(const table_def *t, int i)
{
    for (int k = 0; k < t->npk; k++)
        if (t->pk[k] == i)
            return 1;
    return 0;
}

/** Append a row for every table of p. */
static void rows_tables(json_t *out, provider *p, int what)
{
    int n = p->ops->table_count(p);
    for (int i = 0; i < n; i++) {
        const table_def *t = p->ops->table_at(p, i);
        if (!t)
            continue;
        const p1_table_src *ts = p1_table_source(t);
        if (what == 3) {
            json_t *o = json_object();
            put_s(o, "CatalogName", t->catalog);
            put_s(o, "SchemaName", t->schema);
            put_s(o, "TableName", t->name);
            put_s(o, "TableType", t->type);
            put_s(o, "Description", t->remarks);
            json_object_set_new(o, "IsUpdateable", json_false());
            json_array_append_new(out, o);
        } else if (what == 4) {
            for (int c = 0; c < t->ncols; c++) {
                json_t *o = json_object();
                int code;
                const char *tname;
                odbc_type(t->cols[c].type, t->cols[c].size, &code, &tname);
                put_s(o, "CatalogName", t->catalog);
                put_s(o, "SchemaName", t->schema);
                put_s(o, "TableName", t->name);
                put_s(o, "ColumnName", t->cols[c].name);
                put_s(o, "DataTypeName", tname);
                json_object_set_new(o, "DataType", json_integer(code));
                json_object_set_new(o, "Length", json_integer(col_size(&t->cols[c])));
                json_object_set_new(o, "Ordinal", json_integer(c + 1));
                json_object_set_new(o, "IsNullable", json_boolean(t->cols[c].nullable));
                json_object_set_new(o, "IsKey", json_boolean(is_pk(t, c)));
                json_object_set_new(o, "IsFilterable", json_boolean(
                    ts->src && (ts->src[c].ops || c == ts->parent_col || c == ts->range_col)));
                put_s(o, "Description", t->cols[c].remarks);
                json_array_append_new(out, o);
            }
        } else if (what == 5) {
            for (int k = 0; k < t->npk; k++) {
                json_t *o = json_object();
                put_s(o, "CatalogName", t->catalog);
                put_s(o, "SchemaName", t->schema);
                put_s(o, "TableName", t->name);
                put_s(o, "ColumnName", t->cols[t->pk[k]].name);
                json_object_set_new(o, "KeySeq", json_integer(k + 1));
                json_object_set_new(o, "IsKey", json_true());
                json_object_set_new(o, "IsForeignKey", json_false());
                json_object_set_new(o, "PrimaryKeyName", json_sprintf("PK_%s", t->name));
                json_array_append_new(out, o);
            }
            for (int k = 0; k < t->nfk; k++) {
                json_t *o = json_object();
                put_s(o, "CatalogName", t->catalog);
                put_s(o, "SchemaName", t->schema);
                put_s(o, "TableName", t->name);
                put_s(o, "ColumnName", t->cols[t->fks[k].col].name);
                json_object_set_new(o, "KeySeq", json_integer(1));
                json_object_set_new(o, "IsKey", json_boolean(is_pk(t, t->fks[k].col)));
                json_object_set_new(o, "IsForeignKey", json_true());
                put_s(o, "ReferencedSchemaName", t->fks[k].ref_schema ? t->fks[k].ref_schema : t->schema);
                put_s(o, "ReferencedTableName", t->fks[k].ref_table);
                put_s(o, "ReferencedColumnName", t->fks[k].ref_col);
                json_array_append_new(out, o);
            }
        } else if (what == 6) {
            for (int k = 0; k < t->nfk; k++) {
                json_t *o = json_object();
                put_s(o, "CatalogName", t->catalog);
                put_s(o, "SchemaName", t->schema);
                put_s(o, "TableName", t->name);
                put_s(o, "ColumnName", t->cols[t->fks[k].col].name);
                json_object_set_new(o, "ForeignKeyName", json_sprintf("FK_%s_%s", t->name,
                                                                      t->cols[t->fks[k].col].name));
                put_s(o, "ReferencedCatalogName", t->catalog);
                put_s(o, "ReferencedSchemaName", t->fks[k].ref_schema ? t->fks[k].ref_schema : t->schema);
                put_s(o, "ReferencedTableName", t->fks[k].ref_table);
                put_s(o, "ReferencedColumnName", t->fks[k].ref_col);
                json_array_append_new(out, o);
            }
        }
    }
}

/** Append a row per schema. */
static void rows_schemas(json_t *out, provider *p, const p1_meta *m)
{
    int n = p->ops->table_count(p);
    for (int i = 0; i < n; i++) {
        const table_def *t = p->ops->table_at(p, i);
        const char *s = t ? t->schema : NULL;
        int seen = 0;
        for (int j = 0; j < i && s && !seen; j++) {
            const table_def *u = p->ops->table_at(p, j);
            seen = u && u->schema && strcmp(u->schema, s) == 0;
        }
        if (!s || seen)
            continue;
        json_t *o = json_object();
        put_s(o, "CatalogName", t->catalog);
        put_s(o, "SchemaName", s);
        put_s(o, "EnvironmentId", p1_meta_env_of(m, t));
        json_array_append_new(out, o);
    }
}

/** Rows of sys_procedures (7) or sys_procedureparameters (8). */
static void rows_procs(json_t *out, provider *p, int what)
{
    int n = p->ops->proc_count ? p->ops->proc_count(p) : 0;
    for (int i = 0; i < n; i++) {
        const proc_def *pd = p->ops->proc_at(p, i);
        if (!pd)
            continue;
        if (what == 7) {
            json_t *o = json_object();
            put_s(o, "CatalogName", NULL);
            put_s(o, "SchemaName", pd->schema);
            put_s(o, "ProcedureName", pd->name);
            put_s(o, "Description", pd->remarks);
            json_array_append_new(out, o);
            continue;
        }
        for (int k = 0; k < pd->nin + pd->nout; k++) {
            int in = k < pd->nin;
            const char *name = in ? pd->in[k].name : pd->out[k - pd->nin].name;
            enum sqltype type = in ? pd->in[k].type : pd->out[k - pd->nin].type;
            int size = in ? pd->in[k].size : pd->out[k - pd->nin].size;
            table_col tc = {name, type, size, 1, NULL};
            int code;
            const char *tname;
            odbc_type(type, size, &code, &tname);
            json_t *o = json_object();
            put_s(o, "CatalogName", NULL);
            put_s(o, "SchemaName", pd->schema);
            put_s(o, "ProcedureName", pd->name);
            put_s(o, "ColumnName", name);
            json_object_set_new(o, "Direction", json_integer(in ? 1 : 3));
            put_s(o, "DataTypeName", tname);
            json_object_set_new(o, "DataType", json_integer(code));
            json_object_set_new(o, "Length", json_integer(col_size(&tc)));
            json_object_set_new(o, "Ordinal", json_integer(in ? k + 1 : k - pd->nin + 1));
            json_object_set_new(o, "IsRequired", json_boolean(in && pd->in[k].required));
            put_s(o, "Description", in ? pd->in[k].remarks : pd->out[k - pd->nin].remarks);
            json_array_append_new(out, o);
        }
    }
}

/** Rows of sys_connection_props: every property, secrets masked. */
static void rows_props(json_t *out, const props *pr)
{
    for (int i = 0; i < PROP__COUNT; i++) {
        const prop_def *d = &p1_prop_defs[i];
        json_t *o = json_object();
        int set = pr && props_is_set(pr, d->id);
        put_s(o, "Name", d->name);
        if (d->secret)
            put_s(o, "Value", set ? "********" : "");
        else
            put_s(o, "Value", pr ? props_get(pr, d->id) : d->default_value);
        put_s(o, "Default", d->secret ? "" : d->default_value);
        json_object_set_new(o, "IsSet", json_boolean(set));
        json_object_set_new(o, "IsSecret", json_boolean(d->secret));
        put_s(o, "Description", d->description);
        json_array_append_new(out, o);
    }
}

/** Rows of sys_sqlinfo: what the SQL dialect offers. */
static void rows_sqlinfo(json_t *out)
{
    static const char *const info[][2] = {
        {"DRIVER_NAME", "libpingoneodbc.so"},
        {"DBMS_NAME", "PingOne"},
        {"IDENTIFIER_QUOTE_CHAR", "\""},
        {"SUPPORTED_SQL", "SELECT (WHERE, JOIN, GROUP BY, HAVING, ORDER BY, DISTINCT, LIMIT), EXPLAIN"},
        {"DATA_MODIFICATION", "none: the driver is read-only"},
        {"STRING_FUNCTIONS", "UPPER, LOWER, LENGTH, SUBSTRING, TRIM, CONCAT, REPLACE, ..."},
        {"AGGREGATE_FUNCTIONS", "COUNT, SUM, AVG, MIN, MAX"},
        {"DATETIME_FUNCTIONS", "NOW, TIMESTAMPADD, TIMESTAMPDIFF, DATEADD, DATEDIFF, ..."},
        {"PUSHDOWN", "= and IN, LIKE 'x%' (sw), LIKE '%x' (ew) where PingOne filters; Id lookups; "
                     "parent keys of child tables; RecordedAt ranges of AuditActivities"},
        {"NULL_ORDERING", "NULLs sort first"},
        {"CASE_SENSITIVE_COMPARISON", "yes (PingOne's case-insensitive matches are re-checked)"},
    };
    for (size_t i = 0; i < sizeof info / sizeof info[0]; i++) {
        json_t *o = json_object();
        put_s(o, "Name", info[i][0]);
        put_s(o, "Value", info[i][1]);
        json_array_append_new(out, o);
    }
}

json_t *p1_sys_rows(const table_def *t, provider *p, const props *pr, const p1_meta *m)
{
    json_t *out = json_array();
    if (!out)
        return NULL;
    switch (p1_table_source(t)->sys_id) {
    case 1: break; /* no catalogs, as SQLTables(SQL_ALL_CATALOGS) */
    case 2: rows_schemas(out, p, m); break;
    case 3: case 4: case 5: case 6: rows_tables(out, p, p1_table_source(t)->sys_id); break;
    case 7: case 8: rows_procs(out, p, p1_table_source(t)->sys_id); break;
    case 9: rows_props(out, pr); break;
    case 10: rows_sqlinfo(out); break;
    default: break;
    }
    return out;
}
