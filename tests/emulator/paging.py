"""Cursor paging for emulated PingOne collections.

A cursor is opaque and URL-safe: base64url(JSON state) + "." + base64url(HMAC).
Tampering with either half makes decode() raise ValueError.  The state holds
the collection it belongs to, the offset of the next item, the filter and
the number of the page it leads to (used to shorten some pages on purpose).
"""

import base64
import hashlib
import hmac
import json


def _b64(data):
    """URL-safe base64 without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text):
    """Inverse of _b64; raises ValueError on bad input."""
    pad = "=" * (-len(text) % 4)
    return base64.urlsafe_b64decode((text + pad).encode("ascii"))


class CursorCodec:
    """Signs and verifies cursor state with a per-server secret key."""

    def __init__(self, key):
        """key: bytes used for the HMAC."""
        self.key = key

    def _mac(self, body):
        """HMAC-SHA256 of body, truncated to 16 bytes."""
        return hmac.new(self.key, body, hashlib.sha256).digest()[:16]

    def encode(self, state):
        """Return the cursor string for the dict state."""
        body = json.dumps(state, separators=(",", ":"), sort_keys=True).encode("utf-8")
        return _b64(body) + "." + _b64(self._mac(body))

    def decode(self, cursor):
        """Return the state dict of cursor; ValueError if malformed or tampered."""
        try:
            body_txt, mac_txt = cursor.split(".")
            body, mac = _unb64(body_txt), _unb64(mac_txt)
        except (ValueError, UnicodeError) as exc:
            raise ValueError("malformed cursor") from exc
        if not hmac.compare_digest(mac, self._mac(body)):
            raise ValueError("cursor signature mismatch")
        try:
            state = json.loads(body.decode("utf-8"))
        except (ValueError, UnicodeError) as exc:
            raise ValueError("malformed cursor") from exc
        if not isinstance(state, dict):
            raise ValueError("malformed cursor")
        return state


def page_size(limit, page_no, offset, short_pages):
    """Items to serve on page page_no (0-based) starting at offset.

    With short_pages, every third page (numbers 1, 4, 7, ...) is cut by a
    deterministic amount between 1 and limit/2 items, never to zero.
    """
    if not short_pages or limit < 2 or page_no % 3 != 1:
        return limit
    cut = 1 + (offset * 7 + page_no) % max(1, limit // 2)
    return max(1, limit - cut)
