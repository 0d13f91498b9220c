#!/usr/bin/python3
"""TAP tests of the PingOne emulator: auth, collections, paging, filters, errors,
faults, the control API, keep-alive, shutdown, and the dataset itself."""

import os
import re
import signal
import sys
import time
from urllib.parse import parse_qs, quote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dataset as ds  # noqa: E402
from emutest import EmulatorProcess, Tap, fetch_all  # noqa: E402

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
ENV = "/v1/environments/" + ds.DEFAULT_ENV_ID
T = ds.build()
DEF = T.envs[ds.DEFAULT_ENV_ID]


def test_dataset(t):
    """The data API itself: size, special users, absent optional fields, counts."""
    ds._CACHE.clear()
    t0 = time.time()
    tenant = ds.build()
    # Speed is reported, never asserted: these machines are shared (see bench/).
    print("# dataset.build() took %.3f s" % (time.time() - t0))
    t.ok(ds.build() is tenant, "dataset.build() is cached")
    env = tenant.envs[ds.DEFAULT_ENV_ID]
    names = [u["username"] for u in env.users]
    t.ok(all("user%04d" % i in set(names) for i in range(2500)), "user0000..user2499 exist")
    t.ok('quote"back\\slash' in names, "username with quote and backslash exists")
    t.ok(any(u["name"]["given"] == "José" for u in env.users) and
         any(u["name"]["given"] == "Zoë" for u in env.users) and
         any(u["name"]["family"] == "Ångström" for u in env.users), "accented names exist")
    nonbmp = [u for u in env.users
              if any(ord(c) > 0xFFFF for c in u["name"]["given"] + u["name"]["family"])
              and any(ord(c) > 0xFFFF for c in u.get("nickname", ""))]
    t.ok(len(nonbmp) >= 3, "at least 3 users with non-BMP names and nicknames")
    t.ok(any("\U0001F600" in u["name"]["given"] for u in nonbmp) and
         any("\U0001D49C" in u["name"]["family"] for u in nonbmp) and
         any("\U00020000" in u["name"]["family"] for u in nonbmp), "😀, 𝒜 and 𠀀 present")
    def has_none(o):
        return o is None or (isinstance(o, dict) and any(has_none(v) for v in o.values()))
    t.ok(not any(has_none(u) for u in env.users), "no null values (absent instead)")
    t.ok(any("email" not in u for u in env.users), "some users have no email")
    t.ok(sum(1 for u in env.users if "middle" in u["name"]) > 100, "some middle names")
    t.ok(all(re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", u["createdAt"])
             for u in env.users), "createdAt is ISO-8601 UTC with milliseconds")
    pops = env.populations
    t.is_eq(len(pops), 4, "4 populations")
    t.is_eq(sum(1 for p in pops if p["default"]), 1, "one default population")
    t.ok(all(p["userCount"] == sum(1 for u in env.users if u["population"]["id"] == p["id"])
             for p in pops), "userCount matches the users")
    t.ok(35 <= len(env.groups) <= 45, "about 40 groups")
    t.ok(any("population" in g for g in env.groups) and
         any("population" not in g for g in env.groups) and
         any("externalId" in g for g in env.groups), "scoped, environment-wide, externalId groups")
    types = {m["type"] for u in env.users for m in tenant.memberships[u["id"]]}
    t.is_eq(types, {"DIRECT", "INDIRECT"}, "memberships have DIRECT and INDIRECT")
    t.ok(all(UUID_RE.match(x) for x in (ds.ORG_ID, ds.ADMIN_ENV_ID, ds.DEFAULT_ENV_ID,
                                        ds.SECOND_ENV_ID, ds.CLIENT_ID, ds.POST_CLIENT_ID)),
         "constants are lowercase UUIDs")
    t.ok(40 <= len(tenant.envs[ds.SECOND_ENV_ID].users) <= 60, "Sandbox has ~50 users")
    other = ds.build(2)
    t.ok(other.envs[ds.DEFAULT_ENV_ID].users[0]["id"] != env.users[0]["id"] and
         ds.build(1) is tenant, "another seed gives other data")


def test_startup(t, emu):
    """State directory contents and TLS."""
    d = emu.state_dir
    t.ok(os.path.exists(os.path.join(d, "ca.pem")), "ca.pem written")
    with open(os.path.join(d, "pid"), encoding="ascii") as f:
        t.is_eq(int(f.read().strip()), emu.proc.pid, "pid file holds the process id")
    t.ok(emu.startup_seconds < 10, "started in %.2f s" % emu.startup_seconds)
    c = emu.client("localhost")
    status, _, body = c.control("GET", "health")
    t.ok(status == 200 and body == {"status": "ok"}, "TLS verifies for DNS:localhost")
    c.close()


def test_tokens(t, c):
    """Token endpoint: both client authentication methods and their failures."""
    basic = (ds.CLIENT_ID, ds.CLIENT_SECRET)
    grant = {"grant_type": "client_credentials"}
    status, h, body = c.token_request(grant, basic=basic)
    t.ok(status == 200 and body["token_type"] == "Bearer" and body["expires_in"] == 3600
         and body["scope"] == "" and body["access_token"], "BASIC client gets a token")
    t.ok(UUID_RE.match(h.get("correlation-id", "")), "token response has a Correlation-Id")
    t.ok(h.get("cache-control") == "no-store", "token response is no-store")
    status, _, body = c.token_request(dict(grant, client_secret=ds.CLIENT_SECRET), basic=basic)
    t.ok(status == 401 and body["error"] == "invalid_client", "BASIC + secret in body -> 401")
    status, _, body = c.token_request(dict(grant, client_id=ds.CLIENT_ID), basic=basic)
    t.ok(status == 401 and body["error"] == "invalid_client", "BASIC + client_id in body -> 401")
    status, _, body = c.token_request(dict(grant, client_id=ds.CLIENT_ID,
                                           client_secret=ds.CLIENT_SECRET))
    t.ok(status == 401 and body["error"] == "invalid_client", "BASIC client via POST -> 401")
    status, _, body = c.token_request(grant, basic=(ds.CLIENT_ID, "wrong"))
    t.ok(status == 401 and body["error"] == "invalid_client" and body["error_description"],
         "wrong secret -> 401 invalid_client")
    t.ok(ds.CLIENT_SECRET not in str(body), "error does not echo the secret")
    post = dict(grant, client_id=ds.POST_CLIENT_ID, client_secret=ds.POST_CLIENT_SECRET)
    status, _, body = c.token_request(post)
    t.ok(status == 200 and body["access_token"], "POST client gets a token")
    status, _, body = c.token_request(grant, basic=(ds.POST_CLIENT_ID, ds.POST_CLIENT_SECRET))
    t.ok(status == 401 and body["error"] == "invalid_client", "POST client via Basic -> 401")
    status, _, body = c.token_request(grant, basic=("00000000-0000-4000-8000-000000000000", "x"))
    t.ok(status == 401 and body["error"] == "invalid_client", "unknown client -> 401")
    status, _, body = c.token_request({"grant_type": "password"}, basic=basic)
    t.ok(status == 400 and body["error"] == "unsupported_grant_type", "password grant -> 400")
    status, _, body = c.token_request(grant, basic=basic, path="/as/token")
    t.ok(status == 200 and body["access_token"], "custom-domain /as/token works")
    status, _, body = c.token_request(grant, basic=basic, env_id=ds.DEFAULT_ENV_ID)
    t.ok(status == 401 and body["error"] == "invalid_client", "client of another env -> 401")
    status, _, body = c.request("POST", "/%s/as/token" % ds.ADMIN_ENV_ID,
                                body=b'{"grant_type":"client_credentials"}',
                                headers={"Content-Type": "application/json"})
    t.ok(status == 400 and body["error"] == "invalid_request", "JSON body -> 400 invalid_request")


def check_envelope(t, body, key, name):
    """Assert the collection envelope shape."""
    t.ok(isinstance(body, dict) and set(body) >= {"_links", "_embedded", "count", "size"}
         and isinstance(body["_embedded"].get(key), list)
         and body["size"] == len(body["_embedded"][key])
         and body["_links"]["self"]["href"].startswith("https://127.0.0.1:"),
         "%s: envelope with _links.self, _embedded.%s, count, size" % (name, key))


def test_management_basics(t, c, tok, port):
    """Environments, single items, 401/403/404 and Correlation-Id everywhere."""
    status, h, body = c.get("/v1/environments")
    t.ok(status == 401 and body["code"] == "ACCESS_FAILED" and
         body["details"][0]["code"] == "INVALID_TOKEN" and UUID_RE.match(body["id"]),
         "no token -> 401 ACCESS_FAILED/INVALID_TOKEN")
    t.ok(UUID_RE.match(h.get("correlation-id", "")), "401 has a Correlation-Id")
    status, _, body = c.get("/v1/environments", token="bogus")
    t.ok(status == 401 and body["details"][0]["code"] == "INVALID_TOKEN", "bogus token -> 401")
    status, h, body = c.get("/v1/environments", token=tok)
    check_envelope(t, body, "environments", "environments")
    t.is_eq(sorted(e["name"] for e in body["_embedded"]["environments"]),
            ["Administrators", "Production", "Sandbox"], "three environments")
    t.ok("next" not in body["_links"] and body["count"] == 3, "single page, count 3")
    status, _, body = c.get(ENV, token=tok)
    t.ok(status == 200 and body["id"] == ds.DEFAULT_ENV_ID and body["name"] == "Production"
         and body["_links"]["self"]["href"] == "https://127.0.0.1:%d%s" % (port, ENV),
         "GET /environments/{id}")
    bad_env = "/v1/environments/11111111-2222-4333-8444-555555555555"
    status, _, body = c.get(bad_env + "/users", token=tok)
    t.ok(status == 403 and body["code"] == "ACCESS_FAILED" and
         body["details"][0]["code"] == "INSUFFICIENT_PERMISSIONS",
         "users of a missing environment -> 403")
    status, _, body = c.get(bad_env, token=tok)
    t.ok(status == 404 and body["code"] == "NOT_FOUND", "GET missing environment -> 404")
    u = DEF.users[5]
    status, _, body = c.get(ENV + "/users/" + u["id"], token=tok)
    t.ok(status == 200 and body["username"] == u["username"] and "_links" in body,
         "GET user by id")
    for what in ("users", "groups", "populations"):
        status, h, body = c.get(ENV + "/%s/00000000-0000-4000-8000-000000000000" % what,
                                token=tok)
        t.ok(status == 404 and body["code"] == "NOT_FOUND" and "correlation-id" in h,
             "unknown %s id -> 404 NOT_FOUND" % what[:-1])
    status, _, body = c.get(ENV + "/users/%s?include=memberOfGroupIDs,memberOfGroupNames"
                            % u["id"], token=tok)
    want = T.memberships[u["id"]]
    t.ok(status == 200 and body.get("memberOfGroupIDs") == [m["id"] for m in want] and
         body.get("memberOfGroupNames") == [m["name"] for m in want],
         "include=memberOfGroupIDs,memberOfGroupNames")
    status, _, body = c.request("DELETE", ENV + "/users/" + u["id"],
                                headers={"Authorization": "Bearer " + tok})
    t.ok(status == 405, "DELETE -> 405 (read-only emulator)")
    status, h, body = c.get("/nowhere", token=tok)
    t.ok(status == 404 and "correlation-id" in h, "unknown path -> 404 with Correlation-Id")


def test_paging(t, c, tok, port):
    """Default page size, absolute next links, short pages, limits, cursor tampering."""
    status, _, first = c.get(ENV + "/users", token=tok)
    check_envelope(t, first, "users", "users")
    t.ok(first["size"] == 100 and first["count"] == len(DEF.users), "default page is 100 users")
    nxt = first["_links"]["next"]["href"]
    t.ok(nxt.startswith("https://127.0.0.1:%d/v1/environments/" % port) and "cursor=" in nxt,
         "next.href is absolute with a cursor")
    cur = parse_qs(urlsplit(nxt).query)["cursor"][0]
    t.ok(re.fullmatch(r"[A-Za-z0-9_.\-]+", cur), "cursor is URL-safe")
    items, pages, statuses = fetch_all(c, ENV + "/users", tok)
    t.is_eq([u["id"] for u in items], [u["id"] for u in DEF.users],
            "following next yields every user exactly once, in order")
    t.ok("next" not in pages[-1]["_links"], "last page has no next")
    sizes = [p["size"] for p in pages]
    t.ok(any(s < 100 for s in sizes[:-1]) and all(s > 0 for s in sizes),
         "some non-final pages are short, none empty (sizes %s)" % sizes[:6])
    t.ok(all(p["count"] == len(DEF.users) for p in pages), "count is the total on every page")
    t0 = time.time()
    items, pages, _ = fetch_all(c, ENV + "/users", tok, {"limit": 1000})
    per_page = (time.time() - t0) / len(pages)
    t.ok(len(items) == len(DEF.users), "limit=1000: every user in %d pages" % len(pages))
    print("# limit=1000: %.3f s per page" % per_page)
    t.ok(pages[0]["size"] == 1000, "first page honours limit=1000")
    for bad in ("0", "1001", "abc", "-5"):
        status, _, body = c.get(ENV + "/users", token=tok, query={"limit": bad})
        t.ok(status == 400 and body["code"] == "INVALID_DATA" and
             body["details"][0]["target"] == "limit", "limit=%s -> 400" % bad)
    status, _, body = c.get(ENV + "/groups", token=tok, query={"limit": 1000})
    t.ok(status == 200 and body["size"] == len(DEF.groups), "groups limit=1000 allowed")
    status, _, body = c.get(ENV + "/populations", token=tok)
    t.ok(status == 200 and body["size"] == 4, "populations default page holds all 4")
    tampered = nxt.replace("cursor=" + cur, "cursor=" + ("A" if cur[0] != "A" else "B") + cur[1:])
    status, _, body = c.get(tampered, token=tok)
    t.ok(status == 400 and body["details"][0]["target"] == "cursor", "tampered cursor -> 400")
    status, _, body = c.get(ENV + "/groups?cursor=" + cur, token=tok)
    t.ok(status == 400, "cursor of another collection -> 400")
    status, _, body = c.get(nxt + "&filter=" + quote('username eq "x"'), token=tok)
    t.ok(status == 400, "changing the filter mid-paging -> 400")
    c.control("POST", "config", {"shortPages": False})
    _, pages, _ = fetch_all(c, ENV + "/users", tok, {"limit": 500})
    t.is_eq([p["size"] for p in pages], [500, 500, 500, 500, 500, len(DEF.users) - 2500],
            "shortPages=false gives full pages")
    c.control("POST", "config", {"shortPages": True})
    _, pages, _ = fetch_all(c, ENV + "/users", tok, {"limit": 2})
    t.ok(all(p["size"] >= 1 for p in pages), "limit=2 pages are never empty")
    status, _, body = c.get(ENV + "/users", token=tok,
                            query={"filter": 'username eq "no-such-user"'})
    t.ok(status == 200 and body["_embedded"]["users"] == [] and body["count"] == 0 and
         body["size"] == 0 and "next" not in body["_links"], "empty result: [] and count 0")


def users_matching(c, tok, flt, limit=1000):
    """(status, set of usernames or error body) for a users filter."""
    items, pages, statuses = fetch_all(c, ENV + "/users", tok, {"filter": flt, "limit": limit})
    if statuses[-1] != 200:
        status, _, body = c.get(ENV + "/users", token=tok, query={"filter": flt})
        return status, body
    return 200, {u["username"] for u in items}


def test_filters(t, c, tok):
    """Supported filters match case-insensitively; escapes; memberOfGroups."""
    s, r = users_matching(c, tok, 'username eq "USER0042"')
    t.is_eq((s, r), (200, {"user0042"}), "username eq is case-insensitive")
    s, r = users_matching(c, tok, 'username sw "user249"')
    t.is_eq(r, {"user%04d" % i for i in range(2490, 2500)}, "username sw")
    domain_users = {u["username"] for u in DEF.users if u.get("email", "").lower().endswith(".se")}
    s, r = users_matching(c, tok, 'email ew ".SE"')
    t.is_eq(r, domain_users, "email ew")
    s, r = users_matching(c, tok, 'username eq "user0001" OR username eq "user0002" or '
                          '(username sw "user000" AND username eq "user0003")')
    t.is_eq(r, {"user0001", "user0002", "user0003"}, "or / AND / parentheses")
    s, r = users_matching(c, tok, 'username eq "quote\\"back\\\\slash"')
    t.is_eq(r, {'quote"back\\slash'}, 'escaped \\" and \\\\ in a value')
    s, r = users_matching(c, tok, 'username eq "jos\\u00e9"')
    t.is_eq(r, {"josé"}, "\\u00e9 escape")
    s, r = users_matching(c, tok, 'name.given eq "Smiley\\ud83d\\ude00"')
    t.is_eq(r, {"emoji.user"}, "surrogate-pair escape for U+1F600")
    s, r = users_matching(c, tok, 'name.family eq "𝒜DAMS"')
    t.is_eq(r, {"math.user"}, "raw non-BMP value")
    s, r = users_matching(c, tok, 'name.family eq "ÅNGSTRÖM"')
    t.is_eq(r, {"ångström"}, "accented value, case-insensitive")
    enabled = {u["username"] for u in DEF.users if u["enabled"]}
    disabled = {u["username"] for u in DEF.users if not u["enabled"]}
    t.is_eq(users_matching(c, tok, 'enabled eq "true"')[1], enabled, 'enabled eq "true"')
    t.is_eq(users_matching(c, tok, "enabled eq false")[1], disabled, "enabled eq false")
    g = next(x for x in DEF.groups if x["name"] == "Engineering")
    members = {u["username"] for u in DEF.users
               if g["id"] in {m["id"] for m in T.memberships[u["id"]]}}
    s, r = users_matching(c, tok, 'memberOfGroups[id eq "%s"]' % g["id"])
    t.ok(s == 200 and r == members and len(members) > 10,
         "memberOfGroups[id eq] (direct and indirect, %d users)" % len(members))
    pop = DEF.populations[1]
    want = {u["username"] for u in DEF.users if u["population"]["id"] == pop["id"]
            and g["id"] in {m["id"] for m in T.memberships[u["id"]]}}
    s, r = users_matching(c, tok, '(population.id eq "%s") AND memberOfGroups[id eq "%s"]'
                          % (pop["id"], g["id"]))
    t.is_eq(r, want, "population.id and memberOfGroups combined")
    status, _, body = c.get(ENV + "/groups", token=tok, query={"filter": 'name eq "r&d \\"labs\\""'})
    t.ok(status == 200 and [x["name"] for x in body["_embedded"]["groups"]] == ['R&D "Labs"'],
         "groups name eq with quotes")
    ext = next(x for x in DEF.groups if x.get("externalId"))
    status, _, body = c.get(ENV + "/groups", token=tok,
                            query={"filter": 'externalId eq "%s"' % ext["externalId"]})
    t.ok(status == 200 and [x["id"] for x in body["_embedded"]["groups"]] == [ext["id"]],
         "groups externalId eq")
    scoped = [x["id"] for x in DEF.groups if x.get("population", {}).get("id") == pop["id"]]
    status, _, body = c.get(ENV + "/groups", token=tok,
                            query={"filter": 'population.id eq "%s"' % pop["id"]})
    t.ok(status == 200 and [x["id"] for x in body["_embedded"]["groups"]] == scoped,
         "groups population.id eq")
    status, _, body = c.get(ENV + "/populations", token=tok, query={"filter": 'name sw "emp"'})
    t.ok(status == 200 and [p["name"] for p in body["_embedded"]["populations"]] == ["Employees"],
         "populations name sw")
    status, _, body = c.get("/v1/environments", token=tok,
                            query={"filter": 'name sw "Sand" and organization.id eq "%s"' % ds.ORG_ID})
    t.ok(status == 200 and [e["id"] for e in body["_embedded"]["environments"]] == [ds.SECOND_ENV_ID],
         "environments name sw and organization.id eq")


def expect_invalid_filter(t, c, tok, path, flt, name):
    """The filter must be refused with 400 INVALID_DATA / INVALID_FILTER."""
    status, h, body = c.get(path, token=tok, query={"filter": flt})
    good = (status == 400 and body.get("code") == "INVALID_DATA" and UUID_RE.match(body.get("id", ""))
            and body["details"][0]["code"] == "INVALID_FILTER"
            and body["details"][0]["target"] == "filter"
            and isinstance(body["details"][0]["innerError"]["supportedAttributes"], list)
            and isinstance(body["details"][0]["innerError"]["supportedOperators"], list)
            and "correlation-id" in h)
    t.ok(good, "%s -> 400 INVALID_FILTER" % name, (status, body))


def test_invalid_filters(t, c, tok):
    """Everything outside the section 5.3 allow-lists, and syntax errors."""
    users = ENV + "/users"
    for flt in ['username ne "x"', "username pr", 'username co "ser"', 'username gt "a"',
                'username ge "a"', 'username lt "a"', 'username le "a"',
                'not (username eq "x")', 'createdAt gt "2020-01-01T00:00:00Z"',
                'lifecycle.status eq "ACCOUNT_OK"', 'account.status eq "OK"',
                'name.middle ew "x"', 'username ew "9"', 'id sw "a"',
                'memberOfGroups[name eq "x"]', 'memberOfGroups[id eq "a" and type eq "DIRECT"]',
                'memberOfGroups[id sw "a"]', 'Username eq "user0001"', 'enabled eq "maybe"',
                "username eq 42", 'population.id sw "a"']:
        expect_invalid_filter(t, c, tok, users, flt, "users: " + flt)
    for flt in ['username eq "unterminated', 'username eq', '(username eq "x"',
                'username eq "x")', 'username eq "x" and', 'username "x"',
                'username eq "bad\\q"', 'username eq "\\ud83d"', "", "username == \"x\"",
                'username eq "x" xor username eq "y"']:
        expect_invalid_filter(t, c, tok, users, flt, "syntax: %r" % flt)
    groups = ENV + "/groups"
    for flt in ['name sw "Eng"', 'description eq "x"', 'name ne "x"']:
        expect_invalid_filter(t, c, tok, groups, flt, "groups: " + flt)
    pops = ENV + "/populations"
    for flt in ['userCount eq "1"', 'name ew "s"', 'id sw "a"']:
        expect_invalid_filter(t, c, tok, pops, flt, "populations: " + flt)
    for flt in ['name eq "Sandbox"', 'name sw "A" or name sw "B"', 'type eq "SANDBOX"']:
        expect_invalid_filter(t, c, tok, "/v1/environments", flt, "environments: " + flt)
    u = DEF.users[0]
    expect_invalid_filter(t, c, tok, ENV + "/users/%s/memberOfGroups" % u["id"],
                          'type eq "DIRECT"', "memberOfGroups: any filter")


def test_memberships(t, c, tok):
    """memberOfGroups items, paging and expand=group."""
    u = max(DEF.users, key=lambda x: len(T.memberships[x["id"]]))
    path = ENV + "/users/%s/memberOfGroups" % u["id"]
    status, _, body = c.get(path, token=tok)
    check_envelope(t, body, "groupMemberships", "memberOfGroups")
    got = [(m["id"], m["name"], m["type"], m["environment"]["id"])
           for m in body["_embedded"]["groupMemberships"]]
    want = [(m["id"], m["name"], m["type"], ds.DEFAULT_ENV_ID) for m in T.memberships[u["id"]]]
    t.is_eq(got, want, "memberOfGroups items match the dataset")
    items, pages, _ = fetch_all(c, path, tok, {"limit": 2})
    t.ok([m["id"] for m in items] == [m[0] for m in want] and len(pages) > 1,
         "memberOfGroups pages with limit=2")
    status, _, body = c.get(path, token=tok, query={"expand": "group"})
    emb = [m.get("_embedded", {}).get("group", {}).get("name") for m in
           body["_embedded"]["groupMemberships"]]
    t.is_eq(emb, [m[1] for m in want], "expand=group embeds the group")
    status, _, body = c.get(path, token=tok, query={"expand": "users"})
    t.ok(status == 400, "unsupported expand -> 400")
    nobody = next(x for x in DEF.users if not T.memberships[x["id"]])
    status, _, body = c.get(ENV + "/users/%s/memberOfGroups" % nobody["id"], token=tok)
    t.ok(status == 200 and body["_embedded"]["groupMemberships"] == [] and body["count"] == 0,
         "user without groups -> empty collection")
    status, _, body = c.get(ENV + "/users/00000000-0000-4000-8000-000000000000/memberOfGroups",
                            token=tok)
    t.ok(status == 404, "memberOfGroups of unknown user -> 404")
    g = DEF.groups[0]
    status, _, body = c.get(ENV + "/groups/%s?include=totalMemberCounts" % g["id"], token=tok)
    total = sum(1 for x in DEF.users if g["id"] in {m["id"] for m in T.memberships[x["id"]]})
    t.ok(status == 200 and body["totalMemberCounts"]["users"] == total and
         body["directMemberCounts"]["users"] <= total, "include=totalMemberCounts")


def test_faults_and_control(t, c, tok):
    """Injected faults, the request log, token expiry and lifetime."""
    c.control("DELETE", "requests")
    status, _, body = c.control("POST", "faults", {"match": "/users$", "status": 429, "count": 2,
                                                  "retryAfter": 3})
    t.ok(status == 200, "queue a 429 fault")
    status, h, body = c.get(ENV + "/users", token=tok)
    t.ok(status == 429 and h.get("retry-after") == "3" and body["code"] == "REQUEST_LIMITED"
         and UUID_RE.match(body["id"]) and "correlation-id" in h,
         "429 REQUEST_LIMITED with Retry-After")
    status, _, _ = c.get(ENV + "/groups", token=tok)
    t.is_eq(status, 200, "fault does not match other paths")
    status, _, _ = c.get(ENV + "/users", token=tok)
    t.is_eq(status, 429, "second faulted request")
    status, _, _ = c.get(ENV + "/users", token=tok, query={"limit": 1})
    t.is_eq(status, 200, "fault used up after count requests")
    c.control("POST", "faults", {"match": "/populations", "status": 503, "count": 1})
    status, h, body = c.get(ENV + "/populations", token=tok)
    t.ok(status == 503 and h.get("retry-after") == "1", "503 with default Retry-After")
    c.control("POST", "faults", {"match": ".", "status": 500})
    status, _, body = c.get("/v1/environments", token=tok)
    t.ok(status == 500 and body["code"] == "UNEXPECTED_ERROR", "500 UNEXPECTED_ERROR")
    c.control("POST", "faults", {"match": "/as/token$", "status": 401})
    status, _, body = c.token_request({"grant_type": "client_credentials"},
                                      basic=(ds.CLIENT_ID, ds.CLIENT_SECRET))
    t.ok(status == 401 and body.get("error") == "invalid_client", "token endpoint fault is OAuth-shaped")
    c.control("POST", "faults", {"match": "/groups", "status": 401, "count": 5})
    c.control("DELETE", "faults")
    status, _, _ = c.get(ENV + "/groups", token=tok, query={"limit": 1})
    t.is_eq(status, 200, "DELETE /__emulator/faults clears faults")
    status, _, body = c.control("POST", "faults", {"match": "(", "status": 429})
    t.is_eq(status, 400, "bad fault spec -> 400")
    status, _, body = c.control("GET", "requests")
    reqs = body["requests"]
    t.ok(all(set(r) >= {"method", "path", "query", "status", "correlationId"} for r in reqs),
         "request entries have method, path, query, status, correlationId")
    t.is_eq([(r["path"].rsplit("/", 1)[-1], r["status"]) for r in reqs][:4],
            [("users", 429), ("groups", 200), ("users", 429), ("users", 200)],
            "requests in arrival order with statuses")
    t.is_eq(reqs[3]["query"], {"limit": "1"}, "query values decoded")
    t.ok(not any(r["path"].startswith("/__emulator") for r in reqs), "control calls not logged")
    t.ok(all(ds.CLIENT_SECRET not in str(r) and tok not in str(r) for r in reqs),
         "no secrets or tokens in the request log")
    tok_entry = next(r for r in reqs if r["path"].endswith("/as/token"))
    t.ok(tok_entry["formKeys"] == ["grant_type"] and tok_entry["authScheme"] == "Basic",
         "token request entry shows form keys and auth scheme only")
    c.control("DELETE", "requests")
    status, _, body = c.control("GET", "requests")
    t.is_eq(body["requests"], [], "DELETE /__emulator/requests clears the log")
    status, _, body = c.get(ENV + "/users?filter=" + quote('username eq "user0001"'), token=tok)
    _, _, body = c.control("GET", "requests")
    t.is_eq(body["requests"][0]["query"], {"filter": 'username eq "user0001"'},
            "filter value logged decoded")

    c.control("POST", "tokens/expire")
    status, _, body = c.get("/v1/environments", token=tok)
    t.ok(status == 401 and body["details"][0]["code"] == "INVALID_TOKEN",
         "tokens/expire -> 401 INVALID_TOKEN")
    status, _, body = c.control("POST", "config", {"tokenLifetime": 1})
    t.ok(status == 200 and body["tokenLifetime"] == 1, "config tokenLifetime=1")
    status, _, body = c.token_request({"grant_type": "client_credentials"},
                                      basic=(ds.CLIENT_ID, ds.CLIENT_SECRET))
    t.is_eq(body["expires_in"], 1, "expires_in follows tokenLifetime")
    short = body["access_token"]
    status, _, _ = c.get("/v1/environments", token=short)
    t.is_eq(status, 200, "short-lived token works at once")
    time.sleep(1.3)
    status, _, body = c.get("/v1/environments", token=short)
    t.ok(status == 401 and "expired" in body["details"][0]["message"], "expired token -> 401")
    status, _, body = c.control("POST", "config", {"tokenLifetime": "x"})
    t.is_eq(status, 400, "bad config -> 400")
    c.control("POST", "config", {"tokenLifetime": 3600})


def test_keepalive_and_json(t, emu):
    """One connection serves many requests; asciiJson escapes non-BMP characters."""
    c = emu.client()
    tok = c.token()
    for _ in range(5):
        status, h, _ = c.get(ENV + "/populations", token=tok)
        if status != 200 or "content-length" not in h:
            break
    t.ok(c.connects == 1 and status == 200, "keep-alive: 6 requests on 1 connection")
    status, h, _ = c.get(ENV + "/users/none", token=tok)
    t.ok(status == 404 and c.connects == 1 and "content-length" in h,
         "connection survives an error response")
    c.control("POST", "config", {"asciiJson": True})
    c.request("GET", "/__emulator/health")
    conn = c._connection()
    u = next(x for x in DEF.users if x["username"] == "emoji.user")
    conn.request("GET", ENV + "/users/" + u["id"], headers={"Authorization": "Bearer " + tok})
    raw = conn.getresponse().read()
    t.ok(b"\\ud83d\\ude00" in raw and raw.isascii(), "asciiJson emits surrogate escapes")
    c.control("POST", "config", {"asciiJson": False})
    conn.request("GET", ENV + "/users/" + u["id"], headers={"Authorization": "Bearer " + tok})
    raw = conn.getresponse().read()
    t.ok("😀".encode("utf-8") in raw, "default JSON is raw UTF-8")
    c.close()


def test_protocol(t, emu):
    """Parallel clients, HEAD, and malformed HTTP answered with JSON + Correlation-Id."""
    import socket
    import ssl
    import threading
    results = []

    def worker():
        """Fetch every user page on a private connection."""
        c = emu.client()
        try:
            items, _, statuses = fetch_all(c, ENV + "/users", c.token(), {"limit": 700})
            results.append((len(items), set(statuses)))
        finally:
            c.close()
    threads = [threading.Thread(target=worker) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(60)
    t.is_eq(results, [(len(DEF.users), {200})] * 4, "4 parallel clients each get every user")
    c = emu.client()
    tok = c.token()
    status, h, body = c.request("HEAD", ENV + "/populations",
                                headers={"Authorization": "Bearer " + tok})
    t.ok(status == 200 and int(h["content-length"]) > 0 and not body,
         "HEAD gives headers without a body")
    c.close()
    ctx = ssl.create_default_context(cafile=emu.cafile)
    with socket.create_connection(("127.0.0.1", emu.port), timeout=10) as raw:
        with ctx.wrap_socket(raw, server_hostname="127.0.0.1") as s:
            s.sendall(b"GET /v1/environments HTTP/1.1\r\nHost: x\r\n"
                      b"Content-Length: abc\r\n\r\n")
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
    head, _, payload = data.partition(b"\r\n\r\n")
    t.ok(head.startswith(b"HTTP/1.") and b" 400 " in head.split(b"\r\n")[0] and
         b"Correlation-Id:" in head and b'"code": "INVALID_REQUEST"' in payload,
         "bad Content-Length -> 400 JSON with Correlation-Id, then close", data[:300])


def main():
    """Run everything; exit status 1 if any test failed."""
    t = Tap()
    test_dataset(t)
    emu = EmulatorProcess()
    try:
        emu.start()
        test_startup(t, emu)
        c = emu.client()
        test_tokens(t, c)
        tok = c.token()
        test_management_basics(t, c, tok, emu.port)
        test_paging(t, c, tok, emu.port)
        test_filters(t, c, tok)
        test_invalid_filters(t, c, tok)
        test_memberships(t, c, tok)
        test_faults_and_control(t, c, tok)
        test_keepalive_and_json(t, emu)
        test_protocol(t, emu)
        c.close()
        t0 = time.time()
        code, out, err = emu.stop(signal.SIGTERM)
        t.ok(code == 0 and time.time() - t0 < 30, "SIGTERM: clean exit %s" % code, err)
        t.is_eq(out, b"", "nothing written on stdout")
        t.ok(not os.path.exists(os.path.join(emu.state_dir, "port")), "port file removed on exit")
        log = open(os.path.join(emu.state_dir, "emulator.log"), encoding="utf-8").read()
        t.ok(ds.CLIENT_SECRET not in log and ds.POST_CLIENT_SECRET not in log and
             "Bearer" not in log, "log holds no secrets or tokens")
    except Exception as exc:  # report instead of dying without a plan
        import traceback
        t.ok(False, "unexpected exception: %s" % exc, traceback.format_exc())
    finally:
        emu.stop()
        emu.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
