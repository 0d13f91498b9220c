"""Authorization-code flow of the auth API (issue 5): authorize endpoint and the
authorization_code / refresh_token grants of the token endpoint.

    handle_authorize(state, env_id, method, headers, raw_query, body, custom_domain)
        GET or form POST /{envId}/as/authorize (or /as/authorize).  There is no
        interactive sign-on: a valid request "signs in" tenant.auth_user_id at
        once and answers 302 to redirect_uri?code=...&state=...  Errors go back to
        the redirect_uri as error/error_description (+ state) once client_id and
        redirect_uri are valid; before that they are 400 JSON.
    grant_authorization_code(state, client_id, client, env_id, form, issuer)
    grant_refresh_token(state, client_id, client, env_id, form)
        each returns (status, body) for the token endpoint.

Rules (pingone-api.md 2.1-2.6, RFC 6749, RFC 7636): redirect_uri must equal one
of the app's redirectUris; pkceEnforcement OPTIONAL / REQUIRED / S256_REQUIRED;
codes are single use (a redemption attempt consumes the code), bound to client
and redirect_uri, valid codeLifetime seconds (config, default 60); refresh
tokens rotate on every use and a reused one revokes its whole family
(additionalRefreshTokenReplayProtectionEnabled, PingOne's default).
"""

import base64
import hashlib
import hmac
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from p1errors import oauth_error

_NO_STORE = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]
_PKCE_RE = re.compile(r"^[A-Za-z0-9._~-]{43,128}$")


def _params(method, headers, raw_query, body):
    """Return (dict of parameters, None) or (None, problem sentence)."""
    if method == "POST":
        ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if ctype != "application/x-www-form-urlencoded":
            return None, "The authorize request body must be application/x-www-form-urlencoded."
        text = body
    else:
        text = raw_query.encode("latin-1", "replace") if isinstance(raw_query, str) else b""
    try:
        pairs = parse_qsl(text.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        return None, "The authorize request is not valid UTF-8."
    out = {}
    for k, v in pairs:
        if k in out:
            return None, "The parameter '%s' appears more than once." % k
        out[k] = v
    return out, None


def _json_error(error, description):
    """400 OAuth error body (no redirect possible)."""
    status, body = oauth_error(400, error, description)
    return status, body, list(_NO_STORE)


def _redirect(uri, params):
    """302 to uri with params added to its query string."""
    sep = "&" if "?" in uri else "?"
    location = uri + sep + urlencode(params)
    return 302, {"redirect": location}, [("Location", location)] + list(_NO_STORE)


def handle_authorize(state, env_id, method, headers, raw_query, body, custom_domain=False):
    """Serve the authorize endpoint; return (status, body, headers)."""
    if method not in ("GET", "POST"):
        status, err = oauth_error(405, "invalid_request", "The authorize endpoint accepts "
                                  "GET and form POST only.")
        return status, err, [("Allow", "GET, POST")]
    params, problem = _params(method, headers, raw_query, body)
    if problem:
        return _json_error("invalid_request", problem)
    client_id = params.get("client_id")
    if not client_id:
        return _json_error("invalid_request", "The client_id parameter is missing.")
    client = state.tenant.clients.get(client_id)
    if client is None or client["envId"] != env_id:
        return _json_error("invalid_client", "Unknown client '%s' in environment %s."
                           % (client_id, env_id))
    redirect_uri = params.get("redirect_uri")
    if not redirect_uri:
        return _json_error("invalid_request", "The redirect_uri parameter is missing.")
    if redirect_uri not in client.get("redirectUris", []):
        return _json_error("invalid_request", "The redirect_uri '%s' is not registered for "
                           "this application." % redirect_uri)
    extra = {"state": params["state"]} if "state" in params else {}

    def fail(error, description):
        """Send the error back to the registered redirect_uri."""
        return _redirect(redirect_uri, dict({"error": error,
                                             "error_description": description}, **extra))

    rtype = params.get("response_type")
    if not rtype:
        return fail("invalid_request", "The response_type parameter is missing.")
    if rtype != "code":
        return fail("unsupported_response_type", "The response type '%s' is not supported; "
                    "use 'code'." % rtype)
    if "AUTHORIZATION_CODE" not in client["grantTypes"]:
        return fail("unauthorized_client", "This application may not use the "
                    "authorization_code grant.")
    challenge = params.get("code_challenge")
    cmethod = params.get("code_challenge_method")
    pkce = client.get("pkce", "OPTIONAL")
    if cmethod is not None and challenge is None:
        return fail("invalid_request", "code_challenge_method was sent without code_challenge.")
    if challenge is not None:
        cmethod = cmethod or "plain"
        if cmethod not in ("plain", "S256"):
            return fail("invalid_request", "code_challenge_method must be S256 or plain.")
        if not _PKCE_RE.match(challenge):
            return fail("invalid_request", "code_challenge must be 43-128 characters from "
                        "[A-Za-z0-9-._~].")
    if pkce in ("REQUIRED", "S256_REQUIRED") and challenge is None:
        return fail("invalid_request", "This application requires PKCE: send code_challenge "
                    "and code_challenge_method=S256.")
    if pkce == "S256_REQUIRED" and cmethod != "S256":
        return fail("invalid_request", "This application requires code_challenge_method=S256.")
    denial = state.take_denial()
    if denial:
        return fail(*denial)
    issuer = state.base_url + ("/as" if custom_domain else "/%s/as" % env_id)
    code = state.new_code({"client_id": client_id, "env_id": env_id,
                           "redirect_uri": redirect_uri, "challenge": challenge,
                           "method": cmethod, "scope": params.get("scope", ""),
                           "nonce": params.get("nonce"), "user_id": state.tenant.auth_user_id,
                           "session": str(uuid.uuid4()), "issuer": issuer})
    return _redirect(redirect_uri, dict({"code": code}, **extra))


def _invalid_grant(description):
    """400 invalid_grant."""
    return oauth_error(400, "invalid_grant", description)


def _pkce_ok(grant, verifier):
    """True when verifier matches the code_challenge of grant."""
    if grant["method"] == "S256":
        digest = hashlib.sha256(verifier.encode("ascii")).digest()
        computed = base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")
    else:
        computed = verifier
    return hmac.compare_digest(computed.encode("ascii"), grant["challenge"].encode("ascii"))


def _tokens(state, client, grant):
    """Token response for a user grant (access, optional refresh and id tokens)."""
    access, lifetime = state.issue_token(grant["client_id"], grant["env_id"], grant["issuer"],
                                         grant["scope"], (grant["user_id"], grant["session"]))
    body = {"access_token": access, "token_type": "Bearer", "expires_in": lifetime,
            "scope": grant["scope"]}
    if "REFRESH_TOKEN" in client["grantTypes"]:
        keep = {k: grant[k] for k in ("client_id", "env_id", "scope", "user_id", "session",
                                      "issuer")}
        body["refresh_token"] = state.new_refresh_token(keep, grant.get("family"))
    if "openid" in grant["scope"].split():
        now = int(time.time())
        claims = {"iss": grant["issuer"], "sub": grant["user_id"], "aud": grant["client_id"],
                  "iat": now, "exp": now + lifetime, "sid": grant["session"],
                  "env": grant["env_id"], "org": state.tenant.organization["id"]}
        if grant.get("nonce"):
            claims["nonce"] = grant["nonce"]
        body["id_token"] = state.sign_jwt(claims)
    return 200, body


def grant_authorization_code(state, client_id, client, form):
    """grant_type=authorization_code; return (status, body)."""
    code = form.get("code")
    if not code:
        return oauth_error(400, "invalid_request", "The code parameter is missing.")
    redirect_uri = form.get("redirect_uri")
    if not redirect_uri:
        return oauth_error(400, "invalid_request", "The redirect_uri parameter is missing.")
    verifier = form.get("code_verifier")
    if verifier is not None and not _PKCE_RE.match(verifier):
        return oauth_error(400, "invalid_request", "code_verifier must be 43-128 characters "
                           "from [A-Za-z0-9-._~].")
    grant = state.take_code(code)
    if grant is None:
        return _invalid_grant("The authorization code is not valid or was already used.")
    if grant["client_id"] != client_id:
        return _invalid_grant("The authorization code was issued to another client.")
    if time.time() >= grant["exp"]:
        return _invalid_grant("The authorization code has expired.")
    if grant["redirect_uri"] != redirect_uri:
        return _invalid_grant("The redirect_uri does not match the one of the authorize "
                              "request.")
    if grant["challenge"] is not None:
        if verifier is None:
            return _invalid_grant("code_verifier is required: the authorize request had a "
                                  "code_challenge.")
        if not _pkce_ok(grant, verifier):
            return _invalid_grant("The code_verifier does not match the code_challenge.")
    elif verifier is not None:
        return _invalid_grant("A code_verifier was sent but the authorize request had no "
                              "code_challenge.")
    return _tokens(state, client, grant)


def grant_refresh_token(state, client_id, client, form):
    """grant_type=refresh_token with rotation; return (status, body)."""
    token = form.get("refresh_token")
    if not token:
        return oauth_error(400, "invalid_request", "The refresh_token parameter is missing.")
    grant, reason = state.use_refresh_token(token, client_id)
    if grant is None:
        return _invalid_grant(reason)
    scope = form.get("scope")
    if scope is not None:
        if not set(scope.split()) <= set(grant["scope"].split()):
            return oauth_error(400, "invalid_scope", "The requested scope exceeds the scope "
                               "originally granted.")
        grant = dict(grant, scope=scope)
    return _tokens(state, client, grant)
