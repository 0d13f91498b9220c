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
    ok(strcmp(o, "") == 0, "JOIN with no match: %s", o);
    o = run(S, "SELECT Id FROM Users UNION SELECT Id FROM Groups ORDER BY 1");
    ok(strcmp(o, "g1;g2;g3;u1;u2;u3;u4;u5;u6;u7") == 0, "UNION: %s", o);
    o = run(S, "SELECT Id FROM Users WHERE Id IN (SELECT Id FROM Groups)");
    ok(strcmp(o, "") == 0, "IN subquery, no match: %s", o);
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

static void test_expressions(void)
{
    Q("SELECT Username AS name, Age * 2 doubled, Age + 0.5 FROM Users WHERE Id = 'u1'", "alice|60|30.5");
    Q("SELECT u.Id, u.Username FROM Users AS u WHERE u.Id = 'u2'", "u2|Alice");
    Q("SELECT u.* FROM env1.Users u WHERE u.Id = 'u3'", "u3|bob|NULL|NULL|TRUE|2023-12-31 23:59:59.000|NULL|Bobby");
    Q("SELECT Users.Id FROM Users WHERE Users.Age = 19", "u6");
    Q("SELECT 1 + 2, 'a' || 'b', 7 / 2, 7 % 3, 7.0 / 2, -(3)", "3|ab|3|1|3.5|-3");
    Q("SELECT 1 WHERE 1 = 0", "");
    Q("SELECT UPPER('abcé'), LOWER('ÀB'), LENGTH('Zoë'), CHAR_LENGTH('')", "ABCÉ|àb|3|0");
    Q("SELECT SUBSTRING('hello', 2, 3), SUBSTRING('hello' FROM 3), SUBSTR('Zoë', 3, 1)", "ell|llo|ë");
    Q("SELECT TRIM('  a b  ') || '|' || LTRIM('  x') || '|' || RTRIM('y  ') || '|'", "a b|x|y|");
    Q("SELECT CONCAT('a', NULL, 1, TRUE), REPLACE('banana', 'an', 'AN'), LEFT('abc', 2), RIGHT('abc', 2)",
      "a11|bANANa|ab|bc");
    Q("SELECT COALESCE(NULL, NULL, 'x'), NULLIF(1, 1), NULLIF(1, 2), IFNULL(NULL, 5)", "x|NULL|1|5");
    Q("SELECT ABS(-5), ROUND(2.567, 2), ROUND(2.5), FLOOR(2.7), CEILING(2.1), MOD(10, 3)", "5|2.57|3|2|3|1");
    Q("SELECT POSITION('l' IN 'hello'), LOCATE('l', 'hello', 4), LOCATE('z', 'hello')", "3|4|0");
    Q("SELECT CASE WHEN 1 = 2 THEN 'a' WHEN 2 = 2 THEN 'b' ELSE 'c' END, CASE 3 WHEN 1 THEN 'one' END",
      "b|NULL");
    Q("SELECT CAST('42' AS INTEGER) + 1, CAST(3.9 AS INT), CAST(12 AS VARCHAR(1)), CAST('1' AS BIT)",
      "43|3|1|TRUE");
    Q("SELECT CAST('2024-05-06 07:08:09' AS DATE), {fn UCASE('x')}, {fn LENGTH('abc')}",
      "2024-05-06 00:00:00.000|X|3");
    Q("SELECT YEAR({ts '2024-05-06 07:08:09'}), MONTH('2024-05-06'), EXTRACT(HOUR FROM {ts '2024-05-06 07:08:09'})",
      "2024|5|7");
    Q("SELECT {fn TIMESTAMPADD(SQL_TSI_DAY, 1, {ts '2024-02-28 10:00:00'})}, "
      "TIMESTAMPADD(MONTH, 1, '2024-01-31'), DATEADD(year, -1, '2024-02-29')",
      "2024-02-29 10:00:00.000|2024-02-29 00:00:00.000|2023-02-28 00:00:00.000");
    Q("SELECT TIMESTAMPDIFF(SQL_TSI_HOUR, '2024-01-01', '2024-01-02 05:00:00'), "
      "TIMESTAMPDIFF(MONTH, '2024-01-31', '2024-02-29'), DATEDIFF(DAY, '2024-03-01', '2024-02-01')",
      "29|0|-29");
    Q("SELECT Id FROM Users WHERE Created > TIMESTAMPADD(SQL_TSI_DAY, -1, {ts '2024-03-10 13:00:00'})", "u5");
    ok(is_err(run(S, "SELECT TIMESTAMPADD(FORTNIGHT, 1, NOW())"), "22018"), "unknown interval: 22018");
    Q("SELECT Id FROM Users WHERE Age BETWEEN 25 AND 30", "u1;u2;u5");
    Q("SELECT Id FROM Users WHERE Age NOT BETWEEN 25 AND 30", "u4;u6;u7");
    Q("SELECT Id FROM Users WHERE Username LIKE 'dave!_%' ESCAPE '!'", "u5");
    Q("SELECT Id FROM Users WHERE Username LIKE 'dave_%' {escape '\\'}", "u5");
    Q("SELECT Id FROM Users WHERE Nickname LIKE 'Zo\\%' ESCAPE '\\'", "u6");
    Q("SELECT Id FROM Users WHERE UPPER(Username) = 'ALICE'", "u1;u2");
    Q("SELECT Id FROM Users WHERE LENGTH(Username) = 3", "u3;u6");
    ok(is_err(run(S, "SELECT 1 / 0"), "22012"), "division by zero: 22012");
    ok(is_err(run(S, "SELECT MOD(1, 0)"), "22012"), "MOD by zero: 22012");
    ok(is_err(run(S, "SELECT Age / 0 FROM Users"), "22012"), "division by zero per row: 22012");
    ok(is_err(run(S, "SELECT CAST('x' AS INTEGER)"), "22018"), "invalid cast: 22018");
    ok(is_err(run(S, "SELECT 9223372036854775807 + 1"), "22003"), "overflow: 22003");
    ok(is_err(run(S, "SELECT 'a' LIKE 'a!' ESCAPE '!'"), "22025"), "pattern ending with escape: 22025");
    Q("SELECT CURRENT_TIMESTAMP IS NOT NULL, CURRENT_DATE <= NOW()", "TRUE|TRUE");
}

static void test_order_distinct(void)
{
    Q("SELECT Id FROM Users ORDER BY Age", "u3;u6;u2;u1;u5;u4;u7");
    Q("SELECT Id FROM Users ORDER BY Age DESC", "u7;u4;u1;u5;u2;u6;u3");
    Q("SELECT Id FROM Users ORDER BY Age NULLS LAST", "u6;u2;u1;u5;u4;u7;u3");
    Q("SELECT Id FROM Users ORDER BY Age DESC NULLS FIRST", "u3;u7;u4;u1;u5;u2;u6");
    Q("SELECT Id, Age AS a FROM Users ORDER BY a DESC, Id DESC LIMIT 3", "u7|52;u4|41;u5|30");
    Q("SELECT Id, Age FROM Users ORDER BY 2, 1 DESC LIMIT 3", "u3|NULL;u6|19;u2|25");
    Q("SELECT Id FROM Users ORDER BY Username", "u2;u6;u1;u3;u7;u4;u5");
    Q("SELECT Id FROM Users ORDER BY UPPER(Username), Id", "u1;u2;u3;u7;u4;u5;u6");
    Q("SELECT Id FROM Users ORDER BY Created DESC LIMIT 2 OFFSET 1", "u2;u6");
    Q("SELECT Username FROM Users u ORDER BY u.Score DESC, u.Id", "carol;alice;Alice;dave_x;bobcat;bob;Zoë");
    Q("SELECT DISTINCT Age FROM Users ORDER BY Age", "NULL;19;25;30;41;52");
    Q("SELECT DISTINCT Enabled FROM Users", "TRUE;FALSE");
    Q("SELECT DISTINCT LOWER(Username) FROM Users WHERE Username LIKE '_lice'", "alice");
    Q("SELECT DISTINCT Age FROM Users ORDER BY Age LIMIT 2 OFFSET 1", "19;25");
    Q("SELECT TOP 2 Id FROM Users ORDER BY Age DESC", "u7;u4");
    is_int(fp->last_limit, -1, "no plan.limit with ORDER BY");
    ok(is_err(run(S, "SELECT DISTINCT Id FROM Users ORDER BY Age"), "42000"), "DISTINCT + ORDER BY other column");
    ok(is_err(run(S, "SELECT Id FROM Users ORDER BY 3"), "42000"), "ORDER BY position out of range");
    /* the held-rows limit */
    sql_session_set_max_held_rows(S, 3);
    const char *o = run(S, "SELECT Id FROM Users ORDER BY Age");
    ok(is_err(o, "HY001") && strstr(o, "more than 3 rows"), "sort limit: %s", o);
    is_str(run(S, "SELECT Id FROM Users LIMIT 5"), "u1;u2;u3;u4;u5", "streaming is not limited");
    sql_session_set_max_held_rows(S, 0);
}

static void test_aggregates(void)
{
    Q("SELECT COUNT(*) FROM Users", "7");
    Q("SELECT COUNT(*), COUNT(Age), COUNT(DISTINCT Age), SUM(Age), AVG(Score), MIN(Username), MAX(Created) "
      "FROM Users", "7|6|5|197|3.25|Alice|2024-03-10 12:30:00.000");
    Q("SELECT COUNT(*), SUM(Age), MIN(Age) FROM Users WHERE 1 = 0", "0|NULL|NULL");
    Q("SELECT COUNT(*) FROM Users WHERE Username = 'nobody'", "0");
    Q("SELECT Enabled, COUNT(*) FROM Users GROUP BY Enabled", "TRUE|5;FALSE|2");
    Q("SELECT Enabled, COUNT(*) AS n FROM Users GROUP BY Enabled ORDER BY n", "FALSE|2;TRUE|5");
    Q("SELECT Age, COUNT(*) FROM Users GROUP BY Age HAVING COUNT(*) > 1", "30|2");
    Q("SELECT Age, COUNT(*) FROM Users GROUP BY 1 ORDER BY 1 DESC NULLS LAST LIMIT 2", "52|1;41|1");
    Q("SELECT LOWER(Username) AS l, COUNT(*) FROM Users GROUP BY LOWER(Username) HAVING COUNT(*) = 2", "alice|2");
    Q("SELECT LOWER(Username) AS l, COUNT(*) FROM Users GROUP BY l ORDER BY COUNT(*) DESC, l LIMIT 1", "alice|2");
    Q("SELECT SUM(Score) / COUNT(Score), MAX(Age) - MIN(Age) FROM Users", "3.25|33");
    Q("SELECT COUNT(DISTINCT Enabled), SUM(DISTINCT Age) FROM Users", "2|167");
    Q("SELECT Enabled FROM Users GROUP BY Enabled HAVING MAX(Age) > 50", "TRUE");
    Q("SELECT COUNT(*) FROM Users LIMIT 0", "");
    ok(is_err(run(S, "SELECT Id, COUNT(*) FROM Users"), "42000"), "non-grouped column: 42000");
    ok(is_err(run(S, "SELECT Id FROM Users WHERE COUNT(*) > 1"), "42000"), "aggregate in WHERE: 42000");
    ok(is_err(run(S, "SELECT SUM(COUNT(*)) FROM Users"), "42000"), "nested aggregate: 42000");
    sql_session_set_max_held_rows(S, 2);
    ok(is_err(run(S, "SELECT Id, COUNT(*) FROM Users GROUP BY Id"), "HY001"), "group limit: HY001");
    sql_session_set_max_held_rows(S, 0);
    same_both("SELECT Enabled, COUNT(*), MIN(Username) FROM Users WHERE Username LIKE 'a%' OR Age > 30 GROUP BY Enabled");
}

static void test_explain(void)
{
    const char *o = run(S, "EXPLAIN SELECT Id FROM Users WHERE Username LIKE 'a%' AND Nickname = 'x' LIMIT 5");
    ok(strstr(o, "Scan|env1.Users (PushDown=Full)") != NULL, "EXPLAIN scan row: %s", o);
    ok(strstr(o, "Request|GET /fake/Users") != NULL, "EXPLAIN shows the provider's requests");
    ok(strstr(o, "Pushed filter|PREFIX(Username,'a')") != NULL, "EXPLAIN pushed part");
    ok(strstr(o, "Not pushed|EQ(Nickname,'x')") != NULL, "EXPLAIN unpushed part");
    ok(strstr(o, "Local filter|") != NULL, "EXPLAIN local filter");
    ok(strstr(o, "Estimate|") != NULL && strstr(o, "stops after 5 rows"), "EXPLAIN estimate");
    ok(strstr(o, "Streaming|") != NULL, "EXPLAIN says streaming");
    int opens = fp->opens;
    o = run(S, "EXPLAIN SELECT Enabled, COUNT(*) FROM Users GROUP BY Enabled ORDER BY 2");
    ok(strstr(o, "Aggregate|") && strstr(o, "Sort|") && strstr(o, "in memory"), "EXPLAIN holds rows: %s", o);
    o = run(S, "EXPLAIN SELECT Id FROM Users WHERE 1 = 0");
    ok(strstr(o, "No scan|") != NULL, "EXPLAIN of a never-true WHERE: %s", o);
    is_int(fp->opens, opens, "EXPLAIN opens no scan");
    err e;
    err_clear(&e);
    sql_prepared *p;
    sql_prepare(S, "EXPLAIN SELECT Id FROM Users", &p, &e);
    is_int(sql_prepared_ncols(p), 3, "EXPLAIN has 3 columns");
    is_str(sql_prepared_cols(p)[1].name, "Operation", "EXPLAIN column names");
    sql_prepared_free(p);
}

static void test_param_count(void)
{
    err e;
    err_clear(&e);
    sql_prepared *p;
    sql_result *r = NULL;
    sql_value v[2] = { { 0 } };
    sqlval_set_text(&v[0], "u1");
    sql_prepare(S, "SELECT Id FROM Users WHERE Id = ?", &p, &e);
    ok(sql_execute_n(p, v, 2, &r, &e) < 0 && strcmp(e.sqlstate, "07002") == 0, "too many values: 07002");
    err_clear(&e);
    ok(sql_execute_n(p, v, 0, &r, &e) < 0 && strcmp(e.sqlstate, "07002") == 0, "too few values: 07002");
    err_clear(&e);
    ok(sql_execute_n(p, v, 1, &r, &e) == 0, "right count executes");
    /* the result outlives the prepared statement */
    sql_prepared_free(p);
    is_int(r->ops->next(r, &e), 1, "row after the statement was freed");
    is_str(r->row[0].u.s.ptr, "u1", "value");
    is_str(r->cols[0].name, "Id", "column info still valid");
    r->ops->close(r);
    sqlval_clear(&v[0]);
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
    test_expressions();
    test_order_distinct();
    test_aggregates();
    test_explain();
    test_param_count();
    sql_session_free(S);
    return done_testing();
}
