"""The store: the only code that speaks SQL, behind methods that speak domain objects.

Communes with many counters will later share a PostgreSQL server; keeping every query
here is what makes that a change of one package.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Iterable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.domain.errors import Conflict, DatabaseUnreadable, NotFound
from app.domain.model import (
    Commune,
    CommuneText,
    FamilyMember,
    FileEvent,
    Holder,
    Language,
    Permit,
    RenewalFile,
)
from app.domain.search import HolderQuery
from app.store import audit, rows
from app.store.base import StoreBase
from app.store.connection import connect, translate_error
from app.store.migrations import upgrade

log = logging.getLogger(__name__)


def now_text() -> str:
    """Timestamp for ``created_at`` columns (UTC, ISO 8601)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(StoreBase):
    """One open database file, spoken to in domain objects."""

    @classmethod
    def open(cls, path: Path | str, *, backups: Path) -> Store:
        """Open or create the file and bring its schema up to date; an existing file is
        copied into ``backups`` before a migration changes it."""
        path = Path(path)
        db = connect(path)
        try:
            ran = upgrade(
                db, before=lambda pending: _backup_before_migrations(db, path, backups, pending)
            )
        except sqlite3.DatabaseError as error:
            db.close()
            raise translate_error(error, path) from error
        except Exception:
            db.close()
            raise
        store = cls(db, path, backups)
        if "0003_audit_chain" in ran:  # rows logged before the chain get their head now
            audit.write_head(store)
        return store

    # -- settings -------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        return json.loads(row["value"]) if row else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )

    def get_commune(self) -> Commune | None:
        data = self.get_setting("commune")
        if data is None:
            return None
        data["languages"] = tuple(Language(code) for code in data["languages"])
        data["texts"] = {  # per document language; absent in older settings
            Language(code): CommuneText(**text) for code, text in data.get("texts", {}).items()
        }
        return Commune(**data)

    def set_commune(self, commune: Commune) -> None:
        data = dict(vars(commune))
        data["languages"] = [Language(code).value for code in commune.languages]
        data["texts"] = {Language(code).value: vars(t) for code, t in commune.texts.items()}
        self.set_setting("commune", data)

    def get_asset(self, name: str) -> bytes | None:
        row = self._one("SELECT data FROM assets WHERE name = ?", [name])
        return row["data"] if row else None

    def set_asset(self, name: str, data: bytes) -> None:
        with self.transaction():
            self._db.execute(
                "INSERT INTO assets (name, data) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET data = excluded.data",
                [name, data],
            )

    # -- holders and permits --------------------------------------------------------------

    def save_holder(self, holder: Holder) -> Holder:
        """Insert a new holder or update the one with the same id (or national number)."""
        now = now_text()
        row = rows.holder_to_row(holder, now)
        with self.transaction():
            holder_id = holder.id
            if holder_id is None and holder.national_number:
                existing = self._one(
                    "SELECT id FROM holders WHERE national_number = ?", [holder.national_number]
                )
                holder_id = existing["id"] if existing else None
            if holder_id is None:
                holder_id = self._insert("holders", {**row, "created_at": now})
            else:
                if self._one("SELECT id FROM holders WHERE id = ?", [holder_id]) is None:
                    raise NotFound(f"no holder with id {holder_id}")
                self._db.table("holders").update(holder_id, row)
            self._reindex_holder(holder_id)
        holder.id = holder_id
        return holder

    def save_permit(self, permit: Permit) -> Permit:
        """Insert a permit or update the one with the same id or card number."""
        if permit.holder_id is None:
            raise ValueError("a permit needs its holder saved first")
        row = rows.permit_to_row(permit)
        with self.transaction():
            existing = self._one(
                "SELECT id, holder_id FROM permits WHERE id = ? OR card_number = ?",
                [permit.id, permit.card_number],
            )
            if existing and existing["holder_id"] != permit.holder_id:
                raise Conflict(f"card {permit.card_number} belongs to another holder")
            if existing:
                permit.id = existing["id"]
                self._db.table("permits").update(permit.id, row)
            else:
                permit.id = self._insert("permits", row)
            self._reindex_holder(permit.holder_id)
        return permit

    def add_holders_with_permits(self, pairs: Iterable[tuple[Holder, Permit]]) -> int:
        """Bulk insert for the demo and first imports: one transaction, index built once."""
        now = now_text()
        count = 0
        with self.transaction():
            cursor = self._db.conn.cursor()
            next_id = (self._one("SELECT coalesce(max(id), 0) AS m FROM holders") or {})["m"]
            holder_rows, permit_rows = [], []
            for holder, permit in pairs:
                next_id += 1
                holder.id = permit.holder_id = next_id
                holder_rows.append(
                    {**rows.holder_to_row(holder, now), "id": next_id, "created_at": now}
                )
                permit_rows.append(rows.permit_to_row(permit))
                count += 1
            if holder_rows:
                _insert_many(cursor, "holders", holder_rows)
                _insert_many(cursor, "permits", permit_rows)
                self._db.execute("DELETE FROM holder_search")
                self._db.execute(_REINDEX_SQL.format(where=""))
        return count

    def _reindex_holder(self, holder_id: int) -> None:
        self._db.execute("DELETE FROM holder_search WHERE rowid = ?", [holder_id])
        self._db.execute(_REINDEX_SQL.format(where="WHERE h.id = ?"), [holder_id])

    def get_holder(self, holder_id: int) -> Holder:
        row = self._one("SELECT * FROM holders WHERE id = ?", [holder_id])
        if row is None:
            raise NotFound(f"no holder with id {holder_id}")
        return rows.holder_from_row(row)

    def find_holder(self, national_number: str) -> Holder | None:
        row = self._one("SELECT * FROM holders WHERE national_number = ?", [national_number])
        return rows.holder_from_row(row) if row else None

    def permits_of(self, holder_id: int) -> list[Permit]:
        found = self._all(
            "SELECT * FROM permits WHERE holder_id = ? ORDER BY expiry DESC", [holder_id]
        )
        return [rows.permit_from_row(row) for row in found]

    def get_permit(self, permit_id: int) -> Permit:
        row = self._one("SELECT * FROM permits WHERE id = ?", [permit_id])
        if row is None:
            raise NotFound(f"no permit with id {permit_id}")
        return rows.permit_from_row(row)

    def count_holders(self) -> int:
        return self._one("SELECT count(*) AS n FROM holders")["n"]  # type: ignore[index]

    def search_holders(self, query: HolderQuery, limit: int = 50) -> list[Holder]:
        """Holders matching ``query``, best match first."""
        found = self._all(
            "SELECT h.* FROM holder_search s JOIN holders h ON h.id = s.rowid "
            "WHERE holder_search MATCH ? ORDER BY s.rank LIMIT ?",
            [fts_match(query), limit],
        )
        return [rows.holder_from_row(row) for row in found]

    # -- family members -------------------------------------------------------------------

    def save_family_member(self, member: FamilyMember) -> FamilyMember:
        row = rows.family_to_row(member)
        with self.transaction():
            if member.id is None:
                member.id = self._insert("family_members", row)
            else:
                self._db.table("family_members").update(member.id, row)
        return member

    def family_of(self, holder_id: int) -> list[FamilyMember]:
        found = self._all(
            "SELECT * FROM family_members WHERE holder_id = ? ORDER BY id", [holder_id]
        )
        return [rows.family_from_row(row) for row in found]

    def get_family_member(self, member_id: int) -> FamilyMember:
        row = self._one("SELECT * FROM family_members WHERE id = ?", [member_id])
        if row is None:
            raise NotFound(f"no family member with id {member_id}")
        return rows.family_from_row(row)

    # -- renewal files --------------------------------------------------------------------

    def save_file(self, file: RenewalFile) -> RenewalFile:
        row = rows.file_to_row(file)
        with self.transaction():
            if file.id is None:
                file.id = self._insert("renewal_files", row)
            else:
                self._db.table("renewal_files").update(file.id, row)
            self._db.execute("DELETE FROM file_family_members WHERE file_id = ?", [file.id])
            for member_id in file.family_member_ids:
                self._db.execute(
                    "INSERT INTO file_family_members (file_id, family_member_id) VALUES (?, ?)",
                    [file.id, member_id],
                )
        return file

    def delete_file(self, file_id: int) -> None:
        """Remove a file nothing was issued on (its events and family list go with it).
        A file with a register document is never removed: the register keeps its files."""
        with self.transaction():
            issued = self._one("SELECT COUNT(*) AS n FROM documents WHERE file_id = ?", [file_id])
            if issued is not None and issued["n"]:
                raise ValueError(f"renewal file {file_id} has issued documents")
            self._db.execute("DELETE FROM renewal_files WHERE id = ?", [file_id])

    def get_file(self, file_id: int) -> RenewalFile:
        row = self._one("SELECT * FROM renewal_files WHERE id = ?", [file_id])
        if row is None:
            raise NotFound(f"no renewal file with id {file_id}")
        return self._file(row)

    def files_of(self, holder_id: int) -> list[RenewalFile]:
        found = self._all(
            "SELECT * FROM renewal_files WHERE holder_id = ? ORDER BY opened_on DESC, id DESC",
            [holder_id],
        )
        return [self._file(row) for row in found]

    def _file(self, row: dict[str, Any]) -> RenewalFile:
        members = self._all(
            "SELECT family_member_id FROM file_family_members WHERE file_id = ? ORDER BY 1",
            [row["id"]],
        )
        file = rows.file_from_row(row, tuple(m["family_member_id"] for m in members))
        file.events = [
            FileEvent(
                e["kind"],
                date.fromisoformat(e["on_date"]),
                e["detail"],
                e["id"],
                rows.day(e["due_on"]),
            )
            for e in self._all(
                "SELECT * FROM file_events WHERE file_id = ? ORDER BY on_date, id", [row["id"]]
            )
        ]
        return file

    def add_event(self, file_id: int, event: FileEvent) -> FileEvent:
        with self.transaction():
            event.id = self._insert(
                "file_events",
                {
                    "file_id": file_id,
                    "kind": event.kind,
                    "on_date": event.on.isoformat(),
                    "detail": event.detail,
                    "due_on": event.due_on.isoformat() if event.due_on else None,
                    "created_at": now_text(),
                },
            )
        return event

    # -- audit ----------------------------------------------------------------------------

    def audit(
        self, user: str, action: str, entity: str, entity_id: int | None, **detail: Any
    ) -> None:
        """Append to the hash-chained audit log (``app.store.audit``); records are named
        by id, never by personal data."""
        with self.transaction():
            audit.append(self, now_text(), user, action, entity, entity_id, detail)

    # -- maintenance ----------------------------------------------------------------------

    def sqlite_integrity(self) -> list[str]:
        """SQLite's own integrity and foreign-key checks; an empty list when sound."""
        try:
            problems = [r[0] for r in self._db.execute("PRAGMA integrity_check").fetchall()]
            problems = [p for p in problems if p != "ok"]
            problems += [
                f"foreign key: {table} row {rowid} -> {parent}"
                for table, rowid, parent, _ in self._db.execute(
                    "PRAGMA foreign_key_check"
                ).fetchall()
            ]
        except sqlite3.DatabaseError as error:
            raise DatabaseUnreadable(f"{self.path} is damaged: {error}") from error
        return problems

    def count_indexed_holders(self) -> int:
        """How many holders the search index holds (it must equal ``count_holders``)."""
        return self._db.execute("SELECT count(*) FROM holder_search").fetchone()[0]

    def replace_contents(self, source: Store) -> None:
        """Overwrite this database, page by page, with ``source`` (a restore)."""
        source._db.conn.backup(self._db.conn)

    def interrupt(self) -> None:
        """Abort the statement running on this store's connection, from another thread;
        it fails with :class:`~app.domain.errors.Interrupted`."""
        self._db.conn.interrupt()

    def backup_to(self, destination: Path) -> None:
        """Online copy through SQLite's backup API (consistent while others write)."""
        target = sqlite3.connect(str(destination))
        try:
            self._db.conn.backup(target)
        finally:
            target.close()


def _backup_before_migrations(
    db: sqlite_utils.Database, path: Path, folder: Path, pending: list[str]
) -> None:
    """Copy an existing database into its backups folder before its schema changes."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M%S")
    target = folder / f"{path.stem}-{stamp}-before-{pending[0]}.sqlite"
    folder.mkdir(parents=True, exist_ok=True)
    copy = sqlite3.connect(str(target))
    try:
        db.conn.backup(copy)
    finally:
        copy.close()
    log.info("backed up %s to %s before migrating to %s", path, target, pending[-1])


_REINDEX_SQL = """
INSERT INTO holder_search (rowid, names, numbers)
SELECT h.id,
       fold(h.surname || ' ' || h.given_names),
       coalesce(h.national_number, '') || ' ' ||
       coalesce((SELECT group_concat(p.card_number, ' ') FROM permits p
                 WHERE p.holder_id = h.id), '')
FROM holders h {where}
"""


def _insert_many(cursor: sqlite3.Cursor, table: str, records: list[dict[str, Any]]) -> None:
    columns = list(records[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
    cursor.executemany(sql, [[record[c] for c in columns] for record in records])


def fts_match(query: HolderQuery) -> str:
    """The FTS5 ``MATCH`` text for ``query``: each word a quoted prefix (so nothing the
    clerk typed is FTS syntax), a number a prefix of the ``numbers`` column."""
    if query.number is not None:
        return f'numbers:"{query.number}"*'
    return " ".join(f'"{word}"*' for word in query.words)
