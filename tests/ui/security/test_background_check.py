"""Once the window is shown, the day's backup and the full check run in the background:
the clerk can work at once, the status bar tells the outcome, and damage covers the
window with the recovery screen, offering only checked backups, newest first."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtWidgets import QComboBox, QPushButton

from app.services import backups
from app.services.desk import Desk
from app.services.maintenance import check_file
from app.ui.background_check import BackgroundCheck
from app.ui.main_window import MainWindow
from app.ui.security.recovery import RecoveryScreen
from app.ui.startup import start_counter

from .conftest import NOW, TODAY


def _finish(window: MainWindow, qtbot) -> BackgroundCheck:
    check = window.findChild(BackgroundCheck, "background_check")
    assert check is not None
    with qtbot.waitSignal(check.finished, timeout=30_000):
        pass
    return check


def test_the_counter_opens_before_the_backup_and_the_check_run(
    window: MainWindow, db_path: Path, qtbot
) -> None:
    folder = db_path.parent / "backups"
    start_counter(window, db_path, clock=lambda: TODAY, now=lambda: NOW)
    assert window.findChild(object, "counter") is not None and not window.covered
    assert backups.list_backups(folder) == []  # nothing written before the window shows
    check = _finish(window, qtbot)
    assert check.report is not None and check.report.problems == ()
    written = folder / "counter-2026-11-23.sqlite"
    assert check.report.written == written
    assert backups.checked_backups(folder) == [written]  # the copy passed its full check
    assert window.statusBar().currentMessage()  # "Database checked: sound."


def test_damage_found_in_the_background_covers_the_window_and_offers_checked_copies(
    window: MainWindow, db_path: Path, qtbot
) -> None:
    folder = db_path.parent / "backups"
    with Desk.open(db_path) as desk:
        older = backups.daily_backup(desk, folder, TODAY - timedelta(days=2))
        newer = backups.daily_backup(desk, folder, TODAY - timedelta(days=1))
        for copy in (older, newer):
            assert backups.full_check_of_backup(copy) == []  # type: ignore[arg-type]
        desk.store._db.execute("DELETE FROM holder_search WHERE rowid = 1")
    start_counter(window, db_path, clock=lambda: TODAY, now=lambda: NOW)
    assert not window.covered  # the start-up's constant-time check does not walk the index
    _finish(window, qtbot)
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and window.covered
    choice = screen.findChild(QComboBox, "backup_choice")
    assert [choice.itemData(i) for i in range(choice.count())] == [newer, older]
    assert "22 novembre 2026" in choice.itemText(0)
    choice.setCurrentIndex(1)
    restore = screen.findChild(QPushButton, "restore")
    assert "21 novembre 2026" in restore.text()
    restore.click()
    assert screen.message.isVisibleTo(screen)  # restored: start again
    assert not restore.isVisibleTo(screen)
    problems, _chain = check_file(db_path)
    assert problems == []
