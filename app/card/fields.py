"""Parse the text of one card field into a value the counter can use.

Pure functions, no middleware: each takes the decoded text of one data object and returns
the parsed value, or raises :class:`ValueError` saying why it could not.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date

from app.card.doctypes import Kind, document_type
from app.domain.birth_dates import PartialDate
from app.domain.model import LabourMarket, Sex
from app.domain.national_number import validate_national_number

logger = logging.getLogger(__name__)

# The month as the card prints it, in the card's language (FR, NL, DE), after fold_text();
# a few longer or English spellings as printed by other card generations are accepted too.
_MONTHS: dict[str, int] = {
    "JAN": 1,
    "JANV": 1,
    "FEV": 2,
    "FEB": 2,
    "FEVR": 2,
    "MARS": 3,
    "MAAR": 3,
    "MAR": 3,
    "MAER": 3,
    "MRZ": 3,
    "AVR": 4,
    "APR": 4,
    "MAI": 5,
    "MEI": 5,
    "MAY": 5,
    "JUIN": 6,
    "JUN": 6,
    "JUIL": 7,
    "JUL": 7,
    "AOUT": 8,
    "AUG": 8,
    "SEPT": 9,
    "SEP": 9,
    "OCT": 10,
    "OKT": 10,
    "NOV": 11,
    "DEC": 12,
    "DEZ": 12,
}

_SEPARATORS = re.compile(r"[\s./-]+")

BELGIAN_EID = "eID"
"""``card_type`` of a Belgian citizen's identity card (document type 1)."""

_LABOUR_MARKET: dict[str, LabourMarket] = {
    "7": LabourMarket.UNLIMITED,
    "8": LabourMarket.LIMITED,
    "9": LabourMarket.NONE,
    "A": LabourMarket.SEASONAL,
}

_SEXES: dict[str, Sex] = {"M": Sex.MALE, "F": Sex.FEMALE, "V": Sex.FEMALE, "W": Sex.FEMALE}


def fold_text(text: str) -> str:
    """Upper case without accents or umlauts, spaces collapsed: ``" Fév "`` → ``"FEV"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.upper().split())


def _month(word: str) -> int:
    folded = fold_text(word)
    if folded in _MONTHS:
        return _MONTHS[folded]
    # "MAART", "JANVIER", "MAERZ": a longer spelling that starts with exactly one month's.
    months = {number for name, number in _MONTHS.items() if folded.startswith(name)}
    if len(months) == 1:
        return months.pop()
    raise ValueError(f"unknown month {word!r}")


def _year(text: str) -> int:
    if len(text) != 4 or not text.isdigit():
        raise ValueError(f"not a year: {text!r}")
    return int(text)


def parse_birth_date(text: str) -> date | PartialDate:
    """Return the birth date, or a :class:`PartialDate` when the national register knows
    only the month and year, or only the year.

    Accepts ``12 FEV 1985``, ``03 MAAR 1990``, ``05.MÄR.1979`` and mixtures, in any case,
    with or without accents and extra spaces. An unknown day is blank or ``00``
    (``"   MARS 1975"``, ``00 MARS 1975``, ``  .MÄR.1975``); an unknown month leaves the
    year alone (``"        1975"``).
    """
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    if len(parts) == 1:
        return PartialDate(_year(parts[0]))
    if len(parts) == 2 and not parts[0].isdigit():
        return PartialDate(_year(parts[1]), _month(parts[0]))
    if len(parts) == 3 and parts[0].isdigit() and int(parts[0]) == 0:
        return PartialDate(_year(parts[2]), _month(parts[1]))
    if len(parts) != 3 or not parts[0].isdigit():
        raise ValueError(f"not a birth date: {text!r}")
    day, month, year = int(parts[0]), _month(parts[1]), _year(parts[2])
    return date(year, month, day)


def parse_card_date(text: str) -> date:
    """Parse a validity date, ``DD.MM.YYYY``."""
    parts = [part for part in _SEPARATORS.split(text.strip()) if part]
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        raise ValueError(f"not a DD.MM.YYYY date: {text!r}")
    day, month = int(parts[0]), int(parts[1])
    return date(_year(parts[2]), month, day)


def is_belgian_eid(code: str) -> bool:
    """True for document type 1 (``"1"`` or ``"01"``): a Belgian citizen's card."""
    return code.strip() in ("1", "01")


def is_belgian_card(code: str) -> bool:
    """True for a Belgian citizen's card: the eID (1) or the Kids-ID (6)."""
    found = document_type(code)
    return found is not None and found.kind is Kind.BELGIAN


def card_letter(code: str) -> str | None:
    """The card's letter (``"A"``, ``"EU+"``, ``"I"``...), ``"eID"`` or ``"Kids-ID"`` for a
    Belgian's card, ``""`` for a bootstrap or habilitation card; None for a code the
    middleware does not know either."""
    found = document_type(code)
    return found.letter if found is not None else None


_SPECIAL_STATUSES = frozenset("012345")


def parse_special_status(text: str) -> str:
    """The chip's special status: ``0`` none, ``1`` white cane, ``2`` extended minority,
    ``3`` both, ``4`` yellow cane, ``5`` yellow cane and extended minority."""
    code = text.strip()
    if code not in _SPECIAL_STATUSES:
        raise ValueError(f"unknown special status {text!r}")
    return code


def parse_vat_number(text: str) -> str:
    """An employer's VAT (enterprise) number, 10 digits (``BE 0123.456.749`` is read too)."""
    digits = "".join(char for char in text if char.isdigit())
    if len(digits) == 9:  # the old 9-digit form: the leading 0 was dropped
        digits = "0" + digits
    if len(digits) != 10:
        raise ValueError(f"not a VAT number: {text!r}")
    return digits


def parse_labour_market(mention: str) -> LabourMarket | None:
    """Map the work-permit mention (7, 8, 9, A) to the labour market; None when blank."""
    code = mention.strip().upper()
    if not code:
        return None
    if code not in _LABOUR_MARKET:
        raise ValueError(f"unknown work permit mention {mention!r}")
    return _LABOUR_MARKET[code]


def parse_sex(text: str) -> Sex:
    """``M`` is a man; ``F``, ``V`` and ``W`` (FR, NL, DE) are a woman."""
    code = text.strip().upper()
    if code not in _SEXES:
        raise ValueError(f"unknown gender {text!r}")
    return _SEXES[code]


def parse_national_number(text: str) -> str:
    """The compact 11-digit national or bis number; raises ``InvalidNationalNumber``."""
    return validate_national_number(text)


def compose_given_names(first_names: str, third_initial: str = "") -> str:
    """Join the given names and the third given name's initial: ``"Amina Fatima B."``."""
    names = " ".join(first_names.split())
    initial = third_initial.strip().rstrip(".")
    if not initial:
        return names
    return f"{names} {initial}." if names else f"{initial}."
