"""Seeded random differential test of the SQL engine (TAP).

Generates statements from a small grammar (WHERE trees of depth <= 3 with
AND/OR/NOT over comparisons, LIKE, IN, BETWEEN, IS NULL, bare BIT columns,
functions of columns and constant terms, with literals taken from the dataset:
real values, near misses and NULL), wrapped in ordered selects, COUNT(*),
COUNT over a LIMIT, GROUP BY, DISTINCT, IN/EXISTS subqueries (some correlated)
and joins. Each statement is written in the driver's dialect and in SQLite's;
it runs through pyodbc with PushDown=Full and PushDown=None and against the
SQLite oracle of corpus.py. Rows compare as multisets (in order with ORDER BY).

Every mismatch is printed (both dialects, a short diff, and a shrunk WHERE that
still shows it) and gets its own `not ok` line; then one line per comparison
kind gives the counts. The same seed gives the same statements.

  random_where.py [--seed N ...] [--count N] [--max-seconds S] [--print]
  (under tests/integration/with-emulator.sh; see run-random-where.sh)
"""
import argparse
import datetime
import os
import random
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (oracle loader, value normalisation; sets up p1test)
import p1test as t  # noqa: E402

DRV, ORA = 0, 1

# Columns the generator uses: (name, kind); kinds: text, bit, ts, int.
TABLES = {
    "Users": [("Id", "text"), ("Username", "text"), ("Email", "text"), ("FirstName", "text"),
              ("MiddleName", "text"), ("LastName", "text"), ("Nickname", "text"), ("Title", "text"),
              ("PopulationId", "text"), ("IsEnabled", "bit"), ("CreatedAt", "ts"), ("UpdatedAt", "ts"),
              ("ExternalId", "text"), ("AccountId", "text"), ("MobilePhone", "text"),
              ("PrimaryPhone", "text"), ("Locale", "text"), ("PreferredLanguage", "text"),
              ("Timezone", "text"), ("Type", "text"), ("LifecycleStatus", "text")],
    "Populations": [("Id", "text"), ("Name", "text"), ("Description", "text"), ("IsDefault", "bit"),
                    ("UserCount", "int")],
    "Groups": [("Id", "text"), ("Name", "text"), ("Description", "text"), ("PopulationId", "text"),
               ("ExternalId", "text")],
    "UserGroupAssociations": [("GroupId", "text"), ("GroupName", "text"), ("Type", "text")],
}
# Low-cardinality columns for GROUP BY / DISTINCT.
LOWCARD = {
    "Users": ["Locale", "Title", "Type", "IsEnabled", "LifecycleStatus", "PopulationId", "Timezone",
              "PreferredLanguage"],
    "Populations": ["IsDefault", "Name"],
    "Groups": ["PopulationId", "Description"],
}


def q(s):
    """An SQL string literal (both dialects)."""
    return "'" + s.replace("'", "''") + "'"


# ---- value expressions -----------------------------------------------------

class E:
    """A value expression in both dialects: drv/ora SQL text, kind, table and alias it reads."""

    def __init__(self, drv, ora, kind, table, alias):
        self.drv, self.ora, self.kind, self.table, self.alias = drv, ora, kind, table, alias


class Gen:
    """The generator: a seeded random source, the oracle (for real values) and the grammar."""

    def __init__(self, db, seed):
        self.db = db
        self.rng = random.Random(seed)
        self.values_cache = {}
        self.simple = False

    # -- helpers
    def pick(self, seq):
        return self.rng.choice(seq)

    def chance(self, p):
        return self.rng.random() < p

    def values(self, e):
        """The distinct non-NULL values of e over its table (from the oracle), sorted."""
        key = (e.table, e.alias, e.ora)
        if key not in self.values_cache:
            rows = self.db.execute("SELECT DISTINCT %s FROM %s %s WHERE %s IS NOT NULL ORDER BY 1"
                                   % (e.ora, e.table, e.alias, e.ora)).fetchall()
            self.values_cache[key] = [r[0] for r in rows]
        return self.values_cache[key]

    def column(self, table, alias, kind=None):
        cols = [c for c in TABLES[table] if kind is None or c[1] == kind]
        if not cols:
            return None
        name, k = self.pick(cols)
        ref = "%s.%s" % (alias, name)
        return E(ref, ref, k, table, alias)

    # -- expressions of each kind
    def text_expr(self, table, alias):
        c = self.column(table, alias, "text")
        r = self.rng.random()
        if r < 0.55:
            return c
        f = self.pick(["upper", "lower", "substr", "left", "right", "coalesce", "concat", "trim", "cast",
                       "replace"])
        if f == "upper":
            return E("UPPER(%s)" % c.drv, "upper(%s)" % c.ora, "text", table, alias)
        if f == "lower":
            return E("LOWER(%s)" % c.drv, "lower(%s)" % c.ora, "text", table, alias)
        if f == "substr":
            a, n = self.rng.randint(0, 5), self.rng.randint(0, 7)
            d = ("SUBSTRING(%s, %d, %d)" if self.chance(0.7) else "SUBSTRING(%s FROM %d FOR %d)") % (c.drv, a, n)
            return E(d, "substr(%s, %d, %d)" % (c.ora, a, n), "text", table, alias)
        if f == "left":
            n = self.rng.randint(0, 6)
            return E("LEFT(%s, %d)" % (c.drv, n), "substr(%s, 1, %d)" % (c.ora, n), "text", table, alias)
        if f == "right":
            n = self.rng.randint(1, 6)
            return E("RIGHT(%s, %d)" % (c.drv, n), "substr(%s, -%d)" % (c.ora, n), "text", table, alias)
        if f == "coalesce":
            other = self.column(table, alias, "text")
            lit = q(self.pick(["", "none", "zz", "A"]))
            return E("COALESCE(%s, %s, %s)" % (c.drv, other.drv, lit), "coalesce(%s, %s, %s)" % (c.ora, other.ora, lit),
                     "text", table, alias)
        if f == "concat":
            lit = q(self.pick(["x", "", "-", "é"]))
            return E("%s || %s" % (c.drv, lit), "%s || %s" % (c.ora, lit), "text", table, alias)
        if f == "trim":
            return E("TRIM(%s)" % c.drv, "trim(%s)" % c.ora, "text", table, alias)
        if f == "cast":
            n = self.rng.randint(1, 12)
            return E("CAST(%s AS VARCHAR(%d))" % (c.drv, n), "substr(%s, 1, %d)" % (c.ora, n), "text", table, alias)
        a, b = self.pick([("a", "A"), ("user", "U"), ("-", ""), ("e", "ee")])
        return E("REPLACE(%s, %s, %s)" % (c.drv, q(a), q(b)), "replace(%s, %s, %s)" % (c.ora, q(a), q(b)),
                 "text", table, alias)

    def int_expr(self, table, alias, depth=0):
        opts = ["length", "position"]
        if any(k == "ts" for _, k in TABLES[table]):
            opts += ["year", "month", "day", "year", "month"]
        if any(k == "int" for _, k in TABLES[table]):
            opts += ["col", "col", "col"]
        if any(k == "bit" for _, k in TABLES[table]):
            opts += ["castbit"]
        f = self.pick(opts)
        if f == "length":
            c = self.column(table, alias, "text")
            e = E("LENGTH(%s)" % c.drv, "length(%s)" % c.ora, "int", table, alias)
        elif f == "position":
            c = self.column(table, alias, "text")
            s = q(self.pick(["0", "a", "e", "user", "-", "@"]))
            e = E("POSITION(%s IN %s)" % (s, c.drv), "instr(%s, %s)" % (c.ora, s), "int", table, alias)
        elif f in ("year", "month", "day"):
            c = self.column(table, alias, "ts")
            start, n = {"year": (1, 4), "month": (6, 2), "day": (9, 2)}[f]
            e = E("%s(%s)" % (f.upper(), c.drv), "CAST(substr(%s, %d, %d) AS INTEGER)" % (c.ora, start, n),
                  "int", table, alias)
        elif f == "castbit":
            c = self.column(table, alias, "bit")
            e = E("CAST(%s AS INTEGER)" % c.drv, c.ora, "int", table, alias)
        else:
            e = self.column(table, alias, "int")
        if depth == 0 and self.chance(0.3):
            op = self.pick(["+", "-", "*", "/", "%"])
            k = self.rng.randint(1, 9)
            if op == "%" and self.chance(0.5):
                e2 = E("MOD(%s, %d)" % (e.drv, k), "(%s %% %d)" % (e.ora, k), "int", table, alias)
            else:
                e2 = E("(%s %s %d)" % (e.drv, op, k), "(%s %s %d)" % (e.ora, op, k), "int", table, alias)
            return e2
        return e

    def ts_expr(self, table, alias):
        c = self.column(table, alias, "ts")
        if c is not None and self.chance(0.25):
            return E("{fn CONVERT(%s, SQL_DATE)}" % c.drv, "(date(%s) || ' 00:00:00.000')" % c.ora, "ts", table, alias)
        return c

    def expr(self, table, alias, kind):
        if kind == "text":
            return self.text_expr(table, alias)
        if kind == "int":
            return self.int_expr(table, alias)
        if kind == "ts":
            return self.ts_expr(table, alias)
        return self.column(table, alias, "bit")

    # -- literals
    def literal(self, e):
        """(drv, ora) literal of e's kind: a real value, a near miss, or NULL."""
        vals = self.values(e)
        if self.chance(0.06) or not vals:
            return "NULL", "NULL"
        v = self.pick(vals)
        near = self.chance(0.35)
        if e.kind == "text":
            if near:
                v = self.pick([v[:-1], v + "a", v.upper(), v.lower(), v.swapcase(), "",
                               v[:-1] + chr(ord(v[-1]) + 1) if v else "a", " " + v])
            return q(v), q(v)
        if e.kind == "int":
            if near:
                d = self.pick([-1, 1, 0.5, -0.5, 100])
                v = v + d
            return str(v), str(v)
        if e.kind == "bit":
            v = int(v) if not near else 1 - int(v)
            return self.pick([str(v), "TRUE" if v else "FALSE"]), str(v)
        # ts: oracle text 'YYYY-MM-DD HH:MM:SS.fff'
        d = datetime.datetime.strptime(v, "%Y-%m-%d %H:%M:%S.%f")
        if near:
            d += self.pick([datetime.timedelta(milliseconds=1), datetime.timedelta(milliseconds=-1),
                            datetime.timedelta(seconds=1), datetime.timedelta(days=-1),
                            datetime.timedelta(days=30)])
        if self.chance(0.2):
            d = d.replace(hour=0, minute=0, second=0, microsecond=0)
            txt = d.strftime("%Y-%m-%d")
            drv = self.pick(["{d '%s'}" % txt, "'%s'" % txt, "DATE '%s'" % txt])
            return drv, "'%s 00:00:00.000'" % txt
        txt = d.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (d.microsecond // 1000)
        drv = self.pick(["{ts '%s'}" % txt, "TIMESTAMP '%s'" % txt, "'%s'" % txt])
        return drv, "'%s'" % txt

    # -- predicates (leaves)
    def leaf(self, table, alias):
        if self.simple:
            return self.simple_leaf(table, alias)
        r = self.rng.random()
        kinds = [k for _, k in TABLES[table]]
        if r < 0.05:
            return self.const_leaf()
        if r < 0.12 and "bit" in kinds:
            c = self.column(table, alias, "bit")
            if self.chance(0.5):
                return L(c.drv, c.ora)
            return L("NOT %s" % c.drv, "NOT %s" % c.ora)
        if r < 0.42:
            return self.compare_leaf(table, alias)
        if r < 0.60:
            return self.like_leaf(table, alias)
        if r < 0.72:
            return self.in_leaf(table, alias)
        if r < 0.82:
            return self.between_leaf(table, alias)
        if r < 0.92:
            e = self.expr(table, alias, self.pick(["text", "text", "int", "ts"]) if "ts" in kinds else "text")
            if e is None:
                e = self.text_expr(table, alias)
            neg = " NOT" if self.chance(0.5) else ""
            return L("%s IS%s NULL" % (e.drv, neg), "%s IS%s NULL" % (e.ora, neg))
        return self.column_compare_leaf(table, alias)

    def simple_leaf(self, table, alias):
        """A predicate on a plain column of a shape PingOne may be sent (=, IN, LIKE 'x%'/'%x',
        IS NULL, BIT), keys included: whole trees of these are pushed or nearly so."""
        r = self.rng.random()
        kinds = [k for _, k in TABLES[table]]
        if r < 0.15 and "bit" in kinds:
            c = self.column(table, alias, "bit")
            ld, lo = self.literal(c)
            return self.pick([L(c.drv, c.ora), L("NOT %s" % c.drv, "NOT %s" % c.ora),
                              L("%s = %s" % (c.drv, ld), "%s = %s" % (c.ora, lo))])
        c = self.column(table, alias, "text")
        if r < 0.3 and any(n == "Id" for n, _ in TABLES[table]):
            ref = "%s.Id" % alias
            c = E(ref, ref, "text", table, alias)
        r = self.rng.random()
        if r < 0.4:
            ld, lo = self.literal(c)
            op = self.pick(["=", "=", "=", "<>"])
            return L("%s %s %s" % (c.drv, op, ld), "%s %s %s" % (c.ora, op, lo))
        if r < 0.65:
            return self.in_leaf(table, alias, c)
        if r < 0.9:
            vals = self.values(c)
            v = self.pick(vals) if vals else "x"
            if self.chance(0.5):
                p = v[:self.rng.randint(0, len(v))] + "%"
            else:
                p = "%" + v[self.rng.randint(0, len(v)):]
            if self.chance(0.2):
                p = p.swapcase()
            return L("%s LIKE %s" % (c.drv, q(p)), "%s LIKE %s" % (c.ora, q(p)))
        neg = " NOT" if self.chance(0.5) else ""
        return L("%s IS%s NULL" % (c.drv, neg), "%s IS%s NULL" % (c.ora, neg))

    def kind_for(self, table):
        kinds = set(k for _, k in TABLES[table])
        opts = ["text", "text", "text", "int"]
        if "ts" in kinds:
            opts += ["ts", "ts"]
        if "bit" in kinds:
            opts += ["bit"]
        return self.pick(opts)

    def compare_leaf(self, table, alias):
        e = self.expr(table, alias, self.kind_for(table))
        op = self.pick(["=", "=", "<>", "<", "<=", ">", ">=", "!="])
        ld, lo = self.literal(e)
        if self.chance(0.25):
            flip = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
            return L("%s %s %s" % (ld, flip, e.drv), "%s %s %s" % (lo, flip, e.ora))
        return L("%s %s %s" % (e.drv, op, ld), "%s %s %s" % (e.ora, op, lo))

    def column_compare_leaf(self, table, alias):
        kind = self.pick(["text", "text", "ts"]) if any(k == "ts" for _, k in TABLES[table]) else "text"
        a, b = self.column(table, alias, kind), self.column(table, alias, kind)
        op = self.pick(["=", "<>", "<", ">=", ">"])
        return L("%s %s %s" % (a.drv, op, b.drv), "%s %s %s" % (a.ora, op, b.ora))

    def like_leaf(self, table, alias):
        e = self.text_expr(table, alias)
        vals = self.values(e)
        v = self.pick(vals) if vals else "x"
        esc = None
        if self.chance(0.3):
            esc = self.pick(["\\", "!", "#"])

        def lit(s):
            """Literal text of the pattern (wildcards escaped when an ESCAPE is in use)."""
            if esc is None:
                return s
            return "".join(esc + ch if ch in ("%", "_", esc) else ch for ch in s)

        n = len(v)
        shape = self.pick(["prefix", "prefix", "suffix", "inner", "contains", "underscore", "exact",
                           "anyall", "casefold"])
        if shape == "prefix":
            p = lit(v[:self.rng.randint(0, n)]) + "%"
        elif shape == "suffix":
            p = "%" + lit(v[self.rng.randint(0, n):])
        elif shape == "inner":
            i = self.rng.randint(0, n)
            j = self.rng.randint(i, n)
            p = lit(v[:i]) + "%" + lit(v[j:])
        elif shape == "contains":
            i = self.rng.randint(0, n)
            j = self.rng.randint(i, n)
            p = "%" + lit(v[i:j]) + "%"
        elif shape == "underscore":
            chars = list(lit(v)) if esc is None else None
            if chars is None:
                # replace unescaped positions only: rebuild from the value
                out = []
                for ch in v:
                    out.append("_" if self.chance(0.2) else lit(ch))
                p = "".join(out)
            else:
                p = "".join("_" if self.chance(0.2) else ch for ch in chars)
            if self.chance(0.3):
                p += "%"
        elif shape == "exact":
            p = lit(v)
        elif shape == "anyall":
            p = self.pick(["%", "_%", "%%", "___"])
        else:
            p = lit(v.swapcase()[:max(1, n // 2)]) + "%"
        neg = "NOT " if self.chance(0.2) else ""
        if esc is None:
            return L("%s %sLIKE %s" % (e.drv, neg, q(p)), "%s %sLIKE %s" % (e.ora, neg, q(p)))
        d_esc = ("ESCAPE %s" if self.chance(0.7) else "{escape %s}") % q(esc)
        return L("%s %sLIKE %s %s" % (e.drv, neg, q(p), d_esc),
                 "%s %sLIKE %s ESCAPE %s" % (e.ora, neg, q(p), q(esc)))

    def in_leaf(self, table, alias, e=None):
        if e is None:
            e = self.expr(table, alias, self.kind_for(table))
        n = self.rng.randint(1, 5) if self.chance(0.85) else self.rng.randint(8, 70)
        lits = [self.literal(e) for _ in range(n)]
        if self.chance(0.15):
            lits.append(("NULL", "NULL"))
        self.rng.shuffle(lits)
        neg = "NOT " if self.chance(0.25) else ""
        return L("%s %sIN (%s)" % (e.drv, neg, ", ".join(d for d, _ in lits)),
                 "%s %sIN (%s)" % (e.ora, neg, ", ".join(o for _, o in lits)))

    def between_leaf(self, table, alias):
        kind = self.kind_for(table)
        if kind == "bit":
            kind = "int"
        e = self.expr(table, alias, kind)
        a, b = self.literal(e), self.literal(e)
        if self.chance(0.8) and a[1] != "NULL" and b[1] != "NULL":
            lo = self.db.execute("SELECT %s <= %s" % (a[1], b[1])).fetchone()[0]
            if not lo:
                a, b = b, a
        neg = "NOT " if self.chance(0.2) else ""
        return L("%s %sBETWEEN %s AND %s" % (e.drv, neg, a[0], b[0]),
                 "%s %sBETWEEN %s AND %s" % (e.ora, neg, a[1], b[1]))

    def const_leaf(self):
        return L(*self.pick([("1 = 1", "1 = 1"), ("1 = 0", "1 = 0"), ("NULL IS NULL", "NULL IS NULL"),
                             ("1 = NULL", "1 = NULL"), ("TRUE", "1"), ("FALSE", "0"), ("'a' < 'b'", "'a' < 'b'"),
                             ("NOT (2 > 1)", "NOT (2 > 1)"), ("NULL IS NOT NULL", "NULL IS NOT NULL")]))

    # -- trees
    def tree(self, sources, depth=3):
        """A WHERE tree over sources [(table, alias)], depth <= depth."""
        if depth == 0 or self.chance(0.35):
            table, alias = self.pick(sources)
            return self.leaf(table, alias)
        r = self.rng.random()
        if r < 0.15:
            return B("not", [self.tree(sources, depth - 1)])
        op = "and" if r < 0.6 else "or"
        return B(op, [self.tree(sources, depth - 1) for _ in range(self.rng.randint(2, 3))])


class L:
    """A leaf predicate in both dialects."""

    def __init__(self, drv, ora):
        self.sql = (drv, ora)

    def render(self, d):
        return self.sql[d]

    def size(self):
        return 1


class B:
    """AND / OR / NOT over child predicates."""

    def __init__(self, op, kids):
        self.op, self.kids = op, kids

    def render(self, d):
        if self.op == "not":
            return "NOT (%s)" % self.kids[0].render(d)
        return "(" + (" %s " % self.op.upper()).join(k.render(d) for k in self.kids) + ")"

    def size(self):
        return 1 + sum(k.size() for k in self.kids)


def smaller(node):
    """Candidate trees one step smaller than node (for shrinking a failing WHERE)."""
    out = []
    if isinstance(node, B):
        out.extend(node.kids)
        if node.op != "not" and len(node.kids) > 2:
            for i in range(len(node.kids)):
                out.append(B(node.op, node.kids[:i] + node.kids[i + 1:]))
        for i, k in enumerate(node.kids):
            for s in smaller(k):
                out.append(B(node.op, node.kids[:i] + [s] + node.kids[i + 1:]))
    return out


# ---- statements ------------------------------------------------------------

class Stmt:
    """A statement: a template with {w0}, {w1}... slots for WHERE trees, in both dialects."""

    def __init__(self, drv, ora, trees, ordered):
        self.tpl, self.trees, self.ordered = (drv, ora), trees, ordered

    def render(self, d):
        out = self.tpl[d]
        for i, tr in enumerate(self.trees):
            out = out.replace("{w%d}" % i, tr.render(d), 1)
        return out

    def with_trees(self, trees):
        return Stmt(self.tpl[0], self.tpl[1], trees, self.ordered)


def make_statement(g):
    """One random statement (a Stmt); about a third use only pushable predicates."""
    g.simple = g.chance(0.35)
    r = g.rng.random()
    # correlated or joined forms
    if r < 0.07:
        sub = "EXISTS" if g.chance(0.6) else "NOT EXISTS"
        return both("SELECT u.Id, u.Username FROM Users u WHERE {w0} AND %s (SELECT 1 FROM Populations p "
                    "WHERE p.Id = u.PopulationId AND {w1}) ORDER BY u.Id" % sub,
                    [g.tree([("Users", "u")]), g.tree([("Populations", "p")], 2)], True)
    if r < 0.13:
        neg = "NOT " if g.chance(0.3) else ""
        return both("SELECT COUNT(*) FROM Users u WHERE {w0} AND u.PopulationId %sIN (SELECT p.Id FROM "
                    "Populations p WHERE {w1})" % neg,
                    [g.tree([("Users", "u")]), g.tree([("Populations", "p")], 2)], False)
    if r < 0.20:
        # memberships need the user key: a bounded set of users drives them
        sub = "EXISTS" if g.chance(0.6) else "NOT EXISTS"
        lim = q("user0%d" % g.rng.randint(1, 3))
        return both("SELECT u.Username FROM Users u WHERE u.Username < %s AND {w0} AND %s (SELECT 1 FROM "
                    "UserGroupAssociations m WHERE m.UserId = u.Id AND {w1})" % (lim, sub),
                    [g.tree([("Users", "u")]), g.tree([("UserGroupAssociations", "m")], 2)], False)
    if r < 0.25:
        key = g.pick(["Type", "PopulationId", "IsEnabled", "LifecycleStatus"])
        return both("SELECT COUNT(*) FROM Users u WHERE {w0} AND EXISTS (SELECT 1 FROM Users v WHERE "
                    "v.%s = u.%s AND {w1})" % (key, key),
                    [g.tree([("Users", "u")], 2), g.tree([("Users", "v")], 2)], False)
    if r < 0.29:
        return both("SELECT g.Name FROM Groups g WHERE {w0} AND EXISTS (SELECT 1 FROM Users u WHERE "
                    "u.PopulationId = g.PopulationId AND {w1})",
                    [g.tree([("Groups", "g")], 2), g.tree([("Users", "u")], 2)], False)
    if r < 0.36:
        join = g.pick(["JOIN", "JOIN", "LEFT JOIN"])
        return both("SELECT u.Id, p.Name FROM Users u %s Populations p ON u.PopulationId = p.Id WHERE {w0} "
                    "ORDER BY u.Id" % join, [g.tree([("Users", "u"), ("Populations", "p")])], True)
    if r < 0.40:
        join = g.pick(["JOIN", "LEFT JOIN"])
        return both("SELECT g.Name, p.Name FROM Groups g %s Populations p ON g.PopulationId = p.Id WHERE {w0}"
                    % join, [g.tree([("Groups", "g"), ("Populations", "p")])], False)
    if r < 0.45:
        lim = q("user0%d" % g.rng.randint(1, 4))
        return both("SELECT u.Username, m.GroupName FROM Users u JOIN UserGroupAssociations m ON m.UserId = u.Id "
                    "WHERE u.Username < %s AND {w0}" % lim,
                    [g.tree([("Users", "u"), ("UserGroupAssociations", "m")])], False)
    if r < 0.48:
        # correlated COUNT per population: the outer key is pushed with a random filter
        inner = "u.PopulationId = p.Id AND {w1}"
        if g.chance(0.3):
            cnt = "(SELECT COUNT(*) FROM (SELECT u.Id FROM Users u WHERE %s LIMIT %d) x)" % (inner, g.rng.randint(1, 9))
        else:
            cnt = "(SELECT COUNT(*) FROM Users u WHERE %s)" % inner
        return both("SELECT p.Name, %s FROM Populations p WHERE {w0}" % cnt,
                    [g.tree([("Populations", "p")], 1), g.tree([("Users", "u")])], False)
    if r < 0.51:
        neg = "NOT " if g.chance(0.5) else ""
        c = g.pick(["Locale", "Title", "Type", "Nickname", "PreferredLanguage"])
        return both("SELECT COUNT(*) FROM Users u WHERE {w0} AND u.%s %sIN (SELECT v.%s FROM Users v WHERE {w1})"
                    % (c, neg, c), [g.tree([("Users", "u")], 2), g.tree([("Users", "v")], 2)], False)
    if r < 0.53:
        all_ = " ALL" if g.chance(0.5) else ""
        return both("SELECT u.Title FROM Users u WHERE {w0} UNION%s SELECT g.Name FROM Groups g WHERE {w1}" % all_,
                    [g.tree([("Users", "u")]), g.tree([("Groups", "g")], 2)], False)
    if r < 0.55:
        join = g.pick(["RIGHT JOIN", "FULL JOIN", "LEFT JOIN"])
        return both("SELECT p.Name, g.Name FROM Populations p %s Groups g ON g.PopulationId = p.Id WHERE {w0}"
                    % join, [g.tree([("Groups", "g"), ("Populations", "p")])], False)
    # one table
    table = g.pick(["Users"] * 7 + ["Populations", "Groups", "Groups"])
    a = table[0].lower()
    w = [g.tree([(table, a)])]
    r = g.rng.random()
    if r < 0.25:
        cols = [g.pick(TABLES[table])[0] for _ in range(g.rng.randint(1, 3))]
        sel = ", ".join("%s.%s" % (a, c) for c in cols)
        if g.chance(0.3):
            e = g.expr(table, a, g.kind_for(table)) or g.text_expr(table, a)
            return Stmt("SELECT %s.Id, %s FROM %s %s WHERE {w0} ORDER BY %s.Id" % (a, e.drv, table, a, a),
                        "SELECT %s.Id, %s FROM %s %s WHERE {w0} ORDER BY %s.Id" % (a, e.ora, table, a, a), w, True)
        return both("SELECT %s.Id, %s FROM %s %s WHERE {w0} ORDER BY %s.Id" % (a, sel, table, a, a), w, True)
    if r < 0.50:
        return both("SELECT COUNT(*) FROM %s %s WHERE {w0}" % (table, a), w, False)
    if r < 0.62:
        k = g.rng.randint(1, 12)
        if g.chance(0.5):
            return Stmt("SELECT COUNT(*) FROM (SELECT TOP %d %s.Id FROM %s %s WHERE {w0}) x" % (k, a, table, a),
                        "SELECT COUNT(*) FROM (SELECT %s.Id FROM %s %s WHERE {w0} LIMIT %d) x" % (a, table, a, k),
                        w, False)
        return both("SELECT COUNT(*) FROM (SELECT %s.Id FROM %s %s WHERE {w0} LIMIT %d) x" % (a, table, a, k),
                    w, False)
    if r < 0.70:
        k, off = g.rng.randint(1, 10), g.pick([0, 0, 1, 3, 20])
        return both("SELECT %s.Id FROM %s %s WHERE {w0} ORDER BY %s.Id LIMIT %d OFFSET %d" % (a, table, a, a, k, off),
                    w, True)
    if r < 0.75:
        e = g.expr(table, a, g.pick(["text", "text", "int", "ts"] if table == "Users" else ["text", "int"]))
        return Stmt("SELECT COUNT(%s), COUNT(DISTINCT %s), MIN(%s), MAX(%s) FROM %s %s WHERE {w0}"
                    % (e.drv, e.drv, e.drv, e.drv, table, a),
                    "SELECT COUNT(%s), COUNT(DISTINCT %s), MIN(%s), MAX(%s) FROM %s %s WHERE {w0}"
                    % (e.ora, e.ora, e.ora, e.ora, table, a), w, False)
    if r < 0.87:
        if g.chance(0.25) and table == "Users":
            e = g.int_expr(table, a, depth=1)
            return Stmt("SELECT %s, COUNT(*) FROM %s %s WHERE {w0} GROUP BY %s" % (e.drv, table, a, e.drv),
                        "SELECT %s, COUNT(*) FROM %s %s WHERE {w0} GROUP BY 1" % (e.ora, table, a), w, False)
        c = g.pick(LOWCARD[table])
        return both("SELECT %s.%s, COUNT(*) FROM %s %s WHERE {w0} GROUP BY %s.%s" % (a, c, table, a, a, c), w, False)
    cols = sorted(set(g.pick(LOWCARD[table]) for _ in range(g.rng.randint(1, 2))))
    sel = ", ".join("%s.%s" % (a, c) for c in cols)
    return both("SELECT DISTINCT %s FROM %s %s WHERE {w0}" % (sel, table, a), w, False)


def both(tpl, trees, ordered):
    """A statement whose template is the same in both dialects."""
    return Stmt(tpl, tpl, trees, ordered)


# ---- running and comparing -------------------------------------------------

def run_oracle(db, sql, ordered):
    try:
        return corpus.norm_rows(db.execute(sql).fetchall(), ordered)
    except sqlite3.Error as e:
        return ("oracle error", str(e))


def run_driver(cx, sql, ordered):
    try:
        return corpus.norm_rows(corpus.run_driver(cx, sql), ordered)
    except Exception as e:  # noqa: BLE001  (pyodbc.Error and friends)
        return ("driver error", str(e))


def outcome(db, cxs, st):
    """(oracle rows, Full rows, None rows) of st."""
    want = run_oracle(db, st.render(ORA), st.ordered)
    full = run_driver(cxs["Full"], st.render(DRV), st.ordered)
    none = run_driver(cxs["None"], st.render(DRV), st.ordered)
    return want, full, none


def failing(res):
    """The comparison kinds res fails: subset of ('Full', 'None', 'invariance', 'oracle')."""
    want, full, none = res
    bad = []
    if isinstance(want, tuple):
        bad.append("oracle")
    if full != want:
        bad.append("Full")
    if none != want:
        bad.append("None")
    if full != none:
        bad.append("invariance")
    return bad


def diff(got, want, limit=4):
    """A short text diff of two row lists (or error tuples)."""
    if isinstance(got, tuple) or isinstance(want, tuple):
        return "got %.300s / want %.300s" % (got, want)
    lines = ["%d rows vs %d expected" % (len(got), len(want))]
    extra = [r for r in got if r not in want]
    missing = [r for r in want if r not in got]
    if extra:
        lines.append("unexpected: %.300s" % extra[:limit])
    if missing:
        lines.append("missing: %.300s" % missing[:limit])
    if not extra and not missing:
        for i, (a, b) in enumerate(zip(got, want)):
            if a != b:
                lines.append("first difference at row %d: %r vs %r" % (i, a, b))
                break
    return "; ".join(lines)


def shrink(db, cxs, st, kinds, budget):
    """The smallest statement found (greedy, <= budget runs) that still fails one of kinds."""
    best = st
    runs = 0
    improved = True
    while improved and runs < budget:
        improved = False
        for i, tr in enumerate(best.trees):
            cands = sorted(smaller(tr), key=lambda c: c.size())
            for c in cands:
                if runs >= budget:
                    break
                trees = list(best.trees)
                trees[i] = c
                cand = best.with_trees(trees)
                runs += 1
                if set(failing(outcome(db, cxs, cand))) & set(kinds):
                    best, improved = cand, True
                    break
            if improved:
                break
    return best


def main(args):
    import pyodbc
    t0 = time.time()
    db, _env = corpus.load_oracle()
    db.create_function("upper", 1, lambda s: case_map(s, str.upper), deterministic=True)
    db.create_function("lower", 1, lambda s: case_map(s, str.lower), deterministic=True)
    stmts = []
    for seed in args.seeds:
        g = Gen(db, seed)
        stmts.extend((seed, i, make_statement(g)) for i in range(args.count))
    t.ok(len(stmts) == args.count * len(args.seeds),
         "generated %d statements (seeds %s, %d each)" % (len(stmts), " ".join(map(str, args.seeds)), args.count))
    if args.print:
        for seed, i, st in stmts:
            t.diag("[%d/%d] %s\n   oracle: %s" % (seed, i, st.render(DRV), st.render(ORA)))
    cxs = {}
    for level in ("Full", "None"):
        cxs[level] = pyodbc.connect("DSN=%s;PushDown=%s" % (os.environ["P1_DSN"], level), autocommit=True)
        cxs[level].timeout = 60
    counts = {"Full": 0, "None": 0, "invariance": 0, "oracle": 0}
    ran = 0
    slow = []
    shrink_budget = args.shrink_budget
    for seed, i, st in stmts:
        if args.max_seconds and time.time() - t0 > args.max_seconds:
            t.diag("time budget of %d s reached after %d statements" % (args.max_seconds, ran))
            break
        ran += 1
        t1 = time.time()
        res = outcome(db, cxs, st)
        slow.append((time.time() - t1, seed, i))
        bad = failing(res)
        for k in bad:
            counts[k] += 1
        if not bad:
            continue
        want, full, none = res
        t.ok(False, "seed %d #%d (%s): %s" % (seed, i, ", ".join(bad), st.render(DRV)))
        t.diag("  oracle SQL: %s" % st.render(ORA))
        if "Full" in bad:
            t.diag("  PushDown=Full: %s" % diff(full, want))
        if "None" in bad:
            t.diag("  PushDown=None: %s" % diff(none, want))
        if "invariance" in bad and "Full" not in bad and "None" not in bad:
            t.diag("  Full vs None: %s" % diff(full, none))
        if shrink_budget > 0 and "oracle" not in bad:
            small = shrink(db, cxs, st, bad, min(60, shrink_budget))
            shrink_budget -= 60
            if small is not st:
                sres = outcome(db, cxs, small)
                t.diag("  shrunk: %s\n#   shrunk oracle SQL: %s\n#   shrunk failures: %s; Full: %s; None: %s"
                       % (small.render(DRV), small.render(ORA), ", ".join(failing(sres)),
                          diff(sres[1], sres[0]), diff(sres[2], sres[0])))
    for cx in cxs.values():
        cx.close()
    t.ok(counts["oracle"] == 0, "oracle: %d of %d statements run by SQLite without error"
         % (ran - counts["oracle"], ran))
    t.ok(counts["Full"] == 0, "PushDown=Full: %d of %d statements match SQLite" % (ran - counts["Full"], ran))
    t.ok(counts["None"] == 0, "PushDown=None: %d of %d statements match SQLite" % (ran - counts["None"], ran))
    t.ok(counts["invariance"] == 0, "pushdown invariance: %d of %d statements identical with Full and None"
         % (ran - counts["invariance"], ran))
    t.diag("random statements ran in %.1f s; slowest: %s" % (time.time() - t0, ", ".join(
        "seed %d #%d %.1f s" % (s, i, d) for d, s, i in sorted(slow, reverse=True)[:3])))


def case_map(s, f):
    """UPPER/LOWER as the engine does them: Unicode simple mappings, one character to one
    (a character whose mapping is several characters stays; U+0130 lowers to i)."""
    if s is None:
        return None
    if not isinstance(s, str):
        s = str(s)
    out = []
    for ch in s:
        if ch == "\u0130" and f is str.lower:
            out.append("i")
            continue
        m = f(ch)
        out.append(m if len(m) == 1 else ch)
    return "".join(out)


def parse_args(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, action="append", dest="seeds",
                    help="seed (repeatable; default: P1_RANDOM_SEEDS or 1)")
    ap.add_argument("--count", type=int, default=int(os.environ.get("P1_RANDOM_COUNT") or 250),
                    help="statements per seed (default: P1_RANDOM_COUNT or 250)")
    ap.add_argument("--max-seconds", type=int, default=int(os.environ.get("P1_RANDOM_SECONDS") or 0),
                    help="stop starting statements after this many seconds (0: no limit)")
    ap.add_argument("--shrink-budget", type=int, default=600,
                    help="statement runs spent shrinking failures, in all (default 600)")
    ap.add_argument("--print", action="store_true", help="print every statement as a TAP comment")
    a = ap.parse_args(argv)
    if not a.seeds:
        a.seeds = [int(s) for s in (os.environ.get("P1_RANDOM_SEEDS") or "1").split()]
    return a


if __name__ == "__main__":
    ARGS = parse_args(sys.argv[1:])
    t.run(lambda: main(ARGS))
