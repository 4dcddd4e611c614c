"""The clerk's own preferences on this computer: interface language, window geometry.

One :class:`Settings` object, created at start-up and handed to whoever needs it, wraps
the only ``QSettings`` of the application (an INI file in the user's configuration folder,
organisation and application "PermitDesk"). What the commune configures for every
counter (its name, languages of the annexes) lives in the database, not here.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QLocale, QSettings

from app.config import current_config
from app.ui.i18n import LANGUAGES

logger = logging.getLogger(__name__)

ORGANISATION = "PermitDesk"
APPLICATION = "PermitDesk"
FALLBACK_LANGUAGE = "fr"

_LANGUAGE = "ui/language"
_GEOMETRY = "main_window/geometry"
_STATE = "main_window/state"


def default_language(locale_name: str | None = None) -> str:
    """The language of the system locale when it is French, Dutch or German, else French."""
    name = locale_name if locale_name is not None else QLocale.system().name()
    code = name.split("_")[0].split("-")[0].lower()
    return code if code in ("fr", "nl", "de") else FALLBACK_LANGUAGE


class Settings:
    """Per-user settings, stored through ``QSettings`` in INI format."""

    def __init__(self) -> None:
        self._store = QSettings(
            QSettings.Format.IniFormat,
            QSettings.Scope.UserScope,
            ORGANISATION,
            APPLICATION,
        )

    @property
    def file_name(self) -> str:
        return self._store.fileName()

    @property
    def language(self) -> str:
        """The interface language code; the system's (or French) until the clerk picks one."""
        value = self._store.value(_LANGUAGE, "", type=str)
        if value in LANGUAGES:
            return value
        if value:
            logger.warning("Ignoring unknown interface language %r in settings", value)
        return current_config().default_language or default_language()

    @language.setter
    def language(self, code: str) -> None:
        if code not in LANGUAGES:
            raise ValueError(f"unknown interface language {code!r}")
        self._store.setValue(_LANGUAGE, code)

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes(_GEOMETRY)

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._store.setValue(_GEOMETRY, value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes(_STATE)

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue(_STATE, value)

    def sync(self) -> None:
        """Write pending changes to disk now."""
        self._store.sync()

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None
