"""Form fields that check themselves as the clerk types.

A :class:`FieldSet` fills a ``QFormLayout``: each line edit has a label with a mnemonic and,
under it, a red sentence naming what is wrong (from :mod:`app.domain.validation` codes).
``validity_changed`` lets the form enable its Save button only while everything is valid.
User data is always shown as plain text, never as rich text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

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

from app.ui.i18n import _
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
            line.error.setText(error_text(line.code))
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
        line.error.setText(error_text(line.code))
        line.error.setVisible(line.code is not None)
        line.edit.setProperty("invalid", line.code is not None)
        line.edit.setToolTip(error_text(line.code))
        if emit:
            self._emit_validity()

    def _emit_validity(self) -> None:
        valid = self.is_valid()
        if valid != self._valid:
            self._valid = valid
        self.validity_changed.emit(valid)
