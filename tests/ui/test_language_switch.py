"""The shell in every language: the Language menu switches at once and is remembered."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QTabWidget
from pytestqt.qtbot import QtBot

import app
from app.ui.about import AboutDialog
from app.ui.i18n import LANGUAGES, N_, Translator
from app.ui.main_window import MainWindow
from app.ui.settings import Settings

MENU_TITLES = {
    "fr": ["&Fichier", "Affic&hage", "&Langue", "A&ide"],
    "nl": ["&Bestand", "Beel&d", "&Taal", "&Help"],
    "de": ["&Datei", "A&nsicht", "&Sprache", "&Hilfe"],
    "en": ["&File", "&View", "&Language", "&Help"],
}
DESK = {
    "fr": "Service des étrangers",
    "nl": "Dienst Vreemdelingen",
    "de": "Ausländerdienst",
    "en": "Foreigners' desk",
}


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def menu_actions(window: MainWindow) -> list[QAction]:
    return [
        action
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    ]


def switch_to(window: MainWindow, code: str) -> None:
    window.findChild(QAction, f"language_{code}").trigger()


def test_starts_in_the_translator_language(main_window: MainWindow, settings: Settings) -> None:
    assert main_window.settings is settings
    assert menu_titles(main_window) == MENU_TITLES["fr"]
    assert main_window.windowTitle() == f"PermitDesk — {DESK['fr']}"
    assert main_window.findChild(QAction, "language_fr").isChecked()


@pytest.mark.parametrize("code", ["nl", "de", "en", "fr"])
def test_language_menu_switches_menus_and_title(
    main_window: MainWindow, translator: Translator, code: str
) -> None:
    main_window.set_commune_name("Ixelles")
    if code == "fr":
        switch_to(main_window, "de")
    switch_to(main_window, code)
    assert translator.language == code
    assert menu_titles(main_window) == MENU_TITLES[code]
    assert main_window.windowTitle() == f"PermitDesk — Ixelles — {DESK[code]}"
    assert main_window.findChild(QAction, f"language_{code}").isChecked()
    assert LANGUAGES[code] in main_window.statusBar().currentMessage()


def test_choice_is_remembered(main_window: MainWindow) -> None:
    switch_to(main_window, "nl")
    assert Settings().language == "nl"
    switch_to(main_window, "de")
    assert Settings().language == "de"


def test_language_actions_are_exclusive(main_window: MainWindow) -> None:
    switch_to(main_window, "de")
    checked = [
        code for code in LANGUAGES if main_window.findChild(QAction, f"language_{code}").isChecked()
    ]
    assert checked == ["de"]


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_every_menu_action_is_translated(
    main_window: MainWindow, translator: Translator, code: str
) -> None:
    main_window.add_view(QLabel(), N_("Foreigners' desk"))
    switch_to(main_window, "en")
    msgids = [action.text() for action in menu_actions(main_window)]
    switch_to(main_window, code)
    for msgid, action in zip(msgids, menu_actions(main_window), strict=True):
        assert action.text(), msgid
        expected = translator.gettext(msgid)
        assert action.text() == expected
        if code != "en" and expected != msgid:
            assert action.text() != msgid


def test_shortcuts_are_named_in_the_language(main_window: MainWindow) -> None:
    quit_action = main_window.findChild(QAction, "quit_action")
    switch_to(main_window, "de")
    assert quit_action.shortcut().toString(quit_action.shortcut().SequenceFormat.NativeText) == (
        "Strg+Q"
    )


def test_views_are_added_as_tabs_with_translated_titles(main_window: MainWindow) -> None:
    first, second = QLabel("one"), QLabel("two")
    assert main_window.add_view(first, N_("&File")) == 0
    assert main_window.add_view(second, N_("&View")) == 1
    tabs = main_window.findChild(QTabWidget, "views")
    assert [tabs.tabText(i) for i in range(2)] == ["&Fichier", "Affic&hage"]
    switch_to(main_window, "nl")
    assert [tabs.tabText(i) for i in range(2)] == ["&Bestand", "Beel&d"]
    view_menu = main_window.findChild(QMenu, "view_menu")
    view_menu.actions()[1].trigger()
    assert tabs.currentWidget() is second
    main_window.show_view(first)
    assert view_menu.actions()[0].isChecked()


def test_geometry_is_restored(qtbot: QtBot, main_window: MainWindow, settings: Settings) -> None:
    main_window.resize(640, 480)  # inside the offscreen 800x600 screen
    main_window.show()
    qtbot.waitExposed(main_window)
    main_window.findChild(QAction, "quit_action").trigger()
    assert not main_window.isVisible()
    again = MainWindow(Settings())
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (640, 480)


@pytest.mark.parametrize("code", ["fr", "nl", "de", "en"])
def test_about_dialog_shows_version_and_licences(
    monkeypatch: pytest.MonkeyPatch, main_window: MainWindow, code: str
) -> None:
    shown: list[AboutDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(AboutDialog, "exec", fake_exec)
    switch_to(main_window, code)
    main_window.findChild(QAction, "about_action").trigger()
    (dialog,) = shown
    title = dialog.findChild(QLabel, "about_title").text()
    body = dialog.findChild(QLabel, "about_body").text()
    assert app.__version__ in title
    assert dialog.windowTitle() != "About PermitDesk" or code == "en"
    for name in (
        "PySide6",
        "ReportLab",
        "Babel",
        "sqlite-utils",
        "python-stdnum",
        "PyKCS11",
        "DejaVu",
    ):
        assert name in body
    licence = {"fr": "Licence BSD", "nl": "BSD-licentie", "de": "BSD-Lizenz", "en": "BSD licence"}
    assert licence[code] in body
