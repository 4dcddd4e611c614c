"""File > Import CSV on a worker thread (result and row errors reported in sentences), the
Transmissions-less counter, and the language switch of the whole counter."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from app.ui.counter import Counter
from app.ui.i18n import Translator
from app.ui.views.import_csv import import_file

HEADER = (
    "national_number,surname,given_names,birth_date,nationality,card_number,"
    "permit_expiry,labour_market,language"
)
GOOD = "85.07.30-033.28,EL AMRANI,Youssef,1985-07-30,MA,B1234567890,2027-05-31,limited,fr"
BAD = "85.07.30-033.29,EL AMRANI,Youssef,1985-07-30,MA,B1234567890,2027-05-31,limited,fr"


def run_import(counter: Counter, qtbot: QtBot, path: Path, messages: list[str]) -> None:
    operation = import_file(counter.ctx, counter.window, path)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert not operation.running


def test_import_reports_what_was_imported(
    counter: Counter, qtbot: QtBot, tmp_path: Path, messages: list[str]
) -> None:
    path = tmp_path / "holders.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    before = counter.ctx.desk.store.count_holders()
    with qtbot.waitSignal(counter.ctx.data_changed, timeout=5000):
        run_import(counter, qtbot, path, messages)
    assert messages == ["Importation terminée : 1 nouveaux titulaires, 0 mis à jour."]
    assert counter.ctx.desk.store.count_holders() == before + 1


def test_import_lists_the_wrong_lines(
    counter: Counter, qtbot: QtBot, tmp_path: Path, messages: list[str]
) -> None:
    path = tmp_path / "holders.csv"
    path.write_text(f"{HEADER}\n{BAD}\n", encoding="utf-8")
    before = counter.ctx.desk.store.count_holders()
    run_import(counter, qtbot, path, messages)
    (message,) = messages
    assert message.startswith("Certaines lignes du fichier sont erronées")
    assert "Ligne 2, colonne national_number" in message
    assert counter.ctx.desk.store.count_holders() == before


def test_cancel_before_start_writes_nothing(
    counter: Counter, qtbot: QtBot, tmp_path: Path, messages: list[str]
) -> None:
    path = tmp_path / "holders.csv"
    path.write_text(f"{HEADER}\n{GOOD}\n", encoding="utf-8")
    before = counter.ctx.desk.store.count_holders()
    operation = import_file(counter.ctx, counter.window, path)
    operation.cancel()
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    if messages[0].startswith("L'importation a été annulée"):
        assert counter.ctx.desk.store.count_holders() == before
    else:  # the worker finished before Cancel reached it
        assert messages[0].startswith("Importation terminée")


def test_menus_and_views_follow_the_language(counter: Counter, translator: Translator) -> None:
    window = counter.window
    tools = window.findChild(QMenu, "tools_menu")
    assert tools.title() == "&Outils"
    assert window._tabs.tabText(0) == "Aujourd'hui"
    translator.set_language("nl")
    assert tools.title() == "&Extra"
    assert [window._tabs.tabText(i) for i in range(3)] == ["Vandaag", "Zoeken", "Houder"]
    assert counter.search.label.text() == "Houder &zoeken:"
    assert counter.holder.placeholder.text().startswith("Er is geen houder geopend")
    assert window.windowTitle().startswith(f"PermitDesk — {counter.ctx.desk.commune().name}")
