/**
 * @file user_grant.h
 * The token-endpoint grants of a signed-in user (RFC 6749): exchanging an
 * authorization code (with its PKCE verifier) and refreshing with a refresh
 * token. Confidential clients authenticate with client_secret_basic and fall
 * back once to client_secret_post on invalid_client (remembering what
 * worked); public clients (no secret) send only client_id. Nothing secret
 * reaches logs or messages.
 */
#ifndef P1_OAUTH_USER_GRANT_H
#define P1_OAUTH_USER_GRANT_H

#include "common/err.h"
#include "oauth/client_credentials.h"
#include "pingone/http.h"

/** Tokens of one sign-in (all strings malloc'd; NULL when absent). */
typedef struct oauth_tokens {
    char     *access_token;
    char     *refresh_token;
    long      expires_in;   /**< lifetime in seconds; -1 unknown */
    long long issued_ms;    /**< when it was issued, Unix epoch milliseconds; 0 unknown */
} oauth_tokens;

/** Wipe and free the strings and zero t (safe on a zeroed record). */
void oauth_tokens_clear(oauth_tokens *t);

/** Replace dst with a copy of src. Returns 0, or -1 (out of memory; dst cleared). */
int oauth_tokens_copy(oauth_tokens *dst, const oauth_tokens *src);

/**
 * Seconds of validity left at now_ms (epoch ms); a very large number when the
 * lifetime or issue time is unknown, negative when expired.
 */
long long oauth_tokens_remaining(const oauth_tokens *t, long long now_ms);

/** The current time in Unix epoch milliseconds. */
long long oauth_now_ms(void);

/** The application that asks for tokens. */
typedef struct oauth_client {
    const char             *token_url;
    const char             *client_id;
    const char             *client_secret; /**< NULL or "" for a public client */
    enum oauth_auth_method  method;        /**< in/out: the method to try first / that worked */
} oauth_client;

/** Results of the grant functions besides 0. */
enum { OAUTH_GRANT_FAILED = -1, OAUTH_GRANT_REJECTED = -2 };

/**
 * Exchange an authorization code: grant_type=authorization_code with code,
 * redirect_uri and code_verifier (when verifier is not NULL/""). Fills out.
 * Returns 0; OAUTH_GRANT_REJECTED with e = 28000 when PingOne answers
 * invalid_grant (used, expired or foreign code, wrong verifier); or
 * OAUTH_GRANT_FAILED with e set (28000 other OAuth errors, transport errors
 * as p1http_perform).
 */
int oauth_grant_code(p1http *h, oauth_client *c, const char *code, const char *redirect_uri,
                     const char *verifier, oauth_tokens *out, err *e);

/**
 * Refresh: grant_type=refresh_token. PingOne rotates the refresh token: the
 * new one is in out->refresh_token (the old one is kept there when the answer
 * has none). Same results as oauth_grant_code (REJECTED: the refresh token
 * was revoked, expired or already used).
 */
int oauth_grant_refresh(p1http *h, oauth_client *c, const char *refresh_token,
                        oauth_tokens *out, err *e);

#endif
