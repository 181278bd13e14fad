"""PINs are kept only as salted scrypt hashes (slow on purpose, in the standard library)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from app.domain.errors import BadInput

_N, _R, _P = 2**14, 8, 1


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 12):
        raise BadInput("PIN 应为 4 到 12 位数字", "A PIN is 4 to 12 digits", field="pin")


def hash_pin(pin: str) -> str:
    check_pin_format(pin)
    salt = secrets.token_bytes(16)
    h = hashlib.scrypt(pin.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"scrypt${_N}${_R}${_P}${salt.hex()}${h.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, want = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    got = hashlib.scrypt(
        pin.encode(), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=len(want) // 2
    )
    return hmac.compare_digest(got.hex(), want)
