"""SQL corpus: hundreds of statements run through the driver (pyodbc) against
the emulator, each compared with an independent oracle: the emulator's dataset
loaded into an in-memory SQLite database with the driver's tables and columns.
Every case runs with PushDown=Full and PushDown=None (results must be equal
to the oracle, hence to each other), and pushdown rules are checked by
counting the emulator's requests. Prints TAP.

A case is (sql, oracle_sql or None, ordered). oracle_sql is the SQLite
spelling where our dialect differs; ordered cases compare rows in order.
"""
import datetime
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import p1test as t  # noqa: E402
import dataset  # noqa: E402  (path set by p1test)

import pyodbc  # noqa: E402

USER_COLS = [
    ("Id", "id"), ("Username", "username"), ("Email", "email"),
    ("FirstName", "name.given"), ("MiddleName", "name.middle"), ("LastName", "name.family"),
    ("Nickname", "nickname"), ("Title", "title"), ("PopulationId", "population.id"),
    ("IsEnabled", "enabled"), ("CreatedAt", "createdAt"), ("UpdatedAt", "updatedAt"),
    ("ExternalId", "externalId"), ("AccountId", "accountId"), ("MobilePhone", "mobilePhone"),
    ("PrimaryPhone", "primaryPhone"), ("Locale", "locale"),
    ("PreferredLanguage", "preferredLanguage"), ("Timezone", "timezone"), ("Type", "type"),
    ("LifecycleStatus", "lifecycle.status"),
]
POP_COLS = [("Id", "id"), ("Name", "name"), ("Description", "description"), ("IsDefault", "default"),
            ("UserCount", "userCount")]
GROUP_COLS = [("Id", "id"), ("Name", "name"), ("Description", "description"),
              ("PopulationId", "population.id"), ("ExternalId", "externalId")]


def jget(item, path):
    cur = item
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def ts_text(s):
    """PingOne timestamp -> 'YYYY-MM-DD HH:MM:SS.fff' (UTC), the oracle's text form."""
    if s is None:
        return None
    d = datetime.datetime.strptime(s.replace("Z", ""), "%Y-%m-%dT%H:%M:%S.%f")
    return d.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (d.microsecond // 1000)


def load_oracle():
    """The dataset as SQLite tables Users, Populations, Groups, UserGroupAssociations."""
    ten = dataset.build()
    env = ten.envs[dataset.DEFAULT_ENV_ID]
    db = sqlite3.connect(":memory:")
    db.execute("PRAGMA case_sensitive_like = ON")

    def table(name, cols, items, conv=None):
        db.execute("CREATE TABLE %s (%s)" % (name, ", ".join('"%s"' % c for c, _ in cols)))
        rows = []
        for it in items:
            row = []
            for c, path in cols:
                v = jget(it, path)
                if c in ("CreatedAt", "UpdatedAt"):
                    v = ts_text(v)
                if isinstance(v, bool):
                    v = int(v)
                row.append(v)
            rows.append(row)
        db.executemany("INSERT INTO %s VALUES (%s)" % (name, ",".join("?" * len(cols))), rows)

    table("Users", USER_COLS, env.users)
    table("Populations", POP_COLS, env.populations)
    table("Groups", GROUP_COLS, env.groups)
    db.execute('CREATE TABLE UserGroupAssociations ("UserId", "GroupId", "GroupName", "Type")')
    uids = {u["id"] for u in env.users}
    for uid, groups in ten.memberships.items():
        if uid in uids:
            db.executemany("INSERT INTO UserGroupAssociations VALUES (?,?,?,?)",
                           [(uid, g["id"], g.get("name"), g.get("type")) for g in groups])
    return db, env


def norm(v):
    """Normalise one value for comparison (driver and oracle)."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (v.microsecond // 1000)
    if isinstance(v, float):
        return round(v, 6) if v != int(v) else int(v)
    if hasattr(v, "as_tuple"):  # Decimal
        f = float(v)
        return int(f) if f == int(f) else round(f, 6)
    return v


def norm_rows(rows, ordered):
    out = [tuple(norm(v) for v in r) for r in rows]
    return out if ordered else sorted(out, key=lambda r: [(x is None, str(type(x)), str(x)) for x in r])


def build_cases(db, env):
    """The corpus: (sql, oracle_sql, ordered)."""
    C = []

    def add(sql, oracle=None, ordered=False):
        C.append((sql, oracle, ordered))

    users = env.users
    names = [u["username"] for u in users]
    # point lookups and simple filters, each on several real values
    for u in users[:400:20]:
        add("SELECT Id, Username, Email FROM Users WHERE Username = '%s'" % u["username"].replace("'", "''"))
        add("SELECT Username FROM Users WHERE Id = '%s'" % u["id"])
    for p in ["user000", "user001", "user01", "user1", "user2", "USER00", "zz", "user0012"]:
        add("SELECT Username FROM Users WHERE Username LIKE '%s%%' ORDER BY Username" % p, ordered=True)
        add("SELECT COUNT(*) FROM Users WHERE Username LIKE '%s%%'" % p)
        add("SELECT Username FROM Users WHERE Username LIKE '%s_' ORDER BY 1 DESC" % p, ordered=True)
    for col in ["Email", "Nickname", "Title", "MiddleName", "Locale", "Timezone", "ExternalId", "MobilePhone"]:
        add("SELECT COUNT(*) FROM Users WHERE %s IS NULL" % col)
        add("SELECT COUNT(*) FROM Users WHERE %s IS NOT NULL" % col)
        add("SELECT COUNT(%s), COUNT(DISTINCT %s) FROM Users" % (col, col))
        add("SELECT %s, COUNT(*) FROM Users GROUP BY %s" % (col, col))
        add("SELECT DISTINCT %s FROM Users WHERE %s IS NOT NULL ORDER BY 1" % (col, col), ordered=True)
        add("SELECT MIN(%s), MAX(%s) FROM Users" % (col, col))
        add("SELECT Id FROM Users WHERE %s LIKE '%%a%%' AND Username LIKE 'user00%%'" % col)
        add("SELECT TOP 5 Username, %s FROM Users WHERE %s IS NOT NULL ORDER BY Username" % (col, col),
            "SELECT Username, %s FROM Users WHERE %s IS NOT NULL ORDER BY Username LIMIT 5" % (col, col), True)
    for loc in ["fr-FR", "en-US", "ja-JP", "es-ES", "de-DE", "xx"]:
        add("SELECT COUNT(*) FROM Users WHERE Locale = '%s'" % loc)
        add("SELECT Username FROM Users WHERE Locale = '%s' AND Username < 'user0100' ORDER BY 1" % loc,
            ordered=True)
        add("SELECT Username FROM Users WHERE Locale IN ('%s', 'en-US') AND Username LIKE 'user001%%'" % loc)
        add("SELECT Username FROM Users WHERE NOT (Locale = '%s') AND Username LIKE 'user000%%'" % loc)
        add("SELECT Username FROM Users WHERE Locale <> '%s' OR Locale IS NULL ORDER BY Username LIMIT 7" % loc,
            ordered=True)
    for title in ["Director", "Accountant", "Vice President", "director"]:
        add("SELECT Title, COUNT(*) FROM Users WHERE Title = '%s' GROUP BY Title" % title)
        add("SELECT UPPER(Title), LOWER(Username) FROM Users WHERE Title = '%s' AND Username LIKE 'user00%%'"
            % title)
    # enabled / booleans
    add("SELECT COUNT(*) FROM Users WHERE IsEnabled = 1")
    add("SELECT COUNT(*) FROM Users WHERE IsEnabled = 0")
    add("SELECT COUNT(*) FROM Users WHERE IsEnabled", "SELECT COUNT(*) FROM Users WHERE IsEnabled = 1")
    add("SELECT COUNT(*) FROM Users WHERE NOT IsEnabled", "SELECT COUNT(*) FROM Users WHERE IsEnabled = 0")
    add("SELECT IsEnabled, COUNT(*) FROM Users GROUP BY IsEnabled ORDER BY 1", ordered=True)
    # grouping, having, ordering, limits
    add("SELECT PopulationId, COUNT(*) FROM Users GROUP BY PopulationId HAVING COUNT(*) > 10 ORDER BY 2 DESC, 1",
        ordered=True)
    add("SELECT Locale, Title, COUNT(*) AS n FROM Users GROUP BY Locale, Title ORDER BY n DESC, Locale, Title "
        "LIMIT 10", ordered=True)
    for n, off in [(1, 0), (5, 0), (5, 5), (10, 2500), (3, 100), (0, 0)]:
        add("SELECT Username FROM Users ORDER BY Username LIMIT %d OFFSET %d" % (n, off), ordered=True)
        add("SELECT Username FROM Users ORDER BY Username DESC OFFSET %d ROWS FETCH FIRST %d ROWS ONLY" % (off, n),
            "SELECT Username FROM Users ORDER BY Username DESC LIMIT %d OFFSET %d" % (n, off), True)
    add("SELECT COUNT(*) FROM (SELECT Username FROM Users LIMIT 5) x",
        "SELECT COUNT(*) FROM (SELECT Username FROM Users LIMIT 5) x")
    add("SELECT Username FROM Users WHERE 1 = 0")
    add("SELECT TOP 0 Username FROM Users", "SELECT Username FROM Users LIMIT 0")
    # expressions and functions
    for u in users[:60:6]:
        q = u["username"]
        add("SELECT LENGTH(Username), SUBSTRING(Username, 2, 3), UPPER(Username) || '!', "
            "REPLACE(Username, 'user', 'U') FROM Users WHERE Username = '%s'" % q,
            "SELECT LENGTH(Username), SUBSTR(Username, 2, 3), UPPER(Username) || '!', "
            "REPLACE(Username, 'user', 'U') FROM Users WHERE Username = '%s'" % q)
        add("SELECT {fn CONCAT(Username, '-x')}, {fn LCASE(Username)}, COALESCE(Nickname, Title, 'none'), "
            "NULLIF(Locale, 'en-US'), IFNULL(MiddleName, '?') FROM Users WHERE Username = '%s'" % q,
            "SELECT Username || '-x', LOWER(Username), COALESCE(Nickname, Title, 'none'), NULLIF(Locale, 'en-US'), "
            "IFNULL(MiddleName, '?') FROM Users WHERE Username = '%s'" % q)
        add("SELECT CASE WHEN Locale IS NULL THEN 'none' WHEN Locale LIKE 'e%%' THEN 'e' ELSE Locale END, "
            "TRIM('  ' || Username || '  '), ABS(-3), ROUND(2.567, 1), MOD(17, 5), 7 / 2, 7.0 / 2 "
            "FROM Users WHERE Username = '%s'" % q,
            "SELECT CASE WHEN Locale IS NULL THEN 'none' WHEN Locale LIKE 'e%%' THEN 'e' ELSE Locale END, "
            "TRIM('  ' || Username || '  '), ABS(-3), ROUND(2.567, 1), 17 %% 5, 7 / 2, 7.0 / 2 "
            "FROM Users WHERE Username = '%s'" % q)
        add("SELECT LEFT(Username, 4), RIGHT(Username, 2), POSITION('0' IN Username), "
            "CAST(LENGTH(Username) AS VARCHAR(5)) FROM Users WHERE Username = '%s'" % q,
            "SELECT SUBSTR(Username, 1, 4), SUBSTR(Username, -2), INSTR(Username, '0'), "
            "CAST(LENGTH(Username) AS TEXT) FROM Users WHERE Username = '%s'" % q)
    for a, b in [(1, 2), (10, 3), (-7, 2), (0, 5)]:
        add("SELECT %d + %d, %d - %d, %d * %d, %d / %d, %d %% %d" % (a, b, a, b, a, b, a, b, a, b),
            "SELECT %d + %d, %d - %d, %d * %d, %d / %d, %d %% %d" % (a, b, a, b, a, b, a, b, a, b))
        add("SELECT CASE WHEN %d > %d THEN 'gt' ELSE 'le' END, %d BETWEEN 0 AND 5, %d IN (1, 2, 3)" % (a, b, a, b))
    add("SELECT NULL IS NULL, 1 = NULL, NULL AND 0, NULL OR 1", "SELECT 1, NULL, 0, 1")
    add("SELECT 'a' || NULL, COALESCE(NULL, NULL, 3), NULLIF(1, 1)")
    add("SELECT 'Zoë' || '✓', LENGTH('Zoë✓'), UPPER('é')", "SELECT 'Zoë' || '✓', 4, 'É'")
    add("SELECT 'it''s', 'a?b' /* ? */ -- ?", "SELECT 'it''s', 'a?b'")
    # timestamps (text form in the oracle)
    add("SELECT COUNT(*) FROM Users WHERE CreatedAt >= {ts '2023-01-01 00:00:00'}",
        "SELECT COUNT(*) FROM Users WHERE CreatedAt >= '2023-01-01 00:00:00.000'")
    add("SELECT COUNT(*) FROM Users WHERE CreatedAt < {d '2022-06-01'}",
        "SELECT COUNT(*) FROM Users WHERE CreatedAt < '2022-06-01 00:00:00.000'")
    add("SELECT YEAR(CreatedAt), COUNT(*) FROM Users GROUP BY YEAR(CreatedAt) ORDER BY 1",
        "SELECT CAST(substr(CreatedAt, 1, 4) AS INTEGER), COUNT(*) FROM Users GROUP BY 1 ORDER BY 1", True)
    add("SELECT MONTH(CreatedAt), DAY(CreatedAt), HOUR(CreatedAt) FROM Users WHERE Username = 'user0001'",
        "SELECT CAST(substr(CreatedAt,6,2) AS INTEGER), CAST(substr(CreatedAt,9,2) AS INTEGER), "
        "CAST(substr(CreatedAt,12,2) AS INTEGER) FROM Users WHERE Username = 'user0001'")
    add("SELECT Username, CreatedAt FROM Users ORDER BY CreatedAt DESC, Username LIMIT 5", ordered=True)
    # a WHERE the provider sees only in part (a function of a column cannot be pushed, a LIKE
    # with inner wildcards is widened): COUNT(*) must not read PingOne's count of the pushed
    # part, and LIMIT must not stop the scan after that many pushed rows
    Y = "CAST(substr(CreatedAt, 1, 4) AS INTEGER)"
    for yr in (2022, 2023, 2024):
        add("SELECT COUNT(*) FROM Users WHERE YEAR(CreatedAt) >= %d" % yr,
            "SELECT COUNT(*) FROM Users WHERE %s >= %d" % (Y, yr))
        add("SELECT COUNT(*) FROM Users WHERE IsEnabled = 1 AND YEAR(CreatedAt) = %d" % yr,
            "SELECT COUNT(*) FROM Users WHERE IsEnabled = 1 AND %s = %d" % (Y, yr))
        add("SELECT COUNT(*) FROM Users WHERE YEAR(CreatedAt) = %d OR Username = 'user0001'" % yr,
            "SELECT COUNT(*) FROM Users WHERE %s = %d OR Username = 'user0001'" % (Y, yr))
        add("SELECT COUNT(*) FROM (SELECT Username FROM Users WHERE YEAR(CreatedAt) = %d LIMIT 3) x" % yr,
            "SELECT COUNT(*) FROM (SELECT Username FROM Users WHERE %s = %d LIMIT 3) x" % (Y, yr))
        add("SELECT COUNT(*) FROM (SELECT TOP 7 Id FROM Users WHERE IsEnabled = 1 AND "
            "MONTH(CreatedAt) = 3 AND YEAR(CreatedAt) = %d) x" % yr,
            "SELECT COUNT(*) FROM (SELECT Id FROM Users WHERE IsEnabled = 1 AND "
            "CAST(substr(CreatedAt, 6, 2) AS INTEGER) = 3 AND %s = %d LIMIT 7) x" % (Y, yr))
    add("SELECT COUNT(*) FROM Users WHERE UPPER(Username) = 'USER0042'",
        "SELECT COUNT(*) FROM Users WHERE upper(Username) = 'USER0042'")
    add("SELECT COUNT(*) FROM Users WHERE LENGTH(Email) > 22",
        "SELECT COUNT(*) FROM Users WHERE length(Email) > 22")
    add("SELECT COUNT(*) FROM Users WHERE Username LIKE 'user0%1'")
    add("SELECT COUNT(*) FROM (SELECT Username FROM Users WHERE Username LIKE 'user%9' LIMIT 4) x")
    add("SELECT COUNT(*) FROM Populations WHERE UserCount + 0 > 10",
        "SELECT COUNT(*) FROM Populations WHERE UserCount > 10")
    add("SELECT MIN(CreatedAt), MAX(UpdatedAt) FROM Users")
    # unicode and special characters
    odd = [n for n in names if any(ord(c) > 127 for c in n) or "'" in n or '"' in n][:12]
    for n in odd:
        add("SELECT Id, Username FROM Users WHERE Username = '%s'" % n.replace("'", "''"))
        add("SELECT LENGTH(Username) FROM Users WHERE Username = '%s'" % n.replace("'", "''"))
    # populations and groups
    for p in env.populations:
        add("SELECT Name, Description, IsDefault FROM Populations WHERE Id = '%s'" % p["id"])
        add("SELECT COUNT(*) FROM Users WHERE PopulationId = '%s'" % p["id"])
        add("SELECT p.Name, COUNT(*) FROM Users u JOIN Populations p ON u.PopulationId = p.Id WHERE p.Id = '%s' "
            "GROUP BY p.Name" % p["id"])
    add("SELECT Name FROM Populations ORDER BY Name", ordered=True)
    add("SELECT p.Name, COUNT(u.Id) FROM Populations p LEFT JOIN Users u ON u.PopulationId = p.Id GROUP BY p.Name "
        "ORDER BY p.Name", ordered=True)
    for g in env.groups[:40:2]:
        add("SELECT Name, PopulationId, ExternalId FROM Groups WHERE Id = '%s'" % g["id"])
        add("SELECT COUNT(*) FROM Groups WHERE Name = '%s'" % g["name"].replace("'", "''"))
    add("SELECT Name FROM Groups WHERE Name LIKE 'A%' ORDER BY Name", ordered=True)
    add("SELECT Name FROM Groups WHERE PopulationId IS NULL ORDER BY 1", ordered=True)
    add("SELECT g.Name, p.Name FROM Groups g LEFT JOIN Populations p ON g.PopulationId = p.Id ORDER BY 1, 2",
        ordered=True)
    add("SELECT g.Name, p.Name FROM Populations p RIGHT JOIN Groups g ON g.PopulationId = p.Id",
        "SELECT g.Name, p.Name FROM Groups g LEFT JOIN Populations p ON g.PopulationId = p.Id")
    add("SELECT COUNT(*) FROM Groups CROSS JOIN Populations")
    add("SELECT COUNT(*) FROM Groups g, Populations p WHERE g.PopulationId = p.Id")
    add("SELECT a.Name, b.Name FROM Groups a JOIN Groups b ON a.Id = b.Id AND a.Name LIKE 'E%' ORDER BY 1",
        ordered=True)
    # memberships through joins (key push)
    for pref in ["user000", "user001", "user0020", "user01", "user1"]:
        add("SELECT u.Username, m.GroupName, m.Type FROM Users u JOIN UserGroupAssociations m ON m.UserId = u.Id "
            "WHERE u.Username LIKE '%s%%'" % pref)
        add("SELECT m.GroupName, COUNT(*) FROM UserGroupAssociations m JOIN Users u ON m.UserId = u.Id "
            "WHERE u.Username LIKE '%s%%' GROUP BY m.GroupName ORDER BY 2 DESC, 1" % pref, ordered=True)
        add("SELECT u.Username FROM Users u LEFT JOIN UserGroupAssociations m ON m.UserId = u.Id "
            "WHERE u.Username LIKE '%s%%' AND m.UserId IS NULL" % pref)
        add("SELECT u.Username, g.Name FROM Users u JOIN UserGroupAssociations m ON m.UserId = u.Id "
            "JOIN Groups g ON g.Id = m.GroupId WHERE u.Username LIKE '%s%%' AND m.Type = 'DIRECT'" % pref)
        add("SELECT Username FROM Users WHERE Username LIKE '%s%%' AND Id IN "
            "(SELECT UserId FROM UserGroupAssociations WHERE UserId IN (SELECT Id FROM Users WHERE Username "
            "LIKE '%s%%') AND Type = 'INDIRECT')" % (pref, pref))
    for u in users[:200:25]:
        add("SELECT GroupName, Type FROM UserGroupAssociations WHERE UserId = '%s'" % u["id"])
    # subqueries and unions
    add("SELECT Username FROM Users WHERE PopulationId IN (SELECT Id FROM Populations WHERE IsDefault = 1) "
        "AND Username LIKE 'user000%'")
    add("SELECT Username FROM Users WHERE PopulationId NOT IN (SELECT Id FROM Populations WHERE IsDefault = 1) "
        "AND Username LIKE 'user00%'")
    add("SELECT Name FROM Populations WHERE EXISTS (SELECT 1 FROM Groups WHERE Name LIKE 'E%')")
    add("SELECT Name FROM Populations WHERE NOT EXISTS (SELECT 1 FROM Groups WHERE Name = 'no such')")
    add("SELECT Username FROM Users WHERE Username = (SELECT MIN(Username) FROM Users)")
    add("SELECT (SELECT COUNT(*) FROM Groups), (SELECT MAX(Name) FROM Populations)")
    add("SELECT x.Name, x.n FROM (SELECT p.Name, COUNT(*) AS n FROM Users u JOIN Populations p ON "
        "u.PopulationId = p.Id GROUP BY p.Name) x WHERE x.n > 1 ORDER BY x.n DESC", ordered=True)
    add("SELECT Name FROM Groups UNION SELECT Name FROM Populations ORDER BY 1", ordered=True)
    add("SELECT Name FROM Groups UNION ALL SELECT Name FROM Populations")
    add("SELECT Locale FROM Users WHERE Username LIKE 'user000%' UNION SELECT Title FROM Users WHERE Username "
        "LIKE 'user001%'")
    add("SELECT Id FROM Populations UNION ALL SELECT Id FROM Groups UNION SELECT Id FROM Populations")
    add("SELECT COUNT(*) FROM (SELECT Id FROM Populations UNION ALL SELECT Id FROM Groups) t")
    add("SELECT 1 UNION SELECT 2 UNION ALL SELECT 1 ORDER BY 1", ordered=True)
    # distinct, null ordering
    add("SELECT DISTINCT Locale FROM Users ORDER BY Locale", ordered=True)
    add("SELECT DISTINCT Locale FROM Users ORDER BY Locale DESC", ordered=True)
    add("SELECT DISTINCT Title, Locale FROM Users WHERE Username LIKE 'user01%'")
    add("SELECT Nickname FROM Users WHERE Username LIKE 'user000%' ORDER BY Nickname NULLS LAST, Username",
        "SELECT Nickname FROM Users WHERE Username LIKE 'user000%' ORDER BY Nickname IS NULL, Nickname, Username",
        True)
    add("SELECT COUNT(*), COUNT(Nickname), SUM(LENGTH(Username)), AVG(LENGTH(Username)) FROM Users")
    add("SELECT Username AS n FROM Users WHERE Username LIKE 'user002%' ORDER BY n DESC", ordered=True)
    # correlated subqueries (the outer value is pushed to the inner table: memberships by user key);
    # outer row sets stay small so PushDown=None stays fast
    for pref in ["user000", "user001", "user0020"]:
        add("SELECT u.Username FROM Users u WHERE u.Username LIKE '%s%%' AND EXISTS (SELECT 1 FROM "
            "UserGroupAssociations m WHERE m.UserId = u.Id AND m.Type = 'DIRECT')" % pref)
        add("SELECT u.Username FROM Users u WHERE u.Username LIKE '%s%%' AND NOT EXISTS (SELECT 1 FROM "
            "UserGroupAssociations m WHERE m.UserId = u.Id)" % pref)
        add("SELECT u.Username, (SELECT COUNT(*) FROM UserGroupAssociations m WHERE m.UserId = u.Id) FROM Users u "
            "WHERE u.Username LIKE '%s%%' ORDER BY 2 DESC, 1" % pref, ordered=True)
        add("SELECT u.Username FROM Users u WHERE u.Username LIKE '%s%%' AND 'INDIRECT' IN (SELECT m.Type FROM "
            "UserGroupAssociations m WHERE m.UserId = u.Id)" % pref)
        add("SELECT u.Username FROM Users u WHERE u.Username LIKE '%s%%' AND u.PopulationId NOT IN (SELECT "
            "g.PopulationId FROM UserGroupAssociations m JOIN Groups g ON g.Id = m.GroupId WHERE m.UserId = u.Id)"
            % pref)
        add("SELECT u.Username FROM Users u WHERE u.Username LIKE '%s%%' AND u.PopulationId IN (SELECT "
            "g.PopulationId FROM UserGroupAssociations m JOIN Groups g ON g.Id = m.GroupId WHERE m.UserId = u.Id "
            "AND g.PopulationId IS NOT NULL)" % pref)
        add("SELECT u.Username FROM Users u WHERE u.Username LIKE '%s%%' AND EXISTS (SELECT 1 FROM (SELECT "
            "m.GroupId FROM UserGroupAssociations m WHERE m.UserId = u.Id) d JOIN Groups g ON g.Id = d.GroupId "
            "WHERE g.Name LIKE 'E%%')" % pref)
    add("SELECT g.Name FROM Groups g WHERE EXISTS (SELECT 1 FROM Populations p WHERE p.Id = g.PopulationId AND "
        "p.IsDefault = 1)")
    add("SELECT g.Name, (SELECT p.Name FROM Populations p WHERE p.Id = g.PopulationId) FROM Groups g")
    add("SELECT g.Name FROM Groups g ORDER BY (SELECT p.Name FROM Populations p WHERE p.Id = g.PopulationId) "
        "DESC, g.Name LIMIT 12", ordered=True)
    add("SELECT p.Name, (SELECT COUNT(*) FROM Groups g WHERE g.PopulationId = p.Id), (SELECT MAX(g.Name) FROM "
        "Groups g WHERE g.PopulationId = p.Id) FROM Populations p")
    add("SELECT p.Name FROM Populations p WHERE p.Id NOT IN (SELECT g.PopulationId FROM Groups g WHERE "
        "g.Name <> p.Name)")
    add("SELECT p.Name FROM Populations p WHERE p.Id NOT IN (SELECT g.PopulationId FROM Groups g WHERE "
        "g.PopulationId IS NOT NULL AND g.Name > p.Name)")
    add("SELECT p.Name, p.Id IN (SELECT g.PopulationId FROM Groups g WHERE g.Name LIKE p.Name || '%') "
        "FROM Populations p")
    add("SELECT p.Name FROM Populations p WHERE (SELECT COUNT(*) FROM Groups g WHERE g.PopulationId = p.Id) > 3")
    add("SELECT p.Name FROM Populations p WHERE EXISTS (SELECT 1 FROM Groups g WHERE g.PopulationId = p.Id "
        "AND EXISTS (SELECT 1 FROM Groups h WHERE h.PopulationId = p.Id AND h.Name < g.Name))")
    add("SELECT u.PopulationId, COUNT(*) FROM Users u WHERE u.Username LIKE 'user00%' GROUP BY u.PopulationId "
        "HAVING COUNT(*) > (SELECT COUNT(*) FROM Groups g WHERE g.PopulationId = u.PopulationId)")
    add("SELECT u.Locale, (SELECT COUNT(*) FROM Users v WHERE v.Locale = u.Locale AND v.Username LIKE "
        "'user01%') FROM Users u WHERE u.Username LIKE 'user010%' GROUP BY u.Locale")
    add("SELECT p.Name, g.Name FROM Populations p JOIN Groups g ON g.PopulationId = p.Id WHERE g.Name = (SELECT "
        "MIN(h.Name) FROM Groups h WHERE h.PopulationId = p.Id)")
    # HAVING with select-list aliases
    add("SELECT Locale AS loc, COUNT(*) AS n FROM Users GROUP BY Locale HAVING n > 100 ORDER BY n DESC, loc",
        ordered=True)
    add("SELECT Title AS t, COUNT(*) AS n FROM Users GROUP BY Title HAVING t LIKE 'V%' OR n < 5")
    add("SELECT PopulationId AS pop, MIN(Username) AS lowest FROM Users GROUP BY PopulationId HAVING lowest < "
        "'user0003'")
    # the ODBC CONVERT function (the oracle spells it as SQLite's CAST; dates as text)
    add("SELECT Username, {fn CONVERT(IsEnabled, SQL_VARCHAR)}, {fn CONVERT(IsEnabled, SQL_INTEGER)}, "
        "{fn CONVERT(CreatedAt, SQL_VARCHAR)} FROM Users WHERE Username LIKE 'user000%'",
        "SELECT Username, CAST(IsEnabled AS TEXT), IsEnabled, CreatedAt FROM Users WHERE Username LIKE 'user000%'")
    add("SELECT Username, {fn CONVERT(CreatedAt, SQL_DATE)} FROM Users WHERE Username LIKE 'user00%' "
        "ORDER BY {fn CONVERT(CreatedAt, SQL_TYPE_DATE)} DESC, Username",
        "SELECT Username, date(CreatedAt) || ' 00:00:00.000' FROM Users WHERE Username LIKE 'user00%' "
        "ORDER BY date(CreatedAt) DESC, Username", True)
    add("SELECT Username FROM Users WHERE {fn CONVERT(CreatedAt, SQL_DATE)} >= {d '2023-12-01'}",
        "SELECT Username FROM Users WHERE date(CreatedAt) >= '2023-12-01'")
    add("SELECT COUNT(*) FROM Users WHERE Username LIKE 'user0%' AND {fn CONVERT(CreatedAt, SQL_DATE)} = "
        "CONVERT('2023-03-18', SQL_DATE)",
        "SELECT COUNT(*) FROM Users WHERE Username LIKE 'user0%' AND date(CreatedAt) = '2023-03-18'")
    add("SELECT COUNT(*) FROM Users WHERE CreatedAt < CONVERT('2022-06-01', SQL_TIMESTAMP)",
        "SELECT COUNT(*) FROM Users WHERE CreatedAt < '2022-06-01 00:00:00.000'")
    for n in names[3:60:19]:
        add("SELECT Id, Email FROM Users WHERE Username = {fn CONVERT('%s', SQL_WVARCHAR)}" % n.replace("'", "''"),
            "SELECT Id, Email FROM Users WHERE Username = '%s'" % n.replace("'", "''"))
    add("SELECT {fn CONVERT('42', SQL_INTEGER)} + 1, CONVERT('2.5', SQL_DOUBLE) * 2, {fn CONVERT(7, SQL_REAL)} / 2, "
        "CONVERT(3.9, SQL_BIGINT), convert(-3.9, sql_smallint), CONVERT('8', SQL_TINYINT), "
        "CONVERT(1.25, SQL_DECIMAL), CONVERT(2, SQL_NUMERIC) / 4, CONVERT(3, SQL_FLOAT) / 2",
        "SELECT CAST('42' AS INTEGER) + 1, CAST('2.5' AS REAL) * 2, CAST(7 AS REAL) / 2, CAST(3.9 AS INTEGER), "
        "CAST(-3.9 AS INTEGER), 8, 1.25, 0.5, 1.5")
    add("SELECT CONVERT(0, SQL_BIT), CONVERT(5, SQL_BIT), {fn CONVERT('true', SQL_BIT)}, CONVERT(NULL, SQL_BIT), "
        "CONVERT(12, SQL_CHAR) || CONVERT(3.5, SQL_LONGVARCHAR) || {fn CONVERT(-1, SQL_WCHAR)}",
        "SELECT 0, 1, 1, NULL, '123.5-1'")
    add("SELECT Username, {fn CONVERT(LENGTH(Username), SQL_WLONGVARCHAR)} || 'c' FROM Users "
        "WHERE Username LIKE 'user001%' AND {fn CONVERT(IsEnabled, SQL_BIT)} = 1",
        "SELECT Username, CAST(LENGTH(Username) AS TEXT) || 'c' FROM Users WHERE Username LIKE 'user001%' "
        "AND IsEnabled = 1")
    add("SELECT {fn CONVERT(YEAR(CreatedAt), SQL_CHAR)}, COUNT(*) FROM Users "
        "GROUP BY {fn CONVERT(YEAR(CreatedAt), SQL_CHAR)} ORDER BY 1",
        "SELECT substr(CreatedAt, 1, 4), COUNT(*) FROM Users GROUP BY 1 ORDER BY 1", True)
    add("SELECT Name, {fn CONVERT(IsDefault, SQL_BIT)}, CONVERT(UserCount, SQL_DOUBLE), "
        "{fn CONVERT({fn CONVERT(UserCount, SQL_VARCHAR)}, SQL_BIGINT)} FROM Populations",
        "SELECT Name, IsDefault, CAST(UserCount AS REAL), UserCount FROM Populations")
    add("SELECT u.Username FROM Users u JOIN Populations p ON {fn CONVERT(u.PopulationId, SQL_VARCHAR)} = p.Id "
        "WHERE u.Username LIKE 'user000%' AND CONVERT(p.IsDefault, SQL_INTEGER) = 1",
        "SELECT u.Username FROM Users u JOIN Populations p ON u.PopulationId = p.Id "
        "WHERE u.Username LIKE 'user000%' AND p.IsDefault = 1")
    # UPPER/LOWER beyond ASCII (the oracle's are ASCII-only: expected values come from Python)
    def simple(text, f):
        out = []
        for ch in text:
            m = f(ch)
            out.append("i" if ch == "\u0130" and f is str.lower else m if len(m) == 1 else ch)
        return "".join(out)

    def q(text):
        return text.replace("'", "''")

    for w in ["Ærøskøbing Łódź", "Ελληνικά ΆΈΉ ς", "Кириллица Ёж Ђ", "Հայերեն", "ქართული",
              "İstanbul ıi", "straße ǅ", "Ὀδυσσεύς", "ᏣᎳᎩ", "ＡＢｃ"]:
        add("SELECT UPPER('%s'), LOWER('%s')" % (q(w), q(w)),
            "SELECT '%s', '%s'" % (q(simple(w, str.upper)), q(simple(w, str.lower))))
    for n in odd:
        add("SELECT UPPER(Username), LOWER(UPPER(Username)) FROM Users WHERE Username = '%s'" % q(n),
            "SELECT '%s', '%s'" % (q(simple(n, str.upper)), q(simple(simple(n, str.upper), str.lower))))
        add("SELECT Username FROM Users WHERE UPPER(Username) = '%s'" % q(simple(n, str.upper)),
            "SELECT Username FROM Users WHERE Username = '%s'" % q(n))
    # expressions without FROM (cheap): arithmetic, strings, CASE, NULL handling
    for a in range(-3, 15):
        add("SELECT %d * 3 - 1, ABS(%d), %d %% 4, CASE WHEN %d %% 2 = 0 THEN 'even' ELSE 'odd' END" % (a, a, a, a),
            "SELECT %d * 3 - 1, ABS(%d), %d %% 4, CASE WHEN %d %% 2 = 0 THEN 'even' ELSE 'odd' END" % (a, a, a, a))
        add("SELECT COALESCE(NULLIF(%d, 0), -1), %d IN (1, 2, NULL), %d NOT BETWEEN 2 AND 8" % (a, a, a))
    return C


def run_driver(cx, sql):
    cur = cx.cursor()
    cur.execute(sql)
    rows = cur.fetchall() if cur.description else []
    cur.close()
    return rows


def main():
    t0 = time.time()
    db, env = load_oracle()
    cases = build_cases(db, env)
    t.ok(len(cases) >= 400, "corpus has %d cases" % len(cases))
    expected = []
    for sql, oracle, ordered in cases:
        try:
            expected.append(norm_rows(db.execute(oracle or sql).fetchall(), ordered))
        except sqlite3.Error as e:
            expected.append(("oracle error", str(e)))
    results = {}
    for level in ("Full", "None"):
        cx = pyodbc.connect("DSN=%s;PushDown=%s" % (os.environ["P1_DSN"], level), autocommit=True)
        bad = 0
        got_all = []
        for (sql, oracle, ordered), want in zip(cases, expected):
            try:
                got = norm_rows(run_driver(cx, sql), ordered)
            except pyodbc.Error as e:
                got = ("driver error", str(e))
            got_all.append(got)
            if got != want:
                bad += 1
                if bad <= 15:
                    t.diag("MISMATCH (%s) %s\n#   driver: %.300s\n#   oracle: %.300s" % (level, sql, got, want))
        results[level] = got_all
        t.ok(bad == 0, "PushDown=%s: %d of %d cases match the oracle" % (level, len(cases) - bad, len(cases)))
        cx.close()
    same = sum(1 for a, b in zip(results["Full"], results["None"]) if a == b)
    t.ok(same == len(cases), "pushdown invariance: %d of %d identical with Full and None" % (same, len(cases)))
    check_requests(env)
    # Timing is reported, never asserted (shared machines are noisy; see bench/).
    t.diag("corpus ran in %.1f s" % (time.time() - t0))


def count_requests(cx, sql, path=None):
    t.clear_requests()
    run_driver(cx, sql)
    return len(t.data_requests(t.requests(path)))


def check_requests(env):
    cx = pyodbc.connect("DSN=%s;PushDown=Full" % os.environ["P1_DSN"], autocommit=True)
    u = env.users[7]
    t.is_eq(count_requests(cx, "SELECT Username FROM Users WHERE Id = '%s'" % u["id"]), 1, "point lookup: 1 request")
    t.is_eq(count_requests(cx, "SELECT Username FROM Users WHERE Username = '%s'" % u["username"]), 1,
            "username filter: 1 request")
    t.is_eq(count_requests(cx, "SELECT Username FROM Users LIMIT 5"), 1, "LIMIT 5: 1 request")
    t.is_eq(count_requests(cx, "SELECT Username FROM Users WHERE 1 = 0"), 0, "WHERE 1=0: no request")
    t.is_eq(count_requests(cx, "SELECT TOP 0 * FROM Users"), 0, "TOP 0: no request")
    n = count_requests(cx, "SELECT COUNT(*) FROM Users WHERE Username LIKE 'user00%'")
    if n == 1:
        t.ok(True, "COUNT(*) with a pushed filter: 1 request")
    else:
        t.ok(True, "# SKIP COUNT(*) shortcut: the provider has no count operation yet (%d requests)" % n)
    reqs_all = count_requests(cx, "SELECT Username FROM Users")
    n = count_requests(cx, "SELECT u.Username, p.Name FROM Users u JOIN Populations p ON u.PopulationId = p.Id "
                           "WHERE u.Username = '%s'" % u["username"])
    t.ok(n <= 2 and n < reqs_all, "join by key: %d requests, the users collection is not scanned (%d)" % (n, reqs_all))
    t.clear_requests()
    run_driver(cx, "SELECT m.GroupName FROM UserGroupAssociations m JOIN Users u ON m.UserId = u.Id "
                   "WHERE u.Username = '%s'" % u["username"])
    reqs = t.data_requests(t.requests())
    t.ok(len(reqs) <= 3, "memberships joined through the user key: %d requests" % len(reqs))
    n = count_requests(cx, "SELECT u.Username FROM Users u WHERE u.Username LIKE 'user000%' AND EXISTS "
                           "(SELECT 1 FROM UserGroupAssociations m WHERE m.UserId = u.Id)")
    t.ok(2 <= n <= 11, "correlated EXISTS by user key: %d requests (1 for the users, 1 per user)" % n)
    n = count_requests(cx, "SELECT g.Name FROM Groups g WHERE EXISTS (SELECT 1 FROM Populations p WHERE "
                           "p.Id = g.PopulationId)")
    t.ok(n <= 1 + len(env.populations), "correlated subquery runs once per distinct outer value: %d requests "
         "for %d groups" % (n, len(env.groups)))
    cx.close()


if __name__ == "__main__":  # random_where.py imports the helpers
    t.run(main)
