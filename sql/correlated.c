/**
 * @file correlated.c
 * Correlated subqueries: a subquery that names columns of an enclosing query
 * is bound with those columns as extra parameters (bind.c). While the outer
 * rows are read, each evaluation computes the outer values, and runs the
 * subquery with them bound as constants - so the inner table's provider sees
 * them as ordinary pushable conditions (e.g. UserId = 'the outer user' is
 * the parent key of UserGroupAssociations). Results are cached per
 * execution, keyed by the outer values: identical outer values run the
 * subquery once. The cache is bounded: when it would hold more than the
 * session's max_held_rows values it is emptied and refilled (results stay
 * correct, the subquery just runs again).
 */
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sql/expr.h"
#include "sql/prepared.h"

/** One cached run: the outer values and the subquery's value for them. */
typedef struct corr_entry {
    sql_value *key;     /**< nkey outer values */
    subq_val   val;     /**< the subquery's value (done = 1) */
} corr_entry;

struct corr_state {
    sql_prepared *child;    /**< the subquery (one reference held) */
    const expr   *x;        /**< its EX_SUBQ node in the enclosing query */
    int           nkey;     /**< outer values per key (child->ncorr) */
    corr_entry  **ents;     /**< cached runs */
    size_t        n, cap;
    size_t       *slots;    /**< hash table of entry index + 1 (0 empty) */
    size_t        nslots;
    long          held;     /**< values held by the cache (keys and IN lists) */
    long          requests; /**< HTTP requests made by all runs */
    long          runs;     /**< times the subquery ran */
    sql_value    *params;   /**< scratch parameter vector (child->nparams values) */
};

static int oom(err *e) { return err_set(e, "HY001", "Out of memory while running a correlated subquery."); }

/** Hash of an outer value tuple. */
static uint64_t key_hash(const sql_value *v, int n)
{
    uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < n; i++)
        h = (h ^ (sqlval_hash(&v[i]) + (uint64_t)v[i].type)) * 0x100000001b3ULL;
    return h;
}

/** Outer values are the same key only when equal with the same type (NULL equals NULL here). */
static int key_equal(const sql_value *a, const sql_value *b, int n)
{
    for (int i = 0; i < n; i++)
        if (a[i].type != b[i].type || sqlval_order(&a[i], &b[i]) != 0)
            return 0;
    return 1;
}

static void subq_val_clear(subq_val *v)
{
    sqlval_clear(&v->v);
    for (size_t k = 0; k < v->nlist; k++)
        sqlval_clear(&v->list[k]);
    free(v->list);
    memset(v, 0, sizeof *v);
}

static void entry_free(corr_entry *en, int nkey)
{
    if (!en)
        return;
    if (en->key)
        for (int i = 0; i < nkey; i++)
            sqlval_clear(&en->key[i]);
    free(en->key);
    subq_val_clear(&en->val);
    free(en);
}

/** Empty the cache (keeps the request count). */
static void cache_flush(struct corr_state *st)
{
    for (size_t i = 0; i < st->n; i++)
        entry_free(st->ents[i], st->nkey);
    st->n = 0;
    st->held = 0;
    if (st->slots)
        memset(st->slots, 0, st->nslots * sizeof *st->slots);
}

struct corr_state *corr_state_new(sql_prepared *child, const expr *x)
{
    struct corr_state *st = calloc(1, sizeof *st);
    if (!st)
        return NULL;
    st->params = calloc((size_t)(child->nparams ? child->nparams : 1), sizeof *st->params);
    if (!st->params) {
        free(st);
        return NULL;
    }
    st->child = child;
    child->refs++;
    st->x = x;
    st->nkey = child->ncorr;
    return st;
}

void corr_state_free(struct corr_state *st)
{
    if (!st)
        return;
    cache_flush(st);
    free(st->ents);
    free(st->slots);
    for (int i = 0; i < st->child->nparams; i++)
        sqlval_clear(&st->params[i]);
    free(st->params);
    sql_prepared_unref(st->child);
    free(st);
}

long subq_corr_requests(const subq_val *v, int n)
{
    long r = 0;
    if (v)
        for (int i = 0; i < n; i++)
            if (v[i].corr)
                r += v[i].corr->requests;
    return r;
}

/** Index of the cached entry for key, or -1. */
static long cache_find(const struct corr_state *st, const sql_value *key, uint64_t h)
{
    if (!st->nslots)
        return -1;
    size_t i = (size_t)h & (st->nslots - 1);
    while (st->slots[i]) {
        size_t idx = st->slots[i] - 1;
        if (key_equal(st->ents[idx]->key, key, st->nkey))
            return (long)idx;
        i = (i + 1) & (st->nslots - 1);
    }
    return -1;
}

/** Put entry index idx into the hash table. */
static void slot_put(struct corr_state *st, size_t idx)
{
    size_t i = (size_t)key_hash(st->ents[idx]->key, st->nkey) & (st->nslots - 1);
    while (st->slots[i])
        i = (i + 1) & (st->nslots - 1);
    st->slots[i] = idx + 1;
}

/** Add entry en to the cache (takes it over). Returns 0, or -1 on ENOMEM (en freed). */
static int cache_add(struct corr_state *st, corr_entry *en)
{
    if (st->n == st->cap) {
        size_t nc = st->cap ? st->cap * 2 : 16;
        corr_entry **nv = realloc(st->ents, nc * sizeof *nv);
        if (!nv) {
            entry_free(en, st->nkey);
            return -1;
        }
        st->ents = nv;
        st->cap = nc;
    }
    if ((st->n + 1) * 2 > st->nslots) {
        size_t ns = st->nslots ? st->nslots * 2 : 32;
        size_t *nv = calloc(ns, sizeof *nv);
        if (!nv) {
            entry_free(en, st->nkey);
            return -1;
        }
        free(st->slots);
        st->slots = nv;
        st->nslots = ns;
        for (size_t i = 0; i < st->n; i++)
            slot_put(st, i);
    }
    st->ents[st->n] = en;
    slot_put(st, st->n);
    st->n++;
    st->held += st->nkey + 1 + (long)en->val.nlist;
    return 0;
}

int subq_corr_value(const expr *x, const eval_ctx *c, const subq_val **out, err *e)
{
    struct corr_state *st = c->subq[x->index].corr;
    sql_prepared *ch = st->child;
    corr_entry *en = calloc(1, sizeof *en);
    if (!en || !(en->key = calloc((size_t)(st->nkey ? st->nkey : 1), sizeof *en->key))) {
        free(en);
        return oom(e);
    }
    /* the outer values, evaluated in the enclosing query's row */
    for (int k = 0; k < st->nkey; k++)
        if (expr_eval(ch->corr[k], c, &en->key[k], e) < 0) {
            entry_free(en, st->nkey);
            return -1;
        }
    uint64_t h = key_hash(en->key, st->nkey);
    long idx = cache_find(st, en->key, h);
    if (idx >= 0) {
        entry_free(en, st->nkey);
        *out = &st->ents[idx]->val;
        return 0;
    }
    /* the subquery's parameters: the inherited ones, then the outer values */
    if (!c->params && ch->nbase > 0) {
        entry_free(en, st->nkey);
        return err_set(e, "07002", "No parameter values are available to the subquery at line %d, "
                       "column %d.", x->line, x->col);
    }
    for (int i = 0; i < ch->nparams; i++) {
        sqlval_clear(&st->params[i]);
        const sql_value *src = i < ch->nbase ? (i < c->nparams ? &c->params[i] : NULL)
                                             : &en->key[i - ch->nbase];
        if (src && sqlval_copy(&st->params[i], src) < 0) {
            entry_free(en, st->nkey);
            return oom(e);
        }
    }
    st->runs++;
    if (sql_subq_fill(ch, x, st->params, c->now_ms, c->cancel, &en->val, &st->requests, e) < 0) {
        entry_free(en, st->nkey);
        return -1;
    }
    /* bounded memory: start over when the cache would hold too many values */
    long need = st->nkey + 1 + (long)en->val.nlist;
    if (st->held + need > ch->s->max_held_rows)
        cache_flush(st);
    if (cache_add(st, en) < 0)
        return oom(e);
    *out = &st->ents[st->n - 1]->val;
    return 0;
}

char *corr_explain(const sql_prepared *p, int i)
{
    const sql_prepared *c = p->subq[i];
    const expr *x = p->subq_expr[i];
    strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "subquery %d (%s, line %d, column %d) is correlated on ", i + 1,
              x->op == SQ_EXISTS ? (x->negated ? "NOT EXISTS" : "EXISTS") : x->op == SQ_IN ?
              (x->negated ? "NOT IN" : "IN") : "scalar", x->line, x->col);
    for (int k = 0; k < c->ncorr; k++) {
        if (k)
            sb_append(&sb, ", ");
        expr_print(c->corr[k], &sb);
    }
    sb_printf(&sb, ": it runs once per distinct outer value, with the value bound as a constant (so "
              "conditions on it are pushed to the inner table like literals); results are cached per "
              "execution (at most %ld values held)", p->s->max_held_rows);
    if (c->sel && c->sel->where) {
        sb_append(&sb, "; inner WHERE ");
        expr_print(c->sel->where, &sb);
    }
    char *r = sb_steal(&sb);
    sb_free(&sb);
    return r;
}
