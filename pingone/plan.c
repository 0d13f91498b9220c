/** @file plan.c  Request planning for PingOne scans (see plan.h). */
#include "pingone/plan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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
} planner;

/** Record one explain line (at most 5 are kept, then a count). */
static void explain_line(planner *pl, const char *path, const char *filter, int limit)
{
    pl->nexplain++;
    if (pl->nexplain > 5)
        return;
    if (pl->explain.len)
        sb_append_char(&pl->explain, '\n');
    sb_printf(&pl->explain, "GET /environments/{env}/%s", path);
    if (filter || limit > 0)
        sb_append_char(&pl->explain, '?');
    if (filter)
        sb_printf(&pl->explain, "filter=%s%s", filter, limit > 0 ? "&" : "");
    if (limit > 0)
        sb_printf(&pl->explain, "limit=%d", limit);
}

/** Start a URL: <api_base>/environments/<env>/ */
static void url_start(planner *pl, strbuf *sb)
{
    sb_printf(sb, "%s/environments/", pl->api_base);
    p1_url_encode(sb, pl->env_id);
    sb_append_char(sb, '/');
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

/** Plan the parent-key fan-out (UserGroupAssociations). */
static int plan_parent(planner *pl, conj_list *cl, scan_plan *plan, err *e)
{
    const table_def *t = pl->t;
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
                if (leaves[k]->vals[j].type != SQLT_TEXT)
                    ok = 0;
        if (ok)
            key = c;
    }
    if (!key)
        return err_set(e, "0A000", "%s needs a %s condition, e.g. WHERE %s = '...' (or %s IN (...)); "
                       "PingOne lists %s only per %s.", t->name, t->cols[pc].name, t->cols[pc].name,
                       t->cols[pc].name, pl->ts->noun, t->cols[pc].name);
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
        strbuf path, xpath;
        sb_init(&path);
        sb_init(&xpath);
        sb_printf(&path, "%s/", pl->ts->parent);
        p1_url_encode(&path, vals[i].u.s.ptr);
        sb_printf(&path, "/%s", pl->ts->collection);
        sb_printf(&xpath, "%s/%s/%s", pl->ts->parent, vals[i].u.s.ptr, pl->ts->collection);
        rc = add_list(pl, path.data, xpath.data, NULL, vals[i].u.s.ptr);
        sb_free(&path);
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

/** Typical row counts of an unfiltered listing, for estimates. */
static double typical_rows(const p1_table_src *ts)
{
    if (strcmp(ts->collection, "users") == 0)
        return 10000;
    if (strcmp(ts->collection, "groups") == 0)
        return 100;
    return 5;
}

/** Plan filtered list requests from the pushed conjuncts. */
static int plan_lists(planner *pl, conj_list *cl, scan_plan *plan, err *e)
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
        int last = -1;
        for (int i = 0; i < cl->n; i++) {
            cons *c = cl->v[i];
            if (!c->pushed || c == split)
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
    scim_unmark(plan->where);
    int rc;
    /* exactness is decided before requests are built: it sizes the pages */
    if (pl.ts->parent_col < 0) {
        for (int i = 0; i < cl.n; i++)
            scim_mark(pl.t, plan->pushdown, cl.v[i], 1);
    }
    cons *idc = NULL;
    if (pl.ts->parent_col < 0 && pl.ts->id_col >= 0) {
        for (int i = 0; i < cl.n && !idc; i++) {
            cons *c = cl.v[i];
            if (c->pushed && c->col == pl.ts->id_col && !c->nkids &&
                (c->op == CONS_EQ || (c->op == CONS_IN && c->nvals <= P1_ID_GET_MAX)))
                idc = c;
        }
        if (idc)
            for (int i = 0; i < cl.n; i++)
                if (cl.v[i] != idc)
                    scim_unmark(cl.v[i]);
    }
    int all = 1, text = 0;
    for (int i = 0; i < cl.n; i++) {
        all &= cl.v[i]->pushed;
        text |= cl.v[i]->pushed && scim_has_text(pl.t, cl.v[i]);
    }
    plan->exact = pl.ts->parent_col < 0 && all && !text && !idc;
    pl.pp->page_limit = pagesize;
    if (plan->exact && plan->limit > 0 && plan->limit < pagesize)
        pl.pp->page_limit = (int)plan->limit;

    if (pl.ts->parent_col >= 0)
        rc = plan_parent(&pl, &cl, plan, e);
    else if (idc)
        rc = plan_id_gets(&pl, idc, plan, e);
    else
        rc = plan_lists(&pl, &cl, plan, e);
    /* plan_lists may have dropped pushes: recompute exactness conservatively */
    for (int i = 0; i < cl.n; i++)
        if (!cl.v[i]->pushed)
            plan->exact = 0;
    mark_ands(plan->where);
    free(cl.v);
    if (pl.nexplain > 5)
        sb_printf(&pl.explain, "\n... %d more requests like these", pl.nexplain - 5);
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
        free(pp);
    }
    plan->priv = NULL;
    free(plan->explain);
    plan->explain = NULL;
}
