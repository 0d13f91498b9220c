/**
 * @file datamodel_doc.c
 * Print the README's data model reference (Markdown) from the driver's own
 * catalog (pingone/catalog.c), so the documentation cannot drift from the
 * code: per schema and table the PingOne endpoint, the columns with their
 * SQL types, keys and references, and what is sent to PingOne (which
 * operators on which columns, parent keys, fan-out). No network: the
 * per-environment custom attributes of Users are described in words.
 * `make datamodel-doc` builds it; tests/unit/readme_datamodel.sh checks
 * that README.md contains its output.
 */
#include <stdio.h>
#include <string.h>

#include "pingone/catalog.h"
#include "pingone/plan.h"
#include "pingone/scim_filter.h"

/** SQL type of column c as ODBC reports it ("WVARCHAR(256)", "BIT", ...), into buf. */
static const char *type_text(const table_col *c, char *buf, size_t n)
{
    switch (c->type) {
    case SQLT_BOOL: return "BIT";
    case SQLT_INT: return c->size > 0 && c->size <= 10 ? "INTEGER" : "BIGINT";
    case SQLT_DOUBLE: return "DOUBLE";
    case SQLT_TIMESTAMP: return "TIMESTAMP";
    default:
        snprintf(buf, n, "WVARCHAR(%d)", c->size > 0 ? c->size : 4000);
        return buf;
    }
}

/** Path prefix of the table's requests: "/" (root tables) or "/environments/{env}/". */
static const char *base_of(const p1_table_src *ts)
{
    return ts->root ? "/" : "/environments/{env}/";
}

/** Print the SQL operators column i of t sends to PingOne, and how ("`=`, `IN` (eq)"). */
static void print_col_ops(const table_def *t, int i)
{
    const p1_table_src *ts = p1_table_source(t);
    const p1_col_src *s = &ts->src[i];
    int n = 0;
    if (i == ts->parent_col) {
        printf("parent key: `=`, `IN`");
        return;
    }
    if (i == ts->range_col) {
        printf("`>`, `>=`, `<`, `<=` (`%s` gt/ge/lt/le)", ts->range_attr);
        return;
    }
    if (ts->parent_col >= 0 && (i == ts->id_col || (s->json_path && strcmp(s->json_path, "id") == 0))) {
        printf(" "); /* child listings are not read by id */
        return;
    }
    if (i == ts->id_col && (s->ops & P1_OP_EQ)) {
        printf("`=`, `IN` (one GET per id)");
        n++;
    } else if (s->ops & P1_OP_EQ) {
        printf("`=`%s (`%s eq`)", ts->no_or || (s->ops & P1_OP_ONE) ? "" : ", `IN`", s->json_path);
        n++;
    }
    if (s->ops & P1_OP_SW)
        printf("%s`LIKE 'x%%'` (`%s sw`)", n++ ? "; " : "", s->json_path);
    if (s->ops & P1_OP_EW)
        printf("%s`LIKE '%%x'` (`%s ew`)", n++ ? "; " : "", s->json_path);
    static const struct { unsigned flag; const char *sql, *scim; } cmp[] = {
        {P1_OP_NE, "<>", "ne"}, {P1_OP_LT, "<", "lt"}, {P1_OP_LE, "<=", "le"},
        {P1_OP_GT, ">", "gt"}, {P1_OP_GE, ">=", "ge"},
    };
    for (size_t k = 0; k < sizeof cmp / sizeof cmp[0]; k++)
        if (s->ops & cmp[k].flag)
            printf("%s`%s` (`%s %s`)", n++ ? "; " : "", cmp[k].sql, s->json_path, cmp[k].scim);
    if (!n)
        printf(" ");
}

/** Print the "Key" cell of column i: PK position and references. */
static void print_col_key(const table_def *t, int i)
{
    int n = 0;
    for (int k = 0; k < t->npk; k++)
        if (t->pk[k] == i)
            printf("%sPK%s", n++ ? ", " : "", t->npk > 1 ? (k == 0 ? " 1" : " 2") : "");
    for (int k = 0; k < t->nfk; k++)
        if (t->fks[k].col == i)
            printf("%s→ `%s%s%s.%s`", n++ ? ", " : "", t->fks[k].ref_schema ? t->fks[k].ref_schema : "",
                   t->fks[k].ref_schema ? "." : "", t->fks[k].ref_table, t->fks[k].ref_col);
    if (!n)
        printf(" ");
}

/** Non-zero when some non-id column of t is filterable. */
static int has_filter(const table_def *t)
{
    const p1_table_src *ts = p1_table_source(t);
    for (int i = 0; i < t->ncols; i++)
        if (i != ts->id_col && i != ts->parent_col && i != ts->range_col && ts->src[i].ops)
            return 1;
    return 0;
}


/** Print the request(s) of a child table and its fan-out. */
static void print_child(const table_def *t)
{
    const p1_table_src *ts = p1_table_source(t);
    const char *pk = t->cols[ts->parent_col].name;
    const char *base = base_of(ts);
    if (ts->member_filter) {
        printf("* Endpoint: `GET %s%s?filter=", base, ts->collection);
        const char *pct = strstr(ts->member_filter, "%s");
        printf("%.*s\"{%s}\"%s` (`_embedded.%s`), one listing per `%s` value.\n",
               pct ? (int)(pct - ts->member_filter) : 0, ts->member_filter, pk, pct ? pct + 2 : "",
               ts->embedded_key, pk);
    } else {
        printf("* Endpoint: `GET %s%s/{%s}/%s` (`_embedded.%s`), one listing per `%s` value.\n", base,
               ts->parent, pk, ts->collection, ts->embedded_key, pk);
    }
    printf("* Parent key: `WHERE %s = 'x'` or `%s IN (...)` lists only those parents' rows.\n", pk, pk);
    printf("* Without it: fan-out. `GET %s%s` lists the parents, then each parent's listing is read, at "
           "most %d at a time (at most one page each in memory); a scan needing more than %d parent "
           "listings fails (HY000) asking for a parent key. `EXPLAIN` shows this.\n", base, ts->parent, P1_FANOUT_CONCURRENCY,
           P1_FANOUT_MAX_PARENTS);
    if (strcmp(ts->parent, "users") == 0 && !ts->member_filter && p1_col_index(t, "GroupId") >= 0)
        printf("* With `GroupId = 'g'` and no `%s`: only the members of g are fanned out over "
               "(`users?filter=memberOfGroups[id eq \"g\"]`).\n", pk);
    if (has_filter(t))
        printf("* Also sent, as `filter=` on each listing: the conditions in the Pushed column%s.\n",
               p1_table_one_term(t) ? " (one term only: this endpoint takes no `and`/`or`)" :
               ts->no_or ? ", combined with `and` (this endpoint takes no `or`)" : "");
}

/** Print the section of one table. */
static void print_table(const table_def *t)
{
    const p1_table_src *ts = p1_table_source(t);
    printf("#### `%s` (%s)\n\n%s\n\n", t->name, t->type, t->remarks ? t->remarks : "");
    if (ts->kind == P1_SCHEMA_SYS) {
        printf("* No request: the rows are made in memory from the driver's catalog.\n");
    } else if (ts->parent_col >= 0 && ts->parent) {
        print_child(t);
    } else {
        printf("* Endpoint: `GET %s%s` (`_embedded.%s`)", base_of(ts), ts->collection, ts->embedded_key);
        if (ts->id_col >= 0 && (ts->src[ts->id_col].ops & P1_OP_EQ) && !ts->explode)
            printf("; `%s = 'x'` or `%s IN` (up to %d values) reads `GET %s%s/{id}` instead",
                   t->cols[ts->id_col].name, t->cols[ts->id_col].name, P1_ID_GET_MAX, base_of(ts),
                   ts->collection);
        printf(".\n");
        if (ts->match_path)
            printf("* Only items with `%s` = `%s` are rows (PingOne has no filter for it: the driver "
                   "drops the others).\n", ts->match_path, ts->match_value);
        if (ts->explode)
            printf("* One row per element of each item's `%s` array.\n", ts->explode);
        if (ts->range_col >= 0)
            printf("* PingOne requires a `%s` range: comparisons on `%s` are sent; a missing bound is "
                   "filled with a window of the last %d days (or %d days from the lower bound).\n",
                   ts->range_attr, t->cols[ts->range_col].name, P1_ACTIVITY_DEFAULT_DAYS,
                   P1_ACTIVITY_DEFAULT_DAYS);
        if (ts->range_col >= 0)
            printf("* `filter=`: besides the range, PingOne takes one of population; actor (optionally "
                   "with population); action type (optionally with population); resource ID; resource "
                   "type (optionally with population). Of the conditions in the Pushed column the "
                   "driver sends one: an actor (`ActorUserId`, `ActorUserName` or `ActorClientId`) "
                   "before `ActionType`, before `CorrelationId`; `=`, `IN` or an `OR` on that one "
                   "column (an or-chain of `eq`). The others, and `OR` across columns, stay in the "
                   "driver; only the tightest lower and upper `%s` bounds are sent.\n",
                   t->cols[ts->range_col].name);
        else if (has_filter(t))
            {
            if (p1_table_one_term(t))
                printf("* `filter=`: the conditions in the Pushed column, one term only (this endpoint "
                       "takes no `and`/`or`: the others, `OR` and `IN` stay in the driver).\n");
            else if (ts->no_or)
                printf("* `filter=`: the conditions in the Pushed column, combined with `and` only (this "
                       "endpoint takes no `or`: `OR` and `IN` stay in the driver).\n");
            else
                printf("* `filter=`: the conditions in the Pushed column, combined with `and` and `or`; an "
                       "`IN` list of more than %d values is split into several requests.\n", SCIM_IN_CHUNK);
            }
        else
            printf("* PingOne takes no `filter` here: everything but the id is evaluated by the "
                   "driver.\n");
    }
    printf("\n| Column | Type | Key | PingOne JSON | Pushed to PingOne | Description |\n");
    printf("|---|---|---|---|---|---|\n");
    for (int i = 0; i < t->ncols; i++) {
        const table_col *c = &t->cols[i];
        const p1_col_src *s = ts->src ? &ts->src[i] : NULL;
        char buf[32];
        printf("| `%s` | %s%s | ", c->name, type_text(c, buf, sizeof buf), c->nullable ? "" : " NOT NULL");
        print_col_key(t, i);
        if (ts->kind == P1_SCHEMA_SYS || !s)
            printf(" |  | ");
        else if (!s->json_path)
            printf(" | (the parent's id) | ");
        else if (strcmp(s->json_path, P1_PATH_RAW) == 0)
            printf(" | (the whole item) | ");
        else if (s->json_path[0] == P1_PATH_PARENT)
            printf(" | `%s` of the item | ", s->json_path + 1);
        else
            printf(" | `%s` | ", s->json_path);
        if (ts->kind == P1_SCHEMA_SYS)
            printf(" ");
        else
            print_col_ops(t, i);
        printf(" | %s |\n", c->remarks ? c->remarks : "");
    }
    printf("\n");
}

/** Print every table of schema kind `kind`. */
static void print_kind(int kind)
{
    for (int i = 0; i < p1_catalog_count(); i++) {
        const table_def *t = p1_catalog_table(i);
        if (p1_table_source(t)->kind == kind)
            print_table(t);
    }
}

int main(void)
{
    printf("<!-- generated by _build/datamodel-doc from pingone/catalog.c: do not edit by hand -->\n\n");
    printf("Every condition in a `WHERE` clause is evaluated by the driver; the Pushed column says which "
           "are also sent to PingOne (so fewer rows travel). PingOne compares text case-insensitively, "
           "the driver case-sensitively: results are the same with `PushDown=None`. `=`/`IN` on text "
           "becomes `eq` (an `IN` list an `or` chain), `LIKE 'x%%'` `sw`, `LIKE '%%x'` `ew`. Text columns "
           "are WVARCHAR; columns described as JSON hold compact JSON text. Every table but the system "
           "tables ends with `RawJson`, the whole item as PingOne returned it.\n\n");
    printf("### Environment schemas\n\n");
    printf("One schema per environment the credentials can see, named after the environment (the "
           "`Schema` property keeps one). Unqualified table names resolve in the environment "
           "`EnvironmentId`. Paths are below the API base (`APIBaseURL`).\n\n");
    printf("`Users` also gets one column per enabled CUSTOM attribute of the environment's user schema "
           "(`/schemas`, `/schemas/{id}/attributes`, read at connect and cached): named after the "
           "attribute with its first letter upper-cased (`Custom_<name>` when that name is taken), placed "
           "before `RawJson`; a single-valued BOOLEAN attribute is a BIT column, a single-valued STRING "
           "attribute a WVARCHAR(2048) column on which `=`, `IN` (`eq`) and `LIKE 'x%%'` (`sw`) are "
           "sent, anything else (JSON, COMPLEX, multi-valued) WVARCHAR(65535) JSON text.\n\n");
    print_kind(P1_SCHEMA_ENV);
    printf("### Schema `Information`\n\nOrganization-level resources (paths below the API base, not an "
           "environment).\n\n");
    print_kind(P1_SCHEMA_INFO);
    printf("### Schema `sys`\n\nSystem tables, found from any schema (`SELECT * FROM sys_tables`). "
           "Their rows are made in memory from the same catalog as the catalog functions.\n\n");
    print_kind(P1_SCHEMA_SYS);
    return 0;
}
