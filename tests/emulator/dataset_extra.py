"""The rest of the emulated PingOne tenant: every resource the data model needs.

dataset.build() calls add_extras(tenant, seed) after building users, groups
and populations.  A separate random stream ("extras-<seed>") is used, so the
original users/groups/populations and their ids never change; the only change
to existing objects is that users gain custom schema attributes (added keys).

Everything lands on the Tenant / EnvData objects:

    tenant.licenses              License dicts of the organization
    tenant.platform_roles        Role dicts (GET /roles)
    tenant.activity_window       (start, end) datetimes of the seeded activities
    tenant.auth_user_id          the user "signed in" by the authorize endpoint
    env.coll[name]               top-level collections of one environment:
        roles applications resources agreements signOnPolicies identityProviders
        passwordPolicies schemas gateways customDomains certificates languages
        templates subscriptions activities
    env.children[name][parent_id]  child collections, name is "<parent>/<child>":
        users/roleAssignments users/sessions users/oauthConsents
        users/agreementConsents users/devices groups/roleAssignments
        groups/memberOfGroups applications/attributes
        applications/signOnPolicyAssignments applications/grants
        applications/roleAssignments resources/scopes resources/attributes
        signOnPolicies/actions identityProviders/attributes schemas/attributes
        gateways/instances templates/contents

Only ISO-8601 UTC millisecond timestamps; optional fields are absent, never null.
"""

import datetime
import random
import uuid

#: custom STRING attributes of the user schema (filterable with eq and sw)
CUSTOM_STRING_ATTRIBUTES = ["department", "costCenter", "employeeNumber", "officeLocation"]
#: other custom attributes (not filterable): name -> schema type
CUSTOM_OTHER_ATTRIBUTES = {"remoteEligible": "BOOLEAN", "preferences": "JSON"}

#: auth-code apps (ADMIN_ENV_ID); see dataset.py for the constants
AUTHCODE_REDIRECT_URIS = ["http://localhost:33333", "http://127.0.0.1:33333",
                          "https://localhost:33334"]

_DEPARTMENTS = ["Engineering", "Sales", "Marketing", "Finance", "Support", "Legal",
                "Operations", "Research", "Human Resources", "IT"]
_OFFICES = ["Denver HQ", "Austin", "London", "Paris", "Berlin", "Tokyo", "Remote"]
_BROWSERS = [("Chrome", "124.0.6367"), ("Firefox", "125.0"), ("Safari", "17.4"),
             ("Edge", "124.0.2478")]
_OSES = [("Windows", "10.0"), ("Mac OS X", "14.4.1"), ("Linux", "6.8"), ("iOS", "17.4"),
         ("Android", "14")]
_UA = "Mozilla/5.0 (%s %s) %s/%s"


def _ts(dt):
    """Format an aware datetime as PingOne's ISO-8601 UTC string with milliseconds."""
    dt = dt.astimezone(datetime.timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (dt.microsecond // 1000)


_BASE = datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc)


class _Gen:
    """Seeded helpers: ids, past timestamps, choices."""

    def __init__(self, seed):
        """Own random stream, independent of dataset.py's."""
        self.rng = random.Random("extras-%d" % seed)

    def uuid(self):
        """A seeded lowercase version-4 UUID string."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def when(self, days=700):
        """A timestamp string in the 'days' days after 2022-01-01."""
        return _ts(_BASE + datetime.timedelta(milliseconds=self.rng.randrange(days * 86400000)))

    def times(self):
        """(createdAt, updatedAt) with updatedAt >= createdAt."""
        c = _BASE + datetime.timedelta(milliseconds=self.rng.randrange(600 * 86400000))
        u = c + datetime.timedelta(milliseconds=self.rng.randrange(90 * 86400000))
        return _ts(c), _ts(u)


def _env(env_id):
    """The {"id": env_id} reference object for an item's "environment" field."""
    return {"id": env_id}


# --- organization level ---------------------------------------------------------

_PLATFORM_ROLES = [
    ("Organization Admin", ["ORGANIZATION"], ["orgmgt:read:organization",
                                              "orgmgt:update:organization",
                                              "licensing:read:license"]),
    ("Environment Admin", ["ORGANIZATION", "ENVIRONMENT"],
     ["orgmgt:read:environment", "orgmgt:update:environment", "orgmgt:create:environment"]),
    ("Identity Data Admin", ["ENVIRONMENT", "POPULATION"],
     ["dir:read:user", "dir:create:user", "dir:update:user", "dir:delete:user",
      "dir:read:group", "dir:read:population"]),
    ("Identity Data Read Only", ["ENVIRONMENT", "POPULATION"],
     ["dir:read:user", "dir:read:group", "dir:read:population"]),
    ("Client Application Developer", ["ENVIRONMENT"],
     ["applications:read:application", "applications:create:application",
      "resources:read:resource"]),
    ("Configuration Read Only", ["ENVIRONMENT"],
     ["applications:read:application", "policies:read:signOnPolicy"]),
    ("Help Desk Admin", ["ENVIRONMENT", "POPULATION"],
     ["dir:read:user", "mfa:read:device", "authn:read:sessions"]),
    ("Custom Roles Admin", ["ENVIRONMENT"],
     ["permissions:read:customAdminRole", "permissions:create:customAdminRole"]),
    ("Application Owner", ["APPLICATION"], ["applications:read:application"]),
]


def _platform_roles(g):
    """The built-in roles served by GET /roles."""
    roles = []
    for name, applicable, perms in _PLATFORM_ROLES:
        roles.append({"id": g.uuid(), "name": name,
                      "description": "Built-in role: %s." % name,
                      "applicableTo": list(applicable),
                      "permissions": [{"id": p, "classifier": p.split(":")[2],
                                       "description": "Permission %s" % p} for p in perms]})
    return roles


def _licenses(g, org_id, license_id):
    """Three licenses: the active one the environments use, an expired and a future one."""
    out = []
    specs = [(license_id, "Enterprise Workforce", "PREMIUM", "ACTIVE",
              "2022-03-01T00:00:00.000Z", "2027-03-01T00:00:00.000Z"),
             (g.uuid(), "Trial 2021", "TRIAL", "EXPIRED",
              "2021-06-01T00:00:00.000Z", "2021-07-01T00:00:00.000Z"),
             (g.uuid(), "Enterprise Workforce Renewal", "PREMIUM", "FUTURE",
              "2027-03-01T00:00:00.000Z", "2030-03-01T00:00:00.000Z")]
    for lid, name, package, status, begins, expires in specs:
        lic = {"id": lid, "name": name, "package": package, "status": status,
               "organization": {"id": org_id}, "beginsAt": begins, "expiresAt": expires,
               "assignedEnvironmentsCount": 3 if status == "ACTIVE" else 0,
               "environments": {"allowProduction": True, "allowCustomDomain": True,
                                "allowCustomSchema": True, "max": 50,
                                "regions": ["NORTH_AMERICA"]},
               "users": {"max": 100000, "allowPasswordPolicy": True,
                         "allowIdentityProviders": True, "allowRoleAssignment": True},
               "mfa": {"allowSmsOtp": True, "allowEmailOtp": True, "allowTotp": True,
                       "allowFido2Devices": True, "allowPushNotification": True}}
        if status == "EXPIRED":
            lic["terminatesAt"] = expires
        out.append(lic)
    return out


# --- environment level ----------------------------------------------------------

_OIDC_APPS = [("Employee Portal", "WEB_APP"), ("Expense Tracker", "WEB_APP"),
              ("Mobile Banking", "NATIVE_APP"), ("Field Service App", "NATIVE_APP"),
              ("Dashboard SPA", "SINGLE_PAGE_APP"), ("Status Page", "SINGLE_PAGE_APP"),
              ("Inventory Sync", "WORKER"), ("Reporting Worker", "WORKER"),
              ("Billing Service", "SERVICE"), ("Partner API", "SERVICE"),
              ("CRM Connector", "WEB_APP"), ("Help Centre", "WEB_APP"),
              ("Café Ordering", "NATIVE_APP"), ('Legacy "Classic" Intranet', "WEB_APP"),
              ("Data Export", "WORKER"), ("Kiosk Check-in", "SINGLE_PAGE_APP")]
_SAML_APPS = ["Salesforce", "Workday", "ServiceNow", "Zendesk", "Box", "Slack", "Jira",
              "Confluence"]
_WSFED_APPS = ["Microsoft 365", "SharePoint Online", "Dynamics 365"]

_ATTR_MAPS = [("sub", "${user.id}", "CORE"), ("email", "${user.email}", "SCOPE"),
              ("given_name", "${user.name.given}", "SCOPE"),
              ("family_name", "${user.name.family}", "SCOPE"),
              ("department", "${user.department}", "CUSTOM")]


def _oidc_app(g, env_id, name, app_type, groups):
    """One OPENID_CONNECT application of app_type."""
    created, updated = g.times()
    app = {"id": g.uuid(), "environment": _env(env_id), "name": name,
           "protocol": "OPENID_CONNECT", "type": app_type, "enabled": g.rng.random() < 0.85,
           "createdAt": created, "updatedAt": updated,
           "hiddenFromAppPortal": g.rng.random() < 0.2}
    if g.rng.random() < 0.7:
        app["description"] = "%s (%s)" % (name, app_type.replace("_", " ").lower())
    if app_type in ("WORKER", "SERVICE"):
        app["grantTypes"] = ["CLIENT_CREDENTIALS"]
        app["tokenEndpointAuthMethod"] = g.rng.choice(["CLIENT_SECRET_BASIC",
                                                       "CLIENT_SECRET_POST"])
        app["responseTypes"] = []
    else:
        slug = name.lower().replace(" ", "-").replace('"', "").replace("é", "e")
        host = "https://%s.example.com" % slug
        public = app_type in ("NATIVE_APP", "SINGLE_PAGE_APP")
        app["grantTypes"] = ["AUTHORIZATION_CODE", "REFRESH_TOKEN"] if not public or \
            g.rng.random() < 0.5 else ["AUTHORIZATION_CODE"]
        app["responseTypes"] = ["CODE"]
        app["tokenEndpointAuthMethod"] = "NONE" if public else "CLIENT_SECRET_BASIC"
        app["pkceEnforcement"] = "S256_REQUIRED" if public else "OPTIONAL"
        app["redirectUris"] = [host + "/callback"]
        app["postLogoutRedirectUris"] = [host + "/"]
        app["homePageUrl"] = host + "/"
        app["refreshTokenDuration"] = 2592000
        app["refreshTokenRollingDuration"] = 15552000
        app["refreshTokenType"] = "OPAQUE_TOKEN"
    if groups and g.rng.random() < 0.35:
        chosen = g.rng.sample(groups, g.rng.randint(1, 3))
        app["accessControl"] = {"group": {"type": g.rng.choice(["ANY_GROUP", "ALL_GROUPS"]),
                                          "groups": [{"id": x["id"]} for x in chosen]}}
    elif g.rng.random() < 0.1:
        app["accessControl"] = {"role": {"type": "ADMIN_USERS_ONLY"}}
    return app


def _saml_app(g, env_id, name, groups):
    """One SAML application."""
    created, updated = g.times()
    slug = name.lower().replace(" ", "")
    app = {"id": g.uuid(), "environment": _env(env_id), "name": name, "protocol": "SAML",
           "type": "WEB_APP", "enabled": g.rng.random() < 0.9, "createdAt": created,
           "updatedAt": updated, "hiddenFromAppPortal": False,
           "acsUrls": ["https://%s.example.net/saml/acs" % slug],
           "assertionDuration": g.rng.choice([60, 300, 3600]),
           "assertionSigned": True, "responseSigned": g.rng.random() < 0.5,
           "spEntityId": "urn:example:%s" % slug, "nameIdFormat":
           "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
           "homePageUrl": "https://%s.example.net/" % slug}
    if groups and g.rng.random() < 0.4:
        chosen = g.rng.sample(groups, g.rng.randint(1, 2))
        app["accessControl"] = {"group": {"type": "ANY_GROUP",
                                          "groups": [{"id": x["id"]} for x in chosen]}}
    return app


def _wsfed_app(g, env_id, name, key_id):
    """One WS-Federation application."""
    created, updated = g.times()
    return {"id": g.uuid(), "environment": _env(env_id), "name": name, "protocol": "WS_FED",
            "type": "WEB_APP", "enabled": True, "createdAt": created, "updatedAt": updated,
            "hiddenFromAppPortal": False, "domainName": "corp.example.com",
            "replyUrl": "https://login.microsoftonline.com/login.srf",
            "audienceRestriction": "urn:federation:MicrosoftOnline",
            "assertionDuration": 3600,
            "idpSigning": {"algorithm": "SHA256withRSA", "key": {"id": key_id}}}


def _app_children(g, ds, env_id, app, policies, resources, scopes_by_res, roles_by_name):
    """Attribute mappings, sign-on policy assignments, grants, role assignments of app."""
    aid = app["id"]
    if app["protocol"] in ("OPENID_CONNECT", "SAML"):
        maps = []
        for name, value, mtype in _ATTR_MAPS[:g.rng.randint(1, len(_ATTR_MAPS))]:
            created, updated = g.times()
            m = {"id": g.uuid(), "environment": _env(env_id), "application": {"id": aid},
                 "name": name, "value": value, "required": name == "sub",
                 "mappingType": "CORE" if name == "sub" else mtype,
                 "createdAt": created, "updatedAt": updated}
            if app["protocol"] == "OPENID_CONNECT":
                m["idToken"] = True
                m["userInfo"] = name != "sub"
                if mtype == "SCOPE":
                    m["oidcScopes"] = ["email"] if name == "email" else ["profile"]
            else:
                m["nameFormat"] = "urn:oasis:names:tc:SAML:2.0:attrname-format:basic"
            maps.append(m)
        ds.child("applications/attributes", aid, maps)
    if app["type"] not in ("WORKER",) and policies:
        chosen = g.rng.sample(policies, g.rng.randint(1, min(2, len(policies))))
        ds.child("applications/signOnPolicyAssignments", aid, [
            {"id": g.uuid(), "environment": _env(env_id), "application": {"id": aid},
             "signOnPolicy": {"id": p["id"]}, "priority": i + 1}
            for i, p in enumerate(chosen)])
    if app["protocol"] == "OPENID_CONNECT" and resources:
        grants = []
        for res in g.rng.sample(resources, g.rng.randint(1, min(2, len(resources)))):
            created, updated = g.times()
            scopes = scopes_by_res[res["id"]]
            pick = g.rng.sample(scopes, g.rng.randint(1, len(scopes)))
            grants.append({"id": g.uuid(), "environment": _env(env_id),
                           "application": {"id": aid}, "resource": {"id": res["id"]},
                           "scopes": [{"id": s["id"]} for s in pick],
                           "createdAt": created, "updatedAt": updated})
        ds.child("applications/grants", aid, grants)
    if app["type"] == "WORKER":
        ds.child("applications/roleAssignments", aid, [
            _role_assignment(g, env_id, roles_by_name[name], "ENVIRONMENT", env_id)
            for name in ("Identity Data Admin", "Client Application Developer")])


def _role_assignment(g, env_id, role, scope_type, scope_id, read_only=False):
    """One RoleAssignment dict."""
    return {"id": g.uuid(), "environment": _env(env_id), "role": {"id": role["id"]},
            "scope": {"id": scope_id, "type": scope_type}, "readOnly": read_only}


class _EnvBuilder:
    """Collects env.coll and env.children for one environment."""

    def __init__(self, env):
        """env: dataset.EnvData; gets .coll and .children dicts."""
        self.env = env
        env.coll = {}
        env.children = {}

    def coll(self, name, items):
        """Set a top-level collection."""
        self.env.coll[name] = items
        return items

    def child(self, name, parent_id, items):
        """Set a child collection of parent_id."""
        self.env.children.setdefault(name, {})[parent_id] = items
        return items


def _resources(g, ds, env_id):
    """openid, PingOne API and custom resources with scopes and attributes."""
    specs = [("openid", "OPENID_CONNECT", None, ["openid", "profile", "email", "address",
                                                 "phone", "offline_access"]),
             ("PingOne API", "PINGONE_API", "https://api.pingone.com",
              ["p1:read:user", "p1:update:user", "p1:read:sessions", "p1:read:oauthConsents"]),
             ("Orders API", "CUSTOM", "https://orders.example.com",
              ["orders:read", "orders:write", "orders:admin"]),
             ("Inventory API", "CUSTOM", "https://inventory.example.com",
              ["inventory:read", "inventory:write"]),
             ("Reports API", "CUSTOM", "https://reports.example.com", ["reports:read"])]
    resources, scopes_by_res = [], {}
    for name, rtype, audience, scopes in specs:
        created, updated = g.times()
        res = {"id": g.uuid(), "environment": _env(env_id), "name": name, "type": rtype,
               "createdAt": created, "updatedAt": updated,
               "accessTokenValiditySeconds": 3600 if rtype != "CUSTOM" else
               g.rng.choice([300, 3600, 7200])}
        if audience:
            res["audience"] = audience
        if rtype == "CUSTOM":
            res["description"] = "Custom resource server %s" % name
            res["introspectEndpointAuthMethod"] = "CLIENT_SECRET_BASIC"
        resources.append(res)
        items = []
        for s in scopes:
            c, u = g.times()
            sc = {"id": g.uuid(), "environment": _env(env_id), "resource": {"id": res["id"]},
                  "name": s, "description": "Scope %s" % s, "createdAt": c, "updatedAt": u}
            if rtype == "OPENID_CONNECT" and s in ("profile", "email"):
                sc["schemaAttributes"] = ["name.given", "name.family"] if s == "profile" \
                    else ["email"]
            items.append(sc)
        scopes_by_res[res["id"]] = ds.child("resources/scopes", res["id"], items)
        attrs = [{"id": g.uuid(), "environment": _env(env_id), "resource": {"id": res["id"]},
                  "name": "sub", "value": "${user.id}", "type": "CORE",
                  "idToken": True, "userInfo": True}]
        if rtype == "CUSTOM":
            attrs.append({"id": g.uuid(), "environment": _env(env_id),
                          "resource": {"id": res["id"]}, "name": "dept",
                          "value": "${user.department}", "type": "CUSTOM"})
        elif rtype == "OPENID_CONNECT":
            attrs.append({"id": g.uuid(), "environment": _env(env_id),
                          "resource": {"id": res["id"]}, "name": "email",
                          "value": "${user.email}", "type": "PREDEFINED",
                          "idToken": False, "userInfo": True})
        ds.child("resources/attributes", res["id"], attrs)
    ds.coll("resources", resources)
    return resources, scopes_by_res


def _policies(g, ds, env_id, idps):
    """Sign-on policies with their actions."""
    policies = []
    for i, (name, desc) in enumerate([("Single_Factor", "Password only"),
                                      ("Multi_Factor", "Password then MFA"),
                                      ("Passwordless", None),
                                      ("Social Login", "External identity providers")]):
        c, u = g.times()
        p = {"id": g.uuid(), "environment": _env(env_id), "name": name, "default": i == 0,
             "createdAt": c, "updatedAt": u}
        if desc:
            p["description"] = desc
        policies.append(p)
        actions = [{"id": g.uuid(), "environment": _env(env_id), "priority": 1,
                    "signOnPolicy": {"id": p["id"]}, "type": "LOGIN",
                    "recovery": {"enabled": True},
                    "enforceLockoutForIdentityProviders": False}]
        if name in ("Multi_Factor", "Passwordless"):
            actions.append({"id": g.uuid(), "environment": _env(env_id), "priority": 2,
                            "signOnPolicy": {"id": p["id"]},
                            "type": "MULTI_FACTOR_AUTHENTICATION",
                            "deviceAuthenticationPolicy": {"id": g.uuid()},
                            "noDeviceMode": "BYPASS",
                            "condition": {"secondsSince": "${session.lastSignOn.withAuthenticator.mfa.at}",
                                          "greater": 43200}})
        if name == "Social Login" and idps:
            actions.append({"id": g.uuid(), "environment": _env(env_id), "priority": 2,
                            "signOnPolicy": {"id": p["id"]}, "type": "IDENTITY_PROVIDER",
                            "identityProvider": {"id": idps[0]["id"]},
                            "acrValues": "Single_Factor", "passUserContext": False})
        if name == "Single_Factor":
            actions.append({"id": g.uuid(), "environment": _env(env_id), "priority": 2,
                            "signOnPolicy": {"id": p["id"]}, "type": "AGREEMENT",
                            "agreement": {"id": ds.env.coll["agreements"][0]["id"]},
                            "disableDeclineOption": False})
        ds.child("signOnPolicies/actions", p["id"], actions)
    ds.coll("signOnPolicies", policies)
    return policies


def _identity_providers(g, ds, env_id, pop_id):
    """Identity providers (OIDC, SAML, social) with attribute mappings."""
    idps = []
    for name, itype in [("Corporate Azure AD", "OPENID_CONNECT"), ("Partner SAML IdP", "SAML"),
                        ("Google", "GOOGLE"), ("GitHub", "GITHUB"), ("Facebook", "FACEBOOK")]:
        c, u = g.times()
        idp = {"id": g.uuid(), "environment": _env(env_id), "name": name, "type": itype,
               "enabled": itype != "FACEBOOK", "createdAt": c, "updatedAt": u,
               "registration": {"population": {"id": pop_id}}}
        if itype == "OPENID_CONNECT":
            idp.update({"clientId": "azure-client-0001",
                        "discoveryEndpoint": "https://login.example.com/.well-known/openid-configuration",
                        "authorizationEndpoint": "https://login.example.com/authorize",
                        "tokenEndpoint": "https://login.example.com/token",
                        "jwksEndpoint": "https://login.example.com/jwks",
                        "issuer": "https://login.example.com", "scopes": ["openid", "email"],
                        "tokenEndpointAuthMethod": "CLIENT_SECRET_POST",
                        "description": "Workforce OIDC federation"})
        elif itype == "SAML":
            idp.update({"idpEntityId": "urn:partner:idp", "spEntityId": "urn:example:sp",
                        "ssoEndpoint": "https://idp.partner.example/sso",
                        "ssoBinding": "HTTP_POST", "authnRequestSigned": False,
                        "idpVerification": {"certificates": [{"id": g.uuid()}]}})
        elif itype == "FACEBOOK":
            idp["appId"] = "facebook-app-id"
        else:
            idp["clientId"] = "%s-client-id" % itype.lower()
        idps.append(idp)
        attrs = []
        for aname, value in [("username", "${providerAttributes.email}"),
                             ("email", "${providerAttributes.email}"),
                             ("name.given", "${providerAttributes.given_name}")]:
            c2, u2 = g.times()
            attrs.append({"id": g.uuid(), "environment": _env(env_id),
                          "identityProvider": {"id": idp["id"]}, "name": aname,
                          "value": value, "update": "EMPTY_ONLY" if aname == "username"
                          else "ALWAYS", "mappingType": "CORE", "createdAt": c2,
                          "updatedAt": u2})
        ds.child("identityProviders/attributes", idp["id"], attrs)
    ds.coll("identityProviders", idps)
    return idps


def _password_policies(g, ds, env_id, count):
    """Password policies (the first is the default)."""
    out = []
    for i, name in enumerate(["Standard", "Basic", "Passphrase"][:count]):
        c, u = g.times()
        out.append({"id": g.uuid(), "environment": _env(env_id), "name": name,
                    "description": "%s password policy" % name, "default": i == 0,
                    "excludesCommonlyUsed": True, "excludesProfileData": i != 1,
                    "notSimilarToCurrent": i != 1,
                    "history": {"count": 6, "retentionDays": 365},
                    "length": {"min": [8, 8, 15][i], "max": 255},
                    "lockout": {"failureCount": 5, "durationSeconds": 900},
                    "maxAgeDays": 182, "minAgeDays": 1, "maxRepeatedCharacters": 2,
                    "minComplexity": 7, "minUniqueCharacters": 5,
                    "minCharacters": {"ABCDEFGHIJKLMNOPQRSTUVWXYZ": 1,
                                      "abcdefghijklmnopqrstuvwxyz": 1, "0123456789": 1,
                                      "~!@#$%^&*()-_=+[]{}|;:,.<>/?": 1},
                    "populationCount": 0, "createdAt": c, "updatedAt": u})
    return ds.coll("passwordPolicies", out)


_CORE_ATTRS = [("username", "Username", "STRING", "CORE", True, True),
               ("email", "Email Address", "STRING", "CORE", False, False),
               ("name", "Name", "COMPLEX", "STANDARD", False, False),
               ("population", "Population", "COMPLEX", "CORE", True, False),
               ("enabled", "Enabled", "BOOLEAN", "CORE", False, False),
               ("title", "Title", "STRING", "STANDARD", False, False),
               ("locale", "Locale", "STRING", "STANDARD", False, False),
               ("externalId", "External ID", "STRING", "STANDARD", False, False)]


def _schema(g, ds, env_id):
    """The User schema with core, standard and custom attributes."""
    sid = g.uuid()
    attrs = []
    for name, disp, atype, stype, required, unique in _CORE_ATTRS:
        a = {"id": g.uuid(), "environment": _env(env_id), "schema": {"id": sid},
             "name": name, "displayName": disp, "type": atype, "schemaType": stype,
             "enabled": True, "required": required, "unique": unique, "multiValued": False,
             "ldapAttribute": name}
        if atype == "COMPLEX" and name == "name":
            a["subAttributes"] = [{"name": n, "type": "STRING", "enabled": True} for n in
                                  ("given", "family", "middle", "formatted")]
        attrs.append(a)
    custom_desc = {"department": "Department the user works in",
                   "costCenter": "Cost centre code", "employeeNumber": "HR employee number",
                   "officeLocation": "Office the user is based in"}
    for name in CUSTOM_STRING_ATTRIBUTES:
        attrs.append({"id": g.uuid(), "environment": _env(env_id), "schema": {"id": sid},
                      "name": name, "displayName": name[0].upper() + name[1:],
                      "description": custom_desc[name], "type": "STRING",
                      "schemaType": "CUSTOM", "enabled": True, "required": False,
                      "unique": name == "employeeNumber", "multiValued": False})
    for name, atype in CUSTOM_OTHER_ATTRIBUTES.items():
        attrs.append({"id": g.uuid(), "environment": _env(env_id), "schema": {"id": sid},
                      "name": name, "displayName": name, "type": atype,
                      "schemaType": "CUSTOM", "enabled": True, "required": False,
                      "unique": False, "multiValued": False})
    schema = {"id": sid, "environment": _env(env_id), "name": "User",
              "description": "PingOne user schema", "allowsContainsOperator": False}
    ds.child("schemas/attributes", sid, attrs)
    ds.coll("schemas", [schema])


def _simple_env_resources(g, ds, env_id, rich):
    """Agreements, gateways, custom domains, certificates, languages, templates, webhooks."""
    agreements = []
    for name, enabled in [("Terms of Service", True), ("Privacy Policy", True),
                          ("Beta Programme NDA", False)][:3 if rich else 1]:
        agreements.append({"id": g.uuid(), "environment": _env(env_id), "name": name,
                           "description": "%s agreement" % name, "enabled": enabled,
                           "reconsentPeriodDays": g.rng.choice([90, 180, 365]),
                           "totalConsents": 0, "totalExpiredConsents": 0,
                           "consentsAggregatedAt": g.when()})
    ds.coll("agreements", agreements)
    gateways = []
    for name, gtype in [("LDAP Gateway", "LDAP"), ("RADIUS Gateway", "RADIUS"),
                        ("PingFederate Bridge", "PING_FEDERATE")][:3 if rich else 1]:
        gw = {"id": g.uuid(), "environment": _env(env_id), "name": name, "type": gtype,
              "enabled": True, "description": "%s for on-premises access" % gtype}
        if gtype == "LDAP":
            gw.update({"bindDN": "cn=pingone,ou=svc,dc=example,dc=com",
                       "connectionSecurity": "TLS", "vendor": "Microsoft Active Directory",
                       "serversHostAndPort": ["ldap1.example.com:636",
                                              "ldap2.example.com:636"]})
        gateways.append(gw)
        insts = []
        for k in range(g.rng.randint(1, 3)):
            insts.append({"id": g.uuid(), "environment": _env(env_id),
                          "gateway": {"id": gw["id"]}, "credential": {"id": g.uuid()},
                          "connected": k == 0 or g.rng.random() < 0.5,
                          "healthStatus": g.rng.choice(["HEALTHY", "HEALTHY", "DEGRADED",
                                                        "UNHEALTHY"]),
                          "hostname": "gw%d-%s.corp.example.com" % (k + 1, gtype.lower()),
                          "initializedAt": g.when(), "lastReportedAt": g.when(800),
                          "version": {"versionNumber": "3.1.%d" % k,
                                      "updateStatus": g.rng.choice(["AT_LATEST",
                                                                    "UPGRADE_AVAILABLE"])},
                          "busyPercentage": g.rng.randrange(100),
                          "operationsPerSecond": round(g.rng.random() * 50, 2),
                          "responseTimeMillis": round(g.rng.random() * 200, 1)})
        ds.child("gateways/instances", gw["id"], insts)
    ds.coll("gateways", gateways)
    domains = []
    if rich:
        domains = [{"id": g.uuid(), "environment": _env(env_id),
                    "domainName": "auth.example.com", "status": "ACTIVE",
                    "canonicalName": "auth.example.com.edge.pingone.com",
                    "certificate": {"expiresAt": "2027-01-31T12:00:00.000Z"}},
                   {"id": g.uuid(), "environment": _env(env_id),
                    "domainName": "login.example.org", "status": "VERIFICATION_REQUIRED",
                    "canonicalName": "login.example.org.edge.pingone.com"}]
    ds.coll("customDomains", domains)
    certs = []
    for name, usage, alg, status in [("Signing 2024", "SIGNING", "RSA", "VALID"),
                                     ("Encryption", "ENCRYPTION", "RSA", "VALID"),
                                     ("TLS auth.example.com", "SSL/TLS", "EC", "EXPIRING"),
                                     ("Old signing", "SIGNING", "RSA", "EXPIRED")][:4 if rich else 1]:
        c, _ = g.times()
        certs.append({"id": g.uuid(), "environment": _env(env_id), "name": name,
                      "algorithm": alg, "keyLength": 2048 if alg == "RSA" else 256,
                      "signatureAlgorithm": "SHA256withRSA" if alg == "RSA" else
                      "SHA256withECDSA", "subjectDN": "CN=%s, O=Example Corp" % name,
                      "issuerDN": "CN=Example CA, O=Example Corp",
                      "serialNumber": g.rng.randrange(10 ** 15, 10 ** 16),
                      "usageType": usage, "status": status, "default": usage == "SIGNING"
                      and status == "VALID", "startsAt": c,
                      "expiresAt": "2026-12-31T23:59:59.000Z" if status != "EXPIRED"
                      else "2023-01-01T00:00:00.000Z", "validityPeriod": 365, "createdAt": c})
    ds.coll("certificates", certs)
    langs = []
    for locale, name, enabled, default in [("en", "English", True, True),
                                           ("fr", "French", True, False),
                                           ("de", "German", True, False),
                                           ("es", "Spanish", False, False),
                                           ("ja", "Japanese", True, False),
                                           ("pt-BR", "Portuguese (Brazil)", False, False)]:
        c, u = g.times()
        langs.append({"id": g.uuid(), "environment": _env(env_id), "locale": locale,
                      "name": name, "enabled": enabled, "default": default,
                      "customerAdded": locale == "pt-BR", "createdAt": c, "updatedAt": u})
    ds.coll("languages", langs)
    templates = []
    for name, methods in [("general", ["Email", "SMS", "Voice"]),
                          ("email_verification_user", ["Email"]),
                          ("email_verification_admin", ["Email"]),
                          ("device_pairing", ["Email", "SMS"]),
                          ("strong_authentication", ["Email", "SMS", "Voice", "Push"]),
                          ("recovery_code_template", ["Email", "SMS"]),
                          ("transaction", ["Email", "SMS", "Push"]),
                          ("new_device_paired", ["Email", "SMS"])]:
        c, u = g.times()
        templates.append({"id": name, "environment": _env(env_id),
                          "displayName": name.replace("_", " ").title(),
                          "description": "Notification template %s" % name,
                          "deliveryMethods": methods, "variables": {"user.username": {}},
                          "allowDynamicVariables": name == "general",
                          "createdAt": c, "updatedAt": u})
        contents = []
        for m in methods:
            for locale in ["en", "fr"] if m == "Email" else ["en"]:
                c2, u2 = g.times()
                item = {"id": g.uuid(), "environment": _env(env_id),
                        "template": {"id": name}, "locale": locale, "deliveryMethod": m,
                        "default": locale == "en", "createdAt": c2, "updatedAt": u2}
                if m == "Email":
                    item.update({"subject": "Your %s" % name, "body": "Hello ${user.username}",
                                 "from": {"name": "Example", "address": "noreply@example.com"},
                                 "charset": "UTF-8", "emailContentType": "text/html"})
                else:
                    item["content"] = "Code: ${otp}"
                contents.append(item)
        ds.child("templates/contents", name, contents)
    ds.coll("templates", templates)
    subs = []
    for name, fmt, enabled in [("SIEM export", "SPLUNK", True), ("Audit webhook", "ACTIVITY", True),
                               ("Observability", "NEWRELIC", False)][:3 if rich else 1]:
        c, u = g.times()
        subs.append({"id": g.uuid(), "environment": _env(env_id), "name": name,
                     "enabled": enabled, "format": fmt,
                     "httpEndpoint": {"url": "https://hooks.example.com/%s" % fmt.lower(),
                                      "headers": {}},
                     "verifyTlsCertificates": True,
                     "filterOptions": {"includedActionTypes": ["USER.CREATED", "USER.UPDATED",
                                                               "USER.DELETED"]},
                     "createdAt": c, "updatedAt": u})
    ds.coll("subscriptions", subs)
    return agreements


_ACTIONS = [("USER.CREATED", "User Created"), ("USER.UPDATED", "User Updated"),
            ("USER.DELETED", "User Deleted"), ("USER.ACCESS_ALLOWED", "User Access Allowed"),
            ("USER.ACCESS_DENIED", "User Access Denied"),
            ("PASSWORD.CHECK_SUCCEEDED", "Password Check Succeeded"),
            ("PASSWORD.CHECK_FAILED", "Password Check Failed"),
            ("GROUP.CREATED", "Group Created"), ("GROUP_MEMBERSHIP.ADDED", "Group Membership Added"),
            ("APPLICATION.UPDATED", "Application Updated"),
            ("SESSION.CREATED", "Session Created")]


def _activities(g, ds, env, count, window, clients):
    """count audit activities spread over window (start, end)."""
    start, end = window
    span_ms = int((end - start).total_seconds() * 1000)
    items = []
    for _ in range(count):
        rec = start + datetime.timedelta(milliseconds=g.rng.randrange(span_ms))
        atype, adesc = g.rng.choice(_ACTIONS)
        user = g.rng.choice(env.users)
        client_id, client_name = g.rng.choice(clients)
        ok = not atype.endswith(("FAILED", "DENIED"))
        resource_type = "GROUP" if atype.startswith("GROUP") else \
            "APPLICATION" if atype.startswith("APPLICATION") else "USER"
        if resource_type == "USER":
            res = {"type": "USER", "id": user["id"], "name": user["username"],
                   "environment": {"id": env.env_id},
                   "population": {"id": user["population"]["id"]}}
        elif resource_type == "GROUP":
            grp = g.rng.choice(env.groups)
            res = {"type": "GROUP", "id": grp["id"], "name": grp["name"],
                   "environment": {"id": env.env_id}}
        else:
            app = g.rng.choice(env.coll["applications"])
            res = {"type": "APPLICATION", "id": app["id"], "name": app["name"],
                   "environment": {"id": env.env_id}}
        actors = {"client": {"id": client_id, "name": client_name, "type": "CLIENT",
                             "environment": {"id": env.env_id}}}
        if g.rng.random() < 0.6:
            actors["user"] = {"id": user["id"], "name": user["username"], "type": "USER",
                              "environment": {"id": env.env_id},
                              "population": {"id": user["population"]["id"]}}
        act = {"id": g.uuid(), "recordedAt": _ts(rec),
               "createdAt": _ts(rec + datetime.timedelta(milliseconds=g.rng.randrange(1, 900))),
               "correlationId": g.uuid(),
               "externalCorrelation": {"transactionId": g.uuid(), "sessionId": g.uuid()},
               "action": {"type": atype, "description": adesc},
               "actors": actors, "resources": [res],
               "result": {"status": "SUCCESS" if ok else "FAILED",
                          "description": adesc + (" successfully" if ok else ": denied")}}
        if g.rng.random() < 0.1:
            act["tags"] = ["adminIdentityEvent"]
        items.append(act)
    items.sort(key=lambda a: a["recordedAt"])
    ds.coll("activities", items)


def _user_children(g, ds, env, apps, agreements, versions, rate):
    """Sessions, devices, OAuth consents, agreement consents for some users."""
    oidc = [a for a in apps if a["protocol"] == "OPENID_CONNECT"
            and a["type"] not in ("WORKER", "SERVICE")]
    for user in env.users:
        uid = user["id"]
        r = g.rng.random()
        if r < rate:
            sessions = []
            for _ in range(g.rng.randint(1, 3)):
                created = g.when(900)
                (bname, bver), (oname, over) = g.rng.choice(_BROWSERS), g.rng.choice(_OSES)
                dtype = "Mobile" if oname in ("iOS", "Android") else "Desktop"
                sessions.append({
                    "id": g.uuid(), "environment": _env(env.env_id), "user": {"id": uid},
                    "createdAt": created, "activeAt": created,
                    "expiresAt": _ts(datetime.datetime.strptime(
                        created, "%Y-%m-%dT%H:%M:%S.%fZ").replace(
                        tzinfo=datetime.timezone.utc) + datetime.timedelta(days=30)),
                    "idleTimeoutInMinutes": g.rng.choice([30, 60, 480]),
                    "lastSignOn": {"at": created, "remoteIp": "198.51.100.%d" %
                                   g.rng.randrange(1, 255), "authenticators": ["pwd"]},
                    "userAgent": _UA % (oname, over, bname, bver),
                    "browser": {"name": bname, "version": bver},
                    "operatingSystem": {"name": oname, "version": over},
                    "device": {"type": dtype}})
            ds.child("users/sessions", uid, sessions)
        if g.rng.random() < rate * 2:
            devices = []
            for dtype in g.rng.sample(["EMAIL", "SMS", "TOTP", "MOBILE", "FIDO2", "VOICE"],
                                      g.rng.randint(1, 3)):
                c, u = g.times()
                d = {"id": g.uuid(), "environment": _env(env.env_id), "user": {"id": uid},
                     "type": dtype, "status": "ACTIVE" if g.rng.random() < 0.85
                     else "ACTIVATION_REQUIRED", "createdAt": c, "updatedAt": u}
                if dtype == "EMAIL":
                    d["email"] = user.get("email", "%s@example.com" % uid[:8])
                elif dtype in ("SMS", "VOICE"):
                    d["phone"] = "+1555%07d" % g.rng.randrange(10 ** 7)
                elif dtype == "MOBILE":
                    d["model"] = {"name": "iPhone 15", "marketingName": "iPhone 15"}
                    d["os"] = {"type": "iOS", "version": "17.4"}
                if g.rng.random() < 0.5:
                    d["nickname"] = "My %s" % dtype.lower()
                devices.append(d)
            ds.child("users/devices", uid, devices)
        if oidc and g.rng.random() < rate:
            consents = []
            for app in g.rng.sample(oidc, min(len(oidc), g.rng.randint(1, 2))):
                (bname, bver), (oname, over) = g.rng.choice(_BROWSERS), g.rng.choice(_OSES)
                consents.append({"id": g.uuid(), "environment": _env(env.env_id),
                                 "user": {"id": uid}, "application": {"id": app["id"]},
                                 "applicationName": app["name"], "applicationType": "PINGONE",
                                 "scope": ["openid"] + g.rng.sample(["profile", "email",
                                                                     "phone"], g.rng.randint(0, 2)),
                                 "status": g.rng.choice(["ACCEPTED", "ACCEPTED", "REVOKED",
                                                         "DECLINED"]),
                                 "consentedAt": g.when(900),
                                 "browser": {"name": bname, "version": bver},
                                 "operatingSystem": {"name": oname, "version": over},
                                 "device": {"type": "Mobile" if oname in ("iOS", "Android")
                                            else "Desktop"}})
            ds.child("users/oauthConsents", uid, consents)
        if agreements and g.rng.random() < rate * 1.5:
            items = []
            for ag in g.rng.sample(agreements, g.rng.randint(1, len(agreements))):
                given = g.when(900)
                status = g.rng.choice(["ACCEPTED", "ACCEPTED", "ACCEPTED", "EXPIRED", "REVOKED"])
                ag["totalConsents"] += 1
                if status == "EXPIRED":
                    ag["totalExpiredConsents"] += 1
                items.append({"id": ag["id"], "environment": _env(env.env_id),
                              "user": {"id": uid}, "agreement": {"id": ag["id"],
                                                                 "name": ag["name"]},
                              "status": status,
                              "consent": {"acceptedAt": given,
                                          "expiresAt": "2026-12-31T00:00:00.000Z",
                                          "language": {"id": versions[ag["id"]][0],
                                                       "locale": "en"},
                                          "revision": {"id": versions[ag["id"]][1]}}})
            ds.child("users/agreementConsents", uid, items)


def _custom_attributes(g, env, rich):
    """Add the custom schema attributes to users (new keys only)."""
    for i, user in enumerate(env.users):
        if g.rng.random() < 0.85:
            user["department"] = g.rng.choice(_DEPARTMENTS)
        if g.rng.random() < 0.6:
            user["costCenter"] = "CC-%03d" % g.rng.randrange(100, 140)
        if rich and g.rng.random() < 0.7:
            user["employeeNumber"] = "E%06d" % (100000 + i)
        if g.rng.random() < 0.5:
            user["officeLocation"] = g.rng.choice(_OFFICES)
        if g.rng.random() < 0.3:
            user["remoteEligible"] = g.rng.random() < 0.5
        if rich and g.rng.random() < 0.1:
            user["preferences"] = {"theme": g.rng.choice(["dark", "light"]),
                                   "newsletter": g.rng.random() < 0.5}
    by_name = {u["username"]: u for u in env.users}
    if "josé" in by_name:
        by_name["josé"]["department"] = "Recherche & Développement"
        by_name["山田太郎"]["department"] = "営業部"
        by_name["emoji.user"]["officeLocation"] = "Remote 🏠"


def _build_env(g, tenant, env, roles, rich, extra_clients):
    """Every extra collection of one environment."""
    ds = _EnvBuilder(env)
    env_id = env.env_id
    default_pop = next(p for p in env.populations if p["default"])
    _schema(g, ds, env_id)
    _custom_attributes(g, env, rich)
    custom_roles = [dict(r, type="PLATFORM", environment=_env(env_id),
                         permissions=[{"id": p["id"]} for p in r["permissions"]],
                         canBeAssignedBy=[{"id": roles[0]["id"]}])
                    for r in roles]
    if rich:
        for name, perms in [("User Auditor", ["dir:read:user", "dir:read:group"]),
                            ("Session Manager", ["authn:read:sessions",
                                                 "authn:delete:sessions"]),
                            ("App Viewer", ["applications:read:application"])]:
            custom_roles.append({"id": g.uuid(), "environment": _env(env_id), "name": name,
                                 "description": "Custom role %s" % name, "type": "CUSTOM",
                                 "applicableTo": ["ENVIRONMENT", "POPULATION"],
                                 "permissions": [{"id": p} for p in perms],
                                 "canAssign": [], "canBeAssignedBy":
                                 [{"id": roles[1]["id"]}]})
    ds.coll("roles", custom_roles)
    roles_by_name = {r["name"]: r for r in roles}
    agreements = _simple_env_resources(g, ds, env_id, rich)
    versions = {ag["id"]: (g.uuid(), g.uuid()) for ag in agreements}
    pw = _password_policies(g, ds, env_id, 3 if rich else 1)
    pw[0]["populationCount"] = len(env.populations)
    idps = _identity_providers(g, ds, env_id, default_pop["id"]) if rich else ds.coll(
        "identityProviders", [])
    policies = _policies(g, ds, env_id, idps)
    resources, scopes_by_res = _resources(g, ds, env_id)
    signing = ds.env.coll["certificates"][0]["id"]
    apps = list(extra_clients)
    if rich:
        for name, atype in _OIDC_APPS:
            apps.append(_oidc_app(g, env_id, name, atype, env.groups))
        for name in _SAML_APPS:
            apps.append(_saml_app(g, env_id, name, env.groups))
        for name in _WSFED_APPS:
            apps.append(_wsfed_app(g, env_id, name, signing))
        c, u = g.times()
        apps.append({"id": g.uuid(), "environment": _env(env_id), "name": "Company Wiki Link",
                     "protocol": "EXTERNAL_LINK", "type": "PORTAL_LINK_APP", "enabled": True,
                     "homePageUrl": "https://wiki.example.com/", "createdAt": c,
                     "updatedAt": u, "hiddenFromAppPortal": False})
        for name, atype in [("PingOne Application Portal", "PING_ONE_PORTAL"),
                            ("PingOne Self-Service - MyAccount", "PING_ONE_SELF_SERVICE")]:
            c, u = g.times()
            apps.append({"id": g.uuid(), "environment": _env(env_id), "name": name,
                         "protocol": "OPENID_CONNECT", "type": atype, "enabled": True,
                         "createdAt": c, "updatedAt": u, "hiddenFromAppPortal": True,
                         "tokenEndpointAuthMethod": "NONE", "applyDefaultTheme": True})
    else:
        for name, atype in [("Sandbox Web", "WEB_APP"), ("Sandbox Worker", "WORKER")]:
            apps.append(_oidc_app(g, env_id, name, atype, env.groups))
    ds.coll("applications", apps)
    for app in apps:
        _app_children(g, ds, env_id, app, policies, resources, scopes_by_res, roles_by_name)
    # role assignments of users and groups
    admin_count = 3 if env_id == tenant_admin_env(tenant) else (12 if rich else 2)
    for user in env.users[:admin_count]:
        items = [_role_assignment(g, env_id, roles_by_name["Identity Data Admin"],
                                  "ENVIRONMENT", env_id)]
        if env_id == tenant_admin_env(tenant):
            items.insert(0, _role_assignment(g, env_id, roles_by_name["Organization Admin"],
                                             "ORGANIZATION", tenant.organization["id"], True))
            for e in tenant.environments:
                items.append(_role_assignment(g, env_id, roles_by_name["Environment Admin"],
                                              "ENVIRONMENT", e["id"]))
        elif g.rng.random() < 0.5:
            items.append(_role_assignment(g, env_id, roles_by_name["Help Desk Admin"],
                                          "POPULATION", g.rng.choice(env.populations)["id"]))
        ds.child("users/roleAssignments", user["id"], items)
    for grp in env.groups:
        if grp["name"] in ("IT Admins", "Security", "Org Admins", "Admins"):
            ds.child("groups/roleAssignments", grp["id"], [
                _role_assignment(g, env_id, roles_by_name["Configuration Read Only"],
                                 "ENVIRONMENT", env_id),
                _role_assignment(g, env_id, roles_by_name["Identity Data Read Only"],
                                 "POPULATION", default_pop["id"])])
    # group nesting (DIRECT parents, then INDIRECT ancestors)
    for grp in env.groups:
        parents = tenant.group_parents.get(grp["id"], [])
        if not parents:
            continue
        items, seen, queue = [], set(), list(parents)
        for pid in parents:
            seen.add(pid)
            items.append({"id": pid, "name": env.group_by_id[pid]["name"], "type": "DIRECT"})
        while queue:
            for pid in tenant.group_parents.get(queue.pop(0), []):
                if pid not in seen:
                    seen.add(pid)
                    queue.append(pid)
                    items.append({"id": pid, "name": env.group_by_id[pid]["name"],
                                  "type": "INDIRECT"})
        ds.child("groups/memberOfGroups", grp["id"], items)
    _user_children(g, ds, env, apps, agreements, versions, 0.08 if rich else 0.2)
    client_pairs = [(a["id"], a["name"]) for a in apps if a["type"] in ("WORKER",
                                                                          "PING_ONE_PORTAL",
                                                                          "WEB_APP")][:6]
    count = 400 if rich else (60 if env_id == tenant_admin_env(tenant) else 40)
    _activities(g, ds, env, count, tenant.activity_window, client_pairs)


def tenant_admin_env(tenant):
    """The id of the Administrators environment (first environment)."""
    return tenant.environments[0]["id"]


def activity_window(now=None):
    """(start, end): the 14 days before the start of the current UTC day."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    end = now.replace(hour=0, minute=0, second=0, microsecond=0)
    return end - datetime.timedelta(days=14), end


def _client_app(env_id, client_id, spec, created):
    """Application JSON for one of dataset's OAuth clients."""
    app = {"id": client_id, "environment": _env(env_id), "name": spec["name"],
           "protocol": "OPENID_CONNECT", "type": spec["type"], "enabled": True,
           "createdAt": created, "updatedAt": created, "hiddenFromAppPortal": True,
           "grantTypes": list(spec["grantTypes"]), "tokenEndpointAuthMethod": spec["method"],
           "responseTypes": ["CODE"] if "AUTHORIZATION_CODE" in spec["grantTypes"] else []}
    if spec.get("redirectUris"):
        app["redirectUris"] = list(spec["redirectUris"])
        app["pkceEnforcement"] = spec["pkce"]
        app["refreshTokenDuration"] = 2592000
        app["refreshTokenType"] = "OPAQUE_TOKEN"
    return app


def add_extras(tenant, seed, admin_env_id, license_id):
    """Fill every extra collection of tenant (see the module docstring)."""
    g = _Gen(seed)
    tenant.platform_roles = _platform_roles(g)
    tenant.licenses = _licenses(g, tenant.organization["id"], license_id)
    tenant.activity_window = activity_window()
    admin = tenant.envs[admin_env_id]
    tenant.auth_user_id = admin.users[0]["id"]
    created = "2022-02-01T09:00:00.000Z"
    admin_apps = [_client_app(admin_env_id, cid, spec, created)
                  for cid, spec in tenant.clients.items() if spec["envId"] == admin_env_id]
    c, u = g.times()
    admin_apps.append({"id": g.uuid(), "environment": _env(admin_env_id),
                       "name": "PingOne Admin Console", "protocol": "OPENID_CONNECT",
                       "type": "PING_ONE_ADMIN_CONSOLE", "enabled": True, "createdAt": c,
                       "updatedAt": u, "hiddenFromAppPortal": False})
    for env_json in tenant.environments:
        env = tenant.envs[env_json["id"]]
        rich = len(env.users) > 1000
        _build_env(g, tenant, env, tenant.platform_roles, rich,
                   admin_apps if env.env_id == admin_env_id else [])
