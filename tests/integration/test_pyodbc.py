"""pyodbc through unixODBC against the emulator: the Foundation assertions.

Run by tests/integration/pyodbc.sh under with-emulator.sh. Prints TAP.
"""
import datetime
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import p1test as t  # noqa: E402

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


def jget(item, path):
    """Value at a dotted JSON path, None when absent."""
    cur = item
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def ts(s):
    """PingOne timestamp text -> naive UTC datetime with milliseconds."""
    if s is None:
        return None
    d = datetime.datetime.strptime(s.replace("Z", ""), "%Y-%m-%dT%H:%M:%S.%f")
    return d.replace(microsecond=(d.microsecond // 1000) * 1000)


def expected_user_row(u):
    row = []
    for col, path in USER_COLS:
        v = jget(u, path)
        if col in ("CreatedAt", "UpdatedAt"):
            v = ts(v)
        row.append(v)
    return tuple(row)


def connect(extra=""):
    return pyodbc.connect("DSN=%s;%s" % (os.environ["P1_DSN"], extra))


def sqlstate_of(fn):
    try:
        fn()
    except pyodbc.Error as e:
        return e.args[0], str(e)
    return None, ""


def main():
    env = t.default_env()
    users = env.users
    by_name = {u["username"]: u for u in users}
    cn = connect()
    cur = cn.cursor()

    # 1. Point lookup by username: right row, exactly one users request, SCIM filter pushed.
    t.clear_requests()
    cur.execute("SELECT Id, Username, Email FROM Users WHERE Username = 'user0042'")
    rows = [tuple(r) for r in cur.fetchall()]
    u42 = by_name["user0042"]
    t.is_eq(rows, [(u42["id"], "user0042", u42.get("email"))], "user0042 found by username")
    reqs = t.data_requests(t.requests())
    t.is_eq(len(reqs), 1, "exactly one management request for the username lookup")
    if reqs:
        t.is_eq(reqs[0]["query"].get("filter"), 'username eq "user0042"', "filter pushed as SCIM eq")
        t.ok(reqs[0]["path"].endswith("/users"), "request went to the users collection")

    # 2. Every user exactly once across short pages.
    t.clear_requests()
    cur.execute("SELECT Id FROM Users")
    ids = [r[0] for r in cur.fetchall()]
    t.is_eq(len(ids), len(users), "SELECT Id FROM Users returns every user")
    t.is_eq(len(set(ids)), len(ids), "no user is returned twice")
    t.is_eq(set(ids), {u["id"] for u in users}, "the ids are exactly the dataset's")
    pages = t.data_requests(t.requests("/users"))
    t.ok(len(pages) >= 3, "the scan followed several pages (%d requests)" % len(pages))

    # 3. All columns of a user, typed.
    cur.execute("SELECT * FROM Users WHERE Username = ?", "user0007")
    got = cur.fetchone()
    n = len(USER_COLS)
    t.is_eq(tuple(got)[:n] if got else None, expected_user_row(by_name["user0007"]),
            "SELECT * maps every core column of user0007")
    names = [d[0] for d in cur.description]
    t.is_eq(names[:n], [c for c, _ in USER_COLS], "Users core columns first, in CData order")
    t.is_eq(names[-1], "RawJson", "the item's raw JSON is the last column")

    # 4. Non-BMP names round-trip as SQL_C_WCHAR.
    nonbmp = [u for u in users
              if any(ord(ch) > 0xFFFF for ch in (jget(u, "name.given") or "") + (jget(u, "name.family") or "") + (u.get("nickname") or ""))]
    t.ok(len(nonbmp) >= 1, "dataset has users with non-BMP characters")
    for u in nonbmp[:3]:
        cur.execute("SELECT FirstName, LastName, Nickname FROM Users WHERE Id = ?", u["id"])
        got = tuple(cur.fetchone() or ())
        want = (jget(u, "name.given"), jget(u, "name.family"), u.get("nickname"))
        t.is_eq(got, want, "non-BMP names of %s round-trip" % u["username"])
        # Matching by a non-BMP value works too (pushed and re-checked locally).
        if want[0]:
            cur.execute("SELECT Username FROM Users WHERE FirstName = ?", want[0])
            t.ok(u["username"] in [r[0] for r in cur.fetchall()], "found by non-BMP first name")

    # 5. The quote/backslash username, and an injection attempt.
    special = [u for u in users if '"' in u["username"] and "\\" in u["username"]]
    t.ok(len(special) == 1, "dataset has the quote/backslash username")
    if special:
        name = special[0]["username"]
        cur.execute("SELECT Id, Username FROM Users WHERE Username = '%s'" % name.replace("'", "''"))
        t.is_eq([tuple(r) for r in cur.fetchall()], [(special[0]["id"], name)],
                "quote/backslash username found by = literal")
        cur.execute("SELECT Id FROM Users WHERE Username = ?", name)
        t.is_eq([r[0] for r in cur.fetchall()], [special[0]["id"]], "found by = parameter")
    t.clear_requests()
    cur.execute("SELECT Id FROM Users WHERE Username = 'x\" or username sw \"u'")
    t.is_eq(cur.fetchall(), [], "injection attempt returns nothing")
    for r in t.data_requests(t.requests()):
        t.is_eq(r["status"], 200, "injection attempt was sent as one quoted value")

    # 6. LIMIT stops paging.
    t.clear_requests()
    cur.execute("SELECT Id FROM Users LIMIT 5")
    t.is_eq(len(cur.fetchall()), 5, "LIMIT 5 returns 5 rows")
    t.is_eq(len(t.data_requests(t.requests())), 1, "LIMIT 5 makes one request")

    # 7. LIKE prefix pushed as sw, result equals local evaluation.
    t.clear_requests()
    cur.execute("SELECT Username FROM Users WHERE Username LIKE 'user001%'")
    got = sorted(r[0] for r in cur.fetchall())
    want = sorted(u["username"] for u in users if u["username"].startswith("user001"))
    t.is_eq(got, want, "LIKE 'user001%' rows")
    reqs = t.data_requests(t.requests())
    t.ok(reqs and reqs[0]["query"].get("filter") == 'username sw "user001"', "LIKE prefix pushed as sw")

    # 8. Case-sensitive semantics are kept although PingOne matches case-insensitively.
    cur.execute("SELECT Id FROM Users WHERE Username = 'USER0042'")
    t.is_eq(cur.fetchall(), [], "= is case-sensitive (USER0042 does not match user0042)")

    # 9. Other tables.
    cur.execute("SELECT Id, Name, IsDefault, UserCount FROM Populations")
    got = sorted(tuple(r) for r in cur.fetchall())
    want = sorted((p["id"], p["name"], p.get("default"), p.get("userCount")) for p in env.populations)
    t.is_eq(got, want, "Populations rows")
    cur.execute("SELECT Id, Name, PopulationId, ExternalId FROM Groups")
    got = sorted(tuple(r) for r in cur.fetchall())
    want = sorted((g["id"], g["name"], jget(g, "population.id"), g.get("externalId")) for g in env.groups)
    t.is_eq(got, want, "Groups rows")
    memberships = t.tenant().memberships
    member = next(u for u in users if memberships.get(u["id"]))
    cur.execute("SELECT UserId, GroupId, GroupName, Type FROM UserGroupAssociations WHERE UserId = ?",
                member["id"])
    got = sorted(tuple(r) for r in cur.fetchall())
    want = sorted((member["id"], m["id"], m["name"], m["type"]) for m in memberships[member["id"]])
    t.is_eq(got, want, "UserGroupAssociations for one user")

    # 10. Errors become the right SQLSTATEs.
    st, msg = sqlstate_of(lambda: cur.execute("SELEC Id FROM Users"))
    t.is_eq(st, "42000", "syntax error is 42000")
    t.ok("line 1" in msg and "column" in msg, "syntax error names line and column")
    st, msg = sqlstate_of(lambda: cur.execute("SELECT Id FROM NoSuchTable"))
    t.is_eq(st, "42S02", "unknown table is 42S02")
    t.ok("NoSuchTable" in msg, "message names the table")
    st, msg = sqlstate_of(lambda: cur.execute("SELECT NoSuchColumn FROM Users"))
    t.is_eq(st, "42S22", "unknown column is 42S22")
    t.ok("NoSuchColumn" in msg, "message names the column")
    st, msg = sqlstate_of(lambda: connect("OAuthClientSecret=wrong-secret"))
    t.is_eq(st, "28000", "bad client secret is 28000")
    t.ok("wrong-secret" not in msg, "the secret is not echoed")
    st, msg = sqlstate_of(lambda: pyodbc.connect(
        os.environ["P1_CONNSTR"].replace("OAuthClientId=", "Ignored=")))
    t.ok(st is not None and "OAuthClientId" in msg, "missing OAuthClientId is named")

    # 11. PingOne failures carry code, message and Correlation-Id; 429 is retried.
    t.fault("/users$", 500, count=10, code="UNEXPECTED_ERROR")
    st, msg = sqlstate_of(lambda: cur.execute("SELECT Id FROM Users").fetchall())
    t.clear_faults()
    t.ok(st is not None, "HTTP 500 becomes an error (%s)" % st)
    t.ok("Correlation-Id" in msg and "UNEXPECTED_ERROR" in msg, "error names PingOne code and Correlation-Id")
    t.fault("/users$", 429, count=1, retry_after=1)
    cur.execute("SELECT Id FROM Users WHERE Username = 'user0001'")
    t.is_eq(len(cur.fetchall()), 1, "a 429 with Retry-After is retried transparently")
    t.clear_faults()

    # 12. An expired token is renewed in the middle of a scan without losing rows.
    cur.execute("SELECT Id FROM Users")
    first = [r[0] for r in cur.fetchmany(1200)]
    t.expire_tokens()
    rest = [r[0] for r in cur.fetchall()]
    t.is_eq(len(first) + len(rest), len(users), "scan survives token expiry")
    t.is_eq(len(set(first + rest)), len(users), "no row lost or repeated across renewal")

    # 13. client_secret_post clients work too.
    cn2 = pyodbc.connect("DSN=%s" % os.environ["P1_DSN_POST"])
    r = cn2.cursor().execute("SELECT Username FROM Users WHERE Username = 'user0001'").fetchall()
    t.is_eq([x[0] for x in r], ["user0001"], "client_secret_post client can query")
    cn2.close()

    # 14. Pushdown never changes results.
    queries = [
        "SELECT Id FROM Users WHERE Username = 'user0042'",
        "SELECT Id FROM Users WHERE Username LIKE 'user01%' AND IsEnabled = TRUE",
        "SELECT Id FROM Users WHERE Email LIKE '%@example.com' OR LastName = 'Smith'",
        "SELECT Id FROM Users WHERE Username IN ('user0001', 'user0002', 'nobody')",
        "SELECT Id FROM Users WHERE FirstName LIKE 'J%' AND NOT (MiddleName IS NULL)",
        "SELECT Id, Name FROM Groups WHERE Name = 'Engineering'",
        "SELECT Id FROM Populations WHERE Name LIKE 'E%'",
    ]
    full = connect("PushDown=Full").cursor()
    none = connect("PushDown=None").cursor()
    for q in queries:
        a = sorted(tuple(r) for r in full.execute(q).fetchall())
        b = sorted(tuple(r) for r in none.execute(q).fetchall())
        t.is_eq(a, b, "same rows with PushDown=Full and None: " + q)

    # Pagesize is the limit of every list request.
    small = connect("Pagesize=7").cursor()
    t.clear_requests()
    got = small.execute("SELECT Id FROM Users WHERE Username LIKE 'user00%'").fetchall()
    lim = {r["query"].get("limit") for r in t.data_requests(t.requests())}
    t.is_eq(lim, {"7"}, "Pagesize=7: every users request asks limit=7")
    t.ok(len(got) > 7 and len(t.data_requests(t.requests())) > 1, "... and paging follows next (%d rows)" % len(got))
    small.connection.close()

    # A refresh token given as a literal to a procedure is not logged either.
    try:
        cur.execute("EXEC RefreshOAuthAccessToken @OAuthRefreshToken = 'rt-literal-secret-123'").fetchall()
    except pyodbc.Error:
        pass
    cn.close()

    # 15. Secrets never reach the log file.
    with open(os.environ["P1_LOGFILE"], encoding="utf-8", errors="replace") as f:
        log = f.read()
    t.ok(len(log) > 0, "the driver wrote a log")
    t.ok(os.environ["P1_CLIENT_SECRET"] not in log, "client secret not in the log")
    t.ok("wrong-secret" not in log, "rejected secret not in the log")
    t.ok("rt-literal-secret-123" not in log, "procedure-call literals not in the log")
    t.ok("EXEC RefreshOAuthAccessToken @OAuthRefreshToken = '***'" in log, "the call itself is logged, redacted")
    t.ok("Bearer " not in log and "access_token" not in log, "no token in the log")


t.run(main)
