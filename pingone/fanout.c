/** @file fanout.c  Concurrent child listings of a fan-out (see fanout.h). */
#include "pingone/fanout.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/crypto.h>

/** What a slot is doing. */
enum slot_state {
    SLOT_IDLE,    /**< free for the next parent key */
    SLOT_RUNNING, /**< its request is in the multi handle */
    SLOT_WAIT,    /**< waiting for Retry-After before the next attempt */
    SLOT_READY    /**< holds a parsed page for the scan */
};

/** One listing in flight. */
typedef struct slot {
    struct p1_fanout  *f;
    CURL              *curl;
    enum slot_state    state;
    char              *key;       /**< parent key of the listing */
    char              *url;       /**< URL of the current page */
    struct curl_slist *headers;
    p1http_resp        resp;
    char               errbuf[CURL_ERROR_SIZE];
    int                attempts;  /**< HTTP attempts for the current page */
    int                renewed;   /**< 1 once the token was renewed for the current page */
    unsigned           token_gen; /**< token generation the request was sent with */
    long long          wake_ms;   /**< SLOT_WAIT: when to try again */
    long long          t0;        /**< start of the attempt (for the log) */
    json_t            *page;      /**< SLOT_READY: the page */
    char              *next_url;  /**< SLOT_READY: its next page, or NULL */
} slot;

struct p1_fanout {
    p1api         *api;
    const p1_plan *pp;
    atomic_int    *cancelled;
    long          *requests;
    const char    *noun;
    p1_fanout_pool *pool;        /**< holds multi and the handles when parked (p1_fanout_free) */
    CURLM         *multi;
    slot           slots[P1_FANOUT_CONCURRENCY];
    char         **queue;        /**< parent keys not started yet (FIFO) */
    size_t         qhead, qlen, qcap;
    long           total;
    char          *bearer;       /**< "Authorization: Bearer ..." (cleansed when freed) */
    unsigned       token_gen;    /**< bumped whenever bearer changes */
    char           what[160];
};

/**
 * The libcurl state a finished fan-out leaves to the next one of its p1api:
 * the multi handle (with its connection cache, i.e. the open HTTPS
 * connections, and its DNS cache) and the easy handles (with their TLS
 * session caches), none of them attached to the other.
 */
struct p1_fanout_pool {
    CURLM *multi;
    CURL  *curl[P1_FANOUT_CONCURRENCY];
};

void p1_fanout_pool_free(p1_fanout_pool *pool)
{
    if (!pool)
        return;
    for (int i = 0; i < P1_FANOUT_CONCURRENCY; i++)
        if (pool->curl[i])
            curl_easy_cleanup(pool->curl[i]);
    if (pool->multi)
        curl_multi_cleanup(pool->multi); /* closes the cached connections */
    free(pool);
}

/**
 * Take the pool parked in api, or make a new one (a fresh multi handle, no
 * easy handles yet) when none is parked, e.g. while another fan-out of the
 * same connection holds it. NULL when out of memory.
 */
static p1_fanout_pool *pool_take(p1api *api)
{
    p1_fanout_pool *pool = atomic_exchange(&api->fanout_pool, NULL);
    if (pool)
        return pool;
    if (!(pool = calloc(1, sizeof *pool)))
        return NULL;
    if (!(pool->multi = curl_multi_init())) {
        free(pool);
        return NULL;
    }
    /* keep one idle connection per concurrent listing, whatever the number of
       easy handles attached at the moment (libcurl's default depends on it) */
    curl_multi_setopt(pool->multi, CURLMOPT_MAXCONNECTS, (long)P1_FANOUT_CONCURRENCY);
    return pool;
}

/**
 * Park pool in api for the next fan-out. Only one pool is parked: when
 * another fan-out parked one meanwhile, this one is freed (its connections
 * closed).
 */
static void pool_park(p1api *api, p1_fanout_pool *pool)
{
    p1_fanout_pool *none = NULL;
    if (!atomic_compare_exchange_strong(&api->fanout_pool, &none, pool))
        p1_fanout_pool_free(pool);
}

/**
 * Make easy handle c forget everything that pointed into a fan-out's slot
 * (its headers with the bearer token, buffers, callbacks), keeping the
 * transport's own options and its TLS session cache.
 */
static void handle_forget(CURL *c)
{
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, NULL);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, NULL);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, NULL);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, NULL);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 1L);
    curl_easy_setopt(c, CURLOPT_PRIVATE, NULL);
}

/** Milliseconds from a monotonic clock. */
static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/** Free a secret string after overwriting it. */
static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

/** CURLOPT_XFERINFOFUNCTION: abort every transfer once the scan is cancelled. */
static int progress_cb(void *userp, curl_off_t a, curl_off_t b, curl_off_t c, curl_off_t d)
{
    (void)a, (void)b, (void)c, (void)d;
    slot *sl = userp;
    return atomic_load(sl->f->cancelled) ? 1 : 0;
}

p1_fanout *p1_fanout_new(p1api *api, const p1_plan *pp, atomic_int *cancelled, long *requests,
                         const char *noun, err *e)
{
    p1_fanout *f = calloc(1, sizeof *f);
    if (f && !(f->pool = pool_take(api))) {
        free(f);
        f = NULL;
    }
    if (!f) {
        err_set(e, "HY001", "Out of memory while starting the listings of %s.", noun);
        return NULL;
    }
    f->multi = f->pool->multi;
    f->api = api;
    f->pp = pp;
    f->cancelled = cancelled;
    f->requests = requests;
    f->noun = noun;
    for (int i = 0; i < P1_FANOUT_CONCURRENCY; i++) {
        f->slots[i].f = f;
        f->slots[i].curl = f->pool->curl[i];
        f->pool->curl[i] = NULL;
        p1http_resp_init(&f->slots[i].resp);
    }
    return f;
}

int p1_fanout_add(p1_fanout *f, const char *key, err *e)
{
    if (f->qhead + f->qlen == f->qcap) {
        if (f->qhead > 0) { /* slide the queue down before growing */
            memmove(f->queue, f->queue + f->qhead, f->qlen * sizeof *f->queue);
            f->qhead = 0;
        }
        if (f->qlen == f->qcap) {
            size_t cap = f->qcap ? f->qcap * 2 : 64;
            char **q = realloc(f->queue, cap * sizeof *q);
            if (!q)
                return err_set(e, "HY001", "Out of memory while queueing the listings of %s.", f->noun);
            f->queue = q;
            f->qcap = cap;
        }
    }
    char *k = strdup(key);
    if (!k)
        return err_set(e, "HY001", "Out of memory while queueing the listings of %s.", f->noun);
    f->queue[f->qhead + f->qlen++] = k;
    f->total++;
    return 0;
}

int p1_fanout_queued(const p1_fanout *f)
{
    return f ? (int)f->qlen : 0;
}

long p1_fanout_total(const p1_fanout *f)
{
    return f ? f->total : 0;
}

/** Words for messages about slot sl ("Listing the sessions of <key>"). */
static const char *what_of(slot *sl)
{
    snprintf(sl->f->what, sizeof sl->f->what, "Listing the %s of %.36s", sl->f->noun,
             sl->key ? sl->key : "?");
    return sl->f->what;
}

/** Make f->bearer hold the current token (renewed when force). Returns 0 or -1 with e set. */
static int refresh_bearer(p1_fanout *f, int force, err *e)
{
    const char *token;
    if (p1auth_token(f->api->auth, force, &token, e) < 0)
        return -1;
    if (f->bearer && strcmp(f->bearer + strlen("Authorization: Bearer "), token) == 0)
        return 0;
    strbuf b;
    sb_init(&b);
    sb_printf(&b, "Authorization: Bearer %s", token);
    char *s = sb_steal(&b);
    if (!s)
        return err_set(e, "HY001", "Out of memory while preparing a request.");
    free_secret(f->bearer);
    f->bearer = s;
    f->token_gen++;
    return 0;
}

/** Send the current attempt of sl (sl->url). Returns 0 or -1 with e set. */
static int start(slot *sl, err *e)
{
    p1_fanout *f = sl->f;
    if (refresh_bearer(f, 0, e) < 0)
        return -1;
    if (!sl->curl && !(sl->curl = p1http_new_handle(f->api->http)))
        return err_set(e, "HY001", "Out of memory while preparing a request.");
    curl_slist_free_all(sl->headers);
    sl->headers = curl_slist_append(NULL, "Accept: application/json");
    if (sl->headers)
        sl->headers = curl_slist_append(sl->headers, f->bearer);
    if (sl->headers)
        sl->headers = curl_slist_append(sl->headers, "Expect:");
    if (!sl->headers)
        return err_set(e, "HY001", "Out of memory while preparing a request.");
    sb_reset(&sl->resp.body);
    sl->resp.status = 0;
    sl->resp.correlation_id[0] = '\0';
    sl->resp.retry_after_s = -1;
    sl->errbuf[0] = '\0';
    CURL *c = sl->curl;
    curl_easy_setopt(c, CURLOPT_URL, sl->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, sl->headers);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, p1http_write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sl->resp);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, p1http_header_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &sl->resp);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, sl->errbuf);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, sl);
    curl_easy_setopt(c, CURLOPT_PRIVATE, sl);
    if (curl_multi_add_handle(f->multi, c) != CURLM_OK)
        return err_set(e, "HY000", "%s failed: libcurl could not start the request.", what_of(sl));
    sl->attempts++;
    sl->token_gen = f->token_gen;
    sl->t0 = mono_ms();
    sl->state = SLOT_RUNNING;
    if (f->requests)
        (*f->requests)++;
    return 0;
}

/** Start the listing of the next queued key in idle slot sl. Returns 0 or -1. */
static int start_next_key(slot *sl, err *e)
{
    p1_fanout *f = sl->f;
    free(sl->key);
    free(sl->url);
    sl->key = f->queue[f->qhead++];
    f->qlen--;
    if (f->qlen == 0)
        f->qhead = 0;
    sl->url = p1_plan_child_url(f->pp, sl->key);
    sl->attempts = sl->renewed = 0;
    if (!sl->url)
        return err_set(e, "HY001", "Out of memory while preparing a request.");
    return start(sl, e);
}

/** Make sl idle (its listing is finished). */
static void finish(slot *sl)
{
    free(sl->key);
    free(sl->url);
    sl->key = sl->url = NULL;
    sl->state = SLOT_IDLE;
}

/** e for a libcurl failure of sl (HY008 once the scan is cancelled). Returns -1. */
static int transport_fail(slot *sl, CURLcode cc, err *e)
{
    p1_fanout *f = sl->f;
    if (atomic_load(f->cancelled))
        cc = CURLE_ABORTED_BY_CALLBACK;
    return p1http_transport_fail(f->api->log, what_of(sl), "GET", sl->url, sl->errbuf, cc, 1,
                                 p1http_timeout(f->api->http), e);
}

/** Handle the end of sl's transfer (result cc). Returns 0 or -1 with e set. */
static int done(slot *sl, CURLcode cc, err *e)
{
    p1_fanout *f = sl->f;
    curl_multi_remove_handle(f->multi, sl->curl);
    sl->state = SLOT_IDLE;
    if (cc != CURLE_OK)
        return transport_fail(sl, cc, e);
    curl_easy_getinfo(sl->curl, CURLINFO_RESPONSE_CODE, &sl->resp.status);
    long st = sl->resp.status;
    p1log_write(f->api->log, 2, "GET %s -> %ld (%lld ms, Correlation-Id %s, fan-out)", sl->url, st,
                mono_ms() - sl->t0, sl->resp.correlation_id[0] ? sl->resp.correlation_id : "none");
    if (p1log_enabled(f->api->log, 3))
        p1log_write(f->api->log, 3, "response body: %s", sl->resp.body.data ? sl->resp.body.data : "");
    if (st == 401 && !sl->renewed && p1http_invalid_token(&sl->resp)) {
        p1log_write(f->api->log, 2, "access token rejected (INVALID_TOKEN); signing in again");
        sl->renewed = 1;
        /* renew once for every request that used the rejected token */
        if (sl->token_gen == f->token_gen && refresh_bearer(f, 1, e) < 0)
            return -1;
        return start(sl, e);
    }
    if ((st == 429 || st == 503) && sl->attempts < P1HTTP_MAX_TRIES) {
        long wait = sl->resp.retry_after_s >= 0 ? sl->resp.retry_after_s : (1L << (sl->attempts - 1));
        if (wait > P1HTTP_MAX_RETRY_WAIT_S)
            wait = P1HTTP_MAX_RETRY_WAIT_S;
        p1log_write(f->api->log, 1, "%s: PingOne answered %ld, retrying in %ld s (attempt %d of %d)",
                    what_of(sl), st, wait, sl->attempts + 1, P1HTTP_MAX_TRIES);
        sl->wake_ms = mono_ms() + wait * 1000;
        sl->state = SLOT_WAIT;
        return 0;
    }
    if (st == 404) { /* the parent vanished meanwhile: no rows */
        finish(sl);
        return 0;
    }
    if (st < 200 || st > 299) {
        sl->resp.attempts = sl->attempts;
        return p1http_fail(&sl->resp, what_of(sl), e);
    }
    json_error_t jerr;
    json_t *page = json_loadb(sl->resp.body.data ? sl->resp.body.data : "", sl->resp.body.len, 0, &jerr);
    if (!json_is_object(page)) {
        json_decref(page);
        return err_set_native(e, "HY000", st, "%s failed: PingOne answered with a body that is not a JSON "
                              "object (%s). Correlation-Id: %s.", what_of(sl), jerr.text,
                              sl->resp.correlation_id[0] ? sl->resp.correlation_id : "none");
    }
    const char *next = json_string_value(json_object_get(json_object_get(json_object_get(page, "_links"),
                                                                         "next"), "href"));
    sl->next_url = NULL;
    if (next && *next) {
        if (strcmp(next, sl->url) == 0) {
            json_decref(page);
            return err_set(e, "HY000", "%s failed: PingOne's next-page link points to the page just "
                           "read (%s); stopping to avoid an endless loop.", what_of(sl), sl->url);
        }
        if (!(sl->next_url = strdup(next))) {
            json_decref(page);
            return err_set(e, "HY001", "Out of memory while paging.");
        }
    }
    sl->page = page;
    sl->state = SLOT_READY;
    return 0;
}

/** Hand the page of ready slot sl to the caller and start its next page. Returns 1 or -1. */
static int take(slot *sl, json_t **page, char **key, err *e)
{
    *page = sl->page;
    sl->page = NULL;
    *key = strdup(sl->key);
    if (!*key) {
        json_decref(*page);
        *page = NULL;
        return err_set(e, "HY001", "Out of memory while reading child rows.");
    }
    if (sl->next_url) {
        free(sl->url);
        sl->url = sl->next_url;
        sl->next_url = NULL;
        sl->attempts = sl->renewed = 0;
        if (start(sl, e) < 0) {
            json_decref(*page);
            free(*key);
            *page = NULL;
            *key = NULL;
            return -1;
        }
    } else {
        finish(sl);
    }
    return 1;
}

int p1_fanout_next(p1_fanout *f, json_t **page, char **key, err *e)
{
    *page = NULL;
    *key = NULL;
    for (;;) {
        if (atomic_load(f->cancelled))
            return err_set(e, "HY008", "Listing the %s was cancelled.", f->noun);
        for (int i = 0; i < P1_FANOUT_CONCURRENCY; i++)
            if (f->slots[i].state == SLOT_READY)
                return take(&f->slots[i], page, key, e);
        long long now = mono_ms(), wake = -1;
        int busy = 0;
        for (int i = 0; i < P1_FANOUT_CONCURRENCY; i++) {
            slot *sl = &f->slots[i];
            if (sl->state == SLOT_IDLE && f->qlen > 0 && start_next_key(sl, e) < 0)
                return -1;
            if (sl->state == SLOT_WAIT && now >= sl->wake_ms && start(sl, e) < 0)
                return -1;
            if (sl->state == SLOT_WAIT && (wake < 0 || sl->wake_ms < wake))
                wake = sl->wake_ms;
            busy |= sl->state != SLOT_IDLE;
        }
        if (!busy)
            return 0;
        int running = 0;
        if (curl_multi_perform(f->multi, &running) != CURLM_OK)
            return err_set(e, "HY000", "Listing the %s failed: libcurl's multi interface failed.", f->noun);
        CURLMsg *msg;
        int left, ready = 0;
        while ((msg = curl_multi_info_read(f->multi, &left)) != NULL) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            slot *sl = NULL;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&sl);
            if (!sl)
                continue;
            if (done(sl, msg->data.result, e) < 0)
                return -1;
            ready |= sl->state == SLOT_READY;
        }
        if (ready)
            continue;
        int timeout = 100; /* ms: also how quickly a cancel is noticed */
        if (wake >= 0 && wake - now < timeout)
            timeout = wake - now < 0 ? 0 : (int)(wake - now);
        if (running > 0)
            curl_multi_poll(f->multi, NULL, 0, timeout, NULL);
        else if (timeout > 0) {
            struct timespec ts = {0, (long)timeout * 1000000L};
            nanosleep(&ts, NULL);
        }
    }
}

void p1_fanout_free(p1_fanout *f)
{
    if (!f)
        return;
    p1_fanout_pool *pool = f->pool;
    int parkable = 1;
    for (int i = 0; i < P1_FANOUT_CONCURRENCY; i++) {
        slot *sl = &f->slots[i];
        if (sl->curl) {
            /* a transfer still in flight (the scan stopped early, failed or was
               cancelled) is aborted; libcurl closes its connection */
            if (sl->state == SLOT_RUNNING && curl_multi_remove_handle(f->multi, sl->curl) != CURLM_OK)
                parkable = 0;
            handle_forget(sl->curl);
            pool->curl[i] = sl->curl;
        }
        curl_slist_free_all(sl->headers); /* holds a copy of the bearer token */
        p1http_resp_free(&sl->resp);
        json_decref(sl->page);
        free(sl->next_url);
        free(sl->key);
        free(sl->url);
    }
    for (size_t i = 0; i < f->qlen; i++)
        free(f->queue[f->qhead + i]);
    free(f->queue);
    free_secret(f->bearer);
    if (parkable)
        pool_park(f->api, pool); /* no transfer is attached to the multi handle any more */
    else
        p1_fanout_pool_free(pool);
    free(f);
}
