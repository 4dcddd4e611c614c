"""Read models for the counter's working list: current permits and open attestations."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.model import Annex, LabourMarket, RegisterNumber
from app.store.rows import day
from app.store.store import Store


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
    cursor = store._db.execute(
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


def open_attestations(store: Store, valid_from: date, valid_to: date) -> list[AttestationRow]:
    """Annexes 49 and 50 of open files whose validity ends in [valid_from, valid_to]."""
    found = store._all(
        """
        SELECT d.id, d.year, d.sequence, d.annex, d.valid_until, d.extensions_used,
               d.max_extensions, d.holder_id, d.file_id, h.surname, h.given_names,
               h.national_number
        FROM documents d
        JOIN renewal_files f ON f.id = d.file_id AND f.state = 'open'
        JOIN holders h ON h.id = d.holder_id
        WHERE d.annex IN ('49', '50') AND d.annulled_on IS NULL
          AND d.valid_until BETWEEN ? AND ?
        ORDER BY d.valid_until
        """,
        [valid_from.isoformat(), valid_to.isoformat()],
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
