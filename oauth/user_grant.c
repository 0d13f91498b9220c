/** @file user_grant.c  authorization_code and refresh_token grants (see user_grant.h). */
#include "oauth/user_grant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <openssl/crypto.h>

/** Wipe and free a string. */
static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

void oauth_tokens_clear(oauth_tokens *t)
{
    free_secret(t->access_token);
    free_secret(t->refresh_token);
    memset(t, 0, sizeof *t);
    t->expires_in = -1;
}

int oauth_tokens_copy(oauth_tokens *dst, const oauth_tokens *src)
{
    if (dst == src)
        return 0;
    oauth_tokens_clear(dst);
    dst->expires_in = src->expires_in;
    dst->issued_ms = src->issued_ms;
    if (src->access_token && !(dst->access_token = strdup(src->access_token)))
        goto fail;
    if (src->refresh_token && !(dst->refresh_token = strdup(src->refresh_token)))
        goto fail;
    return 0;
fail:
    oauth_tokens_clear(dst);
    return -1;
}

long long oauth_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long oauth_tokens_remaining(const oauth_tokens *t, long long now_ms)
{
    if (t->expires_in < 0 || t->issued_ms <= 0)
        return 1LL << 40;
    return (t->issued_ms + (long long)t->expires_in * 1000 - now_ms) / 1000;
}

/** What a grant is doing, for messages. */
static const char *grant_what(int refresh)
{
    return refresh ? "Refreshing the OAuth access token" : "Exchanging the authorization code";
}

/** Outcome of one token request. */
enum attempt { ATT_OK, ATT_INVALID_CLIENT, ATT_REJECTED, ATT_FAILED };

/**
 * POST params (already form-encoded, without client authentication) to the
 * token endpoint with one client authentication method; parse the answer.
 */
static enum attempt attempt_grant(p1http *h, const oauth_client *c, enum oauth_auth_method method,
                                  const char *params, int refresh, oauth_tokens *out,
                                  char *desc, size_t descsz, err *e)
{
    int public_client = !c->client_secret || !*c->client_secret;
    strbuf body, auth;
    sb_init(&body);
    sb_init(&auth);
    sb_append(&body, params);
    if (public_client || method == OAUTH_AUTH_POST) {
        sb_append(&body, "&client_id=");
        oauth_form_encode(&body, c->client_id);
    }
    if (!public_client && method == OAUTH_AUTH_POST) {
        sb_append(&body, "&client_secret=");
        oauth_form_encode(&body, c->client_secret);
    }
    if (!public_client && method == OAUTH_AUTH_BASIC)
        oauth_basic_credentials(&auth, c->client_id, c->client_secret);
    const char *what = grant_what(refresh);
    p1http_req req = {
        .method = P1HTTP_POST_FORM, .url = c->token_url,
        .authorization = auth.len ? auth.data : NULL,
        .form_body = body.data, .sensitive = 1, .what = what,
    };
    p1http_resp resp;
    p1http_resp_init(&resp);
    int rc = p1http_perform(h, &req, &resp, e);
    if (body.data)
        OPENSSL_cleanse(body.data, body.len);
    if (auth.data)
        OPENSSL_cleanse(auth.data, auth.len);
    sb_free(&body);
    sb_free(&auth);
    if (rc < 0) {
        p1http_resp_free(&resp);
        return ATT_FAILED;
    }
    json_t *js = json_loadb(resp.body.data ? resp.body.data : "", resp.body.len, 0, NULL);
    if (resp.body.data)
        OPENSSL_cleanse(resp.body.data, resp.body.len);
    const char *cid = resp.correlation_id[0] ? resp.correlation_id : "none";
    enum attempt result = ATT_FAILED;
    if (resp.status == 200) {
        const char *tok = json_string_value(json_object_get(js, "access_token"));
        const char *rt = json_string_value(json_object_get(js, "refresh_token"));
        json_t *exp = json_object_get(js, "expires_in");
        long lifetime = json_is_integer(exp) ? (long)json_integer_value(exp)
                      : json_is_string(exp) ? strtol(json_string_value(exp), NULL, 10) : 3600;
        if (!tok || !*tok) {
            err_set_native(e, "08S01", 200, "%s failed: the token endpoint %s answered without an "
                           "access_token. Check AuthorizationServerURL. Correlation-Id: %s.",
                           what, c->token_url, cid);
        } else {
            char *keep_rt = NULL;
            if (!rt && out->refresh_token) { /* no rotation: keep the old refresh token */
                keep_rt = out->refresh_token;
                out->refresh_token = NULL;
            }
            oauth_tokens_clear(out);
            out->access_token = strdup(tok);
            out->refresh_token = rt ? strdup(rt) : keep_rt;
            out->expires_in = lifetime > 0 ? lifetime : 3600;
            out->issued_ms = oauth_now_ms();
            if (!out->access_token || (rt && !out->refresh_token)) {
                oauth_tokens_clear(out);
                err_set(e, "HY001", "Out of memory while storing the OAuth tokens.");
            } else {
                result = ATT_OK;
            }
        }
    } else {
        const char *error = json_string_value(json_object_get(js, "error"));
        const char *edesc0 = json_string_value(json_object_get(js, "error_description"));
        char edesc_buf[512];
        const char *edesc = NULL;
        if (edesc0) { /* the messages add their own period */
            snprintf(edesc_buf, sizeof edesc_buf, "%s", edesc0);
            size_t dl = strlen(edesc_buf);
            while (dl > 0 && (edesc_buf[dl - 1] == '.' || edesc_buf[dl - 1] == ' '))
                edesc_buf[--dl] = '\0';
            edesc = edesc_buf;
        }
        if (error && strcmp(error, "invalid_client") == 0 && !public_client) {
            snprintf(desc, descsz, "%s", edesc ? edesc : "invalid_client");
            result = ATT_INVALID_CLIENT;
        } else if (error && strcmp(error, "invalid_grant") == 0) {
            err_set_native(e, "28000", resp.status,
                           "%s failed: PingOne answered invalid_grant: %s. %s Correlation-Id: %s.",
                           what, edesc ? edesc : "no description",
                           refresh ? "The refresh token was revoked, has expired or was already "
                                     "used: sign in again (InitiateOAuth=GETANDREFRESH, or "
                                     "GetOAuthAuthorizationURL and GetOAuthAccessToken)."
                                   : "An authorization code can be used once, within a minute, "
                                     "with the CallbackURL and PKCE verifier of its authorize "
                                     "request: sign in again.", cid);
            result = ATT_REJECTED;
        } else if (error) {
            err_set_native(e, "28000", resp.status,
                           "%s failed: PingOne answered %s: %s (client ID %s). Correlation-Id: %s.",
                           what, error, edesc ? edesc : "no description", c->client_id, cid);
        } else {
            const char *state = resp.status >= 500 ? "08S01"
                              : resp.status == 401 || resp.status == 403 ? "28000" : "HY000";
            err_set_native(e, state, resp.status,
                           "%s failed: the token endpoint %s answered HTTP %ld. Correlation-Id: %s.",
                           what, c->token_url, resp.status, cid);
        }
    }
    json_decref(js);
    p1http_resp_free(&resp);
    return result;
}

/** Run one grant with the client-authentication fallback. */
static int run_grant(p1http *h, oauth_client *c, const char *params, int refresh,
                     oauth_tokens *out, err *e)
{
    char d1[512] = "", d2[512] = "";
    enum oauth_auth_method first = c->method;
    enum oauth_auth_method other = first == OAUTH_AUTH_BASIC ? OAUTH_AUTH_POST : OAUTH_AUTH_BASIC;
    enum attempt r = attempt_grant(h, c, first, params, refresh, out, d1, sizeof d1, e);
    if (r == ATT_INVALID_CLIENT) {
        r = attempt_grant(h, c, other, params, refresh, out, d2, sizeof d2, e);
        if (r == ATT_OK)
            c->method = other;
        else if (r == ATT_INVALID_CLIENT)
            return err_set_native(e, "28000", 401,
                                  "%s failed: PingOne rejected the client credentials of client "
                                  "ID %s (invalid_client: %s). Check OAuthClientId and "
                                  "OAuthClientSecret.", grant_what(refresh), c->client_id, d1);
    }
    if (r == ATT_OK)
        return 0;
    return r == ATT_REJECTED ? OAUTH_GRANT_REJECTED : OAUTH_GRANT_FAILED;
}

int oauth_grant_code(p1http *h, oauth_client *c, const char *code, const char *redirect_uri,
                     const char *verifier, oauth_tokens *out, err *e)
{
    strbuf p;
    sb_init(&p);
    sb_append(&p, "grant_type=authorization_code&code=");
    oauth_form_encode(&p, code);
    sb_append(&p, "&redirect_uri=");
    oauth_form_encode(&p, redirect_uri);
    if (verifier && *verifier) {
        sb_append(&p, "&code_verifier=");
        oauth_form_encode(&p, verifier);
    }
    int rc = p.data ? run_grant(h, c, p.data, 0, out, e)
                    : err_set(e, "HY001", "Out of memory while exchanging the authorization code.");
    if (p.data)
        OPENSSL_cleanse(p.data, p.len);
    sb_free(&p);
    return rc;
}

int oauth_grant_refresh(p1http *h, oauth_client *c, const char *refresh_token,
                        oauth_tokens *out, err *e)
{
    strbuf p;
    sb_init(&p);
    sb_append(&p, "grant_type=refresh_token&refresh_token=");
    oauth_form_encode(&p, refresh_token);
    int rc = p.data ? run_grant(h, c, p.data, 1, out, e)
                    : err_set(e, "HY001", "Out of memory while refreshing the OAuth access token.");
    if (p.data)
        OPENSSL_cleanse(p.data, p.len);
    sb_free(&p);
    return rc;
}
