/**
 * @file auth.h
 * How one connection gets its access token: the glue between the provider
 * and oauth/. AuthScheme=OAuthClient uses client credentials (tokens shared
 * through OAuthSettingsLocation=memory://name when given). AuthScheme=OAuth
 * follows InitiateOAuth:
 *   OFF            OAuthAccessToken as given; nothing is refreshed. Without
 *                  a token the connection still works for the OAuth
 *                  procedures; data requests fail with 28000 saying how to
 *                  get one.
 *   REFRESH        OAuthVerifier is exchanged once (with the PKCE verifier
 *                  kept by GetOAuthAuthorizationURL), then the stored tokens
 *                  are refreshed; never a browser.
 *   GETANDREFRESH  the stored token, refreshed when expired, else the
 *                  browser sign-in on CallbackURL.
 * Tokens are renewed a margin (min(60 s, 10 %)) before expiry and once after
 * a 401 INVALID_TOKEN. Refreshes happen under the store's lock after
 * re-reading it, so processes sharing a settings file never replay a
 * rotated refresh token.
 */
#ifndef P1_PINGONE_AUTH_H
#define P1_PINGONE_AUTH_H

#include "common/err.h"
#include "common/log.h"
#include "common/props.h"
#include "oauth/user_grant.h"
#include "pingone/http.h"
#include "pingone/url.h"

typedef struct p1auth p1auth;

/**
 * Prepare the token handling of a connection from validated properties (no
 * I/O). ep, h and log are borrowed and must outlive it. NULL with e set.
 */
p1auth *p1auth_new(const props *p, const p1_endpoints *ep, p1http *h, p1log *log, err *e);

/** Wipe every token and free (NULL is fine). */
void p1auth_free(p1auth *a);

/**
 * The sign-in done while connecting: client credentials; for AuthScheme=OAuth
 * the flow InitiateOAuth asks for (none for OFF). Returns 0 or -1 with e set.
 */
int p1auth_connect(p1auth *a, err *e);

/** Non-zero when a token is at hand or can be had without the user (data requests may go). */
int p1auth_ready(const p1auth *a);

/**
 * A token for a management request (owned by a, valid until the next call).
 * force: the last token was rejected with 401 INVALID_TOKEN. Returns 0 or -1
 * with e set (28000 telling the user what to do when there is no usable token).
 */
int p1auth_token(p1auth *a, int force, const char **token, err *e);

/** Non-zero for AuthScheme=OAuthClient. */
int p1auth_is_client(const p1auth *a);

/**
 * GetOAuthAuthorizationURL: a new PKCE verifier (kept in the connection and
 * in the store) and the authorize URL for callback (NULL/"": CallbackURL),
 * scope (NULL/"": Scope) and state (may be NULL). *url malloc'd.
 */
int p1auth_authorization_url(p1auth *a, const char *callback, const char *scope,
                             const char *state, char **url, err *e);

/**
 * GetOAuthAccessToken: mode "APP" (desktop flow) or "WEB" (exchange
 * verifier); OAuthClient gets a client-credentials token (no refresh token).
 * The tokens become the connection's and, unless InitiateOAuth=OFF, are
 * stored. out receives a copy.
 */
int p1auth_get_token(p1auth *a, const char *mode, const char *verifier, const char *callback,
                     const char *state, const char *scope, oauth_tokens *out, err *e);

/**
 * RefreshOAuthAccessToken: refresh with refresh_token (NULL/"": the
 * connection's or stored one). Same effects as p1auth_get_token.
 */
int p1auth_refresh(p1auth *a, const char *refresh_token, oauth_tokens *out, err *e);

#endif
