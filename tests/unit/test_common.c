/* Unit tests for common/: timestamps, values, properties, string buffers. */
#include <stdlib.h>
#include <string.h>

#include "common/err.h"
#include "common/props.h"
#include "common/strbuf.h"
#include "common/value.h"
#include "tests/tap.h"

static void test_timestamps(void)
{
    int64_t ms;
    char buf[32];
    ok(ts_parse_iso8601("2018-06-12T19:09:23.756Z", &ms) == 0, "parse PingOne timestamp");
    ts_format(ms, buf, sizeof buf);
    is_str(buf, "2018-06-12 19:09:23.756", "format with milliseconds");
    ok(ts_parse_iso8601("1970-01-01T00:00:00Z", &ms) == 0 && ms == 0, "epoch is 0");
    ok(ts_parse_iso8601("1969-12-31T23:59:59.999Z", &ms) == 0 && ms == -1, "before epoch");
    ok(ts_parse_iso8601("2020-02-29 12:00:00", &ms) == 0, "space separator, leap day");
    ts_format(ms, buf, sizeof buf);
    is_str(buf, "2020-02-29 12:00:00.000", "leap day round trip");
    ok(ts_parse_iso8601("2020-01-01T01:00:00+01:00", &ms) == 0, "offset accepted");
    ts_format(ms, buf, sizeof buf);
    is_str(buf, "2020-01-01 00:00:00.000", "offset applied");
    ok(ts_parse_iso8601("2020-01-01", &ms) == 0, "bare date");
    ok(ts_parse_iso8601("2020-13-01", &ms) != 0, "month 13 rejected");
    ok(ts_parse_iso8601("hello", &ms) != 0, "text rejected");
    ok(ts_parse_iso8601("2020-01-01T10:00:00.1234567Z", &ms) == 0, "extra fraction digits");
    ts_format(ms, buf, sizeof buf);
    is_str(buf, "2020-01-01 10:00:00.123", "fraction truncated to ms");
    int y, mo, d, h, mi, s, f;
    ts_split(ts_compose(2399, 12, 31, 23, 59, 59, 999), &y, &mo, &d, &h, &mi, &s, &f);
    ok(y == 2399 && mo == 12 && d == 31 && h == 23 && mi == 59 && s == 59 && f == 999, "compose/split");
}

static void test_values(void)
{
    sql_value a = {0}, b = {0};
    sqlval_set_text(&a, "héllo");
    is_int(a.u.s.len, 6, "text length in bytes");
    sqlval_copy(&b, &a);
    ok(b.type == SQLT_TEXT && strcmp(b.u.s.ptr, "héllo") == 0 && b.u.s.ptr != a.u.s.ptr, "deep copy");
    sqlval_set_int(&a, 42);
    ok(a.type == SQLT_INT && a.u.i == 42, "set int frees text");
    sqlval_move(&a, &b);
    ok(a.type == SQLT_TEXT && b.type == SQLT_NULL, "move");
    sqlval_clear(&a);
    sqlval_clear(&b);
}

static void test_props(void)
{
    props p;
    err e;
    props_init(&p);
    err_clear(&e);
    ok(props_set(&p, "oauthclientid", "abc") == 0, "keys are case-insensitive");
    is_str(props_get(&p, PROP_OAUTHCLIENTID), "abc", "value stored");
    ok(props_set(&p, "NoSuchKey", "x") == 1, "unknown key reported");
    is_str(props_get(&p, PROP_REGION), "NA", "default region");
    ok(props_validate(&p, &e) < 0 && strstr(e.message, "OAuthClientSecret"), "missing secret named");
    is_str(e.sqlstate, "08001", "missing key is 08001");
    props_set(&p, "OAuthClientSecret", "s3cret");
    ok(props_validate(&p, &e) < 0 && strstr(e.message, "WorkerAppEnvironmentId"), "missing env named");
    props_set(&p, "WorkerAppEnvironmentId", "env");
    ok(props_validate(&p, &e) == 0, "complete set validates");
    props_set(&p, "Region", "XX");
    ok(props_validate(&p, &e) < 0 && strcmp(e.sqlstate, "HY024") == 0, "bad region is HY024");
    ok(strstr(e.message, "s3cret") == NULL, "secret never in messages");
    props_set(&p, "Region", "us");
    ok(props_validate(&p, &e) == 0, "US accepted for NA");
    is_str(props_region_tld("AU"), "com.au", "AU tld");
    is_str(props_region_tld("AP"), "asia", "AP tld");
    props_set(&p, "PushDown", "sometimes");
    ok(props_validate(&p, &e) < 0, "bad PushDown rejected");
    props_set(&p, "PushDown", "none");
    props_set(&p, "Pagesize", "0");
    ok(props_validate(&p, &e) < 0, "Pagesize 0 rejected");
    props_free(&p);
}

static void test_strbuf(void)
{
    strbuf sb;
    sb_init(&sb);
    is_str(sb.data, "", "empty buffer is a string");
    for (int i = 0; i < 1000; i++)
        sb_printf(&sb, "%d,", i);
    ok(sb.len > 3000 && strncmp(sb.data, "0,1,2,", 6) == 0, "grows");
    char *s = sb_steal(&sb);
    ok(s && sb.len == 0, "steal");
    free(s);
    sb_free(&sb);
}

int main(void)
{
    test_timestamps();
    test_values();
    test_props();
    test_strbuf();
    return done_testing();
}
