"""The holder's identity, address, contact and situation as an editable, self-checking
form; used on the holder's page and in the New holder dialog."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import validation as v
from app.domain.birth_dates import PartialDate, parse_register_date
from app.domain.model import Address, Holder, Language, Sex
from app.ui.documents.widgets import typed_day
from app.ui.i18n import N_, _, translate_ui
from app.ui.views.fields import FieldSet
from app.ui.views.formatting import show_national_number

logger = logging.getLogger(__name__)

SEXES = (("", ""), ("M", N_("male")), ("F", N_("female")))
LANGUAGES = (("fr", N_("French")), ("nl", N_("Dutch")), ("de", N_("German")))


def edit_date(day: date | None) -> str:
    """A date as the forms' date lines show it (``15/11/2026``, ``15.11.2026`` in German)."""
    return typed_day(day) if day else ""


def edit_birth_date(holder: Holder) -> str:
    """The birth date as typed; one the register knows in part as it writes it
    (``00/03/1975``, ``00/00/1975``: app.domain.birth_dates)."""
    if holder.birth_date is None and holder.birth_date_partial is not None:
        return holder.birth_date_partial.register_text()
    return edit_date(holder.birth_date)


def _partial_birth_date(text: str) -> PartialDate | None:
    try:
        return parse_register_date(text)
    except ValueError:
        return None


def check_birth_date(text: str, today: date) -> str | None:
    """A complete birth date, or one with the day (and month) typed as 00."""
    partial = _partial_birth_date(text)
    if partial is not None:
        if partial.year < v.OLDEST_YEAR:
            return v.DATE_TOO_OLD
        return v.DATE_IN_FUTURE if partial.year > today.year else None
    return v.check_date(text, not_after=today)


class HolderForm(QWidget):
    """Fields of a :class:`Holder`; ``validity_changed`` drives the Save button."""

    validity_changed = Signal(bool)
    edited = Signal()

    def __init__(
        self, today: date, enter_advances: bool = True, parent: QWidget | None = None
    ) -> None:
        """``enter_advances``: Enter moves to the next field (on the page; in a dialog
        Enter presses Save instead)."""
        super().__init__(parent)
        self.setObjectName("holder_form")
        self._holder = Holder(surname="", given_names="")
        self._groups: list[tuple[QGroupBox, str]] = []
        identity = self._group(N_("Identity"))
        address = self._group(N_("Address and contact"))
        situation = self._group(N_("Situation (suspends the renewal)"))
        self.identity = FieldSet(identity, self)
        self.address = FieldSet(address, self)
        self.situation = FieldSet(situation, self)
        f = self.identity
        f.add_line("surname", N_("S&urname:"), v.check_name)
        f.add_line("given_names", N_("&Given names:"), lambda t: v.check_name(t, required=False))
        f.add_line(
            "national_number",
            N_("&National number:"),
            v.check_national_number,
            placeholder=N_("YY.MM.DD-SSS.CC"),
        )
        f.add_date(
            "birth_date",
            N_("&Birth date:"),
            not_after=today,
            check=lambda t: check_birth_date(t, today),
        )
        f.add_line("birth_place", N_("Birth place:"), lambda t: v.check_name(t, required=False))
        f.add_line("nationality", N_("Nationalit&y:"), v.check_country_code, placeholder="MA")
        self.sex = f.add_combo("sex", N_("Se&x:"), SEXES)
        self.language = f.add_combo("language", N_("Langu&age:"), LANGUAGES)
        a = self.address
        a.add_line("street", N_("Street:"), lambda t: v.check_name(t, required=False))
        a.add_line("postal_code", N_("Postal code:"), v.check_postal_code)
        a.add_line("municipality", N_("Municipality:"), lambda t: v.check_name(t, required=False))
        a.add_line("phone", N_("Phone:"), lambda t: v.check_name(t, required=False))
        a.add_line("email", N_("Email:"), v.check_email)
        s = self.situation
        self.hospitalised = s.add_check_box("hospitalised", N_("In hosp&ital"))
        self.detained = s.add_check_box("detained", N_("&Detained"))
        self.travelling = s.add_check_box("travelling", N_("Must trav&el"))

        columns = QHBoxLayout(self)
        columns.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        left.addWidget(self._groups[0][0])
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self._groups[1][0])
        right.addWidget(self._groups[2][0])
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        for fields in (self.identity, self.address, self.situation):
            fields.validity_changed.connect(lambda _valid: self._emit_validity())
            fields.edited.connect(self.edited)
        if enter_advances:
            for edit in self.findChildren(QLineEdit):
                edit.returnPressed.connect(lambda: self.focusNextChild())
        translate_ui(self)

    def _group(self, title: str) -> QFormLayout:
        box = QGroupBox()
        layout = QFormLayout(box)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self._groups.append((box, title))
        return layout

    def is_valid(self) -> bool:
        return all(f.is_valid() for f in (self.identity, self.address, self.situation))

    def errors(self) -> dict[str, str]:
        return {**self.identity.errors(), **self.address.errors()}

    def set_holder(self, holder: Holder) -> None:
        self._holder = holder
        f, a = self.identity, self.address
        f.set_text("surname", holder.surname)
        f.set_text("given_names", holder.given_names)
        f.set_text("national_number", show_national_number(holder.national_number))
        f.set_text("birth_date", edit_birth_date(holder))
        f.set_text("birth_place", holder.birth_place)
        f.set_text("nationality", holder.nationality)
        self.sex.setCurrentIndex(max(0, self.sex.findData(holder.sex.value if holder.sex else "")))
        self.language.setCurrentIndex(max(0, self.language.findData(holder.language.value)))
        a.set_text("street", holder.address.street)
        a.set_text("postal_code", holder.address.postal_code)
        a.set_text("municipality", holder.address.municipality)
        a.set_text("phone", holder.phone)
        a.set_text("email", holder.email)
        self.hospitalised.setChecked(holder.hospitalised)
        self.detained.setChecked(holder.detained)
        self.travelling.setChecked(holder.travelling)
        self._emit_validity()

    def holder(self) -> Holder:
        """The holder as edited (same id); call only while :meth:`is_valid`."""
        f, a = self.identity, self.address
        sex = self.sex.currentData()
        return replace(
            self._holder,
            surname=f.text("surname").strip(),
            given_names=f.text("given_names").strip(),
            national_number=v.compact_national_number(f.text("national_number")),
            birth_date=v.parse_date(f.text("birth_date")),
            birth_date_partial=_partial_birth_date(f.text("birth_date")),
            birth_place=f.text("birth_place").strip(),
            nationality=f.text("nationality").strip().upper(),
            sex=Sex(sex) if sex else None,
            language=Language(self.language.currentData()),
            address=Address(
                street=a.text("street").strip(),
                postal_code=a.text("postal_code").strip(),
                municipality=a.text("municipality").strip(),
            ),
            phone=a.text("phone").strip(),
            email=a.text("email").strip(),
            hospitalised=self.hospitalised.isChecked(),
            detained=self.detained.isChecked(),
            travelling=self.travelling.isChecked(),
        )

    def retranslate_ui(self) -> None:
        for box, title in self._groups:
            box.setTitle(_(title))
        for fields in (self.identity, self.address, self.situation):
            fields.retranslate_ui()

    def _emit_validity(self) -> None:
        self.validity_changed.emit(self.is_valid())
