/** @file test_connstr.c  Unit tests (TAP) for the connection-string parser (driver/connstr.c). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "driver/connstr.h"
#include "tests/tap.h"

/** Fake odbc.ini: DSN "Test" holds a few properties. */
static int fake_reader(void *ctx, const char *dsn, const char *key, char *buf, int size)
{
    (void)ctx;
    static const char *ini[][2] = {
        {"OAuthClientId", "dsn-client"},
        {"OAuthClientSecret", "dsn-secret"},
        {"WorkerAppEnvironmentId", "dsn-env"},
        {"Region", "EU"},
        {"Pagesize", ""},
    };
    buf[0] = '\0';
    if (strcmp(dsn, "Test") != 0)
        return 0;
    for (size_t i = 0; i < sizeof ini / sizeof ini[0]; i++)
        if (strcasecmp(ini[i][0], key) == 0) {
            snprintf(buf, (size_t)size, "%s", ini[i][1]);
            return (int)strlen(buf);
        }
    return 0;
}

/** Parse s and return the value of property id ("(unset)" when absent). */
static const char *val(const connstr *c, enum prop_id id)
{
    return c->props.values[id] ? c->props.values[id] : "(unset)";
}

int main(void)
{
    connstr c;
    err e;
    err_clear(&e);

    /* plain pairs, case-insensitive keys, whitespace */
    is_int(connstr_parse("  oauthclientid = abc ;OAUTHCLIENTSECRET=s3cr3t;  Region=EU", -1, &c, &e),
           0, "plain pairs parse");
    is_str(val(&c, PROP_OAUTHCLIENTID), "abc", "key case-insensitive, value trimmed");
    is_str(val(&c, PROP_OAUTHCLIENTSECRET), "s3cr3t", "upper-case key");
    is_str(val(&c, PROP_REGION), "EU", "last pair without ';'");
    is_int(c.nunknown, 0, "no unknown keys");
    connstr_free(&c);

    /* braces with ';', '=', spaces and the '}}' escape */
    is_int(connstr_parse("OAuthClientSecret={a;b=c }}d} ; Logfile={ /tmp/x y.log }", -1, &c, &e),
           0, "braced values parse");
    is_str(val(&c, PROP_OAUTHCLIENTSECRET), "a;b=c }d", "braces keep ';' '=' and '}}' is '}'");
    is_str(val(&c, PROP_LOGFILE), " /tmp/x y.log ", "braces keep surrounding spaces");
    connstr_free(&c);

    is_int(connstr_parse("OAuthClientSecret={}}}", -1, &c, &e), 0, "value that is just '}'");
    is_str(val(&c, PROP_OAUTHCLIENTSECRET), "}", "'{}}}' is '}'");
    connstr_free(&c);

    /* empty values and empty pairs */
    is_int(connstr_parse(";;Logfile=;EnvironmentId = ;;", -1, &c, &e), 0, "empty values parse");
    is_str(val(&c, PROP_LOGFILE), "", "empty value is set but empty");
    is_str(val(&c, PROP_ENVIRONMENTID), "", "whitespace-only value is empty");
    ok(!props_is_set(&c.props, PROP_LOGFILE), "empty value counts as not set");
    connstr_free(&c);

    is_int(connstr_parse("", -1, &c, &e), 0, "empty string parses");
    is_int(connstr_parse(NULL, -1, &c, &e), 0, "NULL string parses");
    connstr_free(&c);

    /* explicit length: only the first len bytes count */
    is_int(connstr_parse("Region=EU;Region2=x", 9, &c, &e), 0, "explicit length");
    is_str(val(&c, PROP_REGION), "EU", "value cut at len");
    is_int(c.nunknown, 0, "bytes after len ignored");
    connstr_free(&c);

    /* DM keys, UID/PWD, unknown keys */
    is_int(connstr_parse("Driver={/usr/lib/lib p1.so};DSN=Test;UID=u1;PWD={p;w};Foo=1;BAR=2;foo=3",
                         -1, &c, &e), 0, "DM keys parse");
    is_str(c.driver, "/usr/lib/lib p1.so", "DRIVER kept without braces");
    is_str(c.dsn, "Test", "DSN kept");
    is_str(val(&c, PROP_OAUTHCLIENTID), "u1", "UID maps to OAuthClientId");
    is_str(val(&c, PROP_OAUTHCLIENTSECRET), "p;w", "PWD maps to OAuthClientSecret");
    is_int(c.nunknown, 2, "two distinct unknown keys");
    if (c.nunknown == 2) {
        is_str(c.unknown[0], "Foo", "first unknown key named as written");
        is_str(c.unknown[1], "BAR", "second unknown key");
    }
    connstr_free(&c);

    /* first occurrence wins */
    is_int(connstr_parse("Region=EU;region=CA", -1, &c, &e), 0, "repeated key parses");
    is_str(val(&c, PROP_REGION), "EU", "first occurrence wins");
    connstr_free(&c);

    /* unterminated brace */
    err_clear(&e);
    is_int(connstr_parse("Region=EU;OAuthClientSecret={abc;def", -1, &c, &e), -1,
           "unterminated brace fails");
    is_str(e.sqlstate, "08001", "unterminated brace is 08001");
    ok(strstr(e.message, "OAuthClientSecret") != NULL, "message names the key");
    ok(strstr(e.message, "abc") == NULL, "message does not echo the (secret) value");
    connstr_free(&c);

    /* DSN plus overrides: the string wins */
    props merged;
    props_init(&merged);
    is_int(connstr_parse("DSN=Test;OAuthClientSecret=str-secret;Pagesize=50", -1, &c, &e), 0,
           "DSN string parses");
    is_int(connstr_load_dsn(c.dsn, fake_reader, NULL, &merged), 0, "DSN loads");
    is_str(props_get(&merged, PROP_OAUTHCLIENTSECRET), "dsn-secret", "DSN value read");
    ok(!merged.values[PROP_PAGESIZE], "empty DSN value left unset");
    is_int(connstr_overlay(&merged, &c.props), 0, "overlay");
    is_str(props_get(&merged, PROP_OAUTHCLIENTSECRET), "str-secret", "string wins over DSN");
    is_str(props_get(&merged, PROP_OAUTHCLIENTID), "dsn-client", "DSN value kept when not overridden");
    is_str(props_get(&merged, PROP_REGION), "EU", "DSN region kept");
    is_str(props_get(&merged, PROP_PAGESIZE), "50", "string adds values");
    is_str(props_get(&merged, PROP_VERBOSITY), "1", "defaults for the rest");

    /* output connection string */
    strbuf sb;
    sb_init(&sb);
    is_int(connstr_build(&c, &merged, &sb), 0, "build output string");
    is_str(sb.data, "DSN=Test;OAuthClientId=dsn-client;OAuthClientSecret=str-secret;"
                    "WorkerAppEnvironmentId=dsn-env;Region=EU;Pagesize=50", "output string");
    sb_free(&sb);
    connstr_free(&c);
    props_free(&merged);

    /* building quotes what needs quoting and round-trips */
    sb_init(&sb);
    connstr_append_pair(&sb, "OAuthClientSecret", "a;b}c");
    is_str(sb.data, "OAuthClientSecret={a;b}}c};", "braces and '}}' on output");
    is_int(connstr_parse(sb.data, -1, &c, &e), 0, "output parses again");
    is_str(val(&c, PROP_OAUTHCLIENTSECRET), "a;b}c", "round trip");
    connstr_free(&c);
    sb_free(&sb);

    return done_testing();
}
