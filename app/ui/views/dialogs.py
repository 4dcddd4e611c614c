"""Small edit dialogs of the holder's page: a permit, a family member, a new holder.
Each checks its fields as the clerk types and enables Save only while they are valid."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from app.domain import validation as v
from app.domain.model import FamilyMember, LabourMarket, Permit, Sex
from app.ui.i18n import N_, _, translate_ui
from app.ui.views.fields import FieldSet
from app.ui.views.formatting import LABOUR_MARKET, RELATIONSHIPS, show_national_number
from app.ui.views.holder_form import SEXES, HolderForm, edit_date

logger = logging.getLogger(__name__)


class FormDialog(QDialog):
    """A dialog with Save and Cancel; Save is enabled while ``is_valid()``."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self.layout_ = QVBoxLayout(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)

    @property
    def save_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)
        translate_ui(self)
        self.update_save()

    def is_valid(self) -> bool:
        raise NotImplementedError

    def update_save(self) -> None:
        self.save_button.setEnabled(self.is_valid())
        QTimer.singleShot(0, self._grow_to_fit)

    def _grow_to_fit(self) -> None:
        """Error sentences appear under the fields: grow so that none is cut off."""
        layout = self.layout()
        if layout is None:
            return
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_(self._title))

    def _accept_if_valid(self) -> None:
        if self.is_valid():
            self.accept()


class FieldsDialog(FormDialog):
    """A :class:`FormDialog` over one :class:`FieldSet`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.layout_.addLayout(form)
        self.fields = FieldSet(form, self)
        self.fields.validity_changed.connect(lambda _valid: self.update_save())
        self.setMinimumWidth(480)

    def is_valid(self) -> bool:
        return self.fields.is_valid()

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.fields.retranslate_ui()


class PermitDialog(FieldsDialog):
    """The holder's single-permit card: number, validity, labour-market mention."""

    def __init__(self, permit: Permit, parent: QWidget | None = None) -> None:
        super().__init__(N_("Permit") if permit.id else N_("New permit"), parent)
        self.setObjectName("permit_dialog")
        self._permit = permit
        f = self.fields
        f.add_line("card_number", N_("&Card number:"), v.check_card_number)
        f.add_date("valid_from", N_("Valid &from:"))
        f.add_date("expiry", N_("&Expiry:"), required=True)
        choices = [(m.value, LABOUR_MARKET[m.value]) for m in LabourMarket]
        self.labour_market = f.add_combo("labour_market", N_("&Labour market:"), choices)
        f.add_line(
            "regional_file_number",
            N_("&Regional file number:"),
            lambda t: v.check_name(t, required=False, max_length=18),
        )
        f.set_text("card_number", permit.card_number)
        f.set_text("regional_file_number", permit.regional_file_number)
        f.set_text("valid_from", edit_date(permit.valid_from))
        f.set_text("expiry", edit_date(permit.expiry) if permit.id else "")
        self.labour_market.setCurrentIndex(
            max(0, self.labour_market.findData(permit.labour_market.value))
        )
        self.finish_layout()

    def permit(self) -> Permit:
        f = self.fields
        expiry = v.parse_date(f.text("expiry"))
        assert expiry is not None
        return replace(
            self._permit,
            card_number=f.text("card_number").strip().upper().replace(" ", "").replace("-", ""),
            valid_from=v.parse_date(f.text("valid_from")),
            expiry=expiry,
            labour_market=LabourMarket(self.labour_market.currentData()),
            regional_file_number=f.text("regional_file_number").strip(),
        )


class FamilyMemberDialog(FieldsDialog):
    """A family member (receives annex 51 with the holder, R4): who, their sex and their
    tie to the holder, both printed on that annex."""

    def __init__(self, member: FamilyMember, today: date, parent: QWidget | None = None) -> None:
        super().__init__(N_("Family member") if member.id else N_("New family member"), parent)
        self.setObjectName("family_dialog")
        self._member = member
        f = self.fields
        f.add_line("surname", N_("&Surname:"), v.check_name)
        f.add_line("given_names", N_("&Given names:"), lambda t: v.check_name(t, required=False))
        # Both are printed on the family member's annex 51 (R4), in the paper's language.
        choices = [("", ""), *((code, RELATIONSHIPS[code]) for code in RELATIONSHIPS)]
        if member.relationship and member.relationship not in RELATIONSHIPS:
            choices.append((member.relationship, member.relationship))  # typed by hand before
        self.relationship = f.add_combo("relationship", N_("&Relationship:"), choices)
        self.sex = f.add_combo("sex", N_("Se&x:"), SEXES)
        f.add_date("birth_date", N_("&Birth date:"), not_after=today)
        f.add_line("nationality", N_("Nationalit&y:"), v.check_country_code)
        f.add_line("national_number", N_("&National number:"), v.check_national_number)
        f.set_text("surname", member.surname)
        f.set_text("given_names", member.given_names)
        self.relationship.setCurrentIndex(max(0, self.relationship.findData(member.relationship)))
        self.sex.setCurrentIndex(max(0, self.sex.findData(member.sex.value if member.sex else "")))
        f.set_text("birth_date", edit_date(member.birth_date))
        f.set_text("nationality", member.nationality)
        f.set_text("national_number", show_national_number(member.national_number))
        self.finish_layout()

    def member(self) -> FamilyMember:
        f = self.fields
        return replace(
            self._member,
            surname=f.text("surname").strip(),
            given_names=f.text("given_names").strip(),
            relationship=self.relationship.currentData() or "",
            sex=Sex(self.sex.currentData()) if self.sex.currentData() else None,
            birth_date=v.parse_date(f.text("birth_date")),
            nationality=f.text("nationality").strip().upper(),
            national_number=v.compact_national_number(f.text("national_number")),
        )


class NewHolderDialog(FormDialog):
    """Ctrl+N: a holder who is not in the database yet."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(N_("New holder"), parent)
        self.setObjectName("new_holder_dialog")
        self.form = HolderForm(today, enter_advances=False)
        self.form.validity_changed.connect(lambda _valid: self.update_save())
        self.setMinimumWidth(900)
        self.layout_.addWidget(self.form)
        self.finish_layout()

    def is_valid(self) -> bool:
        return self.form.is_valid()
