"""Wizard page 1: which procedure this file follows, proposed from the current permit.

The proposal only reads the card's labour-market mention (limited → R2, unlimited → R3,
no permit → R5); the clerk confirms it or picks another case (R4, R5).
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.model import Case, LabourMarket
from app.domain.national_number import format_national_number
from app.domain.rules import proposed_case
from app.ui.documents.labels import CASE_HINTS, case_title, day_text
from app.ui.i18n import N_, _, translate_ui
from app.ui.wizard.state import RenewalState

logger = logging.getLogger(__name__)

LABOUR_MARKET_NAMES = {
    LabourMarket.LIMITED: N_("limited"),
    LabourMarket.UNLIMITED: N_("unlimited"),
    LabourMarket.NONE: N_("none"),
    LabourMarket.SEASONAL: N_("seasonal work"),
}


class CasePage(QWizardPage):
    def __init__(self, wizard: RenewalState) -> None:
        super().__init__()
        self.setObjectName("case_page")
        self._wizard = wizard
        self.proposed = proposed_case(wizard.permit)
        self.holder_label = QLabel()
        self.holder_label.setWordWrap(True)
        self.proposal_label = QLabel()
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setObjectName("proposal")
        self.group = QButtonGroup(self)
        self.buttons: dict[Case, QRadioButton] = {}
        self.hints: dict[Case, QLabel] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.holder_label)
        layout.addSpacing(8)
        layout.addWidget(self.proposal_label)
        layout.addSpacing(8)
        for case in Case:
            button = QRadioButton()
            button.setObjectName(f"case_{case.value}")
            self.group.addButton(button)
            self.buttons[case] = button
            hint = QLabel()
            hint.setWordWrap(True)
            hint.setIndent(24)
            hint.setStyleSheet("color: #555555;")
            self.hints[case] = hint
            layout.addWidget(button)
            layout.addWidget(hint)
        self.buttons[self.proposed].setChecked(True)
        layout.addSpacing(12)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirm_case")
        layout.addWidget(self.confirm)
        layout.addStretch(1)
        self.registerField("case_confirmed*", self.confirm)
        translate_ui(self)

    def first_field(self) -> QWidget:
        """The confirmation: Space ticks it, Enter goes on."""
        return self.confirm

    def selected_case(self) -> Case:
        return next(case for case, button in self.buttons.items() if button.isChecked())

    def retranslate_ui(self) -> None:
        self.setTitle(_("Which case is it?"))
        self.setSubTitle(
            _("Proposed from the holder's current permit; confirm it or pick another.")
        )
        holder, permit = self._wizard.holder, self._wizard.permit
        lines = [f"<b>{escape(holder.full_name)}</b>"]
        if holder.national_number:
            lines.append(
                _("National number: {number}").format(
                    number=format_national_number(holder.national_number)
                )
            )
        if permit is None:
            lines.append(_("No single permit is recorded for this holder."))
        else:
            lines.append(
                _("Single permit {card}, labour market {market}, expires on {date}.").format(
                    card=permit.card_number,
                    market=_(LABOUR_MARKET_NAMES[permit.labour_market]),
                    date=day_text(permit.expiry),
                )
            )
        self.holder_label.setText("<br>".join(lines))
        self.proposal_label.setText(_("Proposed: {case}").format(case=case_title(self.proposed)))
        for case, button in self.buttons.items():
            button.setText(case_title(case))
            self.hints[case].setText(_(CASE_HINTS[case]))
        self.confirm.setText(_("I have checked the holder's situation: this is the right case"))
