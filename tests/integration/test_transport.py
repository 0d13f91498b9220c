"""Transport behaviour through unixODBC and pyodbc against the emulator (TAP).

1. Connection reuse, counted by the emulator (/__emulator/connections):
   * one ODBC connection keeps one libcurl easy handle, so the token request,
     the requests made while connecting and every later query share one
     keep-alive TCP+TLS connection. In these tests the token endpoint
     (AuthorizationServerURL) and the API (APIBaseURL) are the same
     host:port, so that is exactly 1 connection; against PingOne itself
     (auth.pingone.* and api.pingone.* are different hosts) it is 2.
   * a fan-out (a child table without its parent key) lists the parents on
     that same connection and runs the child listings through a libcurl
     multi handle, at most 4 at a time; the multi handle keeps its connections
     between listings, so the first fan-out query opens exactly 4 new
     connections however many listings it makes.
   * the ODBC connection keeps that multi handle (parked when the scan ends,
     pingone/fanout.h), so the next fan-out query reuses the same 4
     connections and opens none. Only one is kept: a fan-out that starts
     while another one's scan is still open (two cursors) opens 4 of its own,
     and when both end one set of 4 is closed. A fan-out ended early (TOP n)
     or by an error parks its handle without transfers in flight.
2. Pages without `_embedded` or without the collection key (/__emulator/pages):
   zero rows and no error on an empty result; mid-scan, a page with `next` but
   no items does not end the scan; for plain scans, fan-outs and COUNT(*).

Expected values come from the emulator's dataset, never from the driver.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import p1test as t  # noqa: E402

import pyodbc  # noqa: E402

NOBODY = "nobody.at.all"


def conns():
    """The emulator's connection counters (without the per-connection list)."""
    return t._call("GET", "/__emulator/connections")


def clear_conns():
    """Restart the emulator's connection counters."""
    t._call("DELETE", "/__emulator/connections")


def page_fault(match, omit, count=1, page=None):
    """Queue a page without _embedded (omit="embedded") or without its key ("key")."""
    body = {"match": match, "omit": omit, "count": count}
    if page is not None:
        body["page"] = page
    t._call("POST", "/__emulator/pages", body)


def pending_page_faults():
    """Page faults not used yet."""
    return t._call("GET", "/__emulator/pages")["pages"]


def group_member_rows():
    """Rows of GroupMembers: (group, user) for every direct or indirect membership."""
    ten = t.tenant()
    env = ten.envs[t.dataset.DEFAULT_ENV_ID]
    return sum(len(ten.memberships.get(u["id"], [])) for u in env.users)


def test_reuse(connstr):
    """One connection for connect + 20 queries; 4 for a fan-out of 40 listings."""
    env = t.default_env()
    clear_conns()
    c = pyodbc.connect(connstr, autocommit=True)
    st = conns()
    t.is_eq(st["newApiConnections"], 1, "connect: token and setup requests share 1 connection")
    main_conn = [x["id"] for x in st["connections"] if x["requests"]]
    connect_reqs = t.requests()
    t.ok(any(r["path"].endswith("/as/token") for r in connect_reqs) and
         any(r["path"].startswith("/v1/") for r in connect_reqs),
         "connect made a token request and API requests (%d in all)" % len(connect_reqs))

    clear_conns()
    t.clear_requests()
    cur = c.cursor()
    pops = env.populations
    names = []
    for i in range(20):
        row = cur.execute("SELECT Name FROM Populations WHERE Id = ?",
                          pops[i % len(pops)]["id"]).fetchone()
        names.append(row[0] if row else None)
    t.is_eq(names, [pops[i % len(pops)]["name"] for i in range(20)],
            "20 sequential queries answered")
    reqs = t.data_requests(t.requests())
    t.is_eq(len(reqs), 20, "20 queries made 20 API requests (one GET by id each)")
    st = conns()
    t.is_eq(st["newApiConnections"], 0, "20 queries opened no new connection")
    t.is_eq(st["apiConnections"], 1, "20 queries used exactly 1 connection")
    t.is_eq(sorted({r["connection"] for r in reqs}), main_conn,
            "... the one the connect used (keep-alive)")

    fan_conns = None
    for attempt in (1, 2):
        clear_conns()
        t.clear_requests()
        n = cur.execute("SELECT COUNT(*) FROM GroupMembers").fetchone()[0]
        t.is_eq(n, group_member_rows(), "fan-out %d: GroupMembers without GroupId counted" % attempt)
        reqs = t.data_requests(t.requests())
        children = [r for r in reqs if r["path"].endswith("/users")]
        t.ok(len(children) >= len(env.groups),
             "fan-out %d: %d child listings for %d groups" % (attempt, len(children),
                                                              len(env.groups)))
        st = conns()
        # The first fan-out opens one connection per concurrent listing (4);
        # the second takes the multi handle the first one parked in the ODBC
        # connection, whose connection cache still holds those 4 open
        # keep-alive connections, so it opens exactly 0.
        want_new = 4 if attempt == 1 else 0
        t.is_eq(st["newApiConnections"], want_new,
                "fan-out %d: exactly %d new connections (%s)" % (
                    attempt, want_new, "one per concurrent listing" if attempt == 1
                    else "the first fan-out's 4 are reused"))
        t.is_eq(st["apiConnections"], 5, "fan-out %d: 5 in all (the parent listing on the "
                "connection's own, kept-alive connection)" % attempt)
        parents = [r for r in reqs if r["path"].endswith("/groups")]
        t.ok(parents and {r["connection"] for r in parents} == set(main_conn),
             "fan-out %d: the parent listing reused the connection's own connection" % attempt)
        these = {r["connection"] for r in children}
        if attempt == 1:
            t.ok(len(these) == 4 and not these & set(main_conn),
                 "fan-out 1: the %d child listings ran over the 4 new connections" % len(children))
            fan_conns = these
        else:
            t.ok(these == fan_conns,
                 "fan-out 2: the %d child listings ran over fan-out 1's 4 connections"
                 % len(children))
    c.close()
    return main_conn


def api_conns_open():
    """Connections that carried API requests since the last clear and are still open."""
    return sum(1 for x in conns()["connections"] if x["requests"] and x["open"])


def fanout_conns(expect_new, label, cur, sql, want):
    """Run fan-out query sql (first column of the first row must be want) and
    check it opened expect_new new connections (an int, or a maximum given as
    a one-element list). Returns the connection ids of its child listings."""
    clear_conns()
    t.clear_requests()
    t.is_eq(cur.execute(sql).fetchone()[0], want, "%s: right answer" % label)
    st = conns()
    if isinstance(expect_new, list):
        t.ok(st["newApiConnections"] <= expect_new[0], "%s: at most %d new connections (%d)"
             % (label, expect_new[0], st["newApiConnections"]))
    else:
        t.is_eq(st["newApiConnections"], expect_new, "%s: exactly %d new connections"
                % (label, expect_new))
    return {r["connection"] for r in t.data_requests(t.requests()) if r["path"].endswith("/users")}


def test_pool(connstr):
    """The parked multi handle: joins, two fan-outs at once, early and failed ends."""
    env = t.default_env()
    ten = t.tenant()
    gm = group_member_rows()
    count = "SELECT COUNT(*) FROM GroupMembers"
    c = pyodbc.connect(connstr, autocommit=True)
    cur = c.cursor()
    clear_conns()
    first = fanout_conns(4, "new connection, first fan-out", cur, count, gm)
    again = fanout_conns(0, "new connection, second fan-out", cur, count, gm)
    t.ok(first == again and len(first) == 4, "... over the same 4 connections")

    # A join of two fan-out tables (a self-join on UserId: the provider cannot
    # push UserId IN (...) to GroupMembers, so both sides list every group's
    # members). The engine reads join sources one after the other, so the
    # second side takes the handle the first side parked: 0 new connections
    # (were both scans open at once, the second would open 4 of its own, as
    # the two cursors below do).
    join = ("SELECT COUNT(*) FROM GroupMembers a JOIN GroupMembers b ON a.UserId = b.UserId")
    pairs = sum(len(ten.memberships.get(u["id"], [])) ** 2 for u in env.users)
    fanout_conns(0, "join of two fan-outs", cur, join, pairs)
    children = [r for r in t.data_requests(t.requests()) if r["path"].endswith("/users")]
    t.ok(len(children) >= 2 * len(env.groups), "... both sides fanned out (%d child listings for "
         "%d groups)" % (len(children), len(env.groups)))

    # Two fan-outs open at once on one connection: cur1's scan holds the parked
    # handle while cur2 runs, so cur2 makes its own multi handle (4 new
    # connections, 9 in all); when both scans end only one handle is kept and
    # the other's 4 connections are closed.
    clear_conns()
    t.clear_requests()
    cur1, cur2 = c.cursor(), c.cursor()
    rows_sql = "SELECT GroupId, UserId FROM GroupMembers"
    cur1.execute(rows_sql)
    head = cur1.fetchmany(5)
    n2 = len(cur2.execute(rows_sql).fetchall())
    n1 = len(head) + len(cur1.fetchall())
    t.is_eq((n1, n2), (gm, gm), "two fan-outs open at once: both complete")
    st = conns()
    t.is_eq(st["newApiConnections"], 4, "... the second one opened exactly 4 new connections")
    t.is_eq(st["apiConnections"], 9, "... 9 in all (1 + 4 + 4)")
    cur1.close()
    cur2.close()
    for _ in range(50):
        if api_conns_open() <= 5:
            break
        time.sleep(0.1)
    t.is_eq(api_conns_open(), 5, "... after both scans closed, 5 remain open (one handle kept)")
    fanout_conns(0, "fan-out after the two", cur, count, gm)

    # Ended early (TOP: the scan is closed with listings in flight) and ended by
    # an error (a child listing answers 403 while the others run): the handle
    # is parked without transfers; libcurl closed the connections of the aborted
    # transfers, so the next fan-out opens at most 4 and the one after it none.
    top = cur.execute("SELECT TOP 3 GroupId FROM GroupMembers").fetchall()
    t.is_eq(len(top), 3, "TOP 3 of a fan-out: 3 rows")
    fanout_conns([4], "fan-out after one closed early", cur, count, gm)
    fanout_conns(0, "... and the next one", cur, count, gm)
    t.fault("/users$", 403)
    try:
        cur.execute(count).fetchone()
        t.ok(False, "a fan-out with a failing listing fails")
    except pyodbc.Error as exc:
        t.is_eq(exc.args[0], "28000", "a fan-out with a failing listing (403) fails with 28000")
    t.clear_faults()
    fanout_conns([4], "fan-out after a failed one", cur, count, gm)
    fanout_conns(0, "... and the next one", cur, count, gm)
    c.close()


def scalar(cur, sql, *params):
    """First column of the first row."""
    return cur.execute(sql, *params).fetchone()[0]


def test_pages(connstr):
    """Pages without _embedded / without the key: empty results and mid-scan pages."""
    env = t.default_env()
    c = pyodbc.connect(connstr, autocommit=True)
    cur = c.cursor()
    users = env.users
    for omit in ("embedded", "key"):
        label = "no _embedded" if omit == "embedded" else "_embedded without its key"
        t._call("DELETE", "/__emulator/pages")
        page_fault("/users$", omit)
        rows = cur.execute("SELECT Id FROM Users WHERE Username = ?", NOBODY).fetchall()
        t.is_eq(rows, [], "empty result, %s: zero rows, no error" % label)
        t.is_eq(pending_page_faults(), [], "... the page fault was served")

        page_fault("/users$", omit)
        t.is_eq(scalar(cur, "SELECT COUNT(*) FROM Users WHERE Username = ?", NOBODY), 0,
                "COUNT(*) of an empty result, %s: 0" % label)
        t.is_eq(pending_page_faults(), [], "... the page fault was served")

        page_fault("/users$", omit, page=0)
        page_fault("/users$", omit, page=2)
        t.clear_requests()
        ids = [r[0] for r in cur.execute("SELECT Id FROM Users").fetchall()]
        t.is_eq(len(ids), len(users), "full scan, %s on pages 0 and 2: every user (%d)"
                % (label, len(users)))
        t.is_eq(sorted(ids), sorted(u["id"] for u in users), "... the right users, once each")
        t.is_eq(pending_page_faults(), [], "... both page faults were served")
        scans = [r for r in t.data_requests(t.requests()) if r["path"].endswith("/users")]
        t.ok(len(scans) >= 4, "... the scan went on past the item-less pages (%d requests)"
             % len(scans))

        page_fault("/users$", omit)
        t.clear_requests()
        t.is_eq(scalar(cur, "SELECT COUNT(*) FROM Users"), len(users),
                "COUNT(*) of Users, %s on its page: the total" % label)
        t.ok(len(t.data_requests(t.requests())) == 1 and pending_page_faults() == [],
             "... read from `count` of the one (item-less) page")
        page_fault("/users$", omit, count=2)
        t.is_eq(scalar(cur, "SELECT COUNT(*) FROM Users WHERE Username LIKE '%ser00%'"),
                sum(1 for u in users if "ser00" in u["username"]),
                "COUNT(*) read by scanning, %s on two pages: every match" % label)
        t.is_eq(pending_page_faults(), [], "... both page faults were served")

        # fan-out: the first pages of 5 child listings hold no items, their next pages do
        page_fault("/users$", omit, count=5, page=0)
        t.is_eq(scalar(cur, "SELECT COUNT(*) FROM GroupMembers"), group_member_rows(),
                "fan-out COUNT(*), %s on 5 child listings: every membership" % label)
        t.is_eq(pending_page_faults(), [], "... the 5 page faults were served")

        # a parent-key listing (one user's groups), empty and mid-listing
        ten = t.tenant()
        joined = next(u for u in users if len(ten.memberships.get(u["id"], [])) >= 2)
        want = sorted(m["id"] for m in ten.memberships[joined["id"]])
        page_fault("/memberOfGroups$", omit)
        got = sorted(r[0] for r in cur.execute(
            "SELECT GroupId FROM UserGroupAssociations WHERE UserId = ?", joined["id"]))
        t.is_eq(got, want, "UserGroupAssociations of one user, %s on its first page" % label)
        lonely = next(u for u in users if not ten.memberships.get(u["id"]))
        page_fault("/memberOfGroups$", omit)
        t.is_eq(cur.execute("SELECT GroupId FROM UserGroupAssociations WHERE UserId = ?",
                            lonely["id"]).fetchall(), [],
                "UserGroupAssociations of a user in no group, %s: zero rows" % label)
        t.is_eq(pending_page_faults(), [], "... both page faults were served")
    c.close()


def main():
    connstr = os.environ["P1_CONNSTR"]
    test_reuse(connstr)
    test_pool(connstr)
    test_pages(connstr)


if __name__ == "__main__":
    t.run(main)
