/**
 * @file callback.h
 * The desktop half of the authorization-code flow: open the authorize URL
 * in the user's browser ($BROWSER, else xdg-open), and receive PingOne's
 * redirect on CallbackURL's host and port - plain http, or https with a
 * throwaway self-signed certificate made in memory - checking `state`.
 * Nothing secret (the code) is logged.
 */
#ifndef P1_OAUTH_CALLBACK_H
#define P1_OAUTH_CALLBACK_H

#include "common/err.h"

typedef struct oauth_callback oauth_callback;

/** The parts of a CallbackURL. Strings malloc'd. */
typedef struct oauth_cb_url {
    int   https;
    char *host;   /**< without brackets */
    char *port;   /**< decimal, defaulted from the scheme */
    char *path;   /**< "/" when empty */
} oauth_cb_url;

/**
 * Split url into its parts (http/https only, no user info, no query).
 * Returns 0, or -1 with e = HY024 naming CallbackURL.
 */
int oauth_cb_url_parse(const char *url, oauth_cb_url *out, err *e);

/** Free the strings of a parsed URL (safe on a zeroed record). */
void oauth_cb_url_free(oauth_cb_url *u);

/**
 * Start listening on callback_url's host and port (every address the host
 * resolves to). Fails with 08001 when the port is busy or the host is not
 * local, HY000 when the https certificate cannot be made.
 */
oauth_callback *oauth_callback_listen(const char *callback_url, err *e);

/** The port actually listened on (useful when CallbackURL asks for port 0). */
int oauth_callback_port(const oauth_callback *cb);

/**
 * Open url in the browser: the first entry of $BROWSER (':'-separated; "%s"
 * is replaced by the URL, else the URL is the last argument), else xdg-open.
 * how receives the command used. The child is reaped by the callback.
 * Returns 0 when a browser was started, -1 when none could be.
 */
int oauth_callback_open_browser(oauth_callback *cb, const char *url, char *how, size_t howsz);

/**
 * Wait up to timeout_s seconds for the redirect to CallbackURL's path.
 * Requests for other paths get 404 and the wait goes on. On the redirect:
 * error=... gives 28000 with PingOne's description; a state other than
 * expected_state gives 28000 (possible forgery); no code gives 28000.
 * Otherwise *code (malloc'd) is the authorization code and 0 is returned.
 * The browser is answered with a short page in every case. On timeout:
 * HYT00, whose message contains authorize_url so the user can open it.
 */
int oauth_callback_wait(oauth_callback *cb, const char *expected_state, long timeout_s,
                        const char *authorize_url, char **code, err *e);

/** Stop listening and free (NULL is fine). */
void oauth_callback_free(oauth_callback *cb);

/**
 * The callback wait in seconds: PINGONE_ODBC_CALLBACK_TIMEOUT when set to a
 * positive number (tests), else 120.
 */
long oauth_callback_timeout(void);

#endif
