"""Password hashing for the counter's local accounts: scrypt, memory-hard, salted.

The parameters travel with each hash (``scrypt$n=131072,r=8,p=1$<salt>$<key>``), so they can
be raised later: a hash made with weaker parameters verifies, then ``needs_rehash`` says to
store a new one at the next successful sign-in. The defaults follow OWASP's password storage
cheat sheet for scrypt (N=2^17, r=8, p=1: 128 MiB and about half a second per hash).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache

log = logging.getLogger(__name__)

MIN_LENGTH = 12
MAX_LENGTH = 128  # scrypt hashes any length; a bound keeps a pasted novel out
SALT_BYTES = 16
KEY_BYTES = 32


class WeakPassword(ValueError):
    """The password breaks the policy; ``reason`` is ``too_short``, ``too_long`` or
    ``common``."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, order=True)
class ScryptParams:
    n: int = 2**17
    r: int = 8
    p: int = 1

    @property
    def maxmem(self) -> int:
        """What OpenSSL must be allowed to use: 128 * n * r bytes, and some slack."""
        return 128 * self.n * self.r * self.p + 16 * 1024 * 1024


OWASP = ScryptParams()
#: What an unknown name's password is checked against, so that it costs the same scrypt
#: time as a real account's: made once, with OWASP's parameters, and shipped (a decoy
#: needs no secret; computing it at start-up would cost every start half a second).
DECOY_HASH = (
    "scrypt$n=131072,r=8,p=1$wf69LO3gm2fMVbsbB6g6TA==$g56PXeYy69WsDnVYWrkk3X0/NB1MwJ8KXV37qWg2QtA="
)


def check_policy(password: str, common: Collection[str] = ()) -> None:
    """Raise :class:`WeakPassword` unless the password has ``MIN_LENGTH`` to ``MAX_LENGTH``
    characters and is not one of the ``common`` passwords (lower case), whatever its case.
    A passphrase of ordinary words is welcome; there are no composition rules (NIST SP
    800-63B, 5.1.1.2)."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword("too_short", f"a password needs at least {MIN_LENGTH} characters")
    if len(password) > MAX_LENGTH:
        raise WeakPassword("too_long", f"a password has at most {MAX_LENGTH} characters")
    if password.casefold() in common:
        raise WeakPassword("common", "this password is one of the most common ones")


def _derive(password: str, salt: bytes, params: ScryptParams) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=params.n,
        r=params.r,
        p=params.p,
        maxmem=params.maxmem,
        dklen=KEY_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, params: ScryptParams = OWASP) -> str:
    """A new hash with a fresh random salt, in the self-describing text format."""
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(password, salt, params)
    return f"scrypt$n={params.n},r={params.r},p={params.p}${_b64(salt)}${_b64(key)}"


def parse(encoded: str) -> tuple[ScryptParams, bytes, bytes]:
    """The parameters, salt and key of a stored hash; ``ValueError`` if it is not one."""
    scheme, settings, salt, key = encoded.split("$")
    if scheme != "scrypt":
        raise ValueError(f"unknown password scheme {scheme!r}")
    values = dict(item.split("=", 1) for item in settings.split(","))
    params = ScryptParams(int(values["n"]), int(values["r"]), int(values["p"]))
    return params, base64.b64decode(salt), base64.b64decode(key)


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches; the comparison takes the same time wherever the
    bytes differ (``hmac.compare_digest``)."""
    try:
        params, salt, key = parse(encoded)
    except (ValueError, KeyError):
        log.error("a stored password hash is malformed")
        return False
    return hmac.compare_digest(_derive(password, salt, params), key)


@cache
def decoy_hash(params: ScryptParams) -> str:
    """A hash of nobody's password made with ``params``: the shipped one for OWASP's."""
    if params == OWASP:
        return DECOY_HASH
    return hash_password("not the password of anyone at this counter", params)


def public_part(encoded: str) -> str:
    """A stored hash without its key (``scrypt$n=...,r=...,p=...$<salt>``): what a server
    tells a client that must derive the key itself (it compares the key, never shows it)."""
    return encoded.rsplit("$", 1)[0]


def derive_key(password: str, public: str) -> str:
    """The key, as a stored hash writes it, that ``password`` gives with the parameters
    and salt of ``public`` (:func:`public_part`); ``ValueError`` if it is not one."""
    params, salt, _ = parse(f"{public}$")
    return _b64(_derive(password, salt, params))


def needs_rehash(encoded: str, params: ScryptParams = OWASP) -> bool:
    """True when the stored hash was made with other parameters than ``params``."""
    try:
        return parse(encoded)[0] != params
    except (ValueError, KeyError):
        return True
