/** @file scan.c  Paging through PingOne collections (see scan.h). */
#include "pingone/scan.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pingone/catalog.h"
#include "pingone/fanout.h"
#include "pingone/plan.h"
#include "pingone/rows.h"

/** A set of item ids already returned (open addressing), used when requests overlap. */
typedef struct idset {
    char  **slots;
    size_t  cap, n;
} idset;

/** FNV-1a hash of a string. */
static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

/** Add id; 1 when newly added, 0 when already there, -1 out of memory. */
static int idset_add(idset *set, const char *id)
{
    if ((set->n + 1) * 2 > set->cap) {
        size_t cap = set->cap ? set->cap * 2 : 64;
        char **slots = calloc(cap, sizeof *slots);
        if (!slots)
            return -1;
        for (size_t i = 0; i < set->cap; i++)
            if (set->slots[i]) {
                size_t j = hash_str(set->slots[i]) & (cap - 1);
                while (slots[j])
                    j = (j + 1) & (cap - 1);
                slots[j] = set->slots[i];
            }
        free(set->slots);
        set->slots = slots;
        set->cap = cap;
    }
    size_t j = hash_str(id) & (set->cap - 1);
    while (set->slots[j]) {
        if (strcmp(set->slots[j], id) == 0)
            return 0;
        j = (j + 1) & (set->cap - 1);
    }
    if (!(set->slots[j] = strdup(id)))
        return -1;
    set->n++;
    return 1;
}

/** Free every id. */
static void idset_free(idset *set)
{
    for (size_t i = 0; i < set->cap; i++)
        free(set->slots[i]);
    free(set->slots);
    memset(set, 0, sizeof *set);
}

struct scan {
    p1api           *api;
    const table_def *table;
    const p1_plan   *plan;
    int              exact;
    int64_t          limit;
    int              req_idx;    /**< next request of plan to start */
    const char      *parent_key; /**< parent key of the current request */
    char            *next_url;   /**< next page of the current listing, or NULL */
    json_t          *page;       /**< the page (or single item) being read */
    json_t          *items;      /**< borrowed array of the page, or NULL */
    size_t           item_idx;
    long             requests;
    int64_t          rows_out;
    int              done;
    /* fan-out over parents: parent ids are queued, their listings run concurrently */
    int              fanning;    /**< 1: the current request lists parents */
    char            *fan_next;   /**< next page of the parent listing, or NULL */
    p1_fanout       *fan;        /**< the child listings (fanout.h), or NULL */
    char            *own_key;    /**< parent key of the current child page (fan-out) */
    /* exploded arrays */
    json_t          *outer;      /**< item whose array is being exploded (borrowed from page) */
    json_t          *sub;        /**< that array */
    size_t           sub_idx;
    idset            seen;
    atomic_int       cancelled;
    char             what[160];
};

/** GET through the api with this scan's cancel flag attached. */
static int scan_get(scan *s, const char *url, int allow_404, json_t **out, err *e)
{
    p1http_set_cancel_flag(s->api->http, &s->cancelled);
    int rc = p1api_get_json(s->api, url, s->what, allow_404, out, &s->requests, e);
    p1http_set_cancel_flag(s->api->http, NULL);
    return rc;
}

scan *p1_scan_open(p1api *api, const scan_plan *plan, err *e)
{
    scan *s = calloc(1, sizeof *s);
    if (!s) {
        err_set(e, "HY001", "Out of memory while starting a scan.");
        return NULL;
    }
    s->api = api;
    s->table = plan->table;
    s->plan = plan->priv;
    s->exact = plan->exact;
    s->limit = plan->limit;
    return s;
}

/** Drop the current page. */
static void drop_page(scan *s)
{
    json_decref(s->page);
    s->page = NULL;
    s->items = NULL;
    s->item_idx = 0;
    s->outer = s->sub = NULL;
    s->sub_idx = 0;
}

/** Fetch a list page at url; sets items and next_url. Returns 0 or -1. */
static int fetch_list(scan *s, const char *url, err *e)
{
    const p1_table_src *ts = p1_table_source(s->table);
    if (s->parent_key)
        snprintf(s->what, sizeof s->what, "Listing the %s of %.36s", ts->noun, s->parent_key);
    else
        snprintf(s->what, sizeof s->what, "Listing %s", ts->noun);
    json_t *page;
    int allow_404 = s->parent_key != NULL; /* unknown parent: no rows */
    if (scan_get(s, url, allow_404, &page, e) < 0)
        return -1;
    s->outer = s->sub = NULL;
    char *prev = s->next_url;
    s->next_url = NULL;
    s->page = page;
    if (!page) {
        free(prev);
        return 0;
    }
    json_t *items = json_object_get(json_object_get(page, "_embedded"), ts->embedded_key);
    s->items = json_is_array(items) ? items : NULL;
    const char *next = json_string_value(json_object_get(json_object_get(json_object_get(page, "_links"),
                                                                         "next"), "href"));
    if (next && *next) {
        if (strcmp(next, url) == 0) {
            free(prev);
            return err_set(e, "HY000", "%s failed: PingOne's next-page link points to the page just "
                           "read (%s); stopping to avoid an endless loop.", s->what, url);
        }
        s->next_url = strdup(next);
        if (!s->next_url) {
            free(prev);
            return err_set(e, "HY001", "Out of memory while paging.");
        }
    }
    free(prev);
    return 0;
}

/** Fetch a single item; a 404 gives no row. Returns 0 or -1. */
static int fetch_single(scan *s, const char *url, err *e)
{
    const p1_table_src *ts = p1_table_source(s->table);
    snprintf(s->what, sizeof s->what, "Reading one of the %s by id", ts->noun);
    json_t *item;
    if (scan_get(s, url, 1, &item, e) < 0)
        return -1;
    if (!item)
        return 0;
    s->page = json_array();
    if (!s->page || json_array_append_new(s->page, item) < 0) {
        json_decref(item);
        return err_set(e, "HY001", "Out of memory while reading an item.");
    }
    s->items = s->page;
    return 0;
}

/**
 * Fetch a page of the parent listing of a fan-out at url and queue the
 * child listing of every parent on it (at most P1_FANOUT_MAX_PARENTS in
 * all). Returns 0 or -1.
 */
static int fetch_parents(scan *s, const char *url, err *e)
{
    const p1_table_src *ts = p1_table_source(s->table);
    snprintf(s->what, sizeof s->what, "Listing %s (to read the %s of each)", ts->parent, ts->noun);
    json_t *page;
    if (scan_get(s, url, 0, &page, e) < 0)
        return -1;
    free(s->fan_next);
    s->fan_next = NULL;
    if (!s->fan && !(s->fan = p1_fanout_new(s->api, s->plan, &s->cancelled, &s->requests, ts->noun, e))) {
        json_decref(page);
        return -1;
    }
    int rc = 0;
    size_t i;
    json_t *parent;
    json_array_foreach(json_object_get(json_object_get(page, "_embedded"), ts->parent), i, parent) {
        const char *id = json_string_value(json_object_get(parent, "id"));
        if (!id || !*id)
            continue;
        if (p1_fanout_total(s->fan) >= P1_FANOUT_MAX_PARENTS) {
            rc = err_set(e, "HY000", "Reading %s without %s would need more than %d listings (one per "
                         "row of %s); add WHERE %s = '...' or %s IN (...) to the query.", s->table->name,
                         s->table->cols[ts->parent_col].name, P1_FANOUT_MAX_PARENTS, ts->parent,
                         s->table->cols[ts->parent_col].name, s->table->cols[ts->parent_col].name);
            break;
        }
        if ((rc = p1_fanout_add(s->fan, id, e)) < 0)
            break;
    }
    const char *next = json_string_value(json_object_get(json_object_get(json_object_get(page, "_links"),
                                                                         "next"), "href"));
    if (rc == 0 && next && *next) {
        if (strcmp(next, url) == 0)
            rc = err_set(e, "HY000", "%s failed: PingOne's next-page link points to the page just "
                         "read (%s); stopping to avoid an endless loop.", s->what, url);
        else if (!(s->fan_next = strdup(next)))
            rc = err_set(e, "HY001", "Out of memory while paging.");
    }
    json_decref(page);
    return rc;
}

/**
 * Fan-out: the next page of some parent's child listing (P1_FANOUT_CONCURRENCY
 * listings run at once; parents are read ahead while few are queued).
 * Returns 1 when a page is in s->page, 0 when every listing is done, -1 on error.
 */
static int fan_step(scan *s, err *e)
{
    const p1_table_src *ts = p1_table_source(s->table);
    for (;;) {
        while (s->fan_next && p1_fanout_queued(s->fan) < P1_FANOUT_CONCURRENCY) {
            char *url = s->fan_next;
            s->fan_next = NULL;
            int rc = fetch_parents(s, url, e);
            free(url);
            if (rc < 0)
                return -1;
        }
        json_t *page;
        char *key;
        int rc = s->fan ? p1_fanout_next(s->fan, &page, &key, e) : 0;
        if (rc < 0)
            return -1;
        if (rc == 0) {
            if (s->fan_next)
                continue;
            s->fanning = 0;
            return 0;
        }
        free(s->own_key);
        s->own_key = key;
        s->parent_key = key;
        s->page = page;
        json_t *items = json_object_get(json_object_get(page, "_embedded"), ts->embedded_key);
        s->items = json_is_array(items) ? items : NULL;
        s->item_idx = 0;
        return 1;
    }
}

/** Non-zero when item belongs to the table (Applications of one protocol). */
static int item_matches(const p1_table_src *ts, json_t *item)
{
    if (!ts->match_path)
        return 1;
    const char *v = json_string_value(p1_json_path(item, ts->match_path));
    return v && strcmp(v, ts->match_value) == 0;
}

/** Emit one row from item (outer: the item holding it, exploded tables). 1, or -1. */
static int emit(scan *s, json_t *item, json_t *outer, sql_value *row, err *e)
{
    if (p1_row_from_json_ex(s->table, item, outer, s->parent_key, row, e) < 0)
        return -1;
    s->rows_out++;
    return 1;
}

int p1_scan_next(scan *s, sql_value *row, err *e)
{
    const p1_table_src *ts = p1_table_source(s->table);
    if (s->plan->rows && !s->page && !s->done && s->req_idx == 0) {
        /* system table: the rows are already made */
        s->page = json_incref(s->plan->rows);
        s->items = s->page;
        s->req_idx = s->plan->nreqs;
    }
    for (;;) {
        if (atomic_load(&s->cancelled)) {
            s->done = 1;
            drop_page(s);
            return err_set(e, "HY008", "The query was cancelled.");
        }
        if (s->done)
            return 0;
        if (s->exact && s->limit >= 0 && s->rows_out >= s->limit) {
            s->done = 1;
            drop_page(s);
            return 0;
        }
        if (s->sub && s->sub_idx < json_array_size(s->sub)) {
            json_t *el = json_array_get(s->sub, s->sub_idx++);
            if (json_is_object(el))
                return emit(s, el, s->outer, row, e);
            continue;
        }
        s->sub = NULL;
        if (s->items && s->item_idx < json_array_size(s->items)) {
            json_t *item = json_array_get(s->items, s->item_idx++);
            if (!json_is_object(item) || !item_matches(ts, item))
                continue;
            if (ts->explode) {
                json_t *arr = p1_json_path(item, ts->explode);
                if (json_is_array(arr)) {
                    s->outer = item;
                    s->sub = arr;
                    s->sub_idx = 0;
                }
                continue;
            }
            if (s->plan->dedupe) {
                const char *id = json_string_value(json_object_get(item, "id"));
                int added = id ? idset_add(&s->seen, id) : 1;
                if (added < 0)
                    return err_set(e, "HY001", "Out of memory while removing duplicate rows.");
                if (added == 0)
                    continue;
            }
            return emit(s, item, NULL, row, e);
        }
        drop_page(s);
        int rc;
        if (s->next_url) {
            char *url = s->next_url;
            s->next_url = NULL;
            rc = fetch_list(s, url, e);
            free(url);
        } else if (s->fanning) {
            rc = fan_step(s, e);
            if (rc == 0)
                continue;
            if (rc > 0)
                rc = 0;
        } else if (s->req_idx < s->plan->nreqs) {
            const p1_request *r = &s->plan->reqs[s->req_idx++];
            s->parent_key = r->parent_key;
            if (r->fanout) {
                s->fanning = 1;
                s->parent_key = NULL;
                rc = fetch_parents(s, r->url, e);
            } else {
                rc = r->single ? fetch_single(s, r->url, e) : fetch_list(s, r->url, e);
            }
        } else {
            s->done = 1;
            return 0;
        }
        if (rc < 0) {
            s->done = 1;
            drop_page(s);
            return -1;
        }
    }
}

void p1_scan_cancel(scan *s)
{
    if (s)
        atomic_store(&s->cancelled, 1);
}

int p1_scan_count(p1api *api, const scan_plan *plan, int64_t *n, long *requests, err *e)
{
    const p1_plan *pp = plan->priv;
    *requests = 0;
    if (!pp || !plan->exact || pp->nreqs != 1 || pp->reqs[0].single || pp->reqs[0].parent_key ||
        pp->reqs[0].fanout || pp->rows)
        return 0;
    /* the list URL always ends with "limit=<n>": ask for one row */
    const char *url = pp->reqs[0].url;
    const char *lim = strstr(url, "limit=");
    if (!lim)
        return 0;
    strbuf u;
    sb_init(&u);
    sb_append_len(&u, url, (size_t)(lim - url));
    sb_append(&u, "limit=1");
    char what[96];
    snprintf(what, sizeof what, "Counting %s", p1_table_source(plan->table)->noun);
    json_t *page;
    int rc = p1api_get_json(api, u.data, what, 0, &page, requests, e);
    sb_free(&u);
    if (rc < 0)
        return -1;
    json_t *count = json_object_get(page, "count");
    int known = json_is_integer(count) && json_integer_value(count) >= 0;
    if (known)
        *n = (int64_t)json_integer_value(count);
    json_decref(page);
    return known;
}

long p1_scan_requests(scan *s)
{
    return s ? s->requests : 0;
}

void p1_scan_close(scan *s)
{
    if (!s)
        return;
    drop_page(s);
    free(s->next_url);
    free(s->fan_next);
    free(s->own_key);
    p1_fanout_free(s->fan);
    idset_free(&s->seen);
    free(s);
}
