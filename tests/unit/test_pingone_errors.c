/* Unit tests: PingOne error bodies -> SQLSTATE and message (p1http_fail). */
#include <stdio.h>
#include <string.h>

#include "pingone/http.h"
#include "tests/tap.h"

static err fail_with(long status, const char *body, const char *cid)
{
    p1http_resp r;
    p1http_resp_init(&r);
    r.status = status;
    r.attempts = 1;
    sb_append(&r.body, body);
    snprintf(r.correlation_id, sizeof r.correlation_id, "%s", cid);
    err e;
    err_clear(&e);
    ok(p1http_fail(&r, "Listing users", &e) == -1, "HTTP %ld fails", status);
    p1http_resp_free(&r);
    return e;
}

int main(void)
{
    plan_lazy();
    err e = fail_with(400,
        "{\"id\":\"err-1\",\"code\":\"INVALID_DATA\",\"message\":\"Bad filter.\","
        "\"details\":[{\"code\":\"INVALID_FILTER\",\"target\":\"filter\",\"message\":\"ne is not supported\","
        "\"innerError\":{\"supportedOperators\":[\"eq\",\"sw\"]}}]}", "cid-1");
    is_str(e.sqlstate, "42000", "400 INVALID_FILTER -> 42000");
    is_int(e.native, 400, "native = HTTP status");
    ok(strncmp(e.message, "Listing users failed", 20) == 0, "message starts with what failed");
    ok(strstr(e.message, "INVALID_DATA: Bad filter.") != NULL, "PingOne code and message");
    ok(strstr(e.message, "INVALID_FILTER (target filter): ne is not supported") != NULL, "detail code/target/message");
    ok(strstr(e.message, "supported operators: eq sw") != NULL, "supported operators listed");
    ok(strstr(e.message, "Error id: err-1.") != NULL, "error id");
    ok(strstr(e.message, "Correlation-Id: cid-1.") != NULL, "Correlation-Id");

    e = fail_with(400, "{\"id\":\"x\",\"code\":\"INVALID_REQUEST\",\"message\":\"m\"}", "c");
    is_str(e.sqlstate, "HY000", "other 400 -> HY000");
    e = fail_with(401, "{\"id\":\"x\",\"code\":\"ACCESS_FAILED\",\"message\":\"m\",\"details\":[{\"code\":\"INVALID_TOKEN\"}]}", "c");
    is_str(e.sqlstate, "28000", "401 -> 28000");
    e = fail_with(403, "{\"id\":\"x\",\"code\":\"ACCESS_FAILED\",\"message\":\"m\"}", "c");
    is_str(e.sqlstate, "28000", "403 -> 28000");
    e = fail_with(429, "{\"id\":\"x\",\"code\":\"REQUEST_LIMITED\",\"message\":\"slow down\"}", "c");
    is_str(e.sqlstate, "HY000", "429 after retries -> HY000");
    ok(strstr(e.message, "rate limit") != NULL, "429 message says rate limit");
    e = fail_with(503, "<html>Service Unavailable</html>", "");
    is_str(e.sqlstate, "08S01", "503 -> 08S01");
    ok(strstr(e.message, "Correlation-Id: none.") != NULL, "missing Correlation-Id said so");
    e = fail_with(502, "", "c");
    is_str(e.sqlstate, "08S01", "502 with empty body -> 08S01");

    /* A very long PingOne message cannot push the Correlation-Id out of the bounded message. */
    static char big[8192];
    int n = snprintf(big, sizeof big, "{\"id\":\"x\",\"code\":\"INVALID_DATA\",\"message\":\"");
    memset(big + n, 'm', 5000);
    snprintf(big + n + 5000, sizeof big - (size_t)n - 5000, "\"}");
    e = fail_with(400, big, "cid-long");
    ok(strstr(e.message, "Correlation-Id: cid-long.") != NULL, "Correlation-Id survives a 5000-character PingOne message");
    return done_testing();
}
