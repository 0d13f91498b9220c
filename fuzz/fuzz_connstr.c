/**
 * @file fuzz_connstr.c
 * Fuzz target "connstr": the input is a connection string, parsed with an
 * explicit length from an exactly sized buffer (so any read past the end is
 * caught) and again NUL-terminated. When it parses, the output connection
 * string of SQLDriverConnect is built from it and parsed back: it must give
 * the same DSN/DRIVER and the same non-empty property values (round trip).
 * The properties are validated (a failure must be a diagnostic) and
 * overlaid on a copy, as a DSN merge does.
 */
#include <string.h>

#include "driver/connstr.h"
#include "fuzz/fuzz_target.h"

/** Non-zero when two optional strings are equal, NULL counting as "". */
static int same_value(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

FUZZ_TARGET(connstr)
{
    /* exactly sized copy: no terminator, reads beyond size are overflows */
    char *exact = malloc(size ? size : 1);
    if (!exact)
        return 0;
    if (size)
        memcpy(exact, data, size);
    err e;
    err_clear(&e);
    connstr c;
    int rc = connstr_parse(exact, (long)size, &c, &e);
    free(exact);
    if (rc < 0) {
        fuzz_check_err(&e);
        connstr_free(&c);
    } else {
        FUZZ_CHECK(!e.set);
        strbuf out;
        sb_init(&out);
        if (connstr_build(&c, &c.props, &out) == 0) {
            connstr back;
            err e2;
            err_clear(&e2);
            FUZZ_CHECK(connstr_parse(out.data, -1, &back, &e2) == 0);
            if (c.dsn)
                FUZZ_CHECK(same_value(c.dsn, back.dsn));
            else
                FUZZ_CHECK(same_value(c.driver, back.driver));
            for (int i = 0; i < PROP__COUNT; i++)
                FUZZ_CHECK(same_value(c.props.values[i], back.props.values[i]));
            connstr_free(&back);
        }
        sb_free(&out);

        err_clear(&e);
        if (props_validate(&c.props, &e) < 0)
            fuzz_check_err(&e);

        props merged;
        props_init(&merged);
        if (props_copy(&merged, &c.props) == 0 && connstr_overlay(&merged, &c.props) == 0)
            for (int i = 0; i < PROP__COUNT; i++)
                FUZZ_CHECK(same_value(merged.values[i], c.props.values[i]));
        props_free(&merged);
        connstr_free(&c);
    }

    /* the same bytes as a NUL-terminated string (len < 0) */
    char *text = fuzz_strndup(data, size);
    if (text) {
        err_clear(&e);
        if (connstr_parse(text, -1, &c, &e) < 0)
            fuzz_check_err(&e);
        connstr_free(&c);
        free(text);
    }
    return 0;
}
