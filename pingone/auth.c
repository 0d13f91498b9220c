/** @file auth.c  Which sign-in flow, token store and refresh, per connection (see auth.h). */
#include "pingone/auth.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/crypto.h>

#include "oauth/callback.h"
#include "oauth/client_credentials.h"
#include "oauth/pkce.h"
#include "oauth/store.h"

/** Seconds to wait for another process holding the settings lock. */
#define STORE_WAIT_S 90

enum initiate { IO_OFF, IO_GETANDREFRESH, IO_REFRESH };

struct p1auth {
    int            client;          /**< AuthScheme=OAuthClient */
    enum initiate  io;
    p1http        *h;
    p1log         *log;
    oauth_cc      *cc;              /**< client credentials */
    oauth_client   oc;              /**< user grants (strings below) */
    char          *token_url, *client_id, *client_secret;
    char          *auth_base, *callback, *scope;
    char          *prop_verifier;   /**< OAuthVerifier */
    oauth_tokens   prop_tokens;     /**< OAuthAccessToken, OAuthRefreshToken, OAuthExpiresIn, ... */
    oauth_tokens   tok;             /**< the connection's current tokens */
    oauth_store   *store;           /**< NULL for OAuthClient without memory:// */
    char          *pending_verifier, *pending_state, *pending_redirect;
};

/** Wipe and free a string. */
static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

/** strdup of a possibly NULL string; *oom set when it fails. */
static char *dup_or_null(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *oom = 1;
    return d;
}

p1auth *p1auth_new(const props *p, const p1_endpoints *ep, p1http *h, p1log *log, err *e)
{
    p1auth *a = calloc(1, sizeof *a);
    if (!a) {
        err_set(e, "HY001", "Out of memory while preparing the sign-in.");
        return NULL;
    }
    a->h = h;
    a->log = log;
    a->tok.expires_in = a->prop_tokens.expires_in = -1;
    a->client = strcasecmp(props_get(p, PROP_AUTHSCHEME), "OAuthClient") == 0;
    const char *io = props_get(p, PROP_INITIATEOAUTH);
    a->io = strcasecmp(io, "GETANDREFRESH") == 0 ? IO_GETANDREFRESH
          : strcasecmp(io, "REFRESH") == 0 ? IO_REFRESH : IO_OFF;
    int oom = 0;
    a->token_url = dup_or_null(ep->token_url, &oom);
    a->auth_base = dup_or_null(ep->auth_base, &oom);
    a->client_id = dup_or_null(props_get(p, PROP_OAUTHCLIENTID), &oom);
    a->client_secret = dup_or_null(props_get(p, PROP_OAUTHCLIENTSECRET), &oom);
    a->callback = dup_or_null(props_get(p, PROP_CALLBACKURL), &oom);
    a->scope = dup_or_null(props_get(p, PROP_SCOPE), &oom);
    if (props_is_set(p, PROP_OAUTHVERIFIER))
        a->prop_verifier = dup_or_null(props_get(p, PROP_OAUTHVERIFIER), &oom);
    if (props_is_set(p, PROP_OAUTHACCESSTOKEN))
        a->prop_tokens.access_token = dup_or_null(props_get(p, PROP_OAUTHACCESSTOKEN), &oom);
    if (props_is_set(p, PROP_OAUTHREFRESHTOKEN))
        a->prop_tokens.refresh_token = dup_or_null(props_get(p, PROP_OAUTHREFRESHTOKEN), &oom);
    if (props_is_set(p, PROP_OAUTHEXPIRESIN))
        a->prop_tokens.expires_in = strtol(props_get(p, PROP_OAUTHEXPIRESIN), NULL, 10);
    if (props_is_set(p, PROP_OAUTHTOKENTIMESTAMP))
        a->prop_tokens.issued_ms = strtoll(props_get(p, PROP_OAUTHTOKENTIMESTAMP), NULL, 10);
    if (oom) {
        p1auth_free(a);
        err_set(e, "HY001", "Out of memory while preparing the sign-in.");
        return NULL;
    }
    a->oc = (oauth_client){a->token_url, a->client_id, a->client_secret, OAUTH_AUTH_BASIC};
    if (a->client && !(a->cc = oauth_cc_new(a->token_url, a->client_id, a->client_secret, e))) {
        p1auth_free(a);
        return NULL;
    }
    const char *loc = props_get(p, PROP_OAUTHSETTINGSLOCATION);
    if (!a->client || strncasecmp(loc, "memory://", 9) == 0) {
        a->store = oauth_store_open(loc, a->client_id, a->client_secret, e);
        if (!a->store && !a->client && a->io == IO_OFF && !*loc) {
            /* OFF only keeps a PKCE verifier there: without HOME, process memory will do. */
            err_clear(e);
            a->store = oauth_store_open("memory://pingone-odbc-default", a->client_id,
                                        a->client_secret, e);
        }
        if (!a->store) {
            p1auth_free(a);
            return NULL;
        }
    }
    return a;
}

void p1auth_free(p1auth *a)
{
    if (!a)
        return;
    oauth_cc_free(a->cc);
    oauth_store_free(a->store);
    oauth_tokens_clear(&a->prop_tokens);
    oauth_tokens_clear(&a->tok);
    free(a->token_url);
    free(a->auth_base);
    free(a->client_id);
    free_secret(a->client_secret);
    free(a->callback);
    free(a->scope);
    free_secret(a->prop_verifier);
    free_secret(a->pending_verifier);
    free(a->pending_state);
    free(a->pending_redirect);
    free(a);
}

int p1auth_is_client(const p1auth *a)
{
    return a->client;
}

/** Non-zero when t has an access token other than rejected with more than the renewal margin left. */
static int usable(const oauth_tokens *t, const char *rejected)
{
    if (!t->access_token || (rejected && strcmp(t->access_token, rejected) == 0))
        return 0;
    long margin = t->expires_in > 0 ? oauth_renew_margin(t->expires_in) : 0;
    return oauth_tokens_remaining(t, oauth_now_ms()) > margin;
}

/** Make src the connection's tokens. */
static int adopt(p1auth *a, const oauth_tokens *src, err *e)
{
    if (oauth_tokens_copy(&a->tok, src) < 0)
        return err_set(e, "HY001", "Out of memory while keeping the OAuth tokens.");
    return 0;
}

/** Save S, logging (not failing) when the store cannot be written. */
static void save_or_log(p1auth *a, const oauth_settings *S)
{
    err tmp;
    err_clear(&tmp);
    if (oauth_store_save(a->store, S, &tmp) < 0)
        p1log_write(a->log, 1, "warning: %s", tmp.message);
}

/** Client credentials shared through a memory:// store. */
static int client_token_shared(p1auth *a, int force, err *e)
{
    if (!force && usable(&a->tok, NULL))
        return 0;
    char *rejected = force && a->tok.access_token ? strdup(a->tok.access_token) : NULL;
    oauth_settings S = {0};
    int rc = -1;
    if (oauth_store_lock(a->store, STORE_WAIT_S, e) < 0)
        goto out;
    if (oauth_store_load(a->store, &S, e) < 0)
        goto unlock;
    if (usable(&S.tokens, rejected)) {
        rc = adopt(a, &S.tokens, e);
        goto unlock;
    }
    const char *t;
    if (oauth_cc_token(a->cc, a->h, 1, &t, e) < 0)
        goto unlock;
    oauth_tokens nt = {(char *)t, NULL, oauth_cc_lifetime(a->cc), oauth_now_ms()};
    if (oauth_tokens_copy(&S.tokens, &nt) < 0 || adopt(a, &nt, e) < 0) {
        err_set(e, "HY001", "Out of memory while keeping the OAuth tokens.");
        goto unlock;
    }
    save_or_log(a, &S);
    rc = 0;
unlock:
    oauth_store_unlock(a->store);
out:
    oauth_settings_clear(&S);
    free_secret(rejected);
    return rc;
}

/** Record a pending PKCE verifier in the connection and the store (best effort for the store). */
static int keep_pending(p1auth *a, const char *verifier, const char *state, const char *redirect, err *e)
{
    free_secret(a->pending_verifier);
    free(a->pending_state);
    free(a->pending_redirect);
    int oom = 0;
    a->pending_verifier = dup_or_null(verifier, &oom);
    a->pending_state = dup_or_null(state && *state ? state : NULL, &oom);
    a->pending_redirect = dup_or_null(redirect, &oom);
    if (oom)
        return err_set(e, "HY001", "Out of memory while keeping the PKCE verifier.");
    oauth_settings S = {0};
    err tmp;
    err_clear(&tmp);
    if (oauth_store_lock(a->store, STORE_WAIT_S, &tmp) == 0) {
        if (oauth_store_load(a->store, &S, &tmp) == 0) {
            free_secret(S.pkce_verifier);
            free(S.pkce_state);
            free(S.pkce_redirect);
            S.pkce_verifier = dup_or_null(verifier, &oom);
            S.pkce_state = dup_or_null(a->pending_state, &oom);
            S.pkce_redirect = dup_or_null(redirect, &oom);
            if (!oom && oauth_store_save(a->store, &S, &tmp) == 0)
                tmp.set = 0;
        }
        oauth_store_unlock(a->store);
    }
    if (tmp.set)
        p1log_write(a->log, 1, "warning: the PKCE verifier was not stored: %s", tmp.message);
    oauth_settings_clear(&S);
    return 0;
}

/**
 * The browser sign-in: listen on callback, open the authorize URL, wait for
 * the redirect, exchange the code with the PKCE verifier. out gets the tokens.
 */
static int desktop_signin(p1auth *a, const char *callback, const char *scope, const char *state_in,
                          oauth_tokens *out, err *e)
{
    oauth_callback *cb = oauth_callback_listen(callback, e);
    if (!cb)
        return -1;
    char verifier[OAUTH_PKCE_VERIFIER_LEN + 1], state[OAUTH_PKCE_VERIFIER_LEN + 1];
    const char *st = state_in && *state_in ? state_in : state;
    strbuf url;
    sb_init(&url);
    int rc = -1;
    char *code = NULL;
    if (oauth_pkce_verifier(verifier) < 0 || oauth_random_state(state) < 0) {
        err_set(e, "HY000", "No random numbers are available (OpenSSL) for the sign-in.");
        goto done;
    }
    if (oauth_authorize_url(&url, a->auth_base, a->client_id, callback, scope, st, verifier) < 0) {
        err_set(e, "HY001", "Out of memory while preparing the sign-in.");
        goto done;
    }
    char how[256];
    if (oauth_callback_open_browser(cb, url.data, how, sizeof how) < 0) {
        keep_pending(a, verifier, st, callback, e);
        err_set(e, "28000", "No browser could be started ($BROWSER, xdg-open): open %s to sign "
                "in, then set OAuthVerifier to the code parameter of the address it leads to, "
                "with InitiateOAuth=REFRESH.", url.data);
        goto done;
    }
    long wait_s = oauth_callback_timeout();
    p1log_write(a->log, 1, "opened the PingOne sign-in page with %s; waiting up to %ld s for the "
                "redirect to %s", how, wait_s, callback);
    if (oauth_callback_wait(cb, st, wait_s, url.data, &code, e) < 0)
        goto done;
    oauth_callback_free(cb);
    cb = NULL;
    rc = oauth_grant_code(a->h, &a->oc, code, callback, verifier, out, e) == 0 ? 0 : -1;
    if (rc == 0)
        p1log_write(a->log, 1, "signed in to PingOne in the browser");
done:
    oauth_callback_free(cb);
    free_secret(code);
    OPENSSL_cleanse(verifier, sizeof verifier);
    sb_free(&url);
    return rc;
}

/** Store tokens t (under the lock) unless InitiateOAuth=OFF; errors are logged only. */
static void store_tokens(p1auth *a, const oauth_tokens *t)
{
    if (a->client || a->io == IO_OFF)
        return;
    oauth_settings S = {0};
    err tmp;
    err_clear(&tmp);
    if (oauth_store_lock(a->store, STORE_WAIT_S, &tmp) == 0) {
        if (oauth_store_load(a->store, &S, &tmp) == 0 && oauth_tokens_copy(&S.tokens, t) == 0)
            save_or_log(a, &S);
        oauth_store_unlock(a->store);
    }
    if (tmp.set)
        p1log_write(a->log, 1, "warning: %s", tmp.message);
    oauth_settings_clear(&S);
}

/**
 * Under the store's lock: exchange OAuthVerifier once (REFRESH), reuse the
 * stored token, or refresh. rejected: the token PingOne just refused (or
 * NULL). Returns 0 with a->tok set, 1 when only a browser sign-in can help
 * (allowed for GETANDREFRESH), -1 with e set.
 */
static int refresh_locked(p1auth *a, const char *rejected, err *e)
{
    oauth_settings S = {0};
    oauth_tokens nt = {0};
    strbuf hash;
    sb_init(&hash);
    int rc = -1, browser = a->io == IO_GETANDREFRESH;
    if (oauth_store_lock(a->store, STORE_WAIT_S, e) < 0)
        goto out;
    if (oauth_store_load(a->store, &S, e) < 0)
        goto unlock;
    if (a->io == IO_REFRESH && a->prop_verifier && !rejected) {
        if (oauth_sha256_hex(&hash, a->prop_verifier) < 0) {
            err_set(e, "HY001", "Out of memory while signing in.");
            goto unlock;
        }
        if (!S.code_used || strcmp(S.code_used, hash.data) != 0) {
            const char *pkce = a->pending_verifier ? a->pending_verifier : S.pkce_verifier;
            const char *redirect = a->pending_redirect ? a->pending_redirect
                                 : S.pkce_redirect ? S.pkce_redirect : a->callback;
            if (oauth_grant_code(a->h, &a->oc, a->prop_verifier, redirect, pkce, &nt, e) != 0) {
                err_append(e, " (OAuthVerifier, with the PKCE verifier kept in %s)",
                           oauth_store_where(a->store));
                goto unlock;
            }
            oauth_tokens_copy(&S.tokens, &nt);
            free(S.code_used);
            S.code_used = sb_steal(&hash);
            free_secret(S.pkce_verifier);
            free(S.pkce_state);
            free(S.pkce_redirect);
            S.pkce_verifier = S.pkce_state = S.pkce_redirect = NULL;
            save_or_log(a, &S);
            p1log_write(a->log, 1, "exchanged OAuthVerifier for tokens; stored in %s",
                        oauth_store_where(a->store));
            rc = adopt(a, &nt, e);
            goto unlock;
        }
    }
    if (usable(&S.tokens, rejected)) {
        rc = adopt(a, &S.tokens, e);
        goto unlock;
    }
    if (!S.tokens.access_token && !S.tokens.refresh_token && usable(&a->prop_tokens, rejected)) {
        oauth_tokens_copy(&S.tokens, &a->prop_tokens);
        save_or_log(a, &S);
        rc = adopt(a, &a->prop_tokens, e);
        goto unlock;
    }
    const char *rt = S.tokens.refresh_token ? S.tokens.refresh_token
                   : a->tok.refresh_token ? a->tok.refresh_token : a->prop_tokens.refresh_token;
    if (!rt) {
        if (browser)
            rc = 1;
        else
            err_set(e, "28000", "No OAuth tokens to use: InitiateOAuth=REFRESH found none in %s. "
                    "Give OAuthVerifier (the code from signing in at the URL of "
                    "GetOAuthAuthorizationURL) or OAuthRefreshToken, or use "
                    "InitiateOAuth=GETANDREFRESH.", oauth_store_where(a->store));
        goto unlock;
    }
    int g = oauth_grant_refresh(a->h, &a->oc, rt, &nt, e);
    if (g == 0) {
        oauth_tokens_copy(&S.tokens, &nt);
        save_or_log(a, &S);
        p1log_write(a->log, 2, "refreshed the OAuth access token (stored in %s)",
                    oauth_store_where(a->store));
        rc = adopt(a, &nt, e);
    } else if (g == OAUTH_GRANT_REJECTED && browser) {
        p1log_write(a->log, 1, "the stored refresh token was refused; signing in again");
        rc = 1;
    }
unlock:
    oauth_store_unlock(a->store);
out:
    oauth_settings_clear(&S);
    oauth_tokens_clear(&nt);
    sb_free(&hash);
    return rc;
}

/** Get tokens for AuthScheme=OAuth with REFRESH/GETANDREFRESH (rejected may be NULL). */
static int acquire(p1auth *a, const char *rejected, err *e)
{
    int rc = refresh_locked(a, rejected, e);
    if (rc != 1)
        return rc;
    oauth_tokens nt = {0};
    nt.expires_in = -1;
    rc = desktop_signin(a, a->callback, a->scope, NULL, &nt, e);
    if (rc == 0) {
        store_tokens(a, &nt);
        rc = adopt(a, &nt, e);
    }
    oauth_tokens_clear(&nt);
    return rc;
}

int p1auth_connect(p1auth *a, err *e)
{
    const char *t;
    if (a->client) {
        if (a->store)
            return client_token_shared(a, 0, e);
        if (oauth_cc_token(a->cc, a->h, 0, &t, e) < 0)
            return -1;
        p1log_write(a->log, 2, "signed in at %s with %s", a->token_url,
                    oauth_cc_method(a->cc) == OAUTH_AUTH_BASIC ? "client_secret_basic"
                                                               : "client_secret_post");
        return 0;
    }
    if (a->io == IO_OFF)
        return a->prop_tokens.access_token ? adopt(a, &a->prop_tokens, e) : 0;
    return acquire(a, NULL, e);
}

int p1auth_ready(const p1auth *a)
{
    if (a->client || a->io != IO_OFF)
        return 1;
    return a->tok.access_token && oauth_tokens_remaining(&a->tok, oauth_now_ms()) > 0;
}

int p1auth_token(p1auth *a, int force, const char **token, err *e)
{
    if (a->client && !a->store)
        return oauth_cc_token(a->cc, a->h, force, token, e);
    if (a->client) {
        if (client_token_shared(a, force, e) < 0)
            return -1;
        *token = a->tok.access_token;
        return 0;
    }
    if (!force && usable(&a->tok, NULL)) {
        *token = a->tok.access_token;
        return 0;
    }
    if (a->io == IO_OFF) {
        if (!a->tok.access_token)
            return err_set(e, "28000", "No OAuth access token: with AuthScheme=OAuth and "
                           "InitiateOAuth=OFF the driver uses OAuthAccessToken as given, and none "
                           "was given. Get one with GetOAuthAuthorizationURL and "
                           "GetOAuthAccessToken (AuthMode='WEB'), or EXEC GetOAuthAccessToken "
                           "(AuthMode='APP', browser sign-in), then set OAuthAccessToken; or "
                           "connect with InitiateOAuth=GETANDREFRESH.");
        return err_set(e, "28000", "The OAuth access token %s, and InitiateOAuth=OFF does not "
                       "refresh it: get a new one with RefreshOAuthAccessToken and reconnect "
                       "with OAuthAccessToken set to it, or connect with InitiateOAuth=REFRESH "
                       "(or GETANDREFRESH) to refresh automatically.",
                       force ? "was rejected by PingOne (expired or revoked)" : "has expired");
    }
    char *rejected = force && a->tok.access_token ? strdup(a->tok.access_token) : NULL;
    int rc = acquire(a, rejected, e);
    free_secret(rejected);
    if (rc < 0)
        return -1;
    *token = a->tok.access_token;
    return 0;
}

int p1auth_authorization_url(p1auth *a, const char *callback, const char *scope,
                             const char *state, char **url, err *e)
{
    *url = NULL;
    if (a->client)
        return err_set(e, "HY000", "GetOAuthAuthorizationURL needs AuthScheme=OAuth: with "
                       "AuthScheme=OAuthClient the driver signs in with client credentials "
                       "and no browser.");
    const char *cbu = callback && *callback ? callback : a->callback;
    oauth_cb_url parsed;
    if (oauth_cb_url_parse(cbu, &parsed, e) < 0)
        return -1;
    oauth_cb_url_free(&parsed);
    char verifier[OAUTH_PKCE_VERIFIER_LEN + 1];
    if (oauth_pkce_verifier(verifier) < 0)
        return err_set(e, "HY000", "No random numbers are available (OpenSSL) for the sign-in.");
    strbuf sb;
    sb_init(&sb);
    int rc = -1;
    if (oauth_authorize_url(&sb, a->auth_base, a->client_id, cbu,
                            scope && *scope ? scope : a->scope, state, verifier) < 0)
        err_set(e, "HY001", "Out of memory while building the authorization URL.");
    else if (keep_pending(a, verifier, state, cbu, e) == 0)
        rc = 0;
    OPENSSL_cleanse(verifier, sizeof verifier);
    if (rc == 0)
        *url = sb_steal(&sb);
    sb_free(&sb);
    return rc;
}

/** Load the pending PKCE verifier and redirect URI from the store when the connection has none. */
static void load_pending(p1auth *a)
{
    if (a->pending_verifier)
        return;
    oauth_settings S = {0};
    err tmp;
    err_clear(&tmp);
    if (oauth_store_load(a->store, &S, &tmp) == 0 && S.pkce_verifier) {
        free(a->pending_redirect);
        free(a->pending_state);
        a->pending_verifier = S.pkce_verifier;
        a->pending_redirect = S.pkce_redirect;
        a->pending_state = S.pkce_state;
        S.pkce_verifier = S.pkce_redirect = S.pkce_state = NULL;
    } else if (tmp.set) {
        p1log_write(a->log, 1, "warning: %s", tmp.message);
    }
    oauth_settings_clear(&S);
}

int p1auth_get_token(p1auth *a, const char *mode, const char *verifier, const char *callback,
                     const char *state, const char *scope, oauth_tokens *out, err *e)
{
    if (a->client) {
        const char *t;
        if (p1auth_token(a, 1, &t, e) < 0)
            return -1;
        oauth_tokens nt = {(char *)t, NULL, a->store ? a->tok.expires_in : oauth_cc_lifetime(a->cc),
                           oauth_now_ms()};
        if (oauth_tokens_copy(out, &nt) < 0)
            return err_set(e, "HY001", "Out of memory while returning the token.");
        return 0;
    }
    const char *m = mode && *mode ? mode : "APP";
    const char *cbu = callback && *callback ? callback : NULL;
    oauth_tokens nt = {0};
    nt.expires_in = -1;
    int rc;
    if (strcasecmp(m, "APP") == 0) {
        rc = desktop_signin(a, cbu ? cbu : a->callback, scope && *scope ? scope : a->scope,
                            state, &nt, e);
    } else if (strcasecmp(m, "WEB") == 0) {
        if (!verifier || !*verifier)
            return err_set(e, "HY009", "GetOAuthAccessToken with AuthMode='WEB' needs Verifier: "
                           "the code parameter PingOne sent to the callback URL after signing "
                           "in at the URL of GetOAuthAuthorizationURL.");
        load_pending(a);
        const char *redirect = cbu ? cbu : a->pending_redirect ? a->pending_redirect : a->callback;
        rc = oauth_grant_code(a->h, &a->oc, verifier, redirect, a->pending_verifier, &nt, e) ? -1 : 0;
        if (rc == 0) {
            free_secret(a->pending_verifier);
            a->pending_verifier = NULL;
        }
    } else {
        return err_set(e, "HY024", "AuthMode '%s' is not valid: use 'APP' (sign in with the "
                       "browser now) or 'WEB' (exchange Verifier).", m);
    }
    if (rc == 0) {
        store_tokens(a, &nt);
        rc = adopt(a, &nt, e);
        if (rc == 0 && oauth_tokens_copy(out, &nt) < 0)
            rc = err_set(e, "HY001", "Out of memory while returning the token.");
    }
    oauth_tokens_clear(&nt);
    return rc;
}

int p1auth_refresh(p1auth *a, const char *refresh_token, oauth_tokens *out, err *e)
{
    if (a->client)
        return err_set(e, "HY000", "With AuthScheme=OAuthClient there is no refresh token (the "
                       "driver renews client-credentials tokens itself); RefreshOAuthAccessToken "
                       "needs AuthScheme=OAuth.");
    const char *rt = refresh_token && *refresh_token ? refresh_token : NULL;
    oauth_settings S = {0};
    if (!rt)
        rt = a->tok.refresh_token ? a->tok.refresh_token : a->prop_tokens.refresh_token;
    if (!rt) {
        if (oauth_store_load(a->store, &S, e) < 0)
            return -1;
        rt = S.tokens.refresh_token;
    }
    if (!rt) {
        oauth_settings_clear(&S);
        return err_set(e, "HY009", "RefreshOAuthAccessToken needs OAuthRefreshToken: give the "
                       "refresh token returned by GetOAuthAccessToken.");
    }
    oauth_tokens nt = {0};
    nt.expires_in = -1;
    int rc = oauth_grant_refresh(a->h, &a->oc, rt, &nt, e) ? -1 : 0;
    oauth_settings_clear(&S);
    if (rc == 0) {
        store_tokens(a, &nt);
        rc = adopt(a, &nt, e);
        if (rc == 0 && oauth_tokens_copy(out, &nt) < 0)
            rc = err_set(e, "HY001", "Out of memory while returning the token.");
    }
    oauth_tokens_clear(&nt);
    return rc;
}
