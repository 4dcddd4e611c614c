"""Fixtures for the card tests: a SoftHSM2 token standing in for the inserted card.

Each test gets its own token directory (``SOFTHSM2_CONF`` points at it) holding one token
with public ``CKO_DATA`` objects labelled as the eID middleware labels them, so PyKCS11
reads them through SoftHSM2's PKCS#11 module exactly as it would through the middleware's.
Needs the Debian package ``softhsm2``; the SoftHSM tests are skipped without it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Mapping
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

from app.card import labels

SOFTHSM_MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
SOFTHSM_UTIL = shutil.which("softhsm2-util")
TOKEN_PIN = "1234"
SO_PIN = "12345678"

PHOTO = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) + b"\xff\xd9"

FR_CARD: dict[str, str | bytes] = {
    labels.SURNAME: "El Amrani",
    labels.FIRSTNAMES: "Amina Fatima",
    labels.THIRD_NAME_INITIAL: "B",
    labels.NATIONALITY: "Maroc",
    labels.BIRTH_PLACE: "Casablanca",
    labels.BIRTH_DATE: "12 FEV 1985",
    labels.GENDER: "F",
    labels.NATIONAL_NUMBER: "85021200279",
    labels.CARD_NUMBER: "B12345678",
    labels.VALID_FROM: "15.03.2024",
    labels.VALID_UNTIL: "14.03.2026",
    labels.DOCUMENT_TYPE: "12",
    labels.WORK_PERMIT_MENTION: "8",
    "issuing_municipality": "Liège",  # on the card, not read
    labels.STREET: "Rue Saint-Gilles 12",
    labels.ZIP: "4000",
    labels.MUNICIPALITY: "Liège",
    labels.PHOTO: PHOTO,
}
"""A B card (limited labour market), French, every field present."""

CardFactory = Callable[[Mapping[str, str | bytes] | None], str]


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


@pytest.fixture
def make_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CardFactory:
    """Insert a card: ``make_card({label: value})`` → the PKCS#11 module path to read it with.

    ``make_card(None)`` leaves the slot empty (SoftHSM's free slot, no initialised token).
    Call it once per test: SoftHSM reads its configuration when the module is loaded.
    """
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

    def insert(objects: Mapping[str, str | bytes] | None) -> str:
        if objects is not None:
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

    return insert


@pytest.fixture
def fr_card() -> dict[str, str | bytes]:
    """A copy of :data:`FR_CARD`, label → value."""
    return dict(FR_CARD)


@pytest.fixture
def card_with() -> Callable[..., dict[str, str | bytes]]:
    """``card_with(label=value, other=None)``: :data:`FR_CARD` changed, None removing a label."""

    def change(**changes: str | bytes | None) -> dict[str, str | bytes]:
        card = dict(FR_CARD)
        for label, value in changes.items():
            if value is None:
                card.pop(label, None)
            else:
                card[label] = value
        return card

    return change
