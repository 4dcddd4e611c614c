"""The store: the only code that speaks SQL, behind methods that speak domain objects.

Communes with many counters will later share a PostgreSQL server; keeping every query
here is what makes that a change of one package.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.domain.errors import (
    Conflict,
    DatabaseTooOld,
    DatabaseUnreadable,
    Interrupted,
    NotFound,
)
from app.domain.json_text import JsonRefused, read_json
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
from app.domain.search import HolderQuery, SearchHit
from app.store import audit, importing, rows
from app.store import search as holder_search
from app.store.base import StoreBase
from app.store.connection import connect, connect_readonly, translate_error
from app.store.migrations import known_names, pending_names, upgrade

log = logging.getLogger(__name__)

#: Pages copied per step of a backup (4 MiB at 4 KiB pages): few enough calls not to cost,
#: enough of them for a progress bar.
BACKUP_STEP_PAGES = 1024
#: Rows ``ANALYZE`` samples per index (``PRAGMA analysis_limit``).
ANALYSIS_LIMIT = 1_000
#: Rows sent to the database per ``executemany`` in bulk writes.
BULK_CHUNK = 5_000


def now_text() -> str:
    """Timestamp for ``created_at`` columns (UTC, ISO 8601)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class Store(StoreBase):
    """One open database file, spoken to in domain objects."""

    @classmethod
    def open(
        cls, path: Path | str, *, backups: Path, key: bytes, adopt_public_chain: bool = False
    ) -> Store:
        """Open or create the file and bring its schema up to date; an existing file is
        copied into ``backups`` before a migration changes it. ``key`` keys the audit
        chain; ``adopt_public_chain`` (the key was just created) keys a chain written
        before keying (:func:`app.store.audit.adopt_public_chain`)."""
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
        store = cls(db, path, backups, key)
        if ran:
            store.analyze()
        if adopt_public_chain or "0003_audit_chain" in ran:
            audit.adopt_public_chain(store, now_text())
        return store

    @classmethod
    def open_existing(cls, path: Path | str, *, backups: Path, key: bytes) -> Store:
        """Open an existing file read-only and as it is, for ``check`` and the checks of
        backups and restores: never migrated, never created. Refused, with the reason, when
        it is empty, not SQLite, without PermitDesk's schema, or of another schema version
        (:class:`DatabaseTooNew`, :class:`DatabaseTooOld`)."""
        path = Path(path)
        db = connect_readonly(path)
        try:
            try:
                pending = pending_names(db)
            except sqlite3.DatabaseError as error:
                raise translate_error(error, path) from error
            if pending == known_names():
                raise DatabaseUnreadable(
                    f"{path} is an SQLite file but not a PermitDesk database "
                    "(it has none of PermitDesk's tables)"
                )
            if pending:
                raise DatabaseTooOld(
                    f"{path} has an older schema than this version of PermitDesk "
                    f"(it lacks {', '.join(pending)}); it is not changed by a check: "
                    "open it with this version (which backs it up, then migrates it) or "
                    "restore it"
                )
        except BaseException:
            db.close()
            raise
        return cls(db, path, backups, key)

    # -- settings -------------------------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        if row is None:
            return default
        try:
            return read_json(row["value"], f"the setting {key!r} in {self.path}")
        except JsonRefused as error:
            raise DatabaseUnreadable(f"{error}: it was written around PermitDesk") from None

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
        """Bulk insert for the demo: one transaction, rows streamed to the database in
        chunks (never all of them in memory), the search index filled once at the end."""
        now = now_text()
        count = 0
        with self.transaction():
            next_id = (self._one("SELECT coalesce(max(id), 0) AS m FROM holders") or {})["m"]
            first_id = next_id + 1
            holder_rows: list[dict[str, Any]] = []
            permit_rows: list[dict[str, Any]] = []
            for holder, permit in pairs:
                next_id += 1
                holder.id = permit.holder_id = next_id
                holder_rows.append(
                    {**rows.holder_to_row(holder, now), "id": next_id, "created_at": now}
                )
                permit_rows.append(rows.permit_to_row(permit))
                count += 1
                if len(holder_rows) == BULK_CHUNK:
                    self._insert_many("holders", holder_rows)
                    self._insert_many("permits", permit_rows)
                    holder_rows, permit_rows = [], []
            if holder_rows:
                self._insert_many("holders", holder_rows)
                self._insert_many("permits", permit_rows)
            if count:
                self._db.execute(_REINDEX_SQL.format(where="WHERE h.id >= ?"), [first_id])
        return count

    def import_holders(
        self,
        pairs: Sequence[tuple[Holder, Permit]],
        fields: tuple[frozenset[str], frozenset[str]],
        user: str,
        summary: dict[str, Any],
    ) -> importing.ImportWrite:
        """A validated CSV import in one transaction (``app.store.importing``), audited
        with its counts and ``summary``; statistics refreshed after it."""
        with self.transaction():
            written = importing.write_import(
                self,
                pairs,
                fields,
                at=now_text(),
                user=user,
                reindex_sql=_REINDEX_SQL,
                check=self._raise_if_interrupted,
            )
            self._raise_if_interrupted()
            audit.append(
                self,
                now_text(),
                user,
                "import",
                "holders",
                None,
                {"inserted": written.inserted, "updated": written.updated, **summary},
            )
        self.analyze()
        return written

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

    def search_holders(self, query: HolderQuery, limit: int = 50) -> list[SearchHit]:
        """Holders matching ``query`` sorted by name, each with their latest card and
        expiry (``app.store.search``)."""
        return holder_search.search_holders(self, query, limit)

    def holder_hits(self, holder_ids: list[int]) -> list[SearchHit]:
        """These holders as search results, sorted by name."""
        return holder_search.hits(self, holder_ids)

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

    def reseal_audit(self, user: str, action: str, entity: str, **detail: Any) -> None:
        """Append a row from which the audit head starts again, whatever it said (after a
        restore): the row says why (``detail``), so the break stays on the record."""
        with self.transaction():
            audit.append(self, now_text(), user, action, entity, None, detail, reseal=True)

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

    #: Set by :meth:`interrupt`: a store that served a cancelled operation stays cancelled.
    interrupted = False

    def interrupt(self) -> None:
        """Abort the statement running on this store's connection, from another thread;
        it fails with :class:`~app.domain.errors.Interrupted`. Long writes also stop at
        their next batch, where SQLite would not notice (between two statements)."""
        self.interrupted = True
        self._db.conn.interrupt()

    def _raise_if_interrupted(self) -> None:
        if self.interrupted:
            raise Interrupted("the operation was cancelled; nothing was written")

    def analyze(self) -> None:
        """Gather the query planner's statistics (``ANALYZE``) after a bulk change: a
        migration, an import, a demo. ``analysis_limit`` samples each index, so that it
        takes a fraction of a second at a million holders."""
        self._db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        self._db.execute("ANALYZE")

    def close(self) -> None:
        """Close the file, first refreshing the statistics SQLite finds stale (``PRAGMA
        optimize``, usually nothing); a file that cannot be written is closed as it is."""
        try:
            self._db.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
            self._db.execute("PRAGMA optimize")
        except sqlite3.Error as error:
            log.info("statistics not refreshed on close: %s", error)
        super().close()

    def backup_to(
        self, destination: Path, progress: Callable[[int, int], None] | None = None
    ) -> None:
        """Online copy through SQLite's backup API (consistent while others write), in
        steps of ``BACKUP_STEP_PAGES`` as the ``sqlite3`` shell's ``.backup`` does;
        ``progress(done, total)`` after each step."""
        target = sqlite3.connect(str(destination))
        try:
            report = (lambda _s, left, total: progress(total - left, total)) if progress else None
            self._db.conn.backup(target, pages=BACKUP_STEP_PAGES, progress=report)
        except sqlite3.DatabaseError as error:
            raise translate_error(error, destination) from error
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
       h.name_key,
       coalesce(h.national_number, '') || ' ' ||
       coalesce((SELECT group_concat(p.card_number, ' ') FROM permits p
                 WHERE p.holder_id = h.id), '')
FROM holders h {where}
"""
