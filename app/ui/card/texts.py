"""The words the counter uses for the card: each failure kind, the reader's state in the
status bar, the fields of the differences dialog and how their values are shown."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from app.card import labels
from app.card.errors import CardError, NoMiddleware, UnreadableField
from app.domain.birth_dates import PartialDate
from app.domain.model import Address, LabourMarket, Sex
from app.ui.card import watcher
from app.ui.i18n import N_, _
from app.ui.views.formatting import LABOUR_MARKET, show_birth_date, show_date

logger = logging.getLogger(__name__)

CARD_TITLE = N_("Residence card")

ERRORS: dict[str, tuple[str, str]] = {
    "no_middleware": (
        N_("The eID middleware is not installed ({library})."),
        N_(
            "Install the Belgian eID software, or set its path in Tools > Settings. You can "
            "still type the holder's data by hand."
        ),
    ),
    "no_reader": (
        N_("No card reader is connected."),
        N_("Connect the card reader, or type the holder's data by hand."),
    ),
    "no_card": (N_("There is no card in the reader."), N_("Insert the card, chip first.")),
    "card_removed": (
        N_("The card was removed while it was being read."),
        N_("Insert it again and leave it in until the holder's page opens."),
    ),
    "locked_card": (
        N_("The card is locked and cannot be read."),
        N_("Type the holder's data by hand from the printed card."),
    ),
    "foreign_card": (
        N_("This is not a Belgian residence card."),
        N_(
            "A Belgian identity card or a foreign card cannot be read here. Ask for the "
            "residence card, or type the data by hand."
        ),
    ),
    "belgian_card": (
        N_("This is a Belgian citizen's identity card, not a residence card."),
        N_(
            "A Belgian holds no single permit. Ask for the holder's residence card, or type "
            "the data by hand."
        ),
    ),
    "not_residence_card": (
        N_("This card is not a residence card."),
        N_("Ask for the holder's residence card, or type the data by hand."),
    ),
    "not_saved_card": (
        N_("This file is not a card saved by the eID viewer."),
        N_(
            "Open a file the eID viewer saved (File > Save as, an .eid file), or read the "
            "card itself in the reader."
        ),
    ),
    "damaged_saved_card": (
        N_("This saved card is damaged or incomplete, and cannot be read."),
        N_("Ask for the file again, or read the card itself in the reader."),
    ),
    "unsafe_saved_card": (
        N_("This file was refused: it contains XML declarations no eID viewer file has."),
        N_(
            "It may have been made to harm the computer. Do not open it again; read the card "
            "itself in the reader, and tell your IT support."
        ),
    ),
    "unreadable_field": (
        N_("The card's field “{field}” cannot be read."),
        N_("Type that field by hand after checking it on the card."),
    ),
    "device_error": (
        N_("The card reader reported an error."),
        N_(
            "Take the card out and insert it again. If it keeps happening, reconnect the "
            "reader or contact your IT support."
        ),
    ),
}
DEFAULT_ERROR = (N_("The card could not be read."), N_("Type the holder's data by hand."))

STATES: dict[str, str] = {
    watcher.READY: N_("Card reader ready"),
    watcher.NO_READER: N_("No card reader"),
    watcher.NO_MIDDLEWARE: N_("eID middleware not installed ({library})"),
    watcher.DEVICE_ERROR: N_("Card reader error"),
}

CARD_FIELDS: dict[str, str] = {
    labels.SURNAME: N_("surname"),
    labels.FIRSTNAMES: N_("given names"),
    labels.THIRD_NAME_INITIAL: N_("given names"),
    labels.NATIONALITY: N_("nationality"),
    labels.BIRTH_PLACE: N_("birth place"),
    labels.BIRTH_DATE: N_("birth date"),
    labels.GENDER: N_("sex"),
    labels.NATIONAL_NUMBER: N_("national number"),
    labels.CARD_NUMBER: N_("card number"),
    labels.VALID_FROM: N_("valid from"),
    labels.VALID_UNTIL: N_("expiry"),
    labels.DOCUMENT_TYPE: N_("card type"),
    labels.WORK_PERMIT_MENTION: N_("labour market"),
    labels.STREET: N_("street"),
    labels.ZIP: N_("postal code"),
    labels.MUNICIPALITY: N_("municipality"),
    labels.CHIP_NUMBER: N_("chip number"),
    labels.ISSUING_MUNICIPALITY: N_("issuing municipality"),
    labels.NOBILITY: N_("nobility"),
    labels.SPECIAL_STATUS: N_("special status"),
    labels.DUPLICATE: N_("duplicate"),
    labels.SPECIAL_ORGANISATION: N_("special organisation"),
    labels.MEMBER_OF_FAMILY: N_("member of family"),
    labels.PROTECTION: N_("date and country of protection"),
    labels.EMPLOYER_VAT_1: N_("employer's VAT number"),
    labels.EMPLOYER_VAT_2: N_("employer's VAT number"),
    labels.REGIONAL_FILE_NUMBER: N_("regional file number"),
    labels.BREXIT_MENTION_1: N_("Brexit mention"),
    labels.BREXIT_MENTION_2: N_("Brexit mention"),
    labels.CARD_A_MENTION_1: N_("card A mention"),
    labels.CARD_A_MENTION_2: N_("card A mention"),
    labels.CARD_EU_START_DATE: N_("EU card start date"),
}
"""The card's data objects, as named in "field cannot be read"."""

DIFFERENCE_FIELDS: dict[str, str] = {
    "surname": N_("Surname"),
    "given_names": N_("Given names"),
    "birth_date": N_("Birth date"),
    "birth_place": N_("Birth place"),
    "nationality": N_("Nationality"),
    "sex": N_("Sex"),
    "address": N_("Address"),
    "card_number": N_("Card number"),
    "card_type": N_("Card type"),
    "valid_from": N_("Valid from"),
    "expiry": N_("Expiry"),
    "labour_market": N_("Labour market"),
    "regional_file_number": N_("Regional file number"),
    "employer_vat_1": N_("Employer's VAT number"),
    "employer_vat_2": N_("Second employer's VAT number"),
    "issuing_municipality": N_("Issued by (municipality)"),
    "special_status": N_("Special status"),
    "member_of_family": N_("Member of family"),
}
SEXES = {Sex.MALE: N_("male"), Sex.FEMALE: N_("female")}
SPECIAL_STATUSES = {
    "0": N_("none"),
    "1": N_("white cane"),
    "2": N_("extended minority"),
    "3": N_("white cane, extended minority"),
    "4": N_("yellow cane"),
    "5": N_("yellow cane, extended minority"),
}
UNVERIFIED = N_(
    "Read from a saved file, which is not signed: anybody can have changed it. Check every "
    "field against the card itself or the national register before saving."
)


def error_texts(error: CardError) -> tuple[str, str]:
    """What went wrong and what the clerk can do, translated."""
    text, advice = ERRORS.get(error.kind, DEFAULT_ERROR)
    field = ""
    if isinstance(error, UnreadableField):
        field = _(CARD_FIELDS[error.field]) if error.field in CARD_FIELDS else error.field
    library = error.library if isinstance(error, NoMiddleware) else ""
    return _(text).format(field=field, library=library), _(advice)


def state_text(state: str, detail: str) -> str:
    """The reader's state for the status bar ("" for an unknown state)."""
    return _(STATES[state]).format(library=detail) if state in STATES else ""


def show_vat_number(digits: str) -> str:
    """``0123.456.749``, the Belgian way of writing an enterprise number."""
    if len(digits) != 10 or not digits.isdigit():
        return digits
    return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"


def show_field(field: str, value: Any) -> str:
    """A value of the differences dialog's ``field``, as the clerk reads it."""
    if field == "special_status" and isinstance(value, str) and value in SPECIAL_STATUSES:
        return _(SPECIAL_STATUSES[value])
    if field.startswith("employer_vat") and isinstance(value, str) and value:
        return show_vat_number(value)
    return show_value(value)


def show_value(value: Any) -> str:
    """A holder or permit value as the differences dialog shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, PartialDate):
        return show_birth_date(None, value)
    if isinstance(value, Address):
        return value.one_line() or "—"
    if isinstance(value, date):
        return show_date(value)
    if isinstance(value, Sex):
        return _(SEXES[value])
    if isinstance(value, LabourMarket):
        return _(LABOUR_MARKET[value.value])
    return str(value)
