"""A SoftHSM2 token standing in for the inserted residence card (tests/card, tests/ui/card).

The token holds public ``CKO_DATA`` objects labelled as the eID middleware labels them, so
PyKCS11 reads them through SoftHSM2's PKCS#11 module exactly as it would through the
middleware's. Needs the Debian package ``softhsm2``: :func:`token_folder` skips the test
without it. SoftHSM reads its configuration when the module is loaded: call
:func:`token_folder` once per test, before anything loads the module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

import PyKCS11
import pytest
from PyKCS11 import (
    CKA_CLASS,
    CKA_LABEL,
    CKA_PRIVATE,
    CKA_TOKEN,
    CKA_VALUE,
    CKF_RW_SESSION,
    CKF_SERIAL_SESSION,
    CKF_TOKEN_INITIALIZED,
    CKO_DATA,
)

SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
SOFTHSM_UTIL = shutil.which("softhsm2-util")
TOKEN_PIN = "1234"
SO_PIN = "12345678"


def changed(
    card: Mapping[str, str | bytes], changes: Mapping[str, str | bytes | None]
) -> dict[str, str | bytes]:
    """A copy of ``card`` (label → value) with ``changes`` made; None removes a label."""
    copy = dict(card)
    for label, value in changes.items():
        if value is None:
            copy.pop(label, None)
        else:
            copy[label] = value
    return copy


def token_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty token folder in ``tmp_path``, SoftHSM's configuration (``SOFTHSM2_CONF``)
    pointing at it; skips the test when SoftHSM2 is not installed."""
    if not (SOFTHSM_MODULE.exists() and SOFTHSM_UTIL):
        pytest.skip(f"SoftHSM2 is not installed (Debian package softhsm2, {SOFTHSM_MODULE})")
    tokens = tmp_path / "tokens"
    tokens.mkdir()
    config = tmp_path / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SOFTHSM2_CONF", str(config))
    return tokens


def insert_card(objects: Mapping[str, str | bytes]) -> str:
    """Initialise a token in SoftHSM's free slot holding ``objects`` (label → value, text
    stored as UTF-8); returns the PKCS#11 module path to read it with."""
    assert SOFTHSM_UTIL is not None, "token_folder() first: it skips without SoftHSM2"
    subprocess.run(
        [
            SOFTHSM_UTIL,
            "--init-token",
            "--free",
            "--label",
            "residence card",
            "--pin",
            TOKEN_PIN,
            "--so-pin",
            SO_PIN,
        ],
        check=True,
        capture_output=True,
    )
    _store_objects(objects)
    return str(SOFTHSM_MODULE)


def _store_objects(objects: Mapping[str, str | bytes]) -> None:
    pkcs11 = PyKCS11.PyKCS11Lib().load(str(SOFTHSM_MODULE))
    try:
        slot = next(
            slot
            for slot in pkcs11.getSlotList(tokenPresent=True)
            if pkcs11.getTokenInfo(slot).flags & CKF_TOKEN_INITIALIZED
        )
        session = pkcs11.openSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION)
        for label, value in objects.items():
            raw = value.encode("utf-8") if isinstance(value, str) else value
            session.createObject(
                [
                    (CKA_CLASS, CKO_DATA),
                    (CKA_TOKEN, True),
                    (CKA_PRIVATE, False),
                    (CKA_LABEL, label),
                    (CKA_VALUE, raw),
                ]
            )
        session.closeSession()
    finally:
        pkcs11.unload()


def configure_middleware(module: str) -> Path:
    """Name ``module`` as this machine's eID middleware, in the configuration file that
    tests/conftest.py points ``PERMITDESK_CONFIG`` at for each test."""
    path = Path(os.environ["PERMITDESK_CONFIG"])
    path.write_text(f"card_library = '{module}'\n", encoding="utf-8")
    return path
