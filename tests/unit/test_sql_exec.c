/** @file test_sql_exec.c  SQL engine execution tests over the fake provider. */
#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

#include "sql/session.h"

static fake_provider *fp;
static sql_session *S;

/** Run sql and compare the rendered rows. */
#define Q(sql, want) is_str(run(S, sql), want, "%s", sql)

/** Run sql with pushdown 2 and 0 and require identical output. */
static void same_both(const char *sql)
{
    char a[65536];
    sql_session_set_pushdown(S, 2);
    snprintf(a, sizeof a, "%s", run(S, sql));
    sql_session_set_pushdown(S, 0);
    const char *b = run(S, sql);
    if (!ok(strcmp(a, b) == 0, "pushdown invariance: %s", sql))
        diag("  Full: %s\n#   None: %s", a, b);
    sql_session_set_pushdown(S, 2);
}

static void test_basic(void)
{
    Q("SELECT Id FROM Users", "u1;u2;u3;u4;u5;u6;u7");
    Q("select id, USERNAME from users where id = 'u3'", "u3|bob");
    Q("SELECT \"Id\", [Username], `Age` FROM env1.Users WHERE Id = 'u1'", "u1|alice|30");
    Q("SELECT * FROM Users WHERE Id = 'u3'", "u3|bob|NULL|NULL|TRUE|2023-12-31 23:59:59.000|NULL|Bobby");
    Q("SELECT Id FROM Users WHERE Username = 'alice'", "u1");
    Q("SELECT Id FROM Users WHERE Username <> 'alice'", "u2;u3;u4;u5;u6;u7");
    Q("SELECT Id FROM Users WHERE Username != 'alice' AND Age > 40", "u4;u7");
    Q("SELECT Id FROM Users WHERE Age < 25", "u6");
    Q("SELECT Id FROM Users WHERE Age <= 25", "u2;u6");
    Q("SELECT Id FROM Users WHERE Age >= 41", "u4;u7");
    Q("SELECT Id FROM Users WHERE Username LIKE 'bob%'", "u3;u7");
    Q("SELECT Id FROM Users WHERE Username LIKE 'B%'", "");
    Q("SELECT Id FROM Users WHERE Username LIKE '_lice'", "u1;u2");
    Q("SELECT Id FROM Users WHERE Username LIKE 'Zo_'", "u6");
    Q("SELECT Id FROM Users WHERE Email LIKE '%.org'", "u4");
    Q("SELECT Id FROM Users WHERE Email LIKE '%example%'", "u1;u4;u5;u6;u7");
    Q("SELECT Id FROM Users WHERE Username IN ('bob', 'carol', NULL)", "u3;u4");
    Q("SELECT Id FROM Users WHERE Email IS NULL", "u3");
    Q("SELECT Id FROM Users WHERE Email IS NOT NULL AND Age IS NULL", "");
    Q("SELECT Id FROM Users WHERE NOT (Age > 20)", "u6");
    Q("SELECT Id FROM Users WHERE (Age = 30 OR Age = 19) AND Enabled = TRUE", "u1;u6");
    Q("SELECT Id FROM Users WHERE Enabled", "u1;u3;u4;u6;u7");
    Q("SELECT Id FROM Users WHERE NOT Enabled", "u2;u5");
    Q("SELECT Id FROM Users WHERE Enabled = 0", "u2;u5");
    Q("SELECT Id FROM Users WHERE Enabled = 'true' AND Age = 30", "u1");
    Q("SELECT Id FROM Users WHERE Nickname = 'it''s'", "u4");
    Q("SELECT Id FROM Users WHERE Score = 4.5", "u1");
    Q("SELECT Id FROM Users WHERE Score > 2", "u1;u2;u4;u5");
    Q("SELECT Id FROM Users WHERE Age = 30.0", "u1;u5");
    Q("SELECT Id FROM Users WHERE Age = 30.5", "");
    Q("SELECT Id FROM Users WHERE Age = '30'", "u1;u5");
    Q("SELECT Id FROM Users WHERE Username = 'Zoë'", "u6");
    Q("SELECT Id FROM Users -- comment ?\n WHERE /* ? */ Id = 'u1';", "u1");
    Q("SELECT Id FROM Users WHERE Age = -5 OR Age = +19", "u6");
}

static void test_case_sensitivity(void)
{
    /* the fake matches case-insensitively like PingOne; results must not */
    Q("SELECT Id FROM Users WHERE Username = 'Alice'", "u2");
    Q("SELECT Id FROM Users WHERE Username = 'ALICE'", "");
    Q("SELECT Id FROM Users WHERE Email LIKE '%EXAMPLE.COM'", "u2");
    Q("SELECT Id FROM Users WHERE Username > 'Z'", "u1;u3;u4;u5;u6;u7");
    same_both("SELECT Id FROM Users WHERE Username = 'Alice'");
    same_both("SELECT Id FROM Users WHERE Username LIKE 'a%'");
    same_both("SELECT Id FROM Users WHERE Email LIKE '%EXAMPLE%'");
    same_both("SELECT Id FROM Users WHERE Username IN ('ALICE', 'bob')");
    same_both("SELECT Id FROM Users WHERE Username >= 'a' AND Username < 'c'");
}

static void test_null_logic(void)
{
    Q("SELECT Id FROM Users WHERE Age = NULL", "");
    Q("SELECT Id FROM Users WHERE Age <> NULL OR Id = 'u1'", "u1");
    Q("SELECT Id FROM Users WHERE NOT (Age = 30)", "u2;u4;u6;u7");
    Q("SELECT Id FROM Users WHERE Age NOT IN (30, NULL)", "");
    Q("SELECT Id FROM Users WHERE Age NOT IN (30, 25)", "u4;u6;u7");
    Q("SELECT Id FROM Users WHERE Age IN (NULL)", "");
    Q("SELECT Id FROM Users WHERE Email LIKE NULL", "");
    Q("SELECT Id FROM Users WHERE NULL IS NULL AND Id = 'u1'", "u1");
    Q("SELECT Id FROM Users WHERE Age > 100 OR NULL", "");
    Q("SELECT Id FROM Users WHERE NOT (Age > 100 AND NULL)", "u1;u2;u4;u5;u6;u7");
}

static void test_timestamps(void)
{
    Q("SELECT Id FROM Users WHERE Created = '2024-01-15T10:00:00Z'", "u1");
    Q("SELECT Id FROM Users WHERE Created >= '2024-01-15' AND Created < '2024-02-01'", "u1;u6");
    Q("SELECT Id FROM Users WHERE Created > '2024-01-15 10:00:00.250'", "u2;u5;u6");
    Q("SELECT Id FROM Users WHERE Created < {ts '2023-01-01 00:00:00'}", "u7");
    Q("SELECT Id FROM Users WHERE Created = {d '2024-02-01'}", "u2");
    ok(is_err(run(S, "SELECT Id FROM Users WHERE Created = 'yesterday'"), "22018"),
       "bad timestamp literal: 22018 (%s)", last_out);
    ok(is_err(run(S, "SELECT Id FROM Users WHERE Age = 'abc'"), "22018"), "bad number literal: 22018");
    ok(is_err(run(S, "SELECT Id FROM Users WHERE Age + 0 = 'abc'"), "22018"), "bad number, local: 22018");
    ok(is_err(run(S, "SELECT Id FROM Users WHERE Enabled = 'maybe'"), "22018"), "bad bit literal: 22018");
}

static void test_params(void)
{
    sql_value pv[3] = { { 0 } };
    sqlval_set_text(&pv[0], "bob");
    sqlval_set_int(&pv[1], 40);
    is_str(run_n(S, "SELECT Id FROM Users WHERE Username LIKE ? || '%' AND ('?' = '?' OR Age > ?)", pv, 0),
           "u3;u7", "parameters bound in order");
    is_str(fp->last_cons, "PREFIX(Username,'bob')", "parameter pushed as PREFIX");
    sqlval_set_text(&pv[0], "2024-01-01");
    is_str(run_n(S, "SELECT Id FROM Users WHERE Created < ?", pv, 0), "u3;u7", "text parameter vs timestamp");
    is_str(fp->last_cons, "LT(Created,TIMESTAMP '2024-01-01 00:00:00.000')", "coerced to TIMESTAMP");
    sqlval_set_null(&pv[0]);
    is_str(run_n(S, "SELECT Id FROM Users WHERE Username = ?", pv, 0), "", "NULL parameter: no rows");
    is_int(fp->plans, fp->plans, "(no crash)");
    sqlval_set_int(&pv[0], 2);
    is_str(run_n(S, "SELECT Id FROM Users LIMIT ?", pv, 0), "u1;u2", "LIMIT ?");
    ok(is_err(run(S, "SELECT Id FROM Users WHERE Id = ?"), "07002"), "missing parameters: 07002 (%s)", last_out);
    for (int i = 0; i < 3; i++)
        sqlval_clear(&pv[i]);

    err e;
    err_clear(&e);
    sql_prepared *p;
    ok(sql_prepare(S, "SELECT Id FROM Users WHERE Id = ? AND '?' <> ? -- ?", &p, &e) == 0, "prepare");
    is_int(sql_prepared_nparams(p), 2, "two parameters (not in literals/comments)");
    sql_prepared_free(p);
}

static void test_pushdown_trees(void)
{
    run(S, "SELECT Id FROM Users WHERE Username = 'a' AND (Age = 1 OR Email LIKE 'b%')");
    is_str(fp->last_cons, "AND(EQ(Username,'a'),OR(EQ(Age,1),PREFIX(Email,'b')))", "AND(EQ, OR(EQ, PREFIX))");
    run(S, "SELECT Id FROM Users WHERE 'a' = Username AND 5 < Age AND 10 >= Age");
    is_str(fp->last_cons, "AND(EQ(Username,'a'),GT(Age,5),LE(Age,10))", "literal on the left flips");
    run(S, "SELECT Id FROM Users WHERE Username LIKE 'abc'");
    is_str(fp->last_cons, "EQ(Username,'abc')", "LIKE without wildcard -> EQ");
    run(S, "SELECT Id FROM Users WHERE Username LIKE '%abc'");
    is_str(fp->last_cons, "SUFFIX(Username,'abc')", "LIKE '%%abc' -> SUFFIX");
    run(S, "SELECT Id FROM Users WHERE Username LIKE '%abc%'");
    is_str(fp->last_cons, "CONTAINS(Username,'abc')", "LIKE '%%abc%%' -> CONTAINS");
    run(S, "SELECT Id FROM Users WHERE Username LIKE 'a\\_b%' ESCAPE '\\'");
    is_str(fp->last_cons, "PREFIX(Username,'a_b')", "escape-aware prefix");
    run(S, "SELECT Id FROM Users WHERE Username LIKE 'ab_c%'");
    is_str(fp->last_cons, "PREFIX(Username,'ab')", "prefix stops at _");
    run(S, "SELECT Id FROM Users WHERE Username LIKE '%'");
    is_str(fp->last_cons, "", "LIKE '%%' -> nothing");
    run(S, "SELECT Id FROM Users WHERE Id IN ('u1', NULL, 'u2')");
    is_str(fp->last_cons, "IN(Id,'u1','u2')", "IN drops NULLs");
    run(S, "SELECT Id FROM Users WHERE Email IS NULL OR Age IS NOT NULL");
    is_str(fp->last_cons, "OR(ISNULL(Email),NOTNULL(Age))", "IS [NOT] NULL");
    run(S, "SELECT Id FROM Users WHERE NOT (Email IS NULL)");
    is_str(fp->last_cons, "NOTNULL(Email)", "NOT (x IS NULL) -> NOTNULL");
    run(S, "SELECT Id FROM Users WHERE NOT (Username LIKE 'a%')");
    is_str(fp->last_cons, "", "NOT LIKE dropped");
    run(S, "SELECT Id FROM Users WHERE Username = 'a' OR UPPER(Email) = 'X'");
    is_str(fp->last_cons, "", "OR with an unconvertible branch dropped");
    run(S, "SELECT Id FROM Users WHERE Username = 'a' AND UPPER(Email) = 'X'");
    is_str(fp->last_cons, "EQ(Username,'a')", "AND keeps the convertible conjunct");
    run(S, "SELECT Id FROM Users WHERE Age = Score");
    is_str(fp->last_cons, "", "column = column not pushed");
    run(S, "SELECT Id FROM Users WHERE Age BETWEEN 20 AND 30");
    is_str(fp->last_cons, "AND(GE(Age,20),LE(Age,30))", "BETWEEN -> GE/LE");
    run(S, "SELECT Id FROM Users WHERE Username = 'a' OR Username = NULL");
    is_str(fp->last_cons, "EQ(Username,'a')", "OR branch that is never true removed");
    run(S, "SELECT Id FROM Users WHERE Age = '7'");
    is_str(fp->last_cons, "EQ(Age,7)", "text literal coerced to INT");
    run(S, "SELECT Id FROM Users WHERE Enabled");
    is_str(fp->last_cons, "EQ(Enabled,TRUE)", "bare BIT column -> EQ TRUE");

    /* partial pushing: the fake does not push Nickname */
    Q("SELECT Id FROM Users WHERE Nickname = 'Al' AND Username = 'alice'", "u1");
    is_str(fp->last_pushed, "EQ(Username,'alice')", "only the supported conjunct pushed");
    Q("SELECT Id FROM Users WHERE Nickname = 'Al' OR Username = 'bob'", "u1;u3");
    is_str(fp->last_pushed, "", "OR with an unsupported branch not pushed");
    same_both("SELECT Id FROM Users WHERE Nickname LIKE 'Zo\\%' ESCAPE '\\' OR Username LIKE 'b%'");
    same_both("SELECT Id FROM Users WHERE Nickname LIKE 'B%' AND Age > 20");
    same_both("SELECT Id, Age FROM Users WHERE Age BETWEEN 19 AND 30 OR Email IS NULL");
    same_both("SELECT Id FROM Users WHERE NOT (Age < 30) AND Id IN ('u1','u4','u7')");

    /* KeysOnly */
    sql_session_set_pushdown(S, 1);
    Q("SELECT Id FROM Users WHERE Id = 'u4' AND Username LIKE 'c%'", "u4");
    is_str(fp->last_pushed, "EQ(Id,'u4')", "KeysOnly pushes only the key");
    sql_session_set_pushdown(S, 2);
}

static void test_limit(void)
{
    int opens = fp->opens, closes = fp->closes;
    is_str(run_n(S, "SELECT Id FROM Users LIMIT 3", NULL, 0), "u1;u2;u3", "LIMIT 3");
    is_int(fp->last_limit, 3, "plan.limit = 3");
    is_int(fp->closes, closes + 1, "scan closed");
    is_int(fp->last_requests, 2, "scan stopped after 2 pages");
    /* read exactly 2 of LIMIT 2: the scan is closed as soon as the 2nd row passes */
    err e;
    err_clear(&e);
    sql_prepared *p;
    sql_result *r;
    sql_prepare(S, "SELECT Id FROM Users WHERE Age > 20 LIMIT 2", &p, &e);
    sql_execute(p, NULL, &r, &e);
    closes = fp->closes;
    r->ops->next(r, &e);
    is_int(fp->closes, closes, "scan open after row 1");
    r->ops->next(r, &e);
    is_int(fp->closes, closes + 1, "scan closed right after row 2");
    is_int(r->ops->next(r, &e), 0, "then end");
    r->ops->close(r);
    sql_prepared_free(p);

    opens = fp->opens;
    int plans = fp->plans;
    is_str(run(S, "SELECT Id FROM Users LIMIT 0"), "", "LIMIT 0: no rows");
    is_int(fp->opens, opens, "LIMIT 0 opens no scan");
    is_int(fp->plans, plans, "LIMIT 0 does not even plan");
    is_str(run(S, "SELECT TOP 0 Id FROM Users"), "", "TOP 0: no rows");
    is_str(run(S, "SELECT Id FROM Users WHERE 1 = 0"), "", "WHERE 1=0: no rows");
    is_str(run(S, "SELECT Id FROM Users WHERE Age = NULL AND Id = 'u1'"), "", "= NULL");
    is_int(fp->opens, opens, "no scan for TOP 0 / 1=0 / = NULL");
    is_int(last_requests, 0, "0 requests");
    is_str(run(S, "SELECT Id FROM Users WHERE 1 = 1 AND Id = 'u2'"), "u2", "WHERE 1=1 ok");
    is_str(run(S, "SELECT TOP 2 Id FROM Users WHERE Age > 20"), "u1;u2", "TOP 2");
    is_str(run(S, "SELECT Id FROM Users LIMIT 2 OFFSET 1"), "u2;u3", "LIMIT OFFSET");
    is_int(fp->last_limit, 3, "plan.limit = limit + offset");
    is_str(run(S, "SELECT Id FROM Users OFFSET 5 ROWS"), "u6;u7", "OFFSET only");
    is_str(run(S, "SELECT Id FROM Users OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY"), "u2;u3", "OFFSET FETCH");
    is_str(run(S, "SELECT Id FROM Users FETCH NEXT ROW ONLY"), "u1", "FETCH NEXT ROW ONLY");
    is_str(run(S, "SELECT Id FROM Users LIMIT 1, 2"), "u2;u3", "LIMIT offset, count");
    is_int(fp->opens >= opens, 1, "ok");
}

static void test_metadata(void)
{
    err e;
    err_clear(&e);
    sql_prepared *p;
    ok(sql_prepare(S, "SELECT Username AS Name, Age, Age + 1, UPPER(Email), * FROM Users u", &p, &e) == 0,
       "prepare with expressions");
    int n = sql_prepared_ncols(p);
    const sql_colinfo *c = sql_prepared_cols(p);
    is_int(n, 12, "4 items + 8 columns");
    is_str(c[0].name, "Name", "alias");
    is_str(c[0].base_name, "Username", "base name");
    is_str(c[0].table, "Users", "table");
    is_str(c[0].schema, "env1", "schema");
    is_int(c[0].type, SQLT_TEXT, "type");
    is_int(c[0].size, 128, "size");
    is_int(c[0].nullable, 0, "not nullable");
    is_str(c[1].name, "Age", "column name");
    is_int(c[1].nullable, 1, "nullable");
    is_int(c[1].size, 10, "INT size 10");
    is_str(c[2].base_name, "", "expression has no base column");
    is_int(c[2].type, SQLT_INT, "Age + 1 is INTEGER");
    is_str(c[3].name, "UPPER", "function column name");
    is_str(c[4].name, "Id", "* expands in order");
    is_str(c[11].name, "Nickname", "* last column");
    sql_prepared_free(p);
}

static void test_errors(void)
{
    const char *o = run(S, "SELECT Id FROM Nope");
    ok(is_err(o, "42S02") && strstr(o, "Nope"), "unknown table: %s", o);
    o = run(S, "SELECT Idx FROM Users");
    ok(is_err(o, "42S22") && strstr(o, "Idx"), "unknown column: %s", o);
    o = run(S, "SELECT Id FROM Users WHERE x.Id = 'a'");
    ok(is_err(o, "42S22"), "unknown qualifier: %s", o);
    o = run(S, "SELECT Id FROM Users WHERE");
    ok(is_err(o, "42000") && strstr(o, "near end of statement"), "syntax at end: %s", o);
    o = run(S, "SELECT Id FROM Users WHERE Id = 'a' AND AND");
    ok(is_err(o, "42000") && strstr(o, "line 1, column 41 near 'AND'"), "syntax position: %s", o);
    o = run(S, "SELECT Id\nFROM Users\n  WHERE Id = = 1");
    ok(is_err(o, "42000") && strstr(o, "line 3, column 14"), "multi-line position: %s", o);
    o = run(S, "INSERT INTO Users VALUES (1)");
    ok(is_err(o, "0A000") && strstr(o, "INSERT"), "INSERT: %s", o);
    o = run(S, "SELECT a.Id FROM Users a JOIN Groups g ON a.Id = g.Id");
    ok(is_err(o, "0A000"), "JOIN: %s", o);
    o = run(S, "SELECT Id FROM Users UNION SELECT Id FROM Groups");
    ok(is_err(o, "0A000"), "UNION: %s", o);
    o = run(S, "SELECT Id FROM Users WHERE Id IN (SELECT Id FROM Groups)");
    ok(is_err(o, "0A000"), "subquery: %s", o);
    o = run(S, "");
    ok(is_err(o, "42000"), "empty statement: %s", o);
    o = run(S, "SELECT FOO(Id) FROM Users");
    ok(is_err(o, "42000") && strstr(o, "FOO"), "unknown function: %s", o);
    fp->fail_open = 1;
    o = run(S, "SELECT Id FROM Users");
    ok(is_err(o, "08S01"), "provider error passes through: %s", o);
    fp->fail_open = 0;
}

static void test_memresult(void)
{
    sql_colinfo cols[2] = { { "A", "", "", "", SQLT_TEXT, 10, 1 }, { "B", "", "", "", SQLT_INT, 10, 0 } };
    sql_result *r = memresult_new(2, cols);
    ok(r != NULL, "memresult_new");
    sql_value v[2] = { { 0 } };
    sqlval_set_text(&v[0], "x");
    sqlval_set_int(&v[1], 7);
    is_int(memresult_add_row(r, v), 0, "add row");
    is_int(v[0].type, SQLT_NULL, "ownership taken");
    sqlval_set_int(&v[1], 8);
    memresult_add_row(r, v);
    err e;
    err_clear(&e);
    is_int(r->ncols, 2, "ncols");
    is_str(r->cols[0].name, "A", "cols copied");
    is_int(r->ops->next(r, &e), 1, "row 1");
    is_str(r->row[0].u.s.ptr, "x", "value");
    is_int(r->ops->next(r, &e), 1, "row 2");
    is_int(r->row[0].type, SQLT_NULL, "NULL");
    is_int(r->row[1].u.i, 8, "8");
    is_int(r->ops->next(r, &e), 0, "end");
    r->ops->close(r);
}

int main(void)
{
    plan_lazy();
    fp = fake_provider_new();
    S = sql_session_new(&fp->base, 2);
    test_basic();
    test_case_sensitivity();
    test_null_logic();
    test_timestamps();
    test_params();
    test_pushdown_trees();
    test_limit();
    test_metadata();
    test_errors();
    test_memresult();
    sql_session_free(S);
    return done_testing();
}
