/**
 * @file fuzz_p1_error.c
 * Fuzz target "p1_error": PingOne's answer to a failed request -> the
 * diagnostic the user sees (p1http_fail, pingone/http.h).
 *
 * Input: bytes 0-1 HTTP status (mapped to 100..599), byte 2 attempts (1..5),
 * byte 3 length of the Correlation-Id header value (taken from the next
 * bytes, at most 95), then the response body.
 *
 * Checked: the result is -1 with a well-formed diagnostic whose native code
 * is the HTTP status, the SQLSTATE follows the documented mapping, and the
 * message starts with what failed.
 */
#include <string.h>

#include "fuzz/fuzz_target.h"
#include "pingone/http.h"

FUZZ_TARGET(p1_error)
{
    if (size < 4)
        return 0;
    p1http_resp r;
    p1http_resp_init(&r);
    r.status = 100 + (long)((data[0] | data[1] << 8) % 500);
    r.attempts = 1 + data[2] % P1HTTP_MAX_TRIES;
    size_t cid = data[3] % sizeof r.correlation_id;
    size_t rest = size - 4;
    if (cid > rest)
        cid = rest;
    memcpy(r.correlation_id, data + 4, cid);
    r.correlation_id[cid] = '\0';
    if (sb_append_len(&r.body, (const char *)data + 4 + cid, rest - cid) < 0) {
        p1http_resp_free(&r);
        return 0;
    }
    err e;
    err_clear(&e);
    FUZZ_CHECK(p1http_fail(&r, "Listing users", &e) == -1);
    fuzz_check_err(&e);
    FUZZ_CHECK(e.native == r.status);
    FUZZ_CHECK(strncmp(e.message, "Listing users failed", 20) == 0);
    if (r.status == 401 || r.status == 403)
        FUZZ_CHECK(strcmp(e.sqlstate, "28000") == 0);
    else if (r.status >= 500)
        FUZZ_CHECK(strcmp(e.sqlstate, "08S01") == 0);
    else if (r.status != 400)
        FUZZ_CHECK(strcmp(e.sqlstate, "HY000") == 0);
    else
        FUZZ_CHECK(strcmp(e.sqlstate, "HY000") == 0 || strcmp(e.sqlstate, "42000") == 0);
    p1http_resp_free(&r);
    return 0;
}
