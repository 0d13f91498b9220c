/** @file props.c  The connection property table and its checks (see props.h). */
#include "common/props.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const prop_def p1_prop_defs[PROP__COUNT] = {
#define P1_PROP_DEF(id, name, def, secret, desc) {PROP_##id, name, def, secret, desc},
    P1_PROPERTIES(P1_PROP_DEF)
#undef P1_PROP_DEF
};

const prop_def *prop_find(const char *name)
{
    for (int i = 0; i < PROP__COUNT; i++)
        if (strcasecmp(p1_prop_defs[i].name, name) == 0)
            return &p1_prop_defs[i];
    return NULL;
}

void props_init(props *p)
{
    memset(p, 0, sizeof *p);
}

void props_free(props *p)
{
    for (int i = 0; i < PROP__COUNT; i++) {
        free(p->values[i]);
        p->values[i] = NULL;
    }
}

int props_copy(props *dst, const props *src)
{
    props_free(dst);
    for (int i = 0; i < PROP__COUNT; i++)
        if (src->values[i] && props_set_id(dst, (enum prop_id)i, src->values[i]) < 0)
            return -1;
    return 0;
}

int props_set_id(props *p, enum prop_id id, const char *value)
{
    char *copy = strdup(value ? value : "");
    if (!copy)
        return -1;
    free(p->values[id]);
    p->values[id] = copy;
    return 0;
}

int props_set(props *p, const char *key, const char *value)
{
    const prop_def *d = prop_find(key);
    if (!d)
        return 1;
    return props_set_id(p, d->id, value);
}

const char *props_get(const props *p, enum prop_id id)
{
    if (p->values[id] && p->values[id][0])
        return p->values[id];
    return p1_prop_defs[id].default_value;
}

int props_is_set(const props *p, enum prop_id id)
{
    return p->values[id] && p->values[id][0];
}

const char *props_region_tld(const char *region)
{
    static const struct { const char *code, *tld; } regions[] = {
        {"NA", "com"}, {"US", "com"}, {"EU", "eu"}, {"CA", "ca"},
        {"AP", "asia"}, {"AU", "com.au"}, {"SG", "sg"},
    };
    for (size_t i = 0; i < sizeof regions / sizeof regions[0]; i++)
        if (strcasecmp(regions[i].code, region) == 0)
            return regions[i].tld;
    return NULL;
}

static int is_positive_int(const char *s, long min, long max)
{
    char *end;
    long v = strtol(s, &end, 10);
    return *s && !*end && v >= min && v <= max;
}

/** Non-zero when s is a whole number (possibly 0) that fits a long long and is >= 0. */
static int is_count(const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    return *s && !*end && v >= 0;
}

/** Check the properties that only AuthScheme=OAuth uses. Returns 0 or -1 with e set. */
static int validate_oauth(const props *p, err *e)
{
    const char *io = props_get(p, PROP_INITIATEOAUTH);
    if (strcasecmp(io, "OFF") && strcasecmp(io, "GETANDREFRESH") && strcasecmp(io, "REFRESH"))
        return err_set(e, "HY024", "InitiateOAuth '%s' is not valid; use OFF, GETANDREFRESH or REFRESH.", io);
    const char *cb = props_get(p, PROP_CALLBACKURL);
    if (strncasecmp(cb, "http://", 7) != 0 && strncasecmp(cb, "https://", 8) != 0)
        return err_set(e, "HY024", "CallbackURL '%s' is not valid; give an http:// or https:// URL "
                       "registered as a redirect URI of the application, e.g. http://localhost:33333.", cb);
    if (props_is_set(p, PROP_OAUTHEXPIRESIN) && !is_count(props_get(p, PROP_OAUTHEXPIRESIN)))
        return err_set(e, "HY024", "OAuthExpiresIn must be a whole number of seconds.");
    if (props_is_set(p, PROP_OAUTHTOKENTIMESTAMP) && !is_count(props_get(p, PROP_OAUTHTOKENTIMESTAMP)))
        return err_set(e, "HY024", "OAuthTokenTimestamp must be a whole number of milliseconds "
                       "since 1970-01-01 (Unix epoch).");
    return 0;
}

int props_validate(const props *p, err *e)
{
    const char *scheme = props_get(p, PROP_AUTHSCHEME);
    int user_flow = strcasecmp(scheme, "OAuth") == 0;
    if (!user_flow && strcasecmp(scheme, "OAuthClient") != 0)
        return err_set(e, "HY024",
                       "AuthScheme '%s' is not supported; use AuthScheme=OAuthClient "
                       "(client credentials of a PingOne worker application) or AuthScheme=OAuth "
                       "(sign in as a PingOne user).", scheme);
    if (user_flow && validate_oauth(p, e) < 0)
        return -1;
    if (!props_region_tld(props_get(p, PROP_REGION)))
        return err_set(e, "HY024",
                       "Region '%s' is not a PingOne region; use NA, EU, CA, AP, AU or SG.",
                       props_get(p, PROP_REGION));
    if (!props_is_set(p, PROP_OAUTHCLIENTID))
        return err_set(e, "08001",
                       "The connection property OAuthClientId is missing: give the client ID "
                       "of your PingOne application.");
    if (!user_flow && !props_is_set(p, PROP_OAUTHCLIENTSECRET))
        return err_set(e, "08001",
                       "The connection property OAuthClientSecret is missing: give the client "
                       "secret of your PingOne worker application.");
    if (!props_is_set(p, PROP_WORKERAPPENVIRONMENTID) && !props_is_set(p, PROP_AUTHORIZATIONSERVERURL))
        return err_set(e, "08001",
                       "The connection property WorkerAppEnvironmentId is missing: give the ID "
                       "of the environment that holds your worker application "
                       "(or AuthorizationServerURL for a custom domain).");
    if (!props_is_set(p, PROP_ENVIRONMENTID) && !props_is_set(p, PROP_WORKERAPPENVIRONMENTID))
        return err_set(e, "08001",
                       "The connection property EnvironmentId is missing: with a custom "
                       "AuthorizationServerURL, name the environment to query.");
    if (!is_positive_int(props_get(p, PROP_TIMEOUT), 0, 86400))
        return err_set(e, "HY024", "Timeout must be a whole number of seconds from 0 to 86400.");
    if (!is_positive_int(props_get(p, PROP_PAGESIZE), 1, 1000))
        return err_set(e, "HY024", "Pagesize must be a whole number from 1 to 1000.");
    if (!is_positive_int(props_get(p, PROP_METADATACACHETTL), 1, 86400))
        return err_set(e, "HY024", "MetadataCacheTTL must be a whole number of seconds from 1 to 86400.");
    if (!is_positive_int(props_get(p, PROP_VERBOSITY), 0, 5))
        return err_set(e, "HY024", "Verbosity must be a whole number from 0 to 5.");
    const char *pd = props_get(p, PROP_PUSHDOWN);
    if (strcasecmp(pd, "Full") && strcasecmp(pd, "KeysOnly") && strcasecmp(pd, "None"))
        return err_set(e, "HY024", "PushDown '%s' is not valid; use Full, KeysOnly or None.", pd);
    return 0;
}
