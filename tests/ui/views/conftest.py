"""Fixtures for the counter's views: a demo database of 300 holders built once per session
and copied for each test, a desk fixed on 23 November 2026, the window with the views
built, and dialogs that never block."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.services.demo import build_demo
from app.services.desk import Desk
from app.ui.context import UiContext
from app.ui.counter import Counter, build_counter
from app.ui.main_window import MainWindow
from app.ui.settings import Settings

TODAY = date(2026, 11, 23)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    build_demo(path, persons=300, seed=1, today=TODAY)
    return path


@pytest.fixture
def desk(demo_template: Path, tmp_path: Path) -> Iterator[Desk]:
    path = tmp_path / "counter.sqlite"
    shutil.copy(demo_template, path)
    opened = Desk.open(path, user="clerk", clock=lambda: TODAY)
    yield opened
    opened.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes answer at once; their texts are collected here."""
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


@pytest.fixture
def ctx(qtbot: QtBot, desk: Desk, messages: list[str]) -> UiContext:
    window = MainWindow(Settings())
    qtbot.addWidget(window)
    context = build_counter(window, desk)
    window.resize(1280, 800)
    return context


@pytest.fixture
def counter(ctx: UiContext) -> Counter:
    found = ctx.parent().findChild(Counter, "counter")
    assert found is not None
    return found
