"""Mutable emulator state shared by all request threads (guarded by one lock).

Holds the dataset, derived indexes, issued tokens, the request log, queued
faults and the control-API configuration.
"""

import base64
import hashlib
import hmac
import json
import os
import re
import threading
import time
import uuid

import dataset
from paging import CursorCodec

DEFAULT_CONFIG = {"tokenLifetime": 3600, "shortPages": True, "asciiJson": False,
                  "codeLifetime": 60, "refreshTokenLifetime": 2592000}


def _b64(data):
    """URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class EmulatorState:
    """Everything the request handlers read or change."""

    def __init__(self, tenant, port=0):
        """tenant: dataset.Tenant; port: the listening port (for absolute URLs)."""
        self.tenant = tenant
        self.port = port
        self.lock = threading.Lock()
        self.config = dict(DEFAULT_CONFIG)
        self.tokens = {}
        self.codes = {}
        self.refresh_tokens = {}
        self.deny_next = []
        self.requests = []
        self.faults = []
        self.page_faults = []
        self.connections = {}
        self.next_connection = 1
        self.secret = os.urandom(32)
        self.codec = CursorCodec(self.secret)
        self.user_groups = {uid: {m["id"] for m in items}
                            for uid, items in tenant.memberships.items()}
        self.total_members = {}
        for items in tenant.memberships.values():
            for m in items:
                self.total_members[m["id"]] = self.total_members.get(m["id"], 0) + 1

    @property
    def base_url(self):
        """Absolute https base URL of this server, e.g. https://127.0.0.1:8443."""
        return "https://127.0.0.1:%d" % self.port

    # --- configuration -------------------------------------------------
    def get_config(self, name):
        """Return one configuration value."""
        with self.lock:
            return self.config[name]

    def update_config(self, changes):
        """Apply validated changes; return the new configuration copy."""
        with self.lock:
            self.config.update(changes)
            return dict(self.config)

    # --- tokens --------------------------------------------------------
    def sign_jwt(self, claims):
        """Return an HS256 JWT carrying claims, signed with the emulator secret."""
        header = {"alg": "HS256", "kid": "emulator", "typ": "JWT"}
        signing_input = (_b64(json.dumps(header).encode()) + "." +
                         _b64(json.dumps(claims).encode()))
        sig = hmac.new(self.secret, signing_input.encode("ascii"), hashlib.sha256).digest()
        return signing_input + "." + _b64(sig)

    def issue_token(self, client_id, env_id, issuer, scope="", subject=None):
        """Create a JWT-like HS256 access token; return (token, lifetime).

        subject: (user id, session id) for user tokens (adds sub and sid).
        """
        lifetime = self.get_config("tokenLifetime")
        now = int(time.time())
        claims = {"client_id": client_id, "iss": issuer,
                  "aud": ["https://api.pingone.com"], "scope": scope,
                  "env": env_id, "org": dataset.ORG_ID, "iat": now,
                  "exp": now + lifetime, "jti": str(uuid.uuid4())}
        if subject:
            claims["sub"], claims["sid"] = subject
        token = self.sign_jwt(claims)
        with self.lock:
            self.tokens[token] = time.time() + lifetime
        return token, lifetime

    # --- authorization codes and refresh tokens ------------------------
    def new_code(self, grant):
        """Store grant (dict) under a new single-use code; return the code."""
        code = _b64(os.urandom(24))
        grant = dict(grant, exp=time.time() + self.get_config("codeLifetime"))
        with self.lock:
            self.codes[code] = grant
        return code

    def take_code(self, code):
        """Remove and return the grant of code (None if unknown or already used)."""
        with self.lock:
            return self.codes.pop(code, None)

    def new_refresh_token(self, grant, family=None):
        """Store grant under a new opaque refresh token; return the token."""
        token = _b64(os.urandom(32))
        entry = dict(grant, exp=time.time() + self.get_config("refreshTokenLifetime"),
                     family=family or token, state="active")
        with self.lock:
            self.refresh_tokens[token] = entry
        return token

    def use_refresh_token(self, token, client_id):
        """Consume token for client_id; return (grant, None) or (None, reason).

        Rotation: a used token is marked "used"; presenting it again revokes
        every token of its family (replay protection).  A token of another
        client, revoked or expired gives a reason instead.
        """
        with self.lock:
            entry = self.refresh_tokens.get(token)
            if entry is None:
                return None, "The refresh token is not valid."
            if entry["client_id"] != client_id:
                return None, "The refresh token was issued to another client."
            if entry["state"] == "used":
                for other in self.refresh_tokens.values():
                    if other["family"] == entry["family"]:
                        other["state"] = "revoked"
                return None, ("The refresh token was already used; the refresh tokens "
                              "issued from it are now revoked.")
            if entry["state"] == "revoked":
                return None, "The refresh token has been revoked."
            if time.time() >= entry["exp"]:
                return None, "The refresh token has expired."
            entry["state"] = "used"
            return dict(entry), None

    def revoke_refresh_tokens(self):
        """Revoke every refresh token; return how many were active."""
        with self.lock:
            n = 0
            for entry in self.refresh_tokens.values():
                if entry["state"] == "active":
                    n += 1
                entry["state"] = "revoked"
            return n

    def expire_refresh_tokens(self):
        """Make every refresh token expired; return how many there were."""
        with self.lock:
            for entry in self.refresh_tokens.values():
                entry["exp"] = 0
            return len(self.refresh_tokens)

    def queue_denial(self, error, description):
        """Make the next authorize request fail with error."""
        with self.lock:
            self.deny_next.append((error, description))

    def take_denial(self):
        """Return and remove the next queued authorize failure, or None."""
        with self.lock:
            return self.deny_next.pop(0) if self.deny_next else None

    def clear_oauth(self):
        """Forget every code, refresh token and queued denial."""
        with self.lock:
            self.codes.clear()
            self.refresh_tokens.clear()
            self.deny_next.clear()

    def check_token(self, token):
        """Return None if token is valid, else a sentence saying why not."""
        with self.lock:
            exp = self.tokens.get(token)
        if exp is None:
            return "The access token is not valid (unknown or revoked)."
        if time.time() >= exp:
            return "The access token has expired."
        return None

    def expire_tokens(self):
        """Invalidate every issued token; return how many there were."""
        with self.lock:
            n = len(self.tokens)
            self.tokens.clear()
            return n

    # --- request log ---------------------------------------------------
    def record(self, entry):
        """Append one request entry to the log."""
        with self.lock:
            self.requests.append(entry)

    def get_requests(self):
        """Return a copy of the request log."""
        with self.lock:
            return list(self.requests)

    def clear_requests(self):
        """Empty the request log; return how many entries were removed."""
        with self.lock:
            n = len(self.requests)
            self.requests.clear()
            return n

    # --- connection counters (instrumentation) --------------------------
    def connection_opened(self):
        """Count a newly accepted TCP connection; return its serial number."""
        with self.lock:
            cid = self.next_connection
            self.next_connection += 1
            self.connections[cid] = {"id": cid, "new": True, "handshake": False,
                                     "open": True, "requests": 0, "controlRequests": 0}
            return cid

    def connection_handshake(self, cid):
        """Record that connection cid finished its TLS handshake."""
        with self.lock:
            if cid in self.connections:
                self.connections[cid]["handshake"] = True

    def connection_used(self, cid, control):
        """Count one request on connection cid (control: a /__emulator/ call)."""
        with self.lock:
            conn = self.connections.get(cid)
            if conn is not None:
                conn["controlRequests" if control else "requests"] += 1

    def connection_closed(self, cid):
        """Record that connection cid ended."""
        with self.lock:
            if cid in self.connections:
                self.connections[cid]["open"] = False

    def connection_stats(self):
        """Counters since the last clear_connections() (see control.py)."""
        with self.lock:
            conns = [dict(c) for c in self.connections.values()]
        new = [c for c in conns if c["new"]]
        api = [c for c in conns if c["requests"] > 0]
        return {"accepted": len(new),
                "handshakes": sum(1 for c in new if c["handshake"]),
                "open": sum(1 for c in conns if c["open"]),
                "apiConnections": len(api),
                "newApiConnections": sum(1 for c in api if c["new"]),
                "apiRequests": sum(c["requests"] for c in conns),
                "connections": conns}

    def clear_connections(self):
        """Restart the counters: forget closed connections, zero the open ones."""
        with self.lock:
            for cid in [c for c, v in self.connections.items() if not v["open"]]:
                del self.connections[cid]
            for conn in self.connections.values():
                conn.update(new=False, requests=0, controlRequests=0)
            return len(self.connections)

    # --- collection page faults -----------------------------------------
    def add_page_fault(self, fault):
        """Queue a page fault (validated dict with a compiled 'regex')."""
        with self.lock:
            self.page_faults.append(fault)

    def take_page_fault(self, path, page_no):
        """Consume one use of the first page fault matching path and page_no; return it or None."""
        return self._take(self.page_faults, lambda f: f["regex"].search(path) and
                          f["page"] in (None, page_no))

    def list_page_faults(self):
        """Return the queued page faults as JSON-ready dicts."""
        return self._listing(self.page_faults)

    def clear_page_faults(self):
        """Remove every queued page fault; return how many there were."""
        return self._clear(self.page_faults)

    # --- queues of faults (shared by faults and page faults) -------------
    def _take(self, queue, matches):
        """Consume one use of the first entry of queue for which matches(entry); return a copy or None."""
        with self.lock:
            for f in queue:
                if f["remaining"] > 0 and matches(f):
                    f["remaining"] -= 1
                    if f["remaining"] == 0:
                        queue.remove(f)
                    return dict(f)
        return None

    def _listing(self, queue):
        """The entries of queue as JSON-ready dicts (without the compiled regex)."""
        with self.lock:
            return [{k: v for k, v in f.items() if k != "regex"} for f in queue]

    def _clear(self, queue):
        """Empty queue; return how many entries it had."""
        with self.lock:
            n = len(queue)
            queue.clear()
            return n

    # --- faults --------------------------------------------------------
    def add_fault(self, fault):
        """Queue fault (validated dict with a compiled 'regex')."""
        with self.lock:
            self.faults.append(fault)

    def take_fault(self, path):
        """Consume one use of the first queued fault matching path; return it or None."""
        return self._take(self.faults, lambda f: f["regex"].search(path))

    def list_faults(self):
        """Return the queued faults as JSON-ready dicts."""
        return self._listing(self.faults)

    def clear_faults(self):
        """Remove every queued fault; return how many there were."""
        return self._clear(self.faults)


def validate_fault(spec):
    """Check a POST /__emulator/faults body; return (fault dict, None) or (None, error)."""
    if not isinstance(spec, dict):
        return None, "the body must be a JSON object"
    match = spec.get("match")
    if not isinstance(match, str):
        return None, "'match' (a regular expression on the request path) is required"
    try:
        regex = re.compile(match)
    except re.error as exc:
        return None, "'match' is not a valid regular expression: %s" % exc
    status = spec.get("status")
    if not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599:
        return None, "'status' must be an HTTP error status (400-599)"
    count = spec.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return None, "'count' must be a positive integer"
    retry = spec.get("retryAfter")
    if retry is not None and (not isinstance(retry, (int, str)) or isinstance(retry, bool)):
        return None, "'retryAfter' must be an integer number of seconds or an HTTP-date"
    code = spec.get("code")
    if code is not None and not isinstance(code, str):
        return None, "'code' must be a string"
    message = spec.get("message")
    if message is not None and not isinstance(message, str):
        return None, "'message' must be a string"
    return {"match": match, "regex": regex, "status": status, "count": count,
            "remaining": count, "retryAfter": retry, "code": code,
            "message": message}, None


def validate_page_fault(spec):
    """Check a POST /__emulator/pages body; return (fault dict, None) or (None, error)."""
    if not isinstance(spec, dict):
        return None, "the body must be a JSON object"
    unknown = set(spec) - {"match", "omit", "count", "page"}
    if unknown:
        return None, "unknown key(s): %s" % ", ".join(sorted(unknown))
    match = spec.get("match")
    if not isinstance(match, str):
        return None, "'match' (a regular expression on the request path) is required"
    try:
        regex = re.compile(match)
    except re.error as exc:
        return None, "'match' is not a valid regular expression: %s" % exc
    omit = spec.get("omit")
    if omit not in ("embedded", "key"):
        return None, "'omit' must be \"embedded\" (no _embedded object) or \"key\" " \
                     "(_embedded without the collection key)"
    count = spec.get("count", 1)
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        return None, "'count' must be a positive integer"
    page = spec.get("page")
    if page is not None and (not isinstance(page, int) or isinstance(page, bool) or page < 0):
        return None, "'page' must be a page number (0 = the first page of a listing)"
    return {"match": match, "regex": regex, "omit": omit, "count": count,
            "remaining": count, "page": page}, None


def validate_config(spec):
    """Check a POST /__emulator/config body; return (changes, None) or (None, error)."""
    if not isinstance(spec, dict):
        return None, "the body must be a JSON object"
    changes = {}
    for key, value in spec.items():
        if key in ("tokenLifetime", "codeLifetime", "refreshTokenLifetime"):
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                return None, "'%s' must be a positive integer (seconds)" % key
        elif key in ("shortPages", "asciiJson"):
            if not isinstance(value, bool):
                return None, "'%s' must be true or false" % key
        else:
            return None, "unknown configuration key '%s'" % key
        changes[key] = value
    return changes, None
