/** @file api.c  Management-API GETs with token handling (see api.h). */
#include "pingone/api.h"
#include "pingone/fanout.h"

#include <stdlib.h>
#include <string.h>

int p1api_open(p1api *a, const props *p, p1log *log, err *e)
{
    memset(a, 0, sizeof *a);
    a->log = log;
    if (p1_endpoints_build(p, &a->ep, e) < 0)
        return -1;
    a->http = p1http_new(props_get(p, PROP_SSLSERVERCERT), strtol(props_get(p, PROP_TIMEOUT), NULL, 10),
                         log, e);
    if (!a->http)
        goto fail;
    a->auth = p1auth_new(p, &a->ep, a->http, log, e);
    if (!a->auth || p1auth_connect(a->auth, e) < 0)
        goto fail;
    return 0;
fail:
    p1api_close(a);
    return -1;
}

void p1api_close(p1api *a)
{
    if (!a)
        return;
    p1_fanout_pool_free(atomic_exchange(&a->fanout_pool, NULL)); /* before the transport it uses */
    p1auth_free(a->auth);
    p1http_free(a->http);
    p1_endpoints_free(&a->ep);
    memset(a, 0, sizeof *a);
}

int p1api_get_json(p1api *a, const char *url, const char *what, int allow_404,
                   json_t **out, long *requests, err *e)
{
    *out = NULL;
    p1http_resp resp;
    p1http_resp_init(&resp);
    int rc = -1;
    for (int attempt = 0; attempt < 2; attempt++) {
        const char *token;
        if (p1auth_token(a->auth, attempt > 0, &token, e) < 0)
            goto done;
        strbuf auth;
        sb_init(&auth);
        sb_printf(&auth, "Bearer %s", token);
        p1http_req req = {.method = P1HTTP_GET, .url = url, .authorization = auth.data, .what = what};
        int prc = p1http_perform(a->http, &req, &resp, e);
        sb_free(&auth);
        if (requests)
            *requests += resp.attempts;
        if (prc < 0)
            goto done;
        if (resp.status == 401 && attempt == 0 && p1http_invalid_token(&resp)) {
            p1log_write(a->log, 2, "access token rejected (INVALID_TOKEN); signing in again");
            continue;
        }
        break;
    }
    if (resp.status == 404 && allow_404) {
        rc = 0;
        goto done;
    }
    if (resp.status < 200 || resp.status > 299) {
        rc = p1http_fail(&resp, what, e);
        goto done;
    }
    json_error_t jerr;
    *out = json_loadb(resp.body.data, resp.body.len, 0, &jerr);
    if (!*out || !json_is_object(*out)) {
        json_decref(*out);
        *out = NULL;
        err_set_native(e, "HY000", resp.status,
                       "%s failed: PingOne answered with a body that is not a JSON object (%s). "
                       "Correlation-Id: %s.", what, jerr.text,
                       resp.correlation_id[0] ? resp.correlation_id : "none");
        goto done;
    }
    rc = 0;
done:
    p1http_resp_free(&resp);
    return rc;
}
