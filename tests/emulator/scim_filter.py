"""SCIM-like filter language of the PingOne management API (emulator side).

parse(text) turns a filter string into a small tree; check(tree, endpoint)
enforces the per-endpoint allow-list of pingone-api.md section 5.3;
compile_filter(text, endpoint) does both and returns a predicate
``pred(obj, groups_of) -> bool`` where groups_of(obj) returns the set of
group ids the object (a user) belongs to.  Every problem raises FilterError,
which carries what the emulator puts in the 400 INVALID_FILTER body.

Grammar (RFC 7644 section 3.4.2.2 subset):
    filter  := term ("or" term)*
    term    := factor ("and" factor)*
    factor  := "(" filter ")" | "not" "(" filter ")"
             | attr "[" filter "]" | attr "pr" | attr op value
             | attr "in" "[" value ("," value)* "]"     (audit activities, old docs)
    op      := eq ne co sw ew gt ge lt le        (keywords are case-insensitive)
    value   := "string with JSON escapes" | true | false | null | number

Per-endpoint rules (ALLOW) may also declare: "dates" (attributes compared as
ISO-8601 instants), "ci" (attribute names are case-insensitive), "range"
(a lower and an upper bound on one of these attributes is required, as on
/activities) and "booleans" (attributes that take true/false).  Attribute
values inside arrays match when any element matches (resources.id on
activities).  compile_filter() takes an optional resolver(obj, attr) that
returns the values of a computed attribute (or None for the JSON path).
"""

import datetime
import re

from dataset_extra import CUSTOM_STRING_ATTRIBUTES

COMPARE_OPS = ("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "in")


class FilterError(Exception):
    """A filter that is malformed or not supported by the endpoint."""

    def __init__(self, message, attributes=None, operators=None):
        """message: sentence for the user; attributes/operators: what is supported."""
        super().__init__(message)
        self.message = message
        self.supported_attributes = attributes or []
        self.supported_operators = operators or []


def _user_allow_list():
    """Return {attribute: set(operators)} for /environments/{id}/users."""
    name_parts = ["given", "family", "middle", "formatted",
                  "honorificPrefix", "honorificSuffix"]
    address_parts = ["streetAddress", "locality", "region", "postalCode",
                     "countryCode"]
    eq = (["id", "username", "email", "externalId", "population.id",
           "accountId", "mobilePhone", "primaryPhone", "nickname", "locale",
           "preferredLanguage", "timezone", "title", "type", "photo.href",
           "enabled", "startDate", "endDate"] +
          ["name." + p for p in name_parts] +
          ["address." + p for p in address_parts] + CUSTOM_STRING_ATTRIBUTES)
    sw = (["accountId", "email", "enabled", "externalId", "locale",
           "mobilePhone", "nickname", "photo.href", "preferredLanguage",
           "primaryPhone", "timezone", "title", "type", "username"] +
          ["name." + p for p in name_parts] +
          ["address." + p for p in address_parts] + CUSTOM_STRING_ATTRIBUTES)
    ew = ["email", "name.family", "name.given"]
    allow = {}
    for ops, attrs in (("eq", eq), ("sw", sw), ("ew", ew)):
        for a in attrs:
            allow.setdefault(a, set()).add(ops)
    return allow


#: endpoint -> {"attrs": {attr: ops}, "logical": ops, "members": {attr: {sub: ops}}}
ALLOW = {
    "users": {"attrs": _user_allow_list(), "logical": {"and", "or"},
              "members": {"memberOfGroups": {"id": {"eq"}}}},
    "populations": {"attrs": {"id": {"eq"}, "name": {"eq", "sw"}},
                    "logical": {"and", "or"}, "members": {}},
    "groups": {"attrs": {"id": {"eq"}, "name": {"eq"}, "population.id": {"eq"},
                         "externalId": {"eq"}},
               "logical": {"and", "or"}, "members": {}},
    "environments": {"attrs": {"name": {"sw"}, "id": {"eq"},
                               "organization.id": {"eq"}, "license.id": {"eq"},
                               "status": {"eq"}},
                     "logical": {"and"}, "members": {}},
    "organizations": {"attrs": {"name": {"sw"}}, "logical": {"and"}, "members": {}},
    "licenses": {"attrs": {"beginsAt": {"lt"}, "name": {"eq"}, "package": {"eq"},
                           "status": {"eq"}},
                 "logical": {"and"}, "members": {}, "dates": {"beginsAt"}},
    "customRoles": {"attrs": {"type": {"eq"}}, "logical": set(), "members": {}},
    "activities": {"attrs": {"recordedAt": {"ge", "gt", "le", "lt"},
                             "createdAt": {"gt", "lt"},
                             "correlationId": {"eq"}, "actors.client.id": {"eq"},
                             "actors.user.id": {"eq"}, "actors.user.name": {"eq"},
                             "resources.id": {"eq"}, "resources.type": {"eq", "in"},
                             "resources.population.id": {"eq"},
                             "action.type": {"eq", "in"}},
                   "logical": {"and", "or"}, "members": {}, "ci": True,
                   "dates": {"recordedAt", "createdAt"}, "range": ("recordedAt", "createdAt"),
                   "shapes": "activities"},
    "templates": {"attrs": {"createdAt": {"eq", "ne", "gt", "ge", "lt", "le"},
                            "updatedAt": {"eq", "ne", "gt", "ge", "lt", "le"},
                            "default": {"eq"}, "deliveryMethod": {"eq"},
                            "locale": {"eq", "sw"}},
                  "logical": {"and", "or"}, "members": {}, "dates": {"createdAt", "updatedAt"},
                  "booleans": {"default"}},
    "oauthConsents": {"attrs": {"application.id": {"eq"}, "application.name": {"eq"}},
                      "logical": set(), "members": {}},
}

#: endpoints that declare no filter at all: any filter is refused (pingone-api.md 5.3)
NO_FILTER_ENDPOINTS = (
    "memberOfGroups", "roles", "userRoleAssignments", "groupRoleAssignments",
    "applicationRoleAssignments", "groupNesting", "applications", "applicationAttributes",
    "signOnPolicyAssignments", "grants", "resources", "scopes", "resourceAttributes",
    "sessions", "agreementConsents", "agreements", "signOnPolicies", "signOnPolicyActions",
    "identityProviders", "identityProviderAttributes", "passwordPolicies", "schemas",
    "schemaAttributes", "devices", "gateways", "gatewayInstances", "customDomains",
    "certificates", "languages", "subscriptions", "templateContents")
for _name in NO_FILTER_ENDPOINTS:
    ALLOW.setdefault(_name, {"attrs": {}, "logical": set(), "members": {}})

#: attributes whose values are booleans (accept true/false or "true"/"false")
BOOLEAN_ATTRS = {"enabled"}

_ATTR_RE = re.compile(r"[A-Za-z][A-Za-z0-9_$-]*(?:\.[A-Za-z][A-Za-z0-9_$-]*)*$")
_NUM_RE = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f",
            "n": "\n", "r": "\r", "t": "\t"}


def _read_string(text, pos):
    """Decode the quoted string starting at text[pos] == '"'; return (value, end)."""
    out = []
    i = pos + 1
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"':
            return "".join(out), i + 1
        if c == "\\":
            if i + 1 >= n:
                break
            e = text[i + 1]
            if e in _ESCAPES:
                out.append(_ESCAPES[e])
                i += 2
                continue
            if e == "u":
                cp, i = _read_u_escape(text, i)
                out.append(chr(cp))
                continue
            raise FilterError("Invalid filter: unknown escape sequence '\\%s' at "
                              "position %d." % (e, i + 1))
        if ord(c) < 0x20:
            raise FilterError("Invalid filter: control character in a string at "
                              "position %d; escape it." % (i + 1))
        out.append(c)
        i += 1
    raise FilterError("Invalid filter: unterminated string starting at position %d."
                      % (pos + 1))


def _hex4(text, i):
    """Return the code unit of the \\uXXXX escape at text[i]."""
    digits = text[i + 2:i + 6]
    if len(digits) != 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
        raise FilterError("Invalid filter: bad \\u escape at position %d." % (i + 1))
    return int(digits, 16)


def _read_u_escape(text, i):
    """Decode \\uXXXX (with surrogate pairs) at text[i]; return (codepoint, next)."""
    unit = _hex4(text, i)
    if 0xDC00 <= unit <= 0xDFFF:
        raise FilterError("Invalid filter: lone low surrogate at position %d." % (i + 1))
    if 0xD800 <= unit <= 0xDBFF:
        if text[i + 6:i + 8] != "\\u":
            raise FilterError("Invalid filter: high surrogate without a low "
                              "surrogate at position %d." % (i + 1))
        low = _hex4(text, i + 6)
        if not 0xDC00 <= low <= 0xDFFF:
            raise FilterError("Invalid filter: invalid surrogate pair at "
                              "position %d." % (i + 1))
        return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00), i + 12
    return unit, i + 6


def tokenize(text):
    """Split text into tokens (kind, value, position); kinds: ( ) [ ] STR WORD NUM."""
    tokens = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in " \t\r\n":
            i += 1
        elif c in "()[],":
            tokens.append((c, c, i))
            i += 1
        elif c == '"':
            value, end = _read_string(text, i)
            tokens.append(("STR", value, i))
            i = end
        elif c == "-" or c.isdigit():
            m = _NUM_RE.match(text, i)
            if not m:
                raise FilterError("Invalid filter: unexpected '%s' at position %d."
                                  % (c, i + 1))
            tokens.append(("NUM", m.group(0), i))
            i = m.end()
        elif c.isalpha() and c.isascii():
            j = i
            while j < n and (text[j].isascii() and (text[j].isalnum() or text[j] in "._$-:")):
                j += 1
            tokens.append(("WORD", text[i:j], i))
            i = j
        else:
            raise FilterError("Invalid filter: unexpected character '%s' at position "
                              "%d." % (c, i + 1))
    return tokens


class _Parser:
    """Recursive-descent parser over the token list."""

    def __init__(self, text):
        """Tokenize text and position at the first token."""
        self.tokens = tokenize(text)
        self.i = 0

    def peek(self):
        """Return the current token or None at the end."""
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self):
        """Consume and return the current token."""
        tok = self.peek()
        self.i += 1
        return tok

    def fail(self, what):
        """Raise a syntax error naming what was expected and what was found."""
        tok = self.peek()
        found = "end of filter" if tok is None else "'%s' at position %d" % (tok[1], tok[2] + 1)
        raise FilterError("Invalid filter: expected %s but found %s." % (what, found))

    def is_word(self, word):
        """True if the current token is the keyword word (case-insensitive)."""
        tok = self.peek()
        return tok is not None and tok[0] == "WORD" and tok[1].lower() == word

    def parse_or(self):
        """filter := term ("or" term)*"""
        items = [self.parse_and()]
        while self.is_word("or"):
            self.take()
            items.append(self.parse_and())
        return items[0] if len(items) == 1 else ("or", items)

    def parse_and(self):
        """term := factor ("and" factor)*"""
        items = [self.parse_factor()]
        while self.is_word("and"):
            self.take()
            items.append(self.parse_factor())
        return items[0] if len(items) == 1 else ("and", items)

    def expect(self, kind, what):
        """Consume a token of kind or raise a syntax error."""
        tok = self.peek()
        if tok is None or tok[0] != kind:
            self.fail(what)
        return self.take()

    def parse_factor(self):
        """factor := ( filter ) | not ( filter ) | attr [ filter ] | attr pr | attr op value"""
        tok = self.peek()
        if tok is None:
            self.fail("an expression")
        if tok[0] == "(":
            self.take()
            inner = self.parse_or()
            self.expect(")", "')'")
            return inner
        if tok[0] != "WORD":
            self.fail("an attribute name")
        if tok[1].lower() == "not" and self.i + 1 < len(self.tokens) \
                and self.tokens[self.i + 1][0] == "(":
            self.take()
            self.take()
            inner = self.parse_or()
            self.expect(")", "')'")
            return ("not", inner)
        attr = self.take()[1]
        if not _ATTR_RE.match(attr):
            raise FilterError("Invalid filter: '%s' is not a valid attribute name." % attr)
        nxt = self.peek()
        if nxt is not None and nxt[0] == "[":
            self.take()
            inner = self.parse_or()
            self.expect("]", "']'")
            return ("member", attr, inner)
        op_tok = self.expect("WORD", "an operator after '%s'" % attr)
        op = op_tok[1].lower()
        if op == "pr":
            return ("pr", attr)
        if op == "in":
            return ("cmp", attr, "in", self.parse_list(attr))
        if op not in COMPARE_OPS:
            raise FilterError("Invalid filter: unknown operator '%s' at position %d."
                              % (op_tok[1], op_tok[2] + 1))
        val = self.take()
        if val is None:
            self.fail("a value after '%s %s'" % (attr, op))
        if val[0] == "STR":
            value = val[1]
        elif val[0] == "NUM":
            value = float(val[1]) if any(c in val[1] for c in ".eE") else int(val[1])
        elif val[0] == "WORD" and val[1].lower() in ("true", "false", "null"):
            value = {"true": True, "false": False, "null": None}[val[1].lower()]
        else:
            self.i -= 1
            self.fail("a quoted value after '%s %s'" % (attr, op))
        return ("cmp", attr, op, value)

    def parse_list(self, attr):
        """[ "v1", "v2", ... ] after 'attr in'; return the list of strings."""
        self.expect("[", "'[' after '%s in'" % attr)
        values = [self.expect("STR", "a quoted value in the 'in' list")[1]]
        while self.peek() is not None and self.peek()[0] == ",":
            self.take()
            values.append(self.expect("STR", "a quoted value after ','")[1])
        self.expect("]", "']' closing the 'in' list")
        return values


def parse(text):
    """Parse filter text into a tree; raise FilterError on a syntax error."""
    if text is None or not text.strip():
        raise FilterError("Invalid filter: the filter is empty.")
    p = _Parser(text)
    tree = p.parse_or()
    if p.peek() is not None:
        p.fail("'and', 'or' or the end of the filter")
    return tree


def _endpoint_ops(rules):
    """All comparison operators any attribute of the endpoint supports."""
    ops = set()
    for s in rules["attrs"].values():
        ops |= s
    for subs in rules["members"].values():
        for s in subs.values():
            ops |= s
    return ops


def _unsupported(endpoint, rules, message, attr=None):
    """Build the FilterError for an unsupported construct on endpoint."""
    attrs = sorted(rules["attrs"]) + sorted("%s[%s]" % (m, s) for m, subs in
                                            rules["members"].items() for s in subs)
    if attr is not None and attr in rules["attrs"]:
        ops = sorted(rules["attrs"][attr])
    else:
        ops = sorted(_endpoint_ops(rules))
    return FilterError(message, attrs, ops + sorted(rules["logical"]))


def check(tree, endpoint):
    """Raise FilterError unless every part of tree is allowed on endpoint.

    Returns the tree with attribute names made canonical (endpoints whose
    attribute names are case-insensitive).
    """
    rules = ALLOW[endpoint]
    if not rules["attrs"] and not rules["members"]:
        raise _unsupported(endpoint, rules, "Unsupported filter: filtering is not "
                           "supported on %s." % endpoint)
    if rules.get("ci"):
        tree = _canonical(tree, {a.lower(): a for a in rules["attrs"]})
    _check(tree, endpoint, rules, None)
    if rules.get("shapes") == "activities":
        check_activity_shape(tree, endpoint, rules)
    elif rules.get("range"):
        _check_range(tree, endpoint, rules)
    return tree


def _canonical(node, names):
    """Copy of node with attribute names replaced by their canonical spelling."""
    kind = node[0]
    if kind in ("and", "or"):
        return (kind, [_canonical(c, names) for c in node[1]])
    if kind == "not":
        return ("not", _canonical(node[1], names))
    if kind in ("cmp", "pr", "member"):
        return (kind, names.get(node[1].lower(), node[1])) + tuple(node[2:])
    return node


def _check_range(tree, endpoint, rules):
    """Require a lower (gt/ge) and an upper (lt/le) bound ANDed at the top level."""
    terms = tree[1] if tree[0] == "and" else [tree]
    lower = upper = False
    for t in terms:
        if t[0] == "cmp" and t[1] in rules["range"]:
            lower = lower or t[2] in ("gt", "ge")
            upper = upper or t[2] in ("lt", "le")
    if not (lower and upper):
        raise missing_range(endpoint)


def missing_range(endpoint):
    """The FilterError for a request to a range-required endpoint without a range."""
    rules = ALLOW[endpoint]
    return _unsupported(endpoint, rules, "A date range is required on %s: the filter must "
                        "include both a lower bound (gt or ge) and an upper bound (lt or le) "
                        "on %s, joined with 'and', e.g. recordedAt gt "
                        "\"2024-01-01T00:00:00Z\" and recordedAt lt \"2024-01-08T00:00:00Z\"."
                        % (endpoint, " or ".join(rules["range"])))


#: /activities: the group of each non-date attribute (pingone-api.md 5.3, "Notes on
#: /activities"); correlationId is a group of its own (INFER, tests/emulator/README.md)
ACTIVITY_GROUPS = {
    "resources.population.id": "population",
    "actors.client.id": "actor", "actors.user.id": "actor", "actors.user.name": "actor",
    "action.type": "action type",
    "resources.id": "resource ID",
    "resources.type": "resource type",
    "correlationId": "correlation ID",
}

#: the sets of groups allowed besides the date range (at most one term per group)
ACTIVITY_SHAPES = (
    frozenset(), frozenset({"population"}),
    frozenset({"actor"}), frozenset({"actor", "population"}),
    frozenset({"action type"}), frozenset({"action type", "population"}),
    frozenset({"resource ID"}),
    frozenset({"resource type"}), frozenset({"resource type", "population"}),
    frozenset({"correlation ID"}),
)

_SHAPES_TEXT = ("besides the date range, /activities accepts one of: population "
                "(resources.population.id); actor (actors.client.id, actors.user.id or "
                "actors.user.name), optionally with population; action type (action.type), "
                "optionally with population; resource ID (resources.id); resource type "
                "(resources.type), optionally with population; correlation ID (correlationId)")


def _and_terms(node):
    """The terms ANDed at the top of node (nested ANDs and parentheses flattened)."""
    if node[0] == "and":
        out = []
        for child in node[1]:
            out.extend(_and_terms(child))
        return out
    return [node]


def _or_leaves(node):
    """The leaves ORed in node (nested ORs flattened); an AND inside yields itself."""
    if node[0] == "or":
        out = []
        for child in node[1]:
            out.extend(_or_leaves(child))
        return out
    return [node]


def _term_attr(term, endpoint, rules):
    """Attribute of one top-level term: a comparison, or an `or` of eq/in on one attribute."""
    if term[0] == "cmp":
        return term[1]
    leaves = _or_leaves(term)
    attrs = {leaf[1] for leaf in leaves if leaf[0] == "cmp"}
    if attrs & set(rules["range"]):
        raise _unsupported(endpoint, rules, "Unsupported filter: the date range on %s must be "
                           "joined with 'and', not 'or'." % endpoint)
    if len(attrs) != 1 or any(leaf[0] != "cmp" or leaf[2] not in ("eq", "in")
                              for leaf in leaves):
        raise _unsupported(endpoint, rules, "Unsupported filter: on %s 'or' may only join "
                           "eq (or in) comparisons of one attribute, such as action.type eq "
                           "\"A\" or action.type eq \"B\"; %s." % (endpoint, _SHAPES_TEXT))
    return attrs.pop()


def check_activity_shape(tree, endpoint, rules):
    """Raise FilterError unless tree is a documented /activities shape.

    The top-level terms (joined with `and`) must be one lower bound (gt/ge)
    and one upper bound (lt/le) on one date attribute, plus at most one
    term of each group in one of ACTIVITY_SHAPES; an `or` of eq comparisons
    of one attribute, or an `in`, counts as one term.
    """
    bounds = {}
    groups = {}
    for term in _and_terms(tree):
        attr = _term_attr(term, endpoint, rules)
        if attr in rules["range"]:
            side = "lower" if term[2] in ("gt", "ge") else "upper"
            if side in bounds or any(a != attr for a in bounds.values()):
                raise _unsupported(endpoint, rules, "Unsupported filter: the date range on "
                                   "%s is one lower bound (gt or ge) and one upper bound (lt "
                                   "or le) on one attribute, either recordedAt or createdAt."
                                   % endpoint, attr)
            bounds[side] = attr
            continue
        group = ACTIVITY_GROUPS[attr]
        if group in groups:
            raise _unsupported(endpoint, rules, "Unsupported filter: %s and %s are two %s "
                               "terms; %s." % (groups[group], attr, group, _SHAPES_TEXT), attr)
        groups[group] = attr
    if len(bounds) != 2:
        raise missing_range(endpoint)
    if frozenset(groups) not in ACTIVITY_SHAPES:
        raise _unsupported(endpoint, rules, "Unsupported filter: this filter combines %s; %s."
                           % (" and ".join(sorted(groups)), _SHAPES_TEXT))


def requires_filter(endpoint):
    """True when a request without any filter must be refused (a range is required)."""
    return bool(ALLOW[endpoint].get("range"))


def _check(node, endpoint, rules, member):
    """Recursive allow-list check; member is the enclosing bracket attribute."""
    kind = node[0]
    if kind in ("and", "or"):
        if kind not in rules["logical"]:
            raise _unsupported(endpoint, rules, "Unsupported filter: the logical "
                               "operator '%s' is not supported on %s." % (kind, endpoint))
        for child in node[1]:
            _check(child, endpoint, rules, member)
        return
    if kind == "not":
        raise _unsupported(endpoint, rules, "Unsupported filter: the operator 'not' "
                           "is not supported on %s." % endpoint)
    if kind == "member":
        attr = node[1]
        if member is not None or attr not in rules["members"]:
            raise _unsupported(endpoint, rules, "Unsupported filter: '%s[...]' is not "
                               "supported on %s." % (attr, endpoint))
        inner = node[2]
        subs = rules["members"][attr]
        if inner[0] != "cmp" or inner[1] not in subs or inner[2] not in subs[inner[1]]:
            raise _unsupported(endpoint, rules, "Unsupported filter: inside '%s[...]' "
                               "only %s is supported on %s." % (
                                   attr, " or ".join("%s %s" % (s, o) for s in subs
                                                     for o in sorted(subs[s])), endpoint))
        if not isinstance(inner[3], str):
            raise FilterError("Invalid filter: the value of %s[%s %s] must be a quoted "
                              "string." % (attr, inner[1], inner[2]))
        return
    attr = node[1]
    op = "pr" if kind == "pr" else node[2]
    if attr not in rules["attrs"]:
        raise _unsupported(endpoint, rules, "Unsupported filter: the attribute '%s' "
                           "cannot be used in a filter on %s." % (attr, endpoint), attr)
    if op not in rules["attrs"][attr]:
        raise _unsupported(endpoint, rules, "Unsupported filter: the operator '%s' is "
                           "not supported for the attribute '%s' on %s." % (op, attr, endpoint),
                           attr)
    value = node[3]
    if op == "in":
        return
    if attr in rules.get("dates", ()):
        if not isinstance(value, str) or parse_instant(value) is None:
            raise FilterError("Invalid filter: the value compared with '%s' must be a quoted "
                              "ISO-8601 date-time such as \"2024-01-31T00:00:00Z\"." % attr)
        return
    if (attr in BOOLEAN_ATTRS or attr in rules.get("booleans", ())) and op == "eq":
        if isinstance(value, bool) or (isinstance(value, str) and
                                       value.lower() in ("true", "false")):
            return
        raise FilterError("Invalid filter: the value of '%s' must be true or false." % attr)
    if not isinstance(value, str):
        raise FilterError("Invalid filter: the value compared with '%s' must be a "
                          "quoted string." % attr)


def get_path(obj, path):
    """Return the value at dotted path in obj, or None if any part is absent."""
    cur = obj
    for part in path.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def get_values(obj, path):
    """Every value at dotted path in obj, descending into arrays; [] if absent."""
    cur = [obj]
    for part in path.split("."):
        nxt = []
        for c in cur:
            if isinstance(c, list):
                c_items = c
            else:
                c_items = [c]
            for x in c_items:
                if isinstance(x, dict) and part in x:
                    nxt.append(x[part])
        cur = nxt
    out = []
    for c in cur:
        out.extend(c if isinstance(c, list) else [c])
    return out


_INSTANT_RE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?"
                         r"(Z|[+-]\d\d:\d\d)?)?$")


def parse_instant(text):
    """An aware datetime for an ISO-8601 date or date-time (UTC when no offset), or None."""
    m = _INSTANT_RE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    y, mo, d, h, mi, sec, frac, tz = m.groups()
    try:
        dt = datetime.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0),
                               int(sec or 0), int((frac or "0").ljust(6, "0")[:6]),
                               tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    if tz and tz != "Z":
        sign = 1 if tz[0] == "+" else -1
        dt -= sign * datetime.timedelta(hours=int(tz[1:3]), minutes=int(tz[4:6]))
    return dt


def _text(value):
    """Lower-cased text form of a JSON scalar for case-insensitive matching."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return str(value).lower()
    return None


def _compare(actual, op, wanted):
    """Apply comparison op (case-insensitive on strings) to actual vs wanted."""
    if actual is None or isinstance(actual, (dict, list)):
        return False
    a, w = _text(actual), _text(wanted)
    if a is None or w is None:
        return False
    if op == "eq":
        return a == w
    if op == "ne":
        return a != w
    if op == "sw":
        return a.startswith(w)
    if op == "ew":
        return a.endswith(w)
    if op == "co":
        return w in a
    return {"gt": a > w, "ge": a >= w, "lt": a < w, "le": a <= w}[op]


def _compare_dates(actual, op, wanted):
    """Compare two ISO-8601 instants with op; False when actual is not a date."""
    a, w = parse_instant(actual), parse_instant(wanted)
    if a is None or w is None:
        return False
    return {"eq": a == w, "ne": a != w, "gt": a > w, "ge": a >= w, "lt": a < w,
            "le": a <= w}[op]


def evaluate(node, obj, groups_of, ctx=None):
    """True when obj matches the (already checked) tree node.

    ctx: (rules, resolver) for date attributes, array paths and computed
    attributes; None keeps the plain single-value behaviour.
    """
    kind = node[0]
    if kind == "and":
        return all(evaluate(c, obj, groups_of, ctx) for c in node[1])
    if kind == "or":
        return any(evaluate(c, obj, groups_of, ctx) for c in node[1])
    if kind == "not":
        return not evaluate(node[1], obj, groups_of, ctx)
    if kind == "pr":
        return get_path(obj, node[1]) is not None
    if kind == "member":
        inner = node[2]
        wanted = _text(inner[3])
        return any(_compare(gid, inner[2], wanted) for gid in groups_of(obj))
    attr, op, wanted = node[1], node[2], node[3]
    if ctx is None:
        return _compare(get_path(obj, attr), op, wanted)
    rules, resolver = ctx
    values = resolver(obj, attr) if resolver else None
    if values is None:
        values = get_values(obj, attr)
    if op == "in":
        return any(_compare(v, "eq", w) for v in values for w in wanted)
    if attr in rules.get("dates", ()):
        return any(_compare_dates(v, op, wanted) for v in values)
    return any(_compare(v, op, wanted) for v in values)


def compile_filter(text, endpoint, resolver=None):
    """Parse and check text for endpoint; return pred(obj, groups_of) -> bool.

    resolver(obj, attr) -> list of values or None (use the JSON path).
    """
    tree = check(parse(text), endpoint)
    rules = ALLOW[endpoint]
    ctx = None
    if resolver or rules.get("dates") or endpoint not in ("users", "groups", "populations",
                                                          "environments", "organizations"):
        ctx = (rules, resolver)
    return lambda obj, groups_of: evaluate(tree, obj, groups_of, ctx)
