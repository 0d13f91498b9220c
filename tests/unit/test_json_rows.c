/* Unit tests: PingOne JSON item -> SQL row mapping. */
#include <stdlib.h>
#include <string.h>

#include "pingone/catalog.h"
#include "pingone/rows.h"
#include "tests/tap.h"

static const table_def *table(const char *name)
{
    for (int i = 0; i < p1_catalog_count(); i++)
        if (strcmp(p1_catalog_table(i)->name, name) == 0)
            return p1_catalog_table(i);
    return NULL;
}

static int col(const table_def *t, const char *name)
{
    for (int i = 0; i < t->ncols; i++)
        if (strcmp(t->cols[i].name, name) == 0)
            return i;
    return -1;
}

int main(void)
{
    plan_lazy();
    const table_def *users = table("Users");
    ok(users && users->ncols > 21 && strcmp(users->cols[20].name, "LifecycleStatus") == 0,
       "Users keeps its first 21 columns in CData order");
    ok(users && strcmp(users->cols[users->ncols - 1].name, "RawJson") == 0, "Users ends with RawJson");
    for (int t = 0; t < p1_catalog_count(); t++) {
        const table_def *td = p1_catalog_table(t);
        const p1_table_src *ts = p1_table_source(td);
        if (ts->kind != P1_SCHEMA_SYS && strcmp(td->cols[td->ncols - 1].name, "RawJson") != 0)
            ok(0, "%s ends with RawJson", td->name);
        if (ts->kind != P1_SCHEMA_SYS && td->npk < 1)
            ok(0, "%s has a primary key", td->name);
        for (int k = 0; k < td->nfk; k++)
            if (td->fks[k].col < 0 || td->fks[k].col >= td->ncols ||
                (!td->fks[k].ref_schema && !p1_catalog_find(td->fks[k].ref_table)))
                ok(0, "%s: reference %d resolves", td->name, k);
        if (ts->parent && ts->parent_col < 0)
            ok(0, "%s: parent key column found", td->name);
    }
    ok(p1_catalog_count() >= 48, "every table of the data model is in the catalog (%d)", p1_catalog_count());
    const char *js =
        "{\"id\":\"11111111-2222-4333-8444-555555555555\",\"username\":\"quote\\\"back\\\\slash\","
        "\"name\":{\"given\":\"Zo\\u00eb\",\"family\":\"\\ud83d\\ude00 \\ud835\\udc9c\"},"
        "\"nickname\":\"\xf0\xa0\x80\x80\",\"population\":{\"id\":\"pop-1\"},\"enabled\":true,"
        "\"createdAt\":\"2023-04-05T06:07:08.123Z\",\"updatedAt\":\"not a date\","
        "\"lifecycle\":{\"status\":\"ACCOUNT_OK\"},\"email\":null,\"title\":42,"
        "\"_links\":{\"self\":{\"href\":\"x\"}}}";
    json_error_t jerr;
    json_t *item = json_loads(js, 0, &jerr);
    ok(item != NULL, "fixture parses");
    sql_value row[256];
    memset(row, 0, sizeof row);
    ok(users->ncols <= 256, "Users fits the test's row buffer (%d columns)", users->ncols);
    err e;
    err_clear(&e);
    ok(p1_row_from_json(users, item, NULL, row, &e) == 0, "row built");
    sql_value *v = &row[col(users, "Id")];
    ok(v->type == SQLT_TEXT && strcmp(v->u.s.ptr, "11111111-2222-4333-8444-555555555555") == 0, "Id");
    v = &row[col(users, "Username")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "quote\"back\\slash", "username with quote and backslash");
    v = &row[col(users, "FirstName")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "Zo\xc3\xab", "name.given accented");
    v = &row[col(users, "LastName")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "\xf0\x9f\x98\x80 \xf0\x9d\x92\x9c",
           "name.family non-BMP from surrogate pairs");
    is_int(v->u.s.len, 9, "non-BMP length in bytes");
    v = &row[col(users, "Nickname")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "\xf0\xa0\x80\x80", "raw UTF-8 non-BMP nickname");
    is_int(row[col(users, "MiddleName")].type, SQLT_NULL, "missing name.middle -> NULL");
    is_int(row[col(users, "Email")].type, SQLT_NULL, "null email -> NULL");
    v = &row[col(users, "PopulationId")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "pop-1", "population.id");
    v = &row[col(users, "IsEnabled")];
    ok(v->type == SQLT_BOOL && v->u.i == 1, "enabled -> BIT 1");
    v = &row[col(users, "CreatedAt")];
    ok(v->type == SQLT_TIMESTAMP, "createdAt -> TIMESTAMP");
    char buf[32];
    ts_format(v->u.i, buf, sizeof buf);
    is_str(buf, "2023-04-05 06:07:08.123", "timestamp value with milliseconds");
    is_int(row[col(users, "UpdatedAt")].type, SQLT_NULL, "unparsable timestamp -> NULL");
    v = &row[col(users, "LifecycleStatus")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "ACCOUNT_OK", "lifecycle.status");
    v = &row[col(users, "Title")];
    is_str(v->type == SQLT_TEXT ? v->u.s.ptr : NULL, "42", "number in a text column -> its text");
    for (int i = 0; i < users->ncols; i++)
        sqlval_clear(&row[i]);
    json_decref(item);

    const table_def *pops = table("Populations");
    item = json_loads("{\"id\":\"p\",\"name\":\"Default\",\"default\":false,\"userCount\":2500}", 0, &jerr);
    ok(p1_row_from_json(pops, item, NULL, row, &e) == 0, "population row");
    ok(row[3].type == SQLT_BOOL && row[3].u.i == 0, "IsDefault false");
    ok(row[4].type == SQLT_INT && row[4].u.i == 2500, "UserCount integer");
    is_int(row[2].type, SQLT_NULL, "missing description -> NULL");
    for (int i = 0; i < pops->ncols; i++)
        sqlval_clear(&row[i]);
    json_decref(item);

    const table_def *uga = table("UserGroupAssociations");
    item = json_loads("{\"id\":\"g1\",\"name\":\"Admins\",\"type\":\"DIRECT\",\"environment\":{\"id\":\"e\"}}",
                      0, &jerr);
    ok(p1_row_from_json(uga, item, "user-7", row, &e) == 0, "membership row");
    is_str(row[0].type == SQLT_TEXT ? row[0].u.s.ptr : NULL, "user-7", "UserId from the parent key");
    is_str(row[1].type == SQLT_TEXT ? row[1].u.s.ptr : NULL, "g1", "GroupId from id");
    is_str(row[3].type == SQLT_TEXT ? row[3].u.s.ptr : NULL, "DIRECT", "Type");
    for (int i = 0; i < uga->ncols; i++)
        sqlval_clear(&row[i]);
    json_decref(item);

    item = json_loads("{\"a\":{\"b\":{\"c\":1}}}", 0, &jerr);
    ok(p1_json_path(item, "a.b.c") && json_integer_value(p1_json_path(item, "a.b.c")) == 1, "json path a.b.c");
    ok(p1_json_path(item, "a.x.c") == NULL && p1_json_path(item, "a.b.c.d") == NULL, "missing paths -> NULL");
    json_decref(item);

    /* catalog sanity: primary keys and sizes */
    ok(users->npk == 1 && users->pk[0] == 0 && users->cols[0].size == 36, "Users PK Id (36 chars)");
    ok(uga->npk == 2 && uga->pk[0] == 0 && uga->pk[1] == 1, "UGA PK UserId+GroupId");
    int wvarchar_sized = 1;
    for (int t = 0; t < p1_catalog_count(); t++)
        for (int i = 0; i < p1_catalog_table(t)->ncols; i++)
            if (p1_catalog_table(t)->cols[i].type == SQLT_TEXT && p1_catalog_table(t)->cols[i].size <= 0)
                wvarchar_sized = 0;
    ok(wvarchar_sized, "every text column has a size");

    /* exploded arrays, the raw JSON column, arrays as JSON text */
    const table_def *aacg = table("ApplicationAccessControlGroups");
    json_t *app = json_loads("{\"id\":\"app-1\",\"_links\":{\"self\":{\"href\":\"x\"}},"
                             "\"accessControl\":{\"group\":{\"type\":\"ANY_GROUP\","
                             "\"groups\":[{\"id\":\"g-1\"}]}}}", 0, &jerr);
    json_t *el = json_array_get(p1_json_path(app, "accessControl.group.groups"), 0);
    sql_value r2[8];
    memset(r2, 0, sizeof r2);
    ok(aacg && p1_row_from_json_ex(aacg, el, app, NULL, r2, &e) == 0, "exploded row built");
    is_str(r2[0].u.s.ptr, "app-1", "ApplicationId from the enclosing item");
    is_str(r2[1].u.s.ptr, "g-1", "GroupId from the element");
    is_str(r2[2].u.s.ptr, "ANY_GROUP", "Type from the enclosing item");
    is_str(r2[3].u.s.ptr, "{\"id\":\"g-1\"}", "RawJson of the element");
    for (int i = 0; i < 8; i++)
        sqlval_clear(&r2[i]);
    const table_def *apps = table("Applications");
    sql_value r3[32];
    memset(r3, 0, sizeof r3);
    ok(apps && p1_row_from_json(apps, app, NULL, r3, &e) == 0, "application row built");
    int agc = col(apps, "AccessControlGroups"), raw = col(apps, "RawJson");
    is_str(r3[agc].u.s.ptr, "[{\"id\":\"g-1\"}]", "an array becomes compact JSON text");
    ok(r3[raw].type == SQLT_TEXT && !strstr(r3[raw].u.s.ptr, "_links") && strstr(r3[raw].u.s.ptr, "app-1"),
       "RawJson holds the item without _links");
    for (int i = 0; i < apps->ncols; i++)
        sqlval_clear(&r3[i]);
    json_decref(app);
    return done_testing();
}
