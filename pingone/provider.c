/** @file provider.c  The PingOne provider behind sql/provider.h (see pingone.h). */
#include "pingone/pingone.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "pingone/api.h"
#include "pingone/catalog.h"
#include "pingone/metadata.h"
#include "pingone/plan.h"
#include "pingone/procedures.h"
#include "pingone/scan.h"
#include "pingone/systables.h"
#include "pingone/url.h"

/** A connected PingOne provider. */
typedef struct p1_provider {
    provider   base;     /**< must be first */
    p1api      api;
    table_def *tables;   /**< copies of the catalog with schema = environment name */
    int        ntables;
    char      *env_name;
    int        env_loaded; /**< 0 while the environment lookup waits for a token (auth.h) */
    char      *env_first;  /**< name used before a lazy lookup (kept: tables pointed to it) */
    int        pagesize;
    p1_meta_cache meta;  /**< schemas and tables (metadata.h) */
    props      props;    /**< copy of the connection properties (sys_connection_props) */
} p1_provider;

/** The provider behind a base pointer. */
static p1_provider *P(provider *p)
{
    return (p1_provider *)p;
}

static int op_table_count(provider *p)
{
    return p1_meta_cache_count(&P(p)->meta);
}

static const table_def *op_table_at(provider *p, int i)
{
    return p1_meta_cache_at(&P(p)->meta, i);
}

static const table_def *op_find_table(provider *p, const char *schema, const char *name, err *e)
{
    return p1_meta_cache_find(&P(p)->meta, schema, name, e);
}

static int op_plan(provider *p, scan_plan *plan, err *e)
{
    p1_provider *pp = P(p);
    const char *env_id = p1_meta_env_of(pp->meta.meta, plan->table);
    int rc = p1_plan_build(pp->api.ep.api_base, env_id ? env_id : pp->api.ep.env_id, pp->pagesize, plan, e);
    if (rc == 0 && p1_table_source(plan->table)->kind == P1_SCHEMA_SYS &&
        !(((p1_plan *)plan->priv)->rows = p1_sys_rows(plan->table, p, &pp->props, pp->meta.meta)))
        rc = err_set(e, "HY001", "Out of memory while listing %s.", plan->table->name);
    if (rc < 0)
        p1_plan_free(plan);
    return rc;
}

static int ensure_environment(p1_provider *pp, err *e);

/** Is this plan a system table's (rows made at plan time, no request, no sign-in needed)? */
static int is_sys_plan(const scan_plan *plan)
{
    return plan->priv && ((const p1_plan *)plan->priv)->rows != NULL;
}

static int op_open(provider *p, scan_plan *plan, scan **out, err *e)
{
    /* System tables work before any sign-in (e.g. sys_procedures on an
     * AuthScheme=OAuth connection that has no token yet). */
    if (!is_sys_plan(plan) && ensure_environment(P(p), e) < 0)
        return -1;
    *out = p1_scan_open(&P(p)->api, plan, e);
    return *out ? 0 : -1;
}

static int op_next(scan *s, sql_value *row, err *e)
{
    return p1_scan_next(s, row, e);
}

static long op_requests(scan *s)
{
    return p1_scan_requests(s);
}

static void op_close(scan *s)
{
    p1_scan_close(s);
}

static int op_count(provider *p, scan_plan *plan, int64_t *n, long *requests, err *e)
{
    if (!is_sys_plan(plan) && ensure_environment(P(p), e) < 0)
        return -1;
    return p1_scan_count(&P(p)->api, plan, n, requests, e);
}

static void op_cancel(scan *s)
{
    p1_scan_cancel(s);
}

static void op_free_plan(provider *p, scan_plan *plan)
{
    (void)p;
    p1_plan_free(plan);
}

static void op_destroy(provider *p)
{
    p1_provider *pp = P(p);
    if (!pp)
        return;
    p1api_close(&pp->api);
    p1_meta_cache_free(&pp->meta);
    props_free(&pp->props);
    free(pp->tables);
    free(pp->env_name);
    free(pp->env_first);
    free(pp);
}

static int op_proc_count(provider *p)
{
    (void)p;
    return p1_proc_count();
}

static const proc_def *op_proc_at(provider *p, int i)
{
    (void)p;
    return p1_proc_at(i);
}

static int op_call(provider *p, const proc_def *proc, const sql_value *args,
                   struct sql_result **out, err *e)
{
    return p1_proc_call(P(p)->api.auth, proc, args, out, e);
}

static const struct provider_ops p1_ops = {
    .table_count = op_table_count,
    .table_at = op_table_at,
    .find_table = op_find_table,
    .plan = op_plan,
    .open = op_open,
    .next = op_next,
    .requests = op_requests,
    .close = op_close,
    .free_plan = op_free_plan,
    .destroy = op_destroy,
    .count = op_count,
    .cancel = op_cancel,
    .proc_count = op_proc_count,
    .proc_at = op_proc_at,
    .call = op_call,
};

/** Look up the environment's name (the schema); 08001 when not found or not accessible. */
static int load_environment(p1_provider *pp, err *e)
{
    strbuf url;
    sb_init(&url);
    sb_printf(&url, "%s/environments/", pp->api.ep.api_base);
    p1_url_encode(&url, pp->api.ep.env_id);
    json_t *env = NULL;
    err tmp;
    err_clear(&tmp);
    int rc = p1api_get_json(&pp->api, url.data, "Reading the environment", 1, &env, NULL, &tmp);
    sb_free(&url);
    if (rc < 0 && tmp.native != 403) {
        *e = tmp;
        return -1;
    }
    if (!env) {
        return err_set_native(e, "08001", rc < 0 ? 403 : 404,
                              "EnvironmentId '%s' not found or not accessible to this worker "
                              "application: check EnvironmentId (or WorkerAppEnvironmentId), Region and "
                              "the application's role assignments.", pp->api.ep.env_id);
    }
    const char *name = json_string_value(json_object_get(env, "name"));
    pp->env_name = strdup(name && *name ? name : pp->api.ep.env_id);
    json_decref(env);
    if (!pp->env_name)
        return err_set(e, "HY001", "Out of memory while reading the environment.");
    return 0;
}

int pingone_provider_open(const props *p, p1log *log, provider **out, err *e)
{
    *out = NULL;
    if (props_validate(p, e) < 0)
        return -1;
    p1_provider *pp = calloc(1, sizeof *pp);
    if (!pp)
        return err_set(e, "HY001", "Out of memory while connecting.");
    pp->base.ops = &p1_ops;
    pp->pagesize = (int)strtol(props_get(p, PROP_PAGESIZE), NULL, 10);
    props_init(&pp->props);
    if (p1api_open(&pp->api, p, log, e) < 0) {
        free(pp);
        return -1;
    }
    if (p1auth_ready(pp->api.auth)) {
        if (load_environment(pp, e) < 0) {
            op_destroy(&pp->base);
            return -1;
        }
        pp->env_loaded = 1;
    } else if (!(pp->env_name = strdup(pp->api.ep.env_id))) { /* looked up with the first token */
        op_destroy(&pp->base);
        return err_set(e, "HY001", "Out of memory while connecting.");
    }
    pp->ntables = p1_catalog_count();
    pp->tables = calloc((size_t)pp->ntables, sizeof *pp->tables);
    if (!pp->tables) {
        op_destroy(&pp->base);
        return err_set(e, "HY001", "Out of memory while connecting.");
    }
    for (int i = 0; i < pp->ntables; i++) {
        pp->tables[i] = *p1_catalog_table(i);
        pp->tables[i].schema = pp->env_name;
    }
    if (props_copy(&pp->props, p) < 0 ||
        p1_meta_cache_init(&pp->meta, &pp->api, &pp->env_name, props_get(p, PROP_SCHEMA)) < 0) {
        op_destroy(&pp->base);
        return err_set(e, "HY001", "Out of memory while connecting.");
    }
    pp->meta.ttl_s = strtol(props_get(p, PROP_METADATACACHETTL), NULL, 10);
    if (pp->env_loaded)
        p1_meta_cache_get(&pp->meta); /* schemas and custom attributes, before the first query */
    p1http_set_connected(pp->api.http, 1);
    p1log_write(log, 1, "connected to PingOne environment '%s' (%s) at %s", pp->env_name,
                pp->api.ep.env_id, pp->api.ep.api_base);
    *out = &pp->base;
    return 0;
}

/**
 * Look the environment up if connecting could not (AuthScheme=OAuth without
 * a token yet): fails with auth.h's 28000 until there is a token.
 */
static int ensure_environment(p1_provider *pp, err *e)
{
    if (pp->env_loaded)
        return 0;
    char *first = pp->env_name;
    pp->env_name = NULL;
    if (load_environment(pp, e) < 0) {
        pp->env_name = first;
        return -1;
    }
    pp->env_first = first;
    for (int i = 0; i < pp->ntables; i++)
        pp->tables[i].schema = pp->env_name;
    pp->env_loaded = 1;
    return 0;
}
