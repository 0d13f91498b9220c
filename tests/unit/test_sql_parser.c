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

/** 1 if a and b are the same tree, CAST sizes (the DATE marker) included. */
static int same_expr(const expr *a, const expr *b)
{
    if (!a || !b)
        return a == b;
    if (!expr_equal(a, b) || (a->kind == EX_CAST && a->cast_size != b->cast_size))
        return 0;
    for (int i = 0; i < a->nargs; i++)
        if (!same_expr(a->args[i], b->args[i]))
            return 0;
    return 1;
}

/**
 * Parse two SELECTs and compare their select lists, WHERE and ORDER BY trees:
 * "" when equal, else what differs (or the parse error).
 */
static const char *same_tree(const char *sql1, const char *sql2)
{
    static char buf[4096];
    statement *a = NULL, *b = NULL;
    err e;
    err_clear(&e);
    buf[0] = 0;
    if (sql_parse(sql1, &a, &e) < 0 || sql_parse(sql2, &b, &e) < 0) {
        snprintf(buf, sizeof buf, "%s %s", e.sqlstate, e.message);
    } else {
        const select_stmt *x = a->sel, *y = b->sel;
        int same = x->nitems == y->nitems && x->norder == y->norder && same_expr(x->where, y->where) &&
                   a->nparams == b->nparams;
        for (int i = 0; same && i < x->nitems; i++)
            same = same_expr(x->items[i].e, y->items[i].e);
        for (int i = 0; same && i < x->norder; i++)
            same = same_expr(x->order[i].e, y->order[i].e);
        if (!same) {
            strbuf sb;
            sb_init(&sb);
            if (x->nitems && x->items[0].e)
                expr_print(x->items[0].e, &sb);
            snprintf(buf, sizeof buf, "differs (first item %s)", sb.data ? sb.data : "");
            sb_free(&sb);
        }
    }
    statement_free(a);
    statement_free(b);
    return buf;
}

#define SAME(s1, s2) is_str(same_tree(s1, s2), "", "%s == %s", s1, s2)

/** The ODBC CONVERT function: every data type keyword, where it may appear, errors, results. */
static void test_convert(void)
{
    static const struct { const char *odbc, *cast; } kw[] = {
        { "SQL_BIGINT", "BIGINT" }, { "SQL_BIT", "BIT" }, { "SQL_CHAR", "CHAR" },
        { "SQL_DATE", "DATE" }, { "SQL_DECIMAL", "DECIMAL" }, { "SQL_DOUBLE", "DOUBLE" },
        { "SQL_FLOAT", "FLOAT" }, { "SQL_INTEGER", "INTEGER" }, { "SQL_LONGVARCHAR", "LONGVARCHAR" },
        { "SQL_NUMERIC", "NUMERIC" }, { "SQL_REAL", "REAL" }, { "SQL_SMALLINT", "SMALLINT" },
        { "SQL_TIMESTAMP", "TIMESTAMP" }, { "SQL_TINYINT", "TINYINT" }, { "SQL_VARCHAR", "VARCHAR" },
        { "SQL_WCHAR", "NCHAR" }, { "SQL_WLONGVARCHAR", "WLONGVARCHAR" }, { "SQL_WVARCHAR", "NVARCHAR" },
        { "SQL_TYPE_DATE", "DATE" }, { "SQL_TYPE_TIMESTAMP", "TIMESTAMP" }, { NULL, NULL }
    };
    char c1[256], c2[256];
    for (int i = 0; kw[i].odbc; i++) {
        snprintf(c1, sizeof c1, "SELECT {fn CONVERT(a, %s)} FROM t", kw[i].odbc);
        snprintf(c2, sizeof c2, "SELECT CAST(a AS %s) FROM t", kw[i].cast);
        SAME(c1, c2);
        snprintf(c1, sizeof c1, "SELECT convert(a + 1, %s) FROM t WHERE CONVERT(?, %s) IS NULL", kw[i].odbc,
                 kw[i].odbc);
        snprintf(c2, sizeof c2, "SELECT CAST(a + 1 AS %s) FROM t WHERE CAST(? AS %s) IS NULL", kw[i].cast,
                 kw[i].cast);
        SAME(c1, c2);
    }
    /* keywords are case-insensitive; the escape, WHERE, ORDER BY, nesting, parameters */
    SAME("SELECT {FN Convert(a, sql_integer)} FROM t", "SELECT CAST(a AS INTEGER) FROM t");
    SAME("SELECT a FROM t WHERE {fn CONVERT(b, SQL_INTEGER)} > 3 ORDER BY {fn CONVERT(c, SQL_VARCHAR)} DESC",
         "SELECT a FROM t WHERE CAST(b AS INTEGER) > 3 ORDER BY CAST(c AS VARCHAR) DESC");
    SAME("SELECT {fn CONVERT({fn CONVERT(a, SQL_DOUBLE)}, SQL_VARCHAR)} FROM t",
         "SELECT CAST(CAST(a AS DOUBLE) AS VARCHAR) FROM t");
    SAME("SELECT CONVERT(UPPER(CONVERT(a, SQL_CHAR)), SQL_BIT), {fn UCASE({fn CONVERT(?, SQL_CHAR)})} FROM t",
         "SELECT CAST(UPPER(CAST(a AS CHAR)) AS BIT), {fn UCASE(CAST(? AS CHAR))} FROM t");
    SAME("SELECT a FROM t WHERE b = {fn CONVERT(?, SQL_BIGINT)} AND c IN (CONVERT(?, SQL_DATE), ?)",
         "SELECT a FROM t WHERE b = CAST(? AS BIGINT) AND c IN (CAST(? AS DATE), ?)");
    SAME("SELECT a FROM t WHERE CONVERT(CASE WHEN b THEN 1 ELSE 0 END, SQL_BIT)",
         "SELECT a FROM t WHERE CAST(CASE WHEN b THEN 1 ELSE 0 END AS BIT)");
    SAME("SELECT a FROM t GROUP BY a ORDER BY CONVERT(COUNT(*), SQL_DOUBLE)",
         "SELECT a FROM t GROUP BY a ORDER BY CAST(COUNT(*) AS DOUBLE)");
    OK("SELECT a FROM t WHERE a IN (SELECT CONVERT(b, SQL_VARCHAR) FROM u)");
    OK("SELECT convert FROM t WHERE convert = 1"); /* still a column name */
    /* unknown keywords: 42000 naming the accepted ones */
    BAD("SELECT {fn CONVERT(a, SQL_NOPE)} FROM t", "42000",
        "near 'SQL_NOPE': expected an ODBC data type in CONVERT: SQL_BIGINT, SQL_BIT, SQL_CHAR,");
    BAD("SELECT CONVERT(a, SQL_NOPE) FROM t", "42000", "SQL_WLONGVARCHAR or SQL_WVARCHAR");
    BAD("SELECT CONVERT(a, VARCHAR) FROM t", "42000", "near 'VARCHAR': expected an ODBC data type");
    BAD("SELECT CONVERT(a, 'SQL_VARCHAR') FROM t", "42000", "expected an ODBC data type");
    BAD("SELECT CONVERT(a, SQL_VARCHAR(10)) FROM t", "42000", "expected ')' to close CONVERT");
    BAD("SELECT CONVERT(a) FROM t", "42000", "expected ',' and an ODBC data type");
    BAD("SELECT CONVERT(a AS SQL_VARCHAR) FROM t", "42000", "near 'AS'");
    BAD("SELECT {fn CONVERT(a, SQL_INTEGER) FROM t", "42000", "expected '}'");
    /* known keywords the engine has no type for: HYC00 saying why and what to use */
    BAD("SELECT {fn CONVERT(a, SQL_BINARY)} FROM t", "HYC00", "CONVERT to SQL_BINARY at line 1, column 23 "
        "is not supported: the driver has no binary data type");
    BAD("SELECT CONVERT(a, sql_varbinary) FROM t", "HYC00", "sql_varbinary");
    BAD("SELECT CONVERT(a, SQL_LONGVARBINARY) FROM t", "HYC00", "SQL_VARCHAR instead");
    BAD("SELECT CONVERT(a, SQL_TIME) FROM t", "HYC00", "no TIME data type; convert to SQL_TIMESTAMP");
    BAD("SELECT CONVERT(a, SQL_TYPE_TIME) FROM t", "HYC00", "HOUR()");
    BAD("SELECT CONVERT(a, SQL_GUID) FROM t", "HYC00", "no GUID data type");

    /* results, through the engine over the fake provider */
    fake_provider *fp = fake_provider_new();
    sql_session *s = sql_session_new(&fp->base, 2);
    is_str(run(s, "SELECT {fn CONVERT(Age, SQL_VARCHAR)} || 'y', CONVERT(Score, SQL_INTEGER), "
                  "CONVERT('12', SQL_SMALLINT) + 1, CONVERT(Age, SQL_DOUBLE) / 4 FROM Users WHERE Id = 'u1'"),
           "30y|4|13|7.5", "CONVERT values");
    is_str(run(s, "SELECT {fn CONVERT(Created, SQL_DATE)}, CONVERT('2024-05-06 07:08:09', SQL_TYPE_TIMESTAMP), "
                  "CONVERT(Enabled, SQL_INTEGER), CONVERT('true', SQL_BIT), CONVERT(Created, SQL_WVARCHAR) "
                  "FROM Users WHERE Id = 'u1'"),
           "2024-01-15 00:00:00.000|2024-05-06 07:08:09.000|1|TRUE|2024-01-15 10:00:00.000", "CONVERT to dates");
    is_str(run(s, "SELECT Username FROM Users WHERE {fn CONVERT(Age, SQL_VARCHAR)} = '30' "
                  "ORDER BY CONVERT(Score, SQL_INTEGER) DESC"), "alice;dave_x", "CONVERT in WHERE/ORDER BY");
    is_str(run(s, "SELECT CONVERT('x', SQL_INTEGER)"), "ERR 22018 'x' is not a valid integer.",
           "CONVERT of a bad value is 22018");
    sql_session_free(s);
}

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
    test_convert();

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
