/**
 * @file sql_test_util.h
 * Helpers shared by the SQL engine unit tests: run a statement on a session
 * over the fake provider and render the result (or the error) as text.
 */
#ifndef P1_TESTS_SQL_TEST_UTIL_H
#define P1_TESTS_SQL_TEST_UTIL_H

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "sql/engine.h"
#include "tests/unit/fake_provider.h"

/** Render one value: NULL, text as is, numbers, TRUE/FALSE, timestamps. */
static inline void render_value(const sql_value *v, strbuf *sb)
{
    char buf[64];
    switch (v->type) {
    case SQLT_NULL: sb_append(sb, "NULL"); break;
    case SQLT_BOOL: sb_append(sb, v->u.i ? "TRUE" : "FALSE"); break;
    case SQLT_INT: sb_printf(sb, "%" PRId64, v->u.i); break;
    case SQLT_DOUBLE: sb_printf(sb, "%g", v->u.d); break;
    case SQLT_TEXT: sb_append(sb, v->u.s.ptr); break;
    case SQLT_TIMESTAMP: ts_format(v->u.i, buf, sizeof buf); sb_append(sb, buf); break;
    }
}

static char last_out[65536];
static long last_requests;

/**
 * Run sql with params on s; return rows as "a|b;c|d" or "ERR <state> <msg>".
 * max_rows > 0 stops after that many rows (closing the result early).
 */
static inline const char *run_n(sql_session *s, const char *sql, const sql_value *params, int max_rows)
{
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    sql_result *r = NULL;
    strbuf sb;
    sb_init(&sb);
    last_requests = 0;
    if (sql_prepare(s, sql, &p, &e) < 0 || sql_execute(p, params, &r, &e) < 0) {
        snprintf(last_out, sizeof last_out, "ERR %s %s", e.sqlstate, e.message);
        sql_prepared_free(p);
        sb_free(&sb);
        return last_out;
    }
    int rc, n = 0;
    while ((max_rows <= 0 || n < max_rows) && (rc = r->ops->next(r, &e)) == 1) {
        if (n++)
            sb_append(&sb, ";");
        for (int i = 0; i < r->ncols; i++) {
            if (i)
                sb_append(&sb, "|");
            render_value(&r->row[i], &sb);
        }
    }
    last_requests = r->requests;
    if (e.set)
        snprintf(last_out, sizeof last_out, "ERR %s %s", e.sqlstate, e.message);
    else
        snprintf(last_out, sizeof last_out, "%s", sb.data);
    r->ops->close(r);
    sql_prepared_free(p);
    sb_free(&sb);
    return last_out;
}

static inline const char *run(sql_session *s, const char *sql) { return run_n(s, sql, NULL, 0); }

/** 1 if out is an error with the given SQLSTATE. */
static inline int is_err(const char *out, const char *state)
{
    return strncmp(out, "ERR ", 4) == 0 && strncmp(out + 4, state, 5) == 0;
}

#endif
