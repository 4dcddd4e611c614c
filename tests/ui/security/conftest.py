"""Fixtures for the security screens: the demo database copied per test, cheap password
hashes, a fixed day and a fixed now, message boxes that answer at once (``messages`` and
``no_dialogs``: tests/support/windows.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support.windows import TODAY, copy_of, counter_window, demo_database
from support.windows import messages as messages
from support.windows import no_dialogs as no_dialogs

from app.domain.accounts import Role
from app.domain.passwords import ScryptParams
from app.services import auth
from app.services.desk import Desk
from app.ui.main_window import MainWindow

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "HASH_PARAMS", ScryptParams(n=2**10, r=8, p=1))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory, "security-demo", persons=40)


@pytest.fixture
def db_path(demo_template: Path, tmp_path: Path) -> Path:
    return copy_of(demo_template, tmp_path / "counter.sqlite")


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
def window(qtbot: QtBot) -> MainWindow:
    return counter_window(qtbot)
