"""Helpers for the emulator's own TAP tests: TAP output, process control, HTTPS client.

    tap = Tap()
    with EmulatorProcess() as emu:
        c = emu.client()
        status, headers, body = c.get("/v1/environments", token=c.token())
        tap.ok(status == 200, "environments list")
    sys.exit(tap.done())
"""

import base64
import http.client
import json
import os
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import shutil
from urllib.parse import urlencode, urlsplit

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import dataset  # noqa: E402


class Tap:
    """Minimal TAP producer: ok(), is_eq(), done() prints the plan at the end."""

    def __init__(self):
        """Start with no tests run."""
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, diag=None):
        """Report one test; diag (any value) is printed as a comment on failure."""
        self.n += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name), flush=True)
        if not cond:
            self.failed += 1
            if diag is not None:
                for line in str(diag).splitlines()[:40]:
                    print("# " + line)
        return bool(cond)

    def is_eq(self, got, want, name):
        """ok(got == want) with both values shown on failure."""
        return self.ok(got == want, name, "got:  %r\nwant: %r" % (got, want))

    def done(self):
        """Print the plan; return the process exit status."""
        print("1..%d" % self.n, flush=True)
        return 1 if self.failed else 0


class Client:
    """One keep-alive HTTPS connection to the emulator, JSON in and out."""

    def __init__(self, port, cafile, host="127.0.0.1"):
        """Connect lazily to host:port trusting cafile."""
        self.port = port
        self.host = host
        self.ctx = ssl.create_default_context(cafile=cafile)
        self.conn = None
        self.connects = 0

    def _connection(self):
        """Return the open connection, opening one if needed."""
        if self.conn is None:
            self.conn = http.client.HTTPSConnection(self.host, self.port, context=self.ctx,
                                                    timeout=30)
            self.connects += 1
        return self.conn

    def request(self, method, path, body=None, headers=None, query=None):
        """Send a request; return (status, headers with lower-case names, parsed body)."""
        if query:
            path = path + ("&" if "?" in path else "?") + urlencode(query)
        if path.startswith("https://"):
            parts = urlsplit(path)
            path = parts.path + ("?" + parts.query if parts.query else "")
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode("utf-8")
            hdrs.setdefault("Content-Type", "application/json")
        for attempt in (0, 1):
            conn = self._connection()
            try:
                conn.request(method, path, body=body, headers=hdrs)
                resp = conn.getresponse()
                data = resp.read()
                break
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                conn.close()
                self.conn = None
                if attempt:
                    raise
        rh = {k.lower(): v for k, v in resp.getheaders()}
        if resp.getheader("Connection", "").lower() == "close":
            conn.close()
            self.conn = None
        try:
            parsed = json.loads(data.decode("utf-8")) if data else None
        except ValueError:
            parsed = data
        return resp.status, rh, parsed

    def get(self, path, token=None, query=None, headers=None):
        """GET path with an optional Bearer token."""
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        return self.request("GET", path, headers=h, query=query)

    def token_request(self, form, basic=None, env_id=dataset.ADMIN_ENV_ID, path=None):
        """POST the token endpoint with form (dict) and optional Basic (id, secret)."""
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if basic:
            raw = ("%s:%s" % basic).encode("utf-8")
            h["Authorization"] = "Basic " + base64.b64encode(raw).decode("ascii")
        return self.request("POST", path or "/%s/as/token" % env_id,
                            body=urlencode(form).encode("ascii"), headers=h)

    def token(self):
        """A fresh access token for the CLIENT_SECRET_BASIC worker."""
        status, _, body = self.token_request({"grant_type": "client_credentials"},
                                             basic=(dataset.CLIENT_ID, dataset.CLIENT_SECRET))
        if status != 200:
            raise RuntimeError("token request failed: %s %s" % (status, body))
        return body["access_token"]

    def control(self, method, path, body=None):
        """Call the /__emulator/ control API."""
        return self.request(method, "/__emulator/" + path, body=body)

    def close(self):
        """Close the connection."""
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class EmulatorProcess:
    """Start emulator.py on a temporary state directory; stop it on exit."""

    def __init__(self, seed=1):
        """Remember the seed; start() launches the process."""
        self.seed = seed
        self.dir = None
        self.proc = None
        self.port = None
        self.startup_seconds = None

    def start(self, timeout=30):
        """Launch the emulator and wait until DIR/port appears."""
        self.dir = tempfile.mkdtemp(prefix="p1emu-")
        state = os.path.join(self.dir, "state")
        t0 = time.time()
        self.proc = subprocess.Popen(
            ["/usr/bin/python3", os.path.join(HERE, "emulator.py"), "--state-dir", state,
             "--port", "0", "--seed", str(self.seed)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        port_file = os.path.join(state, "port")
        while time.time() - t0 < timeout:
            if os.path.exists(port_file):
                with open(port_file, encoding="ascii") as f:
                    self.port = int(f.read().strip())
                self.startup_seconds = time.time() - t0
                return self
            if self.proc.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError("emulator did not start: %s" % self.proc.stderr.read())

    @property
    def state_dir(self):
        """The --state-dir of the running emulator."""
        return os.path.join(self.dir, "state")

    @property
    def cafile(self):
        """Path of DIR/ca.pem."""
        return os.path.join(self.state_dir, "ca.pem")

    def client(self, host="127.0.0.1"):
        """A new Client for this emulator."""
        return Client(self.port, self.cafile, host)

    def stop(self, sig=signal.SIGTERM, timeout=10):
        """Send sig and wait; return (exit code, stdout bytes, stderr bytes)."""
        if self.proc is None:
            return None, b"", b""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        code = self.proc.returncode
        self.proc = None
        return code, out, err

    def cleanup(self):
        """Remove the temporary directory."""
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        """Start and return self."""
        return self.start()

    def __exit__(self, *exc):
        """Stop and clean up."""
        self.stop()
        self.cleanup()
        return False


def fetch_all(client, path, token, query=None):
    """Follow _links.next from path; return (items, list of page bodies, statuses)."""
    pages, statuses, items = [], [], []
    status, _, body = client.get(path, token=token, query=query)
    statuses.append(status)
    while status == 200:
        pages.append(body)
        key = next(iter(body["_embedded"]))
        items.extend(body["_embedded"][key])
        nxt = body["_links"].get("next")
        if not nxt:
            break
        status, _, body = client.get(nxt["href"], token=token)
        statuses.append(status)
    return items, pages, statuses
