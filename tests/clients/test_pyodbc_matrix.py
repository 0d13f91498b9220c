"""pyodbc (and pandas) client matrix against the emulator; prints TAP.

Run by tests/clients/pyodbc_matrix.sh under with-emulator.sh. Covers
metadata calls, getinfo, fetchall/fetchmany, text of fence-post lengths in
ASCII, accented and non-BMP characters (as a literal in the select list and
as a parameter echoed back, which pyodbc sends as data-at-execution when
long), and pandas.read_sql.
"""
import datetime
import os
import re
import socket
import sys
import threading
import time
import warnings

sys.path.insert(0, os.path.join(os.environ.get("top_srcdir", "."), "tests", "integration"))
import p1test as t  # noqa: E402

import pyodbc  # noqa: E402

import dataset  # noqa: E402  (p1test puts the emulator directory on sys.path)

ENV = dataset.build().envs[dataset.DEFAULT_ENV_ID]
USERS = sorted(ENV.users, key=lambda u: u["username"])
LENGTHS = [0, 1, 255, 256, 511, 512, 1023, 1024, 4095, 4096, 4097, 10000]
ALPHABETS = [("ASCII", "abcdefghij"), ("accented", "éàüñçøÅßÉ"), ("non-BMP", "😀𝒜𠀀")]


def text_of(alphabet, n):
    """n characters cycling through alphabet."""
    return "".join(alphabet[i % len(alphabet)] for i in range(n))


def connect():
    return pyodbc.connect("DSN=" + os.environ["P1_DSN"], autocommit=True)


def test_fence_posts(cnxn):
    cur = cnxn.cursor()
    for label, alphabet in ALPHABETS:
        for n in LENGTHS:
            s = text_of(alphabet, n)
            lit = s.replace("'", "''")
            try:
                cur.execute("SELECT '%s' AS x FROM Users LIMIT 1" % lit)
                got = cur.fetchone()[0]
            except pyodbc.Error as e:
                got = e
            t.ok(got == s, "literal of %d %s characters comes back whole" % (n, label))
            if got != s:
                t.diag("got %r" % (got if isinstance(got, Exception) else (len(got), got[:40])))
            try:
                cur.execute("SELECT ? AS x FROM Users LIMIT 1", s)
                got = cur.fetchone()[0]
            except pyodbc.Error as e:
                got = e
            t.ok(got == s, "parameter of %d %s characters echoed back" % (n, label))
            if got != s:
                t.diag("got %r" % (got if isinstance(got, Exception) else (len(got), got[:40])))
    # the same through the ANSI path (SQL_C_CHAR as UTF-8)
    cnxn.setdecoding(pyodbc.SQL_CHAR, encoding="utf-8")
    cnxn.setdecoding(pyodbc.SQL_WCHAR, encoding="utf-8", ctype=pyodbc.SQL_CHAR)
    for label, alphabet in ALPHABETS:
        for n in (255, 256, 4096, 4097):
            s = text_of(alphabet, n)
            cur.execute("SELECT '%s' AS x FROM Users LIMIT 1" % s)
            got = cur.fetchone()[0]
            t.ok(got == s, "SQL_C_CHAR (UTF-8): %d %s characters" % (n, label))
    cnxn.setdecoding(pyodbc.SQL_WCHAR, encoding="utf-16le", ctype=pyodbc.SQL_WCHAR)


def test_fetching(cnxn):
    cur = cnxn.cursor()
    cur.execute("SELECT Username, Email, IsEnabled, CreatedAt FROM Users ORDER BY Username")
    first = cur.fetchmany(7)
    t.is_eq([r[0] for r in first], [u["username"] for u in USERS[:7]], "fetchmany(7)")
    nxt = cur.fetchone()
    t.is_eq(nxt[0], USERS[7]["username"], "fetchone after fetchmany")
    rest = cur.fetchall()
    t.is_eq(len(rest), len(USERS) - 8, "fetchall: the remaining %d rows" % (len(USERS) - 8))
    u = USERS[8]
    t.is_eq(rest[0][1], u.get("email"), "Email (NULL as None)")
    t.is_eq(rest[0][2], u["enabled"], "IsEnabled is a bool")
    want = datetime.datetime.strptime(u["createdAt"][:-1], "%Y-%m-%dT%H:%M:%S.%f")
    t.is_eq(rest[0][3], want, "CreatedAt is a datetime")
    t.is_eq(cur.fetchone(), None, "fetchone at the end is None")
    cur.arraysize = 50
    cur.execute("SELECT Id FROM Users")
    t.is_eq(len(cur.fetchmany()), 50, "fetchmany() honours arraysize")
    cur.close()


def test_description(cnxn):
    cur = cnxn.cursor()
    cur.execute("SELECT Id, Username, IsEnabled, CreatedAt, COUNT(*) AS N FROM Users "
                "WHERE 1 = 0 GROUP BY Id, Username, IsEnabled, CreatedAt")
    d = {c[0]: c for c in cur.description}
    t.is_eq(d["Username"][1], str, "Username is str")
    t.is_eq(d["Username"][3], 128, "Username size 128")
    t.is_eq(d["IsEnabled"][1], bool, "IsEnabled is bool")
    t.is_eq(d["CreatedAt"][1], datetime.datetime, "CreatedAt is datetime")
    t.is_eq(d["N"][1], int, "COUNT is int")
    t.is_eq(cur.fetchall(), [], "WHERE 1 = 0 probe returns no rows")


CORE_TABLES = ["Groups", "Populations", "UserGroupAssociations", "Users"]
USER_COLUMNS = ["Id", "Username", "Email", "FirstName", "MiddleName", "LastName", "Nickname",
                "Title", "PopulationId", "IsEnabled", "CreatedAt", "UpdatedAt"]


def test_metadata(cnxn):
    cur = cnxn.cursor()
    rows = list(cur.tables())
    names = set(r.table_name for r in rows if r.table_type == "TABLE")
    t.ok(set(CORE_TABLES) <= names, "tables() lists %s" % ", ".join(CORE_TABLES))
    t.ok(all(r.table_type in ("TABLE", "VIEW", "SYSTEM TABLE") for r in rows), "table types")
    t.ok(all(r.table_type == "VIEW" for r in cur.tables(tableType="VIEW")), "tableType filter")
    users = list(cur.tables(table="Users", tableType="TABLE"))
    t.ok(len(users) >= 1, "tables(table=Users): one per schema (%d)" % len(users))
    schema = users[0].table_schem
    cols = list(cur.columns(table="Users", schema=schema))
    names = [c.column_name for c in cols]
    t.is_eq(names[:len(USER_COLUMNS)], USER_COLUMNS, "columns(Users) in table order")
    t.is_eq([c.ordinal_position for c in cols], list(range(1, len(cols) + 1)), "ordinal positions")
    t.is_eq([c.column_name for c in cur.columns(table="Users", schema=schema, column="User%")],
            ["Username"], "columns pattern User%")
    t.is_eq([r.column_name for r in cur.primaryKeys("Users", schema=schema)], ["Id"],
            "primaryKeys(Users)")
    t.ok(isinstance(list(cur.foreignKeys(table="UserGroupAssociations")), list), "foreignKeys")
    t.ok(isinstance(list(cur.statistics("Users", schema=schema)), list), "statistics(Users)")
    t.ok(isinstance(list(cur.rowIdColumns("Users", schema=schema)), list), "rowIdColumns(Users)")
    t.ok(isinstance(list(cur.procedures()), list), "procedures()")
    ti = list(cur.getTypeInfo())
    t.ok(len(ti) >= 5, "getTypeInfo: %d types" % len(ti))
    t.ok(any(r.data_type == pyodbc.SQL_WVARCHAR for r in ti), "getTypeInfo lists WVARCHAR")
    t.is_eq(len(list(cur.getTypeInfo(pyodbc.SQL_TYPE_TIMESTAMP))), 1, "getTypeInfo(TIMESTAMP)")


def test_getinfo(cnxn):
    names = ["SQL_DRIVER_NAME", "SQL_DRIVER_VER", "SQL_DRIVER_ODBC_VER", "SQL_DBMS_NAME",
             "SQL_DBMS_VER", "SQL_DATA_SOURCE_NAME", "SQL_DATA_SOURCE_READ_ONLY",
             "SQL_IDENTIFIER_QUOTE_CHAR", "SQL_SEARCH_PATTERN_ESCAPE", "SQL_MAX_COLUMN_NAME_LEN",
             "SQL_MAX_TABLE_NAME_LEN", "SQL_CATALOG_NAME_SEPARATOR", "SQL_TXN_CAPABLE",
             "SQL_ODBC_INTERFACE_CONFORMANCE", "SQL_SQL_CONFORMANCE", "SQL_AGGREGATE_FUNCTIONS",
             "SQL_STRING_FUNCTIONS", "SQL_NUMERIC_FUNCTIONS", "SQL_TIMEDATE_FUNCTIONS",
             "SQL_CONVERT_FUNCTIONS", "SQL_SQL92_PREDICATES", "SQL_SQL92_VALUE_EXPRESSIONS",
             "SQL_COLUMN_ALIAS", "SQL_ORDER_BY_COLUMNS_IN_SELECT", "SQL_OJ_CAPABILITIES",
             "SQL_GETDATA_EXTENSIONS", "SQL_CURSOR_COMMIT_BEHAVIOR", "SQL_IDENTIFIER_CASE",
             "SQL_KEYWORDS", "SQL_MAX_IDENTIFIER_LEN", "SQL_USER_NAME", "SQL_SERVER_NAME"]
    for name in names:
        try:
            v = cnxn.getinfo(getattr(pyodbc, name))
            t.ok(v is not None, "getinfo %s = %r" % (name, v if not isinstance(v, str) or
                                                      len(v) < 40 else v[:40] + "..."))
        except (pyodbc.Error, AttributeError) as e:
            t.ok(False, "getinfo %s: %s" % (name, e))
    t.is_eq(cnxn.getinfo(pyodbc.SQL_DATA_SOURCE_READ_ONLY), True, "read-only data source")
    t.is_eq(cnxn.getinfo(pyodbc.SQL_DBMS_NAME), "PingOne", "DBMS name")
    agg = cnxn.getinfo(pyodbc.SQL_AGGREGATE_FUNCTIONS)
    t.ok(agg & 0x01 and agg & 0x02 and agg & 0x08 and agg & 0x10, "aggregates AVG COUNT MIN MAX")
    sq = cnxn.getinfo(pyodbc.SQL_SUBQUERIES)
    # SQL_SQ_COMPARISON 1, EXISTS 2, IN 4, QUANTIFIED 8 (not offered), CORRELATED 16
    t.is_eq(sq & 0x17, 0x17, "subqueries: comparison, EXISTS, IN, correlated")


def test_parameters(cnxn):
    cur = cnxn.cursor()
    u = USERS[100]
    cur.execute("SELECT Username FROM Users WHERE Id = ?", u["id"])
    t.is_eq(cur.fetchall()[0][0], u["username"], "parameter in WHERE")
    cur.execute("SELECT ? + 1 AS n FROM Users LIMIT 1", 41)
    t.is_eq(int(cur.fetchone()[0]), 42, "integer parameter")
    cur.execute("SELECT COUNT(*) FROM Users WHERE CreatedAt < ?",
                datetime.datetime(2022, 1, 1))
    want = sum(1 for x in USERS if x["createdAt"] < "2022-01-01")
    t.is_eq(cur.fetchone()[0], want, "datetime parameter")
    # None makes pyodbc ask SQLDescribeParam for the type: it binds as the compared column's type
    cur.execute("SELECT COUNT(*) FROM Users WHERE CreatedAt > ? OR IsEnabled = ?", None, None)
    t.is_eq(cur.fetchone()[0], 0, "None for TIMESTAMP and BIT parameters (NULL compares unknown)")
    cur.execute("SELECT COUNT(*) FROM Users WHERE IsEnabled = ? AND CreatedAt < ?", True,
                datetime.datetime(2022, 1, 1))
    want = sum(1 for x in USERS if x["createdAt"] < "2022-01-01" and x.get("enabled"))
    t.is_eq(cur.fetchone()[0], want, "bool and datetime parameters together")


def test_errors(cnxn):
    cur = cnxn.cursor()
    try:
        cur.execute("SELECT Nope FROM Users")
        t.ok(False, "unknown column raises")
    except pyodbc.ProgrammingError as e:
        t.is_eq(e.args[0], "42S22", "unknown column: 42S22")
    try:
        cur.execute("SELEC 1")
        t.ok(False, "syntax error raises")
    except pyodbc.ProgrammingError as e:
        t.is_eq(e.args[0], "42000", "syntax error: 42000")


def test_pandas(cnxn):
    try:
        import pandas
    except ImportError:
        t.ok(True, "# SKIP pandas is not installed (Debian python3-pandas)")
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = pandas.read_sql("SELECT Username, IsEnabled, CreatedAt FROM Users ORDER BY Username",
                             cnxn)
        t.is_eq(len(df), len(USERS), "read_sql: every user")
        t.is_eq(list(df.columns), ["Username", "IsEnabled", "CreatedAt"], "read_sql columns")
        t.is_eq(df["Username"].iloc[0], USERS[0]["username"], "first username")
        t.ok(str(df["CreatedAt"].dtype).startswith("datetime64"), "CreatedAt is datetime64")
        t.is_eq(int(df["IsEnabled"].sum()), sum(1 for u in USERS if u["enabled"]), "IsEnabled sum")
        df = pandas.read_sql("SELECT Type, COUNT(*) AS N FROM Users GROUP BY Type", cnxn)
        t.is_eq(int(df["N"].sum()), len(USERS), "read_sql aggregate")
        df = pandas.read_sql("SELECT Name FROM Groups WHERE Name = ?", cnxn, params=["Sales"])
        t.is_eq(list(df["Name"]), ["Sales"], "read_sql with params")


class StallingProxy:
    """TCP relay to the emulator that can stop relaying bytes (a stalled server)."""

    def __init__(self):
        self.port_emu = int(os.environ["P1_EMULATOR_URL"].rsplit(":", 1)[1])
        self.stall = threading.Event()
        self.stop = threading.Event()
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(16)
        self.srv.settimeout(0.2)
        self.port = self.srv.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _pump(self, a, b):
        try:
            while not self.stop.is_set():
                d = a.recv(65536)
                if not d:
                    break
                while self.stall.is_set() and not self.stop.is_set():
                    time.sleep(0.05)
                b.sendall(d)
        except OSError:
            pass

    def _accept(self):
        while not self.stop.is_set():
            try:
                c, _ = self.srv.accept()
            except OSError:
                continue
            u = socket.create_connection(("127.0.0.1", self.port_emu))
            threading.Thread(target=self._pump, args=(c, u), daemon=True).start()
            threading.Thread(target=self._pump, args=(u, c), daemon=True).start()

    def close(self):
        self.stop.set()
        self.srv.close()


def test_timeout_and_cancel():
    """SQL_ATTR_QUERY_TIMEOUT gives HYT00 and SQLCancel from another thread HY008,
    both interrupting an HTTP request the server never answers."""
    proxy = StallingProxy()
    cs = re.sub(r"APIBaseURL=https://127.0.0.1:\d+", "APIBaseURL=https://127.0.0.1:%d" % proxy.port,
                os.environ["P1_CONNSTR"])
    cnxn = pyodbc.connect(cs)
    proxy.stall.set()
    cnxn.timeout = 1
    cur = cnxn.cursor()
    t0 = time.time()
    try:
        cur.execute("SELECT Id FROM Users")
        cur.fetchall()
        t.ok(False, "query timeout raises")
    except pyodbc.Error as e:
        t.is_eq(e.args[0], "HYT00", "SQL_ATTR_QUERY_TIMEOUT 1 s: HYT00")
        t.ok(time.time() - t0 < 10, "... after about a second (%.1f s)" % (time.time() - t0))
    cnxn.timeout = 0
    cur = cnxn.cursor()
    threading.Timer(1.0, cur.cancel).start()
    t0 = time.time()
    try:
        cur.execute("SELECT Id FROM Users")
        cur.fetchall()
        t.ok(False, "cancel raises")
    except pyodbc.Error as e:
        t.is_eq(e.args[0], "HY008", "SQLCancel from another thread: HY008")
        t.ok(time.time() - t0 < 10, "... promptly (%.1f s)" % (time.time() - t0))
    # an uncorrelated subquery runs while the statement executes, before there is a
    # result: the timeout and SQLCancel reach it too
    sub = "SELECT Username FROM Users WHERE Id IN (SELECT Id FROM Users WHERE Username = 'user0001')"
    cnxn.timeout = 1
    cur = cnxn.cursor()
    try:
        cur.execute(sub)
        cur.fetchall()
        t.ok(False, "query timeout in a subquery raises")
    except pyodbc.Error as e:
        t.is_eq(e.args[0], "HYT00", "query timeout while a subquery runs: HYT00")
    cnxn.timeout = 0
    cur = cnxn.cursor()
    threading.Timer(1.0, cur.cancel).start()
    try:
        cur.execute(sub)
        cur.fetchall()
        t.ok(False, "cancel in a subquery raises")
    except pyodbc.Error as e:
        t.is_eq(e.args[0], "HY008", "SQLCancel while a subquery runs: HY008")
    proxy.stall.clear()
    cur = cnxn.cursor()
    cur.execute("SELECT COUNT(*) FROM Users")
    t.is_eq(cur.fetchone()[0], len(USERS), "the connection still works afterwards")
    cnxn.close()
    proxy.close()


def test_threads(cnxn):
    """Four threads, one cursor each, on one connection: statements take turns on the
    connection's transport (the driver serialises them), every scan is complete."""
    want = sorted(u["id"] for u in USERS)
    results, errors = [], []

    def work(i):
        try:
            cur = cnxn.cursor()
            for _ in range(3):
                results.append(sorted(r[0] for r in cur.execute("SELECT Id FROM Users").fetchall()))
            name = USERS[i]["username"]
            row = cur.execute("SELECT Username FROM Users WHERE Username = ?", name).fetchone()
            results.append([row[0] == name])
        except Exception as e:  # noqa: BLE001
            errors.append(repr(e))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    t.is_eq(errors, [], "threads sharing a connection: no errors")
    scans = [r for r in results if len(r) > 1]
    t.is_eq(len(scans), 12, "twelve full scans finished")
    t.ok(all(r == want for r in scans), "every concurrent scan returned every user once")
    t.is_eq([r for r in results if len(r) == 1], [[True]] * 4, "each thread's point lookup")


def main():
    cnxn = connect()
    test_getinfo(cnxn)
    test_metadata(cnxn)
    test_description(cnxn)
    test_fetching(cnxn)
    test_parameters(cnxn)
    test_errors(cnxn)
    test_pandas(cnxn)
    test_fence_posts(cnxn)
    test_threads(cnxn)
    cnxn.close()
    test_timeout_and_cancel()


if __name__ == "__main__":
    t.run(main)
