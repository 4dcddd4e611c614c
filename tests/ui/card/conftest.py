"""Fixtures for the card at the counter: a SoftHSM2 token standing in for the inserted card
(tests/support/softhsm.py, shared with tests/card), the counter on a small database, and
dialogs that answer at once.

Call ``insert(objects)`` before ``counter.start_card_reader()``: SoftHSM reads its token
folder when the module is loaded, so the watcher's first poll finds the card.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from support.softhsm import changed, configure_middleware, insert_card, token_folder
from support.windows import counter_window

from app.card import labels
from app.services.desk import Desk
from app.ui.card.dialogs import CountryDialog, DifferencesDialog
from app.ui.counter import Counter, build_counter
from app.ui.views.dialogs import NewHolderDialog

NATIONAL_NUMBER = "85021200279"

FR_CARD: dict[str, str] = {
    labels.SURNAME: "Łukasiewicz-Dvořák",
    labels.FIRSTNAMES: "Amina Şükran",
    labels.THIRD_NAME_INITIAL: "B",
    labels.NATIONALITY: "Maroc",
    labels.BIRTH_PLACE: "Casablanca",
    labels.BIRTH_DATE: "12 FEV 1985",
    labels.GENDER: "F",
    labels.NATIONAL_NUMBER: NATIONAL_NUMBER,
    labels.CARD_NUMBER: "B12345678",
    labels.VALID_FROM: "15.03.2024",
    labels.VALID_UNTIL: "14.03.2026",
    labels.DOCUMENT_TYPE: "12",
    labels.WORK_PERMIT_MENTION: "8",
    labels.STREET: "Rue Saint-Gilles 12",
    labels.ZIP: "4000",
    labels.MUNICIPALITY: "Liège",
}
"""A B card (limited labour market); the photo is added by ``card_with``."""


def photo_jpeg() -> bytes:
    """A real JPEG (140 × 200, like the card's), so the holder page can show it."""
    image = QImage(140, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#c9d6e3"))
    painter = QPainter(image)
    painter.setBrush(QColor("#5a6b7d"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(40, 35, 60, 70)
    painter.drawRoundedRect(20, 115, 100, 100, 40, 40)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    return bytes(buffer.data())


def card_with(**changes: str | None) -> dict[str, str | bytes]:
    """:data:`FR_CARD` with its photo, changed; None removes a label."""
    return changed({**FR_CARD, labels.PHOTO: photo_jpeg()}, changes)


Insert = Callable[[Mapping[str, str | bytes]], str]


@pytest.fixture
def insert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, desk: Desk) -> Insert:
    """``insert(objects)``: a SoftHSM token holding them; the machine configuration names
    SoftHSM's module as the middleware. Once per test."""
    token_folder(tmp_path, monkeypatch)

    def put(objects: Mapping[str, str | bytes]) -> str:
        module = insert_card(objects)
        configure_middleware(module)
        return module

    return put


@dataclass
class Clerk:
    """How the clerk answers: message boxes (recorded, Yes), the dialogs a card opens."""

    messages: list[str] = field(default_factory=list)
    country: str | None = "MA"
    accept_fields: set[str] | None = None  # None: accept what the dialog ticks
    seen: list[QDialog] = field(default_factory=list)
    differences: list[list[str]] = field(default_factory=list)  # fields shown, per dialog


@pytest.fixture
def clerk(monkeypatch: pytest.MonkeyPatch) -> Clerk:
    answers = Clerk()

    def message(box: QMessageBox) -> int:
        answers.messages.append(f"{box.text()}\n{box.informativeText()}".strip())
        return QMessageBox.StandardButton.Yes

    def new_holder(dialog: NewHolderDialog) -> int:
        answers.seen.append(dialog)
        assert dialog.is_valid(), dialog.form.errors()
        return QDialog.DialogCode.Accepted

    def differences(dialog: DifferencesDialog) -> int:
        answers.seen.append(dialog)
        answers.differences.append([d.field for d in dialog.differences])
        if answers.accept_fields is not None:
            for d in dialog.differences:
                if not d.with_card_number:
                    dialog.set_accepted(d.field, d.field in answers.accept_fields)
        return QDialog.DialogCode.Accepted

    def country(dialog: CountryDialog) -> int:
        answers.seen.append(dialog)
        if answers.country is None:
            return QDialog.DialogCode.Rejected
        dialog.choose(answers.country)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QMessageBox, "exec", message)
    monkeypatch.setattr(NewHolderDialog, "exec", new_holder)
    monkeypatch.setattr(DifferencesDialog, "exec", differences)
    monkeypatch.setattr(CountryDialog, "exec", country)
    return answers


@pytest.fixture
def counter(qtbot: QtBot, desk: Desk, clerk: Clerk) -> Iterator[Counter]:
    """The counter's window on the small test database; the reader stopped at the end."""
    window = counter_window(qtbot)
    build_counter(window, desk)
    found = window.findChild(Counter, "counter")
    assert found is not None
    yield found
    found.card.stop()
    assert not found.card.reader.running


@pytest.fixture(autouse=True)
def collect_old_translators() -> None:
    """Free the translators earlier tests left to the garbage collector now, at a safe
    point: collected later, inside a Qt translate() call, a QTranslator's destructor waits
    for the translators' lock that call holds, and the test run hangs."""
    gc.collect()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After this folder's tests, once every fixture is gone, collect (see above)."""
    yield
    gc.collect()
