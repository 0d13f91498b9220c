"""PingOne error bodies (pingone-api.md section 6) and OAuth error bodies.

Every function returns (status, body_dict); the emulator adds the
Correlation-Id header and any Retry-After itself.
"""

import datetime
import uuid

_ACCESS_MSG = "The request could not be completed. You do not have access to this resource."

#: default top-level code and message per HTTP status for injected faults
_DEFAULTS = {
    400: ("INVALID_REQUEST", "The request could not be completed. The request was malformed or invalid."),
    401: ("ACCESS_FAILED", _ACCESS_MSG),
    403: ("ACCESS_FAILED", _ACCESS_MSG),
    404: ("NOT_FOUND", "The request could not be completed. The requested resource was not found."),
    405: ("METHOD_NOT_ALLOWED", "The request could not be completed. The method is not allowed."),
    409: ("CONFLICT", "The request could not be completed. There was a conflict."),
    415: ("INVALID_REQUEST", "The request could not be completed. Unsupported content type."),
    429: ("REQUEST_LIMITED", "The request could not be completed. Too many requests were sent; retry later."),
    500: ("UNEXPECTED_ERROR", "The request could not be completed. An unexpected error occurred."),
    502: ("UNEXPECTED_ERROR", "The request could not be completed. Bad gateway."),
    503: ("SERVICE_UNAVAILABLE", "The request could not be completed. The service is temporarily unavailable."),
    504: ("UNEXPECTED_ERROR", "The request could not be completed. Gateway timeout."),
}
_DETAIL_CODES = {401: "INVALID_TOKEN", 403: "INSUFFICIENT_PERMISSIONS", 429: "LIMIT_EXCEEDED"}


def p1_error(status, code, message, details=None):
    """Return (status, {"id", "code", "message", ["details"]})."""
    body = {"id": str(uuid.uuid4()), "code": code, "message": message}
    if details:
        body["details"] = details
    return status, body


def invalid_token(reason):
    """401 ACCESS_FAILED with an INVALID_TOKEN detail explaining reason."""
    return p1_error(401, "ACCESS_FAILED", _ACCESS_MSG,
                    [{"code": "INVALID_TOKEN", "message": reason}])


def env_forbidden(env_id):
    """403 for an environment that does not exist (PingOne answers 403, not 404)."""
    return p1_error(403, "ACCESS_FAILED", _ACCESS_MSG,
                    [{"code": "INSUFFICIENT_PERMISSIONS",
                      "message": "The actor attempting to perform the request is not "
                                 "authorized for environment %s." % env_id}])


def not_found(what):
    """404 NOT_FOUND; what names the missing resource."""
    return p1_error(404, "NOT_FOUND", "The request could not be completed. Unable to find "
                    "%s." % what)


def invalid_filter(err):
    """400 INVALID_DATA / INVALID_FILTER from a scim_filter.FilterError."""
    return p1_error(400, "INVALID_DATA", "The request could not be completed. One or more "
                    "validation errors were in the request.",
                    [{"code": "INVALID_FILTER", "target": "filter", "message": err.message,
                      "innerError": {"supportedAttributes": err.supported_attributes,
                                     "supportedOperators": err.supported_operators}}])


def invalid_param(target, detail_code, message, inner=None):
    """400 INVALID_DATA for a bad query parameter (limit, cursor, expand...)."""
    detail = {"code": detail_code, "target": target, "message": message}
    if inner:
        detail["innerError"] = inner
    return p1_error(400, "INVALID_DATA", "The request could not be completed. One or more "
                    "validation errors were in the request.", [detail])


def fault(status, code=None, message=None, retry_after=None):
    """Body of an injected fault for a management path."""
    dcode, dmsg = _DEFAULTS.get(status, ("UNEXPECTED_ERROR", "The request could not be "
                                         "completed. Injected fault."))
    details = None
    if status in _DETAIL_CODES:
        detail = {"code": _DETAIL_CODES[status], "message": message or dmsg}
        if status == 429 and retry_after is not None:
            detail["innerError"] = {"retryAfter": _retry_time(retry_after)}
        details = [detail]
    return p1_error(status, code or dcode, message or dmsg, details)


def _retry_time(retry_after):
    """innerError.retryAfter is a date-time (official spec): now + seconds, or the HTTP-date."""
    try:
        seconds = int(retry_after)
    except (TypeError, ValueError):
        return str(retry_after)
    when = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=seconds)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + "%03dZ" % (when.microsecond // 1000)


def oauth_error(status, error, description):
    """RFC 6749 section 5.2 error body for the token endpoint."""
    return status, {"error": error, "error_description": description}
