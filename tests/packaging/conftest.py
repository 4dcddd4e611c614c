"""Fixtures for the packaging tests: no machine configuration file, no ``PERMITDESK_DB``,
and data folders inside ``tmp_path``, so nothing depends on the machine running the tests."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.config import CONFIG_ENV
from app.paths import DATABASE_ENV


@pytest.fixture(autouse=True)
def clean_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """No configuration file (``PERMITDESK_CONFIG`` points at a missing one), no
    ``PERMITDESK_DB``, XDG data and per-user settings in this test's folder."""
    monkeypatch.setenv(CONFIG_ENV, str(tmp_path / "etc" / "permitdesk.toml"))
    monkeypatch.delenv(DATABASE_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    usual = Path(QSettings(ini, user, "x", "y").fileName()).parent.parent
    QSettings.setPath(ini, user, str(tmp_path / "settings"))
    yield tmp_path
    QSettings.setPath(ini, user, str(usual))


@pytest.fixture
def write_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """``write_config(text)``: a configuration file in use, holding ``text``."""

    def write(text: str) -> Path:
        path = tmp_path / "etc" / "permitdesk.toml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        monkeypatch.setenv(CONFIG_ENV, str(path))
        return path

    return write
