"""Throwaway TLS material for the emulator, made with the openssl command.

make_certificates(state_dir) writes ca.pem (the CA clients must trust),
ca.key, server.pem and server.key (EC P-256; SAN IP:127.0.0.1 and
DNS:localhost) and returns (server_cert_path, server_key_path).
"""

import os
import subprocess

_SERVER_EXT = """basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyAgreement
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1, DNS:localhost
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


class CertError(Exception):
    """openssl failed; the message holds its error output."""


def _openssl(args, cwd):
    """Run openssl with args in cwd; raise CertError with stderr on failure."""
    proc = subprocess.run(["openssl"] + args, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if proc.returncode != 0:
        raise CertError("openssl %s failed: %s" % (args[0], proc.stderr.decode(
            "utf-8", "replace").strip()))


def make_certificates(state_dir):
    """Create a CA and a server certificate in state_dir; return (cert, key) paths."""
    d = state_dir
    _openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout",
              "-out", "ca.key"], d)
    _openssl(["req", "-x509", "-new", "-key", "ca.key", "-sha256", "-days", "30",
              "-subj", "/O=pingone-odbc tests/CN=PingOne Emulator Test CA",
              "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign",
              "-out", "ca.pem"], d)
    _openssl(["ecparam", "-name", "prime256v1", "-genkey", "-noout",
              "-out", "server.key"], d)
    _openssl(["req", "-new", "-key", "server.key", "-sha256",
              "-subj", "/O=pingone-odbc tests/CN=localhost", "-out", "server.csr"], d)
    with open(os.path.join(d, "server.ext"), "w", encoding="ascii") as f:
        f.write(_SERVER_EXT)
    _openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
              "-CAcreateserial", "-sha256", "-days", "30", "-extfile", "server.ext",
              "-out", "server.pem"], d)
    for name in ("ca.key", "server.key"):
        os.chmod(os.path.join(d, name), 0o600)
    return os.path.join(d, "server.pem"), os.path.join(d, "server.key")
