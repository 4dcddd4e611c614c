"""The counter's window and its modal boxes, for the UI tests that open the counter on a
demo database (tests/ui/security, tests/ui/views, tests/ui/card).

Fixtures here are registered by importing them into a folder's conftest
(``from support.windows import messages as messages``); the functions are called from
that folder's own fixtures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.demo import build_demo
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from tests.support.copies import copy_live_database

TODAY = date(2026, 11, 23)
"""The day the demo databases are built for, and of the desks opened on them."""
DEMO_SEED = 1
COUNTER_SIZE = (1280, 800)


def demo_database(tmp_path_factory: pytest.TempPathFactory, name: str, persons: int) -> Path:
    """A demo database of ``persons`` holders (seed 1, built for :data:`TODAY`): build it
    once per session, then give each test a :func:`copy_of` it."""
    path = tmp_path_factory.mktemp(name) / "demo.sqlite"
    build_demo(path, persons=persons, seed=DEMO_SEED, today=TODAY)
    return path


def copy_of(template: Path, path: Path) -> Path:
    """``template`` copied to ``path``, for one test to change."""
    return copy_live_database(template, path)


def counter_window(qtbot: QtBot) -> MainWindow:
    """The main window at the counter's size, closed with the test; no screen built yet."""
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    window.resize(*COUNTER_SIZE)
    return window


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Modal message boxes answer at once (OK); their texts are collected here, each as
    ``text`` and the informative text on the next line."""
    shown: list[str] = []

    def fake_exec(box: QMessageBox) -> int:
        shown.append(f"{box.text()}\n{box.informativeText()}".strip())
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dialog's exec() returns Rejected at once unless a test patches it otherwise."""
    monkeypatch.setattr(QDialog, "exec", lambda _self: QDialog.DialogCode.Rejected)
