/**
 * @file cancel.c
 * sql_result_cancel (engine.h) and the statement's cancel token (cancel.h):
 * a mutex, a fired flag and the set of provider scans open right now, shared
 * by every result of one statement's tree.
 */
#include "sql/cancel.h"

#include <pthread.h>
#include <stdlib.h>

#include "sql/engine.h"

/** One open scan and the provider that cancels it. */
typedef struct open_scan {
    provider *prov;
    scan     *sc;
} open_scan;

struct sql_cancel {
    pthread_mutex_t mu;     /**< guards everything below */
    int             refs;
    int             fired;
    open_scan      *open;   /**< scans open right now */
    size_t          nopen, cap;
};

void sql_result_cancel(sql_result *res)
{
    if (res && res->cancel)
        res->cancel(res);
}

sql_cancel *sql_cancel_new(void)
{
    sql_cancel *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (pthread_mutex_init(&c->mu, NULL) != 0) {
        free(c);
        return NULL;
    }
    c->refs = 1;
    return c;
}

sql_cancel *sql_cancel_ref(sql_cancel *c)
{
    if (c) {
        pthread_mutex_lock(&c->mu);
        c->refs++;
        pthread_mutex_unlock(&c->mu);
    }
    return c;
}

void sql_cancel_unref(sql_cancel *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    int left = --c->refs;
    pthread_mutex_unlock(&c->mu);
    if (left > 0)
        return;
    pthread_mutex_destroy(&c->mu);
    free(c->open);
    free(c);
}

void sql_cancel_fire(sql_cancel *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&c->mu);
    if (!c->fired) {
        c->fired = 1;
        for (size_t i = 0; i < c->nopen; i++)
            if (c->open[i].prov->ops->cancel)
                c->open[i].prov->ops->cancel(c->open[i].sc);
    }
    pthread_mutex_unlock(&c->mu);
}

int sql_cancel_fired(sql_cancel *c)
{
    if (!c)
        return 0;
    pthread_mutex_lock(&c->mu);
    int f = c->fired;
    pthread_mutex_unlock(&c->mu);
    return f;
}

int sql_cancel_open(sql_cancel *c, provider *prov, scan_plan *plan, scan **out, err *e)
{
    *out = NULL;
    const char *name = plan->table && plan->table->name ? plan->table->name : "the table";
    if (c && !prov->ops->cancel && sql_cancel_fired(c))
        return err_set(e, "HY008", "The statement was cancelled before the scan of %s started.", name);
    scan *sc = NULL;
    if (prov->ops->open(prov, plan, &sc, e) < 0 || !sc) {
        if (!e->set)
            err_set(e, "HY000", "The table scan of %s could not be started.", name);
        return -1;
    }
    if (!c) {
        *out = sc;
        return 0;
    }
    pthread_mutex_lock(&c->mu);
    if (c->nopen == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 4;
        open_scan *nv = realloc(c->open, nc * sizeof *nv);
        if (!nv) {
            pthread_mutex_unlock(&c->mu);
            prov->ops->close(sc);
            return err_set(e, "HY001", "Out of memory while starting the scan of %s.", name);
        }
        c->open = nv;
        c->cap = nc;
    }
    c->open[c->nopen].prov = prov;
    c->open[c->nopen].sc = sc;
    c->nopen++;
    /* a scan opened after the cancel is cancelled at once: its first next() fails */
    if (c->fired && prov->ops->cancel)
        prov->ops->cancel(sc);
    pthread_mutex_unlock(&c->mu);
    *out = sc;
    return 0;
}

void sql_cancel_close(sql_cancel *c, provider *prov, scan *sc)
{
    if (!sc)
        return;
    if (c) {
        /* once unregistered, a concurrent fire no longer touches sc */
        pthread_mutex_lock(&c->mu);
        for (size_t i = 0; i < c->nopen; i++)
            if (c->open[i].sc == sc) {
                c->open[i] = c->open[--c->nopen];
                break;
            }
        pthread_mutex_unlock(&c->mu);
    }
    prov->ops->close(sc);
}
