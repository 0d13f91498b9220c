#!/usr/bin/python3
"""Regenerate the text seed corpora of fuzz/corpus/ from the project's tests.

  sql       SQL statements found in tests/unit/test_sql_*.c (fake provider tables)
  sql_plan  SQL statements found in the client tests (PingOne tables)
  connstr   connection strings found in tests/unit/test_connstr.c and the clients
  p1_error  error bodies found in tests/unit/test_pingone_errors.c, framed as the
            target reads them (status, attempts, Correlation-Id, body)

Usage: /usr/bin/python3 fuzz/make_seeds.py          text and hand-made seeds
       /usr/bin/python3 fuzz/make_seeds.py --json   json_rows: list pages, items and
                                                     error bodies captured from the emulator
Python 3 standard library only.
"""
import hashlib
import json
import os
import re
import struct
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(TOP, "fuzz", "corpus")
MAX_SEEDS = 150

C_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
PY_STRING = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'')
SQL_START = re.compile(r"^\s*(SELECT|EXPLAIN|CALL|EXEC|WITH|\{\s*call|\{\s*\?|VALUES|INSERT|UPDATE|DELETE)\b",
                       re.I)


def c_unescape(s):
    """Decode the C escapes a test string literal uses."""
    out = bytearray()
    i = 0
    raw = s.encode("utf-8")
    while i < len(raw):
        c = raw[i]
        if c != 0x5C or i + 1 >= len(raw):
            out.append(c)
            i += 1
            continue
        n = chr(raw[i + 1])
        if n == "x":
            m = re.match(rb"[0-9a-fA-F]{1,2}", raw[i + 2:])
            out.append(int(m.group(0), 16) if m else 0x78)
            i += 2 + (len(m.group(0)) if m else 0)
            continue
        out.extend({"n": b"\n", "t": b"\t", "r": b"\r", "0": b"\0"}.get(n, n.encode()))
        i += 2
    return bytes(out)


def c_statements(path):
    """String literals of a C file, adjacent literals joined, that look like SQL."""
    text = open(path, encoding="utf-8", errors="replace").read()
    found = []
    # join "a" "b" split over lines
    for m in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', text):
        parts = C_STRING.findall(m.group(0))
        lit = c_unescape("".join(parts))
        if SQL_START.match(lit.decode("utf-8", "replace")):
            found.append(lit)
    return found


def py_statements(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    found = []
    for m in PY_STRING.finditer(text):
        lit = m.group(1) if m.group(1) is not None else m.group(2)
        if SQL_START.match(lit):
            found.append(lit.encode("utf-8", "surrogatepass"))
    return found


def write(target, items):
    """Write items (bytes) as files named by their hash; returns how many."""
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    seen = set()
    n = 0
    for data in items:
        if data in seen or len(data) > 8192:
            continue
        seen.add(data)
        name = hashlib.sha1(data).hexdigest()[:16]
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
        n += 1
        if n >= MAX_SEEDS:
            break
    return n


def sql_seeds():
    out = []
    for f in sorted(os.listdir(os.path.join(TOP, "tests", "unit"))):
        if f.startswith("test_sql_") and f.endswith(".c"):
            out += c_statements(os.path.join(TOP, "tests", "unit", f))
    return out


def sql_plan_seeds():
    out = []
    integ = os.path.join(TOP, "tests", "integration")
    for f in sorted(os.listdir(integ)):
        p = os.path.join(integ, f)
        if f.endswith(".py"):
            out += py_statements(p)
        elif f.endswith(".c"):
            out += c_statements(p)
    out += [
        b"SELECT Id, Username FROM Users WHERE Username = 'a\"b' AND Enabled = TRUE",
        b"SELECT * FROM Users WHERE Id IN ('1','2','3') OR Email LIKE 'x%'",
        b"SELECT * FROM Production.Groups ORDER BY Name DESC",
        b"SELECT * FROM UserGroupAssociations WHERE UserId = ?",
        b"EXPLAIN SELECT * FROM Users WHERE Username LIKE 'a%' AND CreatedAt > {ts '2024-01-01 00:00:00'}",
    ]
    return out


def connstr_seeds():
    out = []
    text = open(os.path.join(TOP, "tests", "unit", "test_connstr.c"), encoding="utf-8").read()
    for m in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', text):
        lit = c_unescape("".join(C_STRING.findall(m.group(0))))
        if b"=" in lit:
            out.append(lit)
    out += [
        b"DRIVER={PingOne};AuthScheme=OAuthClient;OAuthClientId=abc;OAuthClientSecret={s;e}}c=r};"
        b"WorkerAppEnvironmentId=11111111-2222-4333-8444-555555555555;Region=EU;Pagesize=50",
        b"DSN=PingOne;UID=id;PWD={ p w };Timeout=0;PushDown=KeysOnly;Logfile=/tmp/x.log;Verbosity=3",
        b"AuthScheme=OAuth;InitiateOAuth=GETANDREFRESH;CallbackURL=http://localhost:33333;Scope=openid profile",
        b"FILEDSN=x;SAVEFILE=y;Unknown=1;unknown=2;;;=;a;{b}=c",
        b"APIBaseURL=https://127.0.0.1:8443/v1;AuthorizationServerURL=https://127.0.0.1:8443/as;"
        b"SSLServerCert=/tmp/ca.pem;EnvironmentId=e",
    ]
    return out


def p1_error_seeds():
    text = open(os.path.join(TOP, "tests", "unit", "test_pingone_errors.c"), encoding="utf-8").read()
    bodies = []
    for m in re.finditer(r'(?:"(?:[^"\\\n]|\\.)*"\s*)+', text):
        lit = c_unescape("".join(C_STRING.findall(m.group(0))))
        if lit.startswith(b"{") or lit.startswith(b"<"):
            bodies.append(lit)
    bodies.append(b'{"error":"invalid_client","error_description":"Bad credentials"}')
    bodies.append(b'{"details":[{"code":"INVALID_FILTER"},{"innerError":{"supportedOperators":[1,null]}}]}')
    out = []
    for i, body in enumerate(bodies):
        for status in (400, 401, 403, 404, 429, 503):
            cid = b"cid-%d" % i
            head = struct.pack("<H", status - 100) + bytes([i % 5, len(cid)])
            out.append(head + cid + body)
    return out


def utf16_seeds():
    texts = ["", "plain ascii", "Zo\u00eb \u00e5ngstr\u00f6m", "\u5c71\u7530\u592a\u90ce",
             "Smiley\U0001F600", "\U0001D49Cdams", "\U00020000 nick\U0001F600"]
    out = []
    for size, t in zip((0, 1, 2, 3, 5, 8, 64), texts):
        out.append(bytes([size]) + t.encode("utf-8"))
        out.append(bytes([size]) + t.encode("utf-16-le"))
    out.append(bytes([4]) + b"\xc3\x28\xa0\xa1\xe2\x28\xa1\xe2\x82\x28\xf0\x28\x8c\xbc\xed\xa0\x80\xf4\x90\x80\x80\xff")
    out.append(bytes([3]) + b"\x00\xd8\x41\x00\x00\xdc\x3d\xd8\x00\xde\x3d\xd8")
    return out


def convert_seeds():
    out = []
    payloads = {0: b"", 1: b"\x01" + b"\0" * 7, 2: struct.pack("<q", -1234567890123),
                3: struct.pack("<d", 3.75), 4: "Zo\u00eb\U0001F600 text 42".encode("utf-8"),
                5: struct.pack("<q", 1705312800500)}
    # value type, to-C type index, buffer length, column bits, from-C type, SQL type, indicator
    for vt, payload in payloads.items():
        for cti in (0, 1, 2, 3, 4, 8, 14, 17, 18, 19, 23, 25, 26):
            for buflen in (0, 1, 5, 64):
                out.append(bytes([vt, cti, buflen, 10, cti, (cti + vt) % 28, (cti + buflen) % 8]) + payload)
    for text in (b"42", b"-7.5e3", b"2024-02-29 23:59:59.123", b"123e4567-e89b-12d3-a456-426614174000",
                 b"true", b"\xff\xfe"):
        for cti in (0, 1, 2, 25):
            for sti in (0, 9, 12, 13, 16, 18, 23, 25):
                out.append(bytes([4, 0, 16, 0, cti, sti, 3]) + text)
    return out


def json_seeds():
    """Raw bodies of list pages, single items and errors captured from the emulator."""
    sys.path.insert(0, os.path.join(TOP, "tests", "emulator"))
    import dataset
    import emutest
    import resources
    out = []
    with emutest.EmulatorProcess() as emu:
        client = emu.client()
        token = client.token()
        env = "/v1/environments/%s" % dataset.DEFAULT_ENV_ID

        def grab(path, query=None):
            q = {"limit": "2"}
            q.update(query or {})
            status, _, body = client.get(path, token=token, query=q)
            raw = body if isinstance(body, (bytes, bytearray)) else json.dumps(body, ensure_ascii=False)
            raw = raw.encode("utf-8") if isinstance(raw, str) else bytes(raw)
            out.append(raw)
            return status, body

        _, users = grab(env + "/users", {"filter": 'username sw "cjk"'})
        grab(env + "/users", {"filter": 'username eq "quote\\"back\\\\slash"'})
        grab(env + "/users")
        grab(env + "/users", {"filter": "bad filter"})
        grab(env + "/users/00000000-0000-4000-8000-000000000000")
        grab(env + "/populations")
        _, groups = grab(env + "/groups")
        for seg in sorted(resources.ENV_SPECS):
            grab(env + "/" + seg)
        uid = users["_embedded"]["users"][0]["id"] if isinstance(users, dict) and users.get("_embedded") else None
        if uid:
            grab(env + "/users/" + uid)
            grab(env + "/users/" + uid + "/memberOfGroups")
            for seg in sorted(resources.USER_SPECS):
                grab(env + "/users/" + uid + "/" + seg)
        gid = groups["_embedded"]["groups"][0]["id"] if isinstance(groups, dict) and groups.get("_embedded") else None
        if gid:
            for seg in sorted(resources.GROUP_SPECS):
                grab(env + "/groups/" + gid + "/" + seg)
        client.close()
    return out


def main():
    if "--json" in sys.argv:
        print("%-10s %d seeds" % ("json_rows", write("json_rows", json_seeds())))
        return 0
    counts = {
        "sql": write("sql", sql_seeds()),
        "sql_plan": write("sql_plan", sql_plan_seeds()),
        "connstr": write("connstr", connstr_seeds()),
        "p1_error": write("p1_error", p1_error_seeds()),
        "utf16": write("utf16", utf16_seeds()),
        "convert": write("convert", convert_seeds()),
    }
    for k, v in counts.items():
        print("%-10s %d seeds" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
