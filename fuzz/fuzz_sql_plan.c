/**
 * @file fuzz_sql_plan.c
 * Fuzz target "sql_plan": SQL text against the real PingOne tables and the
 * real PingOne planner (pingone/plan.h: pushdown decisions, SCIM filter
 * text, URL building), without any I/O. A small provider of this file
 * offers the catalog tables (schema "Production") and plans with
 * p1_plan_build; its scans return two rows built by p1_row_from_json from a
 * fixed sample item, so joins, sorting and aggregation run too.
 *
 * Checked: failures are diagnostics; every planned request URL starts with
 * the API base and holds only URL-safe characters (filters are encoded);
 * result values have their column's type or are NULL.
 */
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "fuzz/fuzz_target.h"
#include "pingone/catalog.h"
#include "pingone/plan.h"
#include "pingone/rows.h"
#include "sql/engine.h"

#define API_BASE "https://api.pingone.com/v1"
#define FUZZ_PLAN_MAX_ROWS 200

/** The provider: the catalog tables with a schema. */
typedef struct plan_provider {
    provider   base;
    int        ntables;
    table_def *tables;
    json_t    *sample;   /**< the item every scan returns (twice) */
} plan_provider;

/** A scan: rows left to return. */
struct scan {
    const table_def *t;
    json_t          *item;
    int              left;
};

static int pp_table_count(provider *p)
{
    return ((plan_provider *)p)->ntables;
}

static const table_def *pp_table_at(provider *p, int i)
{
    plan_provider *pp = (plan_provider *)p;
    return i >= 0 && i < pp->ntables ? &pp->tables[i] : NULL;
}

static const table_def *pp_find_table(provider *p, const char *schema, const char *name, err *e)
{
    plan_provider *pp = (plan_provider *)p;
    if (!schema || !*schema || strcasecmp(schema, "Production") == 0)
        for (int i = 0; name && i < pp->ntables; i++)
            if (strcasecmp(pp->tables[i].name, name) == 0)
                return &pp->tables[i];
    err_set(e, "42S02", "Table '%s' does not exist.", name ? name : "");
    return NULL;
}

/** Check that a planned URL is absolute under the API base and URL-safe. */
static void check_url(const char *url)
{
    FUZZ_CHECK(url != NULL);
    FUZZ_CHECK(strncmp(url, API_BASE "/", sizeof API_BASE) == 0);
    for (const unsigned char *c = (const unsigned char *)url; *c; c++)
        FUZZ_CHECK(*c > 0x20 && *c < 0x7F && *c != '"' && *c != '<' && *c != '>' &&
                   *c != '\\' && *c != '^' && *c != '`' && *c != '{' && *c != '|' && *c != '}');
}

static int pp_plan(provider *p, scan_plan *plan, err *e)
{
    (void)p;
    int rc = p1_plan_build(API_BASE, "env-1", 100, plan, e);
    if (rc < 0) {
        fuzz_check_err(e);
        p1_plan_free(plan);
        return rc;
    }
    const p1_plan *pl = plan->priv;
    FUZZ_CHECK(pl != NULL && pl->nreqs >= 0);
    for (int i = 0; i < pl->nreqs; i++)
        check_url(pl->reqs[i].url);
    return 0;
}

static int pp_open(provider *p, scan_plan *plan, scan **out, err *e)
{
    scan *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(e, "HY001", "Out of memory.");
    s->t = plan->table;
    s->item = ((plan_provider *)p)->sample;
    s->left = 2;
    *out = s;
    return 0;
}

static int pp_next(scan *s, sql_value *row, err *e)
{
    if (s->left <= 0)
        return 0;
    s->left--;
    return p1_row_from_json(s->t, s->item, "11111111-2222-4333-8444-555555555555", row, e) < 0
        ? -1 : 1;
}

static long pp_requests(scan *s)
{
    (void)s;
    return 1;
}

static void pp_close(scan *s)
{
    free(s);
}

static void pp_free_plan(provider *p, scan_plan *plan)
{
    (void)p;
    p1_plan_free(plan);
}

static void pp_destroy(provider *p)
{
    plan_provider *pp = (plan_provider *)p;
    free(pp->tables);
    json_decref(pp->sample);
    free(pp);
}

static const struct provider_ops pp_ops = {
    .table_count = pp_table_count,
    .table_at = pp_table_at,
    .find_table = pp_find_table,
    .plan = pp_plan,
    .open = pp_open,
    .next = pp_next,
    .requests = pp_requests,
    .close = pp_close,
    .free_plan = pp_free_plan,
    .destroy = pp_destroy,
};

/** A sample item with the attributes most tables have. */
static const char sample_json[] =
    "{\"id\":\"11111111-2222-4333-8444-555555555555\",\"name\":{\"given\":\"Zo\\u00eb\","
    "\"family\":\"O'Hara\"},\"username\":\"zoe\",\"email\":\"zoe@example.com\","
    "\"enabled\":true,\"createdAt\":\"2024-01-15T10:00:00.500Z\",\"updatedAt\":\"bad\","
    "\"population\":{\"id\":\"pop-1\"},\"environment\":{\"id\":\"env-1\"},"
    "\"description\":\"d\",\"type\":\"DIRECT\",\"memberCount\":3,\"count\":2}";

/** A new provider over the catalog, or NULL when out of memory. */
static provider *plan_provider_new(void)
{
    plan_provider *pp = calloc(1, sizeof *pp);
    if (!pp)
        return NULL;
    pp->base.ops = &pp_ops;
    pp->ntables = p1_catalog_count();
    pp->tables = calloc((size_t)(pp->ntables ? pp->ntables : 1), sizeof *pp->tables);
    pp->sample = json_loads(sample_json, 0, NULL);
    if (!pp->tables || !pp->sample) {
        pp_destroy(&pp->base);
        return NULL;
    }
    for (int i = 0; i < pp->ntables; i++) {
        pp->tables[i] = *p1_catalog_table(i);
        pp->tables[i].schema = "Production";
    }
    return &pp->base;
}

FUZZ_TARGET(sql_plan)
{
    char *text = fuzz_strndup(data, size);
    provider *p = text ? plan_provider_new() : NULL;
    sql_session *s = p ? sql_session_new(p, (int)(size % 3)) : NULL;
    if (!s) {
        if (p)
            p->ops->destroy(p);
        free(text);
        return 0;
    }
    err e;
    err_clear(&e);
    sql_prepared *st = NULL;
    if (sql_prepare(s, text, &st, &e) < 0) {
        fuzz_check_err(&e);
    } else {
        int np = sql_prepared_nparams(st);
        sql_value params[64];
        memset(params, 0, sizeof params);
        static const char *const pv[] = { "11111111-2222-4333-8444-555555555555", "a\"b\\c",
                                          "x%", "2024-01-15 10:00:00", "" };
        for (int i = 0; i < np && i < 64; i++)
            sqlval_set_text(&params[i], pv[i % 5]);
        sql_result *r = NULL;
        if (np > 64) {
            /* too many to bind here */
        } else if (sql_execute_n(st, params, np, &r, &e) < 0) {
            fuzz_check_err(&e);
        } else {
            int rc = 0;
            for (int n = 0; n < FUZZ_PLAN_MAX_ROWS && (rc = r->ops->next(r, &e)) == 1; n++)
                for (int i = 0; i < r->ncols; i++)
                    FUZZ_CHECK(r->row[i].type == SQLT_NULL || r->cols[i].type == SQLT_NULL ||
                               r->row[i].type == r->cols[i].type);
            if (rc < 0)
                fuzz_check_err(&e);
            r->ops->close(r);
        }
        for (int i = 0; i < np && i < 64; i++)
            sqlval_clear(&params[i]);
    }
    sql_prepared_free(st);
    sql_session_free(s);
    free(text);
    return 0;
}
