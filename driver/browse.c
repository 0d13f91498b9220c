/**
 * @file browse.c
 * SQLBrowseConnect: iterative connection. Each call merges its keys into
 * the connection being browsed (the first call may name a DSN, whose values
 * are read from odbc.ini under the string's own). While props_validate
 * reports a missing key, the call answers SQL_NEED_DATA and lists the keys
 * still needed in BrowseConnect syntax: "KEY:Label=?" for a required key,
 * "*KEY:Label=?" for an optional one, "{a,b}" instead of "?" for a choice.
 * Once nothing is missing it connects exactly as SQLDriverConnect does and
 * returns the completed connection string. Any error ends the browse and
 * leaves the connection unconnected.
 */
#include "driver/handles.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/strbuf.h"
#include "driver/connstr.h"

/** A browse in progress: what the calls so far have said. */
struct p1_browse {
    char   *dsn;      /**< DSN of the first call, NULL when none */
    char   *driver;   /**< DRIVER of the first call, NULL when none */
    props   props;    /**< effective properties so far (DSN values under the strings') */
    strbuf  unknown;  /**< keys that are not properties, "a, b" (warned about on success) */
};

/** One key offered in a browse result string. */
typedef struct browse_key {
    enum prop_id id;
    const char  *label;   /**< what a dialog shows */
    const char  *choices; /**< "{a,b}" or NULL for "?" */
} browse_key;

static const browse_key browse_keys[] = {
    {PROP_AUTHSCHEME, "Auth Scheme", "{OAuthClient,OAuth}"},
    {PROP_OAUTHCLIENTID, "Client ID", NULL},
    {PROP_OAUTHCLIENTSECRET, "Client Secret", NULL},
    {PROP_WORKERAPPENVIRONMENTID, "Worker App Environment ID", NULL},
    {PROP_ENVIRONMENTID, "Environment ID", NULL},
    {PROP_REGION, "Region", "{NA,EU,CA,AP,AU,SG}"},
    {PROP_SCHEMA, "Schema", NULL},
};

void p1_browse_reset(p1_dbc *dbc)
{
    struct p1_browse *b = dbc->browse;
    if (!b)
        return;
    free(b->dsn);
    free(b->driver);
    props_free(&b->props);
    sb_free(&b->unknown);
    free(b);
    dbc->browse = NULL;
}

/**
 * Is the key required now? Mirrors props_validate's missing-key rules
 * (08001): the client ID always; the secret for AuthScheme=OAuthClient;
 * WorkerAppEnvironmentId unless AuthorizationServerURL is given; then
 * EnvironmentId when neither names the environment.
 */
static int key_required(const props *p, enum prop_id id)
{
    int user_flow = strcasecmp(props_get(p, PROP_AUTHSCHEME), "OAuth") == 0;
    switch (id) {
    case PROP_OAUTHCLIENTID:
        return 1;
    case PROP_OAUTHCLIENTSECRET:
        return !user_flow;
    case PROP_WORKERAPPENVIRONMENTID:
        return !props_is_set(p, PROP_AUTHORIZATIONSERVERURL);
    case PROP_ENVIRONMENTID:
        return props_is_set(p, PROP_AUTHORIZATIONSERVERURL) &&
               !props_is_set(p, PROP_WORKERAPPENVIRONMENTID);
    default:
        return 0;
    }
}

/**
 * Append the keys not yet given to out: required ones first, then the
 * optional ones with '*'. Returns how many required keys are missing, or
 * -1 when out of memory.
 */
static int list_missing(const props *p, strbuf *out)
{
    int missing = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof browse_keys / sizeof browse_keys[0]; i++) {
            const browse_key *k = &browse_keys[i];
            int req = key_required(p, k->id);
            if (props_is_set(p, k->id) || req != (pass == 0))
                continue;
            if (sb_printf(out, "%s%s%s:%s=%s", out->len ? ";" : "", req ? "" : "*",
                          p1_prop_defs[k->id].name, k->label, k->choices ? k->choices : "?") < 0)
                return -1;
            missing += req;
        }
    return missing;
}

/** Start a browse from the first call's connection string c. Returns 0 or -1. */
static int browse_start(p1_dbc *dbc, const connstr *c)
{
    struct p1_browse *b = calloc(1, sizeof *b);
    if (!b)
        return -1;
    props_init(&b->props);
    sb_init(&b->unknown);
    dbc->browse = b;
    if ((c->dsn && !(b->dsn = strdup(c->dsn))) || (c->driver && !(b->driver = strdup(c->driver))))
        return -1;
    if (c->dsn && c->dsn[0] && connstr_load_dsn(c->dsn, p1_ini_reader, NULL, &b->props) < 0)
        return -1;
    return 0;
}

/** Connect with everything gathered and put the completed string in out. */
static SQLRETURN browse_finish(p1_dbc *dbc, const p1_strout *out, SQLLEN *outlen)
{
    struct p1_browse *b = dbc->browse;
    SQLRETURN rc = p1_open_connection(dbc, &b->props, b->dsn);
    if (!SQL_SUCCEEDED(rc))
        return rc;
    if (b->unknown.len)
        rc = p1_warn(&dbc->h, "01S00", "The connection-string keys %s are not properties of this "
                     "driver and were ignored.", b->unknown.data);
    connstr c;
    memset(&c, 0, sizeof c);
    c.dsn = b->dsn;
    c.driver = b->driver;
    strbuf sb;
    sb_init(&sb);
    if (connstr_build(&c, &b->props, &sb) == 0 && p1_put_str(out, sb.data ? sb.data : "", outlen))
        rc = p1_warn(&dbc->h, "01004", "The output connection string was truncated.");
    sb_free(&sb);
    return rc;
}

/** The body of p1_browse_connect; the caller ends the browse on SQL_ERROR. */
static SQLRETURN browse_step(p1_dbc *dbc, const char *in, const p1_strout *out, SQLLEN *outlen)
{
    connstr c;
    err e;
    err_clear(&e);
    if (connstr_parse(in, -1, &c, &e) < 0) {
        connstr_free(&c);
        return p1_fail(&dbc->h, &e);
    }
    int oom = (!dbc->browse && browse_start(dbc, &c) < 0) ||
              connstr_overlay(&dbc->browse->props, &c.props) < 0;
    for (int i = 0; !oom && i < c.nunknown; i++)
        oom = sb_printf(&dbc->browse->unknown, "%s'%s'", dbc->browse->unknown.len ? ", " : "",
                        c.unknown[i]) < 0;
    connstr_free(&c);
    if (oom)
        return p1_error(&dbc->h, "HY001", "Out of memory.");

    const props *p = &dbc->browse->props;
    if (props_validate(p, &e) == 0)
        return browse_finish(dbc, out, outlen);
    if (strcmp(e.sqlstate, "08001") != 0)
        return p1_fail(&dbc->h, &e); /* a bad value: not something more keys can fix */
    strbuf sb;
    sb_init(&sb);
    int missing = list_missing(p, &sb);
    if (missing < 0) {
        sb_free(&sb);
        return p1_error(&dbc->h, "HY001", "Out of memory.");
    }
    if (missing == 0) { /* props_validate knows a rule this file does not: report it */
        sb_free(&sb);
        return p1_fail(&dbc->h, &e);
    }
    p1_put_str(out, sb.data, outlen);
    sb_free(&sb);
    return SQL_NEED_DATA;
}

SQLRETURN p1_browse_connect(p1_dbc *dbc, const char *in, const p1_strout *out, SQLLEN *outlen)
{
    if (dbc->connected)
        return p1_error(&dbc->h, "08002", "The connection is already open.");
    SQLRETURN rc = browse_step(dbc, in ? in : "", out, outlen);
    if (rc != SQL_NEED_DATA)
        p1_browse_reset(dbc);
    return rc;
}
