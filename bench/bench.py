"""Benchmark: requests, time and memory per query with each PushDown level.

Run with `make bench` (or tests/integration/with-emulator.sh /usr/bin/python3
bench/bench.py). Prints a table; asserts nothing (timings on shared machines
are noisy; request counts are what the tests assert).
"""
import os
import resource
import sys
import time

sys.path.insert(0, os.path.join(os.environ.get("top_srcdir", "."), "tests", "integration"))
import p1test  # noqa: E402
import pyodbc  # noqa: E402

QUERIES = [
    ("point lookup by username", "SELECT Id, Email FROM Users WHERE Username = 'user0042'"),
    ("prefix LIKE", "SELECT Id FROM Users WHERE Username LIKE 'user012%'"),
    ("IN list of 3", "SELECT Id FROM Users WHERE Username IN ('user0001','user0500','user2000')"),
    ("OR of two columns", "SELECT Id FROM Users WHERE Email = '{email}' OR LastName = 'Nobody'"),
    ("LIMIT 5", "SELECT Id FROM Users LIMIT 5"),
    ("full scan", "SELECT Id, Username, Email, CreatedAt FROM Users"),
]


def run(level, sql, reps=3, pagesize=1000):
    cn = pyodbc.connect("DSN=%s;PushDown=%s;Pagesize=%d" % (os.environ["P1_DSN"], level, pagesize))
    cur = cn.cursor()
    best = None
    for _ in range(reps):
        p1test.clear_requests()
        t0 = time.perf_counter()
        n = 0
        for _row in cur.execute(sql):
            n += 1
        dt = time.perf_counter() - t0
        reqs = len(p1test.data_requests(p1test.requests()))
        best = dt if best is None else min(best, dt)
    cn.close()
    return n, reqs, best


def main():
    u100 = [u for u in p1test.default_env().users if u["username"] == "user0100"][0]
    queries = [(n, q.replace("{email}", u100.get("email", ""))) for n, q in QUERIES]
    print("%-26s %-9s %6s %9s %10s" % ("query", "PushDown", "rows", "requests", "best ms"))
    for name, sql in queries:
        for level in ("Full", "KeysOnly", "None"):
            n, reqs, dt = run(level, sql)
            print("%-26s %-9s %6d %9d %10.1f" % (name, level, n, reqs, dt * 1000))
        # What a driver that pushes only Id and reads 200 rows a request does.
        n, reqs, dt = run("KeysOnly", sql, pagesize=200)
        print("%-26s %-9s %6d %9d %10.1f" % (name, "Keys/200", n, reqs, dt * 1000))
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cn = pyodbc.connect("DSN=%s;Pagesize=100" % os.environ["P1_DSN"])
    n = sum(1 for _ in cn.cursor().execute("SELECT * FROM Users"))
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print()
    print("streaming: scanned %d users with Pagesize=100; peak RSS grew by %d KiB "
          "(client process, pyodbc included)" % (n, rss1 - rss0))


main()
