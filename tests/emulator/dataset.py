"""Deterministic PingOne tenant used by the emulator and by the tests.

The tenant is built from ``random.Random(seed)`` so every run (and every test
that computes expected query results) sees the same data.  Everything is
plain Python data: dicts and lists shaped exactly as the PingOne management
API serves them (minus ``_links``, which the emulator adds per request).

Public API:
    ORG_ID, ADMIN_ENV_ID, DEFAULT_ENV_ID, SECOND_ENV_ID   stable UUID strings
    CLIENT_ID / CLIENT_SECRET            worker app, CLIENT_SECRET_BASIC
    POST_CLIENT_ID / POST_CLIENT_SECRET  worker app, CLIENT_SECRET_POST
    build(seed=1) -> Tenant              built once per seed and cached;
                                         treat the result as read-only.

Tenant attributes:
    organization   dict (PingOne Organization JSON)
    environments   list of Environment JSON dicts
    envs[env_id]   EnvData with .users, .populations, .groups (lists) and
                   .user_by_id, .population_by_id, .group_by_id (dicts)
    memberships[user_id] -> list of {"id", "name", "type"} (DIRECT first,
                   then INDIRECT through nested groups); [] for no groups
    group_parents[group_id] -> list of parent group ids (group nesting)
    clients[client_id] -> {"secret", "method", "envId", "name", "type",
                   "grantTypes", ["redirectUris", "pkce"]}
    plus everything dataset_extra.add_extras() adds (applications, roles,
    activities, ...; see that module).
"""

import datetime
import random
import unicodedata
import uuid

import dataset_extra

ORG_ID = "6f1c2a3e-8b4d-4c5e-9f60-7a8b9c0d1e2f"
ADMIN_ENV_ID = "a0d7e5c1-3b2f-4e6a-8c9d-0f1e2d3c4b5a"
DEFAULT_ENV_ID = "3c5e7a9b-1d2f-4a6b-8c0d-2e4f6a8b0c1d"
SECOND_ENV_ID = "8e1f2a3b-4c5d-4e6f-9a0b-1c2d3e4f5a6b"
LICENSE_ID = "5d6e7f80-9a1b-4c2d-8e3f-4a5b6c7d8e9f"

CLIENT_ID = "b7c8d9e0-f1a2-4b3c-8d4e-5f6a7b8c9d0e"
CLIENT_SECRET = "Rk7~vQ2.xL9_mN4-pT6wY8zA1cE3gJ5hK0sU"
POST_CLIENT_ID = "c1d2e3f4-a5b6-4c7d-9e8f-0a1b2c3d4e5f"
POST_CLIENT_SECRET = "Pq3-sT5_uV7.wX9~yZ1aB2cD4eF6gH8jM2nW"

# Authorization-code apps in ADMIN_ENV_ID (redirect URIs: dataset_extra.AUTHCODE_REDIRECT_URIS).
#: confidential, CLIENT_SECRET_BASIC, pkceEnforcement OPTIONAL, grants authorization_code+refresh_token
AUTHCODE_CLIENT_ID = "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70"
AUTHCODE_CLIENT_SECRET = "Ac7_dE9-fG1.hJ3~kL5mN7pQ9rS1tU3vW5xY"
#: confidential, CLIENT_SECRET_POST, pkceEnforcement S256_REQUIRED, same grants
AUTHCODE_POST_CLIENT_ID = "e5f6a7b8-c9d0-4e1f-9a2b-3c4d5e6f7a81"
AUTHCODE_POST_CLIENT_SECRET = "Bp8-eF0_gH2.jK4~lM6nP8qR0sT2uV4wX6yZ"
#: public (tokenEndpointAuthMethod NONE), pkceEnforcement S256_REQUIRED, same grants
PUBLIC_CLIENT_ID = "f6a7b8c9-d0e1-4f2a-8b3c-4d5e6f7a8b92"

#: Number of regular users user0000..user2499 in DEFAULT_ENV_ID.
REGULAR_USER_COUNT = 2500
#: Number of users in SECOND_ENV_ID (sbx000..sbx049).
SANDBOX_USER_COUNT = 50

_GIVEN = ["James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael",
          "Linda", "David", "Elizabeth", "William", "Barbara", "Richard",
          "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
          "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty",
          "Anthony", "Sandra", "Mark", "Ashley", "Olivia", "Liam", "Emma",
          "Noah", "Ava", "Lucas", "Mia", "Ethan", "Amelia", "Harper"]
_FAMILY = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
           "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez",
           "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
           "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
           "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
           "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
           "Hill", "Flores", "O'Brien", "Van der Berg"]
_MIDDLE = ["A", "B", "J", "Lee", "Marie", "Ann", "Ray", "Lynn", "Grace", "Paul"]
_TITLES = ["Engineer", "Senior Engineer", "Manager", "Director", "Analyst",
           "Sales Representative", "Support Specialist", "Designer",
           "Product Manager", "Accountant", "Recruiter", "Vice President"]
_LOCALES = ["en-US", "en-GB", "fr-FR", "de-DE", "es-ES", "ja-JP", "pt-BR"]
_LANGS = ["en", "en-US", "fr", "de", "es", "ja", "pt-BR"]
_TIMEZONES = ["America/Chicago", "America/New_York", "America/Denver",
              "Europe/London", "Europe/Paris", "Europe/Berlin", "Asia/Tokyo",
              "Australia/Sydney", "America/Sao_Paulo"]
_TYPES = ["Employee", "Contractor", "Partner", "Intern"]
_CITIES = [("Denver", "CO", "US", "80202"), ("Austin", "TX", "US", "78701"),
           ("London", "England", "GB", "EC1A 1BB"), ("Paris", "IDF", "FR", "75001"),
           ("Berlin", "Berlin", "DE", "10115"), ("Tokyo", "Tokyo", "JP", "100-0001")]

# Special users: (username, given, middle, family, nickname, email)
_SPECIAL_USERS = [
    ('quote"back\\slash', "Quinn", None, "Backslash", 'Q "the slash"',
     "quote.backslash@example.com"),
    ("josé", "José", "María", "García", "Pepe", "jose.garcia@example.com"),
    ("zoë", "Zoë", None, "Brontë", None, "zoe.bronte@example.com"),
    ("ångström", "Anders", "Jonas", "Ångström", "Å", "anders.angstrom@example.se"),
    ("山田太郎", "太郎", None, "山田", "たろう", "taro.yamada@example.jp"),
    ("王小明", "小明", None, "王", None, "xiaoming.wang@example.cn"),
    ("emoji.user", "Smiley😀", None, "Face", "😀 grin", "smiley@example.com"),
    ("math.user", "Alpha", None, "𝒜dams", "𝒜 script", "alpha.adams@example.com"),
    ("cjk.ext.user", "𠀀明", None, "𠀀李", "𠀀 nick😀", None),
]

_GROUPS_ENV_WIDE = [
    ("All Staff", "Everyone employed by Example Corp", None),
    ("Engineering", "Software and hardware engineering", "ENG-001"),
    ("Sales", "Sales organisation", "SAL-002"),
    ("Marketing", "Marketing and communications", None),
    ("Finance", "Finance and accounting", "FIN-004"),
    ("Human Resources", "People team", None),
    ("Legal", None, None),
    ("Support", "Customer support tiers 1-3", "SUP-008"),
    ("IT Admins", "IT administrators", "ITA-009"),
    ("Security", "Security operations", None),
    ("Product", "Product management", None),
    ("Design", None, None),
    ("Operations", "Business operations", "OPS-013"),
    ("Research", "Research and development", None),
    ("Executives", "Executive leadership team", "EXE-015"),
    ("Remote Workers", "Employees working remotely", None),
    ("VPN Users", "Users allowed on the VPN", None),
    ("Beta Testers", "Early access programme", None),
    ("Mentors", None, None),
    ("Book Club", "Monthly book club", None),
    ("Équipe Café", "Coffee lovers (accented name)", None),
    ('R&D "Labs"', "Group name with quotes", "RND-022"),
    ("On-Call", "Pager rotation", None),
    ("Data Platform", "Data engineering", "DAT-024"),
    ("Frontend", "Web frontend team", None),
    ("Backend", "Backend services team", None),
    ("QA", "Quality assurance", None),
    ("Managers", "People managers", "MGR-028"),
]
# Population-scoped groups: (population name, group name, description, externalId)
_GROUPS_SCOPED = [
    ("Employees", "Employees - Berlin", "Berlin office", "BER-101"),
    ("Employees", "Employees - Denver", "Denver office", None),
    ("Employees", "Employees - Tokyo", "Tokyo office", None),
    ("Employees", "Employees - Benefits", None, None),
    ("Contractors", "Contractors - Active", "Currently engaged", "CON-201"),
    ("Contractors", "Contractors - Onboarding", None, None),
    ("Contractors", "Contractors - Offshore", None, None),
    ("Partners", "Partners - Gold", "Gold tier", "PAR-301"),
    ("Partners", "Partners - Silver", None, None),
    ("Default", "Default - Newcomers", "New sign-ups", None),
    ("Default", "Default - Newsletter", None, None),
    ("Default", "Default - Legacy Import", None, "LEG-403"),
]
# Nesting child -> parent (a member of the child is an INDIRECT member of the parent)
_NESTING = [
    ("Engineering", "All Staff"), ("Sales", "All Staff"),
    ("Marketing", "All Staff"), ("Finance", "All Staff"),
    ("IT Admins", "Engineering"), ("Security", "IT Admins"),
    ("Frontend", "Engineering"), ("Backend", "Engineering"),
    ("Employees - Berlin", "Remote Workers"), ("Executives", "Managers"),
]


class EnvData:
    """Users, populations and groups of one environment plus id indexes."""

    def __init__(self, env_id):
        """Create an empty environment record for env_id."""
        self.env_id = env_id
        self.users = []
        self.populations = []
        self.groups = []
        self.user_by_id = {}
        self.population_by_id = {}
        self.group_by_id = {}

    def index(self):
        """(Re)build the id -> object dicts from the lists."""
        self.user_by_id = {u["id"]: u for u in self.users}
        self.population_by_id = {p["id"]: p for p in self.populations}
        self.group_by_id = {g["id"]: g for g in self.groups}


class Tenant:
    """The whole organization: environments, their data, memberships, clients."""

    def __init__(self):
        """Create an empty tenant; filled in by build()."""
        self.organization = {}
        self.environments = []
        self.envs = {}
        self.memberships = {}
        self.group_parents = {}
        self.clients = {}

    def environment(self, env_id):
        """Return the Environment JSON dict for env_id, or None."""
        for env in self.environments:
            if env["id"] == env_id:
                return env
        return None


_EPOCH = datetime.datetime(2021, 1, 1, tzinfo=datetime.timezone.utc)
_SPAN_MS = 3 * 365 * 24 * 3600 * 1000


def _ts(ms):
    """Format epoch-relative milliseconds as PingOne's ISO-8601 UTC string."""
    t = _EPOCH + datetime.timedelta(milliseconds=ms)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (t.microsecond // 1000)


def _times(rng):
    """Return a (createdAt, updatedAt) pair with updatedAt >= createdAt."""
    created = rng.randrange(_SPAN_MS)
    updated = created + rng.randrange(200 * 24 * 3600 * 1000)
    return _ts(created), _ts(updated)


def _uuid(rng):
    """Return a random (seeded) lowercase version-4 UUID string."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def _formatted_ok(text):
    """True when text fits the name.formatted pattern ^[\\p{L}\\p{M}\\p{N}' .-]*$."""
    return all(c in "' .-" or unicodedata.category(c)[0] in "LMN" for c in text)


def _phone(rng):
    """Return a plausible E.164-style phone number."""
    return "+1%03d555%04d" % (rng.randrange(200, 999), rng.randrange(10000))


def _make_user(rng, env_id, pop_id, username, given, middle, family,
               nickname, email, full):
    """Build one User dict; full=True gives the rich optional-field mix."""
    created, updated = _times(rng)
    enabled = rng.random() >= 0.05
    locked = enabled and rng.random() < 0.02
    name = {"given": given, "family": family}
    if middle:
        name["middle"] = middle
    formatted = " ".join(x for x in (given, middle, family) if x)
    if _formatted_ok(formatted):
        name["formatted"] = formatted
    user = {
        "id": _uuid(rng),
        "environment": {"id": env_id},
        "account": {"canAuthenticate": enabled and not locked,
                    "status": "LOCKED" if locked else "OK"},
        "createdAt": created,
        "enabled": enabled,
        "identityProvider": {"type": "PING_ONE"},
        "lifecycle": {"status": "ACCOUNT_OK" if rng.random() < 0.9
                      else "VERIFICATION_REQUIRED"},
        "mfaEnabled": rng.random() < 0.3,
        "name": name,
        "population": {"id": pop_id},
        "updatedAt": updated,
        "username": username,
        "verifyStatus": "NOT_INITIATED",
    }
    if email:
        user["email"] = email
        user["emailVerified"] = rng.random() < 0.7
    if nickname:
        user["nickname"] = nickname
    if not full:
        return user
    if rng.random() < 0.6:
        user["title"] = rng.choice(_TITLES)
    if rng.random() < 0.5:
        user["externalId"] = "EXT-%06d" % rng.randrange(1000000)
    if rng.random() < 0.3:
        user["accountId"] = "ACC%07d" % rng.randrange(10000000)
    if rng.random() < 0.5:
        user["mobilePhone"] = _phone(rng)
    if rng.random() < 0.4:
        user["primaryPhone"] = _phone(rng)
    if rng.random() < 0.6:
        user["locale"] = rng.choice(_LOCALES)
    if rng.random() < 0.5:
        user["preferredLanguage"] = rng.choice(_LANGS)
    if rng.random() < 0.5:
        user["timezone"] = rng.choice(_TIMEZONES)
    if rng.random() < 0.3:
        user["type"] = rng.choice(_TYPES)
    if rng.random() < 0.2:
        city, region, country, postal = rng.choice(_CITIES)
        user["address"] = {"streetAddress": "%d Main Street" % rng.randrange(1, 999),
                           "locality": city, "region": region,
                           "postalCode": postal, "countryCode": country}
    if rng.random() < 0.7:
        user["lastSignOn"] = {"at": _ts(rng.randrange(_SPAN_MS)),
                              "remoteIp": "203.0.113.%d" % rng.randrange(1, 255)}
    return user


def _make_population(rng, env_id, name, description, default):
    """Build one Population dict (userCount filled in later)."""
    created, updated = _times(rng)
    pop = {"id": _uuid(rng), "environment": {"id": env_id}, "name": name,
           "default": default, "userCount": 0, "createdAt": created,
           "updatedAt": updated}
    if description:
        pop["description"] = description
    return pop


def _make_group(rng, env_id, name, description, external_id, pop_id):
    """Build one Group dict (directMemberCounts filled in later)."""
    group = {"id": _uuid(rng), "environment": {"id": env_id}, "name": name}
    if description:
        group["description"] = description
    if pop_id:
        group["population"] = {"id": pop_id}
    if external_id:
        group["externalId"] = external_id
    return group


def _assign_memberships(rng, tenant, env, pop_groups, wide_groups):
    """Give each user of env 0-4 DIRECT groups plus INDIRECT parents."""
    weights = [(0, 25), (1, 35), (2, 20), (3, 12), (4, 8)]
    total = sum(w for _, w in weights)
    direct_counts = {g["id"]: 0 for g in env.groups}
    for user in env.users:
        pick = rng.randrange(total)
        k = 0
        for n, w in weights:
            if pick < w:
                k = n
                break
            pick -= w
        eligible = wide_groups + pop_groups.get(user["population"]["id"], [])
        direct = rng.sample(eligible, min(k, len(eligible)))
        items = []
        seen = set()
        for g in direct:
            items.append({"id": g["id"], "name": g["name"], "type": "DIRECT"})
            seen.add(g["id"])
            direct_counts[g["id"]] += 1
        queue = [g["id"] for g in direct]
        while queue:
            gid = queue.pop(0)
            for parent in tenant.group_parents.get(gid, []):
                if parent not in seen:
                    seen.add(parent)
                    items.append({"id": parent,
                                  "name": env.group_by_id[parent]["name"],
                                  "type": "INDIRECT"})
                    queue.append(parent)
        tenant.memberships[user["id"]] = items
    for g in env.groups:
        g["directMemberCounts"] = {"users": direct_counts[g["id"]]}


def _count_users(env):
    """Set userCount on every population of env."""
    counts = {}
    for u in env.users:
        counts[u["population"]["id"]] = counts.get(u["population"]["id"], 0) + 1
    for p in env.populations:
        p["userCount"] = counts.get(p["id"], 0)


def _environment(rng, env_id, name, description, env_type):
    """Build one Environment dict."""
    created, updated = _times(rng)
    return {"id": env_id, "name": name, "description": description,
            "type": env_type, "region": "NA", "status": "ACTIVE",
            "license": {"id": LICENSE_ID}, "organization": {"id": ORG_ID},
            "createdAt": created, "updatedAt": updated}


def _build_default_env(rng, tenant):
    """Fill DEFAULT_ENV_ID: 4 populations, ~40 groups, 2,500+ users."""
    env = EnvData(DEFAULT_ENV_ID)
    pops = {}
    for name, desc, default in [("Default", "Default population", True),
                                ("Employees", "Full-time employees", False),
                                ("Contractors", "External contractors", False),
                                ("Partners", None, False)]:
        pops[name] = _make_population(rng, DEFAULT_ENV_ID, name, desc, default)
        env.populations.append(pops[name])
    pops["Employees"]["preferredLanguage"] = "en-US"
    pops["Employees"]["alternativeIdentifiers"] = ["staff", "emp"]
    pops["Contractors"]["passwordPolicy"] = {"id": _uuid(rng)}

    wide = []
    for name, desc, ext in _GROUPS_ENV_WIDE:
        g = _make_group(rng, DEFAULT_ENV_ID, name, desc, ext, None)
        wide.append(g)
        env.groups.append(g)
    pop_groups = {}
    for pop_name, name, desc, ext in _GROUPS_SCOPED:
        pid = pops[pop_name]["id"]
        g = _make_group(rng, DEFAULT_ENV_ID, name, desc, ext, pid)
        pop_groups.setdefault(pid, []).append(g)
        env.groups.append(g)
    env.groups[1]["customData"] = {"costCenter": "CC-100", "floor": 3}
    env.index()
    by_name = {g["name"]: g["id"] for g in env.groups}
    for child, parent in _NESTING:
        tenant.group_parents.setdefault(by_name[child], []).append(by_name[parent])

    pop_cycle = ([pops["Default"]["id"]] * 4 + [pops["Employees"]["id"]] * 3 +
                 [pops["Contractors"]["id"]] * 2 + [pops["Partners"]["id"]])
    for i in range(REGULAR_USER_COUNT):
        given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
        middle = rng.choice(_MIDDLE) if rng.random() < 0.3 else None
        username = "user%04d" % i
        email = None
        if rng.random() >= 0.05:
            local = "%s.%s.%04d" % (given, family.replace("'", "").replace(" ", ""), i)
            email = (local.lower() if rng.random() >= 0.1 else local) + "@example.com"
        nickname = given[:3] + str(i % 7) if rng.random() < 0.4 else None
        env.users.append(_make_user(rng, DEFAULT_ENV_ID, rng.choice(pop_cycle),
                                    username, given, middle, family, nickname,
                                    email, True))
    for username, given, middle, family, nickname, email in _SPECIAL_USERS:
        env.users.append(_make_user(rng, DEFAULT_ENV_ID, pops["Default"]["id"],
                                    username, given, middle, family, nickname,
                                    email, True))
    env.index()
    _count_users(env)
    _assign_memberships(rng, tenant, env, pop_groups, wide)
    return env


def _build_small_env(rng, tenant, env_id, prefix, count, pop_names, group_names):
    """Fill a small environment (Sandbox or Administrators)."""
    env = EnvData(env_id)
    for i, name in enumerate(pop_names):
        env.populations.append(_make_population(rng, env_id, name, None, i == 0))
    wide = [_make_group(rng, env_id, n, None, None, None) for n in group_names]
    env.groups.extend(wide)
    env.index()
    for i in range(count):
        given, family = rng.choice(_GIVEN), rng.choice(_FAMILY)
        username = "%s%03d" % (prefix, i)
        env.users.append(_make_user(rng, env_id, rng.choice(env.populations)["id"],
                                    username, given, None, family, None,
                                    username + "@sandbox.example.com",
                                    rng.random() < 0.5))
    env.index()
    _count_users(env)
    _assign_memberships(rng, tenant, env, {}, wide)
    return env


_CACHE = {}


def build(seed=1):
    """Return the Tenant for seed (built once, then cached; do not modify it)."""
    if seed in _CACHE:
        return _CACHE[seed]
    rng = random.Random(seed)
    tenant = Tenant()
    created, updated = _times(rng)
    tenant.organization = {"id": ORG_ID, "name": "Example Corp",
                           "description": "Emulated PingOne organization",
                           "type": "PAID", "createdAt": created,
                           "updatedAt": updated,
                           "billingConnections": [{"id": _uuid(rng)}]}
    tenant.environments = [
        _environment(rng, ADMIN_ENV_ID, "Administrators",
                     "Holds the worker applications", "PRODUCTION"),
        _environment(rng, DEFAULT_ENV_ID, "Production",
                     "Main customer directory", "PRODUCTION"),
        _environment(rng, SECOND_ENV_ID, "Sandbox", "Small test directory",
                     "SANDBOX"),
    ]
    tenant.envs[DEFAULT_ENV_ID] = _build_default_env(rng, tenant)
    tenant.envs[SECOND_ENV_ID] = _build_small_env(
        rng, tenant, SECOND_ENV_ID, "sbx", SANDBOX_USER_COUNT,
        ["Default", "Testers"], ["Testers", "Reviewers", "Admins", "Guests", "Bots"])
    tenant.envs[ADMIN_ENV_ID] = _build_small_env(
        rng, tenant, ADMIN_ENV_ID, "admin", 3, ["Administrators"], ["Org Admins"])
    worker = {"type": "WORKER", "grantTypes": ["CLIENT_CREDENTIALS"]}
    authcode = {"type": "WEB_APP", "grantTypes": ["AUTHORIZATION_CODE", "REFRESH_TOKEN"],
                "redirectUris": list(dataset_extra.AUTHCODE_REDIRECT_URIS)}
    tenant.clients = {
        CLIENT_ID: dict(worker, secret=CLIENT_SECRET, method="CLIENT_SECRET_BASIC",
                        envId=ADMIN_ENV_ID, name="ODBC Worker (Basic)"),
        POST_CLIENT_ID: dict(worker, secret=POST_CLIENT_SECRET, method="CLIENT_SECRET_POST",
                             envId=ADMIN_ENV_ID, name="ODBC Worker (Post)"),
        AUTHCODE_CLIENT_ID: dict(authcode, secret=AUTHCODE_CLIENT_SECRET,
                                 method="CLIENT_SECRET_BASIC", pkce="OPTIONAL",
                                 envId=ADMIN_ENV_ID, name="ODBC Desktop (Basic)"),
        AUTHCODE_POST_CLIENT_ID: dict(authcode, secret=AUTHCODE_POST_CLIENT_SECRET,
                                      method="CLIENT_SECRET_POST", pkce="S256_REQUIRED",
                                      envId=ADMIN_ENV_ID, name="ODBC Desktop (Post)"),
        PUBLIC_CLIENT_ID: dict(authcode, secret=None, method="NONE", type="NATIVE_APP",
                               pkce="S256_REQUIRED", envId=ADMIN_ENV_ID,
                               name="ODBC Desktop (Public)"),
    }
    dataset_extra.add_extras(tenant, seed, ADMIN_ENV_ID, LICENSE_ID)
    _CACHE[seed] = tenant
    return tenant
