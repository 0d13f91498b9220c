/**
 * @file api.h
 * The management-API client of one connection: transport + token. GETs a
 * URL as JSON with a Bearer token, renewing the token once and retrying
 * when PingOne answers 401 INVALID_TOKEN.
 */
#ifndef P1_PINGONE_API_H
#define P1_PINGONE_API_H

#include <jansson.h>
#include <stdatomic.h>

#include "common/err.h"
#include "common/log.h"
#include "common/props.h"
#include "pingone/auth.h"
#include "pingone/http.h"
#include "pingone/url.h"

/** The parked libcurl state of the connection's fan-outs (pingone/fanout.h). */
typedef struct p1_fanout_pool p1_fanout_pool;

typedef struct p1api {
    p1_endpoints ep;     /**< token URL, API base, environment */
    p1http      *http;   /**< the connection's transport */
    p1auth      *auth;   /**< the connection's token (pingone/auth.h) */
    p1log       *log;    /**< borrowed, may be NULL */
    /** The multi handle (open HTTPS connections) a finished fan-out parked for
        the next one, or NULL; only touched through fanout.c and p1api_close. */
    _Atomic(p1_fanout_pool *) fanout_pool;
} p1api;

/**
 * Build endpoints and transport from validated properties and sign in as
 * p1auth_connect does (for AuthScheme=OAuth with InitiateOAuth=OFF and no
 * token, nothing is signed in yet). Returns 0, or -1 with e set (the api is
 * then closed).
 */
int p1api_open(p1api *a, const props *p, p1log *log, err *e);

/**
 * Release everything, the parked fan-out connections included (safe on a
 * zeroed or closed api). No scan of the api may be open.
 */
void p1api_close(p1api *a);

/**
 * GET url (absolute) and parse the JSON body into *out (caller decrefs).
 * what names the operation for messages ("Listing users"). When allow_404
 * is set a 404 answer gives 0 with *out = NULL. *requests (may be NULL) is
 * increased by the number of HTTP attempts made (token requests excluded).
 * Other failures: see p1http_fail and p1http_perform. Returns 0 or -1.
 */
int p1api_get_json(p1api *a, const char *url, const char *what, int allow_404,
                   json_t **out, long *requests, err *e);

#endif
