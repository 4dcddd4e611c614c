"""The installation's key: the secret that keys the audit chain and seals its head.

Someone who can write the database file (on Windows every user of the workstation) must not
be able to rewrite the audit trail and recompute it; the chain is therefore an HMAC under a
key kept outside the database and the backups folder, in the machine's configuration area:
the configuration's ``audit_key``, else ``audit.key`` beside the configuration file
(``/etc/permitdesk/``, ``%PROGRAMDATA%\\PermitDesk\\``). It is created, with 256 random
bits, the first time PermitDesk opens a database on the machine (or by the installer).

Whoever can read this file can forge the chain too: that is the workstation's own user
when the file is readable to the clerks, which ``docs/security.md`` says plainly.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from app.config import Config
from app.paths import audit_key_path

KEY_BYTES = 32


class KeyUnavailable(OSError):
    """The key file cannot be read or created; the message says which file and what to do."""


@dataclass(frozen=True)
class InstallationKey:
    secret: bytes
    path: Path
    #: True when this process created the key: the one run in which an audit chain written
    #: before keying may be adopted (``app.store.audit.adopt_public_chain``).
    created: bool


#: Keys this process created: ``created`` stays true for its whole run, so that the first
#: start's check and the store opened after it both know the chain may be adopted.
_CREATED_HERE: set[Path] = set()


def installation_key(config: Config | None = None) -> InstallationKey:
    """Read the key, or create it when the file does not exist yet."""
    path = audit_key_path(config)
    try:
        return InstallationKey(_read(path), path, created=path in _CREATED_HERE)
    except FileNotFoundError:
        pass
    except NotADirectoryError as error:  # a file where the folder should be
        raise _cannot_create(path, error) from error
    secret = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another counter process created it a moment ago
        return InstallationKey(_read(path), path, created=False)
    except OSError as error:
        raise _cannot_create(path, error) from error
    try:
        with os.fdopen(descriptor, "w", encoding="ascii") as out:
            out.write(secret.hex() + "\n")
            out.flush()
            os.fsync(out.fileno())
    except OSError as error:
        with contextlib.suppress(OSError):
            path.unlink()
        raise KeyUnavailable(f"the audit key {path} could not be written: {error}") from error
    _CREATED_HERE.add(path)
    return InstallationKey(secret, path, created=True)


def _cannot_create(path: Path, error: OSError) -> KeyUnavailable:
    return KeyUnavailable(
        f"the installation's audit key {path} does not exist and cannot be created "
        f"({error.strerror or error}): start PermitDesk once as an administrator, or name "
        "a place for it with audit_key in the configuration file"
    )


def _read(path: Path) -> bytes:
    try:
        text = path.read_text("ascii").strip()
    except (FileNotFoundError, NotADirectoryError):
        raise
    except (OSError, UnicodeDecodeError) as error:
        raise KeyUnavailable(f"the audit key {path} cannot be read: {error}") from error
    try:
        secret = bytes.fromhex(text)
    except ValueError:
        secret = b""
    if len(secret) < KEY_BYTES:
        raise KeyUnavailable(
            f"the audit key {path} is not a key (expected {KEY_BYTES * 2} hexadecimal digits): "
            "restore it from the installation's safe copy; a new key cannot vouch for the "
            "existing audit trail"
        )
    return secret
