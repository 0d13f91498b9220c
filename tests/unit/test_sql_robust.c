/**
 * @file test_sql_robust.c
 * Robustness: the engine must never crash, whatever the input. Feeds every
 * prefix of a set of valid statements, random token soups and random byte
 * mutations through prepare + execute + fetch, and checks that each either
 * succeeds or fails with a 5-character SQLSTATE and a message.
 */
#include "tests/tap.h"
#include "tests/unit/sql_test_util.h"

static const char *seeds[] = {
    "SELECT Id, Username AS u FROM env1.Users WHERE Username LIKE 'a%' AND (Age > 20 OR Email IS NULL) LIMIT 5",
    "SELECT DISTINCT Age FROM Users ORDER BY Age DESC NULLS LAST",
    "SELECT Enabled, COUNT(*), AVG(Score), MIN(Created) FROM Users GROUP BY Enabled HAVING COUNT(*) > 1",
    "SELECT CASE WHEN Age BETWEEN 1 AND 30 THEN 'young' ELSE UPPER(Username) END FROM Users",
    "SELECT {fn CONCAT(Username, '?')}, CAST(Age AS VARCHAR(3)) FROM Users WHERE Id IN ('u1', ?, NULL)",
    "SELECT TOP 2 * FROM Users WHERE Created >= {ts '2024-01-01 00:00:00'} -- end ?",
    "EXPLAIN SELECT Id FROM Users WHERE Username = 'x' OFFSET 1 ROWS FETCH FIRST 2 ROWS ONLY",
    "SELECT SUBSTRING(Username FROM 2 FOR 2), Age / 0, Age % 0 FROM Users",
    "SELECT Id FROM Users WHERE Username LIKE 'a!%' ESCAPE '!' /* ? */ AND NOT Enabled",
    "SELECT u.Id, m.GroupId FROM Users u LEFT OUTER JOIN Memberships m ON m.UserId = u.Id AND u.Age > ? "
    "RIGHT JOIN Groups g ON g.Id = m.GroupId WHERE g.Name <> 'x' ORDER BY 1",
    "SELECT a.Id FROM {oj Users a FULL JOIN Groups b ON a.Id = b.Id} CROSS JOIN Users c, Groups d",
    "SELECT x.n FROM (SELECT Age AS n FROM Users UNION ALL SELECT MemberCount FROM Groups) x WHERE x.n > 1",
    "(SELECT Id FROM Users LIMIT 2) UNION (SELECT Id FROM Groups ORDER BY 1) ORDER BY 1 LIMIT 3",
    "SELECT Id, (SELECT MAX(Age) FROM Users) FROM Groups WHERE EXISTS (SELECT 1 FROM Users) "
    "AND Id NOT IN (SELECT Id FROM Users WHERE Age IN (SELECT Age FROM Users))",
    "EXEC Echo @Text = ?, @Times = 2",
    "{call env1.Echo('x', ?)}",
    /* correlated subqueries: EXISTS/IN/scalar, nested, in HAVING and ORDER BY, in a derived table */
    "SELECT u.Id, (SELECT COUNT(*) FROM Memberships m WHERE m.UserId = u.Id AND m.GroupId <> ?) FROM Users u "
    "WHERE NOT EXISTS (SELECT 1 FROM Groups g WHERE g.Name = u.Username) ORDER BY (SELECT u.Age) DESC",
    "SELECT Age AS a, COUNT(*) AS n FROM Users u GROUP BY Age HAVING n > (SELECT COUNT(*) FROM Groups g "
    "WHERE g.MemberCount > u.Age) AND a IN (SELECT v.Age FROM Users v WHERE v.Age = u.Age)",
    "SELECT g.Id FROM Groups g WHERE g.Id NOT IN (SELECT m.GroupId FROM Memberships m WHERE m.UserId IN "
    "(SELECT u.Id FROM Users u WHERE u.Username > g.Name AND EXISTS (SELECT 1 FROM (SELECT m2.GroupId FROM "
    "Memberships m2 WHERE m2.UserId = u.Id AND m2.GroupId = g.Id) d)))",
    "SELECT UPPER('Straße ǅ Ὀδυσσεύς'), LOWER('İSTANBUL Ⴀ ᲐᲑ 𐐀')",
};

static const char *soup[] = {
    "SELECT", "FROM", "WHERE", "Users", "Groups", "Id", "Age", "Username", "*", ",", "(", ")", "=",
    "<>", "AND", "OR", "NOT", "LIKE", "IN", "IS", "NULL", "'x'", "'%'", "1", "2.5", "?", "LIMIT",
    "ORDER", "BY", "GROUP", "HAVING", "COUNT(*)", "DISTINCT", "TOP", "CASE", "WHEN", "THEN",
    "END", "{", "}", "fn", "d", ".", "||", "-", "+", "/", "BETWEEN", "ESCAPE", "CAST", "AS",
    "VARCHAR", ";", "--", "/*", "*/", "\"", "[", "`", "'", "é", "\xff", "OFFSET", "FETCH", "EXPLAIN",
    "JOIN", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "ON", "UNION", "ALL", "EXISTS", "oj", "call",
    "EXEC", "@", "Memberships", "u.Id", "UserId", "(SELECT", "Echo", "g.Id", "m.UserId", "u", "g", "m",
    "NOT EXISTS (SELECT 1 FROM Memberships m WHERE m.UserId =", "(SELECT COUNT(*) FROM Groups g WHERE g.Id =",
};

static unsigned long long rng = 88172645463325252ULL;
static unsigned rnd(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)(rng >> 11);
}

static int bad;

/** Run one statement with 3 text parameters; record malformed outcomes. */
static void try_sql(sql_session *s, const char *sql)
{
    sql_value pv[64] = { { 0 } };
    for (int i = 0; i < 64; i++)
        sqlval_set_text(&pv[i], i % 2 ? "7" : "a");
    const char *o = run_n(s, sql, pv, 50);
    if (strncmp(o, "ERR ", 4) == 0 && (strlen(o) < 11 || o[9] != ' ' || strlen(o + 10) == 0)) {
        if (bad++ < 5)
            diag("malformed error for [%s]: %s", sql, o);
    }
    for (int i = 0; i < 64; i++)
        sqlval_clear(&pv[i]);
}

int main(void)
{
    plan_lazy();
    fake_provider *fp = fake_provider_new();
    sql_session *s = sql_session_new(&fp->base, 2);
    char buf[4096];
    int n = 0;
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        size_t len = strlen(seeds[i]);
        for (size_t k = 0; k <= len; k++) {
            memcpy(buf, seeds[i], k);
            buf[k] = '\0';
            try_sql(s, buf);
            n++;
        }
    }
    ok(bad == 0, "every prefix of %zu statements (%d runs) succeeds or fails cleanly", sizeof seeds / sizeof *seeds, n);
    for (int r = 0; r < 3000; r++) {
        buf[0] = '\0';
        int words = 1 + (int)(rnd() % 20);
        if (rnd() % 2)
            strcat(buf, "SELECT ");
        for (int w = 0; w < words; w++) {
            strcat(buf, soup[rnd() % (sizeof soup / sizeof *soup)]);
            strcat(buf, rnd() % 4 ? " " : "");
        }
        try_sql(s, buf);
    }
    ok(bad == 0, "3000 random token soups succeed or fail cleanly");
    for (int r = 0; r < 3000; r++) {
        const char *sd = seeds[rnd() % (sizeof seeds / sizeof *seeds)];
        size_t len = strlen(sd);
        memcpy(buf, sd, len + 1);
        int muts = 1 + (int)(rnd() % 4);
        for (int m = 0; m < muts; m++) {
            size_t pos = rnd() % len;
            switch (rnd() % 3) {
            case 0: buf[pos] = (char)(rnd() % 255 + 1); break;
            case 1: memmove(buf + pos, buf + pos + 1, len - pos); len--; break;
            default:
                if (len + 2 < sizeof buf) {
                    memmove(buf + pos + 1, buf + pos, len - pos + 1);
                    buf[pos] = "()'\"?%_*,;"[rnd() % 10];
                    len++;
                }
            }
            if (len < 2)
                break;
        }
        try_sql(s, buf);
    }
    ok(bad == 0, "3000 mutated statements succeed or fail cleanly");
    sql_session_free(s);
    return done_testing();
}
