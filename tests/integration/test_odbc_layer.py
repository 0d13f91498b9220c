"""The ODBC layer (driver/) through unixODBC and pyodbc against the emulator.

Connection properties and errors, SQLGetInfo, catalog functions (SQLTables
enumerations and patterns, SQLColumns, SQLPrimaryKeys, SQLStatistics,
SQLSpecialColumns), SQLGetTypeInfo, parameters, result metadata and
diagnostics. Expected values come from the emulator's dataset and the ODBC
specification, never from the driver's output. Prints TAP.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import p1test as t  # noqa: E402

import pyodbc  # noqa: E402

TABLES = ["Groups", "Populations", "UserGroupAssociations", "Users"]


def state_of(exc):
    """SQLSTATE of a pyodbc exception."""
    return exc.args[0] if exc.args else None


def expect_error(fn, state, name, words=()):
    """Run fn; assert it raises a pyodbc error with the SQLSTATE and message words."""
    try:
        fn()
    except pyodbc.Error as e:  # noqa: PERF203
        t.is_eq(state_of(e), state, name + " -> " + state)
        msg = str(e)
        for w in words:
            t.ok(w in msg, "%s: message names %r" % (name, w))
        return msg
    t.ok(False, name + " -> " + state + " (no error raised)")
    return ""


def main():
    env = t.default_env()
    users = env.users
    by_name = {u["username"]: u for u in users}
    connstr = os.environ["P1_CONNSTR"]

    # ---- connection ------------------------------------------------------
    c = pyodbc.connect("DSN=" + os.environ["P1_DSN"])
    t.ok(True, "connect with a DSN (SQLDriverConnectW)")
    c.autocommit = True
    c.autocommit = False
    c.commit()
    c.rollback()
    t.ok(True, "autocommit on/off, commit and rollback accepted")

    c2 = pyodbc.connect(connstr + ";SomethingUnknown=1", autocommit=True)
    t.ok(c2.cursor().execute("SELECT Id FROM Users LIMIT 1").fetchone() is not None,
         "connection string with an unknown key still connects (01S00 is a warning)")
    c2.close()

    # string values win over the DSN: a wrong secret in the string makes the DSN fail
    expect_error(lambda: pyodbc.connect("DSN=%s;OAuthClientSecret=wrong" % os.environ["P1_DSN"]),
                 "28000", "DSN with a wrong secret override")
    no_secret = re.sub(r"(?i)OAuthClientSecret=[^;]*;?", "", connstr)
    msg = expect_error(lambda: pyodbc.connect(no_secret), "08001",
                       "connection string without OAuthClientSecret", ["OAuthClientSecret"])
    expect_error(lambda: pyodbc.connect(connstr + ";PushDown=Sometimes"), "HY024",
                 "bad PushDown value", ["PushDown"])
    expect_error(lambda: pyodbc.connect(connstr + ";Logfile={unterminated"), "08001",
                 "unterminated brace in the connection string")
    secret = t.dataset.CLIENT_SECRET
    t.ok(secret not in msg, "error messages never contain the client secret")

    # ---- SQLGetInfo -------------------------------------------------------
    t.is_eq(c.getinfo(pyodbc.SQL_DRIVER_NAME), "libpingoneodbc.so", "SQL_DRIVER_NAME")
    t.is_eq(c.getinfo(pyodbc.SQL_DRIVER_ODBC_VER), "03.80", "SQL_DRIVER_ODBC_VER")
    t.is_eq(c.getinfo(pyodbc.SQL_DBMS_NAME), "PingOne", "SQL_DBMS_NAME")
    t.is_eq(c.getinfo(pyodbc.SQL_DATA_SOURCE_NAME), os.environ["P1_DSN"], "SQL_DATA_SOURCE_NAME")
    t.is_eq(c.getinfo(pyodbc.SQL_IDENTIFIER_QUOTE_CHAR), '"', "SQL_IDENTIFIER_QUOTE_CHAR")
    t.is_eq(c.getinfo(pyodbc.SQL_DATA_SOURCE_READ_ONLY), True, "SQL_DATA_SOURCE_READ_ONLY is Y")
    t.is_eq(c.getinfo(pyodbc.SQL_TXN_CAPABLE), 1, "SQL_TXN_CAPABLE is SQL_TC_DML (reads only: trivially atomic)")
    t.is_eq(c.getinfo(pyodbc.SQL_DEFAULT_TXN_ISOLATION), 2, "SQL_DEFAULT_TXN_ISOLATION is READ COMMITTED")
    t.is_eq(c.getinfo(pyodbc.SQL_USER_NAME), t.dataset.CLIENT_ID, "SQL_USER_NAME is the client id")
    t.is_eq(c.getinfo(pyodbc.SQL_SEARCH_PATTERN_ESCAPE), "\\", "SQL_SEARCH_PATTERN_ESCAPE")
    t.is_eq(c.getinfo(pyodbc.SQL_MAX_COLUMN_NAME_LEN), 128, "SQL_MAX_COLUMN_NAME_LEN")

    cur = c.cursor()
    # ---- SQLTables ----------------------------------------------------------
    # the DSN's environment is one schema among several (one per environment,
    # plus Information and sys); scope the checks to it
    sch = next(e["name"] for e in t.tenant().environments if e["id"] == t.dataset.DEFAULT_ENV_ID)
    rows = cur.tables(schema=sch, tableType="TABLE").fetchall()
    t.ok(set(TABLES) <= set(r.table_name for r in rows), "SQLTables lists the four tables")
    t.ok(all(r.table_type == "TABLE" and r.table_schem == sch for r in rows),
         "their type is TABLE, in schema " + sch)
    t.is_eq([c_[0] for c_ in cur.description],
            ["table_cat", "table_schem", "table_name", "table_type", "remarks"],
            "SQLTables has the five ODBC 3 columns")
    u_tables = [r.table_name for r in cur.tables(schema=sch, table="U%", tableType="TABLE").fetchall()]
    t.ok({"UserGroupAssociations", "Users"} <= set(u_tables) and
         all(n.startswith("U") for n in u_tables), "table pattern U%")
    t.is_eq([r.table_name for r in cur.tables(schema=sch, table="users").fetchall()], ["Users"],
            "table names match case-insensitively")
    t.is_eq([r.table_name for r in cur.tables(schema=sch, table="User_").fetchall()], ["Users"],
            "'_' matches one character")
    t.ok(all(r.table_type == "VIEW" for r in cur.tables(tableType="VIEW").fetchall()),
         "type filter VIEW: views only")
    tv = cur.tables(schema=sch, tableType="'TABLE','VIEW'").fetchall()
    t.ok({r.table_type for r in tv} <= {"TABLE", "VIEW"} and len(tv) >= 4, "type list 'TABLE','VIEW'")
    types = cur.tables(catalog="", schema="", table="", tableType="%").fetchall()
    t.ok(all(r.table_cat is None and r.table_schem is None and r.table_name is None
             for r in types) and "TABLE" in [r.table_type for r in types] and
         len(types) == len({r.table_type for r in types}),
         "type enumeration: one row per type, NULL elsewhere")
    schemas = cur.tables(catalog="", schema="%", table="").fetchall()
    t.ok(all(r.table_cat is None and r.table_name is None and r.table_schem for r in schemas),
         "schema enumeration: schema names with NULL elsewhere")

    # ---- SQLColumns -----------------------------------------------------------
    cols = cur.columns(table="Users", schema=sch).fetchall()
    t.is_eq(len(cur.description), 18, "SQLColumns has 18 columns")
    t.is_eq([r.ordinal_position for r in cols], list(range(1, len(cols) + 1)),
            "columns in ordinal order")
    names = [r.column_name for r in cols]
    t.is_eq(names[:3], ["Id", "Username", "Email"], "first Users columns")
    created = [r for r in cols if r.column_name == "CreatedAt"][0]
    t.is_eq((created.data_type, created.type_name, created.sql_data_type, created.sql_datetime_sub),
            (93, "TIMESTAMP", 9, 3), "CreatedAt is TYPE_TIMESTAMP (93 / DATETIME 9 / sub 3)")
    enabled = [r for r in cols if r.column_name == "IsEnabled"][0]
    t.is_eq(enabled.data_type, pyodbc.SQL_BIT, "IsEnabled is BIT")
    t.ok(all(r.is_nullable in ("YES", "NO") for r in cols), "IS_NULLABLE is YES or NO")
    t.is_eq(sorted(r.column_name for r in cur.columns(table="Users", schema=sch,
                                                       column="%name").fetchall()),
            sorted(n for n in names if n.lower().endswith("name")), "column pattern %name")

    # ---- keys, statistics, special columns, empty catalogs --------------------
    pk = cur.primaryKeys("Users", schema=sch).fetchall()
    t.is_eq([(r.column_name, r.key_seq) for r in pk], [("Id", 1)], "primary key of Users is Id")
    st = [r for r in cur.statistics("Users", schema=sch).fetchall() if r.column_name]
    t.is_eq([(r.column_name, r.non_unique) for r in st], [("Id", 0)], "unique index on Id")
    sc = cur.rowIdColumns("Users", schema=sch).fetchall()
    t.is_eq([r.column_name for r in sc], ["Id"], "SQLSpecialColumns best row id is Id")
    fks = cur.foreignKeys(table="Users", schema=sch).fetchall()
    t.ok(all(r.pktable_name == "Users" and r.pkcolumn_name == "Id" for r in fks),
         "SQLForeignKeys(Users): references to Users.Id (%d)" % len(fks))
    t.ok(isinstance(cur.procedures().fetchall(), list), "SQLProcedures answers")

    # ---- SQLGetTypeInfo ---------------------------------------------------------
    ti = cur.getTypeInfo().fetchall()
    t.is_eq(len(cur.description), 19, "SQLGetTypeInfo has 19 columns")
    dts = [r[1] for r in ti]
    t.is_eq(dts, sorted(dts), "types sorted by DATA_TYPE")
    t.ok({pyodbc.SQL_WVARCHAR, pyodbc.SQL_BIT, pyodbc.SQL_INTEGER, pyodbc.SQL_BIGINT,
          pyodbc.SQL_DOUBLE, pyodbc.SQL_TYPE_TIMESTAMP} <= set(dts), "every reported type listed")
    t.ok(all(r[2] and r[2] > 0 for r in ti), "COLUMN_SIZE is positive for every type")
    one = cur.getTypeInfo(pyodbc.SQL_TYPE_TIMESTAMP).fetchall()
    t.is_eq([(r[0], r[1]) for r in one], [("TIMESTAMP", 93)], "SQLGetTypeInfo(SQL_TYPE_TIMESTAMP)")

    # ---- statements --------------------------------------------------------------
    u = by_name["user0042"]
    row = cur.execute("SELECT Id, Username FROM Users WHERE Username = ?", "user0042").fetchall()
    t.is_eq([tuple(r) for r in row], [(u["id"], "user0042")], "parameter bound as text")
    t.is_eq(cur.rowcount, -1, "SQLRowCount is -1 for a SELECT")
    t.is_eq([d[0] for d in cur.description], ["Id", "Username"], "SQLDescribeColW names")
    rows = cur.execute("SELECT Username FROM Users WHERE Username IN (?, ?, ?)",
                       "user0001", "user0002", "nobody").fetchall()
    t.is_eq(sorted(r[0] for r in rows), ["user0001", "user0002"], "three parameters")

    # two cursors open at the same time on one connection
    a = c.cursor().execute("SELECT Username FROM Users WHERE Username LIKE 'user000%'")
    b = c.cursor().execute("SELECT Name FROM Populations")
    first = a.fetchone()
    pops = b.fetchall()
    rest = a.fetchall()
    t.is_eq(len(pops), len(env.populations), "second cursor reads all populations")
    t.is_eq(sorted([first[0]] + [r[0] for r in rest]),
            sorted(n for n in by_name if n.startswith("user000")), "first cursor unaffected")

    # non-BMP text round-trips through SQLExecDirectW / SQL_C_WCHAR
    nonbmp = [x for x in users
              if any(ord(ch) > 0xFFFF for ch in (x.get("name") or {}).get("family", ""))]
    t.ok(bool(nonbmp), "the dataset has a family name outside the BMP")
    if nonbmp:
        fam = nonbmp[0]["name"]["family"]
        got = cur.execute("SELECT Username, LastName FROM Users WHERE LastName = ?", fam).fetchall()
        t.is_eq(sorted(tuple(r) for r in got),
                sorted((x["username"], fam) for x in users
                       if (x.get("name") or {}).get("family") == fam),
                "non-BMP family name as parameter and result")
        got = cur.execute("SELECT LastName FROM Users WHERE LastName = '%s'"
                          % fam.replace("'", "''")).fetchall()
        t.ok(len(got) >= 1 and all(r[0] == fam for r in got), "non-BMP text in the SQL text")

    # ---- diagnostics -----------------------------------------------------------------
    expect_error(lambda: cur.execute("SELECT Id FROM NoSuchTable"), "42S02", "unknown table",
                 ["NoSuchTable"])
    expect_error(lambda: cur.execute("SELECT Nope FROM Users"), "42S22", "unknown column",
                 ["Nope"])
    m = expect_error(lambda: cur.execute("SELEC 1"), "42000", "syntax error")
    t.ok("[pingone-odbc]" in m, "messages carry the [pingone-odbc] prefix")
    expect_error(lambda: cur.execute("SELECT Username FROM Users WHERE Username = ?"), "07002",
                 "missing parameter")
    # the statement is usable after errors
    t.is_eq(cur.execute("SELECT Username FROM Users WHERE Username = 'user0042'").fetchval(),
            "user0042", "statement usable after errors")
    c.close()


t.run(main)
