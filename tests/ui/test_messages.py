"""Errors reach the clerk as translated sentences; tracebacks go to the log only."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app.domain.errors import EditConflict
from app.ui import messages
from app.ui.i18n import Translator
from app.ui.views.writing import write_or_tell


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """Message boxes that would have been shown, answered with the default button."""
    boxes: list[QMessageBox] = []

    def fake_exec(box: QMessageBox) -> int:
        boxes.append(box)
        default = box.defaultButton()
        return box.standardButton(default).value if default is not None else 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return boxes


@pytest.fixture
def hook_restored() -> Iterator[None]:
    previous = sys.excepthook
    yield
    sys.excepthook = previous


def test_show_error_shows_the_sentences_given(shown: list[QMessageBox]) -> None:
    messages.show_error(None, "Impossible d'imprimer", "L'imprimante ne répond pas.", "Vérifiez.")
    (box,) = shown
    assert box.icon() == QMessageBox.Icon.Critical
    assert (box.windowTitle(), box.text(), box.informativeText()) == (
        "Impossible d'imprimer",
        "L'imprimante ne répond pas.",
        "Vérifiez.",
    )


def test_warning_and_information(shown: list[QMessageBox]) -> None:
    messages.show_warning(None, "Attention", "Texte")
    messages.show_information(None, "Info", "Texte")
    assert [box.icon() for box in shown] == [QMessageBox.Icon.Warning, QMessageBox.Icon.Information]


def test_ask_yes_no_defaults_to_no(shown: list[QMessageBox]) -> None:
    assert messages.ask_yes_no(None, "Question", "Continuer ?") is False
    assert shown[0].button(QMessageBox.StandardButton.No).text() == "&Non"


def test_ask_yes_no_answers_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes.value)
    assert messages.ask_yes_no(None, "Question", "Continuer ?") is True


@pytest.mark.usefixtures("hook_restored")
def test_uncaught_exception_is_logged_and_explained(
    shown: list[QMessageBox],
    translator: Translator,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    translator.set_language("nl")
    log_file = tmp_path / "permitdesk.log"
    messages.install_excepthook(log_file)
    try:
        raise RuntimeError("secret internal detail")
    except RuntimeError:
        with caplog.at_level(logging.CRITICAL):
            sys.excepthook(*sys.exc_info())
    (box,) = shown
    assert box.windowTitle() == "Onverwachte fout"
    assert "onverwacht probleem" in box.text()
    assert str(log_file) in box.informativeText()
    shown_text = box.text() + box.informativeText()
    assert "secret internal detail" not in shown_text
    assert "Traceback" not in shown_text
    assert "secret internal detail" in caplog.text
    assert "Traceback" in caplog.text


@pytest.mark.usefixtures("hook_restored")
def test_install_returns_the_previous_hook() -> None:
    before = sys.excepthook
    assert messages.install_excepthook() is before
    assert sys.excepthook is not before


@pytest.mark.usefixtures("hook_restored")
def test_keyboard_interrupt_goes_to_the_previous_hook(
    monkeypatch: pytest.MonkeyPatch, shown: list[QMessageBox]
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda kind, value, tb: seen.append(kind))
    messages.install_excepthook()
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert shown == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "marie a enregistré cette fiche le 23 nov. 2026 {time}, après"),
        ("nl", "marie heeft deze fiche opgeslagen op 23 nov 2026 {time}, nadat"),
        ("de", "marie hat diesen Datensatz am 23.11.2026 {time} gespeichert"),
    ],
)
def test_an_edit_conflict_names_who_saved_and_when(
    shown: list[QMessageBox], translator: Translator, language, expected
) -> None:
    """Another counter saved the record first: the clerk reads who and when (in local
    time), and keeps the screen (the write returns None)."""
    translator.set_language(language)
    local = datetime.fromisoformat("2026-11-23T09:42:00+00:00").astimezone()

    def refused() -> None:
        raise EditConflict("holder", 7, "marie", "2026-11-23T09:42:00+00:00")

    assert write_or_tell(None, refused) is None  # type: ignore[arg-type]
    (box,) = shown
    assert expected.format(time=local.strftime("%H:%M")) in box.text()
