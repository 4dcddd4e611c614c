"""Per-user settings: language default and memory, window geometry, isolated per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from app.ui.settings import APPLICATION, ORGANISATION, Settings, default_language


@pytest.mark.parametrize(
    ("locale_name", "expected"),
    [
        ("nl_BE", "nl"),
        ("de_BE", "de"),
        ("fr_FR", "fr"),
        ("de-DE", "de"),
        ("en_GB", "fr"),
        ("C", "fr"),
        ("", "fr"),
    ],
)
def test_default_language_follows_the_system_if_national(locale_name: str, expected: str) -> None:
    assert default_language(locale_name) == expected


def test_settings_live_in_the_test_folder(isolated_settings: Path, settings: Settings) -> None:
    assert Path(settings.file_name).is_relative_to(isolated_settings)


def test_language_is_remembered(settings: Settings) -> None:
    settings.language = "de"
    settings.sync()
    assert Settings().language == "de"


def test_unknown_language_is_refused(settings: Settings) -> None:
    with pytest.raises(ValueError, match="klingon"):
        settings.language = "klingon"


def test_unknown_stored_language_falls_back(settings: Settings) -> None:
    raw = QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )
    raw.setValue("ui/language", "xx")
    raw.sync()
    assert Settings().language == default_language()


def test_window_geometry_round_trip(settings: Settings) -> None:
    assert settings.window_geometry is None
    assert settings.window_state is None
    settings.window_geometry = QByteArray(b"\x01\x02geometry")
    settings.window_state = QByteArray(b"state")
    settings.sync()
    again = Settings()
    assert again.window_geometry == QByteArray(b"\x01\x02geometry")
    assert again.window_state == QByteArray(b"state")
