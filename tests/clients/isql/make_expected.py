"""Write the isql/iusql golden transcripts from the emulator's dataset.

Every case is a SQL statement plus a function that computes, from
tests/emulator/dataset.py alone (never from the driver's output), the lines
`isql -b -c -d'|' DSN` must print. Run:

    python3 tests/clients/isql/make_expected.py [OUTDIR]

OUTDIR defaults to this directory. It writes <case>.sql, <case>.expected and
tools.txt (which tools run which case: iusql converts text byte by byte,
so cases with non-ASCII text run through isql only). Cases named box_* are
isql's table output (column widths from the ODBC display sizes), the others
its delimited output. isql_golden.sh runs the
cases and also re-runs this script to check the committed files are current.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "emulator"))
import dataset  # noqa: E402

ENV = dataset.build().envs[dataset.DEFAULT_ENV_ID]


def get(item, path):
    """Value at a dotted JSON path, None when absent."""
    cur = item
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def text(v):
    """How isql prints a value fetched as SQL_C_CHAR: NULL as nothing, BIT as 1/0."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def ts(v):
    """PingOne timestamp '2021-03-02T07:55:35.071Z' as the driver's text."""
    if v is None:
        return ""
    return v.replace("T", " ").replace("Z", "")


def by_username():
    """Users ordered as the engine orders text: by code point (UTF-8 byte order)."""
    return sorted(ENV.users, key=lambda u: u["username"])


def lines(header, rows):
    """Header line plus one '|'-joined line per row."""
    return ["|".join(header)] + ["|".join(text(c) for c in r) for r in rows]


def case_users_first():
    rows = [(u["username"], get(u, "email"), u["enabled"], ts(u["createdAt"]), get(u, "type"))
            for u in by_username()[:12]]
    return lines(["Username", "Email", "IsEnabled", "CreatedAt", "Type"], rows)


def case_users_range():
    rows = [(u["id"], u["username"], get(u, "name.family")) for u in by_username()
            if "user0100" <= u["username"] <= "user0109"]
    return lines(["Id", "Username", "LastName"], rows)


def case_type_counts():
    counts = {}
    for u in ENV.users:
        counts[get(u, "type")] = counts.get(get(u, "type"), 0) + 1
    keys = sorted(counts, key=lambda k: (k is not None, k or ""))  # NULL first ascending
    return lines(["Type", "N"], [(k, counts[k]) for k in keys])


def case_counts():
    n = len(ENV.users)
    e = sum(1 for u in ENV.users if get(u, "email") is not None)
    return lines(["N", "E"], [(n, e)])


def case_expressions():
    u = next(x for x in ENV.users if x["username"] == "user0042")
    email = get(u, "email")
    return lines(["U", "L"], [(u["username"].upper(), len(email) if email else None)])


SPECIAL = ["josé", "zoë", "ångström", "山田太郎", "emoji.user", "math.user", "cjk.ext.user"]


def case_special_users():
    rows = [(u["username"], get(u, "name.given"), get(u, "name.family"), get(u, "nickname"))
            for u in by_username() if u["username"] in SPECIAL]
    return lines(["Username", "FirstName", "LastName", "Nickname"], rows)


def case_populations():
    pops = sorted(ENV.populations, key=lambda p: p["name"])
    rows = [(p["name"], get(p, "description"), p["default"]) for p in pops]
    return lines(["Name", "Description", "IsDefault"], rows)


def case_groups_prefix():
    gs = sorted((g for g in ENV.groups if g["name"].startswith("E")), key=lambda g: g["name"])
    rows = [(g["name"], get(g, "externalId")) for g in gs]
    return lines(["Name", "ExternalId"], rows)


# ODBC display sizes (SQL_DESC_DISPLAY_SIZE) of the boxed cases' columns: the
# catalog declares Id as text of 36 characters; BIT displays in 1 character,
# BIGINT (COUNT) in 20 (ODBC appendix D, "Display Size").
DISPLAY = {"Id": 36, "IsEnabled": 1, "N": 20}


def boxed(header, rows):
    """isql's table output without -d: each column as wide as
    max(display size, name), '| ' before each cell, then the row count lines."""
    widths = [max(DISPLAY[h], len(h)) for h in header]
    rule = "+" + "+".join("-" * (w + 1) for w in widths) + "+"
    out = [rule, "".join("| %-*s" % (w, h) for w, h in zip(widths, header)) + "|", rule]
    for r in rows:
        out.append("".join("| %-*s" % (w, text(c)) for w, c in zip(widths, r)) + "|")
    out += [rule, "SQLRowCount returns -1", "%d rows fetched" % len(rows)]
    return out


def case_box_user42():
    u = next(x for x in ENV.users if x["username"] == "user0042")
    return boxed(["Id", "IsEnabled"], [(u["id"], u["enabled"])])


def case_box_count():
    return boxed(["N"], [(len(ENV.users),)])


def sql_in(names):
    """SQL list of text literals."""
    return ", ".join("'%s'" % n.replace("'", "''") for n in names)


# name: (tools, SQL, expected-lines function); box_* cases run without -c -d'|'
# (iusql prints a blank line after each line of its table output: box_* cases are isql only)
CASES = {
    "box_user42": ("isql", "SELECT Id, IsEnabled FROM Users WHERE Username = 'user0042'",
                   case_box_user42),
    "box_count": ("isql", "SELECT COUNT(*) AS N FROM Users", case_box_count),
    "users_first": ("isql",
                    "SELECT Username, Email, IsEnabled, CreatedAt, Type FROM Users "
                    "ORDER BY Username LIMIT 12", case_users_first),
    "users_range": ("isql iusql",
                    "SELECT Id, Username, LastName FROM Users "
                    "WHERE Username BETWEEN 'user0100' AND 'user0109' ORDER BY Username",
                    case_users_range),
    "type_counts": ("isql iusql",
                    "SELECT Type, COUNT(*) AS N FROM Users GROUP BY Type ORDER BY Type",
                    case_type_counts),
    "counts": ("isql iusql", "SELECT COUNT(*) AS N, COUNT(Email) AS E FROM Users", case_counts),
    "expressions": ("isql iusql",
                    "SELECT UPPER(Username) AS U, LENGTH(Email) AS L FROM Users "
                    "WHERE Username = 'user0042'", case_expressions),
    "special_users": ("isql",
                      "SELECT Username, FirstName, LastName, Nickname FROM Users WHERE Username IN (%s) "
                      "ORDER BY Username" % sql_in(SPECIAL), case_special_users),
    "populations": ("isql iusql",
                    "SELECT Name, Description, IsDefault FROM Populations ORDER BY Name",
                    case_populations),
    "groups_prefix": ("isql iusql",
                      "SELECT Name, ExternalId FROM Groups WHERE Name LIKE 'E%' ORDER BY Name",
                      case_groups_prefix),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else HERE
    os.makedirs(out, exist_ok=True)
    tools = []
    for name, (which, sql, fn) in sorted(CASES.items()):
        with open(os.path.join(out, name + ".sql"), "w", encoding="utf-8") as f:
            f.write(sql + "\n")
        with open(os.path.join(out, name + ".expected"), "w", encoding="utf-8") as f:
            f.write("\n".join(fn()) + "\n")
        tools.append("%s %s" % (name, which))
    with open(os.path.join(out, "tools.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(tools) + "\n")


if __name__ == "__main__":
    main()
