/**
 * @file rows.h
 * PingOne JSON item -> one SQL row, column by column along each column's
 * JSON path (catalog.h). Missing or null values are SQL NULL; values of an
 * unexpected JSON type or unparsable timestamps are NULL too (never an error);
 * arrays and objects in TEXT columns are compact JSON text.
 */
#ifndef P1_PINGONE_ROWS_H
#define P1_PINGONE_ROWS_H

#include <jansson.h>

#include "common/err.h"
#include "common/value.h"
#include "sql/provider.h"

/** The JSON value at a dotted path ("name.given") below item, or NULL. Borrowed. */
json_t *p1_json_path(json_t *item, const char *path);

/**
 * Fill row[0..t->ncols-1] from item. parent_key is the value of the table's
 * parent-key column (e.g. UserId of UserGroupAssociations), or NULL. Returns
 * 0, or -1 with e set (HY001) when out of memory.
 */
int p1_row_from_json(const table_def *t, json_t *item, const char *parent_key, sql_value *row, err *e);

/**
 * As p1_row_from_json, for an element of an exploded array: columns whose
 * path starts with '^' are read from outer (the item holding the array; may
 * be NULL). The raw JSON column holds item without `_links`/`_embedded`.
 * Arrays and objects in TEXT columns become compact JSON text.
 */
int p1_row_from_json_ex(const table_def *t, json_t *item, json_t *outer, const char *parent_key,
                        sql_value *row, err *e);

#endif
