"""Read models for the counter's working list: current permits, open attestations, and the
open files with a deadline the law sets (decisions awaited after annex 50, requests for
information, first registrations waiting for the residence check, stays ended)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.model import Annex, LabourMarket, RegisterNumber, TransmissionRow
from app.store import transmissions
from app.store.rows import day
from app.store.store import Store

#: A ``LIMIT`` that both SQLite and PostgreSQL read as "every row" (SQLite's own -1 is an
#: error on the server).
EVERY_ROW = 2**62


@dataclass(frozen=True)
class PermitRow:
    """A holder's current permit (the one expiring last) with what R1 needs."""

    holder_id: int
    surname: str
    given_names: str
    national_number: str | None
    birth_date: date | None
    hospitalised: bool
    detained: bool
    travelling: bool
    permit_id: int
    card_number: str
    expiry: date
    labour_market: LabourMarket
    open_file_id: int | None
    renewal_filed_on: date | None


@dataclass(frozen=True)
class AttestationRow:
    """An annex 49 or 50 on an open file, with its current end of validity."""

    document_id: int
    number: RegisterNumber
    annex: Annex
    valid_until: date
    extensions_used: int
    max_extensions: int
    holder_id: int
    file_id: int
    surname: str
    given_names: str
    national_number: str | None


def current_permits(store: Store, expiry_from: date, expiry_to: date) -> list[PermitRow]:
    """Current permits expiring in [expiry_from, expiry_to], with their open file if any."""
    cursor = store._execute(
        """
        SELECT h.id, h.surname, h.given_names, h.national_number, h.birth_date,
               h.hospitalised, h.detained, h.travelling,
               p.id, p.card_number, p.expiry, p.labour_market,
               f.id, f.renewal_filed_on
        FROM permits p
        JOIN holders h ON h.id = p.holder_id
        LEFT JOIN renewal_files f ON f.id = (
            SELECT max(id) FROM renewal_files WHERE permit_id = p.id AND state = 'open')
        WHERE p.expiry BETWEEN ? AND ?
          AND NOT EXISTS (SELECT 1 FROM permits later
                          WHERE later.holder_id = p.holder_id AND later.expiry > p.expiry)
        ORDER BY p.expiry, h.surname
        """,
        [expiry_from.isoformat(), expiry_to.isoformat()],
    )
    # Positional construction and a dict for the enum: this list can hold tens of
    # thousands of rows.
    markets = {market.value: market for market in LabourMarket}
    return [
        PermitRow(
            r[0],
            r[1],
            r[2],
            r[3],
            day(r[4]),
            bool(r[5]),
            bool(r[6]),
            bool(r[7]),
            r[8],
            r[9],
            date.fromisoformat(r[10]),
            markets[r[11]],
            r[12],
            day(r[13]),
        )
        for r in cursor
    ]


_ATTESTATIONS = """
        FROM documents d
        JOIN renewal_files f ON f.id = d.file_id AND f.state = 'open'
        JOIN holders h ON h.id = d.holder_id
        WHERE d.annex IN ('49', '50') AND d.annulled_on IS NULL
          AND d.valid_until BETWEEN ? AND ?"""


def count_attestations(store: Store, valid_from: date, valid_to: date) -> int:
    return int(
        store._execute(
            f"SELECT count(*) {_ATTESTATIONS}", [valid_from.isoformat(), valid_to.isoformat()]
        ).fetchone()[0]
    )


def open_attestations(
    store: Store, valid_from: date, valid_to: date, offset: int = 0, limit: int = EVERY_ROW
) -> list[AttestationRow]:
    """Annexes 49 and 50 of open files whose validity ends in [valid_from, valid_to]
    (``limit`` rows from ``offset``: every row by default)."""
    found = store._all(
        f"""
        SELECT d.id, d.year, d.sequence, d.annex, d.valid_until, d.extensions_used,
               d.max_extensions, d.holder_id, d.file_id, h.surname, h.given_names,
               h.national_number
        {_ATTESTATIONS}
        ORDER BY d.valid_until, d.id LIMIT ? OFFSET ?
        """,
        [valid_from.isoformat(), valid_to.isoformat(), limit, offset],
    )
    return [
        AttestationRow(
            document_id=r["id"],
            number=RegisterNumber(r["year"], r["sequence"]),
            annex=Annex(r["annex"]),
            valid_until=date.fromisoformat(r["valid_until"]),
            extensions_used=r["extensions_used"],
            max_extensions=r["max_extensions"],
            holder_id=r["holder_id"],
            file_id=r["file_id"],
            surname=r["surname"],
            given_names=r["given_names"],
            national_number=r["national_number"],
        )
        for r in found
    ]


@dataclass(frozen=True)
class FileRow:
    """An open file (or, for a stay ended, a recent one) with the dates its queue needs.

    ``document_*`` describe the file's latest live annex of the queue (50 for a decision,
    49 for a first registration), if any; ``event_on``/``due_on``/``note`` the event the
    queue is about (a request, a period extension, the end of the stay)."""

    file_id: int
    holder_id: int
    surname: str
    given_names: str
    national_number: str | None
    opened_on: date
    document_id: int | None = None
    number: RegisterNumber | None = None
    issued_on: date | None = None
    valid_until: date | None = None
    extension_days: int | None = None
    max_extensions: int = 0
    event_on: date | None = None
    due_on: date | None = None
    note: str = ""


_HOLDER = "h.id, h.surname, h.given_names, h.national_number"


def _document(r: Any, at: int) -> dict[str, Any]:
    """The document columns starting at ``at``: id, year, sequence, issued_on, valid_until,
    extension_days, max_extensions."""
    if r[at] is None:
        return {}
    return {
        "document_id": r[at],
        "number": RegisterNumber(r[at + 1], r[at + 2]),
        "issued_on": date.fromisoformat(r[at + 3]),
        "valid_until": day(r[at + 4]),
        "extension_days": r[at + 5],
        "max_extensions": r[at + 6],
    }


_DOCUMENT = (
    "d.id, d.year, d.sequence, d.issued_on, d.valid_until, d.extension_days, d.max_extensions"
)


_DECISIONS = f"""
        SELECT f.id, f.opened_on, {_HOLDER}, {_DOCUMENT},
               (SELECT e.due_on FROM file_events e
                WHERE e.file_id = f.id AND e.kind = 'outcome:period_extended'
                  AND e.due_on IS NOT NULL
                ORDER BY e.on_date DESC, e.id DESC LIMIT 1)
        FROM renewal_files f
        JOIN holders h ON h.id = f.holder_id
        JOIN documents d ON d.id = (
            SELECT max(id) FROM documents
            WHERE file_id = f.id AND annex = '50' AND annulled_on IS NULL)
        WHERE f.state = 'open' AND f.decision_taken = 0
        ORDER BY d.issued_on, d.id"""

_REQUESTS = f"""
        SELECT f.id, f.opened_on, {_HOLDER}, e.on_date, e.due_on, e.detail
        FROM file_events e
        JOIN renewal_files f ON f.id = e.file_id AND f.state = 'open'
        JOIN holders h ON h.id = f.holder_id
        WHERE e.kind = 'outcome:information_requested' AND e.due_on IS NOT NULL
          AND NOT EXISTS (
            SELECT 1 FROM file_events later
            WHERE later.file_id = e.file_id AND later.kind LIKE 'outcome:%'
              AND later.kind NOT IN ('outcome:residence_checked')
              AND (later.on_date > e.on_date OR (later.on_date = e.on_date AND later.id > e.id)))
        ORDER BY e.due_on, f.id"""

_RESIDENCE_CHECKS = f"""
        SELECT f.id, f.opened_on, {_HOLDER}, {_DOCUMENT}
        FROM renewal_files f
        JOIN holders h ON h.id = f.holder_id
        LEFT JOIN documents d ON d.id = (
            SELECT max(id) FROM documents
            WHERE file_id = f.id AND annex = '49' AND annulled_on IS NULL)
        WHERE f.state = 'open' AND f."case" = 'first_registration'
          AND NOT EXISTS (SELECT 1 FROM file_events e
                          WHERE e.file_id = f.id AND e.kind = 'outcome:residence_checked')
        ORDER BY coalesce(d.issued_on, f.opened_on), f.id"""

_STAYS_ENDED = f"""
        SELECT f.id, f.opened_on, {_HOLDER}, f.stay_ended_on
        FROM renewal_files f
        JOIN holders h ON h.id = f.holder_id
        WHERE f.stay_ended = 1 AND f.stay_ended_on >= ?
          AND f.id = (SELECT max(id) FROM renewal_files
                      WHERE holder_id = f.holder_id AND stay_ended = 1)
        ORDER BY f.stay_ended_on DESC, f.id"""


def _page(store: Store, sql: str, params: list[Any], offset: int, limit: int) -> Any:
    return store._execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])


def count_file_rows(store: Store, queue: str, ended_from: date) -> int:
    """The number of rows of a deadline queue ("decisions", "information_requests",
    "residence_checks", "stays_ended"; ``ended_from`` is for the last)."""
    sql = _FILE_QUEUES[queue]
    params = [ended_from.isoformat()] if queue == "stays_ended" else []
    return int(store._execute(f"SELECT count(*) FROM ({sql}) AS rows", params).fetchone()[0])


def pending_decisions(store: Store, offset: int = 0, limit: int = EVERY_ROW) -> list[FileRow]:
    """R3: open, undecided files with a live annex 50, the Immigration Office's decision
    awaited; ``due_on`` the decision period's end as last extended (art. 105/3 §3), if ever."""
    cursor = _page(store, _DECISIONS, [], offset, limit)
    return [_file_row(r, document_at=6, due_on=day(r[13])) for r in cursor]


def open_requests(store: Store, offset: int = 0, limit: int = EVERY_ROW) -> list[FileRow]:
    """R3 §7 (and R5): requests for more information on open files, with their deadline,
    not yet followed by the information or by another outcome."""
    cursor = _page(store, _REQUESTS, [], offset, limit)
    return [
        _file_row(r, event_on=date.fromisoformat(r[6]), due_on=day(r[7]), note=r[8]) for r in cursor
    ]


def awaiting_residence_check(
    store: Store, offset: int = 0, limit: int = EVERY_ROW
) -> list[FileRow]:
    """R5 (art. 105/2 §4-5): open first registrations whose residence check is not recorded,
    with their latest live annex 49 if one was issued."""
    cursor = _page(store, _RESIDENCE_CHECKS, [], offset, limit)
    return [_file_row(r, document_at=6) for r in cursor]


def stays_ended(
    store: Store, ended_from: date, offset: int = 0, limit: int = EVERY_ROW
) -> list[FileRow]:
    """Art. 105/6: files whose stay was ended (annex 52) on or after ``ended_from``, open or
    closed, the latest decision per holder."""
    cursor = _page(store, _STAYS_ENDED, [ended_from.isoformat()], offset, limit)
    return [_file_row(r, event_on=date.fromisoformat(r[6])) for r in cursor]


_FILE_QUEUES = {
    "decisions": _DECISIONS,
    "information_requests": _REQUESTS,
    "residence_checks": _RESIDENCE_CHECKS,
    "stays_ended": _STAYS_ENDED,
}


_TRANSMISSIONS = f"{transmissions._SELECT} WHERE t.sent_on IS NULL"


def count_waiting_transmissions(store: Store) -> int:
    """Art. 105/3 §1-2: what is still to be sent to the Immigration Office."""
    return int(store._execute(f"SELECT count(*) FROM ({_TRANSMISSIONS}) AS rows").fetchone()[0])


def waiting_transmissions(store: Store, offset: int, limit: int) -> list[TransmissionRow]:
    """A page of :func:`app.store.transmissions.pending_transmissions`, in its order."""
    found = store._all(
        f"{_TRANSMISSIONS} ORDER BY t.due_on, d.year, d.sequence LIMIT ? OFFSET ?",
        [limit, offset],
    )
    return [transmissions._row(r) for r in found]


def _file_row(r: Any, document_at: int | None = None, **values: Any) -> FileRow:
    document = _document(r, document_at) if document_at is not None else {}
    return FileRow(
        file_id=r[0],
        opened_on=date.fromisoformat(r[1]),
        holder_id=r[2],
        surname=r[3],
        given_names=r[4],
        national_number=r[5],
        **document,
        **values,
    )
