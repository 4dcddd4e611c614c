"""Start-up: a damaged database offers its latest good backup and opens once restored;
a database from a newer version is said in words, with Retry and Quit; never a crash."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox, QPushButton

from app.services import backups
from app.services.backups import StartupState
from app.services.desk import Desk
from app.services.installation_key import KeyUnavailable
from app.store.register import REGISTER_MOVED_TO
from app.ui import startup as start_module
from app.ui.background_check import BackgroundCheck
from app.ui.main_window import MainWindow
from app.ui.security.failure import StartFailedScreen
from app.ui.security.recovery import RecoveryScreen
from app.ui.startup import start_counter

from .conftest import NOW, TODAY


def test_damaged_database_is_restored_from_the_latest_backup(
    window: MainWindow, db_path: Path
) -> None:
    with Desk.open(db_path) as desk:
        written = backups.daily_backup(desk, db_path.parent / "backups", TODAY)
    assert written is not None
    db_path.write_bytes(b"this is not SQLite at all" * 200)
    assert start_counter(window, db_path, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and window.covered
    assert "illisible" in screen.text.text() and "23 novembre 2026" in screen.text.text()
    restore = screen.findChild(QPushButton, "restore")
    assert restore.isVisibleTo(screen) and "23 novembre 2026" in restore.text()
    restore.click()
    assert not window.covered
    assert window.findChild(object, "counter") is not None
    assert list(db_path.parent.glob("counter.sqlite.damaged-*"))  # kept, never deleted


def test_damaged_without_backup_says_so(window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "counter.sqlite"
    path.write_bytes(b"garbage" * 500)
    start_counter(window, path, clock=lambda: TODAY, now=lambda: NOW)
    screen = window.findChild(RecoveryScreen)
    assert "Aucune sauvegarde valide" in screen.text.text()
    assert not screen.findChild(QPushButton, "restore").isVisibleTo(screen)


def test_a_file_whose_register_moved_to_a_server_says_where_it_went(
    window: MainWindow, db_path: Path
) -> None:
    with Desk.open(db_path) as desk:  # what permitdesk migrate-to leaves in the file
        desk.store.set_setting(
            REGISTER_MOVED_TO, {"server": "permitdesk@db.valfleuri.be", "on": "2026-11-30"}
        )
    assert start_counter(window, db_path, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and window.covered
    assert screen.title.text() == "Ce registre a été déplacé sur un serveur"
    assert screen.text.text() == (
        f"Le registre de {db_path} a été déplacé sur le serveur PostgreSQL "
        "permitdesk@db.valfleuri.be le 30 novembre 2026. Ce fichier est conservé tel qu'il "
        "était alors et ne reçoit plus de travail. Demandez à votre support informatique de "
        "faire travailler ce guichet sur le serveur."
    )
    for button in ("restore", "retry"):  # nothing to repair, nothing to wait for
        assert not screen.findChild(QPushButton, button).isVisibleTo(screen)
    assert screen.findChild(QPushButton, "quit").isVisibleTo(screen)
    assert window.findChild(object, "counter") is None


def test_too_new_database_is_said_with_retry_and_quit(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    states = iter([StartupState("too_new", "newer"), StartupState("ok")])
    monkeypatch.setattr(start_module, "startup_check", lambda _path: next(states))
    start_counter(window, db_path, clock=lambda: TODAY, now=lambda: NOW)
    screen = window.findChild(RecoveryScreen)
    assert "version plus récente" in screen.text.text()
    assert not screen.findChild(QPushButton, "restore").isVisibleTo(screen)
    screen.findChild(QPushButton, "retry").click()  # someone installed the new version
    assert window.findChild(object, "counter") is not None and not window.covered


def test_network_share_warned_once_and_backup_failure_in_the_status_bar(
    window: MainWindow, db_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot
) -> None:
    monkeypatch.setattr(
        start_module,
        "startup_check",
        lambda _path: StartupState("ok", network_warning="on a share"),
    )

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(backups, "daily_backup", fail)
    start_counter(window, db_path, clock=lambda: TODAY, now=lambda: NOW)
    box = window.findChild(QMessageBox, "network_warning")
    assert box is not None and "partage réseau" in box.text()
    check = window.findChild(BackgroundCheck, "background_check")
    with qtbot.waitSignal(check.finished, timeout=20_000):
        pass
    assert "sauvegarde du jour a échoué" in window.findChild(QLabel, "backup_problem").text()
    assert not window.covered  # the counter works on


def test_a_dropped_accounts_table_is_reported_at_start_up(
    window: MainWindow, staffed: Path
) -> None:
    """Someone dropped the accounts table: SQLite's checks pass, the start-up check does
    not, and the recovery screen shows nothing of the register."""
    raw = sqlite3.connect(staffed)
    raw.execute("DROP TABLE accounts")
    raw.commit()
    raw.close()
    window.show()
    assert start_counter(window, staffed, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and window.covered and screen.isVisible()
    assert [v for v in window.findChildren(QAbstractItemView) if v.isVisible()] == []


def test_an_unexpected_failure_at_start_up_keeps_the_views_covered(
    window: MainWindow, staffed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counter cannot tell who may work: it shows nothing rather than every holder
    to nobody."""

    def fails(_desk: Desk) -> bool:
        raise RuntimeError("no such table: accounts")

    monkeypatch.setattr(start_module.auth, "accounts_exist", fails)
    window.show()
    assert start_counter(window, staffed, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(StartFailedScreen)
    assert screen is not None and window.covered and screen.isVisible()
    assert "accounts" in screen.info.text() and "permitdesk check" in screen.info.text()
    views = [v for v in window.findChildren(QAbstractItemView) if v.isVisible()]
    assert views == []
    screen.quit.click()
    assert not window.isVisible()


def test_an_administrator_check_that_fails_restores_nothing(
    window: MainWindow, staffed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Desk.open(staffed) as desk:
        backups.daily_backup(desk, staffed.parent / "backups", TODAY)
    monkeypatch.setattr(
        start_module,
        "startup_check",
        lambda path: backups.StartupState(
            "damaged", "a broken index", backups.latest_good_backup(path.parent / "backups")
        ),
    )

    def broken(*_args: object) -> None:
        raise RuntimeError("no such column: password_hash")

    monkeypatch.setattr(start_module.auth, "authenticate", broken)
    before = staffed.read_bytes()
    start_counter(window, staffed, clock=lambda: TODAY, now=lambda: NOW)
    screen = window.findChild(RecoveryScreen)
    assert screen is not None and screen.needs_admin
    screen.restore_requested.emit("admin", "whatever it is")
    assert window.covered and staffed.read_bytes() == before
    assert "permitdesk restore" in screen.message.text()


def test_a_missing_audit_key_is_said_and_nothing_is_shown(
    window: MainWindow, staffed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the installation's key nothing can be checked: the window says why (not a
    restore: the file is not at fault) and shows nothing."""

    def no_key() -> None:
        raise KeyUnavailable(
            "the installation's audit key /etc/permitdesk/audit.key cannot be read"
        )

    monkeypatch.setattr(backups, "installation_key", no_key)
    window.show()
    assert start_counter(window, staffed, clock=lambda: TODAY, now=lambda: NOW) is None
    screen = window.findChild(StartFailedScreen)
    assert screen is not None and window.covered and "audit key" in screen.info.text()
    assert window.findChild(RecoveryScreen) is None
