/** @file url.c  Percent-encoding and base URLs of a connection (see url.h). */
#include "pingone/url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int p1_url_encode(strbuf *sb, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        int plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~';
        if (plain) {
            if (sb_append_char(sb, (char)c) < 0)
                return -1;
        } else {
            char enc[3] = {'%', hex[c >> 4], hex[c & 15]};
            if (sb_append_len(sb, enc, 3) < 0)
                return -1;
        }
    }
    return 0;
}

/** Copy a base URL without trailing slashes; NULL when out of memory. */
static char *dup_trimmed(const char *s)
{
    size_t n = strlen(s);
    while (n > 0 && s[n - 1] == '/')
        n--;
    char *r = malloc(n + 1);
    if (r) {
        memcpy(r, s, n);
        r[n] = '\0';
    }
    return r;
}

/** Non-zero when url starts with https:// and has a host. */
static int is_https(const char *url)
{
    return strncasecmp(url, "https://", 8) == 0 && url[8] && url[8] != '/';
}

void p1_endpoints_free(p1_endpoints *ep)
{
    if (!ep)
        return;
    free(ep->auth_base);
    free(ep->token_url);
    free(ep->api_base);
    free(ep->env_id);
    memset(ep, 0, sizeof *ep);
}

int p1_endpoints_build(const props *p, p1_endpoints *out, err *e)
{
    memset(out, 0, sizeof *out);
    const char *tld = props_region_tld(props_get(p, PROP_REGION));
    if (!tld)
        return err_set(e, "HY024", "Region '%s' is not a PingOne region; use NA, EU, CA, AP, AU or SG.",
                       props_get(p, PROP_REGION));
    strbuf sb;
    sb_init(&sb);
    int rc = 0;
    if (props_is_set(p, PROP_AUTHORIZATIONSERVERURL)) {
        const char *u = props_get(p, PROP_AUTHORIZATIONSERVERURL);
        if (!is_https(u)) {
            rc = err_set(e, "HY024", "AuthorizationServerURL '%s' must be an https:// URL, "
                         "e.g. https://auth.example.com/as.", u);
            goto done;
        }
        out->auth_base = dup_trimmed(u);
    } else {
        sb_reset(&sb);
        sb_printf(&sb, "https://auth.pingone.%s/", tld);
        p1_url_encode(&sb, props_get(p, PROP_WORKERAPPENVIRONMENTID));
        sb_append(&sb, "/as");
        out->auth_base = dup_trimmed(sb.data);
    }
    if (props_is_set(p, PROP_APIBASEURL)) {
        const char *u = props_get(p, PROP_APIBASEURL);
        if (!is_https(u)) {
            rc = err_set(e, "HY024", "APIBaseURL '%s' must be an https:// URL, "
                         "e.g. https://api.pingone.com/v1.", u);
            goto done;
        }
        out->api_base = dup_trimmed(u);
    } else {
        sb_reset(&sb);
        sb_printf(&sb, "https://api.pingone.%s/v1", tld);
        out->api_base = dup_trimmed(sb.data);
    }
    out->env_id = strdup(props_is_set(p, PROP_ENVIRONMENTID) ? props_get(p, PROP_ENVIRONMENTID)
                                                             : props_get(p, PROP_WORKERAPPENVIRONMENTID));
    if (out->auth_base) {
        sb_reset(&sb);
        sb_printf(&sb, "%s/token", out->auth_base);
        out->token_url = dup_trimmed(sb.data);
    }
    if (!out->auth_base || !out->api_base || !out->env_id || !out->token_url)
        rc = err_set(e, "HY001", "Out of memory while building the PingOne URLs.");
done:
    sb_free(&sb);
    if (rc < 0)
        p1_endpoints_free(out);
    return rc;
}
