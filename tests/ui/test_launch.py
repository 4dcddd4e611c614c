"""Starting the application: saved language applied, views built, hooks cleaned up."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.ui import launch
from app.ui.i18n import Translator
from app.ui.main_window import MainWindow
from app.ui.settings import Settings


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[MainWindow]:
    """Windows that reached the event loop; the loop itself returns at once."""
    windows: list[MainWindow] = []

    def fake_exec(*_args: object) -> int:
        windows.extend(
            widget
            for widget in QApplication.topLevelWidgets()
            if isinstance(widget, MainWindow) and widget.isVisible()
        )
        return 7

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    return windows


def test_run_app_applies_saved_language_and_builds_views(
    built: list[MainWindow], translator: Translator, tmp_path: Path
) -> None:
    Settings().language = "de"
    hook = sys.excepthook
    received: list[MainWindow] = []

    def build_views(window: MainWindow) -> None:
        received.append(window)
        window.set_commune_name("Eupen")

    assert launch.run_app(build_views, ["permitdesk-gui"]) == 7
    (window,) = received
    assert window in built
    assert window.windowTitle() == "PermitDesk — Eupen — Ausländerdienst"
    assert translator.language == "de"
    assert sys.excepthook is hook
    assert "starting" in (tmp_path / "data" / launch.LOG_FILE_NAME).read_text(encoding="utf-8")
    window.close()


def test_run_app_without_views_opens_the_empty_shell(built: list[MainWindow]) -> None:
    assert launch.run_app(argv=["permitdesk-gui"]) == 7
    (window,) = built
    assert window.findChild(QLabel, "no_view").text() == "Aucune vue n'est ouverte."
    window.close()


def test_main_names_the_database_in_the_status_bar(
    built: list[MainWindow], translator: Translator
) -> None:
    assert launch.main(["permitdesk-gui", "--db", "var/demo.sqlite", "-style", "fusion"]) == 7
    (window,) = built
    label = window.findChild(QLabel, "database_label")
    assert label.text() == "Base de données : var/demo.sqlite"
    translator.set_language("nl")
    assert label.text() == "Databank: var/demo.sqlite"
    window.close()
