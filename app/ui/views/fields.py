"""Form fields that check themselves as the clerk types.

A :class:`FieldSet` fills a ``QFormLayout``: each line edit has a label with a mnemonic and,
under it, a red sentence naming what is wrong (from :mod:`app.domain.validation` codes).
A date line (:meth:`FieldSet.add_date`) reads dates as the wizard's date field does and says
why one is refused only when the clerk leaves it, never while the day is half typed.
``validity_changed`` lets the form enable its Save button only while everything is valid.
User data is always shown as plain text, never as rich text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import validation as v
from app.ui.documents.widgets import date_sentence, typed_day
from app.ui.i18n import N_, _
from app.ui.views.formatting import error_text

logger = logging.getLogger(__name__)

Check = Callable[[str], str | None]
ERROR_STYLE = "color: #b00020;"


@dataclass
class _Line:
    label: QLabel
    label_msgid: str
    edit: QLineEdit
    error: QLabel
    check: Check
    code: str | None = None
    #: A date line: the sentence for the text (when ``code`` is set), shown once left.
    explain: Callable[[str], str] | None = None
    left: bool = True


class FieldSet(QObject):
    """The checked fields of one form."""

    validity_changed = Signal(bool)
    edited = Signal()

    def __init__(self, layout: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._layout = layout
        self._lines: dict[str, _Line] = {}
        self._labels: list[tuple[QLabel | QCheckBox, str]] = []
        self._combos: list[tuple[QComboBox, Sequence[tuple[str, str]]]] = []
        self._valid = True

    def add_line(self, name: str, label: str, check: Check, placeholder: str = "") -> QLineEdit:
        """A line edit named ``name``; ``label`` is an ``N_()`` message with its ``&``."""
        edit = QLineEdit()
        edit.setObjectName(name)
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(edit)
        column.addWidget(error)
        title = QLabel()
        title.setBuddy(edit)
        self._layout.addRow(title, box)
        line = _Line(title, label, edit, error, check)
        self._lines[name] = line
        if placeholder:
            edit.setProperty("placeholder_msgid", placeholder)
        edit.textChanged.connect(lambda _text, n=name: self._recheck(n))
        edit.textEdited.connect(lambda _text: self.edited.emit())
        self._recheck(name, emit=False)
        return edit

    def add_date(
        self,
        name: str,
        label: str,
        *,
        required: bool = False,
        not_after: date | None = None,
        check: Check | None = None,
    ) -> QLineEdit:
        """A date line: ``15/11/2026``, ``15.11.2026``, ``15112026``; ``check`` replaces the
        plain date check (a birth date the register knows in part)."""

        def plain(text: str) -> str | None:
            return v.check_date(text, required=required, not_after=not_after)

        edit = self.add_line(name, label, check or plain, placeholder=N_("day/month/year"))
        line = self._lines[name]
        line.explain = lambda text: date_sentence(text, required, not_after)
        line.left = True
        edit.textEdited.connect(lambda _text: self._typing(name))
        edit.editingFinished.connect(lambda: self._left(name))
        return edit

    def add_check_box(self, name: str, label: str) -> QCheckBox:
        box = QCheckBox()
        box.setObjectName(name)
        box.toggled.connect(lambda _on: self.edited.emit())
        self._layout.addRow("", box)
        self._labels.append((box, label))
        return box

    def add_combo(self, name: str, label: str, choices: Sequence[tuple[str, str]]) -> QComboBox:
        """``choices`` are (data, ``N_()`` text) pairs."""
        combo = QComboBox()
        combo.setObjectName(name)
        for data, _text in choices:
            combo.addItem("", data)
        combo.currentIndexChanged.connect(lambda _i: self.edited.emit())
        title = QLabel()
        title.setBuddy(combo)
        self._layout.addRow(title, combo)
        self._labels.append((title, label))
        self._combos.append((combo, choices))
        return combo

    def text(self, name: str) -> str:
        return self._lines[name].edit.text()

    def set_text(self, name: str, value: str) -> None:
        self._lines[name].edit.setText(value)

    def errors(self) -> dict[str, str]:
        """Field name -> error code, for the fields that are wrong."""
        return {name: line.code for name, line in self._lines.items() if line.code}

    def is_valid(self) -> bool:
        return not self.errors()

    def recheck_all(self) -> None:
        for name in self._lines:
            self._recheck(name, emit=False)
        self._emit_validity()

    def retranslate_ui(self) -> None:
        for line in self._lines.values():
            line.label.setText(_(line.label_msgid))
            line.error.setText(self._error_text(line))
            placeholder = line.edit.property("placeholder_msgid")
            if placeholder:
                line.edit.setPlaceholderText(_(placeholder))
        for widget, msgid in self._labels:
            widget.setText(_(msgid))
        for combo, choices in self._combos:
            for index, (_data, text) in enumerate(choices):
                combo.setItemText(index, _(text) if text else "")

    def _recheck(self, name: str, emit: bool = True) -> None:
        line = self._lines[name]
        line.code = line.check(line.edit.text())
        text = self._error_text(line)
        line.error.setText(text)
        line.error.setVisible(line.code is not None and line.left)
        line.edit.setProperty("invalid", line.code is not None and line.left)
        line.edit.setToolTip(text)
        if emit:
            self._emit_validity()

    @staticmethod
    def _error_text(line: _Line) -> str:
        if line.code is None:
            return ""
        sentence = line.explain(line.edit.text()) if line.explain is not None else ""
        return sentence or error_text(line.code)

    def _typing(self, name: str) -> None:
        self._lines[name].left = False

    def _left(self, name: str) -> None:
        """Leaving a date line: say what is wrong, or write a full date in the language's
        form (the same day: nothing is corrected)."""
        line = self._lines[name]
        line.left = True
        day = v.parse_date(line.edit.text())
        if line.check(line.edit.text()) is None and day is not None:
            line.edit.setText(typed_day(day))
        self._recheck(name)

    def _emit_validity(self) -> None:
        valid = self.is_valid()
        if valid != self._valid:
            self._valid = valid
        self.validity_changed.emit(valid)
