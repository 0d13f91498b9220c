/** @file callback.c  Browser launch and the redirect listener (see callback.h). */
#include "oauth/callback.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

extern char **environ;

#define MAX_LISTEN 4
#define MAX_REQUEST 16384

struct oauth_callback {
    oauth_cb_url url;
    int          fds[MAX_LISTEN];
    int          nfds;
    int          port;
    SSL_CTX     *tls;       /**< https: context with the throwaway certificate */
    pid_t        browser;   /**< browser child to reap, 0 when none */
};

void oauth_cb_url_free(oauth_cb_url *u)
{
    free(u->host);
    free(u->port);
    free(u->path);
    memset(u, 0, sizeof *u);
}

int oauth_cb_url_parse(const char *url, oauth_cb_url *out, err *e)
{
    memset(out, 0, sizeof *out);
    const char *p;
    if (strncasecmp(url, "http://", 7) == 0) {
        p = url + 7;
    } else if (strncasecmp(url, "https://", 8) == 0) {
        out->https = 1;
        p = url + 8;
    } else {
        goto bad;
    }
    const char *host = p, *host_end;
    if (*p == '[') {
        host = p + 1;
        host_end = strchr(host, ']');
        if (!host_end)
            goto bad;
        p = host_end + 1;
    } else {
        host_end = p + strcspn(p, ":/?#");
        p = host_end;
    }
    if (host_end == host || memchr(host, '@', (size_t)(host_end - host)))
        goto bad;
    out->host = strndup(host, (size_t)(host_end - host));
    if (*p == ':') {
        const char *ps = ++p;
        while (*p >= '0' && *p <= '9')
            p++;
        if (p == ps || p - ps > 5 || atol(ps) > 65535)
            goto bad;
        out->port = strndup(ps, (size_t)(p - ps));
    } else {
        out->port = strdup(out->https ? "443" : "80");
    }
    if (*p && *p != '/')
        goto bad;
    size_t plen = strcspn(p, "?#");
    if (p[plen])
        goto bad;
    out->path = plen ? strndup(p, plen) : strdup("/");
    if (!out->host || !out->port || !out->path) {
        oauth_cb_url_free(out);
        return err_set(e, "HY001", "Out of memory while reading CallbackURL.");
    }
    return 0;
bad:
    oauth_cb_url_free(out);
    return err_set(e, "HY024", "CallbackURL '%s' is not valid: give http://host:port[/path] or "
                   "https://host:port[/path] (no query), registered as a redirect URI of the "
                   "application, e.g. http://localhost:33333.", url);
}

long oauth_callback_timeout(void)
{
    const char *v = getenv("PINGONE_ODBC_CALLBACK_TIMEOUT");
    long t = v ? strtol(v, NULL, 10) : 0;
    return t > 0 ? t : 120;
}

/** Make a TLS server context with a fresh P-256 key and a self-signed certificate for host. */
static SSL_CTX *make_tls(const char *host)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    X509 *x = X509_new();
    SSL_CTX *ctx = NULL;
    if (!key || !x)
        goto done;
    ASN1_INTEGER_set(X509_get_serialNumber(x), (long)(time(NULL) & 0x7fffffff));
    X509_set_version(x, 2);
    X509_gmtime_adj(X509_getm_notBefore(x), -300);
    X509_gmtime_adj(X509_getm_notAfter(x), 86400);
    X509_set_pubkey(x, key);
    X509_NAME *name = X509_get_subject_name(x);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, (const unsigned char *)"pingone-odbc", -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, (const unsigned char *)host, -1, -1, 0);
    X509_set_issuer_name(x, name);
    char san[600];
    snprintf(san, sizeof san, "DNS:%s,DNS:localhost,IP:127.0.0.1,IP:::1", strlen(host) < 500 ? host : "localhost");
    X509V3_CTX v3;
    X509V3_set_ctx_nodb(&v3);
    X509V3_set_ctx(&v3, x, x, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, san);
    if (!ext) { /* host is an IP address: "DNS:<ip>" may be refused */
        ERR_clear_error();
        ext = X509V3_EXT_conf_nid(NULL, &v3, NID_subject_alt_name, "DNS:localhost,IP:127.0.0.1,IP:::1");
    }
    if (ext) {
        X509_add_ext(x, ext, -1);
        X509_EXTENSION_free(ext);
    }
    if (!X509_sign(x, key, EVP_sha256()))
        goto done;
    ctx = SSL_CTX_new(TLS_server_method());
    if (ctx && (SSL_CTX_use_certificate(ctx, x) != 1 || SSL_CTX_use_PrivateKey(ctx, key) != 1)) {
        SSL_CTX_free(ctx);
        ctx = NULL;
    }
done:
    X509_free(x);
    EVP_PKEY_free(key);
    ERR_clear_error();
    return ctx;
}

oauth_callback *oauth_callback_listen(const char *callback_url, err *e)
{
    oauth_callback *cb = calloc(1, sizeof *cb);
    if (!cb) {
        err_set(e, "HY001", "Out of memory while preparing the sign-in.");
        return NULL;
    }
    if (oauth_cb_url_parse(callback_url, &cb->url, e) < 0) {
        free(cb);
        return NULL;
    }
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(cb->url.host, cb->url.port, &hints, &res);
    if (gai != 0) {
        err_set(e, "08001", "Cannot listen for the sign-in on CallbackURL %s: the host '%s' "
                "cannot be resolved (%s).", callback_url, cb->url.host, gai_strerror(gai));
        oauth_callback_free(cb);
        return NULL;
    }
    int last_errno = 0;
    for (struct addrinfo *ai = res; ai && cb->nfds < MAX_LISTEN; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        if (ai->ai_family == AF_INET6)
            setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 8) < 0) {
            last_errno = errno;
            close(fd);
            continue;
        }
        struct sockaddr_storage ss;
        socklen_t sl = sizeof ss;
        if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0)
            cb->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
                                                      : ((struct sockaddr_in *)&ss)->sin_port);
        cb->fds[cb->nfds++] = fd;
    }
    freeaddrinfo(res);
    if (cb->nfds == 0) {
        err_set(e, "08001", "Cannot listen for the sign-in on CallbackURL %s (%s:%s): %s. Close "
                "the program using that port, or register another redirect URI and set CallbackURL.",
                callback_url, cb->url.host, cb->url.port,
                last_errno ? strerror(last_errno) : "no usable address");
        oauth_callback_free(cb);
        return NULL;
    }
    if (cb->url.https && !(cb->tls = make_tls(cb->url.host))) {
        err_set(e, "HY000", "Cannot make the temporary certificate for the https CallbackURL %s "
                "(OpenSSL).", callback_url);
        oauth_callback_free(cb);
        return NULL;
    }
    return cb;
}

int oauth_callback_port(const oauth_callback *cb)
{
    return cb->port;
}

/** Reap the browser child if it has exited. */
static void reap_browser(oauth_callback *cb)
{
    if (cb->browser > 0 && waitpid(cb->browser, NULL, WNOHANG) != 0)
        cb->browser = 0;
}

/** Non-zero when cmd names an executable file (a path, or found in $PATH). */
static int executable(const char *cmd)
{
    if (strchr(cmd, '/'))
        return access(cmd, X_OK) == 0;
    const char *path = getenv("PATH");
    if (!path)
        path = "/usr/local/bin:/usr/bin:/bin";
    while (*path) {
        size_t n = strcspn(path, ":");
        char full[4096];
        if (n > 0 && snprintf(full, sizeof full, "%.*s/%s", (int)n, path, cmd) < (int)sizeof full &&
            access(full, X_OK) == 0)
            return 1;
        path += n;
        if (*path == ':')
            path++;
    }
    return 0;
}

int oauth_callback_open_browser(oauth_callback *cb, const char *url, char *how, size_t howsz)
{
    char cmd[1024] = "";
    const char *b = getenv("BROWSER");
    if (b && *b) {
        size_t n = strcspn(b, ":");
        snprintf(cmd, sizeof cmd, "%.*s", (int)n, b);
    }
    if (!cmd[0])
        snprintf(cmd, sizeof cmd, "xdg-open");
    char *argv[34];
    int argc = 0, used_url = 0;
    char *save = NULL;
    for (char *tok = strtok_r(cmd, " \t", &save); tok && argc < 32; tok = strtok_r(NULL, " \t", &save)) {
        if (strcmp(tok, "%s") == 0) {
            argv[argc++] = (char *)url;
            used_url = 1;
        } else {
            argv[argc++] = tok;
        }
    }
    if (argc == 0 || !executable(argv[0]))
        return -1;
    if (!used_url)
        argv[argc++] = (char *)url;
    argv[argc] = NULL;
    snprintf(how, howsz, "%s", argv[0]);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc != 0)
        return -1;
    cb->browser = pid;
    return 0;
}

/** Monotonic milliseconds. */
static long long mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/** One accepted client connection (plain or TLS). */
typedef struct conn {
    int  fd;
    SSL *ssl;
} conn;

/** Read up to n bytes. Returns bytes read, 0 at end, -1 error. */
static int conn_read(conn *c, char *buf, int n)
{
    if (c->ssl) {
        int r = SSL_read(c->ssl, buf, n);
        return r > 0 ? r : (SSL_get_error(c->ssl, r) == SSL_ERROR_ZERO_RETURN ? 0 : -1);
    }
    ssize_t r = recv(c->fd, buf, (size_t)n, 0);
    return (int)r;
}

/** Write all of buf (best effort). */
static void conn_write(conn *c, const char *buf, size_t n)
{
    while (n > 0) {
        int w = c->ssl ? SSL_write(c->ssl, buf, (int)n) : (int)send(c->fd, buf, n, MSG_NOSIGNAL);
        if (w <= 0)
            return;
        buf += w;
        n -= (size_t)w;
    }
}

/** Answer with status and a tiny HTML page, then close. */
static void respond(conn *c, int status, const char *title, const char *text)
{
    char body[1024], head[256];
    int bl = snprintf(body, sizeof body,
                      "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%s</title></head>"
                      "<body><h1>%s</h1><p>%s</p></body></html>\n", title, title, text);
    int hl = snprintf(head, sizeof head,
                      "HTTP/1.1 %d %s\r\nContent-Type: text/html; charset=utf-8\r\n"
                      "Content-Length: %d\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                      status, status == 200 ? "OK" : status == 404 ? "Not Found" : "Bad Request", bl);
    conn_write(c, head, (size_t)hl);
    conn_write(c, body, (size_t)bl);
}

/** Close a client connection. */
static void conn_close(conn *c)
{
    if (c->ssl) {
        SSL_shutdown(c->ssl);
        SSL_free(c->ssl);
    }
    close(c->fd);
}

/** Hex digit value, -1 if not hex. */
static int hexval(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/** The decoded value of query parameter name (malloc'd), NULL when absent. */
static char *query_param(const char *q, const char *name)
{
    size_t nl = strlen(name);
    while (q && *q) {
        const char *end = q + strcspn(q, "&");
        if ((size_t)(end - q) > nl && strncmp(q, name, nl) == 0 && q[nl] == '=') {
            const char *v = q + nl + 1;
            char *out = malloc((size_t)(end - v) + 1), *o = out;
            if (!out)
                return NULL;
            for (; v < end; v++) {
                if (*v == '+') {
                    *o++ = ' ';
                } else if (*v == '%' && v + 2 < end && hexval(v[1]) >= 0 && hexval(v[2]) >= 0) {
                    *o++ = (char)(hexval(v[1]) * 16 + hexval(v[2]));
                    v += 2;
                } else {
                    *o++ = *v;
                }
            }
            *o = '\0';
            return out;
        }
        q = *end ? end + 1 : end;
    }
    return NULL;
}

/** Keep only printable ASCII of s for a message (in place). */
static void printable(char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s < 32 || (unsigned char)*s > 126)
            *s = '?';
}

/**
 * Serve one accepted connection. Returns 1 when the flow ended (0 with
 * *code, or error in e via *rc), 0 to keep waiting.
 */
static int serve(oauth_callback *cb, conn *c, const char *expected_state, char **code,
                 int *rc, err *e)
{
    char *req = malloc(MAX_REQUEST + 1);
    if (!req)
        return 0;
    int len = 0;
    while (len < MAX_REQUEST) {
        int n = conn_read(c, req + len, MAX_REQUEST - len);
        if (n <= 0)
            break;
        len += n;
        req[len] = '\0';
        if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
            break;
    }
    req[len] = '\0';
    int finished = 0;
    char method[8] = "", target[MAX_REQUEST] = "";
    if (len == 0 || sscanf(req, "%7s %16383s", method, target) != 2) {
        free(req);
        return 0;
    }
    free(req);
    char *query = strchr(target, '?');
    if (query)
        *query++ = '\0';
    if (strcmp(method, "GET") != 0 || strcmp(target, cb->url.path) != 0) {
        respond(c, 404, "Not found", "This is the pingone-odbc sign-in listener.");
        OPENSSL_cleanse(target, sizeof target);
        return 0;
    }
    char *error = query_param(query, "error");
    char *desc = query_param(query, "error_description");
    char *state = query_param(query, "state");
    char *got = query_param(query, "code");
    finished = 1;
    if (error) {
        printable(error);
        printable(desc);
        for (size_t dl = desc ? strlen(desc) : 0; dl > 0 && (desc[dl - 1] == '.' || desc[dl - 1] == ' '); dl--)
            desc[dl - 1] = '\0';
        respond(c, 400, "Sign-in failed", "PingOne did not sign you in. You can close this window.");
        *rc = err_set(e, "28000", "Signing in to PingOne failed: PingOne answered %s: %s. Sign in "
                      "again, or check the application's redirect URIs, grant types and PKCE setting.",
                      error, desc ? desc : "no description");
    } else if (!state || strcmp(state, expected_state ? expected_state : "") != 0) {
        respond(c, 400, "Sign-in rejected", "The answer does not belong to this sign-in "
                "(state mismatch). You can close this window and try again.");
        *rc = err_set(e, "28000", "Signing in to PingOne failed: the answer that reached "
                      "CallbackURL carries a state that does not match this sign-in (it may come "
                      "from another sign-in, or be forged). Sign in again.");
    } else if (!got || !*got) {
        respond(c, 400, "Sign-in failed", "The answer has no authorization code.");
        *rc = err_set(e, "28000", "Signing in to PingOne failed: the answer that reached "
                      "CallbackURL has no authorization code. Sign in again.");
    } else {
        respond(c, 200, "Signed in", "pingone-odbc is signed in to PingOne. You can close this window.");
        *code = got;
        got = NULL;
        *rc = 0;
    }
    free(error);
    free(desc);
    free(state);
    if (got) {
        OPENSSL_cleanse(got, strlen(got));
        free(got);
    }
    OPENSSL_cleanse(target, sizeof target);
    return finished;
}

int oauth_callback_wait(oauth_callback *cb, const char *expected_state, long timeout_s,
                        const char *authorize_url, char **code, err *e)
{
    *code = NULL;
    long long deadline = mono_ms() + timeout_s * 1000;
    int rc = -1;
    for (;;) {
        reap_browser(cb);
        long long left = deadline - mono_ms();
        if (left <= 0)
            return err_set(e, "HYT00", "No sign-in reached CallbackURL within %ld s. Open %s "
                           "in a browser to sign in, then connect again.", timeout_s, authorize_url);
        struct pollfd pfd[MAX_LISTEN];
        for (int i = 0; i < cb->nfds; i++)
            pfd[i] = (struct pollfd){.fd = cb->fds[i], .events = POLLIN};
        int n = poll(pfd, (nfds_t)cb->nfds, (int)(left > 250 ? 250 : left));
        if (n <= 0)
            continue;
        for (int i = 0; i < cb->nfds; i++) {
            if (!(pfd[i].revents & POLLIN))
                continue;
            conn c = {.fd = accept4(cb->fds[i], NULL, NULL, SOCK_CLOEXEC), .ssl = NULL};
            if (c.fd < 0)
                continue;
            struct timeval tv = {10, 0};
            setsockopt(c.fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            setsockopt(c.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
            if (cb->tls) {
                c.ssl = SSL_new(cb->tls);
                if (!c.ssl || SSL_set_fd(c.ssl, c.fd) != 1 || SSL_accept(c.ssl) != 1) {
                    ERR_clear_error();
                    if (c.ssl)
                        SSL_free(c.ssl);
                    close(c.fd);
                    continue;
                }
            }
            int finished = serve(cb, &c, expected_state, code, &rc, e);
            conn_close(&c);
            if (finished) {
                for (int k = 0; k < 40 && cb->browser > 0; k++) { /* let the browser finish */
                    reap_browser(cb);
                    if (cb->browser > 0)
                        usleep(50 * 1000);
                }
                return rc;
            }
        }
    }
}

void oauth_callback_free(oauth_callback *cb)
{
    if (!cb)
        return;
    for (int i = 0; i < cb->nfds; i++)
        close(cb->fds[i]);
    reap_browser(cb);
    SSL_CTX_free(cb->tls);
    oauth_cb_url_free(&cb->url);
    free(cb);
}
