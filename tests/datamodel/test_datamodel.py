"""Data model through pyodbc and the driver manager, checked against the emulator's dataset.

Run by tests/datamodel/datamodel.sh under with-emulator.sh. Prints TAP. For
every table, the rows' RawJson (or key columns) must equal the dataset's
items; child tables are read both with their parent key and without it
(fan-out); custom attributes appear as Users columns and filter; catalog
functions and system tables describe the same model.
"""
import datetime
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration"))
import p1test as t  # noqa: E402

import pyodbc  # noqa: E402

D = t.dataset
TEN = t.tenant()
PROD = TEN.envs[D.DEFAULT_ENV_ID]
SBX = TEN.envs[D.SECOND_ENV_ID]


def canon(obj):
    """Canonical JSON text of an item without _links."""
    obj = {k: v for k, v in obj.items() if k != "_links"}
    return json.dumps(obj, sort_keys=True, ensure_ascii=False)


def raw_rows(cur, sql, *params):
    cur.execute(sql, *params)
    return sorted(canon(json.loads(r[0])) for r in cur.fetchall())


def want(items):
    return sorted(canon(i) for i in items)


def children(env, name):
    return [i for items in env.children.get(name, {}).values() for i in items]


TOP = [  # table, items of PROD
    ("Users", lambda e: e.users), ("Populations", lambda e: e.populations),
    ("Groups", lambda e: e.groups), ("AdminRoles", lambda e: e.coll["roles"]),
    ("Applications", lambda e: e.coll["applications"]),
    ("OIDCApplications", lambda e: [a for a in e.coll["applications"] if a["protocol"] == "OPENID_CONNECT"]),
    ("SAMLApplications", lambda e: [a for a in e.coll["applications"] if a["protocol"] == "SAML"]),
    ("WSFederationApplications", lambda e: [a for a in e.coll["applications"] if a["protocol"] == "WS_FED"]),
    ("Resources", lambda e: e.coll["resources"]), ("Agreements", lambda e: e.coll["agreements"]),
    ("AuthenticationPolicies", lambda e: e.coll["signOnPolicies"]),
    ("IdentityProviders", lambda e: e.coll["identityProviders"]),
    ("PasswordPolicies", lambda e: e.coll["passwordPolicies"]), ("Schemas", lambda e: e.coll["schemas"]),
    ("Gateways", lambda e: e.coll["gateways"]), ("CustomDomains", lambda e: e.coll["customDomains"]),
    ("Certificates", lambda e: e.coll["certificates"]), ("Languages", lambda e: e.coll["languages"]),
    ("NotificationTemplates", lambda e: e.coll["templates"]),
    ("Subscriptions", lambda e: e.coll["subscriptions"]),
]

CHILD = [  # table, parent key column, dataset children name, environment
    ("ApplicationAdminRoleAssignments", "ApplicationId", "applications/roleAssignments", PROD),
    ("ApplicationAttributeMappings", "ApplicationId", "applications/attributes", PROD),
    ("ApplicationAuthenticationPolicyAssignments", "ApplicationId", "applications/signOnPolicyAssignments", PROD),
    ("ApplicationGrants", "ApplicationId", "applications/grants", PROD),
    ("ResourceScopes", "ResourceId", "resources/scopes", PROD),
    ("ResourceAttributeMappings", "ResourceId", "resources/attributes", PROD),
    ("SignOnPolicyActions", "SignOnPolicyId", "signOnPolicies/actions", PROD),
    ("SchemaAttributes", "SchemaId", "schemas/attributes", PROD),
    ("GatewayInstances", "GatewayId", "gateways/instances", PROD),
    ("GroupAdminRoleAssignments", "GroupId", "groups/roleAssignments", PROD),
    ("UserAdminRoleAssignments", "UserId", "users/roleAssignments", SBX),
    ("UserSessions", "UserId", "users/sessions", SBX),
    ("UserOAuthScopeConsents", "UserId", "users/oauthConsents", SBX),
    ("UserAgreementConsents", "UserId", "users/agreementConsents", SBX),
    ("UserDevices", "UserId", "users/devices", SBX),
]


def schema_of(env):
    return next(e["name"] for e in TEN.environments if e["id"] == env.env_id)


def activity_pushdown(cur):
    """AuditActivities: the range plus at most one documented group is sent (pingone-api.md 5.3);
    rows equal the dataset's, the exact filter is asserted, and no request gets a 400."""
    acts = PROD.coll["activities"]
    rng = "RecordedAt >= '2000-01-01 00:00:00' AND RecordedAt < '2100-01-01 00:00:00'"
    frng = 'recordedAt ge "2000-01-01T00:00:00.000Z" and recordedAt lt "2100-01-01T00:00:00.000Z"'
    with_user = [a for a in acts if a["actors"].get("user")]
    uid, uname = with_user[0]["actors"]["user"]["id"], with_user[0]["actors"]["user"]["name"]
    cid = acts[0]["actors"]["client"]["id"]
    corr = [a for a in acts if a["action"]["type"] == "USER.CREATED"][3]["correlationId"]
    by_time = sorted(acts, key=lambda a: a["recordedAt"])
    t_lo, t_hi = by_time[40]["recordedAt"], by_time[300]["recordedAt"]

    def sqlts(iso):
        """'2026-11-20T00:04:23.091Z' -> '2026-11-20 00:04:23.091'."""
        return iso.replace("T", " ").rstrip("Z")

    def act_user(a, k):
        return a["actors"].get("user", {}).get(k)

    cases = [
        ("ActionType IN ('USER.CREATED', 'USER.UPDATED') AND ActorClientId = ? AND ResultStatus = 'SUCCESS'",
         [cid], frng + ' and actors.client.id eq "%s"' % cid,
         lambda a: a["action"]["type"] in ("USER.CREATED", "USER.UPDATED") and
         a["actors"]["client"]["id"] == cid and a["result"]["status"] == "SUCCESS",
         "actor beats action type; status local"),
        ("ActionType = 'USER.CREATED' AND CorrelationId = ?", [corr],
         frng + ' and action.type eq "USER.CREATED"',
         lambda a: a["action"]["type"] == "USER.CREATED" and a["correlationId"] == corr,
         "action type beats correlation ID"),
        ("CorrelationId = ? AND ResultStatus = 'SUCCESS'", [corr], frng + ' and correlationId eq "%s"' % corr,
         lambda a: a["correlationId"] == corr and a["result"]["status"] == "SUCCESS",
         "correlation ID alone"),
        ("(ActionType = 'USER.CREATED' OR ActorUserId = ?)", [uid], frng,
         lambda a: a["action"]["type"] == "USER.CREATED" or act_user(a, "id") == uid,
         "OR across attributes stays local"),
        ("(ActionType = 'USER.CREATED' OR ActionType = 'GROUP.CREATED') AND ResultDescription <> 'x'", [],
         frng + ' and (action.type eq "USER.CREATED" or action.type eq "GROUP.CREATED")',
         lambda a: a["action"]["type"] in ("USER.CREATED", "GROUP.CREATED"), "OR on one attribute is one term"),
        ("ActorUserId = ? AND ActorUserName = ? AND ActionType <> 'NONE'", [uid, uname],
         frng + ' and actors.user.id eq "%s"' % uid,
         lambda a: act_user(a, "id") == uid and act_user(a, "name") == uname, "one actor term only"),
    ]
    for where, params, filt, pred, name in cases:
        t.clear_requests()
        cur.execute("SELECT Id FROM AuditActivities WHERE %s AND %s" % (rng, where), *params)
        got = sorted(r[0] for r in cur.fetchall())
        exp = sorted(a["id"] for a in acts if pred(a))
        t.is_eq(got, exp, "activities, %s: %d rows as the dataset" % (name, len(exp)))
        reqs = t.data_requests(t.requests("/activities"))
        t.is_eq([r["query"].get("filter") for r in reqs][:1], [filt], "activities, %s: filter sent" % name)
        t.ok(reqs and all(r["status"] == 200 for r in reqs), "activities, %s: no request refused (%s)"
             % (name, sorted({r["status"] for r in reqs})))

    # several bounds: only the tightest of each side is sent
    t.clear_requests()
    cur.execute("SELECT Id FROM AuditActivities WHERE RecordedAt > ? AND RecordedAt >= '2000-01-01 00:00:00' "
                "AND RecordedAt <= ? AND RecordedAt < '2100-01-01 00:00:00' AND ActionType = 'GROUP.CREATED' "
                "AND ActorClientId = ?", sqlts(t_lo), sqlts(t_hi), cid)
    got = sorted(r[0] for r in cur.fetchall())
    exp = sorted(a["id"] for a in acts if t_lo < a["recordedAt"] <= t_hi and
                 a["action"]["type"] == "GROUP.CREATED" and a["actors"]["client"]["id"] == cid)
    t.is_eq(got, exp, "activities, four bounds, action type and client: %d rows as the dataset" % len(exp))
    reqs = t.data_requests(t.requests("/activities"))
    t.is_eq([r["query"].get("filter") for r in reqs][:1],
            ['recordedAt gt "%s" and recordedAt le "%s" and actors.client.id eq "%s"' % (t_lo, t_hi, cid)],
            "activities, four bounds: the tightest two and the actor are sent")
    t.ok(reqs and all(r["status"] == 200 for r in reqs), "activities, four bounds: no request refused")

    cur.execute("EXPLAIN SELECT Id FROM AuditActivities WHERE %s AND ActionType = 'USER.CREATED' "
                "AND ActorUserId = ?" % rng, uid)
    plan = " ".join(str(r[2]) for r in cur.fetchall())
    t.ok('actors.user.id eq "%s"' % uid in plan and "action.type" not in plan and "recordedAt ge" in plan,
         "EXPLAIN shows what is pushed: %s" % plan[:300])


def main():
    cn = pyodbc.connect("DSN=%s" % os.environ["P1_DSN"])
    cur = cn.cursor()

    for name, items in TOP:
        got = raw_rows(cur, "SELECT RawJson FROM Production.%s" % name)
        t.is_eq(got, want(items(PROD)), "%s: every row, RawJson equals the dataset item" % name)

    for name, key, coll, env in CHILD:
        sch = schema_of(env)
        parents = env.children.get(coll, {})
        exp = sorted((pk, canon(i)) for pk, items in parents.items() for i in items)
        cur.execute("SELECT %s, RawJson FROM %s.%s" % (key, sch, name))
        got = sorted((r[0], canon(json.loads(r[1]))) for r in cur.fetchall())
        t.is_eq(got, exp, "%s without %s: fan-out returns every child row" % (name, key))
        some = sorted(parents)[:2]
        if some:
            t.clear_requests()
            cur.execute("SELECT %s, RawJson FROM %s.%s WHERE %s IN (?, ?)" % (key, sch, name, key),
                        some[0], some[-1])
            got = sorted((r[0], canon(json.loads(r[1]))) for r in cur.fetchall())
            t.is_eq(got, sorted(x for x in exp if x[0] in some), "%s with %s IN: right rows" % (name, key))
            reqs = t.data_requests(t.requests())
            t.is_eq(len(reqs), len(set(some)), "%s with %s IN: one request per key" % (name, key))

    # fan-out: child listings run concurrently; 429 and 401 are handled per listing
    cur.execute("EXPLAIN SELECT * FROM Sandbox.UserSessions")
    plan = " ".join(str(r[2]) for r in cur.fetchall())
    t.ok("at most 4 requests in flight" in plan, "EXPLAIN shows the fan-out bound: %s" % plan[:300])
    sess = SBX.children["users/sessions"]
    exp = sorted((pk, canon(i)) for pk, items in sess.items() for i in items)
    victim = SBX.users[0]["id"]
    t.clear_requests()
    t.fault("/users/%s/sessions" % victim, 429, retry_after=1)
    cur.execute("SELECT UserId, RawJson FROM Sandbox.UserSessions")
    got = sorted((r[0], canon(json.loads(r[1]))) for r in cur.fetchall())
    t.is_eq(got, exp, "fan-out with a 429 on one listing: every row")
    reqs = [r for r in t.data_requests(t.requests()) if r["path"].endswith("/sessions")]
    idx = [i for i, r in enumerate(reqs) if r["path"].endswith("/users/%s/sessions" % victim)]
    t.ok(len(idx) == 2 and reqs[idx[0]]["status"] == 429 and reqs[idx[1]]["status"] == 200,
         "the listing that got 429 was retried once (%s)" % [reqs[i]["status"] for i in idx])
    t.ok(len(idx) == 2 and idx[1] - idx[0] > 4,
         "other listings went on during its Retry-After wait (%d requests in between)" %
         (idx[1] - idx[0] - 1 if len(idx) == 2 else -1))
    t.is_eq(len(reqs), len(SBX.users) + 1, "one listing per user, plus the retry")
    t.clear_requests()
    cur.execute("SELECT UserId, RawJson FROM Sandbox.UserSessions")
    first = cur.fetchone()
    t.expire_tokens()
    rows = [first] + cur.fetchall()
    got = sorted((r[0], canon(json.loads(r[1]))) for r in rows)
    t.is_eq(got, exp, "tokens expired in the middle of a fan-out: every row")
    st = [r["status"] for r in t.data_requests(t.requests()) if r["path"].endswith("/sessions")]
    t.ok(401 in st and st[-1] == 200, "... the rejected listings were sent again with a new token")
    t.clear_requests()
    cur.execute("SELECT UserId, RawJson FROM Sandbox.UserSessions WHERE UserId <> 'x' ORDER BY UserId")
    t.is_eq(sorted((r[0], canon(json.loads(r[1]))) for r in cur.fetchall()), exp,
            "fan-out under ORDER BY and an unpushed condition")

    # associations and views derived from other resources
    exp = sorted((u["id"], m["id"], m["type"]) for u in SBX.users for m in TEN.memberships.get(u["id"], []))
    cur.execute("SELECT UserId, GroupId, Type FROM Sandbox.UserGroupAssociations")
    t.is_eq(sorted(tuple(r) for r in cur.fetchall()), exp, "UserGroupAssociations without UserId (fan-out)")
    exp = sorted((g, p["id"], p["type"]) for g, items in PROD.children["groups/memberOfGroups"].items()
                 for p in items)
    cur.execute("SELECT GroupId, ParentGroupId, Type FROM ParentGroupAssociations")
    t.is_eq(sorted(tuple(r) for r in cur.fetchall()), exp, "ParentGroupAssociations without GroupId")
    exp = sorted((a["id"], g["id"], a["accessControl"]["group"]["type"]) for a in PROD.coll["applications"]
                 if "group" in a.get("accessControl", {}) for g in a["accessControl"]["group"]["groups"])
    cur.execute("SELECT ApplicationId, GroupId, Type FROM ApplicationAccessControlGroups")
    t.is_eq(sorted(tuple(r) for r in cur.fetchall()), exp, "ApplicationAccessControlGroups")

    g = sorted(PROD.groups, key=lambda x: x["name"])[0]
    members = sorted(u["id"] for u in PROD.users if any(m["id"] == g["id"] for m in TEN.memberships.get(u["id"], [])))
    t.clear_requests()
    cur.execute("SELECT UserId FROM GroupMembers WHERE GroupId = ?", g["id"])
    t.is_eq(sorted(r[0] for r in cur.fetchall()), members, "GroupMembers of one group (direct and nested)")
    reqs = t.data_requests(t.requests())
    t.ok(reqs and reqs[0]["query"].get("filter") == 'memberOfGroups[id eq "%s"]' % g["id"],
         "GroupMembers goes through the users filter memberOfGroups[id eq ...]")
    exp = sorted((gg["id"], u["id"]) for u in SBX.users for gg in SBX.groups
                 if any(m["id"] == gg["id"] for m in TEN.memberships.get(u["id"], [])))
    cur.execute("SELECT GroupId, UserId FROM Sandbox.GroupMembers")
    t.is_eq(sorted(tuple(r) for r in cur.fetchall()), exp, "GroupMembers without GroupId: fan-out over groups")
    cur.execute("EXPLAIN SELECT * FROM Sandbox.GroupMembers")
    plan = " ".join(str(r[2]) for r in cur.fetchall())
    t.ok("fan-out" in plan and "memberOfGroups" in plan, "EXPLAIN shows the fan-out: %s" % plan[:200])

    # AuditActivities: a range is pushed; no range reads the default 7 days
    acts = PROD.coll["activities"]
    t.clear_requests()
    got = raw_rows(cur, "SELECT RawJson FROM AuditActivities WHERE RecordedAt >= '2000-01-01 00:00:00' "
                        "AND RecordedAt <= '2100-01-01 00:00:00'")
    t.is_eq(got, want(acts), "AuditActivities with a wide range: every activity")
    reqs = t.data_requests(t.requests("/activities"))
    t.ok(reqs and "recordedAt ge" in reqs[0]["query"].get("filter", "") and
         "recordedAt le" in reqs[0]["query"].get("filter", ""), "the RecordedAt range is sent")
    since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=7)
    recent = [a for a in acts if a["recordedAt"] >= since.strftime("%Y-%m-%dT%H:%M:%S.000Z")]
    cur.execute("SELECT count(*) FROM AuditActivities")
    n = cur.fetchone()[0]
    t.ok(abs(n - len(recent)) <= 2, "no range: the last 7 days (%d rows, %d expected)" % (n, len(recent)))

    # documented filters of child and Information tables: request filters asserted, same rows as PushDown=None
    cnone = pyodbc.connect("DSN=%s;PushDown=None" % os.environ["P1_DSN"])
    cn_cur = cnone.cursor()

    def pushed(sql, params, name, check):
        t.clear_requests()
        cur.execute(sql, *params)
        got = sorted(tuple(str(v) for v in r) for r in cur.fetchall())
        filters = [r["query"].get("filter") for r in t.data_requests(t.requests())]
        cn_cur.execute(sql, *params)
        exp = sorted(tuple(str(v) for v in r) for r in cn_cur.fetchall())
        t.is_eq(got, exp, "%s: same %d rows as PushDown=None" % (name, len(exp)))
        t.ok(check(filters), "%s: request filters %s" % (name, filters[:3]))
        return got

    consents = SBX.children["users/oauthConsents"]
    app = sorted(consents.items())[0][1][0]["application"]["id"]
    got = pushed("SELECT UserId, Id FROM Sandbox.UserOAuthScopeConsents WHERE OIDCApplicationId = ?", [app],
                 "OAuth consents by application (fan-out)",
                 lambda fs: len(fs) > 1 and all(f == 'application.id eq "%s"' % app for f in fs[1:]))
    t.ok(len(got) > 0, "... and there are such consents (%d)" % len(got))
    u1, u2 = sorted(consents)[:2]
    pushed("SELECT UserId, Id FROM Sandbox.UserOAuthScopeConsents WHERE UserId IN (?, ?) AND OIDCApplicationId = ?",
           [u1, u2, app], "OAuth consents by user and application",
           lambda fs: fs == ['application.id eq "%s"' % app] * 2)
    pushed("SELECT UserId, Id FROM Sandbox.UserOAuthScopeConsents WHERE UserId = ? AND OIDCApplicationId IN (?, ?)",
           [u1, app, "x"], "OAuth consents: IN on the application stays local (one term only)",
           lambda fs: fs == [None])
    sid = sorted(SBX.children["users/sessions"].items())[0][1][0]["id"]
    pushed("SELECT Id FROM Sandbox.UserSessions WHERE Id = ?", [sid], "child table by Id: no id filter on listings",
           lambda fs: all(f is None for f in fs))
    pushed("SELECT Id FROM Information.Licenses WHERE Status = 'ACTIVE' AND Package = 'PREMIUM'", [],
           "Licenses by status and package",
           lambda fs: fs[-1] == 'status eq "ACTIVE" and package eq "PREMIUM"')
    pushed("SELECT Id FROM Information.Licenses WHERE BeginsAt < '2024-01-01 00:00:00' AND Name = 'Trial 2021'", [],
           "Licenses by BeginsAt < and name",
           lambda fs: fs[-1] == 'name eq "Trial 2021" and beginsAt lt "2024-01-01T00:00:00.000Z"' or
           fs[-1] == 'beginsAt lt "2024-01-01T00:00:00.000Z" and name eq "Trial 2021"')
    pushed("SELECT Id FROM Information.Licenses WHERE Status IN ('ACTIVE', 'FUTURE')", [],
           "Licenses: IN stays local (the endpoint takes no or)", lambda fs: fs[-1] is None)
    pushed("SELECT Id FROM AdminRoles WHERE Type = 'CUSTOM'", [], "AdminRoles by type",
           lambda fs: fs == ['type eq "CUSTOM"'])
    pushed("SELECT Id FROM AdminRoles WHERE Type = 'CUSTOM' AND Name LIKE 'A%'", [], "AdminRoles by type and name",
           lambda fs: fs == ['type eq "CUSTOM"'])
    pushed("SELECT Id FROM AdminRoles WHERE Type IN ('CUSTOM', 'PLATFORM')", [],
           "AdminRoles: IN stays local (one term only)", lambda fs: fs == [None])
    pushed("SELECT Id FROM NotificationTemplates WHERE CreatedAt >= '2022-05-01 00:00:00' "
           "AND UpdatedAt < '2023-01-01 00:00:00'", [], "templates by createdAt/updatedAt range",
           lambda fs: fs == ['createdAt ge "2022-05-01T00:00:00.000Z" and updatedAt lt "2023-01-01T00:00:00.000Z"'])
    pushed("SELECT Id FROM NotificationTemplates WHERE CreatedAt <> '2022-05-19 06:17:17.777'", [],
           "templates by createdAt <>", lambda fs: fs == ['createdAt ne "2022-05-19T06:17:17.777Z"'])
    pushed("SELECT Id FROM AuditActivities WHERE RecordedAt >= '2000-01-01 00:00:00' AND "
           "RecordedAt <= '2100-01-01 00:00:00' AND ActionType IN ('USER.CREATED', 'GROUP.CREATED')", [],
           "activities by action type",
           lambda fs: fs and 'action.type eq "GROUP.CREATED"' in fs[0] and 'action.type eq "USER.CREATED"' in fs[0]
           and " or " in fs[0] and "recordedAt ge" in fs[0])
    uid = next(a["actors"]["user"]["id"] for a in PROD.coll["activities"] if a.get("actors", {}).get("user"))
    pushed("SELECT Id FROM AuditActivities WHERE RecordedAt >= '2000-01-01 00:00:00' AND "
           "RecordedAt <= '2100-01-01 00:00:00' AND ActorUserId = ?", [uid], "activities by actor",
           lambda fs: fs and ('actors.user.id eq "%s"' % uid) in fs[0])
    activity_pushdown(cur)
    cnone.close()

    # Information schema
    t.is_eq(raw_rows(cur, "SELECT RawJson FROM Information.Organizations"), want([TEN.organization]),
            "Information.Organizations")
    t.is_eq(raw_rows(cur, "SELECT RawJson FROM Information.Environments"), want(TEN.environments),
            "Information.Environments")
    cur.execute("SELECT OrganizationId, RawJson FROM Information.Licenses")
    t.is_eq(sorted(canon(json.loads(r[1])) for r in cur.fetchall()), want(TEN.licenses),
            "Information.Licenses (fan-out over organizations)")
    t.is_eq(raw_rows(cur, "SELECT RawJson FROM Roles"), want(TEN.platform_roles), "Roles (platform roles)")

    # custom attributes
    cur.execute("SELECT * FROM Users WHERE 1 = 0")
    cols = [d[0] for d in cur.description]
    for c in ("Department", "CostCenter", "EmployeeNumber", "OfficeLocation", "RemoteEligible", "Preferences"):
        t.ok(c in cols, "custom attribute %s is a Users column" % c)
    t.clear_requests()
    cur.execute("SELECT Username FROM Users WHERE Department = 'Sales' AND OfficeLocation LIKE 'Lon%'")
    got = sorted(r[0] for r in cur.fetchall())
    exp = sorted(u["username"] for u in PROD.users if u.get("department") == "Sales"
                 and u.get("officeLocation", "").startswith("Lon"))
    t.is_eq(got, exp, "filter on custom attributes")
    reqs = t.data_requests(t.requests("/users"))
    t.ok(reqs and reqs[0]["query"].get("filter") == 'department eq "Sales" and officeLocation sw "Lon"',
         "custom STRING attributes pushed with eq and sw: %s" % (reqs[0]["query"] if reqs else None))
    cur.execute("SELECT count(*) FROM Users WHERE RemoteEligible = TRUE")
    t.is_eq(cur.fetchone()[0], sum(1 for u in PROD.users if u.get("remoteEligible") is True),
            "BOOLEAN custom attribute is a BIT column")

    # catalog functions
    schemas = sorted({r.table_schem for r in cur.tables()})
    t.is_eq(schemas, sorted(["Administrators", "Production", "Sandbox", "Information", "sys"]),
            "tables(): one schema per environment, Information and sys")
    t.ok(len([r for r in cur.tables(schema="Production")]) >= 40, "tables(): every table of an environment")
    ucols = [r.column_name for r in cur.columns(table="Users", schema="Production")]
    t.ok("Department" in ucols and ucols[-1] == "RawJson", "columns(): custom columns, RawJson last")
    pk = [(r.column_name, r.key_seq) for r in cur.primaryKeys("UserGroupAssociations", schema="Production")]
    t.is_eq(pk, [("UserId", 1), ("GroupId", 2)], "primaryKeys(): UserGroupAssociations")
    fks = sorted((r.fkcolumn_name, r.pktable_name, r.pkcolumn_name)
                 for r in cur.foreignKeys(foreignTable="Users", foreignSchema="Production"))
    t.ok(("PopulationId", "Populations", "Id") in fks, "foreignKeys(): Users.PopulationId -> Populations.Id")
    fks = sorted((r.fktable_name, r.fkcolumn_name)
                 for r in cur.foreignKeys(table="Groups", schema="Production"))
    t.ok(("UserGroupAssociations", "GroupId") in fks, "foreignKeys(): UserGroupAssociations.GroupId -> Groups")
    st = [r for r in cur.statistics("Users", schema="Production")]
    t.ok(any(r.column_name == "Id" for r in st), "statistics(): the Id index")
    procs = [r.procedure_name for r in cur.procedures()]
    t.ok(isinstance(procs, list), "procedures() answers (%d procedures)" % len(procs))
    t.ok(len(list(cur.getTypeInfo())) >= 5, "getTypeInfo()")

    # system tables
    cur.execute("SELECT count(*) FROM sys_tables WHERE SchemaName = 'Production'")
    t.ok(cur.fetchone()[0] >= 40, "sys_tables lists the environment's tables")
    cur.execute("SELECT ColumnName FROM sys_tablecolumns WHERE SchemaName = 'Production' AND TableName = 'Users' "
                "AND ColumnName = 'Department'")
    t.ok(cur.fetchone() is not None, "sys_tablecolumns has the custom columns")
    cur.execute("SELECT Value FROM sys_connection_props WHERE Name = 'OAuthClientSecret'")
    t.is_eq(cur.fetchone()[0], "********", "sys_connection_props masks the secret")
    cur.execute("SELECT count(*) FROM sys_foreignkeys WHERE TableName = 'Users'")
    t.ok(cur.fetchone()[0] >= 2, "sys_foreignkeys")
    for name in ("sys_catalogs", "sys_schemas", "sys_keycolumns", "sys_procedures",
                 "sys_procedureparameters", "sys_sqlinfo"):
        cur.execute("SELECT * FROM %s" % name)
        cur.fetchall()
        t.ok(True, "%s can be queried" % name)

    # sys_catalogs agrees with SQLTables (no catalog); sys_schemas carries the environment ids
    cur.execute("SELECT count(*) FROM sys_catalogs")
    t.is_eq(cur.fetchone()[0], 0, "sys_catalogs: no rows")
    t.is_eq([r.table_cat for r in cur.tables(catalog="%", schema="", table="")], [],
            "SQLTables(SQL_ALL_CATALOGS): no catalogs either")
    cur.execute("SELECT SchemaName, EnvironmentId FROM sys_schemas")
    got = {r[0]: r[1] for r in cur.fetchall()}
    t.is_eq(got, dict([(e["name"], e["id"]) for e in TEN.environments] + [("Information", None), ("sys", None)]),
            "sys_schemas: EnvironmentId of every environment schema")
    # MetadataCacheTTL: the metadata is read again once it is older
    cur.execute("SELECT Value FROM sys_connection_props WHERE Name = 'MetadataCacheTTL'")
    t.is_eq(cur.fetchone()[0], "600", "MetadataCacheTTL defaults to 600 seconds")
    try:
        pyodbc.connect("DSN=%s;MetadataCacheTTL=0" % os.environ["P1_DSN"])
        t.ok(False, "MetadataCacheTTL=0 is refused")
    except pyodbc.Error as ex:
        t.ok("HY024" in str(ex) and "MetadataCacheTTL" in str(ex), "MetadataCacheTTL=0 is refused: %s" % ex)
    cn3 = pyodbc.connect("DSN=%s;MetadataCacheTTL=1" % os.environ["P1_DSN"])
    c3 = cn3.cursor()
    c3.tables()
    t.clear_requests()
    c3.execute("SELECT count(*) FROM sys_tables")
    t.ok(not [r for r in t.requests() if r["path"] == "/v1/environments"], "within the TTL: no metadata request")
    import time
    time.sleep(2.2)
    t.clear_requests()
    c3.execute("SELECT count(*) FROM sys_tables")
    t.ok([r for r in t.requests() if r["path"] == "/v1/environments"], "after the TTL: the environments are read again")
    cn3.close()

    # the Schema property limits what is listed
    cn2 = pyodbc.connect("DSN=%s;Schema=Sandbox" % os.environ["P1_DSN"])
    c2 = cn2.cursor()
    t.is_eq(sorted({r.table_schem for r in c2.tables()}), ["Sandbox", "sys"], "Schema=Sandbox lists Sandbox only")
    c2.execute("SELECT count(*) FROM Users")
    t.is_eq(c2.fetchone()[0], len(SBX.users), "... and unqualified names resolve there")
    cn2.close()
    cn.close()


t.run(main)
