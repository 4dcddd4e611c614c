"""The connection under every store: one SQLite file, its transactions and raw queries.

:class:`StoreBase` is what the store's own modules (the audit chain, the register's
queries) build on; :class:`app.store.store.Store` adds the domain's methods. Only code in
``app.store`` uses the underscored members.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Self

import sqlite_utils

from app.domain.errors import Conflict
from app.store.connection import immediate, translate_error


class StoreBase:
    """One open database file."""

    def __init__(self, db: sqlite_utils.Database, path: Path, backups: Path, key: bytes) -> None:
        self._db = db
        self.path = path
        #: The folder of this database's backups and of the audit chain's head, chosen by
        #: whoever opens the store (``app.paths.backups_dir``): the store looks up nothing.
        self.backups = backups
        #: The installation's secret that keys the audit chain and seals its head and the
        #: accounts' digests (``app.store.audit``); handed over by whoever opens the store.
        self.key = key
        self._before_commit: dict[str, Callable[[], None]] = {}
        self._after_commit: list[Callable[[], None]] = []

    def _insert(self, table: str, record: dict[str, Any]) -> int:
        """Insert one row into ``table``; its new id."""
        row_id = self._db.table(table).insert(record).last_pk
        assert isinstance(row_id, int), f"{table} has an integer primary key"
        return row_id

    def before_commit(self, name: str, hook: Callable[[], None]) -> None:
        """Run ``hook`` inside the outermost transaction, just before it commits (once per
        ``name``); when it raises, the transaction rolls back and the error propagates."""
        assert self._db.conn.in_transaction, "before_commit needs an open transaction"
        self._before_commit.setdefault(name, hook)

    def _insert_many(self, table: str, records: list[dict[str, Any]]) -> None:
        """Insert ``records`` (dicts with the same keys) through one prepared statement."""
        columns = list(records[0])
        placeholders = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
        self._db.conn.executemany(sql, ([record[c] for c in columns] for record in records))

    def after_commit(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` once the outermost transaction has committed (never on rollback)."""
        if self._db.conn.in_transaction:
            self._after_commit.append(hook)
        else:
            hook()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Self]:
        """One write transaction (``BEGIN IMMEDIATE``); nested calls become savepoints."""
        outermost = not self._db.conn.in_transaction
        committed = False
        try:
            with immediate(self._db):
                yield self
                while outermost and self._before_commit:
                    _, hook = self._before_commit.popitem()
                    hook()
            committed = True
        except sqlite3.IntegrityError as error:
            raise Conflict(str(error)) from error
        except sqlite3.OperationalError as error:
            raise translate_error(error, self.path) from error
        finally:
            if outermost:
                self._before_commit.clear()
                hooks, self._after_commit = self._after_commit, []
                for hook in hooks if committed else ():
                    hook()

    def _one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        rows = self._all(sql, params, limit=1)
        return rows[0] if rows else None

    def _all(
        self, sql: str, params: Iterable[Any] = (), limit: int | None = None
    ) -> list[dict[str, Any]]:
        """The rows of a query as dicts; an interrupted or locked read raises the domain's
        error, as a write would."""
        try:
            cursor = self._db.execute(sql, list(params))
            found = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
        except sqlite3.OperationalError as error:
            raise translate_error(error, self.path) from error
        names = [c[0] for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in found]
