"""Wizard page 3: the documents the holder produced, ticked one by one.

The list is the commune's (settings key ``checklists``: case → item ids) with the items the
AR requires put back, or the default list. What is not ticked becomes the file's missing
documents; an item the law requires is never dropped silently: the page names those left
unticked, and the decision page says what follows.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.checklist import ITEMS_BY_ID, label_of
from app.domain.model import Case
from app.services import settings as settings_service
from app.ui.documents.labels import ui_language
from app.ui.i18n import _, translate_ui
from app.ui.wizard.state import RenewalState

logger = logging.getLogger(__name__)


def is_legal(item_id: str) -> bool:
    item = ITEMS_BY_ID.get(item_id)
    return bool(item and item.legal)


class ChecklistPage(QWizardPage):
    def __init__(self, wizard: RenewalState) -> None:
        super().__init__()
        self.setObjectName("checklist_page")
        self._wizard = wizard
        self._case: Case | None = None
        self.items = QListWidget()
        self.items.setObjectName("checklist")
        self.items.setWordWrap(True)
        self.items.setSpacing(3)
        self.items.itemChanged.connect(self._update_warning)
        self.all_button = QPushButton()
        self.all_button.setObjectName("tick_all")
        self.all_button.clicked.connect(self.tick_all)
        self.warning = QLabel()
        self.warning.setObjectName("legal_missing")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #a40000;")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.warning)
        wizard.attestation.toggled.connect(self._attestation_toggled)
        translate_ui(self)

    def initializePage(self) -> None:  # Qt's virtual
        case = self._wizard.case
        if case is self._case:
            return
        self._case = case
        self.items.blockSignals(True)
        self.items.clear()
        for item_id in settings_service.checklist(self._wizard.ctx.desk, case):
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            if is_legal(item_id):
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.items.addItem(item)
        self.items.blockSignals(False)
        self._attestation_toggled(self._wizard.attestation.isChecked())
        self.retranslate_ui()

    def _attestation_toggled(self, checked: bool) -> None:
        """R2: the attestation on the facts page and its checklist item are one fact."""
        self.set_checked("regional_attestation", checked)

    def _sync_back(self) -> None:
        if "regional_attestation" in self.item_ids():
            produced = "regional_attestation" not in self.missing()
            self._wizard.attestation.setChecked(produced)

    def _all_items(self) -> list[QListWidgetItem]:
        return [self.items.item(row) for row in range(self.items.count())]

    def item_ids(self) -> list[str]:
        return [item.data(Qt.ItemDataRole.UserRole) for item in self._all_items()]

    def set_checked(self, item_id: str, checked: bool) -> None:
        for item in self._all_items():
            if item.data(Qt.ItemDataRole.UserRole) == item_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(state)

    def first_field(self) -> QWidget:
        return self.all_button

    def tick_all(self) -> None:
        """Everything produced; the focus moves on to Next, so that Enter goes on instead
        of pressing this button again."""
        for item in self._all_items():
            item.setCheckState(Qt.CheckState.Checked)
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.NextButton).setFocus(Qt.FocusReason.OtherFocusReason)

    def missing(self) -> tuple[str, ...]:
        """The items not ticked, in list order."""
        return tuple(
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._all_items()
            if item.checkState() != Qt.CheckState.Checked
        )

    def _update_warning(self, *_args: object) -> None:
        self._sync_back()
        language = ui_language()
        legal = [label_of(i, language) for i in self.missing() if is_legal(i)]
        others = [label_of(i, language) for i in self.missing() if not is_legal(i)]
        lines = []
        if legal:
            lines.append(
                _("Required by law and not produced: {items}.").format(items="; ".join(legal))
            )
        if others:
            lines.append(_("Not produced: {items}.").format(items="; ".join(others)))
        if lines:
            lines.append(
                _(
                    "Unticked items are recorded as missing documents; the next page "
                    "shows what the rules make of them."
                )
            )
        self.warning.setText("\n".join(lines))

    def retranslate_ui(self) -> None:
        self.setTitle(_("Documents produced"))
        self.setSubTitle(
            _("Tick each document the holder produced. Items in bold are required by law.")
        )
        self.all_button.setText(_("&All produced"))
        language = ui_language()
        required = _("required by law")
        for item in self._all_items():
            item_id = item.data(Qt.ItemDataRole.UserRole)
            suffix = f" — {required}" if is_legal(item_id) else ""
            item.setText(label_of(item_id, language) + suffix)
        self._update_warning()
