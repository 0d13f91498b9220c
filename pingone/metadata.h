/**
 * @file metadata.h
 * The connection's metadata cache: the schemas (Information, sys and one
 * per environment the credentials can see, named after it), the tables of
 * each (copies of the catalog templates), and the custom user attributes
 * that become extra Users columns. Loaded at connect (environment list and
 * the default environment's user schema); other environments' custom
 * attributes on first use. The whole cache is rebuilt after
 * ttl_s seconds (the MetadataCacheTTL property); table_def pointers handed out earlier stay valid
 * until the cache itself is freed (old generations are kept).
 */
#ifndef P1_PINGONE_METADATA_H
#define P1_PINGONE_METADATA_H

#include <time.h>

#include "common/err.h"
#include "pingone/api.h"
#include "sql/provider.h"

/** Default seconds the metadata (environments, custom attributes) is reused (MetadataCacheTTL). */
#define P1_METADATA_TTL_SECONDS 600

/** One schema. */
typedef struct p1_schema {
    char *name;     /**< schema name: environment name, "Information" or "sys" */
    char *env_id;   /**< environment id, or NULL */
} p1_schema;

/** One generation of metadata. */
typedef struct p1_meta {
    p1_schema   *schemas;
    int          nschemas;
    table_def   *tables;
    int          ntables;
    int         *schema_of;     /**< per table: index into schemas */
    unsigned char *users_done;  /**< per table: 1 when custom attributes were merged (Users) */
    void       **allocs;        /**< everything else owned (column arrays, names) */
    int          nallocs, capallocs;
    time_t       loaded;
    struct p1_meta *older;      /**< previous generation, kept alive */
} p1_meta;

/**
 * Build the metadata: list environments (falls back to the default one when
 * the list is not readable), keep those named by schema_filter (empty: all;
 * otherwise the one schema of that name, plus sys), and read the default
 * environment's custom attributes. Returns 0 or -1 with e set.
 */
int p1_meta_load(p1api *api, const char *default_env_id, const char *default_env_name,
                 const char *schema_filter, p1_meta **out, err *e);

/**
 * Make sure table i (a Users table) carries its environment's custom
 * attributes (reads /schemas and /schemas/{id}/attributes once). Errors
 * reading them leave the table without custom columns (logged, not fatal).
 */
void p1_meta_ensure_users(p1api *api, p1_meta *m, int i);

/** Free m and every older generation. */
void p1_meta_free(p1_meta *m);

/** Environment id of table t of m, or NULL (Information/sys tables, or not from m). */
const char *p1_meta_env_of(const p1_meta *m, const table_def *t);

/** The provider's handle on its metadata: loads on first use and again after the TTL. */
typedef struct p1_meta_cache {
    p1api       *api;           /**< borrowed */
    char *const *env_name;      /**< borrowed: the provider's current default environment name */
    char        *schema_filter; /**< the Schema property ("" = every schema) */
    p1_meta     *meta;          /**< current generation (older ones chained), or NULL */
    long         ttl_s;         /**< seconds a generation is reused (P1_METADATA_TTL_SECONDS by default) */
} p1_meta_cache;

/** Set up the cache (nothing is read yet). Returns 0 or -1 (out of memory). */
int p1_meta_cache_init(p1_meta_cache *c, p1api *api, char *const *env_name, const char *schema_filter);

/** The current metadata, (re)loaded when missing or older than the TTL; NULL only when out of memory. */
p1_meta *p1_meta_cache_get(p1_meta_cache *c);

/** Number of tables, and the i-th (a Users table gets its custom columns first). */
int p1_meta_cache_count(p1_meta_cache *c);
const table_def *p1_meta_cache_at(p1_meta_cache *c, int i);

/**
 * Resolve [schema.]name case-insensitively. schema may be an environment
 * name or id, "Information" or "sys"; NULL/empty: the default environment,
 * then Information, then sys. sys_* tables are found in any schema. NULL
 * with 42S02 naming the table (and the schemas) when there is none.
 */
const table_def *p1_meta_cache_find(p1_meta_cache *c, const char *schema, const char *name, err *e);

/** Free everything. */
void p1_meta_cache_free(p1_meta_cache *c);

#endif
