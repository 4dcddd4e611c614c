"""Fixtures for the card tests: a SoftHSM2 token standing in for the inserted card.

Each test gets its own token directory (``SOFTHSM2_CONF`` points at it) holding one token
with public ``CKO_DATA`` objects labelled as the eID middleware labels them (the token
itself: tests/support/softhsm.py, shared with tests/ui/card). Needs the Debian package
``softhsm2``; the SoftHSM tests are skipped without it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from support.softhsm import SOFTHSM_MODULE, changed, insert_card, token_folder

from app.card import labels

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
    labels.ISSUING_MUNICIPALITY: "Liège",
    labels.STREET: "Rue Saint-Gilles 12",
    labels.ZIP: "4000",
    labels.MUNICIPALITY: "Liège",
    labels.PHOTO: PHOTO,
}
"""A B card (limited labour market), French, every field present."""

CardFactory = Callable[[Mapping[str, str | bytes] | None], str]


@pytest.fixture
def make_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CardFactory:
    """Insert a card: ``make_card({label: value})`` → the PKCS#11 module path to read it with.

    ``make_card(None)`` leaves the slot empty (SoftHSM's free slot, no initialised token).
    Call it once per test: SoftHSM reads its configuration when the module is loaded.
    """
    token_folder(tmp_path, monkeypatch)

    def insert(objects: Mapping[str, str | bytes] | None) -> str:
        return str(SOFTHSM_MODULE) if objects is None else insert_card(objects)

    return insert


@pytest.fixture
def fr_card() -> dict[str, str | bytes]:
    """A copy of :data:`FR_CARD`, label → value."""
    return dict(FR_CARD)


@pytest.fixture
def card_with() -> Callable[..., dict[str, str | bytes]]:
    """``card_with(label=value, other=None)``: :data:`FR_CARD` changed, None removing a label."""

    def change(**changes: str | bytes | None) -> dict[str, str | bytes]:
        return changed(FR_CARD, changes)

    return change
