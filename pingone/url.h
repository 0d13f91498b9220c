/**
 * @file url.h
 * URL helpers of the PingOne client: percent-encoding, and the three base
 * URLs a connection needs (token endpoint, management API, environment)
 * computed from the connection properties.
 */
#ifndef P1_PINGONE_URL_H
#define P1_PINGONE_URL_H

#include "common/err.h"
#include "common/props.h"
#include "common/strbuf.h"

/** The endpoints one connection talks to (all malloc'd, no trailing '/'). */
typedef struct p1_endpoints {
    char *auth_base;   /**< e.g. https://auth.pingone.eu/<env>/as */
    char *token_url;   /**< <auth_base>/token */
    char *api_base;    /**< e.g. https://api.pingone.eu/v1 */
    char *env_id;      /**< environment queried by default */
} p1_endpoints;

/**
 * Percent-encode s (every byte except RFC 3986 unreserved characters) and
 * append it to sb. A space becomes %20. Returns 0 or -1 (out of memory).
 */
int p1_url_encode(strbuf *sb, const char *s);

/**
 * Build the endpoints from validated properties: AuthorizationServerURL or
 * https://auth.pingone.<tld>/<WorkerAppEnvironmentId>/as; APIBaseURL or
 * https://api.pingone.<tld>/v1; EnvironmentId or WorkerAppEnvironmentId.
 * Only https URLs are accepted (HY024 otherwise). Returns 0, or -1 with e set.
 */
int p1_endpoints_build(const props *p, p1_endpoints *out, err *e);

/** Release the strings of an endpoints record (safe on a zeroed one). */
void p1_endpoints_free(p1_endpoints *ep);

#endif
