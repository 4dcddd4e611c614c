"""Fixtures for the interface tests: headless Qt, settings and log in tmp_path, fresh catalogs.

Every test gets QSettings redirected to its own folder, the log file in its own folder,
and a :class:`Translator` reading catalogs compiled from the ``.po`` files of this
checkout (so the tests never depend on a stale ``make translations``).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui import i18n, launch
from app.ui.i18n import DEFAULT_DIRECTORY, DOMAIN, Translator
from app.ui.main_window import MainWindow
from app.ui.settings import Settings

LANGUAGE_CODES = tuple(i18n.LANGUAGES)


@pytest.fixture(scope="session")
def compiled_catalogs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout's ``.po`` files compiled into a temporary locale folder."""
    directory = tmp_path_factory.mktemp("translations")
    for code in LANGUAGE_CODES:
        po_file = DEFAULT_DIRECTORY / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        with po_file.open("rb") as source:
            catalog = read_po(source, locale=code)
        target = directory / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        target.parent.mkdir(parents=True)
        with target.open("wb") as out:
            write_mo(out, catalog)
    return directory


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Per-user settings and the log file go to this test's folder."""
    config = tmp_path / "config"
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config))
    monkeypatch.setattr(launch, "log_directory", lambda: tmp_path / "data")
    yield config


@pytest.fixture(autouse=True)
def no_job_left_running(qapp: QApplication) -> Iterator[None]:
    """Each test ends with the worker pool idle, so no job outlives its window or store."""
    yield
    QThreadPool.globalInstance().waitForDone()


@pytest.fixture(autouse=True)
def translator(qapp: QApplication, compiled_catalogs: Path) -> Iterator[Translator]:
    """A fresh translator in French, installed for ``_()`` and for Qt."""
    fresh = Translator(compiled_catalogs)
    previous = i18n.use_translator(fresh)
    fresh.set_language("fr")
    yield fresh
    if previous is not None:
        i18n.use_translator(previous)
    else:
        fresh.uninstall()


@pytest.fixture
def settings() -> Settings:
    return Settings()


@pytest.fixture
def main_window(qtbot: QtBot, settings: Settings) -> MainWindow:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    return window
