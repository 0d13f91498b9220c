"""Helpers for Python integration tests (TAP output, emulator control, dataset).

Tests run under tests/integration/with-emulator.sh, which exports P1_DSN,
P1_CONNSTR, P1_EMULATOR_URL, P1_EMULATOR_CA and friends. Expected values are
computed from the emulator's dataset module, never from the driver's output.
"""
import json
import os
import ssl
import sys
import traceback
import urllib.request

TOP = os.environ.get("top_srcdir") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tests", "emulator"))

import dataset  # noqa: E402  (the emulator's tenant)

_n = 0
_failed = 0


def ok(cond, name):
    """Print one TAP line; return cond."""
    global _n, _failed
    _n += 1
    print("%s %d - %s" % ("ok" if cond else "not ok", _n, name), flush=True)
    if not cond:
        _failed += 1
    return cond


def is_eq(got, want, name):
    """ok(got == want), printing both on failure."""
    if not ok(got == want, name):
        diag("     got: %r" % (got,))
        diag("expected: %r" % (want,))


def diag(msg):
    for line in str(msg).splitlines():
        print("# " + line, flush=True)


def done():
    """Print the plan and exit with the TAP status."""
    print("1..%d" % _n, flush=True)
    sys.exit(1 if _failed else 0)


def run(fn):
    """Run a test body; an unexpected exception is a failed test, not a crash."""
    try:
        fn()
    except Exception:  # noqa: BLE001
        ok(False, "unexpected exception")
        diag(traceback.format_exc())
    done()


def tenant():
    return dataset.build()


def default_env():
    return tenant().envs[dataset.DEFAULT_ENV_ID]


# ---- emulator control API --------------------------------------------------

def _ctx():
    return ssl.create_default_context(cafile=os.environ["P1_EMULATOR_CA"])


def _call(method, path, body=None):
    url = os.environ["P1_EMULATOR_URL"] + path
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, context=_ctx(), timeout=30) as r:
        raw = r.read()
        return json.loads(raw) if raw else None


def requests(path_contains=None):
    """Requests the emulator received since the last clear (management and token)."""
    reqs = _call("GET", "/__emulator/requests")["requests"]
    if path_contains:
        reqs = [r for r in reqs if path_contains in r["path"]]
    return reqs


def clear_requests():
    _call("DELETE", "/__emulator/requests")


def fault(match, status, count=1, retry_after=None, code=None):
    body = {"match": match, "status": status, "count": count}
    if retry_after is not None:
        body["retryAfter"] = retry_after
    if code is not None:
        body["code"] = code
    _call("POST", "/__emulator/faults", body)


def clear_faults():
    _call("DELETE", "/__emulator/faults")


def expire_tokens():
    _call("POST", "/__emulator/tokens/expire")


def data_requests(reqs):
    """Only management (/v1/) requests, not token requests."""
    return [r for r in reqs if r["path"].startswith("/v1/")]
