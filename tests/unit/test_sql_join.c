/**
 * @file test_sql_join.c
 * SQL engine tests over the fake provider for joins (key push, hash join,
 * outer joins, ambiguity), UNION, subqueries, procedure calls and the
 * COUNT(*) shortcut, each checked with PushDown=Full and None.
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

/** Forget the scans recorded so far. */
static void reset_scans(void)
{
    free(fp->scans);
    fp->scans = NULL;
}

static void test_joins(void)
{
    Q("SELECT u.Username, m.GroupId FROM Users u JOIN Memberships m ON m.UserId = u.Id ORDER BY 1, 2",
      "Alice|g2;alice|g1;alice|g3;bobcat|g3;carol|g1");
    /* the key-only table is read with the users' keys, users first */
    reset_scans();
    run(S, "SELECT u.Id, m.GroupId FROM Memberships m JOIN Users u ON m.UserId = u.Id WHERE u.Age > 40");
    is_str(fp->scans, "Users,Memberships(2 keys)", "key push order and batch");
    reset_scans();
    Q("SELECT u.Id, g.Name FROM Users u JOIN Memberships m ON m.UserId = u.Id JOIN Groups g ON g.Id = m.GroupId "
      "WHERE g.Name = 'Admins' ORDER BY 1", "u1|Admins;u4|Admins");
    Q("SELECT u.Id, m.GroupId FROM Users u LEFT JOIN Memberships m ON m.UserId = u.Id WHERE u.Id IN ('u1','u3') "
      "ORDER BY 1, 2", "u1|g1;u1|g3;u3|NULL");
    Q("SELECT g.Id, u.Id FROM Users u RIGHT JOIN Groups g ON g.MemberCount = u.Age ORDER BY 1",
      "g1|NULL;g2|NULL;g3|NULL");
    Q("SELECT g.Id, u.Id FROM Groups g FULL OUTER JOIN Users u ON u.Username = g.Name WHERE u.Id IS NULL OR "
      "g.Id IS NULL ORDER BY 1 NULLS FIRST, 2", "NULL|u1;NULL|u2;NULL|u3;NULL|u4;NULL|u5;NULL|u6;NULL|u7;"
      "g1|NULL;g2|NULL;g3|NULL");
    Q("SELECT COUNT(*) FROM Users CROSS JOIN Groups", "21");
    Q("SELECT COUNT(*) FROM Users, Groups WHERE Users.Age < Groups.MemberCount", "0");
    Q("SELECT a.Id, b.Id FROM Users a, Users b WHERE a.Age = b.Age AND a.Id < b.Id", "u1|u5");
    Q("SELECT u.Id FROM {oj Users u LEFT OUTER JOIN Memberships m ON m.UserId = u.Id} WHERE m.GroupId IS NULL "
      "ORDER BY 1", "u3;u5;u6");
    Q("SELECT m.GroupId, COUNT(*) FROM Users u JOIN Memberships m ON m.UserId = u.Id GROUP BY m.GroupId "
      "ORDER BY 1", "g1|2;g2|1;g3|2");
    Q("SELECT g.*, m.UserId FROM Groups g JOIN Memberships m ON m.GroupId = g.Id AND m.UserId = 'u2'",
      "g2|admins|5|u2");
    Q("SELECT a.Name FROM Groups a JOIN Groups b ON a.Id = b.Id AND a.Name LIKE 'A%' ORDER BY 1", "Admins");
    E("SELECT Id FROM Users u JOIN Groups g ON u.Id = g.Id", "42000", "'Id' is ambiguous");
    E("SELECT u.Id FROM Users u JOIN Users u ON 1=1", "42000", "twice");
    E("SELECT m.GroupId FROM Memberships m JOIN Groups g ON g.Id = m.GroupId", "0A000", "UserId");
    E("SELECT x.Id FROM Users u JOIN Groups g ON 1=1", "42S22", "'x'");
    /* the join buffer is bounded */
    sql_session_set_max_held_rows(S, 5);
    E("SELECT COUNT(*) FROM Users CROSS JOIN Groups", "HY001", "hold more than 5");
    sql_session_set_max_held_rows(S, 0);
    const char *o = run(S, "EXPLAIN SELECT u.Id FROM Memberships m JOIN Users u ON m.UserId = u.Id");
    ok(strstr(o, "key push: m.UserId IN") != NULL && strstr(o, "Join: driving source|Users") != NULL,
       "EXPLAIN shows order and key push: %s", o);
    o = run(S, "EXPLAIN SELECT 1 FROM Users a, Groups b WHERE a.Age > b.MemberCount");
    ok(strstr(o, "nested loop") != NULL, "EXPLAIN nested loop: %s", o);
}

static void test_union_subqueries(void)
{
    Q("SELECT Name FROM Groups UNION SELECT Username FROM Users WHERE Age > 40 ORDER BY 1",
      "Admins;Staff;admins;bobcat;carol");
    Q("SELECT Age FROM Users WHERE Age = 30 UNION ALL SELECT MemberCount FROM Groups WHERE Id = 'g1'",
      "30;30;2");
    Q("SELECT Age FROM Users WHERE Age = 30 UNION SELECT 30", "30");
    Q("SELECT 1 UNION SELECT 'a' ORDER BY 1", "1;a");
    Q("SELECT x.n, x.k FROM (SELECT Age AS n, Id AS k FROM Users WHERE Age > 40) x ORDER BY x.n DESC",
      "52|u7;41|u4");
    Q("SELECT COUNT(*) FROM (SELECT Id FROM Users UNION ALL SELECT Id FROM Groups) t", "10");
    Q("SELECT Id FROM Users WHERE Id IN (SELECT UserId FROM Memberships WHERE UserId IN ('u1','u4','u5')) "
      "ORDER BY 1", "u1;u4");
    Q("SELECT Id FROM Users WHERE Id NOT IN (SELECT Nickname FROM Users) AND Age > 40", "");
    Q("SELECT Id FROM Users WHERE Age = (SELECT MAX(Age) FROM Users)", "u7");
    Q("SELECT Id, (SELECT COUNT(*) FROM Groups) FROM Users WHERE Id = 'u1'", "u1|3");
    Q("SELECT Id FROM Groups WHERE EXISTS (SELECT 1 FROM Users WHERE Age > 50)", "g1;g2;g3");
    Q("SELECT Id FROM Groups WHERE NOT EXISTS (SELECT 1 FROM Users WHERE Age > 60)", "g1;g2;g3");
    Q("SELECT (SELECT Name FROM Groups WHERE Id = 'zz')", "NULL");
    E("SELECT Id FROM Users WHERE Age = (SELECT Age FROM Users)", "21000", "more than one row");
    E("SELECT u.Id FROM Users u, (SELECT 1 AS k FROM Groups g WHERE g.Id = u.Id) d", "0A000", "LATERAL");
    E("SELECT Id FROM Users WHERE Id IN (SELECT Id, Name FROM Groups)", "42000", "one column");
    E("SELECT Id FROM Users UNION SELECT Id, Name FROM Groups", "42000", "same number of columns");
    /* IN (SELECT ...) is pushed like a list */
    is_str(run(S, "SELECT Id FROM Users WHERE Id IN (SELECT UserId FROM Memberships WHERE UserId = 'u2')"), "u2",
           "IN subquery result");
    is_str(fp->last_cons, "IN(Id,'u2')", "IN subquery pushed as a list");
    const char *o = run(S, "EXPLAIN SELECT Id FROM Users WHERE Id IN (SELECT Id FROM Groups)");
    ok(strstr(o, "Subqueries") != NULL, "EXPLAIN names the subquery: %s", o);
    o = run(S, "SELECT Id FROM Users WHERE 1 = 0 AND Id IN (SELECT Id FROM Groups)");
    ok(strcmp(o, "") == 0, "never-true WHERE with a subquery");
}

static void test_procedures(void)
{
    Q("EXEC Echo @Text = 'hi', @Times = 2", "1|hi;2|hi");
    Q("EXECUTE Echo 'yo'", "1|yo");
    Q("CALL Echo('a', 3)", "1|a;2|a;3|a");
    Q("{call env1.Echo('b')}", "1|b");
    Q("EXEC echo @times = 1, @TEXT = N'Zoë'", "1|Zoë");
    sql_value pv[2] = { { 0 } };
    sqlval_set_text(&pv[0], "p");
    sqlval_set_int(&pv[1], 2);
    is_str(run_n(S, "{call Echo(?, ?)}", pv, 0), "1|p;2|p", "{call} with parameters");
    sqlval_clear(&pv[0]);
    E("EXEC Nope @A = 1", "42000", "Procedure 'Nope' does not exist");
    E("EXEC Echo @Txt = 'x'", "07009", "'Txt'");
    E("EXEC Echo @Times = 1", "07002", "'Text'");
    E("CALL Echo('a', 1, 2)", "07009", "more values");
    E("EXEC Echo @Text = 'a', @Times = -1", "22023", "negative");
    err e;
    err_clear(&e);
    sql_prepared *p = NULL;
    ok(sql_prepare(S, "{call Echo(?, ?)}", &p, &e) == 0 && sql_prepared_ncols(p) == 2 &&
       strcmp(sql_prepared_cols(p)[1].name, "Text") == 0 && sql_prepared_nparams(p) == 2,
       "procedure columns known at prepare time");
    sql_prepared_free(p);
}

static void test_count(void)
{
    fp->exact_when_pushed = 1;
    fp->count_calls = 0;
    Q("SELECT COUNT(*) FROM Users WHERE Age = 30", "2");
    ok(fp->count_calls == 1, "count asked only when the filter is exact (Full)");
    run(S, "SELECT COUNT(*) FROM Users WHERE Age = 30");
    ok(last_requests == 1, "COUNT(*) with a pushed filter: 1 request (%ld)", last_requests);
    fp->count_calls = 0;
    Q("SELECT COUNT(*) FROM Users WHERE Nickname = 'Al'", "1");
    ok(fp->count_calls == 0, "not asked when a part stays local");
    Q("SELECT COUNT(*) FROM Users", "7");
    Q("SELECT COUNT(*), MAX(Age) FROM Users", "7|52");
    Q("SELECT COUNT(*) FROM Users WHERE 1 = 0", "0");
    /* the provider sees only the pushable part of these WHERE clauses: never count from it */
    fp->count_calls = 0;
    Q("SELECT COUNT(*) FROM Users WHERE ABS(Age) = 30", "2");
    Q("SELECT COUNT(*) FROM Users WHERE Age = 30 AND ABS(Age) + 0 = 30", "2");
    Q("SELECT COUNT(*) FROM Users WHERE ABS(Age) = 52 OR Age = 30", "3");
    ok(fp->count_calls == 0, "not asked when a condition could not be handed over (%d)", fp->count_calls);
    /* nor may the scan stop after LIMIT rows of the pushed part */
    Q("SELECT COUNT(*) FROM (SELECT Username FROM Users WHERE Age = 30 AND ABS(Age) = 30 LIMIT 5) x", "2");
    ok(fp->last_limit == -1, "LIMIT is not handed over with a partial WHERE (%lld)", fp->last_limit);
    run(S, "SELECT Username FROM Users WHERE Age = 30 LIMIT 5");
    ok(fp->last_limit == 5, "but is with a whole one (%lld)", fp->last_limit);
    run(S, "SELECT Username FROM Users WHERE Username LIKE 'a%' LIMIT 5");
    ok(fp->last_limit == 5, "LIKE 'a%%' is exactly a prefix test: LIMIT handed over (%lld)", fp->last_limit);
    run(S, "SELECT Username FROM Users WHERE Username LIKE 'a%b' LIMIT 5");
    ok(fp->last_limit == -1, "LIKE 'a%%b' is wider as a prefix test: not handed over (%lld)", fp->last_limit);
    run(S, "SELECT Username FROM Users WHERE Username LIKE 'a_' LIMIT 5");
    ok(fp->last_limit == -1, "LIKE 'a_' likewise (%lld)", fp->last_limit);
    fp->exact_when_pushed = 0;
    Q("SELECT COUNT(*) FROM Users WHERE Age = 30", "2");
}

static void test_in_list(void)
{
    /* every value of a long IN list reaches the provider */
    strbuf sb;
    sb_init(&sb);
    sb_append(&sb, "SELECT Id FROM Users WHERE Id IN (");
    for (int i = 0; i < 500; i++)
        sb_printf(&sb, "%s'x%d'", i ? "," : "", i);
    sb_append(&sb, ",'u3')");
    is_str(run(S, sb.data), "u3", "IN with 501 values");
    ok(fp->last_cons && strstr(fp->last_cons, "'x499'") && strstr(fp->last_cons, "'u3'"),
       "all IN values are handed to the provider");
    sb_free(&sb);
}

int main(void)
{
    plan_lazy();
    fp = fake_provider_new();
    S = sql_session_new(&fp->base, 2);
    test_joins();
    test_union_subqueries();
    test_procedures();
    test_count();
    test_in_list();
    sql_session_free(S);
    return done_testing();
}
