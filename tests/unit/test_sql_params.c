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
    /* CAST: the target type, with the length when given */
    T("SELECT Id FROM Users WHERE Age = CAST(? AS INTEGER)", "INT/10");
    T("SELECT CAST(? AS INTEGER) FROM Users", "INT/10");
    T("SELECT CAST(? AS INT), CAST(? AS SMALLINT), CAST(? AS TINYINT), CAST(? AS BIGINT) FROM Users",
      "INT/10,INT/10,INT/10,INT/19");
    T("SELECT CAST(? AS VARCHAR(50)), CAST(? AS CHAR(3)), CAST(? AS VARCHAR), CAST(? AS NVARCHAR(20)) "
      "FROM Users", "TEXT/50,TEXT/3,TEXT/4000,TEXT/20");
    T("SELECT CAST(? AS DOUBLE PRECISION), CAST(? AS FLOAT), CAST(? AS REAL), CAST(? AS DECIMAL(10, 2)), "
      "CAST(? AS NUMERIC) FROM Users", "DOUBLE/0,DOUBLE/0,DOUBLE/0,DOUBLE/0,DOUBLE/0");
    T("SELECT CAST(? AS BIT), CAST(? AS BOOLEAN) FROM Users", "BOOL/0,BOOL/0");
    T("SELECT CAST(? AS TIMESTAMP), CAST(? AS DATETIME), CAST(? AS DATE) FROM Users", "TS/0,TS/0,TS/0");
    T("SELECT CAST(? AS SQL_INTEGER), CAST(? AS SQL_BIGINT), CAST(? AS SQL_VARCHAR), CAST(? AS SQL_DOUBLE), "
      "CAST(? AS SQL_BIT), CAST(? AS SQL_TYPE_TIMESTAMP), CAST(? AS SQL_TYPE_DATE) FROM Users",
      "INT/10,INT/19,TEXT/4000,DOUBLE/0,BOOL/0,TS/0,TS/0");
    T("SELECT Id FROM Users WHERE CAST(? AS INTEGER) + 1 > ?", "INT/10,INT/19");
    T("SELECT Id FROM Users WHERE CAST(? AS DOUBLE) * 2 > ?", "DOUBLE/0,DOUBLE/0");
    T("SELECT Id FROM Users WHERE Username = CAST(? AS VARCHAR(10))", "TEXT/10");
    T("SELECT CAST(CAST(? AS INTEGER) AS VARCHAR(5)) FROM Users", "INT/10");
    /* the ODBC CONVERT function: like CAST, the target type */
    T("SELECT Id FROM Users WHERE Age = {fn CONVERT(?, SQL_INTEGER)}", "INT/10");
    T("SELECT {fn CONVERT(?, SQL_INTEGER)}, {fn CONVERT(?, SQL_SMALLINT)}, {fn CONVERT(?, SQL_TINYINT)}, "
      "{fn CONVERT(?, SQL_BIGINT)} FROM Users", "INT/10,INT/10,INT/10,INT/19");
    T("SELECT CONVERT(?, SQL_CHAR), CONVERT(?, SQL_VARCHAR), CONVERT(?, SQL_LONGVARCHAR), CONVERT(?, SQL_WCHAR), "
      "CONVERT(?, SQL_WVARCHAR), CONVERT(?, SQL_WLONGVARCHAR) FROM Users",
      "TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000");
    T("SELECT convert(?, sql_real), {fn CONVERT(?, SQL_FLOAT)}, CONVERT(?, SQL_DOUBLE), CONVERT(?, SQL_DECIMAL), "
      "CONVERT(?, SQL_NUMERIC) FROM Users", "DOUBLE/0,DOUBLE/0,DOUBLE/0,DOUBLE/0,DOUBLE/0");
    T("SELECT {fn CONVERT(?, SQL_BIT)}, CONVERT(?, SQL_DATE), CONVERT(?, SQL_TYPE_DATE), "
      "CONVERT(?, SQL_TIMESTAMP), CONVERT(?, SQL_TYPE_TIMESTAMP) FROM Users", "BOOL/0,TS/0,TS/0,TS/0,TS/0");
    T("SELECT Id FROM Users WHERE Username = {fn CONVERT(?, SQL_VARCHAR)} AND Created > "
      "{fn CONVERT(?, SQL_TIMESTAMP)}", "TEXT/4000,TS/0");
    T("SELECT Id FROM Users WHERE {fn CONVERT(?, SQL_INTEGER)} + 1 > ?", "INT/10,INT/19");
    T("SELECT {fn CONVERT({fn CONVERT(?, SQL_DOUBLE)}, SQL_VARCHAR)} FROM Users", "DOUBLE/0");
    T("SELECT Id FROM Users WHERE CONVERT(Age, SQL_VARCHAR) = ?", "TEXT/255");
    T("SELECT Id FROM Users ORDER BY {fn CONVERT(?, SQL_BIT)}", "BOOL/0");
    ok(strncmp(ptypes("SELECT CONVERT(?, SQL_BINARY) FROM Users"), "ERR HYC00", 9) == 0,
       "CONVERT to SQL_BINARY: HYC00");
    ok(strncmp(ptypes("SELECT CONVERT(?, SQL_VARCHAR2) FROM Users"), "ERR 42000", 9) == 0,
       "CONVERT to an unknown type: 42000");
    /* CASE: WHEN conditions are comparisons as anywhere else */
    T("SELECT CASE WHEN Age = ? THEN 'a' ELSE 'b' END FROM Users", "INT/10");
    T("SELECT Id FROM Users WHERE CASE WHEN Created > ? THEN 1 ELSE 0 END = 1", "TS/0");
    T("SELECT CASE WHEN Username LIKE ? THEN 1 END FROM Users", "TEXT/4000");
    /* CASE x WHEN ?: the subject's type; CASE ? WHEN v: the WHEN values' type */
    T("SELECT CASE Age WHEN ? THEN 'x' WHEN ? THEN 'y' END FROM Users", "INT/10,INT/10");
    T("SELECT CASE Username WHEN ? THEN 1 END FROM Users", "TEXT/128");
    T("SELECT CASE ? WHEN 1 THEN 'x' WHEN 2 THEN 'y' END FROM Users", "INT/10");
    T("SELECT CASE ? WHEN ? THEN 'x' WHEN Created THEN 'y' END FROM Users", "TS/0,TS/0");
    /* THEN ? / ELSE ?: the type of the other results (the first typed one) */
    T("SELECT CASE WHEN Enabled THEN ? ELSE Age END FROM Users", "INT/10");
    T("SELECT CASE WHEN Enabled THEN Score ELSE ? END FROM Users", "DOUBLE/0");
    T("SELECT CASE WHEN Enabled THEN ? WHEN Age > 3 THEN ? ELSE Username END FROM Users",
      "TEXT/128,TEXT/128");
    T("SELECT CASE Age WHEN 1 THEN ? ELSE Created END FROM Users", "TS/0");
    T("SELECT CASE WHEN Enabled THEN ? ELSE NULL END FROM Users", "TEXT/4000");
    T("SELECT CASE WHEN Enabled THEN ? END FROM Users", "TEXT/4000");
    T("SELECT CASE WHEN ? THEN 1 END FROM Users", "TEXT/4000");
    /* the CASE's type flows in from its context, and out to it */
    T("SELECT Id FROM Users WHERE CASE WHEN Enabled THEN ? END = Age", "INT/10");
    T("SELECT Id FROM Users WHERE Created < CASE WHEN Enabled THEN ? ELSE ? END", "TS/0,TS/0");
    /* the second takes the CASE's own (binder) type: an INTEGER of 19 digits */
    T("SELECT Id FROM Users WHERE (CASE WHEN Enabled THEN ? ELSE Age END) = ?", "INT/10,INT/19");
    T("SELECT Id FROM Users WHERE CASE WHEN Enabled THEN ? END = CASE WHEN Age > 1 THEN ? END",
      "TEXT/4000,TEXT/4000");
    T("SELECT Id FROM Users WHERE Score > CASE WHEN Enabled THEN CASE WHEN Age > 1 THEN ? END END",
      "DOUBLE/0");
    T("SELECT CAST(CASE WHEN Enabled THEN ? ELSE ? END AS BIGINT) FROM Users", "INT/19,INT/19");
    T("SELECT Id FROM Users WHERE Age IN (CASE WHEN Enabled THEN ? END, 2)", "INT/10");
    T("SELECT Age + CASE WHEN Enabled THEN ? END FROM Users", "INT/10");
    /* function arguments: the type the function takes */
    T("SELECT UPPER(?), LOWER(?), LCASE(?), UCASE(?), LENGTH(?), TRIM(?), LTRIM(?), RTRIM(?) FROM Users",
      "TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000");
    T("SELECT SUBSTRING(?, ?, ?) FROM Users", "TEXT/4000,INT/10,INT/10");
    T("SELECT SUBSTRING(? FROM ? FOR ?) FROM Users", "TEXT/4000,INT/10,INT/10");
    T("SELECT SUBSTR(Username, ?) FROM Users", "INT/10");
    T("SELECT LEFT(?, ?), RIGHT(Username, ?) FROM Users", "TEXT/4000,INT/10,INT/10");
    T("SELECT CONCAT(?, Username, ?), REPLACE(?, ?, ?) FROM Users",
      "TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000,TEXT/4000");
    T("SELECT POSITION(? IN Username), LOCATE(?, ?, ?) FROM Users", "TEXT/4000,TEXT/4000,TEXT/4000,INT/10");
    T("SELECT ABS(?), ROUND(?, ?), ROUND(?), FLOOR(?), CEILING(?), CEIL(?) FROM Users",
      "DOUBLE/0,DOUBLE/0,INT/10,DOUBLE/0,DOUBLE/0,DOUBLE/0,DOUBLE/0");
    T("SELECT MOD(?, ?) FROM Users", "INT/10,INT/10");
    T("SELECT YEAR(?), MONTH(?), DAY(?), DAYOFMONTH(?), HOUR(?), MINUTE(?), SECOND(?) FROM Users",
      "TS/0,TS/0,TS/0,TS/0,TS/0,TS/0,TS/0");
    T("SELECT TIMESTAMPADD(SQL_TSI_DAY, ?, ?) FROM Users", "INT/10,TS/0");
    T("SELECT TIMESTAMPDIFF(SQL_TSI_DAY, ?, ?), DATEADD(?, ?, ?) FROM Users",
      "TS/0,TS/0,TEXT/4000,INT/10,TS/0");
    T("SELECT {fn UCASE(?)}, {fn LEFT(?, ?)}, {fn TIMESTAMPADD(SQL_TSI_HOUR, ?, Created)} FROM Users",
      "TEXT/4000,TEXT/4000,INT/10,INT/10");
    /* nested: the innermost holder decides */
    T("SELECT Id FROM Users WHERE UPPER(?) = Username", "TEXT/4000");
    T("SELECT Id FROM Users WHERE LENGTH(?) > ?", "TEXT/4000,INT/10");
    T("SELECT Id FROM Users WHERE YEAR(Created) = ?", "INT/10");
    T("SELECT Id FROM Users WHERE ABS(Score) > ?", "DOUBLE/0");
    T("SELECT Id FROM Users WHERE SUBSTRING(Username, ? + 1, 2) = ?", "INT/10,TEXT/128");
    T("SELECT Id FROM Users WHERE UPPER(CASE WHEN Enabled THEN ? END) = 'X'", "TEXT/4000");
    /* COALESCE/IFNULL/NULLIF: the other typed arguments, else the context */
    T("SELECT COALESCE(?, Age) FROM Users", "INT/10");
    T("SELECT COALESCE(Nickname, ?, Username) FROM Users", "TEXT/64");
    T("SELECT COALESCE(?, ?, Created) FROM Users", "TS/0,TS/0");
    T("SELECT IFNULL(Score, ?), NVL(?, Enabled) FROM Users", "DOUBLE/0,BOOL/0");
    T("SELECT NULLIF(?, Age), NULLIF(Username, ?) FROM Users", "INT/10,TEXT/128");
    T("SELECT Id FROM Users WHERE COALESCE(?, ?) = Age", "INT/10,INT/10");
    T("SELECT Id FROM Users WHERE Created > IFNULL(?, NULL)", "TS/0");
    T("SELECT Id FROM Users WHERE NULLIF(?, ?) = Username", "TEXT/128,TEXT/128");
    T("SELECT Id FROM Users WHERE COALESCE(Age, ?) > ?", "INT/10,INT/10");
    T("SELECT Id FROM Users WHERE COALESCE(NULLIF(?, 0), Age) = 1", "INT/10");
    T("SELECT COALESCE(?, ?) FROM Users", "TEXT/4000,TEXT/4000");
    T("SELECT Id FROM Users WHERE Age = COALESCE(CAST(? AS INTEGER), ?)", "INT/10,INT/10");
    /* a negated parameter: a numeric context's type, else DOUBLE */
    T("SELECT Id FROM Users WHERE Age = -?", "INT/10");
    T("SELECT Id FROM Users WHERE -? < Score", "DOUBLE/0");
    T("SELECT Id FROM Users WHERE Username = -?", "DOUBLE/0");
    T("SELECT -? FROM Users", "DOUBLE/0");
    /* IS NULL and no context stay text */
    T("SELECT Id FROM Users WHERE ? IS NULL", "TEXT/4000");
    T("SELECT Id FROM Users WHERE ? IS NOT NULL OR Age = ?", "TEXT/4000,INT/10");
    T("SELECT Id FROM Users WHERE ?", "TEXT/4000");
    T("SELECT Id FROM Users ORDER BY CASE WHEN Age > ? THEN 0 ELSE 1 END", "INT/10");
    /* no parameters */
    T("SELECT Id FROM Users", "");

    sql_session_free(S);
    return done_testing();
}
