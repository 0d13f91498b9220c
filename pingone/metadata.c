/** @file metadata.c  The connection's metadata cache (see metadata.h). */
#include "pingone/metadata.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"
#include "pingone/catalog.h"
#include "pingone/url.h"

/** Remember p as owned by m (freed with it). Returns p, or NULL (p freed) when out of memory. */
static void *own(p1_meta *m, void *p)
{
    if (!p)
        return NULL;
    if (m->nallocs == m->capallocs) {
        int cap = m->capallocs ? m->capallocs * 2 : 32;
        void **a = realloc(m->allocs, (size_t)cap * sizeof *a);
        if (!a) {
            free(p);
            return NULL;
        }
        m->allocs = a;
        m->capallocs = cap;
    }
    m->allocs[m->nallocs++] = p;
    return p;
}

/** Add a schema; returns its index or -1. */
static int add_schema(p1_meta *m, const char *name, const char *env_id)
{
    p1_schema *s = realloc(m->schemas, (size_t)(m->nschemas + 1) * sizeof *s);
    if (!s)
        return -1;
    m->schemas = s;
    s[m->nschemas].name = own(m, strdup(name));
    s[m->nschemas].env_id = env_id ? own(m, strdup(env_id)) : NULL;
    if (!s[m->nschemas].name || (env_id && !s[m->nschemas].env_id))
        return -1;
    return m->nschemas++;
}

/** Add copies of every catalog table of kind into schema si. Returns 0 or -1. */
static int add_tables(p1_meta *m, int kind, int si)
{
    int n = 0;
    for (int i = 0; i < p1_catalog_count(); i++)
        if (p1_table_source(p1_catalog_table(i))->kind == kind)
            n++;
    table_def *t = realloc(m->tables, (size_t)(m->ntables + n) * sizeof *t);
    if (!t)
        return -1;
    m->tables = t;
    int *so = realloc(m->schema_of, (size_t)(m->ntables + n) * sizeof *so);
    if (!so)
        return -1;
    m->schema_of = so;
    unsigned char *ud = realloc(m->users_done, (size_t)(m->ntables + n));
    if (!ud)
        return -1;
    m->users_done = ud;
    for (int i = 0; i < p1_catalog_count(); i++) {
        const table_def *tpl = p1_catalog_table(i);
        if (p1_table_source(tpl)->kind != kind)
            continue;
        m->tables[m->ntables] = *tpl;
        m->tables[m->ntables].schema = m->schemas[si].name;
        m->schema_of[m->ntables] = si;
        m->users_done[m->ntables] = strcmp(tpl->name, "Users") != 0;
        m->ntables++;
    }
    return 0;
}

/** Non-zero when name matches the Schema filter (empty filter: everything). */
static int wanted(const char *filter, const char *name)
{
    return !filter || !*filter || strcasecmp(filter, name) == 0;
}

int p1_meta_load(p1api *api, const char *default_env_id, const char *default_env_name,
                 const char *schema_filter, p1_meta **out, err *e)
{
    *out = NULL;
    p1_meta *m = calloc(1, sizeof *m);
    if (!m)
        return err_set(e, "HY001", "Out of memory while reading metadata.");
    m->loaded = time(NULL);
    int rc = 0;
    /* environment schemas, the default one first */
    if (wanted(schema_filter, default_env_name)) {
        int si = add_schema(m, default_env_name, default_env_id);
        rc = si < 0 ? -1 : add_tables(m, P1_SCHEMA_ENV, si);
    }
    strbuf url;
    sb_init(&url);
    sb_printf(&url, "%s/environments?limit=1000", api->ep.api_base);
    json_t *page = NULL;
    err tmp;
    err_clear(&tmp);
    /* follow every page of the environment list; any failure: only the default environment */
    while (rc == 0 && url.data) {
        if (p1api_get_json(api, url.data, "Listing environments", 0, &page, NULL, &tmp) < 0 || !page) {
            p1log_write(api->log, 1, "environment list not readable (%s): only the default environment is "
                        "listed", tmp.message);
            break;
        }
        json_t *items = json_object_get(json_object_get(page, "_embedded"), "environments");
        size_t k;
        json_t *env;
        json_array_foreach(items, k, env) {
            const char *id = json_string_value(json_object_get(env, "id"));
            const char *name = json_string_value(json_object_get(env, "name"));
            if (!id || strcmp(id, default_env_id) == 0)
                continue;
            if (!name || !*name)
                name = id;
            /* two environments of one name: the second is known by its id */
            for (int s = 0; s < m->nschemas; s++)
                if (strcasecmp(m->schemas[s].name, name) == 0)
                    name = id;
            if (!wanted(schema_filter, name))
                continue;
            int si = add_schema(m, name, id);
            if (si < 0 || add_tables(m, P1_SCHEMA_ENV, si) < 0) {
                rc = -1;
                break;
            }
        }
        const char *next = json_string_value(json_object_get(json_object_get(json_object_get(page, "_links"),
                                                                             "next"), "href"));
        sb_reset(&url);
        if (next && *next)
            sb_append(&url, next);
        else
            sb_free(&url);
        json_decref(page);
        page = NULL;
    }
    sb_free(&url);
    if (rc == 0 && wanted(schema_filter, P1_INFO_SCHEMA)) {
        int si = add_schema(m, P1_INFO_SCHEMA, NULL);
        rc = si < 0 ? -1 : add_tables(m, P1_SCHEMA_INFO, si);
    }
    if (rc == 0) {
        int si = add_schema(m, P1_SYS_SCHEMA, NULL);
        rc = si < 0 ? -1 : add_tables(m, P1_SCHEMA_SYS, si);
    }
    if (rc < 0) {
        p1_meta_free(m);
        return err_set(e, "HY001", "Out of memory while reading metadata.");
    }
    for (int i = 0; i < m->ntables; i++)
        if (!m->users_done[i] && m->schemas[m->schema_of[i]].env_id &&
            strcmp(m->schemas[m->schema_of[i]].env_id, default_env_id) == 0)
            p1_meta_ensure_users(api, m, i);
    *out = m;
    return 0;
}

/** GET url as JSON (failures logged). Returns the body or NULL. */
static json_t *get_or_log(p1api *api, const char *url, const char *what)
{
    json_t *body = NULL;
    err e;
    err_clear(&e);
    if (p1api_get_json(api, url, what, 1, &body, NULL, &e) < 0) {
        p1log_write(api->log, 1, "%s failed (%s): Users has no custom attribute columns", what, e.message);
        return NULL;
    }
    return body;
}

/** Column name for custom attribute name: first letter upper-cased; prefixed when taken. */
static char *column_name(const table_def *t, const char *name)
{
    strbuf sb;
    sb_init(&sb);
    sb_append(&sb, name);
    if (sb.data && sb.len)
        sb.data[0] = (char)toupper((unsigned char)sb.data[0]);
    if (sb.data && p1_col_index(t, sb.data) >= 0) {
        sb_reset(&sb);
        sb_printf(&sb, "Custom_%s", name);
    }
    return sb_steal(&sb);
}

void p1_meta_ensure_users(p1api *api, p1_meta *m, int i)
{
    if (!m || i < 0 || i >= m->ntables || m->users_done[i])
        return;
    m->users_done[i] = 1;
    const char *env_id = m->schemas[m->schema_of[i]].env_id;
    if (!env_id)
        return;
    strbuf url;
    sb_init(&url);
    sb_printf(&url, "%s/environments/", api->ep.api_base);
    p1_url_encode(&url, env_id);
    sb_append(&url, "/schemas");
    json_t *schemas = url.data ? get_or_log(api, url.data, "Reading the user schema") : NULL;
    json_t *list = json_object_get(json_object_get(schemas, "_embedded"), "schemas");
    const char *sid = NULL;
    size_t k;
    json_t *sch;
    json_array_foreach(list, k, sch) {
        const char *id = json_string_value(json_object_get(sch, "id"));
        const char *name = json_string_value(json_object_get(sch, "name"));
        if (id && (!sid || (name && strcmp(name, "User") == 0)))
            sid = id;
    }
    json_t *attrs = NULL;
    if (sid) {
        sb_append(&url, "/");
        p1_url_encode(&url, sid);
        sb_append(&url, "/attributes");
        if (url.data)
            attrs = get_or_log(api, url.data, "Reading the user schema's attributes");
    }
    sb_free(&url);
    json_t *alist = json_object_get(json_object_get(attrs, "_embedded"), "attributes");
    table_def *t = &m->tables[i];
    const p1_table_src *ts0 = p1_table_source(t);
    int ncustom = 0;
    json_t *a;
    json_array_foreach(alist, k, a) {
        const char *st = json_string_value(json_object_get(a, "schemaType"));
        if (st && strcmp(st, "CUSTOM") == 0 && !json_is_false(json_object_get(a, "enabled")) &&
            json_string_value(json_object_get(a, "name")))
            ncustom++;
    }
    if (ncustom > 0) {
        int base = t->ncols - 1; /* RawJson stays last */
        int n = t->ncols + ncustom;
        table_col *cols = own(m, calloc((size_t)n, sizeof *cols));
        p1_col_src *src = own(m, calloc((size_t)n, sizeof *src));
        p1_table_src *ts = own(m, malloc(sizeof *ts));
        if (cols && src && ts) {
            memcpy(cols, t->cols, (size_t)base * sizeof *cols);
            memcpy(src, ts0->src, (size_t)base * sizeof *src);
            int c = base;
            json_array_foreach(alist, k, a) {
                const char *st = json_string_value(json_object_get(a, "schemaType"));
                const char *name = json_string_value(json_object_get(a, "name"));
                if (!st || strcmp(st, "CUSTOM") != 0 || json_is_false(json_object_get(a, "enabled")) || !name)
                    continue;
                const char *type = json_string_value(json_object_get(a, "type"));
                int multi = json_is_true(json_object_get(a, "multiValued"));
                table_def view = *t;
                view.cols = cols;
                view.ncols = c;
                char *cname = own(m, column_name(&view, name));
                char *path = own(m, strdup(name));
                const char *desc = json_string_value(json_object_get(a, "description"));
                char *rem = own(m, strdup(desc ? desc : "Custom attribute of the user schema."));
                if (!cname || !path || !rem)
                    break;
                cols[c].name = cname;
                cols[c].nullable = 1;
                cols[c].remarks = rem;
                src[c].json_path = path;
                src[c].ops = 0;
                if (type && strcmp(type, "BOOLEAN") == 0 && !multi) {
                    cols[c].type = SQLT_BOOL;
                } else if (type && strcmp(type, "STRING") == 0 && !multi) {
                    cols[c].type = SQLT_TEXT;
                    cols[c].size = 2048;
                    src[c].ops = P1_OP_EQ | P1_OP_SW; /* custom STRING attributes: eq and sw */
                } else {
                    cols[c].type = SQLT_TEXT;
                    cols[c].size = 65535; /* JSON, COMPLEX or multi-valued: JSON text */
                }
                c++;
            }
            cols[c] = t->cols[t->ncols - 1];
            src[c] = ts0->src[t->ncols - 1];
            c++;
            *ts = *ts0;
            ts->src = src;
            t->cols = cols;
            t->ncols = c;
            t->priv = ts;
        }
    }
    json_decref(schemas);
    json_decref(attrs);
}

const char *p1_meta_env_of(const p1_meta *m, const table_def *t)
{
    for (; m; m = m->older)
        if (m->tables && t >= m->tables && t < m->tables + m->ntables)
            return m->schemas[m->schema_of[t - m->tables]].env_id;
    return NULL;
}

void p1_meta_free(p1_meta *m)
{
    while (m) {
        p1_meta *older = m->older;
        for (int i = 0; i < m->nallocs; i++)
            free(m->allocs[i]);
        free(m->allocs);
        free(m->schemas);
        free(m->tables);
        free(m->schema_of);
        free(m->users_done);
        free(m);
        m = older;
    }
}

int p1_meta_cache_init(p1_meta_cache *c, p1api *api, char *const *env_name, const char *schema_filter)
{
    memset(c, 0, sizeof *c);
    c->api = api;
    c->env_name = env_name;
    c->ttl_s = P1_METADATA_TTL_SECONDS;
    c->schema_filter = strdup(schema_filter ? schema_filter : "");
    return c->schema_filter ? 0 : -1;
}

p1_meta *p1_meta_cache_get(p1_meta_cache *c)
{
    if (c->meta && time(NULL) - c->meta->loaded < (c->ttl_s > 0 ? c->ttl_s : P1_METADATA_TTL_SECONDS))
        return c->meta;
    p1_meta *m = NULL;
    err e;
    err_clear(&e);
    const char *name = c->env_name && *c->env_name ? *c->env_name : c->api->ep.env_id;
    if (p1_meta_load(c->api, c->api->ep.env_id, name, c->schema_filter, &m, &e) < 0)
        return c->meta; /* keep the old generation */
    m->older = c->meta;
    c->meta = m;
    return m;
}

int p1_meta_cache_count(p1_meta_cache *c)
{
    p1_meta *m = p1_meta_cache_get(c);
    return m ? m->ntables : 0;
}

const table_def *p1_meta_cache_at(p1_meta_cache *c, int i)
{
    p1_meta *m = p1_meta_cache_get(c);
    if (!m || i < 0 || i >= m->ntables)
        return NULL;
    p1_meta_ensure_users(c->api, m, i);
    return &m->tables[i];
}

/** Index of the table named name in schema si, or -1. */
static int find_in(const p1_meta *m, int si, const char *name)
{
    for (int i = 0; i < m->ntables; i++)
        if (m->schema_of[i] == si && strcasecmp(m->tables[i].name, name) == 0)
            return i;
    return -1;
}

const table_def *p1_meta_cache_find(p1_meta_cache *c, const char *schema, const char *name, err *e)
{
    p1_meta *m = p1_meta_cache_get(c);
    if (!m || !name) {
        err_set(e, "42S02", "Table '%s' does not exist.", name ? name : "");
        return NULL;
    }
    int found = -1;
    if (strncasecmp(name, "sys_", 4) == 0) {
        for (int s = 0; s < m->nschemas && found < 0; s++)
            if (strcmp(m->schemas[s].name, P1_SYS_SCHEMA) == 0)
                found = find_in(m, s, name);
    }
    if (found < 0 && schema && *schema) {
        for (int s = 0; s < m->nschemas && found < 0; s++)
            if (strcasecmp(m->schemas[s].name, schema) == 0 ||
                (m->schemas[s].env_id && strcasecmp(m->schemas[s].env_id, schema) == 0))
                found = find_in(m, s, name);
    } else if (found < 0) {
        /* the default environment first, then the first environment listed, Information, sys */
        for (int s = 0; s < m->nschemas && found < 0; s++)
            if (m->schemas[s].env_id && strcmp(m->schemas[s].env_id, c->api->ep.env_id) == 0)
                found = find_in(m, s, name);
        for (int s = 0; s < m->nschemas && found < 0; s++)
            found = find_in(m, s, name);
    }
    if (found >= 0) {
        p1_meta_ensure_users(c->api, m, found);
        return &m->tables[found];
    }
    strbuf names;
    sb_init(&names);
    for (int s = 0; s < m->nschemas; s++)
        sb_printf(&names, "%s'%s'", s ? ", " : "", m->schemas[s].name);
    if (schema && *schema)
        err_set(e, "42S02", "Table '%s.%s' does not exist (schemas of this connection: %s).", schema, name,
                names.data ? names.data : "");
    else
        err_set(e, "42S02", "Table '%s' does not exist.", name);
    sb_free(&names);
    return NULL;
}

void p1_meta_cache_free(p1_meta_cache *c)
{
    p1_meta_free(c->meta);
    free(c->schema_filter);
    memset(c, 0, sizeof *c);
}
