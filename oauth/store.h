/**
 * @file store.h
 * The OAuth token store behind OAuthSettingsLocation.
 *
 * A file (default $XDG_CONFIG_HOME/pingone-odbc/OAuthSettings.txt, else
 * ~/.config/pingone-odbc/OAuthSettings.txt) holds one header line and one
 * Base64 line: salt(16) | nonce(12) | GCM tag(16) | ciphertext. The
 * plaintext (JSON) is sealed with AES-256-GCM under a key derived with
 * HKDF-SHA256 from the client id and secret and the stored random salt, the
 * header line being authenticated data. So a copied file works with the same
 * OAuthClientId/OAuthClientSecret anywhere and is useless without them; a
 * changed or foreign file fails the tag check. Files are written mode 0600
 * to a temporary file and renamed; a lock file (<path>.lock, flock) lets a
 * process re-read and refresh without another process doing the same at once.
 *
 * `memory://<name>` keeps the settings in process memory, shared by every
 * connection of the process using that name (a mutex is the lock).
 */
#ifndef P1_OAUTH_STORE_H
#define P1_OAUTH_STORE_H

#include "common/err.h"
#include "common/strbuf.h"
#include "oauth/user_grant.h"

/** What the store keeps for one application. */
typedef struct oauth_settings {
    oauth_tokens tokens;
    char *pkce_verifier;  /**< PKCE verifier of the last GetOAuthAuthorizationURL, NULL if none */
    char *pkce_state;     /**< its state, NULL if none */
    char *pkce_redirect;  /**< its redirect URI, NULL if none */
    char *code_used;      /**< SHA-256 (hex) of the last OAuthVerifier exchanged, NULL if none */
} oauth_settings;

/** Wipe and free everything in s and zero it (safe on a zeroed record). */
void oauth_settings_clear(oauth_settings *s);

typedef struct oauth_store oauth_store;

/**
 * Open the store at location ("" = the default file; "memory://name"; else
 * a file path, "~/" expanded). Nothing is read yet. client_secret may be
 * NULL/"" (public client; the file is then only as secret as the client id).
 * Returns NULL with e set (HY001, or HY024 when no default location exists).
 */
oauth_store *oauth_store_open(const char *location, const char *client_id,
                              const char *client_secret, err *e);

/** Wipe the key material and free (NULL is fine; releases a held lock). */
void oauth_store_free(oauth_store *s);

/** Where the store lives, for messages ("/home/x/.config/..." or "memory://name"). */
const char *oauth_store_where(const oauth_store *s);

/**
 * Take the store's exclusive lock (waits up to wait_s seconds; HYT00 then).
 * Not recursive. Returns 0 or -1 with e set.
 */
int oauth_store_lock(oauth_store *s, long wait_s, err *e);

/** Release the lock taken with oauth_store_lock (no-op when not held). */
void oauth_store_unlock(oauth_store *s);

/**
 * Read the settings into *out (cleared first; empty when there is no file
 * yet). A file that fails decryption (changed, or written for other client
 * credentials) gives HY000 naming the file and telling what to do.
 * Returns 0 or -1.
 */
int oauth_store_load(oauth_store *s, oauth_settings *out, err *e);

/** Write the settings (atomically for files). Returns 0 or -1 with e set (HY000). */
int oauth_store_save(oauth_store *s, const oauth_settings *in, err *e);

/**
 * Seal plaintext[0..len-1] for client_id/secret into the file format
 * (header line and Base64 line) appended to out. Returns 0 or -1.
 */
int oauth_seal(const char *client_id, const char *client_secret,
               const char *plaintext, size_t len, strbuf *out);

/**
 * Open a sealed text (as written by oauth_seal) into plain (appended).
 * Returns 0, -1 when it is not in the format, -2 when authentication fails
 * (tampered, or other credentials).
 */
int oauth_unseal(const char *client_id, const char *client_secret,
                 const char *sealed, size_t len, strbuf *plain);

/** Append the lowercase hex SHA-256 of s to out (used for code_used). Returns 0 or -1. */
int oauth_sha256_hex(strbuf *out, const char *s);

#endif
