"""One search field for the counter: names (any order, accents ignored), national number
with or without punctuation, card number, or a scanned register barcode."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.domain.errors import NotFound
from app.domain.model import Holder, IssuedDocument, RegisterNumber
from app.domain.search import parse_query
from app.services.desk import Desk


@dataclass
class SearchResult:
    holders: list[Holder] = field(default_factory=list)
    document: IssuedDocument | None = None  # set when the text was a register barcode


def search(desk: Desk, text: str, limit: int = 50) -> SearchResult:
    """Holders matching ``text``; a register number (``2026/000123`` or the barcode's
    ``2026000123``) that exists opens its document instead."""
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
