/** @file http.c  HTTPS transport over one libcurl easy handle (see http.h). */
#include "pingone/http.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <jansson.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0"
#endif

struct p1http {
    CURL           *curl;
    long            timeout_s;
    p1log          *log;
    int             connected;
    atomic_int     *cancel_flag;  /**< set by the scan being read, or NULL */
    STACK_OF(X509) *extra_certs;  /**< certificates from SSLServerCert, or NULL */
    char            errbuf[CURL_ERROR_SIZE];
};

/** Process-wide libcurl initialisation (run once through pthread_once). */
static void global_init(void)
{
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

/** Initialise libcurl once per process, safely from several threads. */
static void global_init_once(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, global_init);
}

/** Read every PEM certificate of path into a new stack; NULL with e set on failure. */
static STACK_OF(X509) *load_pem_certs(const char *path, err *e)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        err_set(e, "HY024", "SSLServerCert '%s' could not be opened (%s); give the path of a PEM "
                "certificate or CA bundle.", path, strerror(errno));
        return NULL;
    }
    STACK_OF(X509) *certs = sk_X509_new_null();
    X509 *x;
    while (certs && (x = PEM_read_X509(fp, NULL, NULL, NULL)) != NULL)
        if (!sk_X509_push(certs, x))
            X509_free(x);
    fclose(fp);
    ERR_clear_error();
    if (!certs || sk_X509_num(certs) == 0) {
        sk_X509_pop_free(certs, X509_free);
        err_set(e, "HY024", "SSLServerCert '%s' holds no PEM certificate (expected "
                "-----BEGIN CERTIFICATE-----).", path);
        return NULL;
    }
    return certs;
}

/** CURLOPT_SSL_CTX_FUNCTION: add the SSLServerCert certificates to the trust store. */
static CURLcode ssl_ctx_cb(CURL *curl, void *sslctx, void *userp)
{
    (void)curl;
    p1http *h = userp;
    X509_STORE *store = SSL_CTX_get_cert_store((SSL_CTX *)sslctx);
    for (int i = 0; h->extra_certs && i < sk_X509_num(h->extra_certs); i++)
        X509_STORE_add_cert(store, sk_X509_value(h->extra_certs, i)); /* duplicates are harmless */
    ERR_clear_error();
    return CURLE_OK;
}

void p1http_set_cancel_flag(p1http *h, atomic_int *flag)
{
    h->cancel_flag = flag;
}

/** Non-zero when the current request should stop. */
static int cancelled(const p1http *h)
{
    return h->cancel_flag && atomic_load(h->cancel_flag);
}

/** CURLOPT_XFERINFOFUNCTION: abort the transfer once cancelled. */
static int progress_cb(void *userp, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
    (void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
    return cancelled(userp) ? 1 : 0;
}

p1http *p1http_new(const char *ca_path, long timeout_s, p1log *log, err *e)
{
    global_init_once();
    p1http *h = calloc(1, sizeof *h);
    if (!h) {
        err_set(e, "HY001", "Out of memory while creating the HTTP client.");
        return NULL;
    }
    h->timeout_s = timeout_s;
    h->log = log;
    if (ca_path && *ca_path) {
        h->extra_certs = load_pem_certs(ca_path, e);
        if (!h->extra_certs) {
            free(h);
            return NULL;
        }
    }
    h->curl = curl_easy_init();
    if (!h->curl) {
        p1http_free(h);
        err_set(e, "HY000", "libcurl could not create an HTTP handle.");
        return NULL;
    }
    CURL *c = h->curl;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (timeout_s > 0 && timeout_s < 30) ? timeout_s : 30L);
    curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "pingone-odbc/" PACKAGE_VERSION);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, h->errbuf);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, progress_cb);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, h);
    if (h->extra_certs) {
        CURLcode rc = curl_easy_setopt(c, CURLOPT_SSL_CTX_FUNCTION, ssl_ctx_cb);
        if (rc == CURLE_OK)
            curl_easy_setopt(c, CURLOPT_SSL_CTX_DATA, h);
        else /* not the OpenSSL backend: trust only this file instead */
            curl_easy_setopt(c, CURLOPT_CAINFO, ca_path);
    }
    return h;
}

void p1http_free(p1http *h)
{
    if (!h)
        return;
    if (h->curl)
        curl_easy_cleanup(h->curl);
    if (h->extra_certs)
        sk_X509_pop_free(h->extra_certs, X509_free);
    free(h);
}

void p1http_set_connected(p1http *h, int connected)
{
    if (h)
        h->connected = connected;
}

void *p1http_new_handle(p1http *h)
{
    CURL *c = h && h->curl ? curl_easy_duphandle(h->curl) : NULL;
    if (c) { /* the copy must not point at this transport's per-request state */
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, NULL);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, NULL);
        curl_easy_setopt(c, CURLOPT_HEADERDATA, NULL);
        curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, NULL);
        curl_easy_setopt(c, CURLOPT_NOPROGRESS, 1L);
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    return c;
}

long p1http_timeout(const p1http *h)
{
    return h ? h->timeout_s : 0;
}

int p1http_connected(const p1http *h)
{
    return h && h->connected;
}

p1log *p1http_log(p1http *h)
{
    return h ? h->log : NULL;
}

void p1http_resp_init(p1http_resp *r)
{
    memset(r, 0, sizeof *r);
    sb_init(&r->body);
    r->retry_after_s = -1;
}

void p1http_resp_free(p1http_resp *r)
{
    sb_free(&r->body);
    p1http_resp_init(r);
}

/** CURLOPT_WRITEFUNCTION: append to the response body (userp: p1http_resp). */
size_t p1http_write_cb(char *data, size_t size, size_t n, void *userp)
{
    p1http_resp *r = userp;
    return sb_append_len(&r->body, data, size * n) < 0 ? 0 : size * n;
}

/** Copy the value of a header line "Name: value\r\n" after the colon, trimmed. */
static void header_value(const char *line, size_t len, size_t namelen, char *out, size_t outsz)
{
    size_t i = namelen + 1;
    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    size_t j = len;
    while (j > i && isspace((unsigned char)line[j - 1]))
        j--;
    size_t n = j - i < outsz - 1 ? j - i : outsz - 1;
    memcpy(out, line + i, n);
    out[n] = '\0';
}

/** CURLOPT_HEADERFUNCTION: capture Correlation-Id and Retry-After (userp: p1http_resp). */
size_t p1http_header_cb(char *line, size_t size, size_t n, void *userp)
{
    p1http_resp *r = userp;
    size_t len = size * n;
    static const char cid[] = "Correlation-Id:", ra[] = "Retry-After:";
    if (len > sizeof cid - 1 && strncasecmp(line, cid, sizeof cid - 1) == 0) {
        header_value(line, len, sizeof cid - 2, r->correlation_id, sizeof r->correlation_id);
    } else if (len > sizeof ra - 1 && strncasecmp(line, ra, sizeof ra - 1) == 0) {
        char v[64];
        header_value(line, len, sizeof ra - 2, v, sizeof v);
        char *end;
        long secs = strtol(v, &end, 10);
        if (end != v && *end == '\0') {
            r->retry_after_s = secs < 0 ? 0 : secs;
        } else {
            time_t when = curl_getdate(v, NULL);
            if (when != (time_t)-1) {
                long d = (long)(when - time(NULL));
                r->retry_after_s = d < 0 ? 0 : d;
            }
        }
    }
    return len;
}

/** Milliseconds from a monotonic clock. */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/** Sleep for secs seconds in small steps, returning early once cancelled. */
static void sleep_s(const p1http *h, long secs)
{
    for (long i = 0; i < secs * 10 && !cancelled(h); i++) {
        struct timespec ts = {0, 100000000};
        while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
            ;
    }
}

/** Host part of url for messages ("host:port"), into out. */
static void url_host(const char *url, char *out, size_t outsz)
{
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "/?#");
    if (n >= outsz)
        n = outsz - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

int p1http_transport_fail(p1log *log, const char *what, const char *method, const char *url,
                          const char *errbuf, int curl_code, int connected, long timeout_s, err *e)
{
    CURLcode rc = (CURLcode)curl_code;
    char host[256];
    url_host(url, host, sizeof host);
    const char *detail = errbuf && errbuf[0] ? errbuf : curl_easy_strerror(rc);
    const char *state = connected ? "08S01" : "08001";
    p1log_write(log, 1, "%s: %s %s failed: %s", what, method, url, detail);
    switch (rc) {
    case CURLE_ABORTED_BY_CALLBACK:
        return err_set(e, "HY008", "%s was cancelled.", what);
    case CURLE_OPERATION_TIMEDOUT:
        return err_set(e, "HYT00", "%s timed out: %s did not answer within %ld seconds "
                       "(raise the Timeout property if the tenant is slow).",
                       what, host, timeout_s);
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return err_set(e, state, "%s failed: the TLS connection to %s could not be verified (%s). "
                       "Check the URL, or set SSLServerCert to the PEM certificate of a private CA.",
                       what, host, detail);
    case CURLE_UNSUPPORTED_PROTOCOL:
        return err_set(e, "HY024", "%s failed: only https:// URLs are allowed (%s).", what, detail);
    default:
        return err_set(e, state, "%s failed: could not reach %s (%s).", what, host, detail);
    }
}

/** Fill e for a libcurl failure of req. Returns -1. */
static int transport_fail(p1http *h, const p1http_req *req, CURLcode rc, err *e)
{
    return p1http_transport_fail(h->log, req->what, req->method == P1HTTP_GET ? "GET" : "POST",
                                 req->url, h->errbuf, rc, h->connected, h->timeout_s, e);
}

int p1http_invalid_token(const p1http_resp *r)
{
    json_t *body = json_loadb(r->body.data ? r->body.data : "", r->body.len, 0, NULL);
    int found = 0;
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(body, "details"), i, d) {
        const char *code = json_string_value(json_object_get(d, "code"));
        if (code && strcmp(code, "INVALID_TOKEN") == 0)
            found = 1;
    }
    json_decref(body);
    return found;
}

int p1http_perform(p1http *h, const p1http_req *req, p1http_resp *resp, err *e)
{
    CURL *c = h->curl;
    struct curl_slist *headers = NULL;
    headers = curl_slist_append(headers, "Accept: application/json");
    if (req->authorization) {
        strbuf ah;
        sb_init(&ah);
        sb_printf(&ah, "Authorization: %s", req->authorization);
        headers = curl_slist_append(headers, ah.data);
        OPENSSL_cleanse(ah.data, ah.len);
        sb_free(&ah);
    }
    if (req->method == P1HTTP_POST_FORM)
        headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
    headers = curl_slist_append(headers, "Expect:");
    if (!headers)
        return err_set(e, "HY001", "Out of memory while preparing an HTTP request.");

    curl_easy_setopt(c, CURLOPT_URL, req->url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    if (req->method == P1HTTP_POST_FORM) {
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, req->form_body ? req->form_body : "");
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(req->form_body ? req->form_body : ""));
    } else {
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, p1http_write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, resp);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, p1http_header_cb);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, resp);

    const char *method = req->method == P1HTTP_GET ? "GET" : "POST";
    int rc = 0;
    resp->attempts = 0;
    for (;;) {
        if (cancelled(h)) {
            rc = err_set(e, "HY008", "%s was cancelled.", req->what);
            break;
        }
        sb_reset(&resp->body);
        resp->status = 0;
        resp->correlation_id[0] = '\0';
        resp->retry_after_s = -1;
        h->errbuf[0] = '\0';
        resp->attempts++;
        long long t0 = now_ms();
        CURLcode cc = curl_easy_perform(c);
        long ms = (long)(now_ms() - t0);
        if (cc != CURLE_OK) {
            rc = transport_fail(h, req, cc, e);
            break;
        }
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp->status);
        p1log_write(h->log, 2, "%s %s -> %ld (%ld ms, Correlation-Id %s)", method, req->url,
                    resp->status, ms, resp->correlation_id[0] ? resp->correlation_id : "none");
        if (!req->sensitive && p1log_enabled(h->log, 3))
            p1log_write(h->log, 3, "response body: %s", resp->body.data);
        if ((resp->status == 429 || resp->status == 503) && resp->attempts < P1HTTP_MAX_TRIES) {
            long wait = resp->retry_after_s >= 0 ? resp->retry_after_s : (1L << (resp->attempts - 1));
            if (wait > P1HTTP_MAX_RETRY_WAIT_S)
                wait = P1HTTP_MAX_RETRY_WAIT_S;
            p1log_write(h->log, 1, "%s: PingOne answered %ld, retrying in %ld s (attempt %d of %d)",
                        req->what, resp->status, wait, resp->attempts + 1, P1HTTP_MAX_TRIES);
            sleep_s(h, wait);
            if (cancelled(h)) {
                rc = err_set(e, "HY008", "%s was cancelled.", req->what);
                break;
            }
            continue;
        }
        break;
    }
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, NULL);
    if (req->method == P1HTTP_POST_FORM)
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, NULL);
    curl_slist_free_all(headers);
    return rc;
}

/** Append ", " separated text of PingOne's error body to e. */
static void append_pingone_error(err *e, json_t *body)
{
    const char *code = json_string_value(json_object_get(body, "code"));
    const char *msg = json_string_value(json_object_get(body, "message"));
    if (code || msg)
        err_append(e, " PingOne error %s: %s", code ? code : "(no code)", msg ? msg : "(no message)");
    json_t *details = json_object_get(body, "details");
    size_t i;
    json_t *d;
    json_array_foreach(details, i, d) {
        const char *dc = json_string_value(json_object_get(d, "code"));
        const char *dt = json_string_value(json_object_get(d, "target"));
        const char *dm = json_string_value(json_object_get(d, "message"));
        err_append(e, "%s %s", i == 0 ? " Details:" : ";", dc ? dc : "?");
        if (dt)
            err_append(e, " (target %s)", dt);
        if (dm)
            err_append(e, ": %s", dm);
        json_t *inner = json_object_get(d, "innerError");
        json_t *ops = json_object_get(inner, "supportedOperators");
        if (json_is_array(ops) && json_array_size(ops) > 0) {
            err_append(e, " (supported operators:");
            size_t k;
            json_t *op;
            json_array_foreach(ops, k, op) err_append(e, " %s", json_string_value(op) ? json_string_value(op) : "?");
            err_append(e, ")");
        }
    }
    if (json_array_size(details) > 0)
        err_append(e, ".");
    const char *id = json_string_value(json_object_get(body, "id"));
    if (id)
        err_append(e, " Error id: %s.", id);
}

/** Non-zero when some details[].code of body equals code. */
static int has_detail_code(json_t *body, const char *code)
{
    size_t i;
    json_t *d;
    json_array_foreach(json_object_get(body, "details"), i, d) {
        const char *dc = json_string_value(json_object_get(d, "code"));
        if (dc && strcmp(dc, code) == 0)
            return 1;
    }
    return 0;
}

int p1http_fail(const p1http_resp *r, const char *what, err *e)
{
    json_t *body = json_loadb(r->body.data, r->body.len, 0, NULL);
    if (body && !json_is_object(body)) {
        json_decref(body);
        body = NULL;
    }
    long st = r->status;
    const char *state = "HY000";
    const char *words;
    if (st == 400) {
        state = body && has_detail_code(body, "INVALID_FILTER") ? "42000" : "HY000";
        words = "PingOne rejected the request as invalid";
    } else if (st == 401) {
        state = "28000";
        words = "PingOne did not accept the access token";
    } else if (st == 403) {
        state = "28000";
        words = "the worker application is not allowed to do this (check its role assignments)";
    } else if (st == 404) {
        words = "PingOne found no such resource";
    } else if (st == 429) {
        words = "PingOne kept rejecting requests as too many (rate limit), even after "
                "waiting as told by Retry-After; wait a moment and try again";
    } else if (st >= 500) {
        state = "08S01";
        words = "PingOne had a server problem or is unavailable";
    } else {
        words = "PingOne answered with an unexpected status";
    }
    err_set_native(e, state, st, "%s failed (HTTP %ld after %d attempt%s): %s.", what, st,
                   r->attempts, r->attempts == 1 ? "" : "s", words);
    /* The Correlation-Id goes before PingOne's own text, which can be long:
       the message is bounded and the id must survive for support cases. */
    err_append(e, " Correlation-Id: %s.", r->correlation_id[0] ? r->correlation_id : "none");
    if (body)
        append_pingone_error(e, body);
    json_decref(body);
    return -1;
}
