#!/usr/bin/python3
"""TAP tests of the emulator's data-model resources (issue 4): every collection,
child collection and single-item GET, filter allow-lists (accepted and
refused), paging, order, the activities date-range rule and custom user
attributes, each checked against the dataset."""

import datetime
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dataset as ds  # noqa: E402
import resources  # noqa: E402
from emutest import EmulatorProcess, Tap, fetch_all  # noqa: E402

T = ds.build()
DEF = T.envs[ds.DEFAULT_ENV_ID]
ENV = "/v1/environments/" + ds.DEFAULT_ENV_ID
NOID = "00000000-0000-4000-8000-000000000000"
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
FILTERABLE = {"roles", "templates", "activities"}


def strip(item):
    """item without _links and _embedded."""
    return {k: v for k, v in item.items() if k not in ("_links", "_embedded")}


def refused(t, c, tok, path, flt, name):
    """The filter must give 400 INVALID_DATA / INVALID_FILTER."""
    status, _, body = c.get(path, token=tok, query={"filter": flt})
    ok = (status == 400 and body.get("code") == "INVALID_DATA" and
          body["details"][0]["code"] == "INVALID_FILTER" and
          body["details"][0]["target"] == "filter")
    return t.ok(ok, "%s: filter %r refused with 400 INVALID_FILTER" % (name, flt), (status, body))


def ids_of(c, tok, path, query=None):
    """(statuses, ids) of every item of a collection, following next."""
    items, _, statuses = fetch_all(c, path, tok, query)
    return statuses, [i["id"] for i in items]


def check_collection(t, c, tok, path, key, want, name, filterable=False):
    """List (all pages) equals want; single GET; unknown id 404; filter refused."""
    status, _, body = c.get(path, token=tok)
    t.ok(status == 200 and isinstance(body["_embedded"].get(key), list) and
         body["count"] == len(want) and body["size"] == len(body["_embedded"][key]),
         "%s: envelope with _embedded.%s, count %d" % (name, key, len(want)), (status, body))
    items, _, statuses = fetch_all(c, path, tok, {"limit": 7})
    t.ok(set(statuses) == {200} and [strip(i) for i in items] == want,
         "%s: every item (limit=7 pages) equals the dataset, in order" % name)
    t.ok(all(i["_links"]["self"]["href"].endswith(path + "/" + str(i["id"])) for i in items),
         "%s: every item has an absolute _links.self" % name)
    if want:
        status, _, one = c.get(path + "/" + str(want[-1]["id"]), token=tok)
        t.ok(status == 200 and strip(one) == want[-1], "%s: single-item GET" % name)
    status, _, body = c.get(path + "/" + NOID, token=tok)
    t.ok(status == 404 and body["code"] == "NOT_FOUND", "%s: unknown id -> 404" % name)
    if not filterable:
        refused(t, c, tok, path, 'id eq "%s"' % NOID, name)


def test_env_collections(t, c, tok):
    """Every /environments/{env}/<collection> and its children, in all three environments."""
    for env_id in (ds.DEFAULT_ENV_ID, ds.ADMIN_ENV_ID, ds.SECOND_ENV_ID):
        env = T.envs[env_id]
        base = "/v1/environments/" + env_id
        for seg, spec in resources.ENV_SPECS.items():
            if seg == "activities":
                continue
            want = env.coll[seg]
            full = env_id == ds.DEFAULT_ENV_ID
            if full:
                check_collection(t, c, tok, base + "/" + seg, spec.key, want, seg,
                                 seg in FILTERABLE)
            else:
                st, got = ids_of(c, tok, base + "/" + seg)
                t.ok(set(st) == {200} and got == [w["id"] for w in want],
                     "%s of %s: ids match the dataset" % (seg, env_id[:8]))
            for child, cspec in spec.children.items():
                data = env.children.get("%s/%s" % (seg, child), {})
                parents = [p for p in want if data.get(p["id"])]
                if not parents:
                    continue
                parent = max(parents, key=lambda p: len(data[p["id"]]))
                path = "%s/%s/%s/%s" % (base, seg, parent["id"], child)
                if full:
                    check_collection(t, c, tok, path, cspec.key, data[parent["id"]],
                                     "%s/%s" % (seg, child))
                else:
                    st, got = ids_of(c, tok, path)
                    t.ok(set(st) == {200} and got == [w["id"] for w in data[parent["id"]]],
                         "%s/%s of %s: ids match" % (seg, child, env_id[:8]))
            if spec.children and full:
                child = next(iter(spec.children))
                status, _, _ = c.get("%s/%s/%s/%s" % (base, seg, NOID, child), token=tok)
                t.is_eq(status, 404, "%s/{unknown}/%s -> 404" % (seg, child))
                empty = next((p for p in want if not env.children.get(
                    "%s/%s" % (seg, child), {}).get(p["id"])), None)
                if empty is not None:
                    status, _, body = c.get("%s/%s/%s/%s" % (base, seg, empty["id"], child),
                                            token=tok)
                    t.ok(status == 200 and body["count"] == 0 and
                         body["_embedded"][spec.children[child].key] == [],
                         "%s/%s of a parent without any: empty collection" % (seg, child))
    status, _, body = c.get("/v1/environments/%s/applications" % NOID, token=tok)
    t.ok(status == 403 and body["code"] == "ACCESS_FAILED", "applications of a missing "
         "environment -> 403")
    status, _, body = c.get(ENV + "/nosuchthing", token=tok)
    t.is_eq(status, 404, "unknown collection -> 404")


def test_user_group_children(t, c, tok):
    """users/{id}/<child> and groups/{id}/<child>."""
    for seg, spec in resources.USER_SPECS.items():
        data = DEF.children.get("users/" + seg, {})
        uid = max(data, key=lambda k: len(data[k]))
        check_collection(t, c, tok, ENV + "/users/%s/%s" % (uid, seg), spec.key, data[uid],
                         "users/" + seg, seg == "oauthConsents")
        without = next(u for u in DEF.users if u["id"] not in data)
        status, _, body = c.get(ENV + "/users/%s/%s" % (without["id"], seg), token=tok)
        t.ok(status == 200 and body["count"] == 0, "users/%s of a user without any -> []" % seg)
        status, _, _ = c.get(ENV + "/users/%s/%s" % (NOID, seg), token=tok)
        t.is_eq(status, 404, "users/{unknown}/%s -> 404" % seg)
    for seg, spec in resources.GROUP_SPECS.items():
        data = DEF.children.get("groups/" + seg, {})
        gid = max(data, key=lambda k: len(data[k]))
        check_collection(t, c, tok, ENV + "/groups/%s/%s" % (gid, seg), spec.key, data[gid],
                         "groups/" + seg)
        status, _, _ = c.get(ENV + "/groups/%s/%s" % (NOID, seg), token=tok)
        t.is_eq(status, 404, "groups/{unknown}/%s -> 404" % seg)
    sec = next(g for g in DEF.groups if g["name"] == "Security")
    status, _, body = c.get(ENV + "/groups/%s/memberOfGroups" % sec["id"], token=tok)
    got = [(m["name"], m["type"]) for m in body["_embedded"]["groupMemberships"]]
    t.is_eq(got, [("IT Admins", "DIRECT"), ("Engineering", "INDIRECT"),
                  ("All Staff", "INDIRECT")], "Security's parent groups (direct, indirect)")
    # oauthConsents: filters and expand
    data = DEF.children["users/oauthConsents"]
    uid = max(data, key=lambda k: len(data[k]))
    cons = data[uid]
    path = ENV + "/users/%s/oauthConsents" % uid
    status, _, body = c.get(path, token=tok, query={"filter": 'application.id eq "%s"'
                                                    % cons[0]["application"]["id"]})
    t.ok(status == 200 and [x["id"] for x in body["_embedded"]["oauthConsents"]] ==
         [x["id"] for x in cons if x["application"]["id"] == cons[0]["application"]["id"]],
         "oauthConsents: application.id eq")
    status, _, body = c.get(path, token=tok, query={
        "filter": 'application.name eq "%s"' % cons[0]["applicationName"].upper()
        .replace('"', '\\"')})
    t.ok(status == 200 and body["count"] >= 1 and all(
        x["applicationName"] == cons[0]["applicationName"]
        for x in body["_embedded"]["oauthConsents"]), "oauthConsents: application.name eq")
    for flt in ['status eq "ACCEPTED"', 'application.id sw "a"',
                'application.id eq "a" and application.id eq "b"']:
        refused(t, c, tok, path, flt, "oauthConsents")
    status, _, body = c.get(path, token=tok, query={"expand": "applications"})
    t.ok(status == 200 and all(x["_embedded"]["application"]["id"] == x["application"]["id"]
                               for x in body["_embedded"]["oauthConsents"]),
         "oauthConsents: expand=applications embeds the application")


def test_org_and_roles(t, c, tok):
    """Licenses (filters, order), platform roles, custom admin roles."""
    lic = "/v1/organizations/%s/licenses" % ds.ORG_ID
    check_collection(t, c, tok, lic, "licenses", T.licenses, "licenses", True)
    cases = [('status eq "active"', [x for x in T.licenses if x["status"] == "ACTIVE"]),
             ('beginsAt lt "2023-01-01T00:00:00Z"',
              [x for x in T.licenses if x["beginsAt"] < "2023-01-01"]),
             ('package eq "PREMIUM" and status eq "FUTURE"',
              [x for x in T.licenses if x["package"] == "PREMIUM" and x["status"] == "FUTURE"]),
             ('name eq "%s"' % T.licenses[1]["name"], [T.licenses[1]])]
    for flt, want in cases:
        status, _, body = c.get(lic, token=tok, query={"filter": flt})
        t.ok(status == 200 and [x["id"] for x in body["_embedded"]["licenses"]] ==
             [x["id"] for x in want] and want, "licenses: %s" % flt, (status, body))
    for flt in ['status sw "A"', 'beginsAt gt "2023-01-01T00:00:00Z"',
                'status eq "ACTIVE" or status eq "EXPIRED"', 'beginsAt lt "yesterday"',
                'expiresAt lt "2030-01-01T00:00:00Z"']:
        refused(t, c, tok, lic, flt, "licenses")
    status, _, body = c.get(lic, token=tok, query={"order": "-beginsAt"})
    t.is_eq([x["beginsAt"] for x in body["_embedded"]["licenses"]],
            sorted((x["beginsAt"] for x in T.licenses), reverse=True), "licenses order=-beginsAt")
    status, _, body = c.get(lic, token=tok, query={"order": "name"})
    t.ok(status == 400 and body["details"][0]["target"] == "order", "unsupported order -> 400")
    status, _, body = c.get("/v1/organizations/%s/licenses" % NOID, token=tok)
    t.is_eq(status, 403, "licenses of another organization -> 403")
    check_collection(t, c, tok, "/v1/roles", "roles", T.platform_roles, "platform roles")
    names = {r["name"] for r in T.platform_roles}
    t.ok({"Organization Admin", "Environment Admin", "Identity Data Admin"} <= names,
         "platform roles include the built-in admin roles")
    roles = ENV + "/roles"
    for typ in ("CUSTOM", "PLATFORM"):
        status, _, body = c.get(roles, token=tok, query={"filter": 'type eq "%s"' % typ})
        want = [r["id"] for r in DEF.coll["roles"] if r["type"] == typ]
        t.ok(status == 200 and [r["id"] for r in body["_embedded"]["roles"]] == want and want,
             "custom admin roles: type eq %s (%d)" % (typ, len(want)))
    for flt in ['name eq "App Viewer"', 'type sw "C"', 'type eq "CUSTOM" or type eq "PLATFORM"',
                'type ne "CUSTOM"']:
        refused(t, c, tok, roles, flt, "environment roles")


def test_templates(t, c, tok):
    """Template filters (dates, locale, deliveryMethod, default) and order."""
    path = ENV + "/templates"
    tpl = DEF.coll["templates"]
    contents = DEF.children["templates/contents"]
    cases = [('locale eq "FR"', [x for x in tpl if any(k["locale"] == "fr"
                                                       for k in contents[x["id"]])]),
             ('deliveryMethod eq "Push"', [x for x in tpl if "Push" in x["deliveryMethods"]]),
             ('createdAt gt "2022-06-01T00:00:00Z"', [x for x in tpl if x["createdAt"] >
                                                      "2022-06-01T00:00:00"]),
             ('updatedAt le "2022-06-01"', [x for x in tpl if x["updatedAt"] <=
                                            "2022-06-01T00:00:00"]),
             ("default eq true", tpl),
             ('locale sw "e" and deliveryMethod eq "SMS"',
              [x for x in tpl if "SMS" in x["deliveryMethods"]])]
    for flt, want in cases:
        status, _, body = c.get(path, token=tok, query={"filter": flt})
        t.ok(status == 200 and [x["id"] for x in body["_embedded"]["templates"]] ==
             [x["id"] for x in want], "templates: %s (%d)" % (flt, len(want)), (status, body))
    for flt in ['displayName eq "General"', 'locale ew "r"', 'createdAt gt "soon"',
                'deliveryMethod sw "E"']:
        refused(t, c, tok, path, flt, "templates")
    status, _, body = c.get(path, token=tok, query={"order": "-createdAt"})
    t.is_eq([x["id"] for x in body["_embedded"]["templates"]],
            [x["id"] for x in sorted(tpl, key=lambda x: x["createdAt"], reverse=True)],
            "templates order=-createdAt")


def _iso(dt):
    """Second-precision ISO-8601 UTC."""
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_activities(t, c, tok):
    """Date range required; documented shapes only; eq, in, case-insensitive names, POST."""
    path = ENV + "/activities"
    acts = DEF.coll["activities"]
    start, end = T.activity_window
    now = datetime.datetime.now(datetime.timezone.utc)
    t.ok(len(acts) >= 200 and all(_iso(start) <= a["recordedAt"] < _iso(end) + "z"
                                  for a in acts) and end <= now and
         end - start == datetime.timedelta(days=14),
         "a few hundred activities over the last 14 days")
    status, _, body = c.get(path, token=tok)
    t.ok(status == 400 and body["details"][0]["code"] == "INVALID_FILTER" and
         "date range" in body["details"][0]["message"], "no filter -> 400 (date range required)")
    lo, hi = start + datetime.timedelta(days=3), start + datetime.timedelta(days=9)
    rng = 'recordedAt gt "%s" and recordedAt lt "%s"' % (_iso(lo), _iso(hi))
    want = [a["id"] for a in acts if _iso(lo) < a["recordedAt"] < _iso(hi)]
    st, got = ids_of(c, tok, path, {"filter": rng, "limit": 50})
    t.ok(set(st) == {200} and got == want and len(want) > 50,
         "recordedAt range over several pages (%d activities)" % len(want))
    st, got = ids_of(c, tok, path, {"filter": rng.replace("recordedAt", "RECORDEDAT")})
    t.is_eq(got, want, "attribute names are case-insensitive on activities")
    u = next(a for a in acts if "user" in a["actors"])["actors"]["user"]
    flt = rng + ' and actors.user.id eq "%s"' % u["id"]
    st, got = ids_of(c, tok, path, {"filter": flt})
    t.is_eq(got, [a["id"] for a in acts if _iso(lo) < a["recordedAt"] < _iso(hi)
                  and a["actors"].get("user", {}).get("id") == u["id"]], "range and actors.user.id")
    flt = rng + ' and action.type in ["USER.CREATED", "GROUP.CREATED"]'
    st, got = ids_of(c, tok, path, {"filter": flt})
    t.ok(got == [a["id"] for a in acts if _iso(lo) < a["recordedAt"] < _iso(hi) and
                 a["action"]["type"] in ("USER.CREATED", "GROUP.CREATED")] and got,
         "action.type in [...]")
    res = acts[10]["resources"][0]
    flt = 'recordedAt ge "%s" and recordedAt le "%s" and resources.id eq "%s"' % (
        _iso(start), _iso(end), res["id"])
    st, got = ids_of(c, tok, path, {"filter": flt})
    t.ok(acts[10]["id"] in got and all(
        any(r["id"] == res["id"] for r in a["resources"]) for a in acts if a["id"] in got),
         "resources.id eq matches inside the resources array")
    flt = 'createdAt gt "%s" and createdAt lt "%s" and (action.type eq "USER.CREATED" or ' \
          'action.type eq "USER.UPDATED")' % (_iso(start), _iso(end))
    st, got = ids_of(c, tok, path, {"filter": flt})
    t.is_eq(got, [a["id"] for a in acts if a["action"]["type"] in
                  ("USER.CREATED", "USER.UPDATED")], "createdAt range with or")
    pop = acts[0]["resources"][0]["population"]["id"]
    flt = rng + ' and action.type eq "USER.CREATED" and resources.population.id eq "%s"' % pop
    st, got = ids_of(c, tok, path, {"filter": flt})
    t.ok(set(st) == {200} and got == [
        a["id"] for a in acts if _iso(lo) < a["recordedAt"] < _iso(hi) and
        a["action"]["type"] == "USER.CREATED" and
        any(r.get("population", {}).get("id") == pop for r in a["resources"])],
         "action type with population (a documented shape)")
    status, _, body = c.request("POST", path, body={"filter": rng},
                                headers={"Authorization": "Bearer " + tok})
    t.ok(status == 200 and body["count"] == len(want), "POST /activities with the filter "
         "in the body", (status, body))
    status, _, body = c.request("POST", path, body={"nofilter": 1},
                                headers={"Authorization": "Bearer " + tok})
    t.is_eq(status, 400, "POST /activities without a filter string -> 400")
    for flt in ['recordedAt gt "%s"' % _iso(lo), 'recordedAt lt "%s"' % _iso(hi),
                'action.type eq "USER.CREATED"',
                'recordedAt gt "%s" or recordedAt lt "%s"' % (_iso(lo), _iso(hi)),
                rng + ' and result.status eq "FAILED"', rng + ' and action.type sw "USER"',
                'recordedAt gt "last week" and recordedAt lt "now"',
                'createdAt ge "%s" and createdAt le "%s"' % (_iso(lo), _iso(hi)),
                rng + ' and correlationId ne "x"',
                rng + ' and action.type eq "USER.CREATED" and actors.user.id eq "%s"' % u["id"],
                rng + ' and (action.type eq "USER.CREATED" or actors.user.id eq "%s")' % u["id"],
                rng + ' and resources.id eq "%s" and resources.population.id eq "%s"' % (
                    res["id"], pop)]:
        refused(t, c, tok, path, flt, "activities")
    status, _, one = c.get(path + "/" + acts[5]["id"], token=tok)
    t.ok(status == 200 and strip(one) == acts[5], "single activity GET")
    status, _, _ = c.get(path + "/" + NOID, token=tok)
    t.is_eq(status, 404, "unknown activity -> 404")


def test_custom_attributes(t, c, tok):
    """User schema with custom attributes; users carry them and filter on STRING ones."""
    schema = DEF.coll["schemas"][0]
    attrs = DEF.children["schemas/attributes"][schema["id"]]
    custom = [a["name"] for a in attrs if a["schemaType"] == "CUSTOM" and a["type"] == "STRING"]
    t.ok(len(custom) >= 3 and "department" in custom and "costCenter" in custom,
         "user schema has custom STRING attributes %s" % custom)
    status, _, body = c.get(ENV + "/schemas/%s/attributes" % schema["id"], token=tok)
    t.ok(status == 200 and custom == [a["name"] for a in body["_embedded"]["attributes"]
                                      if a["schemaType"] == "CUSTOM" and a["type"] == "STRING"],
         "schema attributes served")
    for name in custom:
        t.ok(sum(1 for u in DEF.users if name in u) > 100, "users have values for %s" % name)
    users = ENV + "/users"
    for flt, pred in [('department eq "ENGINEERING"',
                       lambda u: u.get("department", "").lower() == "engineering"),
                      ('costCenter sw "cc-10"',
                       lambda u: u.get("costCenter", "").lower().startswith("cc-10")),
                      ('employeeNumber eq "E100042"', lambda u: u.get("employeeNumber") ==
                       "E100042"),
                      ('department eq "Recherche & Développement"',
                       lambda u: u.get("department") == "Recherche & Développement"),
                      ('officeLocation sw "Remote" and department eq "Sales"',
                       lambda u: u.get("officeLocation", "").startswith("Remote") and
                       u.get("department") == "Sales")]:
        items, _, st = fetch_all(c, users, tok, {"filter": flt, "limit": 1000})
        want = [u["id"] for u in DEF.users if pred(u)]
        t.ok(set(st) == {200} and [u["id"] for u in items] == want and want,
             "users: %s (%d)" % (flt, len(want)))
    for flt in ['department ew "ing"', 'department co "ng"', 'remoteEligible eq true',
                'preferences eq "x"', 'department ne "Sales"']:
        refused(t, c, tok, users, flt, "users")


def test_applications(t, c, tok):
    """Polymorphic applications, access-control groups, the OAuth clients as apps."""
    apps = DEF.coll["applications"]
    protocols = {a["protocol"] for a in apps}
    t.ok({"OPENID_CONNECT", "SAML", "WS_FED"} <= protocols and len(apps) >= 20,
         "tens of applications, OIDC, SAML and WS-Fed (%d)" % len(apps))
    t.ok(all("acsUrls" in a for a in apps if a["protocol"] == "SAML") and
         all("redirectUris" in a for a in apps if a["protocol"] == "OPENID_CONNECT" and
             a["type"] in ("WEB_APP", "NATIVE_APP", "SINGLE_PAGE_APP")) and
         all("domainName" in a for a in apps if a["protocol"] == "WS_FED"),
         "protocol-specific fields present")
    acl = [(a["id"], g["id"]) for a in apps for g in a.get("accessControl", {})
           .get("group", {}).get("groups", [])]
    t.ok(len(acl) >= 5 and all(g in DEF.group_by_id for _, g in acl),
         "access-control groups reference real groups (%d)" % len(acl))
    status, _, body = c.get("/v1/environments/%s/applications/%s" % (ds.ADMIN_ENV_ID,
                                                                     ds.AUTHCODE_CLIENT_ID),
                            token=tok)
    t.ok(status == 200 and body["redirectUris"] == ["http://localhost:33333",
                                                    "http://127.0.0.1:33333",
                                                    "https://localhost:33334"]
         and "clientSecret" not in body and ds.AUTHCODE_CLIENT_SECRET not in str(body),
         "auth-code app served with its redirect URIs and no secret")
    status, _, body = c.get("/v1/environments/%s/applications/%s/roleAssignments"
                            % (ds.ADMIN_ENV_ID, ds.CLIENT_ID), token=tok)
    t.ok(status == 200 and body["count"] >= 1, "worker app has role assignments")
    status, _, body = c.get(ENV + "/applications", token=tok, query={"expand": "grants"})
    t.ok(status == 400 and body["details"][0]["target"] == "expand", "unsupported expand -> 400")
    status, _, body = c.request("DELETE", ENV + "/applications/" + apps[0]["id"],
                                headers={"Authorization": "Bearer " + tok})
    t.is_eq(status, 405, "DELETE application -> 405")


def main():
    """Run everything; exit status 1 if any test failed."""
    t = Tap()
    t0 = time.time()
    ds._CACHE.clear()
    ds.build()
    # Speed is reported, never asserted (shared machines; see bench/).
    print("# dataset with every resource built in %.3f s" % (time.time() - t0))
    with EmulatorProcess() as emu:
        print("# emulator started in %.2f s" % emu.startup_seconds)
        c = emu.client()
        tok = c.token()
        try:
            test_env_collections(t, c, tok)
            test_user_group_children(t, c, tok)
            test_org_and_roles(t, c, tok)
            test_templates(t, c, tok)
            test_activities(t, c, tok)
            test_custom_attributes(t, c, tok)
            test_applications(t, c, tok)
        except Exception as exc:  # report instead of dying without a plan
            import traceback
            t.ok(False, "unexpected exception: %s" % exc, traceback.format_exc())
        c.close()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
