"""Validate a CSV of holders and their permits before anything is stored.

Every row is checked and every problem is reported with the file's line number (the
header is line 1), the column and what to do. Rows without problems become
(:class:`Holder`, :class:`Permit`) pairs; whether a row updates or adds a holder is the
store's decision. Names are kept exactly as given: ``<``, ``&`` and ``Ş`` are valid letters
of a name here, only control characters are refused.
"""

from __future__ import annotations

import csv
import io
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from babel import Locale
from stdnum.be import nn

from app.domain.dates import InvalidDate, parse_day
from app.domain.model import Address, Holder, LabourMarket, Language, Permit, Sex
from app.domain.national_number import (
    InvalidNationalNumber,
    encoded_birth_date,
    encoded_sex,
    is_bis_number,
    validate_national_number,
)

logger = logging.getLogger(__name__)

REQUIRED_COLUMNS = (
    "national_number",
    "surname",
    "given_names",
    "birth_date",
    "nationality",
    "card_number",
    "permit_expiry",
    "labour_market",
    "language",
)
OPTIONAL_COLUMNS = (
    "sex",
    "street",
    "postal_code",
    "municipality",
    "phone",
    "email",
    "permit_valid_from",
)

# Babel's two-letter territories, less the groupings and test codes that are no country.
COUNTRY_CODES = frozenset(
    code
    for code in Locale("en").territories
    if isinstance(code, str) and len(code) == 2 and code.isalpha()
) - {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
# EU, EEA and Swiss citizens have free movement: they never hold a single permit.
FREE_MOVEMENT = frozenset(
    (
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "IS",
        "LI",
        "NO",
        "CH",
    )
)
MAX_TEXT = 200

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DAY_FIRST_DATE = re.compile(r"[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}")
_WEEK_OR_ORDINAL_DATE = re.compile(r"[0-9]{4}-?(W[0-9]{2}(-?[0-9])?|[0-9]{3})", re.IGNORECASE)
_CARD = re.compile(r"[A-Z0-9]{8,15}")
_EMAIL = re.compile(r"(?=.{5,254}$)[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_POSTAL_CODE = re.compile(r"[1-9][0-9]{3}")
# Invisible characters that reorder or hide text: direction overrides, zero-width space, BOM.
_INVISIBLE = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\ufeff")
_NN_PROBLEMS = {  # by InvalidNationalNumber.reason
    "length": "does not have 11 digits.",
    "checksum": "has wrong check digits (the last two): a digit was probably mistyped.",
    "date": "does not start with a possible birth date (YYMMDD).",
    "format": "is not a national number: write 11 digits, with or without dots and dashes.",
}
_LANGUAGES = {language.value: language for language in Language}
_MARKETS = {"limited": LabourMarket.LIMITED, "unlimited": LabourMarket.UNLIMITED}
_Choice = TypeVar("_Choice", LabourMarket, Language)


@dataclass(frozen=True)
class RowError:
    """One problem: the file's line (header = 1), the column ("" for the whole row)."""

    row: int
    column: str
    code: str
    message: str


@dataclass(frozen=True)
class ImportRow:
    row: int
    holder: Holder
    permit: Permit


@dataclass(frozen=True)
class ImportResult:
    """The valid rows and every problem; ``holder_fields`` and ``permit_fields`` name the
    fields (:data:`HOLDER_FIELDS`, :data:`PERMIT_FIELDS`) the file's columns give, the
    only ones an import may change on a holder or permit already known."""

    rows: tuple[ImportRow, ...]
    errors: tuple[RowError, ...]
    holder_fields: frozenset[str] = frozenset()
    permit_fields: frozenset[str] = frozenset()


#: The holder's field each column gives (an address part is named as its own field).
HOLDER_FIELDS = {
    "national_number": "national_number",
    "surname": "surname",
    "given_names": "given_names",
    "birth_date": "birth_date",
    "nationality": "nationality",
    "language": "language",
    "sex": "sex",
    "street": "street",
    "postal_code": "postal_code",
    "municipality": "municipality",
    "phone": "phone",
    "email": "email",
}
#: The permit's field each column gives.
PERMIT_FIELDS = {
    "card_number": "card_number",
    "permit_expiry": "expiry",
    "labour_market": "labour_market",
    "permit_valid_from": "valid_from",
}


def parse_import(text: str) -> ImportResult:
    """Validate ``text`` (a decoded CSV, ``,`` or ``;`` separated) and build its rows."""
    text = text.removeprefix("\ufeff")
    problem = _not_text(text)
    if problem:
        return ImportResult((), (RowError(1, "", "not_text", problem),))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows: list[ImportRow] = []
    errors: list[RowError] = []
    header: list[str] | None = None
    seen_numbers: dict[str, int] = {}
    seen_cards: dict[str, int] = {}
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            errors.append(
                RowError(
                    line,
                    "",
                    "unreadable",
                    f"This line cannot be read as CSV "
                    f"({error}); the rest of the file was not read. Check its "
                    "quotes, or split a value that is too long.",
                )
            )
            break
        if not any(cell.strip() for cell in record):
            continue
        if header is None:
            header = [cell.strip().lower() for cell in record]
            header_errors = _check_header(header, line)
            if header_errors:
                return ImportResult((), tuple(header_errors))
            continue
        checked = _Row(line, header, record, seen_numbers, seen_cards)
        errors.extend(checked.errors)
        if checked.result is not None:
            rows.append(checked.result)
    if header is None:
        errors.append(
            RowError(
                1,
                "",
                "empty_file",
                "The file is empty. Export the holders with a header line naming the columns.",
            )
        )
    logger.info("CSV import checked: %d valid rows, %d errors", len(rows), len(errors))
    present = set(header or ())
    return ImportResult(
        tuple(rows),
        tuple(errors),
        frozenset(field for column, field in HOLDER_FIELDS.items() if column in present),
        frozenset(field for column, field in PERMIT_FIELDS.items() if column in present),
    )


def _not_text(text: str) -> str | None:
    """Why ``text`` is no CSV file at all (a workbook, binary data, UTF-16), or None."""
    if text.startswith(("PK\x03\x04", "ÐÏ\x11à")):
        return (
            "This is an Excel workbook, not a CSV file. In Excel choose 'Save as' and "
            "the format 'CSV UTF-8'."
        )
    sample = text[:65536]
    odd = sum(1 for char in sample if (char < " " and char not in "\t\r\n") or char == "\ufffd")
    if "\x00" in text or odd > max(8, len(sample) // 100):
        return (
            "This file is not a readable text file (it holds binary data or another "
            "encoding). Export the list again as 'CSV UTF-8'."
        )
    return None


def _sniff_delimiter(text: str) -> str:
    first = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def _check_header(header: list[str], line: int) -> list[RowError]:
    errors = []
    for name in sorted({name for name in header if name and header.count(name) > 1}):
        errors.append(
            RowError(
                line,
                name,
                "duplicate_column",
                f"The column '{name}' appears more than once in the header. Keep one of them.",
            )
        )
    for name in REQUIRED_COLUMNS:
        if name not in header:
            errors.append(
                RowError(
                    line,
                    name,
                    "missing_column",
                    f"The header has no column "
                    f"'{name}'. Add it (required columns: "
                    f"{', '.join(REQUIRED_COLUMNS)}).",
                )
            )
    unknown = [name for name in header if name and name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if unknown:
        logger.info("CSV import: ignoring unknown columns %s", unknown)
    return errors


def _show(value: str) -> str:
    return repr(value[:40] + ("…" if len(value) > 40 else ""))


class _Row:
    """One data line, checked column by column; ``result`` is None when it has errors."""

    def __init__(
        self,
        line: int,
        header: list[str],
        record: list[str],
        seen_numbers: dict[str, int],
        seen_cards: dict[str, int],
    ) -> None:
        self.line = line
        self.errors: list[RowError] = []
        self.result: ImportRow | None = None
        extra = record[len(header) :]
        if len(record) < len(header) or any(cell.strip() for cell in extra):
            self.error(
                "",
                "field_count",
                f"This line has {len(record)} values but the header "
                f"has {len(header)} columns. Check for a missing or extra separator; a "
                "value that contains the separator must be in double quotes.",
            )
            return
        self.values = {name: cell.strip() for name, cell in zip(header, record, strict=False)}
        self.build(seen_numbers, seen_cards)

    def error(self, column: str, code: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, code, message))

    def required(self, column: str) -> str | None:
        value = self.values[column]
        if not value:
            self.error(column, "required", f"The {column} is empty. Fill it in.")
            return None
        return value

    def build(self, seen_numbers: dict[str, int], seen_cards: dict[str, int]) -> None:
        birth_date = self.day("birth_date", required=True)
        number = self.national_number(birth_date, seen_numbers)
        sex = self.sex(number)
        surname = self.text("surname", name=True, required=True)
        given_names = self.text("given_names", name=True)  # empty for a single-name person
        nationality = self.nationality()
        card_number = self.card_number(seen_cards)
        expiry = self.day("permit_expiry", required=True)
        valid_from = self.day("permit_valid_from")
        if valid_from and expiry and valid_from >= expiry:
            self.error(
                "permit_valid_from",
                "valid_from_after_expiry",
                "The permit's start "
                "date is not before its expiry date. Check both dates on the card.",
            )
        market = self.choice("labour_market", _MARKETS)
        language = self.choice("language", _LANGUAGES)
        street, municipality = self.text("street"), self.text("municipality")
        phone = self.text("phone") or ""
        postal_code = self.matching(
            "postal_code",
            _POSTAL_CODE,
            "is not a Belgian postal code: write its four digits, e.g. 1080.",
        )
        email = self.matching(
            "email",
            _EMAIL,
            "is not an e-mail address (name@domain.be). Correct it or leave it empty.",
        )
        if self.errors:
            return
        assert surname and birth_date and number and nationality and card_number
        assert expiry and market and language and given_names is not None
        address = Address(street or "", postal_code, municipality or "")
        holder = Holder(
            surname=surname,
            given_names=given_names,
            birth_date=birth_date,
            nationality=nationality,
            national_number=number,
            sex=sex,
            language=language,
            address=address,
            phone=phone,
            email=email,
        )
        permit = Permit(
            holder_id=None,
            card_number=card_number,
            expiry=expiry,
            labour_market=market,
            valid_from=valid_from,
        )
        self.result = ImportRow(self.line, holder, permit)

    def day(self, column: str, required: bool = False) -> date | None:
        value = self.required(column) if required else self.values.get(column, "")
        if not value:
            return None
        if not _ISO_DATE.fullmatch(value):
            hint = ""
            if _DAY_FIRST_DATE.fullmatch(value):
                hint = " (day-first dates such as 30/07/1985 are ambiguous)"
            elif _WEEK_OR_ORDINAL_DATE.fullmatch(value):
                hint = " (ISO week dates and ordinal dates are not accepted)"
            self.error(
                column,
                "date_format",
                f"{_show(value)} is not a date written YYYY-MM-DD{hint}. Write it like 1985-07-30.",
            )
            return None
        try:
            return parse_day(value)
        except InvalidDate:
            self.error(
                column,
                "impossible_date",
                f"{value} does not exist in the calendar. Check the day and the month.",
            )
            return None

    def national_number(self, birth_date: date | None, seen: dict[str, int]) -> str | None:
        value = self.required("national_number")
        if value is None:
            return None
        try:
            number = validate_national_number(value)
        except InvalidNationalNumber as error:
            reason = "format" if not nn.compact(value).isascii() else error.reason
            self.error(
                "national_number",
                f"national_number_{reason}",
                f"{_show(value)} "
                f"{_NN_PROBLEMS[reason]} Copy it again from the card or the register.",
            )
            return None
        if number in seen:
            self.error(
                "national_number",
                "duplicate_national_number",
                f"This national "
                f"number is already on line {seen[number]}. Keep one line per holder.",
            )
        else:
            seen[number] = self.line
        if birth_date and not is_bis_number(number) and "00" not in (number[2:4], number[4:6]):
            encoded = encoded_birth_date(number)
            if encoded and encoded != birth_date:
                self.error(
                    "birth_date",
                    "birth_date_mismatch",
                    f"The national number says "
                    f"born on {encoded.isoformat()} but birth_date is "
                    f"{birth_date.isoformat()}. Correct the one that is wrong.",
                )
        return number

    def sex(self, number: str | None) -> Sex | None:
        value = self.values.get("sex", "").upper()
        encoded = None
        if number and (not is_bis_number(number) or int(number[2:4]) >= 40):
            encoded = Sex(encoded_sex(number))  # bis month + 20: sex unknown
        if not value:
            return encoded
        if value not in ("M", "F"):
            self.error(
                "sex",
                "invalid_choice",
                f"{_show(value)} is not a sex: write M or F, or leave it empty.",
            )
            return None
        if encoded and value != encoded:
            self.error(
                "sex",
                "sex_mismatch",
                f"The national number is that of a "
                f"{'man' if encoded is Sex.MALE else 'woman'} but sex is {value}. "
                "Correct the one that is wrong.",
            )
        return Sex(value)

    def text(self, column: str, name: bool = False, required: bool = False) -> str | None:
        value = self.required(column) if required else self.values.get(column, "")
        if not value:
            return value
        bad = None
        if not value.isprintable():  # printable text has no Cc, Cs nor format character
            bad = next(
                (
                    char
                    for char in value
                    if unicodedata.category(char) in ("Cc", "Cs") or char in _INVISIBLE
                ),
                None,
            )
        if bad is not None:
            self.error(
                column,
                "control_character",
                f"The {column} contains the invisible "
                f"character U+{ord(bad):04X}. Retype the value.",
            )
        elif len(value) > MAX_TEXT:
            self.error(
                column,
                "too_long",
                f"The {column} has {len(value)} characters; at "
                f"most {MAX_TEXT} are allowed. Check that columns are not merged.",
            )
        elif name and not any(char.isalpha() for char in value):  # a letter: category L*
            self.error(
                column,
                "no_letter",
                f"{_show(value)} has no letter: it cannot be a name. Check the column order.",
            )
        else:
            return value
        return None

    def nationality(self) -> str | None:
        value = self.required("nationality")
        if value is None:
            return None
        code = value.upper()
        if code not in COUNTRY_CODES:
            self.error(
                "nationality",
                "unknown_country",
                f"{_show(value)} is not a country "
                "code. Use the two-letter ISO 3166 code, e.g. MA for Morocco.",
            )
            return None
        if code in FREE_MOVEMENT:
            self.error(
                "nationality",
                "eu_national",
                f"{code} is an EU, EEA or Swiss "
                "nationality: such citizens do not hold a single permit. Check the "
                "nationality or leave this person out.",
            )
            return None
        return code

    def card_number(self, seen: dict[str, int]) -> str | None:
        value = self.required("card_number")
        if value is None:
            return None
        card = re.sub(r"[ .\-/]", "", value).upper()
        if not _CARD.fullmatch(card):
            self.error(
                "card_number",
                "invalid_card_number",
                f"{_show(value)} is not a card "
                "number: copy it from the card, e.g. B1234567890 or 592123456789.",
            )
            return None
        if card in seen:
            self.error(
                "card_number",
                "duplicate_card_number",
                f"This card number is already "
                f"on line {seen[card]}. Each card belongs to one holder.",
            )
        else:
            seen[card] = self.line
        return card

    def choice(self, column: str, allowed: dict[str, _Choice]) -> _Choice | None:
        value = self.required(column)
        if value is None:
            return None
        if value.lower() not in allowed:
            self.error(
                column,
                "invalid_choice",
                f"{_show(value)} is not allowed here: write one of {', '.join(allowed)}.",
            )
            return None
        return allowed[value.lower()]

    def matching(self, column: str, pattern: re.Pattern[str], advice: str) -> str:
        value = self.text(column) or ""
        if value and not pattern.fullmatch(value):
            self.error(column, f"invalid_{column}", f"{_show(value)} {advice}")
        return value
