"""Birth dates the national register knows only in part.

The national register records a date of birth with an unknown day, or an unknown day and
month, as zeros: ``00/03/1975``, ``00/00/1975`` (the national number then carries ``00``
too: ``75.03.00-123.18``). The card prints the known part only, in the card's language:
``MARS 1975`` (FR), ``MAAR 1975`` (NL), ``MÄR 1975`` (DE), ``1975``.

A :class:`~app.domain.model.Holder` keeps a complete date in ``birth_date`` (a
:class:`datetime.date`) and a partial one in ``birth_date_partial`` (a :class:`PartialDate`),
never both. The store writes
a partial date as the register does, zeros included (``1975-03-00``); the forms take it
typed the same way (``00/03/1975``). Without the day, no age is computed from it (the rules
treat it as an unknown birth date).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: The card's month abbreviations, per language (the eID viewer's date-of-birth writer).
CARD_MONTHS: dict[str, tuple[str, ...]] = {
    "fr": ("JAN", "FEV", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOUT", "SEPT", "OCT", "NOV", "DEC"),
    "nl": ("JAN", "FEB", "MAAR", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC"),
    "de": ("JAN", "FEB", "MÄR", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ"),
    "en": ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
}

_REGISTER = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A year, or a month and a year: the day (and perhaps the month) is unknown."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        if not 1800 <= self.year <= 9999:
            raise ValueError(f"not a year of birth: {self.year}")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"not a month: {self.month}")

    def iso(self) -> str:
        """As the store and the register keep it: ``1975-03-00``, ``1975-00-00``."""
        return f"{self.year:04d}-{self.month or 0:02d}-00"

    def register_text(self) -> str:
        """As typed in the forms, day first: ``00/03/1975``, ``00/00/1975``."""
        return f"00/{self.month or 0:02d}/{self.year:04d}"

    def card_text(self, language: str = "fr") -> str:
        """As the card prints it: ``MARS 1975`` (the card's month in ``language``), ``1975``."""
        if self.month is None:
            return str(self.year)
        months = CARD_MONTHS.get(language, CARD_MONTHS["fr"])
        return f"{months[self.month - 1]} {self.year}"

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read :meth:`iso`'s form back; raises ValueError for anything else."""
        match = _ISO.match(text.strip())
        if match is None or match.group(3) != "00":
            raise ValueError(f"not a partial date: {text!r}")
        month = int(match.group(2))
        return cls(int(match.group(1)), month or None)


def parse_register_date(text: str) -> PartialDate | None:
    """``00/03/1975`` or ``00/00/1975`` (also with dots or dashes) as a partial date; None
    for anything else (a complete date is :class:`datetime.date`'s to parse). Raises
    ValueError for a day of 00 with an impossible month or year."""
    match = _REGISTER.match(text)
    if match is None or int(match.group(1)) != 0:
        return None
    month = int(match.group(2))
    return PartialDate(int(match.group(3)), month or None)
