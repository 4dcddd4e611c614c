"""Recording what the Immigration Office decided on a file (R3 §3-7), with its dates.

Extension of the period, approval (annex 46), tacit approval (annex 47), refusal (annex 48)
or a request for more information with its deadline. The domain says which outcomes close
the file; the dialog only tells the clerk before they confirm.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import Outcome
from app.ui.documents.labels import OUTCOME_NAMES
from app.ui.documents.widgets import date_edit, localise_dates
from app.ui.i18n import _, translate_ui
from app.ui.qt_typed import form_label, python_date

logger = logging.getLogger(__name__)


class OutcomeDialog(QDialog):
    """Pick the outcome, its date and, for a request, the deadline."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outcome_dialog")
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for outcome in Outcome:
            self.outcome.addItem("", outcome.value)
        self.on = date_edit("outcome_on", today)
        self.deadline = date_edit("deadline", today + timedelta(days=15), not_after_today=False)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.closes = QLabel()
        self.closes.setWordWrap(True)
        self.closes.setObjectName("closes_file")
        self.form = QFormLayout()
        self.form.addRow(QLabel(), self.outcome)
        self.form.addRow(QLabel(), self.on)
        self.form.addRow(QLabel(), self.deadline)
        self.form.addRow(QLabel(), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.closes)
        layout.addWidget(self.buttons)
        self.outcome.currentIndexChanged.connect(self._update)
        translate_ui(self)

    def selected(self) -> Outcome:
        return Outcome(self.outcome.currentData())

    def select(self, outcome: Outcome) -> None:
        self.outcome.setCurrentIndex(self.outcome.findData(outcome.value))

    def detail(self) -> str:
        """What the file's event records besides the date: the deadline of a request."""
        parts = []
        if self.selected() is Outcome.INFORMATION_REQUESTED:
            parts.append(python_date(self.deadline.date()).isoformat())
        if self.note.text().strip():
            parts.append(self.note.text().strip())
        return " ".join(parts)

    def _update(self, *_args: object) -> None:
        requested = self.selected() is Outcome.INFORMATION_REQUESTED
        self.form.setRowVisible(self.deadline, requested)
        self.closes.setText(
            _("This decides the file and closes it.") if self.selected().closes_file else ""
        )

    def retranslate_ui(self) -> None:
        localise_dates(self.on, self.deadline)
        self.setWindowTitle(_("Outcome from the Immigration Office"))
        for index in range(self.outcome.count()):
            self.outcome.setItemText(index, _(OUTCOME_NAMES[Outcome(self.outcome.itemData(index))]))
        texts = {
            self.outcome: _("Outcome:"),
            self.on: _("Decided on:"),
            self.deadline: _("Documents due by:"),
            self.note: _("Note:"),
        }
        for widget, text in texts.items():
            form_label(self.form, widget).setText(text)
        self._update()
