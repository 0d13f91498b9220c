/** @file test_oauth_store.c  AES-256-GCM token store: round trip, tamper and foreign-key detection, files, memory://. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oauth/store.h"
#include "tests/tap.h"

/** Read a whole file into a malloc'd string. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 16);
    size_t n = fread(buf, 1, (1 << 16) - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

/** Write a string to a file. */
static void spit(const char *path, const char *s)
{
    FILE *f = fopen(path, "wb");
    fputs(s, f);
    fclose(f);
}

int main(void)
{
    plan_lazy();
    const char *plain = "{\"access_token\":\"AT-secret\",\"refresh_token\":\"RT-secret\"}";
    strbuf sealed, out;
    sb_init(&sealed);
    sb_init(&out);
    ok(oauth_seal("client-1", "s3cret", plain, strlen(plain), &sealed) == 0, "sealed");
    ok(!strstr(sealed.data, "AT-secret") && !strstr(sealed.data, "RT-secret"), "no token in the clear");
    is_int(oauth_unseal("client-1", "s3cret", sealed.data, sealed.len, &out), 0, "unsealed");
    is_str(out.data, plain, "round trip");
    strbuf again;
    sb_init(&again);
    oauth_seal("client-1", "s3cret", plain, strlen(plain), &again);
    ok(strcmp(again.data, sealed.data) != 0, "fresh salt and nonce each time");
    sb_free(&again);

    sb_reset(&out);
    is_int(oauth_unseal("client-1", "other", sealed.data, sealed.len, &out), -2, "other secret: tag fails");
    is_int(oauth_unseal("client-2", "s3cret", sealed.data, sealed.len, &out), -2, "other client id: tag fails");
    /* Flip one Base64 character in the middle of the ciphertext. */
    char *t = strdup(sealed.data);
    char *b = strchr(t, '\n') + 1;
    size_t mid = strlen(b) / 2;
    b[mid] = b[mid] == 'A' ? 'B' : 'A';
    is_int(oauth_unseal("client-1", "s3cret", t, strlen(t), &out), -2, "changed ciphertext detected");
    free(t);
    t = strdup(sealed.data);
    t[5] ^= 1; /* header is authenticated and checked */
    ok(oauth_unseal("client-1", "s3cret", t, strlen(t), &out) < 0, "changed header detected");
    free(t);
    is_int(oauth_unseal("client-1", "s3cret", "hello\n", 6, &out), -1, "not the format");

    /* File store. */
    char dir[] = "/tmp/p1store.XXXXXX";
    ok(mkdtemp(dir) != NULL, "temp dir");
    char path[512];
    snprintf(path, sizeof path, "%s/sub/dir/OAuthSettings.txt", dir);
    err e;
    err_clear(&e);
    oauth_store *s = oauth_store_open(path, "client-1", "s3cret", &e);
    ok(s != NULL, "store opened");
    oauth_settings st = {0};
    ok(oauth_store_load(s, &st, &e) == 0 && !st.tokens.access_token, "no file yet: empty settings");
    st.tokens.access_token = strdup("AT-1");
    st.tokens.refresh_token = strdup("RT-1");
    st.tokens.expires_in = 3600;
    st.tokens.issued_ms = 1700000000123LL;
    st.pkce_verifier = strdup("verifier-1");
    ok(oauth_store_lock(s, 5, &e) == 0, "locked");
    ok(oauth_store_save(s, &st, &e) == 0, "saved (folders created)");
    oauth_store_unlock(s);
    oauth_settings_clear(&st);
    struct stat sbuf;
    ok(stat(path, &sbuf) == 0 && (sbuf.st_mode & 0777) == 0600, "file mode 0600");
    char *text = slurp(path);
    ok(text && !strstr(text, "AT-1") && !strstr(text, "RT-1") && !strstr(text, "verifier-1"),
       "nothing readable in the file");
    ok(oauth_store_load(s, &st, &e) == 0, "loaded");
    is_str(st.tokens.access_token, "AT-1", "access token back");
    is_str(st.tokens.refresh_token, "RT-1", "refresh token back");
    is_int(st.tokens.expires_in, 3600, "expires_in back");
    is_int(st.tokens.issued_ms, 1700000000123LL, "issued_ms back");
    is_str(st.pkce_verifier, "verifier-1", "PKCE verifier back");
    oauth_settings_clear(&st);

    /* A copy works with the same credentials only. */
    char copy[512];
    snprintf(copy, sizeof copy, "%s/copy.txt", dir);
    spit(copy, text);
    oauth_store *c1 = oauth_store_open(copy, "client-1", "s3cret", &e);
    ok(oauth_store_load(c1, &st, &e) == 0 && st.tokens.access_token &&
       strcmp(st.tokens.access_token, "AT-1") == 0, "copied file opens with the same credentials");
    oauth_settings_clear(&st);
    oauth_store_free(c1);
    c1 = oauth_store_open(copy, "client-1", "wrong", &e);
    err_clear(&e);
    ok(oauth_store_load(c1, &st, &e) < 0 && strcmp(e.sqlstate, "HY000") == 0 &&
       strstr(e.message, "cannot be decrypted") && strstr(e.message, copy), "foreign credentials reported");
    ok(!strstr(e.message, "wrong") && !strstr(e.message, "s3cret"), "no secret in the message");
    oauth_store_free(c1);

    /* Tampered file. */
    char *bad = strdup(text);
    char *bb = strchr(bad, '\n') + 1;
    bb[10] = bb[10] == 'x' ? 'y' : 'x';
    spit(path, bad);
    err_clear(&e);
    ok(oauth_store_load(s, &st, &e) < 0 && strstr(e.message, "changed"), "tampered file reported: %s", e.message);
    spit(path, "garbage\n");
    err_clear(&e);
    ok(oauth_store_load(s, &st, &e) < 0 && strstr(e.message, "not a pingone-odbc"), "foreign format reported");
    free(bad);
    free(text);
    oauth_store_free(s);

    /* Lock excludes a second holder (separate open file descriptions). */
    oauth_store *l1 = oauth_store_open(path, "client-1", "s3cret", &e);
    oauth_store *l2 = oauth_store_open(path, "client-1", "s3cret", &e);
    ok(oauth_store_lock(l1, 1, &e) == 0, "first lock");
    err_clear(&e);
    ok(oauth_store_lock(l2, 1, &e) < 0 && strcmp(e.sqlstate, "HYT00") == 0, "second waits and times out");
    oauth_store_unlock(l1);
    ok(oauth_store_lock(l2, 1, &e) == 0, "free again after unlock");
    oauth_store_free(l1);
    oauth_store_free(l2);

    /* Default location. */
    setenv("XDG_CONFIG_HOME", dir, 1);
    oauth_store *d = oauth_store_open("", "c", "s", &e);
    char want[512];
    snprintf(want, sizeof want, "%s/pingone-odbc/OAuthSettings.txt", dir);
    is_str(oauth_store_where(d), want, "default: $XDG_CONFIG_HOME/pingone-odbc/OAuthSettings.txt");
    oauth_store_free(d);
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/home/someone", 1);
    d = oauth_store_open("", "c", "s", &e);
    is_str(oauth_store_where(d), "/home/someone/.config/pingone-odbc/OAuthSettings.txt", "else ~/.config");
    oauth_store_free(d);

    /* memory:// is shared by name within the process. */
    oauth_store *m1 = oauth_store_open("memory://one", "c", "s", &e);
    oauth_store *m2 = oauth_store_open("memory://one", "c", "s", &e);
    oauth_store *m3 = oauth_store_open("memory://two", "c", "s", &e);
    oauth_settings ms = {0};
    ms.tokens.access_token = strdup("MEM-AT");
    ms.tokens.expires_in = 60;
    ok(oauth_store_save(m1, &ms, &e) == 0, "memory save");
    oauth_settings_clear(&ms);
    ok(oauth_store_load(m2, &ms, &e) == 0 && ms.tokens.access_token &&
       strcmp(ms.tokens.access_token, "MEM-AT") == 0, "same name sees it");
    oauth_settings_clear(&ms);
    ok(oauth_store_load(m3, &ms, &e) == 0 && !ms.tokens.access_token, "other name does not");
    ok(oauth_store_lock(m1, 1, &e) == 0, "memory lock");
    err_clear(&e);
    ok(oauth_store_lock(m2, 1, &e) < 0 && strcmp(e.sqlstate, "HYT00") == 0, "memory lock excludes");
    ok(oauth_store_load(m1, &ms, &e) == 0, "holder may load under its lock");
    oauth_settings_clear(&ms);
    oauth_store_unlock(m1);
    oauth_store_free(m1);
    oauth_store_free(m2);
    oauth_store_free(m3);

    sb_reset(&out);
    oauth_sha256_hex(&out, "abc");
    is_str(out.data, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 hex");
    sb_free(&sealed);
    sb_free(&out);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        diag("could not remove %s", dir);
    return done_testing();
}
