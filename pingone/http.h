/**
 * @file http.h
 * The HTTPS transport of one connection: a single libcurl easy handle
 * (keep-alive), TLS always verified (optionally trusting one more PEM
 * certificate/CA via SSLServerCert), a per-request timeout, capture of the
 * Correlation-Id response header, and retries of 429/503 honouring
 * Retry-After (capped at 30 s, at most P1HTTP_MAX_TRIES attempts).
 *
 * It never logs an Authorization header, a request body or the body of a
 * request marked sensitive (the token endpoint).
 */
#ifndef P1_PINGONE_HTTP_H
#define P1_PINGONE_HTTP_H

#include <stdatomic.h>

#include "common/err.h"
#include "common/log.h"
#include "common/strbuf.h"

#define P1HTTP_MAX_TRIES 5
#define P1HTTP_MAX_RETRY_WAIT_S 30

typedef struct p1http p1http;

/** One HTTP response (the final attempt). */
typedef struct p1http_resp {
    long   status;             /**< HTTP status, 0 before a response */
    strbuf body;               /**< response body */
    char   correlation_id[96]; /**< Correlation-Id header, "" when absent */
    long   retry_after_s;      /**< Retry-After in seconds, -1 when absent */
    int    attempts;           /**< HTTP attempts made for this request (>= 1) */
} p1http_resp;

enum p1http_method { P1HTTP_GET, P1HTTP_POST_FORM };

/** One request to make. */
typedef struct p1http_req {
    enum p1http_method method;
    const char *url;           /**< absolute https URL */
    const char *authorization; /**< Authorization header value ("Bearer x"), NULL for none; never logged */
    const char *form_body;     /**< POST body (application/x-www-form-urlencoded); never logged */
    int         sensitive;     /**< 1: never log the response body (token endpoint) */
    const char *what;          /**< what the request does, for messages ("Listing users") */
} p1http_req;

/**
 * Create the transport. ca_path: SSLServerCert ("" or NULL for none); it is
 * read now, and an unreadable file or one without a PEM certificate fails
 * with HY024. timeout_s: whole-request timeout (0 = none). log may be NULL.
 * Returns NULL with e set on failure.
 */
p1http *p1http_new(const char *ca_path, long timeout_s, p1log *log, err *e);

/** Close the connection and free the transport (NULL is fine). */
void p1http_free(p1http *h);

/**
 * Mark the connection as established: afterwards a network failure is
 * reported as 08S01 (communication link failure) instead of 08001.
 */
void p1http_set_connected(p1http *h, int connected);

/**
 * While flag is set (not NULL) and *flag is non-zero, a request in progress
 * is aborted promptly (checked from libcurl's progress callback and between
 * retries) and p1http_perform fails with HY008. NULL removes the flag.
 */
void p1http_set_cancel_flag(p1http *h, atomic_int *flag);

/**
 * A new libcurl easy handle (a CURL *) configured as this transport's own:
 * TLS verification and SSLServerCert trust, timeouts, https only, user
 * agent; no URL, headers or callbacks. For concurrent requests through
 * libcurl's multi interface (pingone/fanout.c); h must outlive it; free it
 * with curl_easy_cleanup. NULL when out of memory.
 */
void *p1http_new_handle(p1http *h);

/** The whole-request timeout in seconds (0 = none). */
long p1http_timeout(const p1http *h);

/** Non-zero once p1http_set_connected(h, 1) was called. */
int p1http_connected(const p1http *h);

/** The log this transport writes to (may be NULL). */
p1log *p1http_log(p1http *h);

void p1http_resp_init(p1http_resp *r);
void p1http_resp_free(p1http_resp *r);

/**
 * libcurl callbacks that fill a p1http_resp (pass it as WRITEDATA and
 * HEADERDATA): the body, the Correlation-Id and Retry-After (seconds or an
 * HTTP date). Shared by the single-request transport and the fan-out.
 */
size_t p1http_write_cb(char *data, size_t size, size_t n, void *userp);
size_t p1http_header_cb(char *line, size_t size, size_t n, void *userp);

/**
 * Perform req, retrying 429 and 503 answers as described above. Returns 0
 * when an HTTP response was received (whatever its status; after the last
 * retry the 429/503 answer itself is returned), or -1 with e set on a
 * transport failure: HYT00 timeout; HY008 cancelled; 08001 (before
 * connected) or 08S01 (after) when the host cannot be reached or TLS fails.
 */
int p1http_perform(p1http *h, const p1http_req *req, p1http_resp *resp, err *e);

/**
 * Turn a failed PingOne management answer into e: the message says `what`
 * failed, then PingOne's code, message, detail codes/targets/messages, the
 * error id and "Correlation-Id: ...". native = HTTP status. SQLSTATE: 400 ->
 * 42000 when a detail is INVALID_FILTER, else HY000; 401/403 -> 28000;
 * 429 -> HY000; 5xx -> 08S01; others HY000. Returns -1.
 */
int p1http_fail(const p1http_resp *r, const char *what, err *e);

/** Non-zero when the body of a 401 response r carries the detail code INVALID_TOKEN. */
int p1http_invalid_token(const p1http_resp *r);

/**
 * Fill e for the libcurl failure curl_code (a CURLcode) of `method url`
 * (what names the operation; errbuf is libcurl's error buffer, may be ""),
 * and log it at verbosity 1: HY008 when aborted by the progress callback,
 * HYT00 on timeout (timeout_s), a TLS or unreachable-host 08S01 (08001 when
 * not connected yet). Returns -1.
 */
int p1http_transport_fail(p1log *log, const char *what, const char *method, const char *url,
                          const char *errbuf, int curl_code, int connected, long timeout_s, err *e);

#endif
