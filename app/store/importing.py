"""Writing a validated CSV import: holders and permits in batches, each holder indexed once.

The caller holds one transaction around the whole import (all or nothing); rows go in
chunks of :data:`CHUNK`, each chunk a few prepared statements run with ``executemany``:
one look-up of the chunk's known holders and cards, inserts, updates, one refill of the
search index for the chunk's holders. A holder already known (same national number) gets
only the fields the file has (``fields``), and an audit entry naming the fields that
changed (issue 11, point 5): a file without phone or address columns blanks nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.errors import Conflict
from app.domain.model import Holder, Permit
from app.store import rows
from app.store.base import StoreBase

#: Rows written per batch of statements.
CHUNK = 2_000

#: The columns a holder field is stored in (the folded name follows the name).
_HOLDER_COLUMNS = {
    "surname": ("surname", "name_key"),
    "given_names": ("given_names", "name_key"),
    "birth_date": ("birth_date", "birth_date_partial"),
}

_KNOWN_HOLDERS = "SELECT * FROM holders WHERE {numbers}"
_KNOWN_CARDS = "SELECT id, holder_id, card_number FROM permits WHERE {cards}"


@dataclass(frozen=True)
class ImportWrite:
    """What was written: holders added, holders known (whether they changed or not)."""

    inserted: int
    updated: int


def write_import(
    store: StoreBase,
    pairs: Sequence[tuple[Holder, Permit]],
    fields: tuple[frozenset[str], frozenset[str]],
    *,
    at: str,
    user: str,
    check: Callable[[], None],
) -> ImportWrite:
    """Write ``pairs`` inside the caller's transaction; ``fields`` are the holder and
    permit fields the file gives; ``check()`` runs between chunks (it raises to stop)."""
    holder_fields, permit_fields = fields
    holder_columns = sorted(
        {column for name in holder_fields for column in _HOLDER_COLUMNS.get(name, (name,))}
    )
    inserted = updated = 0
    for chunk in _chunks(pairs):
        check()
        batch = _Batch(store, at, holder_columns, sorted(permit_fields))
        batch.holders(chunk)
        batch.permits(chunk)
        batch.index()
        batch.audit(user)
        inserted += batch.inserted
        updated += len(chunk) - batch.inserted
    return ImportWrite(inserted, updated)


def _chunks(pairs: Sequence[tuple[Holder, Permit]]) -> Iterator[Sequence[tuple[Holder, Permit]]]:
    for start in range(0, len(pairs), CHUNK):
        yield pairs[start : start + CHUNK]


class _Batch:
    """One chunk's statements."""

    def __init__(
        self, store: StoreBase, at: str, holder_columns: list[str], permit_columns: list[str]
    ) -> None:
        self._store = store
        self._at = at
        self._holder_columns = holder_columns
        self._permit_columns = permit_columns
        self.inserted = 0
        self._new: list[int] = []
        self._known: list[int] = []
        self._changed: list[tuple[int, list[str]]] = []

    def holders(self, chunk: Sequence[tuple[Holder, Permit]]) -> None:
        numbers = [holder.national_number for holder, _ in chunk]
        condition, values = self._store._among("national_number", numbers)
        known = {
            row["national_number"]: row
            for row in self._store._all(_KNOWN_HOLDERS.format(numbers=condition), [values])
        }
        fresh = iter(self._store._new_ids("holders", len(chunk) - len(known)))
        new_rows: list[dict[str, Any]] = []
        updates: list[list[Any]] = []
        for holder, permit in chunk:
            row = rows.holder_to_row(holder, self._at)
            existing = known.get(holder.national_number)
            if existing is None:
                holder.id = next(fresh)
                new_rows.append({**row, "id": holder.id, "created_at": self._at})
                self._new.append(holder.id)
            else:
                holder.id = existing["id"]
                self._known.append(existing["id"])
                changed = [c for c in self._holder_columns if row[c] != existing[c]]
                if changed:
                    self._changed.append((existing["id"], changed))
                    updates.append([*(row[c] for c in self._holder_columns), self._at, holder.id])
            permit.holder_id = holder.id
        if new_rows:
            self._store._insert_many("holders", new_rows)
            self.inserted = len(new_rows)
        if updates:
            assignments = ", ".join(f'"{c}" = ?' for c in (*self._holder_columns, "updated_at"))
            self._store._executemany(
                f"UPDATE holders SET {assignments}, version = version + 1 WHERE id = ?", updates
            )

    def permits(self, chunk: Sequence[tuple[Holder, Permit]]) -> None:
        cards = [permit.card_number for _, permit in chunk]
        condition, values = self._store._among("card_number", cards)
        known = {
            row["card_number"]: row
            for row in self._store._all(_KNOWN_CARDS.format(cards=condition), [values])
        }
        new_rows: list[dict[str, Any]] = []
        updates: list[list[Any]] = []
        for _, permit in chunk:
            row = rows.permit_to_row(permit)
            existing = known.get(permit.card_number)
            if existing is None:
                new_rows.append(row)
            elif existing["holder_id"] != permit.holder_id:
                raise Conflict(f"card {permit.card_number} belongs to another holder")
            else:
                permit.id = existing["id"]
                updates.append([*(row[c] for c in self._permit_columns), existing["id"]])
        if new_rows:
            self._store._insert_many("permits", new_rows)
        if updates:
            assignments = ", ".join(f'"{c}" = ?' for c in self._permit_columns)
            self._store._executemany(f"UPDATE permits SET {assignments} WHERE id = ?", updates)

    def index(self) -> None:
        """The chunk's holders into the search index, once each, after their permits."""
        if self._known:
            self._store._reindex_holders(self._known, new=False)
        if self._new:
            self._store._reindex_holders(self._new, new=True)

    def audit(self, user: str) -> None:
        """One entry per known holder the file changed, naming the fields (not values)."""
        for holder_id, changed in self._changed:
            fields = [column for column in changed if column != "name_key"]  # derived
            self._store._append_audit(
                self._at,
                user,
                "update",
                "holder",
                holder_id,
                {"fields": fields, "by": "import"},
            )
