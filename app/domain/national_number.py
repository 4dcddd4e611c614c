"""Belgian national numbers (numéro de registre national / rijksregisternummer) and bis numbers.

Validation is python-stdnum's (``stdnum.be.nn`` and ``stdnum.be.bis``): eleven digits
``YYMMDD SSS CC``, check digits ``97 - (n mod 97)`` with a leading 2 from the year 2000 on;
a bis number adds 20 or 40 to the month. See RULES.md, "National numbers".
"""

from __future__ import annotations

from datetime import date

from stdnum.be import bis, nn
from stdnum.exceptions import InvalidChecksum, InvalidComponent, ValidationError


class InvalidNationalNumber(ValueError):
    """The text is not a valid national or bis number; ``reason`` says why, for a message."""

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"{text!r}: {reason}")
        self.text = text
        self.reason = reason  # one of "length", "checksum", "date", "format"


def validate_national_number(text: str) -> str:
    """Return the compact 11-digit form of a national or bis number, or raise.

    Punctuation and spaces are ignored (``85.07.30-033.28`` and ``85073003328`` are the same).
    """
    # An import checks a million of them: eleven digits are compact already.
    compact = text if len(text) == 11 and text.isascii() and text.isdigit() else nn.compact(text)
    if not (compact.isascii() and compact.isdigit()):
        raise InvalidNationalNumber(text, "format")
    if len(compact) != 11:  # checked first: stdnum turns the whole text into an integer
        raise InvalidNationalNumber(text, "length")
    errors: list[ValidationError] = []
    for scheme in (nn, bis):
        try:
            return scheme.validate(compact)
        except ValidationError as error:
            errors.append(error)
    if all(isinstance(error, InvalidChecksum) for error in errors):
        raise InvalidNationalNumber(text, "checksum")
    if any(isinstance(error, InvalidComponent) for error in errors):
        raise InvalidNationalNumber(text, "date")
    raise InvalidNationalNumber(text, "checksum")


def encoded_birth_date(compact: str) -> date | None:
    """The birth date a valid national number encodes; None when it encodes only part
    of one (month or day 00, a day past the month's end) or none (000001...).

    The check digits tell the century: they are computed with a ``2`` in front of the
    nine digits for people born from 2000 on (RULES.md, "National numbers")."""
    if compact[:6] in ("000001", "002001", "004001"):
        return None
    century = 1900 if int(compact[9:]) == 97 - int(compact[:9]) % 97 else 2000
    month, day = int(compact[2:4]) % 20, int(compact[4:6])
    if not 1 <= month <= 12 or day == 0:
        return None
    try:
        return date(century + int(compact[:2]), month, day)
    except ValueError:
        return None


def encoded_sex(compact: str) -> str:
    """``M`` or ``F``, as the serial's parity says (odd for men)."""
    return "M" if int(compact[6:9]) % 2 else "F"


def is_bis_number(compact: str) -> bool:
    """True for a bis number (month + 20 or + 40), for people not in the national register."""
    return int(compact[2:4]) >= 20


def format_national_number(compact: str) -> str:
    """Print as ``YY.MM.DD-SSS.CC``, the Belgian way."""
    return nn.format(compact)
