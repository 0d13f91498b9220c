#!/usr/bin/python3
"""TAP tests of the /activities filter shapes (scim_filter.check_activity_shape):
the date range AND-ed with at most one documented group (pingone-api.md 5.3,
"Notes on /activities"), each accepted shape and many refused ones, checked
directly on the filter module (no emulator process), then a few through
HTTP to see the 400 INVALID_FILTER body."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dataset as ds  # noqa: E402
import scim_filter  # noqa: E402
from emutest import EmulatorProcess, Tap  # noqa: E402

R = 'recordedAt gt "2024-01-01T00:00:00Z" and recordedAt lt "2024-01-08T00:00:00Z"'
C = 'createdAt gt "2024-01-01T00:00:00Z" and createdAt lt "2024-01-08T00:00:00Z"'
POP = 'resources.population.id eq "p1"'

#: (filter, what it shows) accepted on /activities
ACCEPTED = [
    (R, "date range alone (recordedAt gt/lt)"),
    (C, "date range alone (createdAt gt/lt)"),
    ('recordedAt ge "2024-01-01" and recordedAt le "2024-01-08"', "recordedAt ge/le"),
    ('recordedat GE "2024-01-01" AND RECORDEDAT le "2024-01-08"', "case-insensitive names, AND"),
    ('recordedAt lt "2024-01-08" and recordedAt gt "2024-01-01"', "upper bound first"),
    (R + " and " + POP, "population"),
    (R + ' and actors.client.id eq "c1"', "actor: client"),
    (R + ' and actors.user.id eq "u1"', "actor: user id"),
    (R + ' and actors.user.name eq "alice"', "actor: user name"),
    (R + ' and actors.user.id eq "u1" and ' + POP, "actor with population"),
    (POP + " and " + R + ' and actors.client.id eq "c1"', "population first, range between"),
    (R + ' and action.type eq "USER.CREATED"', "action type"),
    (R + ' and action.type in ["USER.CREATED", "USER.UPDATED"]', "action type in [...]"),
    (R + ' and (action.type eq "USER.CREATED" or action.type eq "USER.UPDATED")',
     "action type or-chain on one attribute"),
    (R + ' and (action.type eq "A" or (action.type eq "B" or action.type in ["C"]))',
     "nested or-chain with in on one attribute"),
    (R + ' and action.type eq "USER.CREATED" and ' + POP, "action type with population"),
    (R + ' and resources.id eq "r1"', "resource ID"),
    (R + ' and (resources.id eq "r1" or resources.id eq "r2")', "resource ID or-chain"),
    (R + ' and resources.type eq "USER"', "resource type"),
    (R + ' and resources.type in ["USER", "GROUP"] and ' + POP, "resource type in, population"),
    (R + ' and correlationId eq "c-1"', "correlation ID (INFER: a term of its own)"),
    (C + ' and actors.user.name eq "bob" and ' + POP, "createdAt range with actor, population"),
    ('(recordedAt gt "2024-01-01" and (action.type eq "A")) and recordedAt lt "2024-01-02"',
     "parenthesised ANDs are flattened"),
]

#: (filter, what it shows) refused with INVALID_FILTER on /activities
REFUSED = [
    ('recordedAt gt "2024-01-01"', "lower bound only"),
    ('recordedAt lt "2024-01-01"', "upper bound only"),
    ('action.type eq "A"', "no date range"),
    ('recordedAt gt "2024-01-01" or recordedAt lt "2024-01-08"', "range under or"),
    (R + ' or action.type eq "A"', "range or'ed with a group"),
    ('recordedAt gt "2024-01-01" and createdAt lt "2024-01-08"', "bounds on two attributes"),
    (R + ' and recordedAt gt "2024-01-02"', "two lower bounds"),
    (R + ' and createdAt gt "2024-01-02"', "bounds on both date attributes"),
    (R + ' and action.type eq "A" and actors.user.id eq "u1"', "action type and actor"),
    (R + ' and resources.id eq "r1" and ' + POP, "resource ID with population"),
    (R + ' and resources.id eq "r1" and resources.type eq "USER"', "resource ID and type"),
    (R + ' and correlationId eq "c" and ' + POP, "correlation ID with population"),
    (R + ' and correlationId eq "c" and action.type eq "A"', "correlation ID and action type"),
    (R + ' and actors.user.id eq "u1" and actors.client.id eq "c1"', "two actor attributes"),
    (R + ' and action.type eq "A" and action.type eq "B"', "two action type terms"),
    (R + " and " + POP + ' and resources.population.id eq "p2"', "two population terms"),
    (R + ' and (action.type eq "A" or actors.user.id eq "u1")', "or across two attributes"),
    (R + ' and (action.type eq "A" or ' + POP + ")", "or across group and population"),
    (R + ' and not (action.type eq "A")', "not"),
    (R + ' and action.type ne "A"', "ne"),
    (R + ' and action.type co "USER"', "co"),
    (R + ' and action.type sw "USER"', "sw"),
    (R + ' and actors.user.id in ["u1"]', "in on an attribute without in"),
    (R + ' and result.status eq "FAILED"', "attribute not filterable"),
    (R + ' and id eq "x"', "id not filterable"),
    ('createdAt ge "2024-01-01" and createdAt le "2024-01-08"', "createdAt ge/le"),
    (R + ' and (action.type eq "A" and ' + POP + ") or action.type eq \"B\"",
     "or at the top level"),
]


def refused_by(flt):
    """The FilterError message for flt on /activities, or None when accepted."""
    try:
        scim_filter.compile_filter(flt, "activities")
    except scim_filter.FilterError as exc:
        return exc.message
    return None


def test_module(t):
    """Every shape straight through compile_filter."""
    for flt, what in ACCEPTED:
        msg = refused_by(flt)
        t.ok(msg is None, "accepted: %s" % what, "%s\n%s" % (flt, msg))
    for flt, what in REFUSED:
        msg = refused_by(flt)
        t.ok(msg is not None, "refused: %s" % what, flt)
    msg = refused_by(R + ' and action.type eq "A" and actors.user.id eq "u1"')
    t.ok(msg and "combines action type and actor" in msg and "optionally with population" in msg,
         "the message names the groups found and the documented shapes", msg)
    msg = refused_by('recordedAt gt "2024-01-01"')
    t.ok(msg and "date range is required" in msg, "a missing bound says a range is required",
         msg)


def test_http(t):
    """Through the emulator: refused shapes give 400 INVALID_DATA/INVALID_FILTER (GET, POST)."""
    path = "/v1/environments/%s/activities" % ds.DEFAULT_ENV_ID
    with EmulatorProcess() as emu:
        c = emu.client()
        tok = c.token()
        for flt in (R + ' and action.type eq "A" and actors.user.id eq "u1"',
                    R + ' and (action.type eq "A" or actors.user.id eq "u1")'):
            for method in ("GET", "POST"):
                if method == "GET":
                    status, _, body = c.get(path, token=tok, query={"filter": flt})
                else:
                    status, _, body = c.request("POST", path, body={"filter": flt},
                                                headers={"Authorization": "Bearer " + tok})
                det = (body.get("details") or [{}])[0] if isinstance(body, dict) else {}
                t.ok(status == 400 and body.get("code") == "INVALID_DATA" and
                     det.get("code") == "INVALID_FILTER" and det.get("target") == "filter" and
                     "activities" in det.get("message", "") and
                     "action.type" in det.get("innerError", {}).get("supportedAttributes", []),
                     "%s %s -> 400 INVALID_FILTER with the PingOne error body" % (method, flt),
                     (status, body))
        status, _, body = c.get(path, token=tok,
                                query={"filter": R + ' and action.type eq "USER.CREATED" and '
                                       + POP})
        t.ok(status == 200 and isinstance(body.get("_embedded", {}).get("activities"), list),
             "action type with population -> 200", (status, body))
        c.close()


def main():
    """Run everything; exit status 1 if any test failed."""
    t = Tap()
    try:
        test_module(t)
        test_http(t)
    except Exception as exc:  # report instead of dying without a plan
        import traceback
        t.ok(False, "unexpected exception: %s" % exc, traceback.format_exc())
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
