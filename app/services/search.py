"""One search field for the counter: names (any order, accents ignored, any script),
national number with or without punctuation, card number, or a scanned register barcode.

The window's search view and ``permitdesk search`` both call :func:`search`;
:func:`result_rows` is what the command prints, the holders in the window's order with
the card of each one's latest permit, as the window's list shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.domain.accounts import Role
from app.domain.errors import NotFound
from app.domain.model import Holder, IssuedDocument, RegisterNumber
from app.domain.search import parse_query
from app.services.auth import require
from app.services.desk import Desk


@dataclass
class SearchResult:
    holders: list[Holder] = field(default_factory=list)
    document: IssuedDocument | None = None  # set when the text was a register barcode


def search(desk: Desk, text: str, limit: int = 50) -> SearchResult:
    """Holders matching ``text``; a register number (``2026/000123`` or the barcode's
    ``2026000123``) that exists opens its document instead."""
    require(desk, Role.CLERK)
    document = _scanned_document(desk, text)
    if document is not None:
        return SearchResult([desk.store.get_holder(document.holder_id)], document)
    query = parse_query(text)
    if query is None:
        return SearchResult()
    return SearchResult(desk.store.search_holders(query, limit))


def _scanned_document(desk: Desk, text: str) -> IssuedDocument | None:
    try:
        number = RegisterNumber.parse(text)
    except ValueError:
        return None
    if not 2000 <= number.year <= 2999:
        return None
    try:
        return desk.register.get(number)
    except NotFound:
        return None


def current_card(desk: Desk, holder_id: int | None) -> str:
    """The card number of the holder's latest permit ("" without one), as the list shows."""
    permits = desk.store.permits_of(holder_id) if holder_id is not None else []
    return permits[0].card_number if permits else ""


def result_rows(desk: Desk, result: SearchResult) -> list[dict[str, Any]]:
    """One plain dictionary per holder found, in the order found (for JSON or a table)."""
    require(desk, Role.CLERK)
    rows = []
    for holder in result.holders:
        birth = holder.birth_date.isoformat() if holder.birth_date else None
        if birth is None and holder.birth_date_partial is not None:
            birth = holder.birth_date_partial.iso()
        rows.append(
            {
                "id": holder.id,
                "surname": holder.surname,
                "given_names": holder.given_names,
                "national_number": holder.national_number,
                "birth_date": birth,
                "card_number": current_card(desk, holder.id),
            }
        )
    return rows
