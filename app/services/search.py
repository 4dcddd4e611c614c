"""One search field for the counter: names (any order, accents ignored, any script),
national number with or without punctuation, card number, or a scanned register barcode.

The window's search view and ``permitdesk search`` both call :func:`search`: holders
sorted by name, each with the card and expiry of their latest permit and where that
permit stands against R1 today (what tells apart four holders of the same name);
:func:`result_rows` is what the command prints, in the window's order."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.domain.accounts import Role
from app.domain.errors import NotFound
from app.domain.model import Holder, IssuedDocument, RegisterNumber, RenewalStatus
from app.domain.rules import check_renewal
from app.domain.search import SearchHit, parse_query
from app.services.auth import require
from app.services.desk import Desk


@dataclass(frozen=True)
class Found:
    """A holder in the results: their latest permit's card and expiry, and its R1 status
    today (None without a permit)."""

    holder: Holder
    card_number: str
    expiry: date | None
    status: RenewalStatus | None


@dataclass
class SearchResult:
    found: list[Found] = field(default_factory=list)
    document: IssuedDocument | None = None  # set when the text was a register barcode

    @property
    def holders(self) -> list[Holder]:
        return [found.holder for found in self.found]


def search(desk: Desk, text: str, limit: int = 50) -> SearchResult:
    """Holders matching ``text``, by name; a register number (``2026/000123`` or the
    barcode's ``2026000123``) that exists opens its document instead."""
    require(desk, Role.CLERK)
    document = _scanned_document(desk, text)
    if document is not None:
        hits = desk.store.holder_hits([document.holder_id])
        return SearchResult([_found(desk.today(), hit) for hit in hits], document)
    query = parse_query(text)
    if query is None:
        return SearchResult()
    today = desk.today()
    return SearchResult([_found(today, hit) for hit in desk.store.search_holders(query, limit)])


def _found(today: date, hit: SearchHit) -> Found:
    holder = hit.holder
    status = None
    if hit.expiry is not None:
        status = check_renewal(
            hit.expiry,
            today,
            birth_date=holder.birth_date,
            hospitalised=holder.hospitalised,
            detained=holder.detained,
            travelling=holder.travelling,
        ).status
    return Found(holder, hit.card_number, hit.expiry, status)


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


def result_rows(result: SearchResult) -> list[dict[str, Any]]:
    """One plain dictionary per holder found, in the order found (for JSON or a table)."""
    rows = []
    for found in result.found:
        holder = found.holder
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
                "card_number": found.card_number,
                "permit_expiry": found.expiry.isoformat() if found.expiry else None,
                "status": found.status.value if found.status else None,
            }
        )
    return rows
