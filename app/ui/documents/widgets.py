"""Small widgets the counter's forms share: date fields in the interface language."""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit

from app.ui.documents.labels import ui_language

logger = logging.getLogger(__name__)

_FORMATS = {"de": "dd.MM.yyyy"}


def date_edit(name: str, today: date, *, not_after_today: bool = True) -> QDateEdit:
    """A date field with a calendar, on ``today``; by default it cannot go past today."""
    edit = QDateEdit(QDate(today))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    if not_after_today:
        edit.setMaximumDate(QDate(today))
    localise_dates(edit)
    return edit


def localise_dates(*edits: QDateEdit) -> None:
    """Four-digit years, in the order the interface language writes dates."""
    for edit in edits:
        edit.setDisplayFormat(_FORMATS.get(ui_language(), "dd/MM/yyyy"))
