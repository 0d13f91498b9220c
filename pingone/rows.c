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
        if (json_is_integer(j) || json_is_real(j) || json_is_boolean(j)) {
            char *s = json_dumps(j, JSON_ENCODE_ANY);
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

int p1_row_from_json(const table_def *t, json_t *item, const char *parent_key, sql_value *row, err *e)
{
    const p1_table_src *src = p1_table_source(t);
    for (int i = 0; i < t->ncols; i++) {
        int rc;
        if (!src->src[i].json_path) {
            sqlval_set_null(&row[i]);
            rc = parent_key ? sqlval_set_text(&row[i], parent_key) : 0;
        } else {
            rc = convert(p1_json_path(item, src->src[i].json_path), t->cols[i].type, &row[i]);
        }
        if (rc < 0)
            return err_set(e, "HY001", "Out of memory while reading a row of %s.", t->name);
    }
    return 0;
}
