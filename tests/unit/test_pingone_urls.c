/* Unit tests: base URLs per Region, custom AuthorizationServerURL, client authentication encoding. */
#include <stdlib.h>
#include <string.h>

#include "oauth/client_credentials.h"
#include "pingone/url.h"
#include "tests/tap.h"

static void base_props(props *p)
{
    props_init(p);
    props_set(p, "OAuthClientId", "cid");
    props_set(p, "OAuthClientSecret", "s3cret");
    props_set(p, "WorkerAppEnvironmentId", "11111111-aaaa-4bbb-8ccc-000000000001");
}

int main(void)
{
    plan_lazy();
    static const struct { const char *region, *tld; } regions[] = {
        {"NA", "com"}, {"US", "com"}, {"eu", "eu"}, {"CA", "ca"}, {"AP", "asia"}, {"AU", "com.au"}, {"SG", "sg"},
    };
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++) {
        props p;
        base_props(&p);
        props_set(&p, "Region", regions[i].region);
        p1_endpoints ep;
        err e;
        err_clear(&e);
        ok(p1_endpoints_build(&p, &ep, &e) == 0, "Region %s builds", regions[i].region);
        char want[256];
        snprintf(want, sizeof want, "https://auth.pingone.%s/11111111-aaaa-4bbb-8ccc-000000000001/as/token",
                 regions[i].tld);
        is_str(ep.token_url, want, "token URL for %s", regions[i].region);
        snprintf(want, sizeof want, "https://api.pingone.%s/v1", regions[i].tld);
        is_str(ep.api_base, want, "API base for %s", regions[i].region);
        is_str(ep.env_id, "11111111-aaaa-4bbb-8ccc-000000000001", "environment defaults to the worker's");
        p1_endpoints_free(&ep);
        props_free(&p);
    }
    props p;
    base_props(&p);
    props_set(&p, "AuthorizationServerURL", "https://auth.example.com/as/");
    props_set(&p, "APIBaseURL", "https://127.0.0.1:8443/v1/");
    props_set(&p, "EnvironmentId", "env-2");
    p1_endpoints ep;
    err e;
    ok(p1_endpoints_build(&p, &ep, &e) == 0, "custom URLs build");
    is_str(ep.token_url, "https://auth.example.com/as/token", "custom domain token URL (no env id)");
    is_str(ep.api_base, "https://127.0.0.1:8443/v1", "APIBaseURL trailing slash removed");
    is_str(ep.env_id, "env-2", "EnvironmentId wins");
    p1_endpoints_free(&ep);
    props_set(&p, "APIBaseURL", "http://127.0.0.1:8080/v1");
    ok(p1_endpoints_build(&p, &ep, &e) < 0 && strcmp(e.sqlstate, "HY024") == 0, "plain http refused (HY024)");
    props_free(&p);

    strbuf sb;
    sb_init(&sb);
    p1_url_encode(&sb, "a b/\"c\"~\xc3\xa9");
    is_str(sb.data, "a%20b%2F%22c%22~%C3%A9", "percent-encoding");
    sb_reset(&sb);
    oauth_form_encode(&sb, "a b:+&=");
    is_str(sb.data, "a+b%3A%2B%26%3D", "form encoding");
    sb_reset(&sb);
    oauth_basic_credentials(&sb, "client", "se cret:x");
    /* base64("client:se+cret%3Ax") */
    is_str(sb.data, "Basic Y2xpZW50OnNlK2NyZXQlM0F4", "Basic credentials per RFC 6749 2.3.1");
    sb_free(&sb);

    is_int(oauth_renew_margin(3600), 60, "1 h token renewed 60 s early");
    is_int(oauth_renew_margin(300), 30, "5 min token renewed at 10%%");
    is_int(oauth_renew_margin(5), 1, "tiny lifetime: at least 1 s");
    return done_testing();
}
