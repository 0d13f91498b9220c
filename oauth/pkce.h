/**
 * @file pkce.h
 * Proof Key for Code Exchange (RFC 7636) and the other random values of the
 * authorization-code flow: Base64url without padding, S256 challenges,
 * random verifiers and state values, and the authorize URL.
 */
#ifndef P1_OAUTH_PKCE_H
#define P1_OAUTH_PKCE_H

#include <stddef.h>

#include "common/strbuf.h"

/** Length of the verifiers made by oauth_pkce_verifier (32 random bytes, Base64url). */
#define OAUTH_PKCE_VERIFIER_LEN 43

/**
 * Append the Base64url encoding (RFC 4648 section 5, no padding) of
 * data[0..len-1] to sb. Returns 0 or -1 (out of memory).
 */
int oauth_base64url(strbuf *sb, const unsigned char *data, size_t len);

/**
 * Append the S256 code challenge of verifier to sb:
 * Base64url(SHA-256(ASCII(verifier))). Returns 0 or -1.
 */
int oauth_pkce_challenge(strbuf *sb, const char *verifier);

/**
 * Fill out (at least OAUTH_PKCE_VERIFIER_LEN + 1 bytes) with a new random
 * verifier from OpenSSL's CSPRNG. Returns 0, or -1 when no randomness is
 * available.
 */
int oauth_pkce_verifier(char out[OAUTH_PKCE_VERIFIER_LEN + 1]);

/** As oauth_pkce_verifier, for a `state` value (same shape). Returns 0 or -1. */
int oauth_random_state(char out[OAUTH_PKCE_VERIFIER_LEN + 1]);

/**
 * Append PingOne's authorize URL to sb: <auth_base>/authorize?response_type=code
 * &client_id=..&redirect_uri=..&scope=..[&state=..]&code_challenge=..
 * &code_challenge_method=S256, every value percent-encoded. state and scope
 * may be NULL or "" (left out). Returns 0 or -1.
 */
int oauth_authorize_url(strbuf *sb, const char *auth_base, const char *client_id,
                        const char *redirect_uri, const char *scope, const char *state,
                        const char *verifier);

#endif
