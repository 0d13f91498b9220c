/** @file pkce.c  PKCE, Base64url and the authorize URL (see pkce.h). */
#include "oauth/pkce.h"

#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

int oauth_base64url(strbuf *sb, const unsigned char *data, size_t len)
{
    static const char alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (size_t i = 0; i < len; i += 3) {
        unsigned long v = (unsigned long)data[i] << 16;
        size_t n = len - i < 3 ? len - i : 3;
        if (n > 1)
            v |= (unsigned long)data[i + 1] << 8;
        if (n > 2)
            v |= data[i + 2];
        char out[4] = {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63],
                       alphabet[(v >> 6) & 63], alphabet[v & 63]};
        if (sb_append_len(sb, out, n + 1) < 0)
            return -1;
    }
    return 0;
}

int oauth_pkce_challenge(strbuf *sb, const char *verifier)
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    if (!EVP_Digest(verifier, strlen(verifier), md, &mdlen, EVP_sha256(), NULL) || mdlen != 32)
        return -1;
    return oauth_base64url(sb, md, sizeof md);
}

int oauth_pkce_verifier(char out[OAUTH_PKCE_VERIFIER_LEN + 1])
{
    unsigned char raw[32];
    if (RAND_bytes(raw, sizeof raw) != 1)
        return -1;
    strbuf sb;
    sb_init(&sb);
    int rc = oauth_base64url(&sb, raw, sizeof raw);
    OPENSSL_cleanse(raw, sizeof raw);
    if (rc == 0 && sb.len == OAUTH_PKCE_VERIFIER_LEN)
        memcpy(out, sb.data, OAUTH_PKCE_VERIFIER_LEN + 1);
    else
        rc = -1;
    if (sb.data)
        OPENSSL_cleanse(sb.data, sb.len);
    sb_free(&sb);
    return rc;
}

int oauth_random_state(char out[OAUTH_PKCE_VERIFIER_LEN + 1])
{
    return oauth_pkce_verifier(out);
}

/** Append "&name=" and the percent-encoded value (RFC 3986 unreserved kept). */
static int add_param(strbuf *sb, const char *name, const char *value)
{
    static const char hex[] = "0123456789ABCDEF";
    if (sb_append_char(sb, '&') < 0 || sb_append(sb, name) < 0 || sb_append_char(sb, '=') < 0)
        return -1;
    for (const unsigned char *p = (const unsigned char *)value; *p; p++) {
        unsigned char c = *p;
        int rc;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            rc = sb_append_char(sb, (char)c);
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            rc = sb_append_len(sb, enc, 3);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

int oauth_authorize_url(strbuf *sb, const char *auth_base, const char *client_id,
                        const char *redirect_uri, const char *scope, const char *state,
                        const char *verifier)
{
    strbuf challenge;
    sb_init(&challenge);
    int rc = -1;
    if (oauth_pkce_challenge(&challenge, verifier) == 0 &&
        sb_append(sb, auth_base) == 0 && sb_append(sb, "/authorize?response_type=code") == 0 &&
        add_param(sb, "client_id", client_id) == 0 &&
        add_param(sb, "redirect_uri", redirect_uri) == 0 &&
        (!scope || !*scope || add_param(sb, "scope", scope) == 0) &&
        (!state || !*state || add_param(sb, "state", state) == 0) &&
        add_param(sb, "code_challenge", challenge.data) == 0 &&
        add_param(sb, "code_challenge_method", "S256") == 0)
        rc = 0;
    sb_free(&challenge);
    return rc;
}
