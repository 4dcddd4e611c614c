"""``permitdesk card read [--file HOLDER.eid]``: read the inserted card, or a card the eID
viewer saved, and format it for the terminal or as JSON.

:func:`card_read_command` returns the exit code and the text; ``app.cli`` prints it. A card
read from a file is marked unverified (the file is not signed); a Belgian citizen's card is
printed with a note saying it is not a residence card.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from app.card.data import CardData
from app.card.errors import CardError
from app.card.fields import is_belgian_card
from app.card.reader import read_card
from app.card.saved import read_saved_card

logger = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("table", "json")

EXIT_OK = 0
EXIT_CARD_ERROR = 1
EXIT_USAGE = 2

_TABLE_LABELS: dict[str, str] = {
    "source": "Read from",
    "unverified": "Unverified",
    "surname": "Surname",
    "given_names": "Given names",
    "birth_date": "Birth date",
    "birth_place": "Birth place",
    "nationality_text": "Nationality",
    "sex": "Sex",
    "national_number": "National number",
    "card_number": "Card number",
    "card_type": "Card type",
    "document_type": "Document type",
    "document_name": "Document",
    "card_valid_from": "Valid from",
    "card_valid_until": "Valid until",
    "issuing_municipality": "Issued by",
    "labour_market": "Labour market",
    "employer_vat_1": "Employer VAT (1)",
    "employer_vat_2": "Employer VAT (2)",
    "regional_file_number": "Regional file number",
    "special_status": "Special status",
    "member_of_family": "Member of family",
    "nobility": "Nobility",
    "duplicate": "Duplicate",
    "special_organisation": "Special organisation",
    "protection": "Protection (date, country)",
    "brexit_mentions": "Brexit mentions",
    "card_a_mentions": "Card A mentions",
    "card_eu_start_date": "EU card since",
    "chip_number": "Chip number",
    "street": "Street",
    "postal_code": "Postal code",
    "municipality": "Municipality",
}


def format_table(card: CardData) -> str:
    """Two aligned columns, one line per field, then the matched country and proposed case."""
    rows = [(_TABLE_LABELS[key], _cell(value)) for key, value in card.to_json_dict().items()]
    rows.append(("Country (ISO)", card.nationality))
    case = card.proposed_case()
    rows.append(("Proposed case", case.value if case else None))
    rows.append(("Photo", f"{len(card.photo)} bytes" if card.photo else None))
    width = max(len(label) for label, _ in rows)
    return "\n".join(
        f"{label:<{width}}  {'-' if value is None else value}" for label, value in rows
    )


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value) or None
    return value or None


BELGIAN_NOTE = (
    "note: this is a Belgian citizen's identity card, not a residence card: "
    "a Belgian holds no single permit"
)
UNVERIFIED_NOTE = (
    "note: read from a saved file, which is not signed: check it against the card itself"
)


def notes(card: CardData) -> list[str]:
    """What to say besides the card: a Belgian's card, a saved (unverified) file."""
    said = [BELGIAN_NOTE] if is_belgian_card(card.document_type) else []
    return said + ([UNVERIFIED_NOTE] if card.unverified else [])


def format_json(card: CardData) -> str:
    """The card's JSON dictionary, indented, non-ASCII letters kept as they are."""
    return json.dumps(card.to_json_dict(), indent=2, ensure_ascii=False)


def card_read_command(library: str | None, fmt: str, file: Path | None = None) -> tuple[int, str]:
    """Read the card (or the saved ``file``); ``(exit code, text to print)``, the code
    non-zero when none was read."""
    code, text, _notes = card_read_with_notes(library, fmt, file)
    return code, text


def card_read_with_notes(
    library: str | None, fmt: str, file: Path | None = None
) -> tuple[int, str, list[str]]:
    """:func:`card_read_command` and the notes for the error stream (:func:`notes`)."""
    if fmt not in FORMATS:
        return EXIT_USAGE, f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}", []
    try:
        card = read_saved_card(file) if file is not None else read_card(library)
    except CardError as error:
        logger.warning("card read failed: %s", error)
        if fmt == "json":
            problem = {"error": error.kind, "message": error.message}
            return EXIT_CARD_ERROR, json.dumps(problem, indent=2, ensure_ascii=False), []
        return EXIT_CARD_ERROR, f"error ({error.kind}): {error.message}", []
    text = format_json(card) if fmt == "json" else format_table(card)
    return EXIT_OK, text, notes(card)
