/** @file client_credentials.c  Client-credentials sign-in (see client_credentials.h). */
#include "oauth/client_credentials.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

struct oauth_cc {
    char                  *token_url;
    char                  *client_id;
    char                  *client_secret;
    enum oauth_auth_method method;
    char                  *access_token;
    long                   lifetime_s;
    long                   expires_at;   /**< monotonic seconds */
    long                   requests;
};

/** Monotonic clock in whole seconds. */
static long mono_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec;
}

/** Wipe and free a string. */
static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

oauth_cc *oauth_cc_new(const char *token_url, const char *client_id, const char *client_secret, err *e)
{
    oauth_cc *oc = calloc(1, sizeof *oc);
    if (oc) {
        oc->token_url = strdup(token_url);
        oc->client_id = strdup(client_id);
        oc->client_secret = strdup(client_secret);
    }
    if (!oc || !oc->token_url || !oc->client_id || !oc->client_secret) {
        oauth_cc_free(oc);
        err_set(e, "HY001", "Out of memory while preparing the sign-in.");
        return NULL;
    }
    oc->method = OAUTH_AUTH_BASIC;
    return oc;
}

void oauth_cc_free(oauth_cc *oc)
{
    if (!oc)
        return;
    free(oc->token_url);
    free(oc->client_id);
    free_secret(oc->client_secret);
    free_secret(oc->access_token);
    free(oc);
}

enum oauth_auth_method oauth_cc_method(const oauth_cc *oc)
{
    return oc->method;
}

long oauth_cc_lifetime(const oauth_cc *oc)
{
    return oc->access_token ? oc->lifetime_s : 0;
}

long oauth_cc_requests(const oauth_cc *oc)
{
    return oc->requests;
}

long oauth_renew_margin(long lifetime_s)
{
    long m = lifetime_s / 10;
    if (m > 60)
        m = 60;
    return m < 1 ? 1 : m;
}

int oauth_form_encode(strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        int rc;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            rc = sb_append_char(sb, (char)c);
        } else if (c == ' ') {
            rc = sb_append_char(sb, '+');
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            rc = sb_append_len(sb, enc, 3);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int oauth_basic_credentials(strbuf *sb, const char *client_id, const char *client_secret)
{
    strbuf raw;
    sb_init(&raw);
    int rc = -1;
    if (oauth_form_encode(&raw, client_id) == 0 && sb_append_char(&raw, ':') == 0 &&
        oauth_form_encode(&raw, client_secret) == 0) {
        size_t outlen = 4 * ((raw.len + 2) / 3) + 1;
        unsigned char *b64 = malloc(outlen);
        if (b64) {
            EVP_EncodeBlock(b64, (const unsigned char *)raw.data, (int)raw.len);
            rc = sb_append(sb, "Basic ") == 0 && sb_append(sb, (char *)b64) == 0 ? 0 : -1;
            OPENSSL_cleanse(b64, outlen);
            free(b64);
        }
    }
    OPENSSL_cleanse(raw.data, raw.len);
    sb_free(&raw);
    return rc;
}

/** Outcome of one token request. */
enum attempt_result { ATTEMPT_OK, ATTEMPT_INVALID_CLIENT, ATTEMPT_FAILED };

/**
 * One POST to the token endpoint with the given method. On invalid_client the
 * server's description is copied into desc. Returns the outcome (e set on FAILED).
 */
static enum attempt_result request_token(oauth_cc *oc, p1http *h, enum oauth_auth_method method,
                                         char *desc, size_t descsz, err *e)
{
    strbuf body, auth;
    sb_init(&body);
    sb_init(&auth);
    sb_append(&body, "grant_type=client_credentials");
    if (method == OAUTH_AUTH_POST) {
        sb_append(&body, "&client_id=");
        oauth_form_encode(&body, oc->client_id);
        sb_append(&body, "&client_secret=");
        oauth_form_encode(&body, oc->client_secret);
    } else {
        oauth_basic_credentials(&auth, oc->client_id, oc->client_secret);
    }
    p1http_req req = {
        .method = P1HTTP_POST_FORM, .url = oc->token_url,
        .authorization = method == OAUTH_AUTH_BASIC ? auth.data : NULL,
        .form_body = body.data, .sensitive = 1, .what = "Signing in to PingOne",
    };
    p1http_resp resp;
    p1http_resp_init(&resp);
    oc->requests++;
    int rc = p1http_perform(h, &req, &resp, e);
    OPENSSL_cleanse(body.data, body.len);
    OPENSSL_cleanse(auth.data, auth.len);
    sb_free(&body);
    sb_free(&auth);
    if (rc < 0) {
        p1http_resp_free(&resp);
        return ATTEMPT_FAILED;
    }
    json_t *js = json_loadb(resp.body.data, resp.body.len, 0, NULL);
    OPENSSL_cleanse(resp.body.data, resp.body.len);
    enum attempt_result result = ATTEMPT_FAILED;
    const char *mname = method == OAUTH_AUTH_BASIC ? "client_secret_basic" : "client_secret_post";
    if (resp.status == 200) {
        const char *tok = json_string_value(json_object_get(js, "access_token"));
        json_t *exp = json_object_get(js, "expires_in");
        long lifetime = json_is_integer(exp) ? (long)json_integer_value(exp)
                      : json_is_string(exp) ? strtol(json_string_value(exp), NULL, 10) : 3600;
        if (!tok || !*tok) {
            err_set_native(e, p1http_connected(h) ? "08S01" : "08001", 200,
                           "Signing in to PingOne failed: the token endpoint %s answered without an "
                           "access_token. Check AuthorizationServerURL. Correlation-Id: %s.",
                           oc->token_url, resp.correlation_id[0] ? resp.correlation_id : "none");
        } else {
            free_secret(oc->access_token);
            oc->access_token = strdup(tok);
            if (!oc->access_token) {
                err_set(e, "HY001", "Out of memory while storing the access token.");
            } else {
                oc->lifetime_s = lifetime > 0 ? lifetime : 3600;
                oc->expires_at = mono_s() + oc->lifetime_s;
                oc->method = method;
                result = ATTEMPT_OK;
            }
        }
    } else {
        const char *error = json_string_value(json_object_get(js, "error"));
        const char *edesc = json_string_value(json_object_get(js, "error_description"));
        if (error && strcmp(error, "invalid_client") == 0) {
            snprintf(desc, descsz, "%s", edesc ? edesc : "invalid_client");
            size_t dl = strlen(desc);
            while (dl > 0 && (desc[dl - 1] == '.' || desc[dl - 1] == ' '))
                desc[--dl] = '\0'; /* the message adds its own period */
            result = ATTEMPT_INVALID_CLIENT;
        } else if (error && resp.status >= 400 && resp.status < 500) {
            err_set_native(e, "28000", resp.status,
                           "Signing in to PingOne failed: PingOne answered %s: %s (client "
                           "authentication %s, client ID %s). Correlation-Id: %s.",
                           error, edesc ? edesc : "no description", mname, oc->client_id,
                           resp.correlation_id[0] ? resp.correlation_id : "none");
        } else if (resp.status == 404) {
            err_set_native(e, "08001", 404,
                           "Signing in to PingOne failed: there is no token endpoint at %s (HTTP 404). "
                           "Check WorkerAppEnvironmentId, Region or AuthorizationServerURL. "
                           "Correlation-Id: %s.", oc->token_url,
                           resp.correlation_id[0] ? resp.correlation_id : "none");
        } else {
            const char *state = resp.status >= 500 ? (p1http_connected(h) ? "08S01" : "08001")
                              : resp.status == 401 || resp.status == 403 ? "28000" : "HY000";
            err_set_native(e, state, resp.status,
                           "Signing in to PingOne failed: the token endpoint %s answered HTTP %ld%s%s%s. "
                           "Correlation-Id: %s.", oc->token_url, resp.status,
                           error ? " (" : "", error ? error : "", error ? ")" : "",
                           resp.correlation_id[0] ? resp.correlation_id : "none");
        }
    }
    json_decref(js);
    p1http_resp_free(&resp);
    return result;
}

int oauth_cc_token(oauth_cc *oc, p1http *h, int force, const char **token, err *e)
{
    if (!force && oc->access_token &&
        mono_s() < oc->expires_at - oauth_renew_margin(oc->lifetime_s)) {
        *token = oc->access_token;
        return 0;
    }
    free_secret(oc->access_token);
    oc->access_token = NULL;
    char desc1[512] = "", desc2[512] = "";
    enum oauth_auth_method first = oc->method;
    enum oauth_auth_method other = first == OAUTH_AUTH_BASIC ? OAUTH_AUTH_POST : OAUTH_AUTH_BASIC;
    enum attempt_result r = request_token(oc, h, first, desc1, sizeof desc1, e);
    if (r == ATTEMPT_INVALID_CLIENT) {
        p1log_write(p1http_log(h), 2, "token endpoint answered invalid_client with %s; trying %s",
                    first == OAUTH_AUTH_BASIC ? "client_secret_basic" : "client_secret_post",
                    other == OAUTH_AUTH_BASIC ? "client_secret_basic" : "client_secret_post");
        r = request_token(oc, h, other, desc2, sizeof desc2, e);
        if (r == ATTEMPT_INVALID_CLIENT) {
            const char *d_basic = first == OAUTH_AUTH_BASIC ? desc1 : desc2;
            const char *d_post = first == OAUTH_AUTH_BASIC ? desc2 : desc1;
            return err_set_native(e, "28000", 401,
                                  "Signing in to PingOne failed: PingOne rejected the client "
                                  "credentials of client ID %s (invalid_client). With "
                                  "client_secret_basic: %s. With client_secret_post: %s. Check "
                                  "OAuthClientId, OAuthClientSecret and WorkerAppEnvironmentId.",
                                  oc->client_id, d_basic, d_post);
        }
    }
    if (r != ATTEMPT_OK)
        return -1;
    *token = oc->access_token;
    return 0;
}
