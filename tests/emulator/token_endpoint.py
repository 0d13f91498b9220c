"""The PingOne auth API token endpoint: POST /{envId}/as/token.

Grants: client_credentials (worker apps), authorization_code and
refresh_token (see oauth_flows.py).  Client authentication follows each
app's tokenEndpointAuthMethod (pingone-api.md 2.3): CLIENT_SECRET_BASIC needs
the Basic header and no client_id/client_secret in the body;
CLIENT_SECRET_POST needs both in the form body and no Basic header; NONE
(public clients) needs client_id in the body and no secret at all.  An app may
only use the grants in its grantTypes (else 400 unauthorized_client).
Failures are RFC 6749 error bodies.
"""

import base64
import binascii
import hmac
from urllib.parse import parse_qsl, unquote_plus

import oauth_flows
from p1errors import oauth_error

_GRANTS = {"client_credentials": "CLIENT_CREDENTIALS",
           "authorization_code": "AUTHORIZATION_CODE", "refresh_token": "REFRESH_TOKEN"}

_NO_STORE = [("Cache-Control", "no-store"), ("Pragma", "no-cache")]


def _basic_credentials(header):
    """Decode 'Basic base64(id:secret)' (form-urlencoded parts, RFC 6749 2.3.1).

    Returns (client_id, secret), None when the header is not Basic, or
    raises ValueError when it is Basic but malformed.
    """
    if not header:
        return None
    scheme, _, rest = header.strip().partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        decoded = base64.b64decode(rest.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise ValueError("bad base64") from exc
    if ":" not in decoded:
        raise ValueError("no colon")
    cid, _, secret = decoded.partition(":")
    return unquote_plus(cid), unquote_plus(secret)


def _invalid_client(description, used_basic):
    """401 invalid_client (+ WWW-Authenticate when the Basic header was used)."""
    status, body = oauth_error(401, "invalid_client", description)
    headers = list(_NO_STORE)
    if used_basic:
        headers.append(("WWW-Authenticate", 'Basic realm="PingOne"'))
    return status, body, headers


def handle_token(state, env_id, method, headers, body, custom_domain=False):
    """Serve the token endpoint for env_id; return (status, body, extra headers).

    custom_domain: the request came as POST /as/token (no environment id in
    the path); the issuer is then <base>/as.
    """
    if method != "POST":
        status, err = oauth_error(405, "invalid_request", "The token endpoint only accepts POST.")
        return status, err, list(_NO_STORE) + [("Allow", "POST")]
    ctype = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
    if ctype != "application/x-www-form-urlencoded":
        status, err = oauth_error(400, "invalid_request", "The request body must be "
                                  "application/x-www-form-urlencoded.")
        return status, err, list(_NO_STORE)
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        status, err = oauth_error(400, "invalid_request", "The request body is not valid UTF-8.")
        return status, err, list(_NO_STORE)
    form = {}
    for k, v in pairs:
        if k in form:
            status, err = oauth_error(400, "invalid_request",
                                      "The parameter '%s' appears more than once." % k)
            return status, err, list(_NO_STORE)
        form[k] = v
    grant = form.get("grant_type")
    if not grant:
        status, err = oauth_error(400, "invalid_request", "The grant_type parameter is missing.")
        return status, err, list(_NO_STORE)
    if grant not in _GRANTS:
        status, err = oauth_error(400, "unsupported_grant_type",
                                  "The grant type '%s' is not supported by this application."
                                  % grant)
        return status, err, list(_NO_STORE)

    try:
        basic = _basic_credentials(headers.get("Authorization"))
    except ValueError:
        return _invalid_client("The Authorization header is not a valid Basic "
                               "credential (base64 of client_id:client_secret).", True)
    body_id, body_secret = form.get("client_id"), form.get("client_secret")
    client_id = basic[0] if basic else body_id
    if not client_id:
        return _invalid_client("Client authentication failed: no client credentials "
                               "were sent.", False)
    client = state.tenant.clients.get(client_id)
    if client is None or client["envId"] != env_id:
        return _invalid_client("Client authentication failed: unknown client '%s' in "
                               "environment %s." % (client_id, env_id), bool(basic))
    if client["method"] == "NONE":
        if basic or body_secret is not None:
            return _invalid_client("Client authentication failed: this is a public "
                                   "application (NONE); send only client_id in the body, "
                                   "no client secret.", bool(basic))
        secret = None
    elif client["method"] == "CLIENT_SECRET_BASIC":
        if not basic:
            return _invalid_client("Client authentication failed: this application uses "
                                   "CLIENT_SECRET_BASIC; send the client credentials in "
                                   "the Authorization: Basic header.", False)
        if body_id is not None or body_secret is not None:
            return _invalid_client("Client authentication failed: with CLIENT_SECRET_BASIC "
                                   "the client_id and client_secret must not also appear "
                                   "in the request body.", True)
        secret = basic[1]
    else:
        if basic:
            return _invalid_client("Client authentication failed: unsupported "
                                   "authentication method; this application uses "
                                   "CLIENT_SECRET_POST (client_id and client_secret in the "
                                   "form body), not the Basic header.", True)
        if body_secret is None:
            return _invalid_client("Client authentication failed: client_secret is "
                                   "missing from the request body.", False)
        secret = body_secret
    if secret is not None and not hmac.compare_digest(secret.encode("utf-8"),
                                                      client["secret"].encode("utf-8")):
        return _invalid_client("Client authentication failed: the client secret is not "
                               "valid.", bool(basic))
    if _GRANTS[grant] not in client["grantTypes"]:
        status, err = oauth_error(400, "unauthorized_client", "This application may not use "
                                  "the %s grant." % grant)
        return status, err, list(_NO_STORE)
    issuer = state.base_url + ("/as" if custom_domain else "/%s/as" % env_id)
    if grant == "authorization_code":
        status, reply = oauth_flows.grant_authorization_code(state, client_id, client, form)
        return status, reply, list(_NO_STORE)
    if grant == "refresh_token":
        status, reply = oauth_flows.grant_refresh_token(state, client_id, client, form)
        return status, reply, list(_NO_STORE)
    scope = form.get("scope")
    if scope:
        status, err = oauth_error(400, "invalid_scope", "The requested scope is not granted "
                                  "to this worker application (worker permissions come "
                                  "from role assignments; omit scope).")
        return status, err, list(_NO_STORE)
    token, lifetime = state.issue_token(client_id, env_id, issuer)
    return 200, {"access_token": token, "token_type": "Bearer",
                 "expires_in": lifetime, "scope": ""}, list(_NO_STORE)
