"""The words the counter uses for the card: each failure kind, the reader's state in the
status bar, the fields of the differences dialog and how their values are shown."""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from app.card import labels
from app.card.errors import CardError, NoMiddleware, UnreadableField
from app.domain.model import Address, LabourMarket, Sex
from app.ui.card import watcher
from app.ui.i18n import N_, _
from app.ui.views.formatting import LABOUR_MARKET, show_date

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
}
SEXES = {Sex.MALE: N_("male"), Sex.FEMALE: N_("female")}


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


def show_value(value: Any) -> str:
    """A holder or permit value as the differences dialog shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Address):
        return value.one_line() or "—"
    if isinstance(value, date):
        return show_date(value)
    if isinstance(value, Sex):
        return _(SEXES[value])
    if isinstance(value, LabourMarket):
        return _(LABOUR_MARKET[value.value])
    return str(value)
