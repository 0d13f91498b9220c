/** @file test_sql_parser.c  Parser tests: accepted grammar, error SQLSTATEs and positions. */
#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

#include "sql/parser.h"

/** Parse only; "" on success else "STATE message". */
static const char *parse(const char *sql)
{
    static char buf[4096];
    statement *st;
    err e;
    err_clear(&e);
    if (sql_parse(sql, &st, &e) < 0) {
        snprintf(buf, sizeof buf, "%s %s", e.sqlstate, e.message);
        return buf;
    }
    statement_free(st);
    return "";
}

#define OK(sql) is_str(parse(sql), "", "parses: %s", sql)
#define BAD(sql, state, frag) do { const char *m_ = parse(sql); \
        ok(strncmp(m_, state, 5) == 0 && strstr(m_, frag) != NULL, "%s -> %s", sql, m_); } while (0)

int main(void)
{
    plan_lazy();
    OK("SELECT * FROM Users");
    OK("select a, b AS c, d e, 'x' \"y\" from s.t alias where a = 1");
    OK("SELECT DISTINCT TOP 5 a FROM t ORDER BY a DESC NULLS LAST, 2 ASC");
    OK("SELECT a FROM t WHERE NOT a IS NULL AND (b LIKE 'x%' ESCAPE '!' OR c IN (1, 2.5, ?))");
    OK("SELECT a FROM t WHERE a NOT BETWEEN 1 AND 2 AND b NOT LIKE 'x' AND c NOT IN ('a')");
    OK("SELECT COUNT(*), COUNT(DISTINCT a), SUM(b) FROM t GROUP BY c HAVING COUNT(*) > 1");
    OK("SELECT CASE WHEN a = 1 THEN 'one' ELSE 'other' END, CASE a WHEN 1 THEN 2 END FROM t");
    OK("SELECT CAST(a AS VARCHAR(10)), CAST(b AS DOUBLE PRECISION), {fn UCASE(a)} FROM t");
    OK("SELECT {d '2024-01-01'}, {ts '2024-01-01 10:00:00'}, {t '10:00:00'}");
    OK("SELECT SUBSTRING(a FROM 2 FOR 3), POSITION('x' IN a), TRIM(a), EXTRACT(YEAR FROM b) FROM t");
    OK("SELECT a FROM t LIMIT 10 OFFSET 5");
    OK("SELECT a FROM t OFFSET 5 ROWS FETCH FIRST 10 ROWS ONLY");
    OK("SELECT a || b, -a, +a, a * (b + 1) / 2 % 3 FROM t;");
    OK("EXPLAIN SELECT a FROM t");
    OK("SELECT t.*, t.a FROM s.t t");
    OK("SELECT CURRENT_TIMESTAMP, CURRENT_DATE, NOW()");
    OK("SELECT LEFT(a, 2), RIGHT(a, 2) FROM t");
    OK("SELECT a FROM t WHERE b LIKE 'x' {escape '\\'}");

    BAD("SELECT", "42000", "near end of statement");
    BAD("SELECT a FROM", "42000", "line 1, column 14 near end of statement: expected a table name");
    BAD("SELECT a FROM t WHERE a = ", "42000", "near end of statement: expected an expression");
    BAD("SELECT a FROM t WHERE a IS 5", "42000", "near '5'");
    BAD("SELECT a b c FROM t", "42000", "near 'c'");
    BAD("SELECT a FROM t t2 t3", "42000", "near 't3'");
    BAD("SELECT (a FROM t", "42000", "near 'FROM': expected ')'");
    BAD("SELECT a FROM t ORDER a", "42000", "expected BY");
    BAD("SELECT a FROM t WHERE a IN 1", "42000", "expected '(' after IN");
    BAD("SELECT CAST(a AS BLOB) FROM t", "42000", "type name");
    BAD("SELECT a FROM t LIMIT -1", "42000", "LIMIT");
    BAD("FROB a", "42000", "near 'FROB': expected SELECT");
    BAD("UPDATE t SET a = 1", "0A000", "UPDATE");
    BAD("DELETE FROM t", "0A000", "read-only");
    OK("{call foo}");
    OK("{call s.foo(?, 'x')}");
    OK("EXEC foo @A = 'v', @B = ?");
    OK("EXECUTE foo 'v', 2");
    OK("CALL foo(1, ?)");
    BAD("{? = call foo(?)}", "0A000", "return value");
    BAD("EXEC foo @A 'v'", "42000", "expected '='");
    BAD("EXPLAIN EXEC foo", "0A000", "EXPLAIN of a procedure call");
    BAD("WITH x AS (SELECT 1) SELECT * FROM x", "0A000", "WITH");
    OK("SELECT a FROM t, u");
    OK("SELECT a FROM (SELECT 1) x");
    OK("SELECT a FROM t WHERE EXISTS (SELECT 1)");
    OK("SELECT a FROM t WHERE a IN (SELECT b FROM u) AND c NOT IN (SELECT d FROM v)");
    OK("SELECT (SELECT MAX(b) FROM u) FROM t");
    OK("SELECT a FROM t INNER JOIN u ON t.a = u.b LEFT OUTER JOIN v ON v.c = t.a RIGHT JOIN w ON 1=1 "
       "FULL JOIN x ON 1=1 CROSS JOIN y");
    OK("SELECT a FROM {oj t LEFT OUTER JOIN u ON t.a = u.b}");
    OK("SELECT a FROM t UNION SELECT b FROM u UNION ALL SELECT c FROM v ORDER BY 1 LIMIT 3");
    OK("(SELECT a FROM t LIMIT 1) UNION ALL (SELECT b FROM u ORDER BY b LIMIT 2)");
    BAD("SELECT a FROM t ORDER BY a UNION SELECT b FROM u", "42000", "must follow the last SELECT");
    BAD("SELECT a FROM t INTERSECT SELECT b FROM u", "0A000", "INTERSECT");
    BAD("SELECT a FROM t JOIN u", "42000", "expected ON");
    BAD("SELECT a FROM t NATURAL JOIN u", "0A000", "NATURAL");
    BAD("SELECT a FROM t JOIN u USING (a)", "0A000", "USING");
    BAD("SELECT a FROM t WHERE EXISTS 1", "42000", "EXISTS");
    BAD("SELECT a FROM (SELECT 1", "42000", "expected ')'");
    BAD("SELECT UPPER(a, b) FROM t", "42000", "UPPER");
    BAD("SELECT {d 'nope'}", "22007", "date");
    BAD("SELECT a FROM t WHERE a = 'x", "42000", "unterminated string");
    BAD("SELECT a\n  FROM t\n WHERE a ==", "42000", "line 3, column 11");

    /* deep nesting is an error, not a stack overflow */
    char deep[40000];
    strcpy(deep, "SELECT ");
    for (int i = 0; i < 5000; i++)
        strcat(deep, "(");
    strcat(deep, "1");
    BAD(deep, "54001", "nested too deeply");
    strcpy(deep, "SELECT 1 FROM t WHERE ");
    for (int i = 0; i < 3000; i++)
        strcat(deep, "NOT ");
    strcat(deep, "a");
    BAD(deep, "54001", "nested too deeply");
    strcpy(deep, "SELECT ");
    for (int i = 0; i < 3000; i++)
        strcat(deep, "- ");
    strcat(deep, "1");
    BAD(deep, "54001", "nested too deeply");
    return done_testing();
}
