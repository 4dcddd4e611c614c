"""Wizard page 2: the facts of RULES.md that the case needs, in plain words.

R2: when the renewal was filed at the commune, the regional authority's attestation (date,
reference), whether a decision was taken. R3: when the renewal was filed. R4: when the work
authorisation ended, whether a decision ended the stay, which family members are on the
file. Hospital, detention and travel are recorded on the holder and only shown here.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.model import Case, HandedIn, RenewalFile
from app.ui.documents.labels import HANDED_IN_NAMES, short_day
from app.ui.documents.widgets import DateField, all_dates_taken
from app.ui.i18n import _, translate_ui
from app.ui.qt_typed import form_label
from app.ui.views.formatting import RELATIONSHIPS, translated
from app.ui.wizard.state import RenewalState

logger = logging.getLogger(__name__)


class FactsPage(QWizardPage):
    def __init__(self, wizard: RenewalState) -> None:
        super().__init__()
        self.setObjectName("facts_page")
        self._wizard = wizard
        today = wizard.ctx.desk.today()

        self.filing_group = QGroupBox()
        self.filed_on = DateField("renewal_filed_on", today, not_after=today)
        self.decision_taken = QCheckBox()
        self.decision_taken.setObjectName("decision_taken")
        self.filing_form = QFormLayout(self.filing_group)
        self.filing_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.filing_form.addRow(QLabel(), self.filed_on)
        self.filing_form.addRow(self.decision_taken)

        self.attestation_group = QGroupBox()
        self.attestation = QCheckBox()
        self.attestation.setObjectName("regional_attestation")
        # Typed from the attestation, never assumed: it may stay empty.
        self.attestation_date = DateField(
            "regional_attestation_date", not_after=today, required=False
        )
        self.attestation_reference = QLineEdit()
        self.attestation_reference.setObjectName("regional_attestation_reference")
        self.attestation_hint = QLabel()
        self.attestation_hint.setWordWrap(True)
        # R2: the card's regional file number, to match against the attestation.
        self.regional_file = QLabel()
        self.regional_file.setObjectName("regional_file_number")
        self.regional_file.setWordWrap(True)
        self.regional_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attestation_form = QFormLayout(self.attestation_group)
        self.attestation_form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint
        )
        self.attestation_form.addRow(self.attestation)
        self.attestation_form.addRow(self.attestation_hint)
        self.attestation_form.addRow(self.regional_file)
        self.attestation_form.addRow(QLabel(), self.attestation_date)
        self.attestation_form.addRow(QLabel(), self.attestation_reference)
        self.attestation.toggled.connect(self.attestation_date.setEnabled)
        self.attestation.toggled.connect(self.attestation_reference.setEnabled)
        self.attestation.setChecked(False)
        self.attestation_date.setEnabled(False)
        self.attestation_reference.setEnabled(False)

        self.work_group = QGroupBox()
        # R4: the day sets annex 51's end, so it is typed from the notification, never assumed.
        self.work_ended_on = DateField("work_authorisation_ended_on", not_after=today)
        self.stay_ended = QCheckBox()
        self.stay_ended.setObjectName("stay_ended")
        # art. 105/6: the decision's date, for the working list (annex 52)
        self.stay_ended_on = DateField("stay_ended_on", not_after=today)
        self.stay_ended_on.setEnabled(False)
        self.stay_ended.toggled.connect(self.stay_ended_on.setEnabled)
        self.family_list = QListWidget()
        self.family_list.setObjectName("family_members")
        self.family_list.setMaximumHeight(110)
        for member in wizard.family:
            item = QListWidgetItem()
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.family_list.addItem(item)
        self.no_family = QLabel()
        self.work_form = QFormLayout(self.work_group)
        self.work_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.work_form.addRow(QLabel(), self.work_ended_on)
        self.work_form.addRow(self.stay_ended)
        self.work_form.addRow(QLabel(), self.stay_ended_on)
        self.work_form.addRow(QLabel(), self.family_list if wizard.family else self.no_family)

        self.first_registration_note = QLabel()
        self.first_registration_note.setWordWrap(True)
        self.from_abroad = QCheckBox()
        self.from_abroad.setObjectName("from_abroad")
        # art. 105/2 §5: a residence document the holder has is handed in with annex 49,
        # which names it.
        self.handed_in_group = QGroupBox()
        self.handed_in = QComboBox()
        self.handed_in.setObjectName("handed_in")
        for code in ("", *HANDED_IN_NAMES):
            self.handed_in.addItem("", code)
        self.handed_in_number = QLineEdit()
        self.handed_in_number.setObjectName("handed_in_number")
        self.handed_in_number.setEnabled(False)
        self.handed_in.currentIndexChanged.connect(lambda _i: self._handed_in_changed())
        self.handed_in_form = QFormLayout(self.handed_in_group)
        self.handed_in_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.handed_in_form.addRow(QLabel(), self.handed_in)
        self.handed_in_form.addRow(QLabel(), self.handed_in_number)
        self.holder_note = QLabel()
        self.holder_note.setWordWrap(True)
        self.holder_note.setObjectName("holder_situation")

        layout = QVBoxLayout(self)
        for widget in (
            self.filing_group,
            self.attestation_group,
            self.work_group,
            self.first_registration_note,
            self.from_abroad,
            self.handed_in_group,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.holder_note)
        translate_ui(self)

    def initializePage(self) -> None:  # Qt's virtual
        case = self._wizard.case
        self.filing_group.setVisible(case in (Case.LIMITED_RENEWAL, Case.UNLIMITED_RENEWAL))
        self.attestation_group.setVisible(case is Case.LIMITED_RENEWAL)
        self.work_group.setVisible(case is Case.WORK_AUTHORISATION_ENDED)
        self.first_registration_note.setVisible(case is Case.FIRST_REGISTRATION)
        self.from_abroad.setVisible(case is Case.FIRST_REGISTRATION)
        self.handed_in_group.setVisible(case is Case.FIRST_REGISTRATION)
        self.holder_note.setVisible(case is not Case.FIRST_REGISTRATION)
        self.retranslate_ui()

    def first_field(self) -> QWidget:
        """The first fact the case asks for."""
        case = self._wizard.case
        if case is Case.WORK_AUTHORISATION_ENDED:
            return self.work_ended_on
        if case is Case.FIRST_REGISTRATION:
            return self.from_abroad
        return self.filed_on

    def validatePage(self) -> bool:  # Qt's virtual: "Next" on a refused date stays here
        """Every date the case asks for is checked; the first refused one gets the focus,
        its sentence under it."""
        if not all_dates_taken(
            self.filed_on, self.attestation_date, self.work_ended_on, self.stay_ended_on
        ):
            return False
        self._wizard.save_file()  # the file exists from its first fact on (issue 13, point 4)
        return True

    def show_file(self, file: RenewalFile) -> None:
        """The facts a file kept, to go on with it."""
        self.filed_on.set_day(file.renewal_filed_on)
        self.decision_taken.setChecked(file.decision_taken)
        self.attestation.setChecked(file.regional_attestation)
        self.attestation_date.set_day(file.regional_attestation_date)
        self.attestation_reference.setText(file.regional_attestation_reference)
        self.work_ended_on.set_day(file.work_authorisation_ended_on)
        self.stay_ended.setChecked(file.stay_ended)
        self.stay_ended_on.set_day(file.stay_ended_on)
        for row in range(self.family_list.count()):
            item = self.family_list.item(row)
            on_file = item.data(Qt.ItemDataRole.UserRole) in file.family_member_ids
            item.setCheckState(Qt.CheckState.Checked if on_file else Qt.CheckState.Unchecked)
        self.from_abroad.setChecked(file.from_abroad)
        self.handed_in.setCurrentIndex(max(0, self.handed_in.findData(file.handed_in)))
        self.handed_in_number.setText(file.handed_in_number)

    def file_values(self) -> dict[str, Any]:
        """The file's facts for the chosen case (the others left empty)."""
        case = self._wizard.case
        values: dict[str, Any] = {
            "renewal_filed_on": None,
            "regional_attestation": False,
            "regional_attestation_date": None,
            "regional_attestation_reference": "",
            "decision_taken": False,
            "work_authorisation_ended_on": None,
            "stay_ended": False,
            "stay_ended_on": None,
            "family_member_ids": (),
            "from_abroad": False,
            "handed_in": "",
            "handed_in_number": "",
        }
        if case in (Case.LIMITED_RENEWAL, Case.UNLIMITED_RENEWAL):
            values["renewal_filed_on"] = self.filed_on.day()
            values["decision_taken"] = self.decision_taken.isChecked()
        if case is Case.LIMITED_RENEWAL and self.attestation.isChecked():
            values["regional_attestation"] = True
            values["regional_attestation_date"] = self.attestation_date.day()
            values["regional_attestation_reference"] = self.attestation_reference.text().strip()
        if case is Case.WORK_AUTHORISATION_ENDED:
            values["work_authorisation_ended_on"] = self.work_ended_on.day()
            values["stay_ended"] = self.stay_ended.isChecked()
            if self.stay_ended.isChecked():
                values["stay_ended_on"] = self.stay_ended_on.day()
            values["family_member_ids"] = self.checked_family()
        if case is Case.FIRST_REGISTRATION:
            values["from_abroad"] = self.from_abroad.isChecked()
            values["handed_in"] = self.handed_in.currentData() or ""
            if self.handed_in_number.isEnabled():
                values["handed_in_number"] = self.handed_in_number.text().strip()
        return values

    def _handed_in_changed(self) -> None:
        """A number only for a document actually handed in."""
        code = self.handed_in.currentData() or ""
        self.handed_in_number.setEnabled(code not in ("", HandedIn.NONE.value))

    def checked_family(self) -> tuple[int, ...]:
        return tuple(
            self.family_list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.family_list.count())
            if self.family_list.item(row).checkState() == Qt.CheckState.Checked
        )

    def retranslate_ui(self) -> None:
        self.setTitle(_("What happened so far"))
        self.setSubTitle(_("The facts the rules need for this case."))
        self.filing_group.setTitle(_("The renewal at the commune"))
        form_label(self.filing_form, self.filed_on).setText(_("Renewal filed at the commune on:"))
        self.decision_taken.setText(
            _("The regional authority or the Immigration Office has already decided")
        )
        self.attestation_group.setTitle(_("Regional authority"))
        self.attestation.setText(_("The holder shows the regional authority's &attestation"))
        self.attestation_hint.setText(
            _(
                "The regional authority attests that the application for the work "
                "authorisation is admissible and complete (art. 33 § 5)."
            )
        )
        permit = self._wizard.permit
        number = permit.regional_file_number if permit is not None else ""
        self.regional_file.setText(
            _(
                "Regional file number on the card: {number}. It must be the file the "
                "attestation is about."
            ).format(number=number)
            if number
            else _("The card gives no regional file number: check the attestation's holder.")
        )
        form_label(self.attestation_form, self.attestation_date).setText(_("Attestation dated:"))
        form_label(self.attestation_form, self.attestation_reference).setText(_("Reference:"))
        self.work_group.setTitle(_("End of the work authorisation"))
        form_label(self.work_form, self.work_ended_on).setText(_("Work authorisation ended on:"))
        self.stay_ended.setText(_("The Immigration Office has decided to end the stay"))
        form_label(self.work_form, self.stay_ended_on).setText(_("Stay ended on:"))
        family_widget = self.family_list if self._wizard.family else self.no_family
        form_label(self.work_form, family_widget).setText(_("Family members on the file:"))
        self.no_family.setText(_("No family member is recorded for this holder."))
        for row, member in enumerate(self._wizard.family):
            born = short_day(member.birth_date)
            tie = translated(RELATIONSHIPS, member.relationship)
            text = f"{member.full_name} ({', '.join(p for p in (tie, born) if p)})"
            self.family_list.item(row).setText(text)
        self.first_registration_note.setText(
            _(
                "First registration after an authorisation to stay and work (annex 46 or 47): "
                "the decision is required; the documents come on the next page."
            )
        )
        self.from_abroad.setText(
            _("The holder came from abroad with a long-stay visa (art. 105/2 § 4)")
        )
        self.handed_in_group.setTitle(_("Residence document handed in (art. 105/2 § 5)"))
        form_label(self.handed_in_form, self.handed_in).setText(_("The holder hands in:"))
        form_label(self.handed_in_form, self.handed_in_number).setText(_("Its number:"))
        self.handed_in.setItemText(0, _("not recorded (annex 49 leaves the line blank)"))
        for index in range(1, self.handed_in.count()):
            self.handed_in.setItemText(index, _(HANDED_IN_NAMES[self.handed_in.itemData(index)]))
        holder = self._wizard.holder
        yes, no = _("yes"), _("no")
        self.holder_note.setText(
            _(
                "Recorded on the holder (change them on the holder's page): in hospital: "
                "{hospital}; detained: {detained}; must travel: {travel}."
            ).format(
                hospital=yes if holder.hospitalised else no,
                detained=yes if holder.detained else no,
                travel=yes if holder.travelling else no,
            )
        )
