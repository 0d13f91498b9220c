"""Test-only control API under /__emulator/ (no authentication; not PingOne).

    GET    /__emulator/health            {"status": "ok"}
    GET    /__emulator/requests          {"requests": [...]}  (arrival order)
    DELETE /__emulator/requests          clear the log
    GET    /__emulator/faults            queued faults
    POST   /__emulator/faults            queue {"match","status","count","retryAfter","code","message"}
    DELETE /__emulator/faults            clear queued faults
    POST   /__emulator/tokens/expire     invalidate every issued access token;
                                         {"refresh": true} also expires refresh tokens
    POST   /__emulator/refresh/revoke    revoke every refresh token
    POST   /__emulator/authorize/deny    the next authorize fails: {"error": "access_denied"
                                         (default), "description": "..."}
    GET    /__emulator/pages             queued page faults
    POST   /__emulator/pages             queue {"match","omit": "embedded"|"key","count","page"}:
                                         the next matching collection page(s) hold no items
                                         and no _embedded (or an _embedded without the key);
                                         the withheld items follow on the next page
    DELETE /__emulator/pages             clear queued page faults
    GET    /__emulator/connections       TCP connections / TLS handshakes since the last clear
    DELETE /__emulator/connections       restart those counters
    GET    /__emulator/config            current configuration
    POST   /__emulator/config            {"tokenLifetime": s, "shortPages": bool, "asciiJson": bool,
                                          "codeLifetime": s, "refreshTokenLifetime": s}
    POST   /__emulator/reset             defaults, no faults or page faults, empty log,
                                         connection counters restarted, no tokens, codes,
                                         refresh tokens or queued denials
"""

import json

from state import DEFAULT_CONFIG, validate_config, validate_fault, validate_page_fault


def _json_body(body):
    """Parse a JSON request body; return (value, None) or (None, error text)."""
    try:
        return json.loads(body.decode("utf-8") if body else "null"), None
    except (ValueError, UnicodeDecodeError) as exc:
        return None, "the body is not valid JSON: %s" % exc


def handle_control(state, method, path, body):
    """Serve one control request; return (status, body dict)."""
    route = (method, path.rstrip("/"))
    if route == ("GET", "/__emulator/health"):
        return 200, {"status": "ok"}
    if route == ("GET", "/__emulator/requests"):
        return 200, {"requests": state.get_requests()}
    if route == ("DELETE", "/__emulator/requests"):
        return 200, {"cleared": state.clear_requests()}
    if route == ("GET", "/__emulator/faults"):
        return 200, {"faults": state.list_faults()}
    if route == ("POST", "/__emulator/faults"):
        spec, err = _json_body(body)
        if err is None:
            fault, err = validate_fault(spec)
        if err:
            return 400, {"error": err}
        state.add_fault(fault)
        return 200, {"queued": {k: v for k, v in fault.items() if k != "regex"}}
    if route == ("DELETE", "/__emulator/faults"):
        return 200, {"cleared": state.clear_faults()}
    if route == ("GET", "/__emulator/pages"):
        return 200, {"pages": state.list_page_faults()}
    if route == ("POST", "/__emulator/pages"):
        spec, err = _json_body(body)
        if err is None:
            fault, err = validate_page_fault(spec)
        if err:
            return 400, {"error": err}
        state.add_page_fault(fault)
        return 200, {"queued": {k: v for k, v in fault.items() if k != "regex"}}
    if route == ("DELETE", "/__emulator/pages"):
        return 200, {"cleared": state.clear_page_faults()}
    if route == ("GET", "/__emulator/connections"):
        return 200, state.connection_stats()
    if route == ("DELETE", "/__emulator/connections"):
        return 200, {"open": state.clear_connections()}
    if route == ("POST", "/__emulator/tokens/expire"):
        spec, err = _json_body(body)
        if err or not isinstance(spec, (dict, type(None))) or \
                not isinstance((spec or {}).get("refresh", False), bool):
            return 400, {"error": err or "the body must be {} or {\"refresh\": true|false}"}
        reply = {"expired": state.expire_tokens()}
        if (spec or {}).get("refresh"):
            reply["expiredRefreshTokens"] = state.expire_refresh_tokens()
        return 200, reply
    if route == ("POST", "/__emulator/refresh/revoke"):
        return 200, {"revoked": state.revoke_refresh_tokens()}
    if route == ("POST", "/__emulator/authorize/deny"):
        spec, err = _json_body(body)
        spec = spec if isinstance(spec, dict) else {}
        error = spec.get("error", "access_denied")
        desc = spec.get("description", "The user denied the authorization request.")
        if err or not isinstance(error, str) or not isinstance(desc, str):
            return 400, {"error": err or "'error' and 'description' must be strings"}
        state.queue_denial(error, desc)
        return 200, {"queued": {"error": error, "description": desc}}
    if route == ("GET", "/__emulator/config"):
        return 200, state.update_config({})
    if route == ("POST", "/__emulator/config"):
        spec, err = _json_body(body)
        if err is None:
            changes, err = validate_config(spec)
        if err:
            return 400, {"error": err}
        return 200, state.update_config(changes)
    if route == ("POST", "/__emulator/reset"):
        state.clear_faults()
        state.clear_page_faults()
        state.clear_requests()
        state.clear_connections()
        state.expire_tokens()
        state.clear_oauth()
        return 200, state.update_config(dict(DEFAULT_CONFIG))
    return 404, {"error": "unknown control endpoint %s %s" % (method, path)}
