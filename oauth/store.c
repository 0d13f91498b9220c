/** @file store.c  Encrypted token store: files and memory:// (see store.h). */
#include "oauth/store.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#define HEADER "PingOne-ODBC OAuthSettings v1 (AES-256-GCM, HKDF-SHA256)"
#define SALT_LEN 16
#define IV_LEN 12
#define TAG_LEN 16
#define MAX_FILE (1 << 20)

/** A memory:// store entry: lives until the process exits. */
typedef struct mem_entry {
    struct mem_entry *next;
    char             *name;
    char             *plain;   /**< the settings JSON, NULL when empty */
    pthread_mutex_t   lock;
} mem_entry;

static pthread_mutex_t mem_registry_lock = PTHREAD_MUTEX_INITIALIZER;
static mem_entry *mem_registry;

struct oauth_store {
    char      *path;       /**< file path, NULL for memory:// */
    char      *lock_path;
    char      *where;
    mem_entry *mem;
    char      *client_id;
    char      *client_secret;
    int        lock_fd;    /**< >= 0 while a file lock is held */
    int        mem_locked;
};

/** Wipe and free a string. */
static void free_secret(char *s)
{
    if (s) {
        OPENSSL_cleanse(s, strlen(s));
        free(s);
    }
}

void oauth_settings_clear(oauth_settings *s)
{
    oauth_tokens_clear(&s->tokens);
    free_secret(s->pkce_verifier);
    free(s->pkce_state);
    free(s->pkce_redirect);
    free(s->code_used);
    s->pkce_verifier = s->pkce_state = s->pkce_redirect = s->code_used = NULL;
}

int oauth_sha256_hex(strbuf *out, const char *s)
{
    unsigned char md[32];
    unsigned int n = 0;
    if (!EVP_Digest(s, strlen(s), md, &n, EVP_sha256(), NULL))
        return -1;
    for (unsigned i = 0; i < n; i++)
        if (sb_printf(out, "%02x", md[i]) < 0)
            return -1;
    return 0;
}

/** Derive the 32-byte key: HKDF-SHA256(ikm = id "\n" secret, salt, info). Returns 0 or -1. */
static int derive_key(const char *client_id, const char *client_secret,
                      const unsigned char *salt, unsigned char key[32])
{
    strbuf ikm;
    sb_init(&ikm);
    int rc = -1;
    if (sb_append(&ikm, client_id) < 0 || sb_append_char(&ikm, '\n') < 0 ||
        sb_append(&ikm, client_secret ? client_secret : "") < 0)
        goto done;
    EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
    size_t keylen = 32;
    static const char info[] = "pingone-odbc OAuthSettings key v1";
    if (ctx && EVP_PKEY_derive_init(ctx) > 0 &&
        EVP_PKEY_CTX_set_hkdf_md(ctx, EVP_sha256()) > 0 &&
        EVP_PKEY_CTX_set1_hkdf_salt(ctx, salt, SALT_LEN) > 0 &&
        EVP_PKEY_CTX_set1_hkdf_key(ctx, (const unsigned char *)ikm.data, (int)ikm.len) > 0 &&
        EVP_PKEY_CTX_add1_hkdf_info(ctx, (const unsigned char *)info, (int)sizeof info - 1) > 0 &&
        EVP_PKEY_derive(ctx, key, &keylen) > 0 && keylen == 32)
        rc = 0;
    EVP_PKEY_CTX_free(ctx);
done:
    if (ikm.data)
        OPENSSL_cleanse(ikm.data, ikm.len);
    sb_free(&ikm);
    return rc;
}

int oauth_seal(const char *client_id, const char *client_secret,
               const char *plaintext, size_t len, strbuf *out)
{
    size_t rawlen = SALT_LEN + IV_LEN + TAG_LEN + len;
    unsigned char *raw = malloc(rawlen);
    unsigned char key[32];
    int rc = -1, outl = 0, finl = 0;
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (!raw || !ctx || RAND_bytes(raw, SALT_LEN + IV_LEN) != 1 ||
        derive_key(client_id, client_secret, raw, key) < 0)
        goto done;
    unsigned char *iv = raw + SALT_LEN, *tag = iv + IV_LEN, *ct = tag + TAG_LEN;
    if (EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv) != 1 ||
        EVP_EncryptUpdate(ctx, NULL, &outl, (const unsigned char *)HEADER, (int)strlen(HEADER)) != 1 ||
        EVP_EncryptUpdate(ctx, ct, &outl, (const unsigned char *)plaintext, (int)len) != 1 ||
        EVP_EncryptFinal_ex(ctx, ct + outl, &finl) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, TAG_LEN, tag) != 1)
        goto done;
    size_t b64len = 4 * ((rawlen + 2) / 3) + 1;
    unsigned char *b64 = malloc(b64len);
    if (!b64)
        goto done;
    EVP_EncodeBlock(b64, raw, (int)rawlen);
    rc = sb_append(out, HEADER "\n") == 0 && sb_append(out, (char *)b64) == 0 &&
         sb_append_char(out, '\n') == 0 ? 0 : -1;
    free(b64);
done:
    OPENSSL_cleanse(key, sizeof key);
    if (raw) {
        OPENSSL_cleanse(raw, rawlen);
        free(raw);
    }
    EVP_CIPHER_CTX_free(ctx);
    return rc;
}

int oauth_unseal(const char *client_id, const char *client_secret,
                 const char *sealed, size_t len, strbuf *plain)
{
    size_t hl = strlen(HEADER);
    if (len < hl + 1 || memcmp(sealed, HEADER, hl) != 0 || sealed[hl] != '\n')
        return -1;
    const char *b = sealed + hl + 1;
    size_t blen = len - hl - 1;
    while (blen && (b[blen - 1] == '\n' || b[blen - 1] == '\r' || b[blen - 1] == ' '))
        blen--;
    if (blen == 0 || blen % 4 != 0)
        return -1;
    for (size_t i = 0; i < blen; i++)
        if (!((b[i] >= 'A' && b[i] <= 'Z') || (b[i] >= 'a' && b[i] <= 'z') ||
              (b[i] >= '0' && b[i] <= '9') || b[i] == '+' || b[i] == '/' || b[i] == '='))
            return -1;
    unsigned char *raw = malloc(blen / 4 * 3 + 1);
    if (!raw)
        return -1;
    int n = EVP_DecodeBlock(raw, (const unsigned char *)b, (int)blen);
    if (n >= 0 && blen >= 2 && b[blen - 1] == '=')
        n -= b[blen - 2] == '=' ? 2 : 1;
    int rc = -1;
    unsigned char key[32];
    EVP_CIPHER_CTX *ctx = NULL;
    unsigned char *pt = NULL;
    size_t ctlen = 0;
    if (n < SALT_LEN + IV_LEN + TAG_LEN)
        goto done;
    ctlen = (size_t)n - SALT_LEN - IV_LEN - TAG_LEN;
    unsigned char *iv = raw + SALT_LEN, *tag = iv + IV_LEN, *ct = tag + TAG_LEN;
    pt = malloc(ctlen + 1);
    ctx = EVP_CIPHER_CTX_new();
    if (!pt || !ctx || derive_key(client_id, client_secret, raw, key) < 0)
        goto done;
    int outl = 0, finl = 0;
    rc = -2;
    if (EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv) != 1 ||
        EVP_DecryptUpdate(ctx, NULL, &outl, (const unsigned char *)HEADER, (int)hl) != 1 ||
        EVP_DecryptUpdate(ctx, pt, &outl, ct, (int)ctlen) != 1 ||
        EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, TAG_LEN, tag) != 1 ||
        EVP_DecryptFinal_ex(ctx, pt + outl, &finl) != 1)
        goto done;
    rc = sb_append_len(plain, (const char *)pt, (size_t)(outl + finl)) == 0 ? 0 : -1;
done:
    OPENSSL_cleanse(key, sizeof key);
    if (pt) {
        OPENSSL_cleanse(pt, ctlen + 1);
        free(pt);
    }
    free(raw);
    EVP_CIPHER_CTX_free(ctx);
    return rc;
}

/** The default settings path, malloc'd; NULL when neither XDG_CONFIG_HOME nor HOME is set. */
static char *default_path(void)
{
    const char *xdg = getenv("XDG_CONFIG_HOME");
    const char *home = getenv("HOME");
    strbuf sb;
    sb_init(&sb);
    if (xdg && *xdg == '/')
        sb_printf(&sb, "%s/pingone-odbc/OAuthSettings.txt", xdg);
    else if (home && *home)
        sb_printf(&sb, "%s/.config/pingone-odbc/OAuthSettings.txt", home);
    else
        return NULL;
    return sb_steal(&sb);
}

/** Find or create the memory:// entry called name. NULL when out of memory. */
static mem_entry *mem_get(const char *name)
{
    pthread_mutex_lock(&mem_registry_lock);
    mem_entry *m = mem_registry;
    while (m && strcmp(m->name, name) != 0)
        m = m->next;
    if (!m && (m = calloc(1, sizeof *m)) != NULL) {
        if (!(m->name = strdup(name))) {
            free(m);
            m = NULL;
        } else {
            pthread_mutex_init(&m->lock, NULL);
            m->next = mem_registry;
            mem_registry = m;
        }
    }
    pthread_mutex_unlock(&mem_registry_lock);
    return m;
}

oauth_store *oauth_store_open(const char *location, const char *client_id,
                              const char *client_secret, err *e)
{
    oauth_store *s = calloc(1, sizeof *s);
    if (!s)
        goto oom;
    s->lock_fd = -1;
    s->client_id = strdup(client_id ? client_id : "");
    s->client_secret = strdup(client_secret ? client_secret : "");
    if (!s->client_id || !s->client_secret)
        goto oom;
    strbuf sb;
    sb_init(&sb);
    if (location && strncasecmp(location, "memory://", 9) == 0) {
        if (!(s->mem = mem_get(location + 9)) || !(s->where = strdup(location)))
            goto oom;
        return s;
    }
    if (!location || !*location) {
        s->path = default_path();
        if (!s->path) {
            oauth_store_free(s);
            err_set(e, "HY024", "There is no default OAuthSettingsLocation (neither "
                    "XDG_CONFIG_HOME nor HOME is set): set OAuthSettingsLocation to a file "
                    "path or to memory://<name>.");
            return NULL;
        }
    } else if (location[0] == '~' && location[1] == '/' && getenv("HOME")) {
        sb_printf(&sb, "%s/%s", getenv("HOME"), location + 2);
        s->path = sb_steal(&sb);
    } else {
        s->path = strdup(location);
    }
    if (!s->path)
        goto oom;
    sb_printf(&sb, "%s.lock", s->path);
    s->lock_path = sb_steal(&sb);
    if (!s->lock_path || !(s->where = strdup(s->path)))
        goto oom;
    return s;
oom:
    oauth_store_free(s);
    err_set(e, "HY001", "Out of memory while opening the OAuth settings.");
    return NULL;
}

void oauth_store_free(oauth_store *s)
{
    if (!s)
        return;
    oauth_store_unlock(s);
    free(s->path);
    free(s->lock_path);
    free(s->where);
    free(s->client_id);
    free_secret(s->client_secret);
    free(s);
}

const char *oauth_store_where(const oauth_store *s)
{
    return s->where;
}

/** mkdir -p of the directory part of path with mode 0700. Returns 0 or -1. */
static int make_parent_dirs(const char *path)
{
    char *dir = strdup(path);
    if (!dir)
        return -1;
    char *slash = strrchr(dir, '/');
    int rc = 0;
    if (slash && slash != dir) {
        *slash = '\0';
        for (char *p = dir + 1; rc == 0; p++) {
            if (*p == '/' || *p == '\0') {
                char c = *p;
                *p = '\0';
                if (mkdir(dir, 0700) < 0 && errno != EEXIST)
                    rc = -1;
                *p = c;
                if (c == '\0')
                    break;
            }
        }
    }
    free(dir);
    return rc;
}

int oauth_store_lock(oauth_store *s, long wait_s, err *e)
{
    struct timespec pause = {0, 50 * 1000 * 1000};
    long tries = wait_s * 20 + 1;
    if (s->mem) {
        for (long i = 0; i < tries; i++) {
            if (pthread_mutex_trylock(&s->mem->lock) == 0) {
                s->mem_locked = 1;
                return 0;
            }
            nanosleep(&pause, NULL);
        }
        return err_set(e, "HYT00", "Timed out after %ld s waiting for the OAuth settings %s, "
                       "which another connection is updating.", wait_s, s->where);
    }
    if (s->lock_fd >= 0)
        return 0;
    if (make_parent_dirs(s->lock_path) < 0)
        return err_set(e, "HY000", "Cannot create the folder of the OAuth settings file %s: %s. "
                       "Check OAuthSettingsLocation.", s->path, strerror(errno));
    int fd = open(s->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(e, "HY000", "Cannot open the lock file %s: %s. Check OAuthSettingsLocation.",
                       s->lock_path, strerror(errno));
    for (long i = 0; i < tries; i++) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
            s->lock_fd = fd;
            return 0;
        }
        if (errno != EWOULDBLOCK && errno != EINTR)
            break;
        nanosleep(&pause, NULL);
    }
    close(fd);
    return err_set(e, "HYT00", "Timed out after %ld s waiting for the lock on the OAuth settings "
                   "file %s, which another process is updating.", wait_s, s->path);
}

void oauth_store_unlock(oauth_store *s)
{
    if (s->mem && s->mem_locked) {
        s->mem_locked = 0;
        pthread_mutex_unlock(&s->mem->lock);
    }
    if (s->lock_fd >= 0) {
        flock(s->lock_fd, LOCK_UN);
        close(s->lock_fd);
        s->lock_fd = -1;
    }
}

/** Duplicate a JSON string member, NULL when absent. Sets *oom on allocation failure. */
static char *dup_member(json_t *o, const char *key, int *oom)
{
    const char *v = json_string_value(json_object_get(o, key));
    if (!v || !*v)
        return NULL;
    char *d = strdup(v);
    if (!d)
        *oom = 1;
    return d;
}

/** Parse the plaintext JSON into out. Returns 0, -1 malformed, -2 out of memory. */
static int parse_plain(const char *text, size_t len, oauth_settings *out)
{
    json_t *js = json_loadb(text, len, 0, NULL);
    if (!json_is_object(js)) {
        json_decref(js);
        return -1;
    }
    int oom = 0;
    out->tokens.access_token = dup_member(js, "access_token", &oom);
    out->tokens.refresh_token = dup_member(js, "refresh_token", &oom);
    json_t *v = json_object_get(js, "expires_in");
    out->tokens.expires_in = json_is_integer(v) ? (long)json_integer_value(v) : -1;
    v = json_object_get(js, "issued_ms");
    out->tokens.issued_ms = json_is_integer(v) ? (long long)json_integer_value(v) : 0;
    out->pkce_verifier = dup_member(js, "pkce_verifier", &oom);
    out->pkce_state = dup_member(js, "pkce_state", &oom);
    out->pkce_redirect = dup_member(js, "pkce_redirect", &oom);
    out->code_used = dup_member(js, "code_used", &oom);
    json_decref(js);
    return oom ? -2 : 0;
}

/** Serialise in as compact JSON into sb. Returns 0 or -1. */
static int format_plain(const oauth_settings *in, strbuf *sb)
{
    json_t *js = json_object();
    if (!js)
        return -1;
    const struct { const char *k; const char *v; } strs[] = {
        {"access_token", in->tokens.access_token}, {"refresh_token", in->tokens.refresh_token},
        {"pkce_verifier", in->pkce_verifier}, {"pkce_state", in->pkce_state},
        {"pkce_redirect", in->pkce_redirect}, {"code_used", in->code_used},
    };
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++)
        if (strs[i].v)
            json_object_set_new(js, strs[i].k, json_string(strs[i].v));
    json_object_set_new(js, "expires_in", json_integer(in->tokens.expires_in));
    json_object_set_new(js, "issued_ms", json_integer(in->tokens.issued_ms));
    char *text = json_dumps(js, JSON_COMPACT);
    json_decref(js);
    if (!text)
        return -1;
    int rc = sb_append(sb, text);
    OPENSSL_cleanse(text, strlen(text));
    free(text);
    return rc;
}

/** Read the whole file into sb. Returns 1 read, 0 no file, -1 error (errno set). */
static int read_file(const char *path, strbuf *sb)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? 0 : -1;
    char buf[4096];
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        if (sb->len + (size_t)n > MAX_FILE || sb_append_len(sb, buf, (size_t)n) < 0) {
            close(fd);
            errno = EFBIG;
            return -1;
        }
    }
    int saved = errno;
    close(fd);
    errno = saved;
    return n < 0 ? -1 : 1;
}

int oauth_store_load(oauth_store *s, oauth_settings *out, err *e)
{
    oauth_settings_clear(out);
    out->tokens.expires_in = -1;
    strbuf raw, plain;
    sb_init(&raw);
    sb_init(&plain);
    int rc = 0;
    if (s->mem) {
        int own = !s->mem_locked;
        if (own)
            pthread_mutex_lock(&s->mem->lock);
        if (s->mem->plain && sb_append(&plain, s->mem->plain) < 0)
            rc = err_set(e, "HY001", "Out of memory while reading the OAuth settings.");
        if (own)
            pthread_mutex_unlock(&s->mem->lock);
    } else {
        int r = read_file(s->path, &raw);
        if (r < 0) {
            rc = err_set(e, "HY000", "Cannot read the OAuth settings file %s: %s. Check "
                         "OAuthSettingsLocation.", s->path, strerror(errno));
        } else if (r > 0) {
            int u = oauth_unseal(s->client_id, s->client_secret, raw.data, raw.len, &plain);
            if (u < 0)
                rc = err_set(e, "HY000", "The OAuth settings file %s %s. Delete it (or set "
                             "another OAuthSettingsLocation) and sign in again.", s->path,
                             u == -2 ? "cannot be decrypted: it was changed, or it was written "
                                       "for other OAuthClientId/OAuthClientSecret values"
                                     : "is not a pingone-odbc OAuth settings file");
        }
    }
    if (rc == 0 && plain.len) {
        int p = parse_plain(plain.data, plain.len, out);
        if (p == -2)
            rc = err_set(e, "HY001", "Out of memory while reading the OAuth settings.");
        else if (p < 0)
            rc = err_set(e, "HY000", "The OAuth settings in %s are damaged. Delete them and "
                         "sign in again.", s->where);
        if (rc < 0)
            oauth_settings_clear(out);
    }
    if (raw.data)
        OPENSSL_cleanse(raw.data, raw.len);
    if (plain.data)
        OPENSSL_cleanse(plain.data, plain.len);
    sb_free(&raw);
    sb_free(&plain);
    return rc;
}

/** Write text to path atomically (temp file, fsync, rename), mode 0600. Returns 0 or -1 (errno). */
static int write_atomic(const char *path, const char *text, size_t len)
{
    strbuf tmp;
    sb_init(&tmp);
    unsigned char rnd[6];
    RAND_bytes(rnd, sizeof rnd);
    if (sb_printf(&tmp, "%s.tmp.%ld.%02x%02x%02x%02x%02x%02x", path, (long)getpid(),
                  rnd[0], rnd[1], rnd[2], rnd[3], rnd[4], rnd[5]) < 0) {
        errno = ENOMEM;
        return -1;
    }
    int fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    int rc = -1;
    if (fd >= 0) {
        size_t off = 0;
        while (off < len) {
            ssize_t n = write(fd, text + off, len - off);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            off += (size_t)n;
        }
        if (off == len && fchmod(fd, 0600) == 0 && fsync(fd) == 0 && close(fd) == 0) {
            fd = -1;
            if (rename(tmp.data, path) == 0)
                rc = 0;
        }
        int saved = errno;
        if (fd >= 0)
            close(fd);
        if (rc < 0)
            unlink(tmp.data);
        errno = saved;
    }
    sb_free(&tmp);
    return rc;
}

int oauth_store_save(oauth_store *s, const oauth_settings *in, err *e)
{
    strbuf plain, sealed;
    sb_init(&plain);
    sb_init(&sealed);
    int rc = -1;
    if (format_plain(in, &plain) < 0) {
        err_set(e, "HY001", "Out of memory while saving the OAuth settings.");
        goto done;
    }
    if (s->mem) {
        char *copy = strdup(plain.data);
        if (!copy) {
            err_set(e, "HY001", "Out of memory while saving the OAuth settings.");
            goto done;
        }
        int own = !s->mem_locked;
        if (own)
            pthread_mutex_lock(&s->mem->lock);
        free_secret(s->mem->plain);
        s->mem->plain = copy;
        if (own)
            pthread_mutex_unlock(&s->mem->lock);
        rc = 0;
        goto done;
    }
    if (oauth_seal(s->client_id, s->client_secret, plain.data, plain.len, &sealed) < 0) {
        err_set(e, "HY000", "Encrypting the OAuth settings failed (OpenSSL).");
        goto done;
    }
    if (make_parent_dirs(s->path) < 0 || write_atomic(s->path, sealed.data, sealed.len) < 0) {
        err_set(e, "HY000", "Cannot write the OAuth settings file %s: %s. Check "
                "OAuthSettingsLocation.", s->path, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    if (plain.data)
        OPENSSL_cleanse(plain.data, plain.len);
    sb_free(&plain);
    sb_free(&sealed);
    return rc;
}
