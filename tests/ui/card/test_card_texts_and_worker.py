"""The card's words in every language, the worker's polling without a thread, the Read card
button and the middleware path in the settings dialog."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from support.softhsm import configure_middleware

from app.card.errors import (
    CardRemoved,
    DeviceError,
    ForeignCard,
    LockedCard,
    NoCard,
    NoMiddleware,
    NoReader,
    UnreadableField,
)
from app.domain.model import Address
from app.services.card import Difference
from app.services.desk import Desk
from app.services.settings import card_library
from app.ui.card import watcher
from app.ui.card.dialogs import CountryDialog, DifferencesDialog
from app.ui.card.texts import error_texts, state_text
from app.ui.counter import Counter
from app.ui.i18n import Translator
from app.ui.views.settings_dialog import SettingsDialog

from .conftest import NATIONAL_NUMBER, Clerk, Insert, card_with

ERRORS = [
    NoMiddleware("/opt/x.so"),
    NoReader(),
    NoCard(),
    CardRemoved(),
    LockedCard(),
    ForeignCard(),
    UnreadableField("date_of_birth", "31 XYZ 1985"),
    DeviceError("CKR_GENERAL_ERROR"),
]


@pytest.mark.parametrize("code", ["fr", "nl", "de"])
def test_every_error_kind_is_told_in_every_language(code: str, translator: Translator) -> None:
    translator.set_language("en")
    english = {error.kind: error_texts(error) for error in ERRORS}
    translator.set_language(code)
    for error in ERRORS:
        text, advice = error_texts(error)
        assert text and advice and (text, advice) != english[error.kind], (code, error.kind)
    assert "/opt/x.so" in error_texts(ERRORS[0])[0]
    assert state_text(watcher.NO_READER, "") != "No card reader"


@pytest.mark.parametrize("code", ["nl", "de"])
def test_card_dialogs_leave_no_english(code: str, qtbot: QtBot, translator: Translator) -> None:
    translator.set_language(code)
    dialog = DifferencesDialog(
        [
            Difference("address", Address("Rue A 1"), Address("Rue B 2")),
            Difference("expiry", date(2026, 3, 14), date(2028, 3, 1)),
        ]
    )
    country = CountryDialog("Marocaine")
    for widget in (dialog, country):
        qtbot.addWidget(widget)
    assert "Field" not in dialog.table.horizontalHeaderItem(0).text()
    assert dialog.table.item(0, 0).text() in ("Adres", "Adresse")
    assert "Marocaine" in country.question.text() and "country" not in country.question.text()
    assert country.combo.itemText(country.combo.findData("DE")) in ("Duitsland", "Deutschland")


def test_worker_reports_missing_middleware_once(qtbot: QtBot) -> None:
    worker = watcher.CardWorker("/nowhere/libbeidpkcs11.so.0")
    states: list[tuple[str, str]] = []
    worker.state_changed.connect(lambda state, detail: states.append((state, detail)))
    worker.start()  # in this thread: polls at once
    for _ in range(3):
        worker.poll()
    assert states == [("no_middleware", "/nowhere/libbeidpkcs11.so.0")]
    assert worker._timer is not None and worker._timer.interval() == watcher.SLOW_MS
    worker._timer.stop()


def test_read_card_button_reads_the_card_again(
    qtbot: QtBot, counter: Counter, desk: Desk, clerk: Clerk, insert: Insert
) -> None:
    insert(card_with())
    counter.start_card_reader()
    qtbot.waitUntil(lambda: desk.store.find_holder(NATIONAL_NUMBER) is not None, timeout=10_000)
    with qtbot.waitSignal(counter.card.reader.card_read, timeout=10_000):
        counter.holder.read_card_button.click()
    message = counter.window.statusBar().currentMessage()
    assert message == "La carte correspond aux données enregistrées."


def test_the_settings_show_the_configured_middleware_and_cannot_change_it(
    qtbot: QtBot, counter: Counter
) -> None:
    config = configure_middleware("/opt/eid/libbeidpkcs11.so.0")
    dialog = SettingsDialog(counter.ctx)
    qtbot.addWidget(dialog)
    field = dialog.findChild(QLineEdit, "card_library")
    assert field.text() == "/opt/eid/libbeidpkcs11.so.0" and field.isReadOnly()
    assert str(config) in dialog.findChild(QLabel, "card_library_note").text()
    assert card_library().path == "/opt/eid/libbeidpkcs11.so.0"


def test_a_module_named_in_the_database_is_never_loaded(
    qtbot: QtBot, counter: Counter, desk: Desk, tmp_path: Path
) -> None:
    """Whoever can write the database file names a library of theirs in the settings
    table: the counter reads the machine configuration only, and loads nothing of it."""
    if shutil.which("gcc") is None:
        pytest.skip("gcc is needed to build the planted library")
    marker = tmp_path / "loaded"
    source = tmp_path / "planted.c"
    source.write_text(
        "#include <stdio.h>\n"
        "__attribute__((constructor)) static void planted(void) {\n"
        f'  FILE *f = fopen("{marker}", "w"); if (f) fclose(f);\n'
        "}\n",
        encoding="utf-8",
    )
    planted = tmp_path / "libplanted.so"
    subprocess.run(["gcc", "-shared", "-fPIC", "-o", str(planted), str(source)], check=True)
    desk.store.set_setting("card_library", str(planted))
    states: list[str] = []
    counter.card.reader.state_changed.connect(lambda state, _detail: states.append(state))
    counter.start_card_reader()
    qtbot.waitUntil(lambda: bool(states), timeout=10_000)
    counter.card.stop()
    assert card_library().path != str(planted)
    assert not marker.exists()
