"""The date field every form of the counter uses, and the sentences that refuse a date.

A clerk types a date in one go (``15/11/2026``, ``15.11.2026``, ``15112026``): the field is
one line edit, one Tab stop, checked when the clerk leaves it (Tab or Enter). It never
corrects or guesses: a day that does not exist is refused in words ("31 February does not
exist"), and a valid one is written back in the interface language's form with the day in
words beside it, so the clerk sees which day was taken. The reading itself is the domain's
(:func:`app.domain.validation.read_date`).
"""

from __future__ import annotations

import logging
from datetime import date

from babel.dates import get_month_names
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain import validation as v
from app.domain.explain import LOCALES
from app.ui.documents.labels import day_text, ui_language
from app.ui.i18n import N_, _, translate_ui

logger = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
_FORMATS = {"de": "%d.%m.%Y"}
#: The sentence for each date code; the forms' error table (views.formatting) holds them too.
DATE_REFUSALS = {
    v.DATE_FORMAT: N_("Type the date as day/month/year, for example 30/07/1985."),
    v.DATE_SHORT_YEAR: N_("Type the year with four digits, for example 15/11/2026."),
    v.DATE_NO_SUCH_MONTH: N_("There is no such month: type day/month/year."),
    v.DATE_NO_SUCH_DAY: N_("This day does not exist in the calendar."),
    v.DATE_IN_FUTURE: N_("This date is in the future."),
    v.DATE_TOO_OLD: N_("This date is too far in the past."),
}
_REQUIRED = N_("Type the date, for example 15/11/2026.")


def typed_day(day: date) -> str:
    """``day`` as the field shows it: ``15/11/2026``, ``15.11.2026`` in German."""
    return day.strftime(_FORMATS.get(ui_language(), "%d/%m/%Y"))


def refusal_text(refused: v.DateRefused) -> str:
    """Why a typed date is refused, in the interface language."""
    if refused.code == v.DATE_NO_SUCH_DAY:
        month = get_month_names("wide", locale=LOCALES[ui_language()])[refused.month]
        return _("{day} {month} does not exist.").format(day=refused.day, month=month)
    if refused.code == v.DATE_NO_SUCH_MONTH:
        return _("There is no month {month}: type day/month/year, for example 15/11/2026.").format(
            month=refused.month
        )
    if refused.code == v.REQUIRED:
        return _(_REQUIRED)
    return _(DATE_REFUSALS.get(refused.code, DATE_REFUSALS[v.DATE_FORMAT]))


def date_sentence(text: str, required: bool = False, not_after: date | None = None) -> str:
    """The refusal of ``text`` in words, or '' when it is an acceptable date (or empty and
    not required)."""
    refused = v.date_problem(text, required, not_after)
    return refusal_text(refused) if refused is not None else ""


class DateField(QWidget):
    """One date, typed; ``day()`` is the date or ``None`` while the text is not one.

    ``required``: empty is refused. ``not_after``: a later day is refused (a fact that has
    already happened cannot be in the future). The widget is its line edit's focus proxy,
    so it is one Tab stop and a label's buddy."""

    edited = Signal()

    def __init__(
        self,
        name: str,
        day: date | None = None,
        *,
        not_after: date | None = None,
        required: bool = True,
        words: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``words``: the day written out beside the field (not in a narrow filter bar)."""
        super().__init__(parent)
        self.setObjectName(name)
        self._not_after = not_after
        self._required = required
        self.edit = QLineEdit()
        self.edit.setObjectName(f"{name}_text")
        self.edit.setMaxLength(10)
        self.words = QLabel()
        self.words.setObjectName(f"{name}_words")
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setVisible(words)
        self.error = QLabel()
        self.error.setObjectName(f"{name}_error")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()  # one line: a wrapped sentence would be squeezed to the field's width
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.edit)
        line.addWidget(self.words, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addLayout(line)
        column.addWidget(self.error)
        self.setFocusProxy(self.edit)
        self.edit.editingFinished.connect(self.check)
        self.edit.textEdited.connect(self._typing)
        if day is not None:
            self.edit.setText(typed_day(day))
        translate_ui(self)

    def day(self) -> date | None:
        """The date typed, or ``None`` when the field is empty or refused."""
        if v.date_problem(self.edit.text(), self._required, self._not_after) is not None:
            return None
        return v.parse_date(self.edit.text())

    def set_day(self, day: date | None) -> None:
        self.edit.setText(typed_day(day) if day is not None else "")
        self.check()

    def set_not_after(self, day: date | None) -> None:
        self._not_after = day

    def check(self) -> bool:
        """Show why the text is refused, or write the day back in the language's form
        with its words; True when the field can be taken."""
        sentence = date_sentence(self.edit.text(), self._required, self._not_after)
        self.error.setText(sentence)
        self.error.setVisible(bool(sentence) and self.isEnabled())
        self.edit.setProperty("invalid", bool(sentence))
        self.edit.setToolTip(sentence)
        day = None if sentence else v.parse_date(self.edit.text())
        if day is not None:
            self.edit.setText(typed_day(day))
        self.words.setText(day_text(day))
        return not sentence

    def changeEvent(self, event: QEvent) -> None:  # Qt's virtual
        """A disabled field states no refusal: it is not asked for."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.EnabledChange:
            self.error.setVisible(bool(self.error.text()) and self.isEnabled())

    def _typing(self, _text: str) -> None:
        """While the clerk types, last verdict's words go: they would be about another text."""
        self.words.setText("")
        self.edited.emit()

    def retranslate_ui(self) -> None:
        hint = _("day/month/year")
        self.edit.setPlaceholderText(hint)
        metrics = self.edit.fontMetrics()
        widest = max(metrics.horizontalAdvance(text) for text in (hint, "00/00/00000"))
        self.edit.setFixedWidth(widest + 16)
        if self.edit.text():
            self.check()


def all_dates_taken(*fields: DateField) -> bool:
    """Check the fields the form asks for (shown and enabled); the first refused one gets
    the focus, its sentence under it. True when every one can be taken."""
    for field in fields:
        if field.isVisibleTo(field.window()) and field.isEnabled() and not field.check():
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
    return True
