#!/usr/bin/python3
"""A stand-in for the user's browser in OAuth tests (set as BROWSER).

Called with the authorize URL. Follows it with urllib (trusting the
emulator's CA), then delivers PingOne's redirect to the driver's callback
listener (an https callback uses a throwaway certificate, so it is not
verified - a real browser would show a warning). Behaviour by
FAKE_BROWSER_MODE: follow (default), badstate (changes state before
delivering), ignore (never answers; the driver times out).
FAKE_BROWSER_LOG, when set, gets one line per call (the mode) - never the URL.
"""
import os
import ssl
import sys
import urllib.error
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def main():
    url = sys.argv[-1]
    mode = os.environ.get("FAKE_BROWSER_MODE", "follow")
    log = os.environ.get("FAKE_BROWSER_LOG")
    if log:
        with open(log, "a") as f:
            f.write(mode + "\n")
    if mode == "ignore":
        return 0
    ctx = ssl.create_default_context(cafile=os.environ["P1_EMULATOR_CA"])
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=ctx), _NoRedirect)
    try:
        opener.open(url, timeout=30)
        return 1
    except urllib.error.HTTPError as e:
        if e.code not in (301, 302, 303, 307):
            return 1
        location = e.headers["Location"]
    if mode == "badstate":
        parts = urllib.parse.urlsplit(location)
        q = dict(urllib.parse.parse_qsl(parts.query))
        q["state"] = "forged-" + q.get("state", "")
        location = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(q)))
    cb_ctx = ssl._create_unverified_context()  # the driver's throwaway certificate
    try:
        urllib.request.urlopen(location, context=cb_ctx, timeout=30).read()
    except urllib.error.HTTPError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
