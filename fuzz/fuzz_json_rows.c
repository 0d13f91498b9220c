/**
 * @file fuzz_json_rows.c
 * Fuzz target "json_rows": the input is a PingOne answer body (a list page
 * `{"_embedded": {"users": [...]}, ...}`, a single item, or anything else).
 * It is parsed as pingone/api.c parses bodies, then every item found is
 * turned into a row of every catalog table with p1_row_from_json: the
 * items under the table's `_embedded` key, the body itself, and the
 * elements of a top-level array.
 *
 * Checked: a row is always built (or fails with a diagnostic), every
 * non-NULL value has its column's type, text is NUL-terminated at its length.
 */
#include <string.h>

#include <jansson.h>

#include "fuzz/fuzz_target.h"
#include "pingone/catalog.h"
#include "pingone/rows.h"

#define FUZZ_ROWS_MAX_ITEMS 64

/** Build one row of t from item and check it. */
static void one_row(const table_def *t, json_t *item, const char *parent_key)
{
    sql_value *row = calloc((size_t)(t->ncols ? t->ncols : 1), sizeof *row);
    if (!row)
        return;
    err e;
    err_clear(&e);
    if (p1_row_from_json(t, item, parent_key, row, &e) < 0) {
        fuzz_check_err(&e);
    } else {
        for (int i = 0; i < t->ncols; i++) {
            const sql_value *v = &row[i];
            if (v->type == SQLT_NULL)
                continue;
            FUZZ_CHECK(v->type == t->cols[i].type);
            if (v->type == SQLT_TEXT)
                FUZZ_CHECK(v->u.s.ptr != NULL && v->u.s.ptr[v->u.s.len] == '\0');
            if (v->type == SQLT_BOOL)
                FUZZ_CHECK(v->u.i == 0 || v->u.i == 1);
        }
    }
    for (int i = 0; i < t->ncols; i++)
        sqlval_clear(&row[i]);
    free(row);
}

/** Rows of t from every element of array a (at most FUZZ_ROWS_MAX_ITEMS). */
static void array_rows(const table_def *t, json_t *a, const char *parent_key)
{
    size_t n = json_array_size(a);
    for (size_t i = 0; i < n && i < FUZZ_ROWS_MAX_ITEMS; i++)
        one_row(t, json_array_get(a, i), parent_key);
}

FUZZ_TARGET(json_rows)
{
    json_t *body = json_loadb((const char *)data, size, 0, NULL);
    if (!body)
        return 0;
    for (int ti = 0; ti < p1_catalog_count(); ti++) {
        const table_def *t = p1_catalog_table(ti);
        FUZZ_CHECK(t != NULL && t->priv != NULL);
        const p1_table_src *src = p1_table_source(t);
        const char *parent_key = (ti & 1) ? "11111111-2222-4333-8444-555555555555" : NULL;
        if (json_is_array(body)) {
            array_rows(t, body, parent_key);
            continue;
        }
        one_row(t, body, parent_key);
        if (src->embedded_key) {
            json_t *emb = p1_json_path(body, "_embedded");
            json_t *items = json_is_object(emb) ? json_object_get(emb, src->embedded_key) : NULL;
            if (json_is_array(items))
                array_rows(t, items, parent_key);
            else if (items)
                one_row(t, items, parent_key);
        }
    }
    json_decref(body);
    return 0;
}
