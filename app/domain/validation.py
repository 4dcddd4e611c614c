"""Field checks for what a clerk types into a form: names, national numbers, dates, email,
postal codes, card numbers.

Each check returns ``None`` when the text is acceptable, or an error *code* (a short
English identifier such as ``"nn_checksum"``); the interface turns codes into sentences in
the clerk's language. No Qt and no translation here.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from datetime import date

from app.domain.national_number import InvalidNationalNumber, validate_national_number

logger = logging.getLogger(__name__)

REQUIRED = "required"
CONTROL_CHARACTERS = "control_characters"
TOO_LONG = "too_long"
DATE_FORMAT = "date_format"
DATE_SHORT_YEAR = "date_short_year"
DATE_NO_SUCH_MONTH = "date_no_such_month"
DATE_NO_SUCH_DAY = "date_no_such_day"
DATE_IN_FUTURE = "date_in_future"
DATE_TOO_OLD = "date_too_old"
EMAIL = "email"
POSTAL_CODE = "postal_code"
CARD_NUMBER = "card_number"
COUNTRY_CODE = "country_code"
NIS_CODE = "nis_code"
#: National-number codes: ``nn_`` + the reason of :class:`InvalidNationalNumber`.
NN_LENGTH = "nn_length"
NN_CHECKSUM = "nn_checksum"
NN_DATE = "nn_date"
NN_FORMAT = "nn_format"

MAX_NAME_LENGTH = 120
OLDEST_YEAR = 1880

_DATE_PATTERNS = (
    re.compile(r"^(?P<d>\d{1,2})[./\- ](?P<m>\d{1,2})[./\- ](?P<y>\d+)$"),  # 30/07/1985
    re.compile(r"^(?P<d>\d{2})(?P<m>\d{2})(?P<y>\d{4})$"),  # 30071985, typed in one go
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$"),  # 1985-07-30
)
_SHORT_YEAR = re.compile(r"^\d{6}$")  # 300785: which century is a guess, so refused
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_CARD = re.compile(r"^[A-Z]?\d{9,12}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def has_control_characters(text: str) -> bool:
    """True when ``text`` holds a control or format character (tab, newline, zero-width...)."""
    return any(unicodedata.category(char) in ("Cc", "Cf") for char in text)


def check_name(text: str, required: bool = True, max_length: int = MAX_NAME_LENGTH) -> str | None:
    """A surname, given name, place or street: any letters (``Ş``, ``<``, ``&`` are kept
    literally), but no control characters."""
    if not text.strip():
        return REQUIRED if required else None
    if has_control_characters(text):
        return CONTROL_CHARACTERS
    if len(text) > max_length:
        return TOO_LONG
    return None


def check_national_number(text: str, required: bool = False) -> str | None:
    """A national or bis number, with or without punctuation (``85.07.30-033.28``)."""
    if not text.strip():
        return REQUIRED if required else None
    try:
        validate_national_number(text)
    except InvalidNationalNumber as error:
        return f"nn_{error.reason}"
    return None


def compact_national_number(text: str) -> str | None:
    """The 11 digits of a valid number, or ``None`` for an empty field."""
    return validate_national_number(text) if text.strip() else None


class DateRefused(ValueError):
    """A typed date that is not one: ``code`` says why (``DATE_*``); for a day the month
    does not have (31 February), ``day`` and ``month`` are the numbers typed."""

    def __init__(self, code: str, day: int = 0, month: int = 0) -> None:
        super().__init__(code)
        self.code = code
        self.day = day
        self.month = month


def read_date(text: str) -> date:
    """The day a clerk typed: ``30/07/1985``, ``30.07.1985``, ``30-07-1985``, ``30 07 1985``,
    ``30071985`` or ``1985-07-30``; the year always with four digits.

    Nothing is guessed or corrected: anything else raises :class:`DateRefused`, whose code
    the interface turns into a sentence (``31/02/2026``: "31 February does not exist")."""
    cleaned = text.strip()
    if _SHORT_YEAR.match(cleaned):
        raise DateRefused(DATE_SHORT_YEAR)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(cleaned)
        if match is None:
            continue
        if len(match["y"]) != 4:
            raise DateRefused(DATE_SHORT_YEAR)
        year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
        if not 1 <= month <= 12:
            raise DateRefused(DATE_NO_SUCH_MONTH, day, month)
        try:
            return date(year, month, day)
        except ValueError:
            raise DateRefused(DATE_NO_SUCH_DAY, day, month) from None
    raise DateRefused(DATE_FORMAT)


def parse_date(text: str) -> date | None:
    """:func:`read_date`, or ``None`` if ``text`` is not a date."""
    try:
        return read_date(text)
    except DateRefused:
        return None


def date_problem(
    text: str, required: bool = False, not_after: date | None = None
) -> DateRefused | None:
    """Why the typed day cannot be taken, or ``None``; ``not_after`` refuses later days
    (a birth date, a fact that has already happened)."""
    if not text.strip():
        return DateRefused(REQUIRED) if required else None
    try:
        day = read_date(text)
    except DateRefused as refused:
        return refused
    if day.year < OLDEST_YEAR:
        return DateRefused(DATE_TOO_OLD)
    if not_after is not None and day > not_after:
        return DateRefused(DATE_IN_FUTURE)
    return None


def check_date(text: str, required: bool = False, not_after: date | None = None) -> str | None:
    """A day typed by the clerk, as an error code (see :func:`date_problem`)."""
    problem = date_problem(text, required, not_after)
    return problem.code if problem is not None else None


def check_email(text: str) -> str | None:
    """Optional; when given, one ``@`` and a domain with a dot."""
    if not text.strip():
        return None
    return None if _EMAIL.match(text.strip()) else EMAIL


def check_postal_code(text: str, required: bool = False) -> str | None:
    """A Belgian postal code: four digits from 1000 to 9999."""
    cleaned = text.strip()
    if not cleaned:
        return REQUIRED if required else None
    return None if cleaned.isdigit() and len(cleaned) == 4 and cleaned[0] != "0" else POSTAL_CODE


def check_card_number(text: str) -> str | None:
    """A residence card number: an optional letter and 9 to 12 digits (``B0123456789``)."""
    cleaned = text.strip().upper().replace(" ", "").replace("-", "")
    if not cleaned:
        return REQUIRED
    return None if _CARD.match(cleaned) else CARD_NUMBER


def check_country_code(text: str, required: bool = False) -> str | None:
    """An ISO 3166 alpha-2 code (``MA``, ``TR``)."""
    cleaned = text.strip().upper()
    if not cleaned:
        return REQUIRED if required else None
    return None if _COUNTRY.match(cleaned) else COUNTRY_CODE


def check_nis_code(text: str) -> str | None:
    """A commune's NIS code (code INS / NIS-code): five digits, ``21004`` for Brussels."""
    cleaned = text.strip()
    if not cleaned:
        return REQUIRED
    return None if cleaned.isdigit() and len(cleaned) == 5 else NIS_CODE
