/** @file test_oauth_pkce.c  PKCE (RFC 7636 appendix B), Base64url, the authorize URL, CallbackURL parsing. */
#include <stdlib.h>
#include <string.h>

#include "oauth/callback.h"
#include "oauth/pkce.h"
#include "tests/tap.h"

int main(void)
{
    plan_lazy();
    /* RFC 7636 appendix B: the 32 octets, their Base64url verifier and its S256 challenge. */
    static const unsigned char octets[32] = {116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125,
                                             216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240,
                                             91, 88, 5, 88, 83, 132, 141, 121};
    strbuf sb;
    sb_init(&sb);
    oauth_base64url(&sb, octets, sizeof octets);
    is_str(sb.data, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "RFC 7636 B: octets -> verifier");
    sb_reset(&sb);
    oauth_pkce_challenge(&sb, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
    is_str(sb.data, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "RFC 7636 B: S256 challenge");

    /* Base64url edge cases (RFC 4648 test vectors, no padding). */
    const char *in[] = {"", "f", "fo", "foo", "foob", "fooba", "foobar"};
    const char *want[] = {"", "Zg", "Zm8", "Zm9v", "Zm9vYg", "Zm9vYmE", "Zm9vYmFy"};
    for (int i = 0; i < 7; i++) {
        sb_reset(&sb);
        oauth_base64url(&sb, (const unsigned char *)in[i], strlen(in[i]));
        is_str(sb.len ? sb.data : "", want[i], "base64url('%s')", in[i]);
    }
    static const unsigned char hi[] = {0xfb, 0xff, 0xfe};
    sb_reset(&sb);
    oauth_base64url(&sb, hi, 3);
    is_str(sb.data, "-__-", "base64url uses - and _");

    char v1[OAUTH_PKCE_VERIFIER_LEN + 1], v2[OAUTH_PKCE_VERIFIER_LEN + 1];
    ok(oauth_pkce_verifier(v1) == 0 && oauth_pkce_verifier(v2) == 0, "verifiers made");
    is_int(strlen(v1), 43, "verifier is 43 characters (RFC 7636 minimum, 256 bits)");
    ok(strcmp(v1, v2) != 0, "two verifiers differ");
    ok(strspn(v1, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == 43,
       "verifier uses the unreserved alphabet");

    sb_reset(&sb);
    ok(oauth_authorize_url(&sb, "https://auth.pingone.eu/env-1/as", "client 1",
                           "http://localhost:33333", "openid profile", "st/1",
                           "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk") == 0, "authorize URL built");
    is_str(sb.data, "https://auth.pingone.eu/env-1/as/authorize?response_type=code&client_id=client%201"
                    "&redirect_uri=http%3A%2F%2Flocalhost%3A33333&scope=openid%20profile&state=st%2F1"
                    "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
                    "&code_challenge_method=S256", "authorize URL: every value percent-encoded");
    sb_reset(&sb);
    oauth_authorize_url(&sb, "https://a/as", "c", "http://127.0.0.1:1", NULL, NULL, "v");
    ok(!strstr(sb.data, "state=") && !strstr(sb.data, "scope="), "no state/scope when not given");
    sb_free(&sb);

    oauth_cb_url u;
    err e;
    err_clear(&e);
    ok(oauth_cb_url_parse("http://localhost:33333", &u, &e) == 0, "CallbackURL parsed");
    is_str(u.host, "localhost", "host");
    is_str(u.port, "33333", "port");
    is_str(u.path, "/", "empty path is /");
    ok(!u.https, "http");
    oauth_cb_url_free(&u);
    ok(oauth_cb_url_parse("https://[::1]/cb", &u, &e) == 0, "https with IPv6 host");
    is_str(u.host, "::1", "brackets removed");
    is_str(u.port, "443", "default https port");
    is_str(u.path, "/cb", "path kept");
    ok(u.https, "https");
    oauth_cb_url_free(&u);
    const char *bad[] = {"ftp://x", "http://", "http://h:99999", "http://u@h:1", "http://h:1/p?q=1", "http://h:x"};
    for (int i = 0; i < 6; i++) {
        err_clear(&e);
        ok(oauth_cb_url_parse(bad[i], &u, &e) < 0 && strcmp(e.sqlstate, "HY024") == 0 &&
           strstr(e.message, "CallbackURL"), "rejected: %s", bad[i]);
    }
    return done_testing();
}
