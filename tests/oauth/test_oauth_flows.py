"""OAuth flows end to end through the driver manager (issue 5), against the emulator.

AuthScheme=OAuth with the emulator's authorization-code application:
procedures on a connection without a token, the WEB exchange, reused code,
refresh rotation, the manual token (valid, expired, rejected), the desktop
flow with a scripted browser (http and https callbacks, wrong state, denial,
timeout, no browser), the headless verifier, a copied and a tampered settings
file, a refresh in the middle of a long scan, processes refreshing one
settings file at once, AuthScheme=OAuthClient and memory://, isql, and no
secret or token in the log at the highest verbosity.
"""
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pyodbc

sys.path.insert(0, os.path.join(os.environ.get("top_srcdir", "."), "tests", "integration"))
import p1test  # noqa: E402
from p1test import ok, is_eq, diag, dataset as D  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
URL = os.environ["P1_EMULATOR_URL"]
CA = os.environ["P1_EMULATOR_CA"]
STATE = os.environ["P1_EMULATOR_STATE"]
LOG = os.path.join(STATE, "oauth-driver.log")
TMP = tempfile.mkdtemp(prefix="p1oauth.")
SECRETS = [D.AUTHCODE_CLIENT_SECRET, D.CLIENT_SECRET]
Q = "SELECT Id FROM Users WHERE Username = 'user0042'"


def cs(**kw):
    """Connection string for the authorization-code app; kw overrides (None drops)."""
    props = {"Driver": os.environ["P1_DRIVER"], "AuthScheme": "OAuth",
             "OAuthClientId": D.AUTHCODE_CLIENT_ID, "OAuthClientSecret": D.AUTHCODE_CLIENT_SECRET,
             "WorkerAppEnvironmentId": D.ADMIN_ENV_ID, "EnvironmentId": D.DEFAULT_ENV_ID,
             "AuthorizationServerURL": "%s/%s/as" % (URL, D.ADMIN_ENV_ID),
             "APIBaseURL": URL + "/v1", "SSLServerCert": CA, "Logfile": LOG, "Verbosity": "5"}
    props.update(kw)
    return ";".join("%s=%s" % (k, v) for k, v in props.items() if v is not None)


def fresh_config():
    """A new, empty XDG_CONFIG_HOME (the default settings location); returns it."""
    d = tempfile.mkdtemp(dir=TMP)
    os.environ["XDG_CONFIG_HOME"] = d
    return d


def settings_file(d):
    return os.path.join(d, "pingone-odbc", "OAuthSettings.txt")


def connect(s, **kw):
    return pyodbc.connect(s, autocommit=True, timeout=0, **kw)


def connect1(s):
    """Connect once: pyodbc retries a failed SQLDriverConnectW with the ANSI call, which
    would run a second sign-in; ansi=True makes exactly one attempt."""
    return pyodbc.connect(s, autocommit=True, timeout=0, ansi=True)


def error_of(fn):
    """(sqlstate, message) of the pyodbc error fn raises, or (None, None)."""
    try:
        fn()
    except pyodbc.Error as e:
        return e.args[0], e.args[1] if len(e.args) > 1 else str(e)
    return None, None


def query_ok(conn):
    rows = conn.cursor().execute(Q).fetchall()
    return len(rows) == 1


def authorize_code(url):
    """Follow an authorize URL like a browser would, without reaching the callback: the code."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *a, **k):
            return None
    import ssl
    opener = urllib.request.build_opener(
        urllib.request.HTTPSHandler(context=ssl.create_default_context(cafile=CA)), NoRedirect)
    try:
        opener.open(url, timeout=30)
    except urllib.error.HTTPError as e:
        q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(e.headers["Location"]).query))
        return q
    return {}


def token_grants(reqs):
    """Grant kinds of the token requests in reqs: 'code', 'refresh' or 'client'."""
    out = []
    for r in reqs:
        if r["path"].endswith("/as/token"):
            keys = r.get("formKeys") or []
            out.append("code" if "code" in keys else "refresh" if "refresh_token" in keys
                       else "client")
    return out


def use_browser(mode="follow"):
    os.environ["BROWSER"] = os.path.join(HERE, "fake_browser.py")
    os.environ["FAKE_BROWSER_MODE"] = mode
    os.environ["FAKE_BROWSER_LOG"] = os.path.join(TMP, "browser.log")


def browser_calls():
    try:
        with open(os.path.join(TMP, "browser.log")) as f:
            return len(f.read().split())
    except FileNotFoundError:
        return 0


def call_token(conn, *args):
    """{call GetOAuthAccessToken(?, ?, ?, ?, ?)} -> (access, refresh, expires_in)."""
    row = conn.cursor().execute("{call GetOAuthAccessToken(?, ?, ?, ?, ?)}", *args).fetchone()
    return tuple(row)


def test_procedures_without_token():
    fresh_config()
    conn = connect(cs())
    ok(True, "OFF without a token: connect succeeds")
    cur = conn.cursor()
    row = cur.execute("EXEC GetOAuthAuthorizationURL @CallbackUrl='http://localhost:33333', "
                      "@State='xyz'").fetchone()
    is_eq([d[0] for d in cur.description], ["URL"], "GetOAuthAuthorizationURL returns URL")
    u = urllib.parse.urlsplit(row[0])
    q = dict(urllib.parse.parse_qsl(u.query))
    is_eq(u.path, "/%s/as/authorize" % D.ADMIN_ENV_ID, "authorize endpoint of the environment")
    is_eq((q.get("response_type"), q.get("client_id"), q.get("redirect_uri"), q.get("state"),
           q.get("code_challenge_method")),
          ("code", D.AUTHCODE_CLIENT_ID, "http://localhost:33333", "xyz", "S256"),
          "URL carries response_type, client_id, redirect_uri, state, S256")
    ok(len(q.get("code_challenge", "")) == 43, "PKCE challenge present")
    is_eq(q.get("scope"), "openid", "default Scope")
    st, msg = error_of(lambda: conn.cursor().execute(Q).fetchall())
    is_eq(st, "28000", "data query without a token: 28000")
    ok(msg and "GetOAuthAccessToken" in msg and "InitiateOAuth" in msg, "message says how to get one")

    # WEB: the verifier kept by GetOAuthAuthorizationURL makes the exchange work.
    res = authorize_code(row[0])
    ok("code" in res and res.get("state") == "xyz", "emulator redirected with code and state")
    SECRETS.append(res.get("code", "?"))
    cur = conn.cursor()
    cur.execute("{call GetOAuthAccessToken(?, ?, ?, ?, ?)}", "WEB", res["code"], None, None, None)
    is_eq([d[0] for d in cur.description], ["OAuthAccessToken", "OAuthRefreshToken", "ExpiresIn"],
          "GetOAuthAccessToken columns")
    ok(cur.description[2][1] is int, "ExpiresIn is an integer")
    at, rt, exp = cur.fetchone()
    SECRETS.extend([at, rt])
    ok(at and rt and exp > 0, "WEB exchange returns tokens and lifetime")
    ok(query_ok(conn), "same connection can query after GetOAuthAccessToken")
    st, msg = error_of(lambda: call_token(conn, "WEB", res["code"], None, None, None))
    ok(st == "28000" and "invalid_grant" in msg, "reused code: 28000 invalid_grant")

    row = conn.cursor().execute("{call RefreshOAuthAccessToken(?)}", rt).fetchone()
    SECRETS.extend([row[0], row[1]])
    ok(row[0] and row[1] and row[1] != rt and row[2] > 0, "RefreshOAuthAccessToken rotates the refresh token")
    conn.close()

    # Manual token with InitiateOAuth=OFF.
    c2 = connect(cs(OAuthAccessToken=row[0]))
    ok(query_ok(c2), "OFF with OAuthAccessToken: query works")
    c2.close()
    old = int(time.time() * 1000) - 7200 * 1000
    c3 = connect(cs(OAuthAccessToken=row[0], OAuthExpiresIn=3600, OAuthTokenTimestamp=old))
    st, msg = error_of(lambda: c3.cursor().execute(Q).fetchall())
    ok(st == "28000" and "expired" in msg and "RefreshOAuthAccessToken" in msg,
       "OFF with an expired token: 28000 telling to refresh")
    c3.close()
    p1test._call("POST", "/__emulator/tokens/expire")
    st, msg = error_of(lambda: connect1(cs(OAuthAccessToken=row[0])).cursor().execute(Q).fetchall())
    ok(st == "28000" and "RefreshOAuthAccessToken" in (msg or ""),
       "OFF with a token PingOne rejects: 28000 telling to refresh")
    st, msg = error_of(lambda: connect1(cs()).cursor().execute(
        "{call RefreshOAuthAccessToken(?)}", rt).fetchall())
    ok(st == "28000" and "invalid_grant" in msg, "reused (rotated) refresh token: invalid_grant")


def test_desktop():
    cfg = fresh_config()
    use_browser()
    before = browser_calls()
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH"))
    ok(query_ok(conn), "GETANDREFRESH: browser sign-in, then query")
    is_eq(browser_calls() - before, 1, "the browser was opened once")
    is_eq(token_grants(p1test.requests()), ["code"], "one authorization_code exchange")
    conn.close()
    f = settings_file(cfg)
    ok(os.path.exists(f) and stat.S_IMODE(os.stat(f).st_mode) == 0o600, "settings file written, mode 0600")
    ok(not os.path.exists(f + ".tmp"), "no temporary file left")
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH"))
    ok(query_ok(conn), "second connection reuses the stored token")
    is_eq(browser_calls() - before, 1, "no second browser")
    is_eq(token_grants(p1test.requests()), [], "no token request")
    conn.close()
    p1test._call("POST", "/__emulator/tokens/expire")
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH"))
    ok(query_ok(conn), "rejected stored token: refreshed")
    is_eq(token_grants(p1test.requests()), ["refresh"], "one refresh grant")
    conn.close()
    p1test._call("POST", "/__emulator/refresh/revoke")
    p1test._call("POST", "/__emulator/tokens/expire")
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH"))
    ok(query_ok(conn), "revoked refresh token: browser sign-in again")
    is_eq(token_grants(p1test.requests()), ["refresh", "code"], "refresh refused, then code")
    conn.close()

    # https callback with the throwaway certificate.
    fresh_config()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH", CallbackURL="https://localhost:33334"))
    ok(query_ok(conn), "https CallbackURL works")
    conn.close()
    # procedure in APP mode
    fresh_config()
    conn = connect(cs())
    at, rt, exp = call_token(conn, "APP", None, None, None, None)
    SECRETS.extend([at, rt])
    ok(at and rt and exp > 0, "GetOAuthAccessToken AuthMode=APP runs the browser flow")
    conn.close()

    fresh_config()
    use_browser("badstate")
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="GETANDREFRESH")))
    ok(st == "28000" and "state" in (msg or ""), "wrong state: 28000")
    use_browser()
    p1test._call("POST", "/__emulator/authorize/deny", {})
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="GETANDREFRESH")))
    if not ok(st == "28000" and "access_denied" in (msg or ""), "denied sign-in: 28000 with PingOne's error"):
        diag("%s %s" % (st, msg))
    use_browser("ignore")
    os.environ["PINGONE_ODBC_CALLBACK_TIMEOUT"] = "2"
    t0 = time.time()
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="GETANDREFRESH")))
    if not ok(st == "HYT00" and "/as/authorize?" in (msg or "") and time.time() - t0 < 30,
              "no redirect: HYT00 after the wait, with the URL to open"):
        diag("%s %s" % (st, msg))
    del os.environ["PINGONE_ODBC_CALLBACK_TIMEOUT"]
    os.environ["BROWSER"] = "/nonexistent/browser"
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="GETANDREFRESH")))
    ok(st == "28000" and "/as/authorize?" in (msg or "") and "OAuthVerifier" in msg,
       "no browser: the URL is in the diagnostic")
    # ... and the PKCE verifier kept makes the headless exchange possible
    q = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(msg[msg.index("https://"):].split()[0]).query))
    res = authorize_code(msg[msg.index("https://"):].split()[0])
    if "code" not in res:
        diag("URL from the message: %r -> %r" % (msg[msg.index("https://"):].split()[0], res))
    SECRETS.append(res.get("code", "?"))
    conn = connect(cs(InitiateOAuth="REFRESH", OAuthVerifier=res.get("code", "none")))
    ok(query_ok(conn) and q.get("state") == res.get("state"), "URL from the diagnostic + OAuthVerifier works")
    conn.close()
    use_browser()


def test_other_clients():
    fresh_config()
    use_browser()
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH", OAuthClientId=D.PUBLIC_CLIENT_ID,
                      OAuthClientSecret=None))
    ok(query_ok(conn), "public client (no secret, PKCE S256 required): browser sign-in works")
    toks = [r for r in p1test.requests() if r["path"].endswith("/as/token")]
    ok(toks and all(r.get("authScheme") in (None, "", "none") for r in toks) and
       "client_id" in toks[0].get("formKeys", []) and "client_secret" not in toks[0].get("formKeys", []),
       "public client sends client_id only")
    conn.close()
    fresh_config()
    conn = connect(cs(InitiateOAuth="GETANDREFRESH", OAuthClientId=D.AUTHCODE_POST_CLIENT_ID,
                      OAuthClientSecret=D.AUTHCODE_POST_CLIENT_SECRET))
    ok(query_ok(conn), "client_secret_post application: falls back from Basic and signs in")
    conn.close()
    SECRETS.append(D.AUTHCODE_POST_CLIENT_SECRET)


def test_headless_and_copy():
    cfg = fresh_config()
    conn = connect(cs())
    url = conn.cursor().execute("{call GetOAuthAuthorizationURL(?, ?, ?)}",
                                "http://127.0.0.1:33333", None, None).fetchone()[0]
    conn.close()
    code = authorize_code(url).get("code", "none")
    SECRETS.append(code)
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="REFRESH", OAuthVerifier=code))
    ok(query_ok(conn), "REFRESH + OAuthVerifier: exchanged and connected")
    conn.close()
    conn = connect(cs(InitiateOAuth="REFRESH", OAuthVerifier=code))
    ok(query_ok(conn), "same verifier again: stored tokens used")
    conn.close()
    is_eq(token_grants(p1test.requests()), ["code"], "verifier exchanged once")
    conn = connect(cs(InitiateOAuth="REFRESH"))
    ok(query_ok(conn), "REFRESH without verifier: stored tokens")
    conn.close()

    # Copy to another machine (another config folder) and force a refresh there.
    other = fresh_config()
    os.makedirs(os.path.join(other, "pingone-odbc"))
    shutil.copy(settings_file(cfg), settings_file(other))
    p1test._call("POST", "/__emulator/tokens/expire")
    p1test.clear_requests()
    conn = connect(cs(InitiateOAuth="REFRESH"))
    ok(query_ok(conn), "copied settings file works with the same client id/secret")
    is_eq(token_grants(p1test.requests()), ["refresh"], "... after a refresh")
    conn.close()
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="REFRESH",
                                          OAuthClientSecret=D.AUTHCODE_POST_CLIENT_SECRET)))
    ok(st is not None and "cannot be decrypted" in (msg or ""), "other credentials: file cannot be decrypted")
    ok(D.AUTHCODE_POST_CLIENT_SECRET not in (msg or ""), "no secret in that message")
    with open(settings_file(other)) as f:
        text = f.read()
    lines = text.split("\n")
    b = list(lines[1])
    b[20] = "A" if b[20] != "A" else "B"
    lines[1] = "".join(b)
    with open(settings_file(other), "w") as f:
        f.write("\n".join(lines))
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="REFRESH")))
    ok(st == "HY000" and "changed" in (msg or "") and settings_file(other) in msg,
       "tampered settings file detected")
    fresh_config()
    st, msg = error_of(lambda: connect1(cs(InitiateOAuth="REFRESH")))
    ok(st == "28000" and "OAuthVerifier" in (msg or ""), "REFRESH with nothing stored: 28000 saying what to give")
    return cfg


def test_long_scan():
    cfg = fresh_config()
    use_browser()
    connect(cs(InitiateOAuth="GETANDREFRESH")).close()
    users = len(p1test.default_env().users)
    conn = connect(cs(InitiateOAuth="REFRESH", Pagesize="100"))
    cur = conn.cursor()
    cur.execute("SELECT Id FROM Users")
    first = cur.fetchmany(250)
    p1test._call("POST", "/__emulator/tokens/expire")
    p1test.clear_requests()
    rest = cur.fetchall()
    ids = [r[0] for r in first + rest]
    is_eq(len(ids), users, "every user read across the token expiry")
    is_eq(len(set(ids)), users, "no row repeated")
    reqs = p1test.requests()
    is_eq(token_grants(reqs), ["refresh"], "one refresh in the middle of the scan")
    ok(any(r["status"] == 401 for r in reqs), "PingOne did answer 401 once")
    conn.close()
    return cfg


def test_concurrent(cfg):
    os.environ["XDG_CONFIG_HOME"] = cfg
    p1test._call("POST", "/__emulator/tokens/expire")
    p1test.clear_requests()
    script = ("import pyodbc,sys\n"
              "try:\n"
              "    c = pyodbc.connect(sys.argv[1], autocommit=True)\n"
              "    n = len(c.cursor().execute(sys.argv[2]).fetchall())\n"
              "    print('OK' if n == 1 else 'BAD')\n"
              "except Exception as e:\n"
              "    print('ERR', e)\n")
    procs = [subprocess.Popen(["/usr/bin/python3", "-c", script, cs(InitiateOAuth="REFRESH"), Q],
                              stdout=subprocess.PIPE, text=True) for _ in range(4)]
    outs = [p.communicate(timeout=120)[0].strip() for p in procs]
    ok(all(o == "OK" for o in outs), "four processes refreshing one settings file all succeed")
    if not all(o == "OK" for o in outs):
        diag("\n".join(outs))
    reqs = p1test.requests()
    grants = token_grants(reqs)
    is_eq(grants, ["refresh"], "exactly one refresh: the others re-read the file under the lock")
    ok(not any(r["path"].endswith("/as/token") and r["status"] >= 400 for r in reqs), "no invalid_grant")
    conn = connect(cs(InitiateOAuth="REFRESH"))
    ok(query_ok(conn), "the file ends with valid tokens")
    conn.close()


def test_client_scheme():
    p1test.clear_requests()
    base = os.environ["P1_CONNSTR"] + ";AuthScheme=OAuthClient;Logfile=%s;Verbosity=5" % LOG
    conn = connect(base)
    at, rt, exp = call_token(conn, None, None, None, None, None)
    SECRETS.append(at)
    ok(at and rt == "" and exp > 0, "OAuthClient: GetOAuthAccessToken gives a client-credentials token, no refresh token")
    st, msg = error_of(lambda: conn.cursor().execute("{call RefreshOAuthAccessToken(?)}", "x").fetchall())
    ok(st is not None and "OAuthClient" in (msg or ""), "OAuthClient: RefreshOAuthAccessToken explains why not")
    conn.close()
    mem = base + ";OAuthSettingsLocation=memory://shared1"
    c1 = connect(mem)
    p1test.clear_requests()
    c2 = connect(mem)
    ok(query_ok(c2), "memory:// second connection works")
    is_eq(token_grants(p1test.requests()), [], "memory:// second connection reuses the token")
    c1.close()
    c2.close()


def test_isql():
    conn_str = cs()
    out = subprocess.run(["isql", "-b", "-d|", "-k", conn_str],
                         input="EXEC GetOAuthAuthorizationURL @CallbackUrl='http://localhost:33333'\n",
                         capture_output=True, text=True, timeout=60).stdout
    ok("/as/authorize?response_type=code" in out, "isql: EXEC GetOAuthAuthorizationURL")
    out = subprocess.run(["isql", "-b", "-d|", "-k", conn_str],
                         input="CALL GetOAuthAuthorizationURL('http://127.0.0.1:33333', 'openid profile', 's1')\n",
                         capture_output=True, text=True, timeout=60).stdout
    ok("redirect_uri=http%3A%2F%2F127.0.0.1%3A33333" in out and "state=s1" in out, "isql: CALL with positional arguments")
    conn = connect(cs())
    names = sorted(r.procedure_name for r in conn.cursor().procedures())
    ok({"GetOAuthAuthorizationURL", "GetOAuthAccessToken", "RefreshOAuthAccessToken"} <= set(names),
       "SQLProcedures lists the three procedures")
    cols = [r.column_name for r in conn.cursor().procedureColumns(procedure="GetOAuthAccessToken")]
    ok(all(c in cols for c in ["AuthMode", "Verifier", "CallbackUrl", "State", "Scope",
                               "OAuthAccessToken", "OAuthRefreshToken", "ExpiresIn"]),
       "SQLProcedureColumns: inputs and result columns")
    if not all(c in cols for c in ["AuthMode", "ExpiresIn"]):
        diag(repr(cols))
    conn.close()


def isql(conn_str, sql):
    """Run one statement with isql -k (delimited output); stdout lines."""
    r = subprocess.run(["isql", "-b", "-d|", "-L20000", "-k", conn_str], input=sql + "\n",
                       capture_output=True, text=True, timeout=60)
    return [l for l in r.stdout.splitlines() if l.strip()]


def test_isql_tokens():
    # No log here: isql sends literals, and the driver logs statement text.
    fresh_config()
    quiet = cs(Logfile="")
    lines = isql(quiet, "EXEC GetOAuthAuthorizationURL @CallbackUrl='http://localhost:33333'")
    url = next((l for l in lines if "/as/authorize?" in l), "")
    res = authorize_code(url) if url else {}
    ok("code" in res, "isql: authorization URL followed")
    lines = isql(quiet, "EXEC GetOAuthAccessToken @AuthMode='WEB', @Verifier='%s'" % res.get("code", "x"))
    parts = next((l.split("|") for l in lines if l.count("|") == 2), ["", "", ""])
    ok(parts[0] and parts[1] and parts[2].isdigit(), "isql: GetOAuthAccessToken WEB (verifier kept in the store)")
    lines = isql(quiet, "CALL RefreshOAuthAccessToken('%s')" % parts[1])
    new = next((l.split("|") for l in lines if l.count("|") == 2), ["", "", ""])
    ok(new[0] and new[1] and new[1] != parts[1], "isql: RefreshOAuthAccessToken")
    conn = connect(cs(OAuthAccessToken=new[0]))
    ok(query_ok(conn), "token from isql works")
    conn.close()


def test_margin():
    p1test._call("POST", "/__emulator/config", {"tokenLifetime": 5})
    try:
        fresh_config()
        use_browser()
        conn = connect(cs(InitiateOAuth="GETANDREFRESH"))
        ok(query_ok(conn), "5 s token: signed in")
        time.sleep(4.3)
        p1test.clear_requests()
        ok(query_ok(conn), "query near expiry works")
        reqs = p1test.requests()
        is_eq(token_grants(reqs), ["refresh"], "refreshed before expiry (margin)")
        ok(not any(r["status"] == 401 for r in reqs), "without a 401 first")
        conn.close()
    finally:
        p1test._call("POST", "/__emulator/config", {"tokenLifetime": 3600})


def test_log():
    with open(LOG, errors="replace") as f:
        text = f.read()
    ok(len(text) > 0, "the log was written at Verbosity=5")
    leaked = [s for s in SECRETS if s and len(s) >= 8 and s in text]
    ok(not leaked, "no secret, token or code in the log (%d values checked)" % len(SECRETS))
    for s in leaked:
        diag("leaked: %s..." % s[:6])


def test_custom_domain():
    """AuthorizationServerURL of a custom domain (https://<domain>/as, no environment id):
    the authorize URL, the code exchange and client credentials all use <base>/..."""
    fresh_config()
    base = URL + "/as"
    conn = connect(cs(AuthorizationServerURL=base, OAuthSettingsLocation="memory://custom-domain"))
    row = conn.cursor().execute("EXEC GetOAuthAuthorizationURL @CallbackUrl='http://localhost:33333', "
                                "@State='cd1'").fetchone()
    u = urllib.parse.urlsplit(row[0])
    is_eq(u.scheme + "://" + u.netloc + u.path, base + "/authorize",
          "custom domain: authorize URL is <AuthorizationServerURL>/authorize")
    res = authorize_code(row[0])
    SECRETS.append(res.get("code", "?"))
    p1test.clear_requests()
    at, rt, exp = call_token(conn, "WEB", res.get("code"), None, None, None)
    SECRETS.extend([at, rt])
    ok(at and rt and exp > 0, "custom domain: code exchanged for tokens")
    paths = [r["path"] for r in p1test.requests() if r["path"].endswith("/token")]
    is_eq(paths, ["/as/token"], "custom domain: the token request went to <base>/token")
    ok(query_ok(conn), "custom domain: the connection queries with that token")
    conn.close()
    # client credentials through the custom domain (the first occurrence of a key wins)
    p1test.clear_requests()
    c2 = connect("AuthorizationServerURL=%s;AuthScheme=OAuthClient;" % base + os.environ["P1_CONNSTR"])
    ok(query_ok(c2), "custom domain: client credentials sign in and query")
    paths = [r["path"] for r in p1test.requests() if r["path"].endswith("/token")]
    is_eq(paths, ["/as/token"], "custom domain: client credentials at <base>/token")
    c2.close()


def test_sys_procedures():
    """The three OAuth procedures are listed by sys_procedures and sys_procedureparameters."""
    conn = connect(cs())
    cur = conn.cursor()
    names = {r[0] for r in cur.execute("SELECT ProcedureName FROM sys_procedures").fetchall()}
    ok({"GetOAuthAuthorizationURL", "GetOAuthAccessToken", "RefreshOAuthAccessToken"} <= names,
       "sys_procedures lists the three OAuth procedures (%s)" % sorted(names))
    conn.close()


def main():
    for name, fn in [("procedures", test_procedures_without_token), ("desktop", test_desktop)]:
        diag("== " + name)
        fn()
    diag("== other clients")
    test_other_clients()
    diag("== headless")
    test_headless_and_copy()
    diag("== long scan")
    cfg = test_long_scan()
    diag("== concurrent")
    test_concurrent(cfg)
    diag("== client")
    test_client_scheme()
    diag("== isql / catalog")
    test_isql()
    test_isql_tokens()
    test_sys_procedures()
    diag("== custom domain")
    test_custom_domain()
    diag("== renewal margin")
    test_margin()
    test_log()


try:
    p1test.run(main)
finally:
    shutil.rmtree(TMP, ignore_errors=True)
