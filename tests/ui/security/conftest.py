"""Fixtures for the security screens: the demo database copied per test, cheap password
hashes, a fixed day and a fixed now, message boxes that answer at once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.domain.accounts import Role
from app.domain.passwords import ScryptParams
from app.services import auth
from app.services.demo import build_demo
from app.services.desk import Desk
from app.ui.main_window import MainWindow
from app.ui.settings import Settings

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASH_PARAMS", ScryptParams(n=2**10, r=8, p=1))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("security-demo") / "demo.sqlite"
    build_demo(path, persons=40, seed=1, today=TODAY)
    return path


@pytest.fixture
def db_path(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "counter.sqlite"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def staffed(db_path: Path) -> Path:
    """The database with an administrator ``admin``, a supervisor ``sup`` and a clerk
    ``clerk1``; all with ``PASSWORD``."""
    with Desk.open(db_path, user="setup", clock=lambda: TODAY) as desk:
        auth.create_first_administrator(desk, "admin", PASSWORD)
        desk.account = auth.authenticate(desk, "admin", PASSWORD, NOW)
        auth.create_account(desk, "sup", Role.SUPERVISOR, PASSWORD)
        auth.create_account(desk, "clerk1", Role.CLERK, PASSWORD)
    return db_path


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes answer at once; their texts are collected here."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}".strip())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    shell = MainWindow(Settings())
    qtbot.addWidget(shell)
    shell.resize(1280, 800)
    yield shell
