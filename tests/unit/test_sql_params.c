/** @file test_sql_params.c  Parameter types inferred at prepare time (sql_prepared_param_type). */
#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

static sql_session *S;

/**
 * Prepare sql and render the type of every parameter as "TYPE/size,..."
 * (TEXT, INT, DOUBLE, BOOL, TS), or "ERR <state>".
 */
static const char *ptypes(const char *sql)
{
    static char out[ERR_MSG_MAX + 64]; /* room for an error message */
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    if (sql_prepare(S, sql, &p, &e) < 0) {
        snprintf(out, sizeof out, "ERR %s %s", e.sqlstate, e.message);
        return out;
    }
    static const char *names[] = { "NULL", "BOOL", "INT", "DOUBLE", "TEXT", "TS" };
    out[0] = 0;
    for (int i = 0; i < sql_prepared_nparams(p); i++) {
        enum sqltype t = SQLT_NULL;
        int size = -1, nullable = -1;
        if (sql_prepared_param_type(p, i, &t, &size, &nullable) < 0)
            snprintf(out + strlen(out), sizeof out - strlen(out), "%sFAIL", i ? "," : "");
        else
            snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s/%d%s", i ? "," : "",
                     names[t], size, nullable ? "" : "!");
    }
    int n = sql_prepared_nparams(p);
    if (sql_prepared_param_type(p, n, NULL, NULL, NULL) != -1 ||
        sql_prepared_param_type(p, -1, NULL, NULL, NULL) != -1)
        snprintf(out + strlen(out), sizeof out - strlen(out), " (out of range accepted)");
    sql_prepared_free(p);
    return out;
}

#define T(sql, want) is_str(ptypes(sql), want, "%s", sql)

int main(void)
{
    plan_lazy();
    fake_provider *fp = fake_provider_new();
    S = sql_session_new(&fp->base, 2);

    /* comparisons take the column's type and size, on either side */
    T("SELECT Id FROM Users WHERE Created > ?", "TS/0");
    T("SELECT Id FROM Users WHERE Enabled = ?", "BOOL/0");
    T("SELECT Id FROM Users WHERE Age >= ?", "INT/10");
    T("SELECT Id FROM Users WHERE ? < Score", "DOUBLE/0");
    T("SELECT Id FROM Users WHERE Username = ? AND Id <> ?", "TEXT/128,TEXT/36");
    /* IN and BETWEEN */
    T("SELECT Id FROM Users WHERE Age IN (?, 3, ?)", "INT/10,INT/10");
    T("SELECT Id FROM Users WHERE ? IN (Age, 3)", "INT/10");
    T("SELECT Id FROM Users WHERE Created BETWEEN ? AND ?", "TS/0,TS/0");
    T("SELECT Id FROM Users WHERE ? BETWEEN Age AND 50", "INT/10");
    /* LIKE and unknown contexts are text */
    T("SELECT Id FROM Users WHERE Username LIKE ?", "TEXT/4000");
    T("SELECT ? FROM Users", "TEXT/4000");
    T("SELECT Id FROM Users WHERE ? = ?", "TEXT/4000,TEXT/4000");
    T("SELECT UPPER(?) FROM Users", "TEXT/4000");
    /* arithmetic */
    T("SELECT Id FROM Users WHERE Age + ? > 3", "INT/10");
    T("SELECT Id FROM Users WHERE Score * ? > 3", "DOUBLE/0");
    T("SELECT Age - ? FROM Users", "INT/10");
    T("SELECT Id FROM Users WHERE Username || ? = 'x'", "TEXT/4000");
    /* counts */
    T("SELECT Id FROM Users LIMIT ? OFFSET ?", "INT/10,INT/10");
    T("SELECT TOP ? Id FROM Users", "INT/10");
    /* HAVING, ON, subqueries, UNION branches */
    T("SELECT Age, COUNT(*) FROM Users GROUP BY Age HAVING COUNT(*) > ?", "INT/19");
    T("SELECT u.Id FROM Users u JOIN Groups g ON g.MemberCount = ? WHERE u.Age = ?", "INT/10,INT/10");
    T("SELECT Id FROM Users WHERE Id IN (SELECT UserId FROM Memberships WHERE GroupId = ?)", "TEXT/36");
    T("SELECT Id FROM Users WHERE ? IN (SELECT Age FROM Users)", "INT/10");
    T("SELECT Id FROM Users WHERE Age > (SELECT MAX(Age) FROM Users WHERE Created < ?)", "TS/0");
    T("SELECT Id FROM Users WHERE Age = ? UNION SELECT Id FROM Groups WHERE Name = ?", "INT/10,TEXT/128");
    T("SELECT Id FROM Users u WHERE EXISTS (SELECT 1 FROM Memberships m WHERE m.UserId = u.Id AND "
      "m.GroupId = ?) AND u.Created >= ?", "TEXT/36,TS/0");
    /* procedure calls take the procedure parameter's type */
    T("{call Echo(?, ?)}", "TEXT/100,INT/10");
    T("EXEC Echo @Times = ?, @Text = ?", "INT/10,TEXT/100");
    T("CALL Echo('a', ?)", "INT/10");
    /* no parameters */
    T("SELECT Id FROM Users", "");

    sql_session_free(S);
    return done_testing();
}
