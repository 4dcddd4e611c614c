"""Recording what was decided or done on a file (R3 §3-7, R5, art. 105/6), with its dates.

Extension of the decision period with its new end (art. 105/3 §3), approval (annex 46),
tacit approval (annex 47), refusal (annex 48), a request for more information with its
deadline (§7) and the information handed in; for a first registration (R5) the residence
check and the single permit handed over; a decision ending the stay (annex 52). The dates
a request or an extension sets are kept for the working list. The domain says which
outcomes close the file; the dialog only tells the clerk before they confirm.
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

from app.domain.model import Case, Outcome
from app.ui.documents.labels import OUTCOME_NAMES
from app.ui.documents.widgets import DateField, all_dates_taken
from app.ui.i18n import _, translate_ui
from app.ui.qt_typed import form_label

logger = logging.getLogger(__name__)


#: What can happen on a file of each case. R5's file ends with the single permit handed
#: over; a renewal's with the Office's decision. Any stay can be ended (art. 105/6).
_RENEWAL = (
    Outcome.PERIOD_EXTENDED,
    Outcome.APPROVED,
    Outcome.TACIT_APPROVAL,
    Outcome.REFUSED,
    Outcome.INFORMATION_REQUESTED,
    Outcome.INFORMATION_SUPPLIED,
    Outcome.STAY_ENDED,
)
OUTCOMES_BY_CASE: dict[Case, tuple[Outcome, ...]] = {
    Case.LIMITED_RENEWAL: _RENEWAL,
    Case.UNLIMITED_RENEWAL: _RENEWAL,
    Case.WORK_AUTHORISATION_ENDED: _RENEWAL,
    Case.FIRST_REGISTRATION: (
        Outcome.RESIDENCE_CHECKED,
        Outcome.PERMIT_ISSUED,
        Outcome.INFORMATION_REQUESTED,
        Outcome.INFORMATION_SUPPLIED,
        Outcome.REFUSED,
        Outcome.STAY_ENDED,
    ),
}


class OutcomeDialog(QDialog):
    """Pick the outcome, its date and, for a request or an extended period, the date it
    sets (the deadline; the decision period's new end)."""

    def __init__(
        self, today: date, parent: QWidget | None = None, case: Case | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outcome_dialog")
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        for outcome in OUTCOMES_BY_CASE[case] if case is not None else tuple(Outcome):
            self.outcome.addItem("", outcome.value)
        self.on = DateField("outcome_on", today, not_after=today)
        self.deadline = DateField("deadline", today + timedelta(days=15))
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

    def accept(self) -> None:  # Qt's virtual: OK with a refused date stays open
        if all_dates_taken(self.on, self.deadline):
            super().accept()

    def selected(self) -> Outcome:
        return Outcome(self.outcome.currentData())

    def select(self, outcome: Outcome) -> None:
        self.outcome.setCurrentIndex(self.outcome.findData(outcome.value))

    def decided_on(self) -> date:
        """The day of the outcome (taken: the dialog was accepted)."""
        day = self.on.day()
        assert day is not None, "accept() refuses a date that is not taken"
        return day

    def detail(self) -> str:
        """The clerk's note on the event."""
        return self.note.text().strip()

    def due_on(self) -> date | None:
        """The date the outcome sets: a request's deadline (§7), the decision period's new
        end (art. 105/3 §3); None for the other outcomes."""
        return self.deadline.day() if self.selected().sets_date else None

    def _update(self, *_args: object) -> None:
        outcome = self.selected()
        self.form.setRowVisible(self.deadline, outcome.sets_date)
        label = (
            _("Decision due by:") if outcome is Outcome.PERIOD_EXTENDED else _("Documents due by:")
        )
        form_label(self.form, self.deadline).setText(label)
        self.closes.setText(
            _("This decides the file and closes it.") if outcome.closes_file else ""
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Outcome from the Immigration Office"))
        for index in range(self.outcome.count()):
            self.outcome.setItemText(index, _(OUTCOME_NAMES[Outcome(self.outcome.itemData(index))]))
        texts = {
            self.outcome: _("Outcome:"),
            self.on: _("Decided on:"),
            self.note: _("Note:"),
        }
        for widget, text in texts.items():
            form_label(self.form, widget).setText(text)
        self._update()
