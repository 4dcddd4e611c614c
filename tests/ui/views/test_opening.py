"""Opening the counter on a database: the views are built and the commune named; a file
that is missing, damaged, locked, too new or without a commune gives a sentence, not a
crash, and leaves the empty window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.errors import DatabaseLocked, DatabaseTooNew
from app.services.desk import Desk, open_database
from app.ui.counter import Counter, open_counter
from app.ui.main_window import MainWindow
from app.ui.settings import Settings

from .conftest import TODAY


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    shell = MainWindow(Settings())
    qtbot.addWidget(shell)
    return shell


def error_box(window: MainWindow) -> QMessageBox:
    box = window.findChild(QMessageBox, "open_error")
    assert box is not None
    return box


def test_opens_the_counter_and_names_the_commune(window: MainWindow, desk: Desk) -> None:
    path = desk.store.path
    desk.close()
    ctx = open_counter(window, path, clock=lambda: TODAY)
    assert ctx is not None
    assert window.findChild(Counter, "counter") is not None
    assert ctx.desk.commune().name in window.windowTitle()
    assert ctx.desk.today() == TODAY


def test_missing_file_is_not_created(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "nowhere.sqlite"
    assert open_counter(window, path) is None
    assert not path.exists()
    assert error_box(window).text() == f"Il n'y a pas de base de données à {path}."


def test_damaged_file(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "damaged.sqlite"
    path.write_bytes(b"this is not SQLite at all" * 100)
    assert open_counter(window, path) is None
    assert "endommagée" in error_box(window).text()
    assert "sauvegarde" in error_box(window).informativeText()


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (DatabaseLocked("busy"), "utilisée par un autre programme"),
        (DatabaseTooNew("newer"), "version plus récente"),
    ],
)
def test_locked_or_too_new(
    window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: Exception,
    words: str,
) -> None:
    path = tmp_path / "some.sqlite"
    path.write_bytes(b"")

    def refuse(*_args: object, **_kwargs: object) -> Desk:
        raise error

    monkeypatch.setattr(Desk, "open", refuse)
    assert open_counter(window, path) is None
    assert words in error_box(window).text()


def test_database_without_commune(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    open_database(path).close()
    assert open_counter(window, path) is None
    assert "aucune commune" in error_box(window).text()


def test_launch_main_opens_the_counter(
    desk: Desk, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui import launch

    path = desk.store.path
    desk.close()
    windows: list[MainWindow] = []

    def fake_exec(*_args: object) -> int:
        windows.extend(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert launch.main(["--db", str(path)]) == 0  # as `permitdesk` with no command calls it
    (window,) = [w for w in windows if w.findChild(Counter, "counter") is not None]
    qtbot.addWidget(window)
    commune = open_database(path).get_commune()
    assert commune is not None and commune.name in window.windowTitle()
