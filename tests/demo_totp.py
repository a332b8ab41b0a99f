"""The demo authenticator's codes, for the production-mode tier and the load test, which log in
through the stack's real code step (no Django needed here: RFC 6238 in a few lines).

The stack keeps the production default (MFA required for the Beheerder and the
Coördinatieteam), so loaddemo gives those demo users an authenticator with DEMO_TOTP_KEY
(demo/people.py)."""

import hashlib
import hmac
import struct
import threading
import time

DEMO_TOTP_KEY = b"uwvkms-demo-totp-key"
STEP = 30
_used_steps: dict[str, int] = {}
_lock = threading.Lock()


def hotp(key: bytes, counter: int, digits: int = 6) -> str:
    """RFC 4226: the code for one counter value."""
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"


def totp_code(username: str, key: bytes = DEMO_TOTP_KEY) -> str:
    """The code the authenticator of `username` shows, never one this process used before for
    them: the app accepts the code of the step after the current one too (a clock may drift), so
    a second login within the same 30 seconds takes that one, and a third waits for it."""
    with _lock:
        step = max(int(time.time()) // STEP, _used_steps.get(username, -1) + 1)
        _used_steps[username] = step
    while step > int(time.time()) // STEP + 1:
        time.sleep(1)
    return hotp(key, step)
