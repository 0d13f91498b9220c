#!/usr/bin/python3
"""PingOne API emulator for the pingone-odbc tests (Python 3 standard library only).

    /usr/bin/python3 tests/emulator/emulator.py --state-dir DIR [--port 0] [--seed 1]

Creates DIR, makes a throwaway CA and server certificate (DIR/ca.pem is the
CA to trust), serves HTTPS on 127.0.0.1 and, once ready, writes DIR/pid and
DIR/port atomically.  Logs to DIR/emulator.log; prints nothing on stdout.
Stops cleanly on SIGTERM or SIGINT.

Routes:
    POST /{envId}/as/token, POST /as/token        auth API (token endpoint)
    GET|POST /{envId}/as/authorize, /as/authorize authorize (non-interactive test login)
    GET  /v1/...                                  management API (see management.py)
    *    /__emulator/...                          test control API (see control.py)
"""

import argparse
import http.server
import json
import logging
import os
import signal
import socket
import ssl
import sys
import threading
import time
import traceback
import uuid
from urllib.parse import parse_qsl, unquote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import certs  # noqa: E402
import dataset  # noqa: E402
import p1errors  # noqa: E402
from control import handle_control  # noqa: E402
from management import handle_management  # noqa: E402
from oauth_flows import handle_authorize  # noqa: E402
from state import EmulatorState  # noqa: E402
from token_endpoint import handle_token  # noqa: E402

LOG = logging.getLogger("emulator")
_HIDDEN_HEADERS = {"authorization", "cookie", "proxy-authorization"}


class Handler(http.server.BaseHTTPRequestHandler):
    """One HTTP/1.1 keep-alive connection; every response has Content-Length."""

    protocol_version = "HTTP/1.1"
    server_version = "PingOneEmulator/1.0"
    sys_version = ""
    timeout = 120
    disable_nagle_algorithm = True

    def setup(self):
        """Count the connection and finish its TLS handshake in this connection's thread."""
        self.conn_id = self.server.state.connection_opened()
        self.request.settimeout(self.timeout)
        try:
            self.request.do_handshake()
        except BaseException:
            self.server.state.connection_closed(self.conn_id)
            raise
        self.server.state.connection_handshake(self.conn_id)
        super().setup()

    def finish(self):
        """Flush the response stream and record that the connection ended."""
        try:
            super().finish()
        finally:
            self.server.state.connection_closed(self.conn_id)

    def version_string(self):
        """Server header value."""
        return self.server_version

    def log_request(self, code="-", size="-"):
        """Requests are logged by _dispatch (with the Correlation-Id) instead."""

    def log_message(self, format, *args):  # noqa: A002 (base class signature)
        """Route http.server's own messages to the log file."""
        LOG.info("%s %s", self.address_string(), format % args)

    @property
    def state(self):
        """The shared EmulatorState."""
        return self.server.state

    def send_error(self, code, message=None, explain=None):
        """JSON error (with Correlation-Id) for protocol-level failures."""
        status, body = p1errors.p1_error(code, "INVALID_REQUEST",
                                         "The request could not be completed. %s"
                                         % (message or "Malformed HTTP request."))
        self.close_connection = True
        try:
            self._send(status, body, [("Connection", "close")], str(uuid.uuid4()))
        except OSError:
            pass

    def _send(self, status, body, headers, correlation_id):
        """Write status, headers (Content-Length, Correlation-Id) and JSON body."""
        ascii_json = self.state.get_config("asciiJson")
        data = json.dumps(body, ensure_ascii=ascii_json).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Correlation-Id", correlation_id)
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _read_body(self):
        """Read the request body (Content-Length only); None if it cannot be read."""
        if self.headers.get("Transfer-Encoding"):
            return None
        length = self.headers.get("Content-Length")
        if not length:
            return b""
        try:
            n = int(length)
        except ValueError:
            return None
        if n < 0 or n > 1 << 20:
            return None
        return self.rfile.read(n)

    def _dispatch(self):
        """Handle any method: control API, injected faults, auth, management."""
        cid = str(uuid.uuid4())
        started = time.time()
        body = self._read_body()
        if body is None:
            self.send_error(411 if self.headers.get("Transfer-Encoding") else 400,
                            "Send the request body with a valid Content-Length.")
            return
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        self.state.connection_used(self.conn_id, path.startswith("/__emulator/"))
        if path.startswith("/__emulator/"):
            status, reply = handle_control(self.state, self.command, path, body)
            self._send(status, reply, [], cid)
            return
        query_pairs, status, reply, headers = [], None, None, []
        try:
            query_pairs = parse_qsl(parts.query, keep_blank_values=True,
                                    encoding="utf-8", errors="strict")
        except UnicodeDecodeError:
            status, reply = p1errors.p1_error(400, "INVALID_REQUEST", "The request could not "
                                              "be completed. The query string is not valid "
                                              "UTF-8.")
        query = {}
        for k, v in query_pairs:
            query.setdefault(k, v)
        if status is None:
            try:
                status, reply, headers = self._route(path, query, parts.query, body)
            except Exception:  # keep serving; report as PingOne would
                LOG.error("unexpected error for %s %s:\n%s", self.command, self.path,
                          traceback.format_exc())
                status, reply = p1errors.fault(500)
                headers = []
        self.state.record(self._log_entry(path, query, status, cid, body, started))
        LOG.info("%s %s -> %d (%.1f ms, Correlation-Id %s)", self.command,
                 parts.path + ("?" + parts.query if parts.query else ""), status,
                 (time.time() - started) * 1000, cid)
        self._send(status, reply, headers, cid)

    def _log_entry(self, path, query, status, cid, body, started):
        """The /__emulator/requests entry for this request (no secrets)."""
        auth = self.headers.get("Authorization") or ""
        entry = {"method": self.command, "path": path, "query": query, "status": status,
                 "correlationId": cid, "time": started,
                 "authScheme": auth.split(" ", 1)[0] if auth else None,
                 "connection": self.conn_id,
                 "headers": {k.lower(): v for k, v in self.headers.items()
                             if k.lower() not in _HIDDEN_HEADERS}}
        if path.endswith(("/as/token", "/as/authorize")) and self.command == "POST":
            try:
                entry["formKeys"] = [k for k, _ in parse_qsl(body.decode("utf-8"),
                                                             keep_blank_values=True)]
            except UnicodeDecodeError:
                entry["formKeys"] = []
        return entry

    def _route(self, path, query, raw_query, body):
        """Return (status, body, headers) for a non-control request."""
        st = self.state
        fault = st.take_fault(path)
        if fault is not None:
            return self._fault_reply(fault, path)
        segs = path.split("/")
        if path == "/as/token":
            return handle_token(st, dataset.ADMIN_ENV_ID, self.command, self.headers, body,
                                custom_domain=True)
        if len(segs) == 4 and segs[2] == "as" and segs[3] == "token":
            return handle_token(st, segs[1], self.command, self.headers, body)
        if path == "/as/authorize":
            return handle_authorize(st, dataset.ADMIN_ENV_ID, self.command, self.headers,
                                    raw_query, body, custom_domain=True)
        if len(segs) == 4 and segs[2] == "as" and segs[3] == "authorize":
            return handle_authorize(st, segs[1], self.command, self.headers, raw_query, body)
        if path == "/v1" or path.startswith("/v1/"):
            reason = self._bearer_problem()
            if reason:
                status, reply = p1errors.invalid_token(reason)
                return status, reply, []
            status, reply = handle_management(st, self.command, path, query, raw_query, body)
            return status, reply, []
        status, reply = p1errors.not_found("resource %s" % path)
        return status, reply, []

    def _bearer_problem(self):
        """None if a valid Bearer token was sent, else why the request is refused."""
        header = self.headers.get("Authorization")
        if not header:
            return "The Authorization header with a Bearer access token is missing."
        scheme, _, token = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            return "The Authorization header must use the Bearer scheme."
        return self.state.check_token(token.strip())

    def _fault_reply(self, fault, path):
        """The response for an injected fault."""
        status = fault["status"]
        retry = fault["retryAfter"]
        if retry is None and status in (429, 503):
            retry = 1
        headers = [("Retry-After", str(retry))] if retry is not None else []
        if path.endswith("/as/token") and status in (400, 401):
            err = fault["code"] or ("invalid_client" if status == 401 else "invalid_request")
            return status, {"error": err, "error_description":
                            fault["message"] or "Injected fault."}, headers
        status, body = p1errors.fault(status, fault["code"], fault["message"], retry)
        return status, body, headers

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _dispatch


class EmulatorServer(http.server.ThreadingHTTPServer):
    """Threading HTTPS server carrying the EmulatorState."""

    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        """Log connection errors (TLS failures, resets) instead of printing them."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ssl.SSLError, ConnectionError, socket.timeout, OSError)):
            LOG.info("connection from %s ended: %s", client_address, exc)
        else:
            LOG.error("error serving %s:\n%s", client_address, traceback.format_exc())


def _write_atomic(path, text):
    """Write text to path via a temporary file and rename."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="ascii") as f:
        f.write(text)
    os.replace(tmp, path)


def main(argv=None):
    """Parse arguments, start the server and run until SIGTERM/SIGINT; return exit code."""
    ap = argparse.ArgumentParser(description="PingOne API emulator")
    ap.add_argument("--state-dir", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    state_dir = os.path.abspath(args.state_dir)
    os.makedirs(state_dir, exist_ok=True)
    for name in ("port", "pid"):
        try:
            os.unlink(os.path.join(state_dir, name))
        except FileNotFoundError:
            pass
    logging.basicConfig(filename=os.path.join(state_dir, "emulator.log"),
                        level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(threadName)s %(message)s")
    try:
        cert, key = certs.make_certificates(state_dir)
        tenant = dataset.build(args.seed)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.minimum_version = ssl.TLSVersion.TLSv1_2
        ctx.load_cert_chain(cert, key)
        server = EmulatorServer(("127.0.0.1", args.port), Handler)
        server.socket = ctx.wrap_socket(server.socket, server_side=True,
                                        do_handshake_on_connect=False)
    except (OSError, certs.CertError, ssl.SSLError) as exc:
        LOG.error("startup failed: %s", exc)
        print("emulator: startup failed: %s" % exc, file=sys.stderr)
        return 1
    port = server.server_address[1]
    server.state = EmulatorState(tenant, port)

    stop = threading.Event()

    def on_signal(signum, _frame):
        """Ask the main loop to stop."""
        LOG.info("signal %d received, stopping", signum)
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="serve", daemon=True)
    thread.start()
    _write_atomic(os.path.join(state_dir, "pid"), "%d\n" % os.getpid())
    _write_atomic(os.path.join(state_dir, "port"), "%d\n" % port)
    LOG.info("listening on https://127.0.0.1:%d (seed %d, pid %d)", port, args.seed,
             os.getpid())
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    for name in ("port", "pid"):
        try:
            os.unlink(os.path.join(state_dir, name))
        except FileNotFoundError:
            pass
    LOG.info("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
