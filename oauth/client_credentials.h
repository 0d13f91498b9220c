/**
 * @file client_credentials.h
 * OAuth 2.0 client-credentials sign-in against PingOne's token endpoint
 * (POST <AuthorizationServerURL>/token, grant_type=client_credentials).
 *
 * Client authentication starts with client_secret_basic (RFC 6749 2.3.1:
 * id and secret form-urlencoded, then Base64 in a Basic header); when the
 * server answers invalid_client it retries once with client_secret_post and
 * remembers the method that worked. The token is kept per connection and
 * renewed when less than min(60 s, 10% of its lifetime) remains, or on
 * demand (after a 401 INVALID_TOKEN). Secrets never reach logs or messages.
 */
#ifndef P1_OAUTH_CLIENT_CREDENTIALS_H
#define P1_OAUTH_CLIENT_CREDENTIALS_H

#include "common/err.h"
#include "common/strbuf.h"
#include "pingone/http.h"

typedef struct oauth_cc oauth_cc;

/** Client authentication methods. */
enum oauth_auth_method { OAUTH_AUTH_BASIC = 0, OAUTH_AUTH_POST = 1 };

/** Create the sign-in state (copies the strings). NULL with e set (HY001) on failure. */
oauth_cc *oauth_cc_new(const char *token_url, const char *client_id, const char *client_secret, err *e);

/** Wipe the secret and token, and free (NULL is fine). */
void oauth_cc_free(oauth_cc *oc);

/**
 * A valid access token in *token (owned by oc, valid until the next call):
 * signs in when there is none, when it is about to expire, or when force is
 * non-zero. Failures: 28000 rejected credentials (with PingOne's
 * error_description); transport errors as p1http_perform. Returns 0 or -1.
 */
int oauth_cc_token(oauth_cc *oc, p1http *h, int force, const char **token, err *e);

/** The client authentication method currently used (the one that last worked). */
enum oauth_auth_method oauth_cc_method(const oauth_cc *oc);

/** Lifetime in seconds of the current token (0 before the first sign-in). */
long oauth_cc_lifetime(const oauth_cc *oc);

/** Number of token requests made so far (for tests). */
long oauth_cc_requests(const oauth_cc *oc);

/**
 * Seconds before expiry at which a token of this lifetime is renewed:
 * min(60, lifetime / 10), at least 1.
 */
long oauth_renew_margin(long lifetime_s);

/**
 * application/x-www-form-urlencoded encoding of s (space as '+', every byte
 * outside A-Z a-z 0-9 - . _ ~ as %XX), appended to sb. Returns 0 or -1.
 */
int oauth_form_encode(strbuf *sb, const char *s);

/**
 * The value of a Basic Authorization header for id/secret per RFC 6749
 * 2.3.1: "Basic " + Base64(formenc(id) ":" formenc(secret)). Appended to
 * sb. Returns 0 or -1.
 */
int oauth_basic_credentials(strbuf *sb, const char *client_id, const char *client_secret);

#endif
