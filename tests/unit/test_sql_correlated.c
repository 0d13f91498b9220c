/**
 * @file test_sql_correlated.c
 * Correlated subqueries over the fake provider: EXISTS / NOT EXISTS, IN and
 * NOT IN with three-valued logic, scalar subqueries in the select list and
 * HAVING, two levels of nesting, derived tables inside a correlated
 * subquery, outer values pushed to the inner table as constants, the cache
 * per distinct outer value (and its memory bound), EXPLAIN, and the errors.
 * Also select-list aliases in HAVING. Each query runs with PushDown=Full and None.
 */
#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

#include "sql/session.h"

static fake_provider *fp;
static sql_session *S;

/** Run sql with Full and None pushdown; both must render want. */
static void Q(const char *sql, const char *want)
{
    sql_session_set_pushdown(S, 2);
    is_str(run(S, sql), want, "Full: %s", sql);
    sql_session_set_pushdown(S, 0);
    is_str(run(S, sql), want, "None: %s", sql);
    sql_session_set_pushdown(S, 2);
}

/** Run sql and require an error with the SQLSTATE and a fragment. */
static void E(const char *sql, const char *state, const char *frag)
{
    const char *o = run(S, sql);
    ok(is_err(o, state) && strstr(o, frag), "%s -> %s", sql, o);
}

/** Number of times table name was opened since the last reset_scans. */
static int scans_of(const char *name)
{
    int n = 0;
    size_t l = strlen(name);
    for (const char *q = fp->scans; q && (q = strstr(q, name)) != NULL; q += l)
        if ((q == fp->scans || q[-1] == ',') && (q[l] == ',' || q[l] == '(' || q[l] == '\0'))
            n++;
    return n;
}

static void reset_scans(void)
{
    free(fp->scans);
    fp->scans = NULL;
}

static void test_exists_in(void)
{
    /* the key-only table is readable: the outer value is pushed as UserId = constant */
    Q("SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Memberships m WHERE m.UserId = u.Id) ORDER BY 1",
      "u1;u2;u4;u7");
    Q("SELECT u.Id FROM Users u WHERE NOT EXISTS (SELECT 1 FROM Memberships m WHERE m.UserId = u.Id) ORDER BY 1",
      "u3;u5;u6");
    Q("SELECT Id FROM Users WHERE EXISTS (SELECT 1 FROM Memberships WHERE UserId = Users.Id AND GroupId = 'g3')",
      "u1;u7");
    Q("SELECT g.Id FROM Groups g WHERE 'u1' IN (SELECT m.UserId FROM Memberships m WHERE m.UserId = 'u1' AND "
      "m.GroupId = g.Id) ORDER BY 1", "g1;g3");
    Q("SELECT g.Id FROM Groups g WHERE g.Id NOT IN (SELECT m.GroupId FROM Memberships m WHERE m.UserId = 'u1' "
      "AND m.GroupId <> g.Name) ORDER BY 1", "g2");
    /* three-valued logic: NULLs in the subquery's values and on the left */
    Q("SELECT u.Id FROM Users u WHERE u.Age IN (SELECT v.Age FROM Users v WHERE v.Id <> u.Id) ORDER BY 1",
      "u1;u5");
    Q("SELECT u.Id FROM Users u WHERE u.Age NOT IN (SELECT v.Age FROM Users v WHERE v.Id <> u.Id AND "
      "v.Age IS NOT NULL) ORDER BY 1", "u2;u4;u6;u7");
    Q("SELECT u.Id FROM Users u WHERE u.Age NOT IN (SELECT v.Age FROM Users v WHERE v.Id <> u.Id)", "");
    Q("SELECT u.Id, u.Age NOT IN (SELECT v.Age FROM Users v WHERE v.Id <> u.Id AND v.Age > 100) FROM Users u "
      "WHERE u.Id IN ('u1', 'u3') ORDER BY 1", "u1|TRUE;u3|TRUE");
    Q("SELECT u.Id, u.Age IN (SELECT v.Age FROM Users v WHERE v.Id = u.Id) FROM Users u WHERE u.Id IN "
      "('u1', 'u3') ORDER BY 1", "u1|TRUE;u3|NULL");
    /* correlation inside a join's WHERE */
    Q("SELECT u.Id, g.Id FROM Users u JOIN Groups g ON g.Name = 'Staff' WHERE EXISTS (SELECT 1 FROM "
      "Memberships m WHERE m.UserId = u.Id AND m.GroupId = g.Id) ORDER BY 1", "u1|g3;u7|g3");
    /* with a parameter too */
    sql_value pv = { 0 };
    sqlval_set_text(&pv, "g1");
    is_str(run_n(S, "SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Memberships m WHERE m.UserId = u.Id "
                    "AND m.GroupId = ?) ORDER BY 1", &pv, 0), "u1;u4", "correlated subquery and a parameter");
    sqlval_clear(&pv);
}

static void test_scalar(void)
{
    Q("SELECT u.Id, (SELECT COUNT(*) FROM Memberships m WHERE m.UserId = u.Id) FROM Users u ORDER BY 1",
      "u1|2;u2|1;u3|0;u4|1;u5|0;u6|0;u7|1");
    Q("SELECT u.Id FROM Users u WHERE (SELECT COUNT(*) FROM Memberships m WHERE m.UserId = u.Id) > 1", "u1");
    Q("SELECT (SELECT u.Username) FROM Users u WHERE u.Id = 'u1'", "alice");
    Q("SELECT (SELECT u.Username || g.Name FROM Groups g WHERE g.Id = 'g1') FROM Users u WHERE Id = 'u2'",
      "AliceAdmins");
    Q("SELECT u.Id, (SELECT MAX(g.MemberCount) FROM Groups g WHERE g.MemberCount < u.Age) FROM Users u "
      "WHERE u.Id IN ('u1', 'u3') ORDER BY 1", "u1|5;u3|NULL");
    Q("SELECT u.Id FROM Users u ORDER BY (SELECT COUNT(*) FROM Memberships m WHERE m.UserId = u.Id) DESC, u.Id "
      "LIMIT 3", "u1;u2;u4");
    E("SELECT u.Id, (SELECT m.GroupId FROM Memberships m WHERE m.UserId = u.Id) FROM Users u", "21000",
      "more than one row");
    /* grouped outer query: HAVING and the select list see the group's values */
    Q("SELECT u.Age, COUNT(*) FROM Users u WHERE u.Age IS NOT NULL GROUP BY u.Age HAVING COUNT(*) > "
      "(SELECT COUNT(*) FROM Groups g WHERE g.MemberCount * 10 > u.Age) ORDER BY 1", "30|2;52|1");
    Q("SELECT u.Age, (SELECT COUNT(*) FROM Users v WHERE v.Age < u.Age) FROM Users u WHERE u.Age > 29 "
      "GROUP BY u.Age ORDER BY 1", "30|2;41|4;52|5");
    E("SELECT COUNT(*), (SELECT COUNT(*) FROM Groups g WHERE g.Name = u.Username) FROM Users u", "42000",
      "GROUP BY");
}

static void test_nesting(void)
{
    /* two levels: the innermost refers to the outermost query */
    Q("SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Groups g WHERE g.Name = 'Staff' AND EXISTS "
      "(SELECT 1 FROM Memberships m WHERE m.UserId = u.Id AND m.GroupId = g.Id)) ORDER BY 1", "u1;u7");
    Q("SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Groups g WHERE EXISTS (SELECT 1 FROM Memberships m "
      "WHERE m.UserId = u.Id AND m.GroupId = g.Id AND g.MemberCount = 5)) ORDER BY 1", "u2");
    /* a derived table inside a correlated subquery may refer to the query outside */
    Q("SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM (SELECT m.GroupId FROM Memberships m WHERE "
      "m.UserId = u.Id) d WHERE d.GroupId = 'g3') ORDER BY 1", "u1;u7");
    Q("SELECT u.Id, (SELECT COUNT(*) FROM (SELECT GroupId FROM Memberships WHERE UserId = u.Id UNION ALL "
      "SELECT 'x') t) FROM Users u WHERE u.Id IN ('u1', 'u3') ORDER BY 1", "u1|3;u3|1");
    E("SELECT u.Id FROM Users u, (SELECT m.GroupId FROM Memberships m WHERE m.UserId = u.Id) d", "0A000",
      "LATERAL");
    E("SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Groups g WHERE g.Nope = u.Id)", "42S22", "Nope");
    E("SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Groups g WHERE g.Id = u.Nope)", "42S22", "Nope");
    E("SELECT Id FROM Users u WHERE EXISTS (SELECT 1 FROM Groups g, Users v WHERE Id = u.Id)", "42000",
      "ambiguous");
}

static void test_pushdown_and_cache(void)
{
    sql_session_set_pushdown(S, 2);
    /* the outer value reaches the inner table's provider as a constant */
    is_str(run(S, "SELECT u.Id FROM Users u WHERE u.Id = 'u7' AND EXISTS (SELECT 1 FROM Groups g WHERE "
                  "g.Name = u.Username)"), "", "EXISTS on a name");
    ok(strstr(fp->last_cons, "'bobcat'") != NULL, "outer value pushed to the inner scan: %s", fp->last_cons);
    /* one run per distinct outer value: 7 users, 6 distinct ages; for the NULL age the inner WHERE
       can never be true, so that run reads nothing */
    reset_scans();
    is_str(run(S, "SELECT u.Id, (SELECT MAX(g.MemberCount) FROM Groups g WHERE g.MemberCount < u.Age) "
                  "FROM Users u ORDER BY 1"), "u1|5;u2|5;u3|NULL;u4|5;u5|5;u6|5;u7|5", "values per age");
    is_int(scans_of("Groups"), 5, "Groups read once per distinct age (%s)", fp->scans ? fp->scans : "");
    long with_subq = last_requests;
    run(S, "SELECT u.Id FROM Users u ORDER BY 1");
    ok(with_subq > last_requests, "requests of the correlated runs are counted (%ld > %ld)", with_subq,
       last_requests);
    /* a tiny memory bound empties the cache but keeps the results */
    sql_session_set_max_held_rows(S, 3);
    reset_scans();
    is_str(run(S, "SELECT u.Id FROM Users u WHERE (SELECT COUNT(*) FROM Users v WHERE v.Enabled = u.Enabled) "
                  "> 3"), "u1;u3;u4;u6;u7", "results with a bounded cache");
    ok(scans_of("Users") > 3, "the cache was emptied and refilled (%s)", fp->scans ? fp->scans : "");
    sql_session_set_max_held_rows(S, 0);
    reset_scans();
    /* EXPLAIN says it is correlated and how it runs; nothing is fetched */
    const char *o = run(S, "EXPLAIN SELECT u.Id FROM Users u WHERE EXISTS (SELECT 1 FROM Memberships m "
                           "WHERE m.UserId = u.Id)");
    ok(strstr(o, "Correlated subquery") && strstr(o, "u.Id") && strstr(o, "once per distinct outer value") &&
       strstr(o, "correlated subquery 1"), "EXPLAIN: %s", o);
    ok(fp->scans == NULL, "EXPLAIN reads nothing");
    /* a WHERE that can never be true runs no subquery */
    is_str(run(S, "SELECT u.Id FROM Users u WHERE 1 = 0 AND EXISTS (SELECT 1 FROM Memberships m WHERE "
                  "m.UserId = u.Id)"), "", "never-true WHERE");
    ok(fp->scans == NULL, "never-true WHERE reads nothing");
}

static void test_having_alias(void)
{
    Q("SELECT Age AS a, COUNT(*) AS n FROM Users GROUP BY Age HAVING n > 1", "30|2");
    Q("SELECT Age AS a, COUNT(*) AS n FROM Users GROUP BY Age HAVING a > 40 ORDER BY a", "41|1;52|1");
    Q("SELECT Enabled, COUNT(*) AS Age FROM Users GROUP BY Enabled HAVING MAX(Age) > 50", "TRUE|5");
    Q("SELECT Age + 1 AS b FROM Users GROUP BY Age + 1 HAVING b > 42", "53");
    E("SELECT COUNT(*) AS n FROM Users HAVING SUM(n) > 1", "42000", "nested");
}

int main(void)
{
    plan_lazy();
    fp = fake_provider_new();
    S = sql_session_new(&fp->base, 2);
    test_exists_in();
    test_scalar();
    test_nesting();
    test_pushdown_and_cache();
    test_having_alias();
    sql_session_free(S);
    return done_testing();
}
