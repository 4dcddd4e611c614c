"""Dates typed by people or scripts: a calendar date written YYYY-MM-DD, and nothing else.

Python's ``date.fromisoformat`` also takes ISO week dates (``2026-W10-1`` is 2 March 2026),
ordinal dates (``2026-061``) and the basic form (``20260302``). Nobody at a foreigners'
counter writes a permit's expiry as a week date: such input is far more likely a slip than a
meaning, so it is refused with a sentence that says what to write instead. The one reader
of the ``assess`` JSON, the CSV import and the command line's ``--on``.
"""

from __future__ import annotations

import logging
import re
from datetime import date

logger = logging.getLogger(__name__)

_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_WEEK_DATE = re.compile(r"[0-9]{4}-?W[0-9]{2}(-?[0-9])?", re.IGNORECASE)
_ORDINAL_DATE = re.compile(r"[0-9]{4}-?[0-9]{3}")
_BASIC_DATE = re.compile(r"[0-9]{8}")
#: The years a date may have: births from 1900, and room for every period the rules add
#: (a year near 9999 would overflow a deadline computed from it).
FIRST_YEAR, LAST_YEAR = 1900, 2199


class InvalidDate(ValueError):
    """Not a calendar date written YYYY-MM-DD; the message is a sentence for the user,
    ``hint`` what to write instead ('' when the only fault is a day that does not exist)."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint


def parse_day(text: str) -> date:
    """``text`` as a calendar date written ``YYYY-MM-DD`` (ASCII digits, nothing around it).

    Raises :class:`InvalidDate` for anything else: ISO week dates (``2026-W10-1``),
    ordinal dates (``2026-061``), the basic form without hyphens (``20260302``), and days
    that do not exist (``2026-02-30``)."""
    if not isinstance(text, str):
        hint = "write it YYYY-MM-DD, like 2026-03-02"
        raise InvalidDate(f"{text!r} is not a date: {hint}.", hint)
    if _CALENDAR_DATE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise InvalidDate(
                f"{text!r} is not a valid date: that day does not exist in the calendar."
            ) from None
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise InvalidDate(
                f"{text!r} is out of range: PermitDesk works with the years "
                f"{FIRST_YEAR} to {LAST_YEAR}."
            )
        return day
    hint = _hint(text)
    raise InvalidDate(f"{_shown(text)} is not a date written YYYY-MM-DD: {hint}.", hint)


def _hint(text: str) -> str:
    if _WEEK_DATE.fullmatch(text):
        return "ISO week dates are not accepted, write the calendar date, like 2026-03-02"
    if _ORDINAL_DATE.fullmatch(text):
        return "ordinal dates (day of the year) are not accepted, write it like 2026-03-02"
    if _BASIC_DATE.fullmatch(text):
        return "write it with hyphens, like 2026-03-02"
    return "write it like 2026-03-02"


def _shown(text: str) -> str:
    """The input as typed, quoted, shortened if it is long."""
    return repr(text if len(text) <= 40 else text[:37] + "...")
