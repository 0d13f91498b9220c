/** @file plan.c  Request planning for PingOne scans (see plan.h). */
#include "pingone/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/strbuf.h"
#include "pingone/catalog.h"
#include "pingone/scim_filter.h"
#include "pingone/url.h"

/** Growable list of top-level conjuncts. */
typedef struct conj_list {
    cons **v;
    int    n, cap;
} conj_list;

/** Add the top-level conjuncts of c (flattening nested ANDs). Returns 0 or -1. */
static int flatten(cons *c, conj_list *l)
{
    if (!c)
        return 0;
    if (c->op == CONS_AND) {
        for (int i = 0; i < c->nkids; i++)
            if (flatten(c->kids[i], l) < 0)
                return -1;
        return 0;
    }
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        cons **v = realloc(l->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = c;
    return 0;
}

/** After marking the conjuncts, set ->pushed on the AND nodes above them. */
static int mark_ands(cons *c)
{
    if (!c)
        return 1;
    if (c->op != CONS_AND)
        return c->pushed;
    int all = c->nkids > 0;
    for (int i = 0; i < c->nkids; i++)
        if (!mark_ands(c->kids[i]))
            all = 0;
    c->pushed = all;
    return all;
}

/** Append a request; url is taken over. Returns 0 or -1. */
static int add_request(p1_plan *pp, char *url, int single, const char *parent_key)
{
    p1_request *r = realloc(pp->reqs, (size_t)(pp->nreqs + 1) * sizeof *r);
    if (!r || !url) {
        free(url);
        if (r)
            pp->reqs = r;
        return -1;
    }
    pp->reqs = r;
    r[pp->nreqs].url = url;
    r[pp->nreqs].single = single;
    r[pp->nreqs].fanout = 0;
    r[pp->nreqs].parent_key = parent_key ? strdup(parent_key) : NULL;
    if (parent_key && !r[pp->nreqs].parent_key) {
        free(url);
        return -1;
    }
    pp->nreqs++;
    return 0;
}

/** Non-zero when s equals an earlier value vals[0..n-1] (bytewise). */
static int seen_before(const sql_value *vals, int n, const sql_value *v)
{
    for (int i = 0; i < n; i++)
        if (vals[i].u.s.len == v->u.s.len && memcmp(vals[i].u.s.ptr, v->u.s.ptr, v->u.s.len) == 0)
            return 1;
    return 0;
}

/** Planning state shared by the helpers below. */
typedef struct planner {
    const table_def    *t;
    const p1_table_src *ts;
    const char         *api_base;
    const char         *env_id;
    p1_plan            *pp;
    strbuf              explain;
    int                 nexplain;
    int                 root;     /**< table lives below the API base, not an environment */
} planner;

/** Record one explain line (at most 5 are kept, then a count). */
static void explain_line(planner *pl, const char *path, const char *filter, int limit)
{
    pl->nexplain++;
    if (pl->nexplain > 5)
        return;
    if (pl->explain.len)
        sb_append_char(&pl->explain, '\n');
    sb_printf(&pl->explain, pl->root ? "GET /%s" : "GET /environments/{env}/%s", path);
    if (filter || limit > 0)
        sb_append_char(&pl->explain, '?');
    if (filter)
        sb_printf(&pl->explain, "filter=%s%s", filter, limit > 0 ? "&" : "");
    if (limit > 0)
        sb_printf(&pl->explain, "limit=%d", limit);
}

/** Start a URL: <api_base>/environments/<env>/ (or <api_base>/ for root tables). */
static void url_start(planner *pl, strbuf *sb)
{
    sb_append(sb, pl->pp->env_base);
}

/** Append the member filter of t for key (quoted) to sb. Returns 0 or -1. */
static int member_filter_text(const p1_table_src *ts, const char *key, strbuf *sb)
{
    strbuf q;
    sb_init(&q);
    scim_quote(&q, key, strlen(key));
    const char *pct = strstr(ts->member_filter, "%s");
    int rc = -1;
    if (pct && q.data) {
        sb_append_len(sb, ts->member_filter, (size_t)(pct - ts->member_filter));
        sb_append(sb, q.data);
        rc = sb_append(sb, pct + 2);
    }
    sb_free(&q);
    return rc;
}

char *p1_plan_child_url(const p1_plan *pp, const char *key)
{
    const p1_table_src *ts = p1_table_source(pp->table);
    strbuf u;
    sb_init(&u);
    sb_append(&u, pp->env_base);
    if (ts->member_filter) {
        strbuf f;
        sb_init(&f);
        sb_printf(&u, "%s?filter=", ts->collection);
        member_filter_text(ts, key, &f);
        if (f.data)
            p1_url_encode(&u, f.data);
        sb_free(&f);
        sb_append_char(&u, '&');
    } else {
        sb_printf(&u, "%s/", ts->parent);
        p1_url_encode(&u, key);
        sb_printf(&u, "/%s?", ts->collection);
        if (pp->child_filter) {
            sb_append(&u, "filter=");
            p1_url_encode(&u, pp->child_filter);
            sb_append_char(&u, '&');
        }
    }
    sb_printf(&u, "limit=%d", pp->page_limit);
    return sb_steal(&u);
}

/** Add a list request for collection path (already encoded) with optional filter. */
static int add_list(planner *pl, const char *path, const char *explain_path, const char *filter,
                    const char *parent_key)
{
    strbuf u;
    sb_init(&u);
    url_start(pl, &u);
    sb_append(&u, path);
    sb_append_char(&u, '?');
    if (filter) {
        sb_append(&u, "filter=");
        p1_url_encode(&u, filter);
        sb_append_char(&u, '&');
    }
    sb_printf(&u, "limit=%d", pl->pp->page_limit);
    explain_line(pl, explain_path, filter, pl->pp->page_limit);
    if (filter && !pl->pp->filter)
        pl->pp->filter = strdup(filter);
    return add_request(pl->pp, sb_steal(&u), 0, parent_key);
}

/** Typical row counts of an unfiltered listing, for estimates. */
static double typical_rows_of(const char *collection)
{
    if (strcmp(collection, "users") == 0)
        return 10000;
    if (strcmp(collection, "groups") == 0)
        return 100;
    if (strcmp(collection, "activities") == 0)
        return 1000;
    return 5;
}

/** The text value of an EQ conjunct on column name (or NULL). */
static const char *eq_text_on(planner *pl, conj_list *cl, const char *name)
{
    int col = p1_col_index(pl->t, name);
    for (int i = 0; col >= 0 && i < cl->n; i++) {
        cons *c = cl->v[i];
        if (c->op == CONS_EQ && c->col == col && c->nvals == 1 && c->vals[0].type == SQLT_TEXT &&
            c->vals[0].u.s.len > 0 && strlen(c->vals[0].u.s.ptr) == c->vals[0].u.s.len)
            return c->vals[0].u.s.ptr;
    }
    return NULL;
}

/**
 * No parent key: list the parents, then each parent's children (one
 * request at a time). UserGroupAssociations with GroupId = 'g' lists only
 * the users of g (the cheaper direction).
 */
static int plan_fanout(planner *pl, conj_list *cl, scan_plan *plan, err *e)
{
    const table_def *t = pl->t;
    const p1_table_src *ts = pl->ts;
    const char *pname = t->cols[ts->parent_col].name;
    char *parent_filter = NULL;
    const char *gid = strcmp(ts->parent, "users") == 0 && !ts->member_filter ?
                      eq_text_on(pl, cl, "GroupId") : NULL;
    if (gid) {
        strbuf f;
        sb_init(&f);
        sb_append(&f, "memberOfGroups[id eq ");
        scim_quote(&f, gid, strlen(gid));
        sb_append_char(&f, ']');
        parent_filter = sb_steal(&f);
        if (!parent_filter)
            return err_set(e, "HY001", "Out of memory while planning a scan.");
    }
    strbuf u;
    sb_init(&u);
    url_start(pl, &u);
    sb_printf(&u, "%s?", ts->parent);
    if (parent_filter) {
        sb_append(&u, "filter=");
        p1_url_encode(&u, parent_filter);
        sb_append_char(&u, '&');
    }
    sb_printf(&u, "limit=%d", pl->pp->page_limit);
    explain_line(pl, ts->parent, parent_filter, pl->pp->page_limit);
    if (parent_filter && !pl->pp->filter)
        pl->pp->filter = strdup(parent_filter);
    if (add_request(pl->pp, sb_steal(&u), 0, NULL) < 0) {
        free(parent_filter);
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    }
    pl->pp->reqs[pl->pp->nreqs - 1].fanout = 1;
    /* the per-parent template, for EXPLAIN */
    strbuf x;
    sb_init(&x);
    if (ts->member_filter) {
        sb_printf(&x, "%s?filter=", ts->collection);
        char ph[64];
        snprintf(ph, sizeof ph, "{%s}", pname);
        strbuf f;
        sb_init(&f);
        const char *pct = strstr(ts->member_filter, "%s");
        sb_append_len(&f, ts->member_filter, pct ? (size_t)(pct - ts->member_filter) : 0);
        sb_printf(&f, "\"%s\"%s", ph, pct ? pct + 2 : "");
        sb_append(&x, f.data ? f.data : "");
        sb_free(&f);
        sb_printf(&x, "&limit=%d", pl->pp->page_limit);
    } else {
        sb_printf(&x, "%s/{%s}/%s?", ts->parent, pname, ts->collection);
        if (pl->pp->child_filter)
            sb_printf(&x, "filter=%s&", pl->pp->child_filter);
        sb_printf(&x, "limit=%d", pl->pp->page_limit);
    }
    sb_printf(&pl->explain, "\nthen for each of them (fan-out, at most %d requests in flight, at most "
              "%d parents): GET %s%s", P1_FANOUT_CONCURRENCY, P1_FANOUT_MAX_PARENTS,
              pl->root ? "/" : "/environments/{env}/", x.data ? x.data : "");
    sb_free(&x);
    double parents = parent_filter ? 50 : typical_rows_of(ts->parent);
    free(parent_filter);
    plan->est_requests = 1 + parents;
    plan->est_rows = 3.0 * parents;
    return 0;
}

/** Non-zero when c holds an OR, or an IN with several values. */
static int has_or(const cons *c)
{
    if (c->op == CONS_OR && c->nkids > 1)
        return 1;
    if (c->op == CONS_IN && c->nvals > 1)
        return 1;
    for (int i = 0; i < c->nkids; i++)
        if (has_or(c->kids[i]))
            return 1;
    return 0;
}


/**
 * Endpoint limits on the pushed conjuncts (skipping `keep`): without `or`
 * (no_or) no OR or multi-value IN; with a single-term endpoint only the first
 * pushed plain comparison stays pushed.
 */
static void limit_terms(planner *pl, conj_list *cl, const cons *keep)
{
    int one = p1_table_one_term(pl->t), kept = 0;
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        if (c == keep || !c->pushed)
            continue;
        if ((pl->ts->no_or || one) && has_or(c))
            scim_unmark(c);
        else if (one && (kept || c->nkids))
            scim_unmark(c);
        else if (one)
            kept = 1;
    }
}

/**
 * Child tables: the conditions besides the parent key that the child
 * endpoint accepts become pp->child_filter (sent on every child listing).
 */
static int plan_child_filter(planner *pl, conj_list *cl, const cons *key, int pushdown)
{
    if (pl->ts->member_filter)
        return 0;
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        if (c == key)
            continue;
        scim_mark(pl->t, pushdown, c, 0);
    }
    limit_terms(pl, cl, key);
    strbuf f;
    sb_init(&f);
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        if (c == key || !c->pushed)
            continue;
        if (f.len)
            sb_append(&f, " and ");
        scim_render(pl->t, c, 0, c->nvals, &f);
        if (f.len > SCIM_MAX_BASE) { /* too long: keep it local */
            sb_free(&f);
            for (int k = 0; k < cl->n; k++)
                if (cl->v[k] != key)
                    scim_unmark(cl->v[k]);
            return 0;
        }
    }
    if (f.len) {
        if (!(pl->pp->child_filter = sb_steal(&f)))
            return -1;
        if (!pl->pp->filter && !(pl->pp->filter = strdup(pl->pp->child_filter)))
            return -1;
    }
    sb_free(&f);
    return 0;
}

/** Plan the parent-key listing (UserGroupAssociations and the other child tables). */
static int plan_parent(planner *pl, conj_list *cl, scan_plan *plan, err *e)
{
    cons *key0 = NULL;
    int pc = pl->ts->parent_col;
    cons *key = NULL;
    for (int i = 0; i < cl->n && !key; i++) {
        cons *c = cl->v[i];
        int ok = 0;
        if ((c->op == CONS_EQ || c->op == CONS_IN) && c->col == pc) {
            ok = 1;
        } else if (c->op == CONS_OR && c->nkids > 0) {
            ok = 1;
            for (int k = 0; k < c->nkids; k++)
                if (!(c->kids[k]->op == CONS_EQ || c->kids[k]->op == CONS_IN) || c->kids[k]->col != pc ||
                    c->kids[k]->nkids)
                    ok = 0;
        }
        if (!ok)
            continue;
        /* every value must be text */
        cons **leaves = c->op == CONS_OR ? c->kids : &c;
        int nleaves = c->op == CONS_OR ? c->nkids : 1;
        for (int k = 0; k < nleaves; k++)
            for (int j = 0; j < leaves[k]->nvals; j++)
                if (leaves[k]->vals[j].type != SQLT_TEXT || leaves[k]->vals[j].u.s.len == 0 ||
                    strlen(leaves[k]->vals[j].u.s.ptr) != leaves[k]->vals[j].u.s.len)
                    ok = 0;
        if (ok)
            key = c;
    }
    key0 = key;
    if (plan_child_filter(pl, cl, key0, plan->pushdown) < 0)
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    if (!key)
        return plan_fanout(pl, cl, plan, e);
    key->pushed = 1;
    for (int k = 0; k < key->nkids; k++)
        key->kids[k]->pushed = 1;
    cons **leaves = key->op == CONS_OR ? key->kids : &key;
    int nleaves = key->op == CONS_OR ? key->nkids : 1;
    /* distinct key values, in order */
    int total = 0;
    for (int k = 0; k < nleaves; k++)
        total += leaves[k]->nvals;
    sql_value *vals = calloc((size_t)(total ? total : 1), sizeof *vals);
    if (!vals)
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    int n = 0;
    for (int k = 0; k < nleaves; k++)
        for (int j = 0; j < leaves[k]->nvals; j++)
            if (!seen_before(vals, n, &leaves[k]->vals[j]))
                vals[n++] = leaves[k]->vals[j]; /* shallow copy, not owned */
    int rc = 0;
    for (int i = 0; i < n && rc == 0; i++) {
        strbuf xpath;
        sb_init(&xpath);
        const char *key_text = vals[i].u.s.ptr;
        if (pl->ts->member_filter) {
            strbuf f;
            sb_init(&f);
            member_filter_text(pl->ts, key_text, &f);
            explain_line(pl, pl->ts->collection, f.data, pl->pp->page_limit);
            if (f.data && !pl->pp->filter)
                pl->pp->filter = strdup(f.data);
            sb_free(&f);
        } else {
            sb_printf(&xpath, "%s/%s/%s", pl->ts->parent, key_text, pl->ts->collection);
            explain_line(pl, xpath.data, pl->pp->child_filter, pl->pp->page_limit);
        }
        rc = add_request(pl->pp, p1_plan_child_url(pl->pp, key_text), 0, key_text);
        sb_free(&xpath);
    }
    free(vals);
    if (rc < 0)
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    plan->est_requests = n;
    plan->est_rows = 3.0 * n;
    return 0;
}

/** Plan single-item GETs for the values of an Id EQ/IN conjunct. */
static int plan_id_gets(planner *pl, cons *idc, scan_plan *plan, err *e)
{
    int n = 0;
    for (int j = 0; j < idc->nvals; j++) {
        if (seen_before(idc->vals, j, &idc->vals[j]))
            continue;
        strbuf u, xpath;
        sb_init(&u);
        sb_init(&xpath);
        url_start(pl, &u);
        sb_printf(&u, "%s/", pl->ts->collection);
        p1_url_encode(&u, idc->vals[j].u.s.ptr);
        sb_printf(&xpath, "%s/%s", pl->ts->collection, idc->vals[j].u.s.ptr);
        explain_line(pl, xpath.data, NULL, 0);
        sb_free(&xpath);
        if (add_request(pl->pp, sb_steal(&u), 1, NULL) < 0)
            return err_set(e, "HY001", "Out of memory while planning a scan.");
        n++;
    }
    pl->pp->dedupe = n > 1;
    plan->est_requests = n;
    plan->est_rows = n;
    return 0;
}

/** Order values case-insensitively (so case variants land in one chunk). */
static int cmp_ci(const void *a, const void *b)
{
    const sql_value *x = a, *y = b;
    return strcasecmp(x->u.s.ptr, y->u.s.ptr);
}

/** Typical row count of an unfiltered listing of ts, for estimates. */
static double typical_rows(const p1_table_src *ts)
{
    return typical_rows_of(ts->collection);
}

/** Plan filtered list requests from the pushed conjuncts. */
static int plan_lists(planner *pl, conj_list *cl, const char *range, scan_plan *plan, err *e)
{
    const table_def *t = pl->t;
    cons *split = NULL;
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        if (c->pushed && c->op == CONS_IN && c->nvals > SCIM_IN_CHUNK) {
            if (!split && t->cols[c->col].type == SQLT_TEXT)
                split = c;
            else
                c->pushed = 0;
        }
    }
    /* base filter: pushed conjuncts except the split IN, dropped from the end while too long */
    strbuf base;
    sb_init(&base);
    for (;;) {
        sb_reset(&base);
        if (range && *range)
            sb_append(&base, range);
        int last = -1;
        for (int i = 0; i < cl->n; i++) {
            cons *c = cl->v[i];
            if (!c->pushed || c == split || (pl->ts->range_col >= 0 && c->col == pl->ts->range_col))
                continue;
            if (base.len)
                sb_append(&base, " and ");
            scim_render(t, c, 0, c->nvals, &base);
            last = i;
        }
        if (base.len <= SCIM_MAX_BASE || last < 0)
            break;
        scim_unmark(cl->v[last]);
    }
    int rc = 0;
    if (!split) {
        rc = add_list(pl, pl->ts->collection, pl->ts->collection, base.len ? base.data : NULL, NULL);
    } else {
        /* distinct values sorted case-insensitively; chunks never split a case-insensitive run */
        sql_value *vals = calloc((size_t)split->nvals, sizeof *vals);
        int n = 0;
        if (!vals) {
            sb_free(&base);
            return err_set(e, "HY001", "Out of memory while planning a scan.");
        }
        for (int j = 0; j < split->nvals; j++)
            if (!seen_before(vals, n, &split->vals[j]))
                vals[n++] = split->vals[j]; /* shallow copy */
        qsort(vals, (size_t)n, sizeof *vals, cmp_ci);
        cons tmp = *split;
        tmp.vals = vals;
        tmp.nvals = n;
        strbuf f;
        sb_init(&f);
        int from = 0, nchunks = 0;
        while (from < n && rc == 0) {
            int to = from;
            size_t bytes = 0;
            while (to < n) {
                size_t vb = vals[to].u.s.len + strlen(pl->ts->src[split->col].json_path) + 12;
                int same_run = to > from && strcasecmp(vals[to].u.s.ptr, vals[to - 1].u.s.ptr) == 0;
                if (!same_run && to > from && (to - from >= SCIM_IN_CHUNK || bytes + vb > SCIM_MAX_CHUNK))
                    break;
                bytes += vb;
                to++;
            }
            sb_reset(&f);
            if (base.len) {
                sb_append(&f, base.data);
                sb_append(&f, " and ");
            }
            scim_render(t, &tmp, from, to, &f);
            rc = add_list(pl, pl->ts->collection, pl->ts->collection, f.data, NULL);
            nchunks++;
            from = to;
        }
        sb_free(&f);
        free(vals);
        pl->pp->dedupe = nchunks > 1;
    }
    sb_free(&base);
    if (rc < 0)
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    int filtered = 0;
    for (int i = 0; i < cl->n; i++)
        filtered |= cl->v[i]->pushed;
    double rows = typical_rows(pl->ts);
    if (filtered)
        rows = split ? split->nvals : rows / 100 < 1 ? 1 : rows / 100;
    if (plan->exact && plan->limit >= 0 && rows > (double)plan->limit)
        rows = (double)plan->limit;
    plan->est_rows = rows;
    double per = ceil(rows / pl->pp->nreqs / pl->pp->page_limit);
    plan->est_requests = pl->pp->nreqs * (per < 1 ? 1 : per);
    return 0;
}

/** Non-zero when the endpoint of ts accepts some filter besides single-item GETs. */
static int has_filter(const table_def *t)
{
    const p1_table_src *ts = p1_table_source(t);
    for (int i = 0; i < t->ncols; i++)
        if (i != ts->id_col && ts->src[i].ops)
            return 1;
    return 0;
}


/** Timestamp (ms) of a range value: TIMESTAMP, or TEXT in ISO-8601. Returns 0 or -1. */
static int range_value(const sql_value *v, int64_t *ms)
{
    if (v->type == SQLT_TIMESTAMP) {
        *ms = v->u.i;
        return 0;
    }
    if (v->type == SQLT_TEXT && v->u.s.ptr)
        return ts_parse_iso8601(v->u.s.ptr, ms);
    return -1;
}

/** Append `attr op "YYYY-MM-DDTHH:MM:SS.fffZ"`. */
static void render_range(strbuf *sb, const char *attr, const char *op, int64_t ms)
{
    int y, mo, d, h, mi, se, f;
    ts_split(ms, &y, &mo, &d, &h, &mi, &se, &f);
    if (sb->len)
        sb_append(sb, " and ");
    sb_printf(sb, "%s %s \"%04d-%02d-%02dT%02d:%02d:%02d.%03dZ\"", attr, op, y, mo, d, h, mi, se, f);
}

/**
 * AuditActivities: push the RecordedAt comparisons (marked pushed; under
 * every PushDown, since PingOne requires a range) as the range PingOne
 * requires: the tightest lower bound and the tightest upper bound only
 * (one of each, as the documented filter shapes have); add the default
 * window for a missing bound. Fills *out (malloc'd filter text). Returns 0
 * or -1 (out of memory).
 */
static int plan_range(planner *pl, conj_list *cl, char **out)
{
    strbuf sb;
    sb_init(&sb);
    int lower = 0, upper = 0;
    int64_t lo_ms = 0, hi_ms = 0;
    const char *lo_op = "ge", *hi_op = "le";
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        int64_t ms;
        if (c->nkids || c->col != pl->ts->range_col || c->nvals != 1 || range_value(&c->vals[0], &ms) < 0)
            continue;
        if (c->op == CONS_GT || c->op == CONS_GE) {
            /* a later instant is tighter; at the same instant gt is tighter than ge */
            if (!lower || ms > lo_ms || (ms == lo_ms && c->op == CONS_GT)) {
                lo_ms = ms;
                lo_op = c->op == CONS_GT ? "gt" : "ge";
            }
            lower = 1;
        } else if (c->op == CONS_LT || c->op == CONS_LE) {
            if (!upper || ms < hi_ms || (ms == hi_ms && c->op == CONS_LT)) {
                hi_ms = ms;
                hi_op = c->op == CONS_LT ? "lt" : "le";
            }
            upper = 1;
        } else {
            continue;
        }
        c->pushed = 1; /* the range is required by PingOne: sent whatever PushDown says */
    }
    if (!lower || !upper) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        int64_t now_ms = (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
        int64_t window = (int64_t)P1_ACTIVITY_DEFAULT_DAYS * 86400000;
        if (!upper)
            hi_ms = lower && lo_ms > now_ms ? lo_ms + window : now_ms;
        if (!lower)
            lo_ms = hi_ms - window;
        pl->pp->default_window = 1;
    }
    render_range(&sb, pl->ts->range_attr, lo_op, lo_ms);
    render_range(&sb, pl->ts->range_attr, hi_op, hi_ms);
    *out = sb_steal(&sb);
    return *out ? 0 : -1;
}

/** Push rank of an /activities filter attribute (lower first), or 0 when it has none. */
enum { ACT_RESOURCE_ID = 1, ACT_ACTOR, ACT_ACTION, ACT_RESOURCE_TYPE, ACT_POPULATION,
       ACT_CORRELATION };

/** The group (ACT_*) of the /activities filter attribute path, or 0. */
static int activity_group(const char *path)
{
    if (!path)
        return 0;
    if (strcmp(path, "resources.id") == 0)
        return ACT_RESOURCE_ID;
    if (strcmp(path, "actors.client.id") == 0 || strcmp(path, "actors.user.id") == 0 ||
        strcmp(path, "actors.user.name") == 0)
        return ACT_ACTOR;
    if (strcmp(path, "action.type") == 0)
        return ACT_ACTION;
    if (strcmp(path, "resources.type") == 0)
        return ACT_RESOURCE_TYPE;
    if (strcmp(path, "resources.population.id") == 0)
        return ACT_POPULATION;
    if (strcmp(path, "correlationId") == 0)
        return ACT_CORRELATION;
    return 0;
}

/**
 * The column of a pushed conjunct that is one /activities term: = or IN on
 * a column, or an OR of = / IN on one column (sent as an or-chain of eq).
 * Returns the column, or -1 for anything else.
 */
static int activity_term_col(const cons *c)
{
    if (!c->pushed)
        return -1;
    if (!c->nkids)
        return c->op == CONS_EQ || c->op == CONS_IN ? c->col : -1;
    if (c->op != CONS_OR)
        return -1;
    for (int k = 0; k < c->nkids; k++) {
        const cons *kid = c->kids[k];
        if (kid->nkids || (kid->op != CONS_EQ && kid->op != CONS_IN) || kid->col != c->kids[0]->col)
            return -1;
    }
    return c->nkids ? c->kids[0]->col : -1;
}

/**
 * AuditActivities: PingOne takes, besides the date range, one of
 * population; actor (+ population); action type (+ population); resource
 * ID; resource type (+ population) (pingone-api.md 5.3), and correlation ID
 * (a term of its own). Keep pushed the most selective documented group
 * present (resource ID, actor, action type, resource type, then population
 * alone, then correlation ID: the documented shapes before the inferred
 * one), with population where it may join; unmark every other conjunct
 * (the engine applies the whole WHERE locally anyway). RecordedAt
 * conjuncts are left to plan_range.
 */
static void limit_activity_terms(planner *pl, conj_list *cl)
{
    cons *best = NULL, *pop = NULL;
    int best_group = 0;
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        int col = activity_term_col(c);
        int g = col >= 0 ? activity_group(pl->ts->src[col].json_path) : 0;
        if (g == ACT_POPULATION) {
            if (!pop)
                pop = c;
        } else if (g && (!best || g < best_group)) {
            best = c;
            best_group = g;
        }
    }
    if (best_group == ACT_CORRELATION && pop)
        best = NULL; /* population alone is documented: preferred */
    if (best && best_group != ACT_ACTOR && best_group != ACT_ACTION && best_group != ACT_RESOURCE_TYPE)
        pop = NULL;
    for (int i = 0; i < cl->n; i++) {
        cons *c = cl->v[i];
        if (c != best && c != pop && !(c->col == pl->ts->range_col && !c->nkids))
            scim_unmark(c);
    }
}

int p1_plan_build(const char *api_base, const char *env_id, int pagesize, scan_plan *plan, err *e)
{
    planner pl = {.t = plan->table, .ts = p1_table_source(plan->table), .api_base = api_base,
                  .env_id = env_id};
    sb_init(&pl.explain);
    plan->priv = NULL;
    plan->explain = NULL;
    pl.pp = calloc(1, sizeof *pl.pp);
    conj_list cl = {0};
    if (!pl.pp || flatten(plan->where, &cl) < 0) {
        free(pl.pp);
        free(cl.v);
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    }
    plan->priv = pl.pp;
    pl.pp->table = plan->table;
    pl.root = pl.ts->root;
    {
        strbuf b;
        sb_init(&b);
        sb_printf(&b, "%s/", api_base);
        if (!pl.root) {
            sb_append(&b, "environments/");
            p1_url_encode(&b, env_id ? env_id : "");
            sb_append_char(&b, '/');
        }
        pl.pp->env_base = sb_steal(&b);
        if (!pl.pp->env_base) {
            free(cl.v);
            return err_set(e, "HY001", "Out of memory while planning a scan.");
        }
    }
    scim_unmark(plan->where);
    int rc;
    if (pl.ts->kind == P1_SCHEMA_SYS) {
        /* rows are made in memory by the provider: nothing is pushed */
        free(cl.v);
        plan->exact = 0;
        plan->est_requests = 0;
        plan->est_rows = 100;
        sb_append(&pl.explain, "no request: system table made in memory");
        plan->explain = sb_steal(&pl.explain);
        return 0;
    }
    int filterable = has_filter(pl.t);
    /* exactness is decided before requests are built: it sizes the pages */
    if (pl.ts->parent_col < 0) {
        for (int i = 0; i < cl.n; i++) {
            scim_mark(pl.t, plan->pushdown, cl.v[i], 1);
            if (cl.v[i]->pushed && pl.ts->no_or && has_or(cl.v[i]) &&
                !(cl.v[i]->col == pl.ts->id_col && cl.v[i]->op == CONS_IN && !cl.v[i]->nkids &&
                  cl.v[i]->nvals <= P1_ID_GET_MAX))
                scim_unmark(cl.v[i]);
        }
    }
    cons *idc = NULL;
    if (pl.ts->parent_col < 0 && pl.ts->id_col >= 0) {
        for (int i = 0; i < cl.n && !idc; i++) {
            cons *c = cl.v[i];
            if (c->pushed && c->col == pl.ts->id_col && !c->nkids &&
                (c->op == CONS_EQ || (c->op == CONS_IN && c->nvals <= P1_ID_GET_MAX)))
                idc = c;
        }
        if (idc || !filterable)
            for (int i = 0; i < cl.n; i++)
                if (cl.v[i] != idc)
                    scim_unmark(cl.v[i]);
    }
    if (pl.ts->parent_col < 0 && !idc)
        limit_terms(&pl, &cl, NULL);
    if (!idc && pl.ts->range_col >= 0 && pl.ts->parent_col < 0)
        limit_activity_terms(&pl, &cl);
    char *range = NULL;
    if (!idc && pl.ts->range_col >= 0 && pl.ts->parent_col < 0 &&
        plan_range(&pl, &cl, &range) < 0) {
        free(cl.v);
        return err_set(e, "HY001", "Out of memory while planning a scan.");
    }
    int all = 1, text = 0;
    for (int i = 0; i < cl.n; i++) {
        all &= cl.v[i]->pushed;
        /* an AND/OR node has col -1: only a real range column is exempt (tables without one
           have range_col -1 too, and an OR of text tests must still make the plan inexact) */
        int is_range = pl.ts->range_col >= 0 && cl.v[i]->col == pl.ts->range_col;
        text |= cl.v[i]->pushed && !is_range && scim_has_text(pl.t, cl.v[i]);
    }
    plan->exact = pl.ts->parent_col < 0 && all && !text && !idc && !pl.ts->match_path &&
                  !pl.ts->explode && !pl.pp->default_window;
    pl.pp->page_limit = pagesize;
    if (plan->exact && plan->limit > 0 && plan->limit < pagesize)
        pl.pp->page_limit = (int)plan->limit;

    if (pl.ts->parent_col >= 0)
        rc = plan_parent(&pl, &cl, plan, e);
    else if (idc)
        rc = plan_id_gets(&pl, idc, plan, e);
    else
        rc = plan_lists(&pl, &cl, range, plan, e);
    free(range);
    /* plan_lists may have dropped pushes: recompute exactness conservatively */
    for (int i = 0; i < cl.n; i++)
        if (!cl.v[i]->pushed)
            plan->exact = 0;
    mark_ands(plan->where);
    free(cl.v);
    if (pl.nexplain > 5)
        sb_printf(&pl.explain, "\n... %d more requests like these", pl.nexplain - 5);
    if (rc == 0 && pl.pp->default_window)
        sb_printf(&pl.explain, "\n(no RecordedAt range in WHERE: the last %d days are read)",
                  P1_ACTIVITY_DEFAULT_DAYS);
    if (rc == 0)
        plan->explain = sb_steal(&pl.explain);
    sb_free(&pl.explain);
    return rc;
}

void p1_plan_free(scan_plan *plan)
{
    p1_plan *pp = plan->priv;
    if (pp) {
        for (int i = 0; i < pp->nreqs; i++) {
            free(pp->reqs[i].url);
            free(pp->reqs[i].parent_key);
        }
        free(pp->reqs);
        free(pp->filter);
        free(pp->child_filter);
        free(pp->env_base);
        json_decref(pp->rows);
        free(pp);
    }
    plan->priv = NULL;
    free(plan->explain);
    plan->explain = NULL;
}
