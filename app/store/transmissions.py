"""What the commune sends to the Immigration Office "sans délai" (art. 105/3 §1-2): the
queue the register fills when annex 50 or 41 is issued, read and marked sent here."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from app.domain.model import Annex, RegisterNumber, TransmissionRow
from app.store.rows import day
from app.store.store import Store

logger = logging.getLogger(__name__)

_SELECT = """
    SELECT t.id, t.document_id, t.kind, t.due_on, t.sent_on, t.channel,
           d.year, d.sequence, d.annex, d.issued_on, d.holder_id,
           h.surname, h.given_names, h.national_number
    FROM transmissions t
    JOIN documents d ON d.id = t.document_id
    JOIN holders h ON h.id = d.holder_id
"""


def _row(r: dict) -> TransmissionRow:
    return TransmissionRow(
        id=r["id"],
        document_id=r["document_id"],
        kind=r["kind"],
        due_on=date.fromisoformat(r["due_on"]),
        sent_on=day(r["sent_on"]),
        channel=r["channel"],
        number=RegisterNumber(r["year"], r["sequence"]),
        annex=Annex(r["annex"]),
        issued_on=date.fromisoformat(r["issued_on"]),
        holder_id=r["holder_id"],
        surname=r["surname"],
        given_names=r["given_names"],
        national_number=r["national_number"],
    )


def pending_transmissions(store: Store) -> list[TransmissionRow]:
    """Everything not sent yet, the longest waiting first."""
    found = store._all(f"{_SELECT} WHERE t.sent_on IS NULL ORDER BY t.due_on, d.year, d.sequence")
    return [_row(r) for r in found]


def transmissions_of_holder(store: Store, holder_id: int) -> list[TransmissionRow]:
    """What was (or is to be) sent about the holder's documents, in register order."""
    found = store._all(f"{_SELECT} WHERE d.holder_id = ? ORDER BY d.year, d.sequence", [holder_id])
    return [_row(r) for r in found]


def transmissions_by_id(store: Store, ids: Iterable[int]) -> list[TransmissionRow]:
    """The given rows, in register order (for a cover list)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    found = store._all(f"{_SELECT} WHERE t.id IN ({marks}) ORDER BY d.year, d.sequence", wanted)
    return [_row(r) for r in found]


def set_sent(store: Store, ids: Iterable[int], on: date, channel: str) -> list[int]:
    """Mark pending rows sent; returns the ids that were pending (a row sent already keeps
    its first date and channel)."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    marks = ", ".join("?" for _ in wanted)
    with store.transaction():
        pending = [
            r["id"]
            for r in store._all(
                f"SELECT id FROM transmissions WHERE sent_on IS NULL AND id IN ({marks})",
                wanted,
            )
        ]
        if pending:
            marks = ", ".join("?" for _ in pending)
            store._execute(
                f"UPDATE transmissions SET sent_on = ?, channel = ? WHERE id IN ({marks})",
                [on.isoformat(), channel, *pending],
            )
    return pending
