/**
 * @file catalog.h
 * The PingOne tables: SQL columns (table_def, CData names) plus, per column,
 * where its value lives in PingOne's JSON and which SCIM filter operators
 * the API accepts on it (pingone-api.md section 5.3, nothing more), and per
 * table where it is listed (path, embedded key, parent collection).
 *
 * The tables are described once, as data, in catalog.c and built into
 * table_def structures on first use (thread-safe). Every table ends with a
 * RawJson column holding the whole item as JSON text.
 */
#ifndef P1_PINGONE_CATALOG_H
#define P1_PINGONE_CATALOG_H

#include "sql/provider.h"

/** SCIM operators PingOne accepts on an attribute (bit set). */
enum p1_scim_ops {
    P1_OP_EQ = 1, P1_OP_SW = 2, P1_OP_EW = 4,
    P1_OP_LT = 8, P1_OP_LE = 16, P1_OP_GT = 32, P1_OP_GE = 64, /**< comparisons (timestamps) */
    P1_OP_NE = 128,
    P1_OP_ONE = 256 /**< the endpoint takes only one term on this attribute (no `or`, no `and`) */
};

/** JSON path of the raw-item column: the whole item as JSON text. */
#define P1_PATH_RAW "$"
/** Prefix of a JSON path that is read in the parent item of an exploded array element. */
#define P1_PATH_PARENT '^'

/** Where a column comes from. */
typedef struct p1_col_src {
    const char *json_path;  /**< dotted path in the item ("name.given"); "$": the whole item;
                                 "^path": the enclosing item (exploded tables); NULL: the parent key */
    unsigned    ops;        /**< P1_OP_* accepted in `filter` on json_path (0: not filterable) */
} p1_col_src;

/** Which schema a table belongs to. */
enum p1_schema_kind {
    P1_SCHEMA_ENV = 0,   /**< one copy per environment schema */
    P1_SCHEMA_INFO = 1,  /**< the Information schema (organization level) */
    P1_SCHEMA_SYS = 2    /**< system tables (rows made in memory) */
};

/** PingOne side of a table (table_def.priv). */
typedef struct p1_table_src {
    const char       *collection;   /**< path below /environments/{env}/ ("users"), below the
                                         API base when root, or below the parent item */
    const char       *embedded_key; /**< key under _embedded ("users", "groupMemberships") */
    const char       *parent;       /**< parent collection ("users") or NULL */
    int               parent_col;   /**< column holding the parent key, or -1 */
    int               id_col;       /**< column that is the listed item's id (single GET), or -1 */
    const char       *noun;         /**< words for messages ("users") */
    const p1_col_src *src;          /**< one per column */
    /* ---- data-model extensions ---- */
    int               kind;         /**< enum p1_schema_kind */
    int               root;         /**< 1: collection (and parent) live below the API base,
                                         not below /environments/{env} */
    int               no_or;        /**< 1: the endpoint accepts only `and`: no OR, no multi-value IN */
    const char       *match_path;   /**< keep only items whose match_path equals match_value */
    const char       *match_value;  /**< (Applications of one protocol), or NULL */
    const char       *explode;      /**< array in each item giving one row per element, or NULL */
    const char       *member_filter;/**< child rows come from `collection?filter=` this printf
                                         format with the quoted parent key (GroupMembers), or NULL */
    int               range_col;    /**< TIMESTAMP column whose range PingOne requires, or -1 */
    const char       *range_attr;   /**< its filter attribute ("recordedAt") */
    int               sys_id;       /**< system tables: which one (catalog-internal) */
} p1_table_src;

/** Number of tables (environment, Information and system tables). */
int p1_catalog_count(void);

/** The i-th table template (schema NULL; the provider copies it and sets the schema). */
const table_def *p1_catalog_table(int i);

/** The table template named name (case-insensitive), or NULL. */
const table_def *p1_catalog_find(const char *name);

/** The PingOne side of a table. */
static inline const p1_table_src *p1_table_source(const table_def *t)
{
    return (const p1_table_src *)t->priv;
}

/** Index of column name in t (case-insensitive), or -1. */
int p1_col_index(const table_def *t, const char *name);

/** Non-zero when the endpoint of t takes a single filter term (a column marked P1_OP_ONE). */
int p1_table_one_term(const table_def *t);

/** Name of the schema that holds system tables and of the organization-level schema. */
#define P1_SYS_SCHEMA "sys"
#define P1_INFO_SCHEMA "Information"

#endif
