#!/usr/bin/python3
"""TAP tests of the emulator's authorization-code flow (issue 5): authorize
endpoint (GET, form POST, custom domain), PKCE, state, single-use codes,
code expiry, refresh-token rotation and replay, revoke/expire hooks, client
authentication for BASIC / POST / NONE apps, and RFC 6749 error shapes."""

import base64
import hashlib
import json
import os
import secrets
import sys
import time
from urllib.parse import parse_qs, urlencode, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import dataset as ds  # noqa: E402
from emutest import EmulatorProcess, Tap  # noqa: E402

ADMIN = ds.ADMIN_ENV_ID
CB = "http://localhost:33333"
BASIC = (ds.AUTHCODE_CLIENT_ID, ds.AUTHCODE_CLIENT_SECRET)


def pkce():
    """(verifier, S256 challenge)."""
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize(c, params, path=None, post=False):
    """Call authorize; return (status, {query params of Location} or body, headers)."""
    path = path or "/%s/as/authorize" % ADMIN
    if post:
        status, h, body = c.request("POST", path, body=urlencode(params).encode("ascii"),
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    else:
        status, h, body = c.request("GET", path + "?" + urlencode(params))
    if status == 302:
        loc = h["location"]
        q = {k: v[0] for k, v in parse_qs(urlsplit(loc).query).items()}
        q["_base"] = loc.split("?")[0]
        return status, q, h
    return status, body, h


def code_for(c, client_id=ds.AUTHCODE_CLIENT_ID, redirect=CB, challenge=None, scope="openid",
             state="st-1", path=None):
    """A fresh authorization code (asserts success)."""
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": redirect,
              "scope": scope, "state": state}
    if challenge:
        params.update(code_challenge=challenge, code_challenge_method="S256")
    status, q, _ = authorize(c, params, path)
    if status != 302 or "code" not in q:
        raise RuntimeError("authorize failed: %s %s" % (status, q))
    return q["code"]


def exchange(c, code, verifier=None, redirect=CB, basic=BASIC, extra=None, path=None):
    """Redeem code at the token endpoint."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect}
    if verifier:
        form["code_verifier"] = verifier
    form.update(extra or {})
    return c.token_request(form, basic=basic, path=path)


def refresh(c, token, basic=BASIC, extra=None):
    """Use a refresh token."""
    form = {"grant_type": "refresh_token", "refresh_token": token}
    form.update(extra or {})
    return c.token_request(form, basic=basic)


def claims(jwt):
    """Decoded JWT payload."""
    part = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def test_authorize(t, c):
    """Authorize endpoint validation and redirects."""
    verifier, challenge = pkce()
    params = {"response_type": "code", "client_id": ds.AUTHCODE_CLIENT_ID, "redirect_uri": CB,
              "scope": "openid profile", "state": "xyz 123/ü", "code_challenge": challenge,
              "code_challenge_method": "S256", "nonce": "n-1"}
    status, q, h = authorize(c, params)
    t.ok(status == 302 and q["_base"] == CB and q.get("state") == "xyz 123/ü" and q.get("code"),
         "GET authorize -> 302 to redirect_uri with code and state echoed", q)
    t.ok(h.get("cache-control") == "no-store" and "correlation-id" in h,
         "authorize response: no-store, Correlation-Id")
    for uri in ("http://127.0.0.1:33333", "https://localhost:33334"):
        status, q, _ = authorize(c, dict(params, redirect_uri=uri))
        t.ok(status == 302 and q["_base"] == uri and "code" in q, "redirect_uri %s accepted" % uri)
    status, q, _ = authorize(c, params, post=True)
    t.ok(status == 302 and "code" in q and q["state"] == params["state"], "form POST authorize")
    status, q, _ = authorize(c, params, path="/as/authorize")
    t.ok(status == 302 and "code" in q, "custom-domain /as/authorize")
    for bad_uri in ("http://localhost:33335", "http://localhost:33333/", "https://evil.example"):
        status, body, h = authorize(c, dict(params, redirect_uri=bad_uri))
        t.ok(status == 400 and body["error"] == "invalid_request" and "location" not in h,
             "unregistered redirect_uri %s -> 400, no redirect" % bad_uri, (status, body))
    status, body, _ = authorize(c, {k: v for k, v in params.items() if k != "redirect_uri"})
    t.ok(status == 400 and body["error"] == "invalid_request", "missing redirect_uri -> 400")
    status, body, _ = authorize(c, dict(params, client_id="00000000-0000-4000-8000-000000000000"))
    t.ok(status == 400 and body["error"] == "invalid_client", "unknown client_id -> 400")
    status, body, _ = authorize(c, dict(params, client_id=ds.AUTHCODE_CLIENT_ID),
                                path="/%s/as/authorize" % ds.DEFAULT_ENV_ID)
    t.ok(status == 400, "client of another environment -> 400")
    status, body, _ = authorize(c, {k: v for k, v in params.items() if k != "client_id"})
    t.ok(status == 400 and body["error"] == "invalid_request", "missing client_id -> 400")
    status, body, _ = authorize(c, dict(params, client_id=ds.CLIENT_ID))
    t.is_eq(status, 400, "worker app (no redirect URIs) -> 400")
    status, q, _ = authorize(c, dict(params, response_type="token"))
    t.ok(status == 302 and q.get("error") == "unsupported_response_type" and
         q.get("state") == params["state"] and q.get("error_description") and "code" not in q,
         "response_type=token -> error redirect with state")
    status, q, _ = authorize(c, {k: v for k, v in params.items() if k != "response_type"})
    t.ok(status == 302 and q.get("error") == "invalid_request", "missing response_type")
    post_params = dict(params, client_id=ds.AUTHCODE_POST_CLIENT_ID)
    nopkce = {k: v for k, v in post_params.items() if not k.startswith("code_challenge")}
    status, q, _ = authorize(c, nopkce)
    t.ok(status == 302 and q.get("error") == "invalid_request", "S256_REQUIRED app without "
         "PKCE -> invalid_request")
    status, q, _ = authorize(c, dict(post_params, code_challenge_method="plain",
                                     code_challenge=verifier))
    t.ok(status == 302 and q.get("error") == "invalid_request", "S256_REQUIRED app with plain "
         "-> invalid_request")
    status, q, _ = authorize(c, dict(params, code_challenge_method="S512"))
    t.ok(status == 302 and q.get("error") == "invalid_request", "unknown challenge method")
    status, q, _ = authorize(c, dict(params, code_challenge="short"))
    t.ok(status == 302 and q.get("error") == "invalid_request", "malformed code_challenge")
    status, q, _ = authorize(c, {k: v for k, v in params.items()
                                 if not k.startswith("code_challenge")})
    t.ok(status == 302 and "code" in q, "OPTIONAL app without PKCE gets a code")
    status, _, body = c.request("GET", "/%s/as/authorize?client_id=a&client_id=b" % ADMIN)
    t.ok(status == 400 and body["error"] == "invalid_request", "duplicate parameter -> 400")
    status, _, body = c.control("POST", "authorize/deny", {})
    t.is_eq(status, 200, "queue a denial")
    status, q, _ = authorize(c, params)
    t.ok(status == 302 and q.get("error") == "access_denied" and q.get("state") ==
         params["state"] and "code" not in q, "denied authorize -> access_denied redirect")
    status, q, _ = authorize(c, params)
    t.ok(status == 302 and "code" in q, "the denial applies to one request only")
    status, _, body = c.request("PUT", "/%s/as/authorize" % ADMIN)
    t.is_eq(status, 405, "PUT authorize -> 405")


def test_code_exchange(t, c, port):
    """PKCE pass/fail, single use, binding to client and redirect_uri, expiry."""
    verifier, challenge = pkce()
    code = code_for(c, challenge=challenge, scope="openid profile")
    status, h, body = exchange(c, code, verifier)
    t.ok(status == 200 and body["token_type"] == "Bearer" and body["expires_in"] == 3600 and
         body["access_token"] and body["refresh_token"] and body["id_token"] and
         body["scope"] == "openid profile", "code + correct verifier -> tokens", body)
    t.ok(h.get("cache-control") == "no-store", "token response no-store")
    ac = claims(body["access_token"])
    idt = claims(body["id_token"])
    t.ok(ac["sub"] == claims(body["id_token"])["sub"] and ac["client_id"] ==
         ds.AUTHCODE_CLIENT_ID and ac["iss"] == "https://127.0.0.1:%d/%s/as" % (port, ADMIN)
         and "sid" in ac, "access token carries sub, sid, client_id, iss")
    t.ok(idt["aud"] == ds.AUTHCODE_CLIENT_ID and idt["sub"] == ds.build().auth_user_id,
         "id_token for the test user")
    status, _, envs = c.get("/v1/environments", token=body["access_token"])
    t.is_eq(status, 200, "user access token works on the management API")
    status, _, again = exchange(c, code, verifier)
    t.ok(status == 400 and again["error"] == "invalid_grant", "second use of a code -> "
         "invalid_grant")
    code = code_for(c, challenge=challenge)
    status, _, body = exchange(c, code, pkce()[0])
    t.ok(status == 400 and body["error"] == "invalid_grant", "wrong code_verifier -> "
         "invalid_grant")
    status, _, body = exchange(c, code, verifier)
    t.ok(status == 400 and body["error"] == "invalid_grant", "a failed redemption consumes "
         "the code")
    code = code_for(c, challenge=challenge)
    status, _, body = exchange(c, code)
    t.ok(status == 400 and body["error"] == "invalid_grant", "missing code_verifier -> "
         "invalid_grant")
    code = code_for(c)
    status, _, body = exchange(c, code, verifier)
    t.ok(status == 400 and body["error"] == "invalid_grant", "verifier without a challenge "
         "-> invalid_grant")
    code = code_for(c, challenge=challenge)
    status, _, body = exchange(c, code, verifier, redirect="http://127.0.0.1:33333")
    t.ok(status == 400 and body["error"] == "invalid_grant", "other redirect_uri at the token "
         "endpoint -> invalid_grant")
    code = code_for(c, challenge=challenge)
    status, _, body = exchange(c, code, verifier, basic=(ds.AUTHCODE_CLIENT_ID, "wrong"))
    t.ok(status == 401 and body["error"] == "invalid_client" and
         ds.AUTHCODE_CLIENT_SECRET not in str(body), "wrong client secret -> 401 invalid_client")
    status, _, body = exchange(c, code, verifier)
    t.is_eq(status, 200, "the code survives a failed client authentication")
    code = code_for(c, client_id=ds.AUTHCODE_POST_CLIENT_ID, challenge=challenge)
    status, _, body = exchange(c, code, verifier)
    t.ok(status == 400 and body["error"] == "invalid_grant", "code of another client -> "
         "invalid_grant")
    code = code_for(c, client_id=ds.AUTHCODE_POST_CLIENT_ID, challenge=challenge)
    status, _, body = exchange(c, code, verifier, basic=None, extra={
        "client_id": ds.AUTHCODE_POST_CLIENT_ID, "client_secret": ds.AUTHCODE_POST_CLIENT_SECRET})
    t.ok(status == 200 and body["refresh_token"], "CLIENT_SECRET_POST app: flow works")
    code = code_for(c, client_id=ds.PUBLIC_CLIENT_ID, challenge=challenge)
    status, _, body = exchange(c, code, verifier, basic=None,
                               extra={"client_id": ds.PUBLIC_CLIENT_ID})
    t.ok(status == 200 and body["access_token"], "public (NONE) app: client_id only")
    code = code_for(c, client_id=ds.PUBLIC_CLIENT_ID, challenge=challenge)
    status, _, body = exchange(c, code, verifier, basic=None,
                               extra={"client_id": ds.PUBLIC_CLIENT_ID, "client_secret": "x"})
    t.ok(status == 401 and body["error"] == "invalid_client", "public app with a secret -> 401")
    status, _, body = exchange(c, code_for(c, challenge=challenge), verifier,
                               basic=(ds.CLIENT_ID, ds.CLIENT_SECRET))
    t.ok(status == 400 and body["error"] == "unauthorized_client",
         "worker app may not use authorization_code")
    status, _, body = c.token_request({"grant_type": "client_credentials"}, basic=BASIC)
    t.ok(status == 400 and body["error"] == "unauthorized_client",
         "auth-code app may not use client_credentials")
    status, _, body = exchange(c, "", verifier)
    t.ok(status == 400 and body["error"] == "invalid_request", "missing code -> invalid_request")
    status, _, body = exchange(c, "no-such-code", verifier)
    t.ok(status == 400 and body["error"] == "invalid_grant", "unknown code -> invalid_grant")
    code = code_for(c, challenge=challenge, path="/as/authorize")
    status, _, body = exchange(c, code, verifier, path="/as/token")
    t.ok(status == 200 and claims(body["access_token"])["iss"] ==
         "https://127.0.0.1:%d/as" % port, "custom-domain authorize + token, issuer <base>/as")
    c.control("POST", "config", {"codeLifetime": 1, "tokenLifetime": 7})
    code = code_for(c, challenge=challenge)
    time.sleep(1.2)
    status, _, body = exchange(c, code, verifier)
    t.ok(status == 400 and body["error"] == "invalid_grant" and "expired" in
         body["error_description"], "expired code -> invalid_grant")
    code = code_for(c, challenge=challenge)
    status, _, body = exchange(c, code, verifier)
    t.ok(status == 200 and body["expires_in"] == 7, "tokenLifetime applies to user tokens")
    c.control("POST", "config", {"codeLifetime": 60, "tokenLifetime": 3600})


def fresh_refresh(c):
    """A new refresh token for the BASIC auth-code app."""
    verifier, challenge = pkce()
    status, _, body = exchange(c, code_for(c, challenge=challenge, scope="openid profile"),
                               verifier)
    return body["refresh_token"]


def test_refresh(t, c):
    """Rotation, replay protection, scope, binding, revoke and expiry hooks."""
    r1 = fresh_refresh(c)
    status, _, body = refresh(c, r1)
    r2 = body.get("refresh_token")
    t.ok(status == 200 and body["access_token"] and r2 and r2 != r1 and
         body["scope"] == "openid profile", "refresh_token grant returns a new refresh token")
    status, _, _ = c.get("/v1/environments", token=body["access_token"])
    t.is_eq(status, 200, "refreshed access token works")
    status, _, body = refresh(c, r2, extra={"scope": "openid"})
    r3 = body.get("refresh_token")
    t.ok(status == 200 and body["scope"] == "openid" and r3, "refresh with a narrower scope")
    status, _, body = refresh(c, r3, extra={"scope": "openid email"})
    t.ok(status == 400 and body["error"] == "invalid_scope", "wider scope -> invalid_scope")
    status, _, body = refresh(c, r1)
    t.ok(status == 400 and body["error"] == "invalid_grant", "reusing a rotated refresh token "
         "-> invalid_grant")
    status, _, body = refresh(c, r3)
    t.ok(status == 400 and body["error"] == "invalid_grant", "reuse revokes the whole token "
         "family (replay protection)")
    r = fresh_refresh(c)
    status, _, body = refresh(c, r, basic=(ds.AUTHCODE_POST_CLIENT_ID,
                                           ds.AUTHCODE_POST_CLIENT_SECRET))
    t.ok(status == 401, "refresh with the wrong client's authentication method -> 401")
    status, _, body = c.token_request({"grant_type": "refresh_token", "refresh_token": r,
                                       "client_id": ds.AUTHCODE_POST_CLIENT_ID,
                                       "client_secret": ds.AUTHCODE_POST_CLIENT_SECRET})
    t.ok(status == 400 and body["error"] == "invalid_grant", "refresh token of another client "
         "-> invalid_grant")
    status, _, body = refresh(c, "bogus")
    t.ok(status == 400 and body["error"] == "invalid_grant", "unknown refresh token")
    status, _, body = c.token_request({"grant_type": "refresh_token"}, basic=BASIC)
    t.ok(status == 400 and body["error"] == "invalid_request", "missing refresh_token")
    r = fresh_refresh(c)
    status, _, body = c.control("POST", "refresh/revoke")
    t.ok(status == 200 and body["revoked"] >= 1, "revoke all refresh tokens")
    status, _, body = refresh(c, r)
    t.ok(status == 400 and body["error"] == "invalid_grant" and "revoked" in
         body["error_description"], "revoked refresh token -> invalid_grant")
    r = fresh_refresh(c)
    verifier, challenge = pkce()
    _, _, user = exchange(c, code_for(c, challenge=challenge), verifier)
    status, _, body = c.control("POST", "tokens/expire")
    status, _, body = refresh(c, r)
    t.ok(status == 200, "tokens/expire alone keeps refresh tokens")
    r = body["refresh_token"]
    status, _, _ = c.get("/v1/environments", token=user["access_token"])
    t.is_eq(status, 401, "tokens/expire invalidates user access tokens")
    status, _, body = c.control("POST", "tokens/expire", {"refresh": True})
    t.ok(status == 200 and body["expiredRefreshTokens"] >= 1, "tokens/expire {refresh: true}")
    status, _, body = refresh(c, r)
    t.ok(status == 400 and body["error"] == "invalid_grant" and "expired" in
         body["error_description"], "expired refresh token -> invalid_grant")
    c.control("POST", "config", {"refreshTokenLifetime": 1})
    r = fresh_refresh(c)
    time.sleep(1.2)
    status, _, body = refresh(c, r)
    t.ok(status == 400 and body["error"] == "invalid_grant", "refreshTokenLifetime expiry")
    status, _, body = c.control("POST", "tokens/expire", {"refresh": "yes"})
    t.is_eq(status, 400, "bad tokens/expire body -> 400")
    c.control("POST", "reset")
    status, _, body = c.control("GET", "config")
    t.ok(body["refreshTokenLifetime"] == 2592000 and body["codeLifetime"] == 60,
         "reset restores OAuth defaults")


def main():
    """Run everything; exit status 1 if any test failed."""
    t = Tap()
    emu = EmulatorProcess()
    secrets_seen = []
    try:
        emu.start()
        c = emu.client()
        test_authorize(t, c)
        test_code_exchange(t, c, emu.port)
        _, _, body = c.control("GET", "requests")
        reqs = json.dumps(body)
        secrets_seen = [s for s in (ds.AUTHCODE_CLIENT_SECRET, ds.AUTHCODE_POST_CLIENT_SECRET)
                        if s in reqs]
        t.ok(not secrets_seen and '"code_verifier"' in reqs and '"access_token"' not in reqs,
             "request log: form keys only, no secrets")
        test_refresh(t, c)
        c.close()
        emu.stop()
        log = open(os.path.join(emu.state_dir, "emulator.log"), encoding="utf-8").read()
        t.ok(ds.AUTHCODE_CLIENT_SECRET not in log and "code=" not in log and
             "Bearer" not in log, "emulator.log holds no secrets, codes or tokens")
    except Exception as exc:  # report instead of dying without a plan
        import traceback
        t.ok(False, "unexpected exception: %s" % exc, traceback.format_exc())
    finally:
        emu.stop()
        emu.cleanup()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
