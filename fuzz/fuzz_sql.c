/**
 * @file fuzz_sql.c
 * Fuzz target "sql": the input is SQL text. It is prepared on a session over
 * the in-memory fake provider of the unit tests (tests/unit/fake_provider.c,
 * tables env1.Users and env1.Groups); when prepare succeeds the statement is
 * executed with text parameters and up to FUZZ_SQL_MAX_ROWS rows are
 * fetched. The PushDown mode (Full/KeysOnly/None) is chosen from the input
 * length so every planner path is reached.
 *
 * Checked: every failure is a diagnostic (fuzz_check_err), result values
 * have their column's type or are NULL, text values are NUL-terminated at
 * their length.
 */
#include <string.h>

#include "fuzz/fuzz_target.h"
#include "sql/engine.h"
#include "tests/unit/fake_provider.h"

#define FUZZ_SQL_MAX_ROWS 200
#define FUZZ_SQL_MAX_PARAMS 64

/** Check one result row against the column metadata. */
static void check_row(const sql_result *r)
{
    for (int i = 0; i < r->ncols; i++) {
        const sql_value *v = &r->row[i];
        if (v->type == SQLT_NULL)
            continue;
        FUZZ_CHECK(r->cols[i].type == SQLT_NULL || v->type == r->cols[i].type);
        if (v->type == SQLT_TEXT)
            FUZZ_CHECK(v->u.s.ptr != NULL && v->u.s.ptr[v->u.s.len] == '\0');
    }
}

FUZZ_TARGET(sql)
{
    char *text = fuzz_strndup(data, size);
    if (!text)
        return 0;
    fake_provider *fp = fake_provider_new();
    sql_session *s = fp ? sql_session_new(&fp->base, (int)(size % 3)) : NULL;
    if (!s) {
        free(text);
        return 0;
    }
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    if (sql_prepare(s, text, &p, &e) < 0) {
        fuzz_check_err(&e);
        FUZZ_CHECK(p == NULL);
        goto out;
    }
    FUZZ_CHECK(p != NULL);
    int np = sql_prepared_nparams(p);
    FUZZ_CHECK(np >= 0);
    int nc = sql_prepared_ncols(p);
    FUZZ_CHECK(nc >= 0 && (nc == 0 || sql_prepared_cols(p) != NULL));
    if (np <= FUZZ_SQL_MAX_PARAMS) {
        sql_value params[FUZZ_SQL_MAX_PARAMS];
        memset(params, 0, sizeof params);
        static const char *const pv[] = { "u1", "7", "a%", "2024-01-15 10:00:00", "" };
        for (int i = 0; i < np; i++)
            sqlval_set_text(&params[i], pv[i % 5]);
        sql_result *r = NULL;
        if (sql_execute_n(p, params, np, &r, &e) < 0) {
            fuzz_check_err(&e);
        } else {
            FUZZ_CHECK(r != NULL && r->ops != NULL);
            int rc = 0;
            for (int n = 0; n < FUZZ_SQL_MAX_ROWS && (rc = r->ops->next(r, &e)) == 1; n++)
                check_row(r);
            if (rc < 0)
                fuzz_check_err(&e);
            r->ops->close(r);
        }
        for (int i = 0; i < np; i++)
            sqlval_clear(&params[i]);
    }
    /* The wrong parameter count must be a diagnostic too. */
    err_clear(&e);
    sql_result *r2 = NULL;
    if (sql_execute_n(p, NULL, np + 1, &r2, &e) < 0)
        fuzz_check_err(&e);
    else if (r2)
        r2->ops->close(r2);
out:
    sql_prepared_free(p);
    sql_session_free(s);
    free(text);
    return 0;
}
