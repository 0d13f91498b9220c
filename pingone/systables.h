/**
 * @file systables.h
 * Rows of the system tables (sys_tables, sys_tablecolumns, ...), made in
 * memory from the provider's own catalog as JSON objects whose keys are the
 * column names (catalog.c maps each column to the key of its name).
 */
#ifndef P1_PINGONE_SYSTABLES_H
#define P1_PINGONE_SYSTABLES_H

#include <jansson.h>

#include "common/props.h"
#include "pingone/metadata.h"
#include "sql/provider.h"

/**
 * The rows of system table t (a P1_SCHEMA_SYS table) for provider p with
 * connection properties pr (secrets masked); m (may be NULL) gives the
 * environment id of each schema. sys_catalogs has no rows: the tables have
 * no catalog (TABLE_CAT is NULL in SQLTables too). Returns a new JSON
 * array, or NULL when out of memory.
 */
json_t *p1_sys_rows(const table_def *t, provider *p, const props *pr, const p1_meta *m);

#endif
