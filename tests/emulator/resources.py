"""Management API resources beyond users/groups/populations (issue 4).

Every collection here is described by a Spec: its _embedded key, its name
(used for page limits in management.LIMITS and for the filter allow-list in
scim_filter.ALLOW; endpoints that declare no filter refuse every filter),
optional order values, expand values, and child collections.  Data comes
from dataset_extra (env.coll / env.children / tenant.licenses /
tenant.platform_roles).

    handle_org_licenses(state, org_id, rest, ...)     /organizations/{id}/licenses[/{id}]
    handle_platform_roles(state, rest, ...)           /roles[/{id}]
    handle_env_resource(state, env, rest, ...)        /environments/{env}/<collection>/...
    handle_user_child(state, env, user, rest, ...)    /users/{id}/<child>[/{id}]
    handle_group_child(state, env, group, rest, ...)  /groups/{id}/<child>[/{id}]
All return (status, body) or None when the path is not one of theirs.
"""

import json

import p1errors
import scim_filter


class Spec:
    """How one collection is served."""

    def __init__(self, name, key, children=None, orders=(), expand=(), data=None):
        """name: limits/filter name; key: _embedded key; children: segment -> Spec;
        orders: allowed order values; expand: allowed expand values; data: the
        env.coll / env.children name holding the items (default: the path segment)."""
        self.name = name
        self.key = key
        self.children = children or {}
        self.orders = orders
        self.expand = expand
        self.data = data


#: /environments/{env}/<segment>
ENV_SPECS = {
    "roles": Spec("customRoles", "roles"),
    "applications": Spec("applications", "applications", {
        "attributes": Spec("applicationAttributes", "attributes"),
        "signOnPolicyAssignments": Spec("signOnPolicyAssignments", "signOnPolicyAssignments"),
        "grants": Spec("grants", "grants"),
        "roleAssignments": Spec("applicationRoleAssignments", "roleAssignments")}),
    "resources": Spec("resources", "resources", {
        "scopes": Spec("scopes", "scopes"),
        "attributes": Spec("resourceAttributes", "attributes")}),
    "agreements": Spec("agreements", "agreements"),
    "signOnPolicies": Spec("signOnPolicies", "signOnPolicies", {
        "actions": Spec("signOnPolicyActions", "actions")}),
    "identityProviders": Spec("identityProviders", "identityProviders", {
        "attributes": Spec("identityProviderAttributes", "attributes")}),
    "passwordPolicies": Spec("passwordPolicies", "passwordPolicies"),
    "schemas": Spec("schemas", "schemas", {"attributes": Spec("schemaAttributes", "attributes")}),
    "gateways": Spec("gateways", "gateways", {
        "instances": Spec("gatewayInstances", "gatewayInstances")}),
    "customDomains": Spec("customDomains", "customDomains"),
    "certificates": Spec("certificates", "certificates"),
    "languages": Spec("languages", "languages"),
    "templates": Spec("templates", "templates", {
        "contents": Spec("templateContents", "contents")},
        orders=("createdAt", "-createdAt")),
    "subscriptions": Spec("subscriptions", "subscriptions"),
    "activities": Spec("activities", "activities"),
}

#: /environments/{env}/users/{id}/<segment>
USER_SPECS = {
    "roleAssignments": Spec("userRoleAssignments", "roleAssignments"),
    "sessions": Spec("sessions", "sessions"),
    "oauthConsents": Spec("oauthConsents", "oauthConsents", expand=("applications",)),
    "agreementConsents": Spec("agreementConsents", "consents"),
    "devices": Spec("devices", "devices"),
}

#: /environments/{env}/groups/{id}/<segment>
GROUP_SPECS = {
    "roleAssignments": Spec("groupRoleAssignments", "roleAssignments"),
    "memberOfGroups": Spec("groupNesting", "groupMemberships"),
}

LICENSES = Spec("licenses", "licenses", orders=("beginsAt", "-beginsAt"))
PLATFORM_ROLES = Spec("roles", "roles")

#: every Spec name -> (default page size, maximum page size); none of these
#: maxima are documented except where management.LIMITS already had them
LIMITS = {}
for _spec in (list(ENV_SPECS.values()) + list(USER_SPECS.values()) +
              list(GROUP_SPECS.values()) + [LICENSES, PLATFORM_ROLES]):
    LIMITS[_spec.name] = (100, 1000)
    for _child in _spec.children.values():
        LIMITS[_child.name] = (100, 1000)


def _render(state, base, item, env_id=None, extra_links=None):
    """item with _links (self = base/<id>, environment) first."""
    links = {"self": {"href": state.base_url + base + "/" + str(item["id"])}}
    if env_id:
        links["environment"] = {"href": state.base_url + "/v1/environments/" + env_id}
    if extra_links:
        links.update(extra_links)
    out = {"_links": links}
    out.update(item)
    return out


def _serve(state, spec, path, query, raw_query, base, items, rest, env_id,
           resolver=None, render=None):
    """List (rest empty) or single item (rest == [id]) of items under base."""
    from management import list_collection  # late import: management imports us
    render = render or (lambda o, x: _render(state, base, o, env_id))
    if not rest:
        return list_collection(state, path, query, raw_query, spec.name, spec.key, items,
                               render, expand_allowed=spec.expand, resolver=resolver,
                               orders=spec.orders)
    if len(rest) != 1:
        return None
    for item in items:
        if str(item["id"]) == rest[0]:
            from management import parse_expand
            expand, err = parse_expand(query, set(spec.expand))
            if err:
                return err
            return 200, render(item, expand)
    return p1errors.not_found("%s %s" % (spec.key.rstrip("s"), rest[0]))


def handle_org_licenses(state, org_id, rest, path, query, raw_query):
    """/organizations/{org}/licenses[/{id}]."""
    base = "/v1/organizations/%s/licenses" % org_id
    return _serve(state, LICENSES, path, query, raw_query, base, state.tenant.licenses,
                  rest, None,
                  render=lambda o, x: _render(state, base, o, None, {
                      "organization": {"href": state.base_url + "/v1/organizations/" +
                                       org_id}}))


def handle_platform_roles(state, rest, path, query, raw_query):
    """/roles[/{id}]."""
    return _serve(state, PLATFORM_ROLES, path, query, raw_query, "/v1/roles",
                  state.tenant.platform_roles, rest, None)


def _template_resolver(env):
    """Filter values of templates: locale/default come from the template's contents."""
    contents = env.children.get("templates/contents", {})

    def resolve(obj, attr):
        """Computed attribute values of template obj, or None for the JSON path."""
        if attr == "deliveryMethod":
            return list(obj.get("deliveryMethods", []))
        if attr in ("locale", "default"):
            return [c[attr] for c in contents.get(obj["id"], [])]
        return None
    return resolve


def _consent_resolver(obj, attr):
    """application.name of an OAuth consent is its applicationName."""
    if attr == "application.name":
        return [obj["applicationName"]] if "applicationName" in obj else []
    return None


def handle_env_resource(state, env, rest, path, query, raw_query, method="GET", body=b""):
    """/environments/{env}/<collection>[/{id}[/<child>[/{id}]]]; None if not ours."""
    spec = ENV_SPECS.get(rest[0])
    if spec is None:
        return None
    env_id = env.env_id
    base = "/v1/environments/%s/%s" % (env_id, rest[0])
    items = env.coll.get(rest[0], [])
    if rest[0] == "activities":
        return _activities(state, spec, env, rest[1:], path, query, raw_query, method, body)
    if method == "POST":
        return None
    resolver = _template_resolver(env) if rest[0] == "templates" else None
    if len(rest) <= 2:
        return _serve(state, spec, path, query, raw_query, base, items, rest[1:], env_id,
                      resolver=resolver)
    parent = next((o for o in items if str(o["id"]) == rest[1]), None)
    if parent is None:
        return p1errors.not_found("%s %s in environment %s" % (rest[0].rstrip("s"), rest[1],
                                                               env_id))
    child = spec.children.get(rest[2])
    if child is None or len(rest) > 4:
        return None
    data = env.children.get("%s/%s" % (rest[0], rest[2]), {}).get(parent["id"], [])
    return _serve(state, child, path, query, raw_query, "%s/%s/%s" % (base, rest[1], rest[2]),
                  data, rest[3:], env_id)


def _activities(state, spec, env, rest, path, query, raw_query, method, body):
    """GET (or POST with {"filter": ...}) /activities; a date range filter is required."""
    env_id = env.env_id
    base = "/v1/environments/%s/activities" % env_id
    items = env.coll.get("activities", [])
    if rest:
        if method != "GET" and method != "HEAD":
            return None
        return _serve(state, spec, path, query, raw_query, base, items, rest, env_id)
    if method == "POST":
        try:
            doc = json.loads(body.decode("utf-8") or "null")
        except (ValueError, UnicodeDecodeError):
            doc = None
        if not isinstance(doc, dict) or not isinstance(doc.get("filter"), str):
            return p1errors.invalid_param("filter", "INVALID_VALUE", "The request body must "
                                          "be a JSON object with a 'filter' string.")
        query = dict(query, filter=doc["filter"])
    if query.get("filter") is None and query.get("cursor") is None:
        return p1errors.invalid_filter(scim_filter.missing_range("activities"))
    return _serve(state, spec, path, query, raw_query, base, items, [], env_id)


def handle_user_child(state, env, user, rest, path, query, raw_query):
    """/users/{id}/<child>[/{id}]; None if not ours."""
    spec = USER_SPECS.get(rest[0])
    if spec is None or len(rest) > 2:
        return None
    env_id = env.env_id
    base = "/v1/environments/%s/users/%s/%s" % (env_id, user["id"], rest[0])
    data = env.children.get("users/" + rest[0], {}).get(user["id"], [])
    user_link = {"user": {"href": "%s/v1/environments/%s/users/%s" % (
        state.base_url, env_id, user["id"])}}
    apps = {a["id"]: a for a in env.coll.get("applications", [])}

    def render(o, expand):
        """Child item with a user link; expand=applications embeds the application."""
        out = _render(state, base, o, env_id, user_link)
        if expand == "applications" and o.get("application", {}).get("id") in apps:
            app = apps[o["application"]["id"]]
            out["_embedded"] = {"application": _render(
                state, "/v1/environments/%s/applications" % env_id, app, env_id)}
        return out
    resolver = _consent_resolver if rest[0] == "oauthConsents" else None
    return _serve(state, spec, path, query, raw_query, base, data, rest[1:], env_id,
                  resolver=resolver, render=render)


def handle_group_child(state, env, group, rest, path, query, raw_query):
    """/groups/{id}/<child>[/{id}]; None if not ours."""
    spec = GROUP_SPECS.get(rest[0])
    if spec is None or len(rest) > 2:
        return None
    env_id = env.env_id
    base = "/v1/environments/%s/groups/%s/%s" % (env_id, group["id"], rest[0])
    data = env.children.get("groups/" + rest[0], {}).get(group["id"], [])
    return _serve(state, spec, path, query, raw_query, base, data, rest[1:], env_id)
