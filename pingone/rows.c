/** @file rows.c  JSON item -> SQL row (see rows.h). */
#include "pingone/rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pingone/catalog.h"

json_t *p1_json_path(json_t *item, const char *path)
{
    json_t *cur = item;
    const char *p = path;
    while (cur && *p) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (!json_is_object(cur))
            return NULL;
        cur = json_object_getn(cur, p, n);
        p += n + (dot ? 1 : 0);
    }
    return cur;
}

/** Convert one JSON value to a value of type t into v. Returns 0 or -1 (ENOMEM). */
static int convert(json_t *j, enum sqltype t, sql_value *v)
{
    sqlval_set_null(v);
    if (!j || json_is_null(j))
        return 0;
    switch (t) {
    case SQLT_TEXT:
        if (json_is_string(j))
            return sqlval_set_text_len(v, json_string_value(j), json_string_length(j));
        if (json_is_integer(j) || json_is_real(j) || json_is_boolean(j) || json_is_array(j) ||
            json_is_object(j)) {
            /* numbers and booleans as their JSON text; arrays and objects as compact JSON */
            char *s = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER);
            if (!s)
                return -1;
            sqlval_take_text(v, s, strlen(s));
        }
        return 0;
    case SQLT_BOOL:
        if (json_is_boolean(j))
            sqlval_set_bool(v, json_is_true(j));
        else if (json_is_string(j) && strcmp(json_string_value(j), "true") == 0)
            sqlval_set_bool(v, 1);
        else if (json_is_string(j) && strcmp(json_string_value(j), "false") == 0)
            sqlval_set_bool(v, 0);
        return 0;
    case SQLT_INT:
        if (json_is_integer(j))
            sqlval_set_int(v, (int64_t)json_integer_value(j));
        return 0;
    case SQLT_DOUBLE:
        if (json_is_number(j))
            sqlval_set_double(v, json_number_value(j));
        return 0;
    case SQLT_TIMESTAMP:
        if (json_is_string(j)) {
            int64_t ms;
            if (ts_parse_iso8601(json_string_value(j), &ms) == 0)
                sqlval_set_timestamp(v, ms);
        }
        return 0;
    case SQLT_NULL:
        return 0;
    }
    return 0;
}

/** The item without its `_links` (and `_embedded`) members, for the raw JSON column. */
static int raw_json(json_t *item, sql_value *v)
{
    sqlval_set_null(v);
    if (!item)
        return 0;
    json_t *copy = json_is_object(item) ? json_copy(item) : json_incref(item);
    if (!copy)
        return -1;
    if (json_is_object(copy)) {
        json_object_del(copy, "_links");
        json_object_del(copy, "_embedded");
    }
    char *s = json_dumps(copy, JSON_ENCODE_ANY | JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(copy);
    if (!s)
        return -1;
    sqlval_take_text(v, s, strlen(s));
    return 0;
}

int p1_row_from_json(const table_def *t, json_t *item, const char *parent_key, sql_value *row, err *e)
{
    return p1_row_from_json_ex(t, item, NULL, parent_key, row, e);
}

int p1_row_from_json_ex(const table_def *t, json_t *item, json_t *outer, const char *parent_key,
                        sql_value *row, err *e)
{
    const p1_table_src *src = p1_table_source(t);
    for (int i = 0; i < t->ncols; i++) {
        int rc;
        const char *path = src->src[i].json_path;
        if (!path) {
            sqlval_set_null(&row[i]);
            rc = parent_key ? sqlval_set_text(&row[i], parent_key) : 0;
        } else if (strcmp(path, P1_PATH_RAW) == 0) {
            rc = raw_json(item, &row[i]);
        } else if (path[0] == P1_PATH_PARENT) {
            rc = convert(outer ? p1_json_path(outer, path + 1) : NULL, t->cols[i].type, &row[i]);
        } else {
            rc = convert(p1_json_path(item, path), t->cols[i].type, &row[i]);
        }
        if (rc < 0)
            return err_set(e, "HY001", "Out of memory while reading a row of %s.", t->name);
    }
    return 0;
}
