/**
 * @file catalog.h
 * The PingOne tables: SQL columns (table_def, CData names) plus, per column,
 * where its value lives in PingOne's JSON and which SCIM filter operators
 * the API accepts on it (pingone-api.md section 5.3, nothing more).
 */
#ifndef P1_PINGONE_CATALOG_H
#define P1_PINGONE_CATALOG_H

#include "sql/provider.h"

/** SCIM operators PingOne accepts on an attribute (bit set). */
enum p1_scim_ops { P1_OP_EQ = 1, P1_OP_SW = 2, P1_OP_EW = 4 };

/** Where a column comes from. */
typedef struct p1_col_src {
    const char *json_path;  /**< dotted path in the item ("name.given"); NULL: the parent key */
    unsigned    ops;        /**< P1_OP_* accepted in `filter` on json_path (0: not filterable) */
} p1_col_src;

/** PingOne side of a table (table_def.priv). */
typedef struct p1_table_src {
    const char       *collection;   /**< path below /environments/{env}/ ("users"), or below
                                         the parent item ("memberOfGroups") */
    const char       *embedded_key; /**< key under _embedded ("users", "groupMemberships") */
    const char       *parent;       /**< parent collection ("users") or NULL */
    int               parent_col;   /**< column holding the parent key (required), or -1 */
    int               id_col;       /**< column that is the item id (single GET), or -1 */
    const char       *noun;         /**< words for messages ("users") */
    const p1_col_src *src;          /**< one per column */
} p1_table_src;

/** Number of tables. */
int p1_catalog_count(void);

/** The i-th table template (schema NULL; the provider copies it and sets the schema). */
const table_def *p1_catalog_table(int i);

/** The PingOne side of a table. */
static inline const p1_table_src *p1_table_source(const table_def *t)
{
    return (const p1_table_src *)t->priv;
}

#endif
