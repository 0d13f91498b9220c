#!/usr/bin/python3
"""TAP tests of the emulator's transport instrumentation and collection edge cases.

* keep-alive: HTTP/1.1, Content-Length on every response, no Connection: close;
* /__emulator/connections: accepted TCP connections, TLS handshakes, the
  connections that carried PingOne-facing (non-control) requests, and the
  "connection" serial number in the request log;
* empty collections as pingone-api.md 4.1 describes them (200, `_embedded`
  with an empty array, count 0, size 0, no `next`);
* /__emulator/pages: pages without `_embedded` or without the collection
  key, whose withheld items follow on the next page.
"""

import os
import socket
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dataset  # noqa: E402
from emutest import EmulatorProcess, Tap  # noqa: E402

ENV = dataset.DEFAULT_ENV_ID


def wait_for(fn, seconds=5.0):
    """Poll fn() until it is true or seconds pass; return its last value."""
    end = time.time() + seconds
    value = fn()
    while not value and time.time() < end:
        time.sleep(0.05)
        value = fn()
    return value


def test_keepalive_counters(t, emu):
    """One keep-alive client: one connection, one handshake, every request on it."""
    ctl = emu.client()
    ctl.control("DELETE", "connections")
    c = emu.client()
    tok = c.token()
    statuses, lengths, closes = [], [], []
    for i in range(5):
        status, headers, _ = c.get("/v1/environments/%s/populations" % ENV, token=tok)
        statuses.append(status)
        lengths.append("content-length" in headers)
        closes.append(headers.get("connection", "").lower() == "close")
    status, headers, _ = c.get("/v1/environments/%s/users/nope" % ENV, token=tok)
    lengths.append("content-length" in headers)
    closes.append(headers.get("connection", "").lower() == "close")
    t.is_eq(statuses, [200] * 5, "five list requests answered")
    t.ok(all(lengths) and not any(closes), "every response has Content-Length and keeps the "
         "connection (errors too)")
    t.is_eq(c.connects, 1, "the client needed one connection for token + 6 requests")
    _, _, st = ctl.control("GET", "connections")
    t.is_eq(st["apiConnections"], 1, "connections: one connection carried API requests")
    t.is_eq(st["newApiConnections"], 1, "connections: and it was accepted since the clear")
    t.is_eq(st["apiRequests"], 7, "connections: 7 API requests (token + 6)")
    # the control client's connection carried the DELETE, so it predates the clear
    t.is_eq(st["accepted"], 1, "connections: 1 accepted since the clear (the client's)")
    t.is_eq(st["handshakes"], 1, "connections: 1 TLS handshake")
    mine = [x for x in st["connections"] if x["requests"]]
    t.ok(len(mine) == 1 and mine[0]["controlRequests"] == 0 and mine[0]["open"],
         "the API connection is open and carried no control call", mine)
    _, _, log = ctl.control("GET", "requests")
    ids = {r["connection"] for r in log["requests"]}
    t.is_eq(ids, {mine[0]["id"]}, "the request log names that connection for every request")

    c.close()
    t.ok(wait_for(lambda: ctl.control("GET", "connections")[2]["open"] == 1),
         "a closed client connection is no longer counted as open")

    raw = socket.create_connection(("127.0.0.1", emu.port), timeout=5)
    raw.close()
    st = wait_for(lambda: (lambda s: s if s["accepted"] == 2 else None)(
        ctl.control("GET", "connections")[2]))
    t.ok(st and st["handshakes"] == 1 and st["apiConnections"] == 1,
         "a TCP connection without a TLS handshake counts as accepted, not as a handshake", st)

    _, _, cleared = ctl.control("DELETE", "connections")
    t.is_eq(cleared, {"open": 1}, "DELETE connections keeps only the open (control) one")
    _, _, st = ctl.control("GET", "connections")
    t.ok(st["accepted"] == 0 and st["handshakes"] == 0 and st["apiConnections"] == 0 and
         st["apiRequests"] == 0, "after the clear every counter is 0", st)
    c2 = emu.client()
    c2.get("/v1/environments/%s/populations" % ENV, token=tok)
    ctl.get("/v1/environments/%s/groups" % ENV, token=tok)
    _, _, st = ctl.control("GET", "connections")
    t.ok(st["accepted"] == 1 and st["apiConnections"] == 2 and st["newApiConnections"] == 1,
         "an old connection reused after the clear counts in apiConnections, not as new", st)
    c2.close()
    ctl.control("POST", "reset")
    _, _, st = ctl.control("GET", "connections")
    t.ok(st["accepted"] == 0 and st["apiRequests"] == 0, "reset restarts the counters", st)
    ctl.close()


def test_empty_collections(t, c, tok):
    """Empty results: 200, `_embedded` with [], count 0, size 0, only `self`."""
    lonely = next(u for u in dataset.build().envs[ENV].users
                  if not dataset.build().memberships.get(u["id"]))
    cases = [
        ("/v1/environments/%s/users" % ENV, {"filter": 'username eq "nobody.at.all"'}, "users"),
        ("/v1/environments/%s/groups" % ENV, {"filter": 'name eq "No Such Group"'}, "groups"),
        ("/v1/environments/%s/users/%s/memberOfGroups" % (ENV, lonely["id"]), None,
         "groupMemberships"),
    ]
    for path, query, key in cases:
        status, _, body = c.get(path, token=tok, query=query)
        name = path.rsplit("/", 1)[-1] + (" filtered" if query else "")
        t.is_eq(status, 200, "empty %s: 200" % name)
        t.is_eq(body.get("_embedded"), {key: []}, "empty %s: _embedded.%s is []" % (name, key))
        t.ok(body.get("count") == 0 and body.get("size") == 0,
             "empty %s: count 0 and size 0" % name, body)
        t.is_eq(sorted(body["_links"]), ["self"], "empty %s: no next link" % name)


def test_page_faults(t, c, tok):
    """The /__emulator/pages control: validation, shapes, and nothing lost."""
    for spec, words in [({}, "match"), ({"match": "x"}, "omit"),
                        ({"match": "(", "omit": "key"}, "regular"),
                        ({"match": "x", "omit": "all"}, "omit"),
                        ({"match": "x", "omit": "key", "count": 0}, "count"),
                        ({"match": "x", "omit": "key", "page": -1}, "page"),
                        ({"match": "x", "omit": "key", "status": 500}, "unknown")]:
        status, _, body = c.control("POST", "pages", spec)
        t.ok(status == 400 and words in body.get("error", ""),
             "pages %r refused naming %s" % (spec, words), body)

    path = "/v1/environments/%s/users" % ENV
    q = {"limit": 3, "filter": 'username sw "user000"'}  # user0000..user0009: 10 users
    status, _, full = c.get(path, token=tok, query=dict(q, limit=1000))
    want = [u["id"] for u in full["_embedded"]["users"]]
    t.is_eq(len(want), 10, "10 users start with user000")

    def walk():
        """Follow next from the first page; return (ids, page bodies)."""
        ids, pages = [], []
        status, _, body = c.get(path, token=tok, query=q)
        while status == 200:
            pages.append(body)
            ids.extend(x["id"] for x in body.get("_embedded", {}).get("users", []))
            nxt = body["_links"].get("next")
            if not nxt:
                break
            status, _, body = c.get(nxt["href"], token=tok)
        return ids, pages

    status, _, queued = c.control("POST", "pages", {"match": "/users$", "omit": "embedded"})
    t.is_eq(queued.get("queued"), {"match": "/users$", "omit": "embedded", "count": 1,
                                   "remaining": 1, "page": None}, "page fault queued")
    t.is_eq(c.control("GET", "pages")[2]["pages"][0]["omit"], "embedded", "GET pages lists it")
    ids, pages = walk()
    first = pages[0]
    t.ok("_embedded" not in first, "omit embedded: the first page has no _embedded", first)
    t.ok(first.get("count") == 10 and first.get("size") == 0 and "next" in first["_links"],
         "omit embedded: count is the total, size 0, and a next link", first)
    t.is_eq(ids, want, "omit embedded: the withheld items come on the next pages, none lost")
    t.is_eq(c.control("GET", "pages")[2]["pages"], [], "a used page fault is gone")

    c.control("POST", "pages", {"match": "/users$", "omit": "key", "page": 2})
    ids, pages = walk()
    t.is_eq([("_embedded" in p, len(p.get("_embedded", {}).get("users", [])))
             for p in pages[:4]], [(True, 3), (True, 2), (True, 0), (True, 3)],
            "omit key on page 2: pages 0 and 1 normal (page 1 short), page 2 an empty _embedded")
    t.is_eq(pages[2]["_embedded"], {}, "omit key: _embedded holds no users key")
    t.is_eq(ids, want, "omit key mid-listing: every item still arrives")

    c.control("POST", "pages", {"match": "/users$", "omit": "embedded", "count": 2})
    status, _, body = c.get(path, token=tok, query={"filter": 'username eq "nobody.at.all"'})
    t.ok(status == 200 and "_embedded" not in body and body.get("count") == 0 and
         body.get("size") == 0 and sorted(body["_links"]) == ["self"],
         "omit embedded on an empty result: no _embedded, count 0, no next", body)
    status, _, body = c.get("/v1/environments/%s/groups" % ENV, token=tok)
    t.ok(status == 200 and len(body["_embedded"]["groups"]) > 0,
         "a page fault matches only its path", body)
    t.is_eq(c.control("GET", "pages")[2]["pages"][0]["remaining"], 1,
            "count 2: one use left")
    t.is_eq(c.control("DELETE", "pages")[2], {"cleared": 1}, "DELETE pages clears it")
    c.control("POST", "pages", {"match": "/users$", "omit": "key"})
    c.control("POST", "reset")
    t.is_eq(c.control("GET", "pages")[2]["pages"], [], "reset clears page faults")


def main():
    """Run every check against a fresh emulator; return the exit status."""
    t = Tap()
    emu = EmulatorProcess()
    try:
        emu.start()
        test_keepalive_counters(t, emu)
        c = emu.client()
        tok = c.token()
        test_empty_collections(t, c, tok)
        test_page_faults(t, c, tok)
        c.close()
    except Exception as exc:  # report instead of dying without a plan
        import traceback
        t.ok(False, "unexpected exception: %s" % exc, traceback.format_exc())
    finally:
        emu.stop()
        emu.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
