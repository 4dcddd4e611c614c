"""``permitdesk card read``: read the inserted card and format it for the terminal or as JSON.

:func:`card_read_command` returns the exit code and the text; ``app.cli`` prints it.
"""

from __future__ import annotations

import json
import logging

from app.card.data import CardData
from app.card.errors import CardError
from app.card.reader import read_card

logger = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("table", "json")

EXIT_OK = 0
EXIT_CARD_ERROR = 1
EXIT_USAGE = 2

_TABLE_LABELS: dict[str, str] = {
    "surname": "Surname",
    "given_names": "Given names",
    "birth_date": "Birth date",
    "birth_place": "Birth place",
    "nationality_text": "Nationality",
    "sex": "Sex",
    "national_number": "National number",
    "card_number": "Card number",
    "card_type": "Card type",
    "card_valid_from": "Valid from",
    "card_valid_until": "Valid until",
    "labour_market": "Labour market",
    "street": "Street",
    "postal_code": "Postal code",
    "municipality": "Municipality",
}


def format_table(card: CardData) -> str:
    """Two aligned columns, one line per field, then the matched country and proposed case."""
    rows = [(_TABLE_LABELS[key], value) for key, value in card.to_json_dict().items()]
    rows.append(("Country (ISO)", card.nationality))
    case = card.proposed_case()
    rows.append(("Proposed case", case.value if case else None))
    rows.append(("Photo", f"{len(card.photo)} bytes" if card.photo else None))
    width = max(len(label) for label, _ in rows)
    return "\n".join(
        f"{label:<{width}}  {'-' if value is None else value}" for label, value in rows
    )


def format_json(card: CardData) -> str:
    """The card's JSON dictionary, indented, non-ASCII letters kept as they are."""
    return json.dumps(card.to_json_dict(), indent=2, ensure_ascii=False)


def card_read_command(library: str | None, fmt: str) -> tuple[int, str]:
    """Read the card and return ``(exit code, text to print)``; non-zero when none was read."""
    if fmt not in FORMATS:
        return EXIT_USAGE, f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}"
    try:
        card = read_card(library)
    except CardError as error:
        logger.warning("card read failed: %s", error)
        if fmt == "json":
            problem = {"error": error.kind, "message": error.message}
            return EXIT_CARD_ERROR, json.dumps(problem, indent=2, ensure_ascii=False)
        return EXIT_CARD_ERROR, f"error ({error.kind}): {error.message}"
    return EXIT_OK, format_json(card) if fmt == "json" else format_table(card)
