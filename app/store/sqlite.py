"""The SQLite store: a commune's register in one file, for a one-counter commune.

The file's own ways live here: opening and migrating it (``app.store.migrations``), the
FTS5 search index, the audit chain keyed and its head sealed beside the file
(``app.store.audit``), SQLite's integrity check, its online backup, ``ANALYZE``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from app.domain.accounts import Account, LockoutPolicy
from app.domain.errors import (
    Conflict,
    DatabaseTooOld,
    DatabaseUnreadable,
    FileOnly,
)
from app.domain.passwords import ScryptParams
from app.domain.search import HolderQuery, SearchHit
from app.store import audit, chain_checks, signing_in
from app.store import search as holder_search
from app.store.base import now_text, quoted
from app.store.connection import connect, connect_readonly, immediate, translate_error
from app.store.migrations import known_names, pending_names, upgrade
from app.store.register import Register
from app.store.store import Store

log = logging.getLogger(__name__)

#: Pages copied per step of a backup (4 MiB at 4 KiB pages): few enough calls not to cost,
#: enough of them for a progress bar.
BACKUP_STEP_PAGES = 1024
#: Rows ``ANALYZE`` samples per index (``PRAGMA analysis_limit``).
ANALYSIS_LIMIT = 1_000


def file_store(store: Store, operation: str) -> SqliteStore:
    """``store`` as the database file that ``operation`` works on; :class:`FileOnly`, with
    what to do instead, for a register on a server."""
    if not isinstance(store, SqliteStore):
        raise FileOnly.of(operation, store.location)
    return store


class SqliteStore(Store):
    """One open database file, spoken to in domain objects."""

    def __init__(self, db: sqlite_utils.Database, path: Path, backups: Path, key: bytes) -> None:
        super().__init__(str(path), backups, key)
        self._db = db
        self.path = path

    # -- the SQLite primitives (app.store.base) -------------------------------------------

    @contextlib.contextmanager
    def _errors_translated(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.IntegrityError as error:
            raise Conflict(str(error)) from error
        except sqlite3.OperationalError as error:
            raise translate_error(error, self.path) from error

    def _execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        with self._errors_translated():
            return self._db.execute(sql, params if isinstance(params, dict) else list(params))

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self._errors_translated():
            self._db.conn.executemany(sql, rows)

    def _insert(self, table: str, record: dict[str, Any]) -> int:
        columns = quoted(record)
        placeholders = ", ".join("?" for _ in record)
        cursor = self._execute(
            f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", list(record.values())
        )
        assert cursor.lastrowid is not None, f"{table} has an integer primary key"
        return cursor.lastrowid

    @property
    def _in_transaction(self) -> bool:
        return self._db.conn.in_transaction

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        """``BEGIN IMMEDIATE`` (``app.store.connection.immediate``), SQLite's errors as
        the domain's."""
        with self._errors_translated(), immediate(self._db):
            yield

    @classmethod
    def open(
        cls, path: Path | str, *, backups: Path, key: bytes, adopt_public_chain: bool = False
    ) -> SqliteStore:
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
    def open_existing(cls, path: Path | str, *, backups: Path, key: bytes) -> SqliteStore:
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

    # -- the file's own ways: bulk writes, the full-text index, search --------------------

    def _reindex_holders(self, holder_ids: list[int], *, new: bool) -> None:
        params: list[Any]
        if new:  # consecutive ids, never indexed
            where, params = "h.id BETWEEN ? AND ?", [holder_ids[0], holder_ids[-1]]
        else:
            where, params = self._among("h.id", holder_ids)[0], [json.dumps(holder_ids)]
            self._execute(
                f"DELETE FROM holder_search WHERE {where.replace('h.id', 'rowid')}", params
            )
        self._execute(_REINDEX_SQL.format(where=f"WHERE {where}"), params)

    def _among(self, column: str, values: list[Any]) -> tuple[str, Any]:
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(values)

    def _new_ids(self, table: str, count: int) -> list[int]:
        """The next ids after the table's largest (the write lock is held)."""
        row = self._one(f"SELECT coalesce(max(id), 0) AS top FROM {table}")
        top = row["top"] if row else 0
        return list(range(top + 1, top + 1 + count))

    def search_holders(self, query: HolderQuery, limit: int = 50) -> list[SearchHit]:
        """Holders matching ``query`` sorted by name, each with their latest card and
        expiry (``app.store.search``)."""
        return holder_search.search_holders(self, query, limit)

    def holder_hits(self, holder_ids: list[int]) -> list[SearchHit]:
        """These holders as search results, sorted by name."""
        return holder_search.hits(self, holder_ids)

    # -- the audit chain, keyed here and sealed beside the file (app.store.audit) --------

    def _append_audit(
        self,
        at: str,
        user: str,
        action: str,
        entity: str,
        entity_id: int | None,
        detail: dict[str, Any],
    ) -> None:
        if self.counter:
            detail = {**detail, "counter": self.counter}
        audit.append(self, at, user, action, entity, entity_id, detail)

    def register(self) -> Register:
        return Register(self)

    def sign_in(
        self, name: str, password: str, now: datetime, policy: LockoutPolicy, params: ScryptParams
    ) -> Account:
        """Checked here, against the account's hash (``app.store.signing_in``)."""
        return signing_in.sign_in(
            self, name, password, now, policy, params, sealed=self.account_is_sealed
        )

    def account_is_sealed(self, account_id: int) -> bool:
        """Against the keyed seal its last audit row carries (``app.store.chain_checks``):
        whoever holds the file could have changed the row."""
        return chain_checks.account_is_sealed(self, account_id)

    def for_another_thread(self) -> SqliteStore:
        """A connection of its own to the same file (SQLite's belongs to its thread)."""
        return SqliteStore.open(self.path, backups=self.backups, key=self.key)

    def setting_is_sealed(self, key: str) -> bool:
        return chain_checks.setting_is_sealed(self, key)

    def reseal_audit(self, user: str, action: str, entity: str, **detail: Any) -> None:
        """Append a row from which the audit head starts again, whatever it said (after a
        restore): the row says why (``detail``), so the break stays on the record."""
        with self.transaction():
            audit.append(self, now_text(), user, action, entity, None, detail, reseal=True)

    # -- maintenance ----------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
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

    def replace_contents(self, source: SqliteStore) -> None:
        """Overwrite this database, page by page, with ``source`` (a restore)."""
        source._db.conn.backup(self._db.conn)

    def interrupt(self) -> None:
        """Abort the statement running on this store's connection, from another thread;
        it fails with :class:`~app.domain.errors.Interrupted`. Long writes also stop at
        their next batch, where SQLite would not notice (between two statements)."""
        self.interrupted = True
        self._db.conn.interrupt()

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
        self._db.close()

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
