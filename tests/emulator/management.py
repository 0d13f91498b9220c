"""Read-only PingOne management API (/v1/...) served from the dataset.

handle_management(state, method, path, query, raw_query, body) returns
(status, body); authentication is checked by the caller.  Implements environments, organizations,
users, populations, groups and users/{id}/memberOfGroups with cursor paging,
SCIM filters and PingOne's error bodies; every other resource (applications,
roles, activities, ...) is served by resources.py through the same
list_collection().
"""

import re
from urllib.parse import urlencode

import p1errors
import resources
import scim_filter
from paging import page_size

#: collection name -> (default page size, maximum page size)
LIMITS = {"users": (100, 1000), "groups": (1000, 1000), "populations": (250, 1000),
          "environments": (1000, 5000), "memberOfGroups": (100, 1000),
          "organizations": (100, 1000)}
LIMITS.update(resources.LIMITS)


def _href(state, path):
    """{"href": absolute URL of path}."""
    return {"href": state.base_url + path}


def _with_links(item, links):
    """Return a copy of item with _links first."""
    out = {"_links": links}
    out.update(item)
    return out


def render_environment(state, env):
    """Environment JSON with _links."""
    base = "/v1/environments/" + env["id"]
    return _with_links(env, {"self": _href(state, base),
                             "organization": _href(state, "/v1/organizations/" + dataset_org(state)),
                             "license": _href(state, "/v1/organizations/%s/licenses/%s" % (
                                 dataset_org(state), env["license"]["id"])),
                             "populations": _href(state, base + "/populations"),
                             "users": _href(state, base + "/users")})


def dataset_org(state):
    """The organization id of the tenant."""
    return state.tenant.organization["id"]


def render_user(state, user, expand_population=False):
    """User JSON with _links (and _embedded.population when expanded)."""
    env_id = user["environment"]["id"]
    base = "/v1/environments/%s/users/%s" % (env_id, user["id"])
    out = _with_links(user, {
        "self": _href(state, base),
        "environment": _href(state, "/v1/environments/" + env_id),
        "population": _href(state, "/v1/environments/%s/populations/%s" % (
            env_id, user["population"]["id"])),
        "memberOfGroups": _href(state, base + "/memberOfGroups")})
    if expand_population:
        pop = state.tenant.envs[env_id].population_by_id[user["population"]["id"]]
        out["_embedded"] = {"population": render_population(state, pop)}
    return out


def render_population(state, pop):
    """Population JSON with _links."""
    env_id = pop["environment"]["id"]
    return _with_links(pop, {
        "self": _href(state, "/v1/environments/%s/populations/%s" % (env_id, pop["id"])),
        "environment": _href(state, "/v1/environments/" + env_id)})


def render_group(state, group):
    """Group JSON with _links."""
    env_id = group["environment"]["id"]
    links = {"self": _href(state, "/v1/environments/%s/groups/%s" % (env_id, group["id"])),
             "environment": _href(state, "/v1/environments/" + env_id)}
    if "population" in group:
        links["population"] = _href(state, "/v1/environments/%s/populations/%s" % (
            env_id, group["population"]["id"]))
    return _with_links(group, links)


def render_membership(state, env_id, user_id, item, expand_group=False):
    """memberOfGroups item {id, name, type, environment} with _links."""
    base = "/v1/environments/%s/users/%s/memberOfGroups/%s" % (env_id, user_id, item["id"])
    out = {"_links": {"self": _href(state, base),
                      "group": _href(state, "/v1/environments/%s/groups/%s" % (env_id, item["id"])),
                      "user": _href(state, "/v1/environments/%s/users/%s" % (env_id, user_id))},
           "id": item["id"], "name": item["name"], "type": item["type"],
           "environment": {"id": env_id}}
    if expand_group:
        group = state.tenant.envs[env_id].group_by_id[item["id"]]
        out["_embedded"] = {"group": render_group(state, group)}
    return out


def _parse_limit(query, collection, cursor_limit):
    """Return (limit, None) or (None, error reply) for the limit parameter."""
    default, maximum = LIMITS[collection]
    raw = query.get("limit")
    if raw is None:
        return (cursor_limit if cursor_limit is not None else default), None
    if not re.fullmatch(r"[0-9]+", raw):
        return None, p1errors.invalid_param(
            "limit", "INVALID_VALUE", "The limit parameter must be an integer between 1 and "
            "%d, not '%s'." % (maximum, raw),
            {"rangeMinimumValue": 1, "rangeMaximumValue": maximum})
    limit = int(raw)
    if not 1 <= limit <= maximum:
        return None, p1errors.invalid_param(
            "limit", "OUT_OF_RANGE", "The limit parameter must be between 1 and %d; got %d."
            % (maximum, limit), {"rangeMinimumValue": 1, "rangeMaximumValue": maximum})
    return limit, None


def parse_expand(query, allowed):
    """Return (expand value or None, None) or (None, error reply)."""
    raw = query.get("expand")
    if raw is None or raw == "":
        return None, None
    if raw not in allowed:
        return None, p1errors.invalid_param(
            "expand", "INVALID_VALUE", "The expand parameter value '%s' is not supported "
            "here%s." % (raw, "; use " + " or ".join(sorted(allowed)) if allowed else ""),
            {"allowedValues": sorted(allowed)})
    return raw, None


def _parse_order(query, allowed):
    """Return (order value or None, None) or (None, error reply)."""
    raw = query.get("order")
    if raw is None or raw == "":
        return None, None
    if raw not in allowed:
        return None, p1errors.invalid_param(
            "order", "INVALID_VALUE", "The order parameter value '%s' is not supported "
            "here%s." % (raw, "; use " + " or ".join(allowed) if allowed else ""),
            {"allowedValues": list(allowed)})
    return raw, None


def list_collection(state, path, query, raw_query, collection, key, items, render,
                    groups_of=None, expand_allowed=(), resolver=None, orders=()):
    """Serve one page of items as a PingOne collection envelope.

    path: request path (also the cursor's scope); collection: name used for
    limits and the filter allow-list; key: the _embedded key; render(item,
    expand) -> JSON dict; resolver: computed filter attributes (see
    scim_filter.compile_filter); orders: allowed order values ("-x" is
    descending on x).  Returns (status, body).
    """
    cursor_raw = query.get("cursor")
    page_no, offset, cursor_limit = 0, 0, None
    flt = query.get("filter")
    expand, err = parse_expand(query, set(expand_allowed))
    if err:
        return err
    order, err = _parse_order(query, orders)
    if err:
        return err
    if cursor_raw is not None:
        try:
            st = state.codec.decode(cursor_raw)
            if st.get("c") != path:
                raise ValueError("cursor for another collection")
            page_no, offset, cursor_limit = int(st["n"]), int(st["o"]), int(st["l"])
            if page_no < 0 or offset < 0:
                raise ValueError("negative offset")
        except (ValueError, KeyError, TypeError):
            return p1errors.invalid_param(
                "cursor", "INVALID_VALUE", "The cursor is not valid for this collection; "
                "use the _links.next.href of the previous page unchanged.")
        if flt is not None and flt != st.get("f"):
            return p1errors.invalid_param(
                "filter", "INVALID_VALUE", "The filter cannot change while paging with a "
                "cursor; start again without the cursor.")
        flt = st.get("f")
        if expand is None:
            expand = st.get("x")
        if order is None:
            order = st.get("s")
    limit, err = _parse_limit(query, collection, cursor_limit)
    if err:
        return err
    matches = items
    if flt is None and scim_filter.requires_filter(collection):
        return p1errors.invalid_filter(scim_filter.missing_range(collection))
    if flt is not None:
        try:
            pred = scim_filter.compile_filter(flt, collection, resolver)
        except scim_filter.FilterError as exc:
            return p1errors.invalid_filter(exc)
        lookup = groups_of or (lambda obj: ())
        matches = [o for o in items if pred(o, lookup)]
    if order:
        field = order.lstrip("-")
        matches = sorted(matches, key=lambda o: str(o.get(field, "")),
                         reverse=order.startswith("-"))
    links = {"self": {"href": state.base_url + path + ("?" + raw_query if raw_query else "")}}
    fault = state.take_page_fault(path, page_no)
    if fault is not None:
        return 200, _withheld_page(state, path, links, fault, matches, offset, page_no, limit,
                                   flt, expand, order)
    n = page_size(limit, page_no, offset, state.get_config("shortPages"))
    page = matches[offset:offset + n]
    end = offset + len(page)
    if end < len(matches):
        cursor = state.codec.encode({"c": path, "o": end, "n": page_no + 1, "l": limit,
                                     "f": flt, "x": expand, "s": order})
        links["next"] = {"href": "%s%s?%s" % (state.base_url, path,
                                              urlencode([("cursor", cursor), ("limit", limit)]))}
    return 200, {"_links": links, "_embedded": {key: [render(o, expand) for o in page]},
                 "count": len(matches), "size": len(page)}


def _withheld_page(state, path, links, fault, matches, offset, page_no, limit, flt, expand,
                   order):
    """A page with no items for a /__emulator/pages fault (test-only, not PingOne behaviour).

    The page has no `_embedded` object (omit "embedded") or an empty one (omit
    "key"); `count` is still the total and `size` is 0. When items remain at
    offset, `next` leads to a page starting at the same offset, so the items
    this page withheld come on the next one and nothing is lost.
    """
    if offset < len(matches):
        cursor = state.codec.encode({"c": path, "o": offset, "n": page_no + 1, "l": limit,
                                     "f": flt, "x": expand, "s": order})
        links["next"] = {"href": "%s%s?%s" % (state.base_url, path,
                                              urlencode([("cursor", cursor), ("limit", limit)]))}
    body = {"_links": links}
    if fault["omit"] == "key":
        body["_embedded"] = {}
    body.update(count=len(matches), size=0)
    return body


def _include_values(query):
    """The comma-separated include parameter as a set."""
    raw = query.get("include") or ""
    return {v.strip() for v in raw.split(",") if v.strip()}


def _users(state, env, path, query, raw_query, rest):
    """/environments/{env}/users[/{id}[/memberOfGroups[/{groupId}]]]"""
    env_id = env.env_id
    if not rest:
        return list_collection(
            state, path, query, raw_query, "users", "users", env.users,
            lambda u, x: render_user(state, u, x == "population"),
            groups_of=lambda u: state.user_groups.get(u["id"], ()),
            expand_allowed=("population",))
    user = env.user_by_id.get(rest[0])
    if user is None:
        return p1errors.not_found("user %s in environment %s" % (rest[0], env_id))
    if len(rest) == 1:
        include = _include_values(query)
        bad = include - {"memberOfGroupIDs", "memberOfGroupNames"}
        if bad:
            return p1errors.invalid_param("include", "INVALID_VALUE",
                                          "Unsupported include value(s): %s." % ", ".join(sorted(bad)),
                                          {"allowedValues": ["memberOfGroupIDs",
                                                             "memberOfGroupNames"]})
        out = render_user(state, user, False)
        items = state.tenant.memberships.get(user["id"], [])
        if "memberOfGroupIDs" in include:
            out["memberOfGroupIDs"] = [m["id"] for m in items]
        if "memberOfGroupNames" in include:
            out["memberOfGroupNames"] = [m["name"] for m in items]
        return 200, out
    if rest[1] != "memberOfGroups":
        reply = resources.handle_user_child(state, env, user, rest[1:], path, query, raw_query)
        return reply or p1errors.not_found("resource %s" % path)
    if len(rest) > 3:
        return p1errors.not_found("resource %s" % path)
    items = state.tenant.memberships.get(user["id"], [])
    if len(rest) == 2:
        return list_collection(
            state, path, query, raw_query, "memberOfGroups", "groupMemberships", items,
            lambda m, x: render_membership(state, env_id, user["id"], m, x == "group"),
            expand_allowed=("group",))
    for m in items:
        if m["id"] == rest[2]:
            expand, err = parse_expand(query, {"group"})
            if err:
                return err
            return 200, render_membership(state, env_id, user["id"], m, expand == "group")
    return p1errors.not_found("group membership %s for user %s" % (rest[2], user["id"]))


def _simple(state, path, query, raw_query, rest, collection, items, by_id, render, what):
    """List or single-item GET for populations and groups."""
    if not rest:
        return list_collection(state, path, query, raw_query, collection, collection,
                               items, lambda o, x: render(o))
    if len(rest) > 1 or rest[0] not in by_id:
        return p1errors.not_found("%s %s" % (what, "/".join(rest)))
    return 200, render(by_id[rest[0]])


def _group_item(state, group, query):
    """Single group, with totalMemberCounts when include=totalMemberCounts."""
    include = _include_values(query)
    bad = include - {"totalMemberCounts"}
    if bad:
        return p1errors.invalid_param("include", "INVALID_VALUE",
                                      "Unsupported include value(s): %s." % ", ".join(sorted(bad)),
                                      {"allowedValues": ["totalMemberCounts"]})
    out = render_group(state, group)
    if include:
        out["totalMemberCounts"] = {"users": state.total_members.get(group["id"], 0)}
    return 200, out


def _environment_scope(state, env_id, path, query, raw_query, rest, method="GET", body=b""):
    """Everything under /v1/environments/{env_id}."""
    tenant = state.tenant
    env_json = tenant.environment(env_id)
    if not rest:
        if env_json is None:
            return p1errors.not_found("environment %s" % env_id)
        return 200, render_environment(state, env_json)
    if env_json is None:
        return p1errors.env_forbidden(env_id)
    env = tenant.envs[env_id]
    if rest[0] == "users":
        return _users(state, env, path, query, raw_query, rest[1:])
    if rest[0] == "populations":
        return _simple(state, path, query, raw_query, rest[1:], "populations",
                       env.populations, env.population_by_id,
                       lambda p: render_population(state, p), "population")
    if rest[0] == "groups":
        if len(rest) == 2 and rest[1] in env.group_by_id:
            return _group_item(state, env.group_by_id[rest[1]], query)
        if len(rest) >= 3:
            group = env.group_by_id.get(rest[1])
            if group is None:
                return p1errors.not_found("group %s in environment %s" % (rest[1], env_id))
            reply = resources.handle_group_child(state, env, group, rest[2:], path, query,
                                                 raw_query)
            return reply or p1errors.not_found("resource %s" % path)
        return _simple(state, path, query, raw_query, rest[1:], "groups", env.groups,
                       env.group_by_id, lambda g: render_group(state, g), "group")
    reply = resources.handle_env_resource(state, env, rest, path, query, raw_query,
                                          method, body)
    return reply or p1errors.not_found("resource %s" % path)


def handle_management(state, method, path, query, raw_query, body=b""):
    """Route one authenticated /v1 request; return (status, body).

    POST is accepted only on /environments/{env}/activities (filter in a JSON body).
    """
    if method not in ("GET", "HEAD") and not (method == "POST" and
                                              path.rstrip("/").endswith("/activities")):
        return p1errors.p1_error(405, "METHOD_NOT_ALLOWED", "The request could not be "
                                 "completed. The emulator only serves GET requests "
                                 "(and POST on /activities).")
    parts = path.split("/")[2:]
    if parts and parts[0] == "roles":
        reply = resources.handle_platform_roles(state, parts[1:], path, query, raw_query)
        return reply or p1errors.not_found("resource %s" % path)
    if parts and parts[0] == "environments":
        if len(parts) == 1:
            return list_collection(state, path, query, raw_query, "environments",
                                   "environments", state.tenant.environments,
                                   lambda e, x: render_environment(state, e))
        if parts[1] == "":
            return p1errors.not_found("resource %s" % path)
        return _environment_scope(state, parts[1], path, query, raw_query, parts[2:],
                                  method, body)
    if parts and parts[0] == "organizations":
        org = state.tenant.organization
        render = lambda o, x=None: _with_links(o, {"self": _href(state, "/v1/organizations/" + o["id"])})
        if len(parts) == 1:
            return list_collection(state, path, query, raw_query, "organizations",
                                   "organizations", [org], render)
        if len(parts) == 2 and parts[1] == org["id"]:
            return 200, render(org)
        if len(parts) >= 3 and parts[1] == org["id"] and parts[2] == "licenses":
            reply = resources.handle_org_licenses(state, org["id"], parts[3:], path, query,
                                                  raw_query)
            return reply or p1errors.not_found("resource %s" % path)
        if len(parts) >= 2:
            return p1errors.p1_error(403, "ACCESS_FAILED", "The request could not be "
                                     "completed. You do not have access to this resource.",
                                     [{"code": "INSUFFICIENT_PERMISSIONS",
                                       "message": "Not authorized for organization %s." % parts[1]}])
    return p1errors.not_found("resource %s" % path)
