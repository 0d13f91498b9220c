/**
 * @file fanout.h
 * The child listings of a fan-out (a child table read without its parent
 * key), run concurrently: at most P1_FANOUT_CONCURRENCY listings are in
 * flight at once through libcurl's multi interface, in the scan's own
 * thread. Each listing follows `_links.next.href` and holds at most one
 * parsed page until the scan takes it, so memory stays bounded by the
 * concurrency. Each request keeps the single-request behaviour of api.c and
 * http.c: a 401 INVALID_TOKEN renews the token once and retries, 429/503 wait
 * Retry-After (at most P1HTTP_MAX_RETRY_WAIT_S, P1HTTP_MAX_TRIES attempts),
 * a 404 (the parent vanished) gives no rows, and the scan's cancel flag stops
 * everything promptly with HY008.
 *
 * Connection reuse: the multi handle (whose connection cache holds the up to
 * P1_FANOUT_CONCURRENCY open HTTPS connections, TCP + TLS) and the easy
 * handles outlive the fan-out. p1_fanout_free parks them in the p1api
 * (api->fanout_pool) and the next p1_fanout_new of the same ODBC connection
 * takes them, so a second fan-out query opens no new connection as long as
 * the server keeps the idle ones open (libcurl checks a cached connection is
 * alive before reusing it, and drops those idle for longer than its
 * CURLOPT_MAXAGE_CONN, 118 s by default). p1api_close closes them.
 *  - Only one pool is parked. The park slot is taken and filled with atomic
 *    exchanges: a fan-out started while another one of the same api holds
 *    the pool (two statements of the connection with fan-out scans open at
 *    once; a join reads its sources one after the other today, but need not)
 *    creates its own multi handle; when both end, the first to finish is
 *    parked and the other one is cleaned up (its connections closed).
 *  - Nothing is parked in flight: p1_fanout_free first removes every
 *    transfer still attached (a scan closed early, failed or cancelled; libcurl
 *    closes the connection of an aborted transfer), and cleans everything up
 *    instead when libcurl refuses that.
 *  - No secret is parked: the bearer header lists belong to the slots and are
 *    freed (the bearer cleansed) as before; the parked easy handles keep only
 *    the transport's options (p1http_new_handle) and no pointer into the
 *    freed fan-out.
 *  - The statements of one ODBC connection take turns in the engine (the
 *    driver's per-connection work lock), so two fan-outs of one api never
 *    run in two threads at once; the atomic park slot keeps even that safe.
 */
#ifndef P1_PINGONE_FANOUT_H
#define P1_PINGONE_FANOUT_H

#include <jansson.h>
#include <stdatomic.h>

#include "common/err.h"
#include "pingone/api.h"
#include "pingone/plan.h"

typedef struct p1_fanout p1_fanout;

/**
 * Start a fan-out for plan pp (its child URLs, p1_plan_child_url) through
 * api. cancelled is the scan's cancel flag, requests its request counter
 * (both borrowed). noun names the rows for messages ("sessions").
 * NULL with e set (HY001).
 */
p1_fanout *p1_fanout_new(p1api *api, const p1_plan *pp, atomic_int *cancelled, long *requests,
                         const char *noun, err *e);

/** Queue the child listing of parent key (copied). Returns 0, or -1 with e set. */
int p1_fanout_add(p1_fanout *f, const char *key, err *e);

/** Parent keys queued but not started yet. */
int p1_fanout_queued(const p1_fanout *f);

/** Parent listings queued so far in all (for the P1_FANOUT_MAX_PARENTS bound). */
long p1_fanout_total(const p1_fanout *f);

/**
 * The next child page: starts queued listings up to the concurrency and
 * waits for one page. Returns 1 with *page (the parsed page, caller
 * decrefs) and *key (its parent key, malloc'd, caller frees); 0 when
 * nothing is queued or in flight; -1 with e set (the whole fan-out fails).
 */
int p1_fanout_next(p1_fanout *f, json_t **page, char **key, err *e);

/**
 * Abort every transfer still in flight and free (NULL is fine); the multi
 * and easy handles are parked in the p1api for the next fan-out (see above).
 */
void p1_fanout_free(p1_fanout *f);

/** Close the connections of a parked pool and free it (NULL is fine; p1api_close). */
void p1_fanout_pool_free(p1_fanout_pool *pool);

#endif
