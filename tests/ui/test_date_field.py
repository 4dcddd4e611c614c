"""The date field of every form, typed key by key as a clerk types: one go, one Tab stop,
checked on leaving, never corrected."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.ui.documents.widgets import DateField, all_dates_taken
from app.ui.i18n import Translator

TODAY = date(2026, 11, 23)


@pytest.fixture
def form(qtbot: QtBot, translator: Translator) -> tuple[QWidget, QLineEdit, DateField, QLineEdit]:
    """A window with a line before and after the date field, focus on the one before."""
    window = QWidget()
    before, after = QLineEdit(), QLineEdit()
    field = DateField("day", required=False)
    layout = QVBoxLayout(window)
    for widget in (before, field, after):
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    before.setFocus()
    return window, before, field, after


def type_keys(qtbot: QtBot, text: str) -> None:
    for char in text:
        qtbot.keyClicks(QApplication.focusWidget(), char)


def tab(qtbot: QtBot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


@pytest.mark.parametrize("typed", ["15/11/2026", "15112026", "15.11.2026", "15-11-2026"])
def test_a_date_typed_in_one_go_is_taken_as_typed(form, qtbot: QtBot, typed: str) -> None:
    _window, _before, field, after = form
    tab(qtbot)
    assert QApplication.focusWidget() is field.edit  # one Tab from the field before
    type_keys(qtbot, typed)
    tab(qtbot)
    assert QApplication.focusWidget() is after  # and one Tab out
    assert field.day() == date(2026, 11, 15)
    assert field.edit.text() == "15/11/2026"  # the same day, in the language's form
    assert field.words.text() == "15 novembre 2026"
    assert field.error.isHidden()


def test_a_day_that_does_not_exist_is_refused_in_words_and_kept(form, qtbot: QtBot) -> None:
    _window, _before, field, _after = form
    tab(qtbot)
    type_keys(qtbot, "31022026")
    assert field.error.isHidden()  # nothing is said while the clerk types
    tab(qtbot)
    assert field.day() is None
    assert field.edit.text() == "31022026"  # never corrected
    assert not field.error.isHidden()
    assert "31 février" in field.error.text()


@pytest.mark.parametrize(
    ("typed", "words"),
    [("15/13/2026", "13"), ("15/11/26", "2026"), ("1511", "30/07/1985")],
)
def test_other_refusals_say_what_to_type(form, qtbot: QtBot, typed: str, words: str) -> None:
    _window, _before, field, _after = form
    tab(qtbot)
    type_keys(qtbot, typed)
    tab(qtbot)
    assert field.day() is None and field.edit.text() == typed
    assert words in field.error.text()


def test_german_writes_the_day_with_dots(form, qtbot: QtBot, translator: Translator) -> None:
    translator.set_language("de")
    _window, _before, field, _after = form
    tab(qtbot)
    type_keys(qtbot, "01/11/2026")
    tab(qtbot)
    assert field.edit.text() == "01.11.2026"
    assert field.words.text() == "1. November 2026"


def test_a_required_or_future_date_stops_the_form_and_takes_the_focus(
    qtbot: QtBot, translator: Translator
) -> None:
    window = QWidget()
    field = DateField("ended_on", not_after=TODAY)
    QVBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    assert field.day() is None  # nothing assumed: the clerk types the fact
    assert not all_dates_taken(field)
    assert not field.error.isHidden() and field.error.text().startswith("Tapez la date")
    field.set_day(date(2026, 11, 24))
    assert not all_dates_taken(field) and field.day() is None
    field.set_day(TODAY)
    assert all_dates_taken(field) and field.day() == TODAY
