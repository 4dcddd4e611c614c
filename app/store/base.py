"""What every store stands on, whichever database holds it: transactions, raw queries.

:class:`StoreBase` keeps what both backends share (the transaction's hooks, rows as
dicts, inserts and updates from dicts); a backend supplies five primitives: run one
statement (:meth:`StoreBase._execute`, with ``?`` placeholders, as the shared SQL is
written), run one statement for many rows, insert a row and return its id, say whether a
transaction is open, and open the outermost write transaction. :class:`app.store.store.Store`
adds the domain's methods on top. Only code in ``app.store`` uses the underscored members.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, Self


def now_text() -> str:
    """Timestamp for ``created_at`` columns (UTC, ISO 8601)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def quoted(columns: Iterable[str]) -> str:
    """Column names for SQL, each quoted: some are reserved words (``case``, ``user``)."""
    return ", ".join(f'"{column}"' for column in columns)


class Cursor(Protocol):
    """The part of a DB-API cursor the store reads."""

    @property
    def description(self) -> Sequence[Sequence[Any]] | None: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ...) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class StoreBase(ABC):
    """One open database: a file of its own (SQLite) or a register on a server."""

    def __init__(self, location: str, backups: Path, key: bytes) -> None:
        #: Where the data is, for people: the file's path, or the server and database.
        self.location = location
        #: The folder of this database's backups and of the audit chain's head, chosen by
        #: whoever opens the store (``app.paths.backups_dir``): the store looks up nothing.
        self.backups = backups
        #: The installation's secret that keys the audit chain and seals its head and the
        #: accounts' digests (``app.store.audit``); handed over by whoever opens the store.
        self.key = key
        #: This workstation's counter name, recorded in the audit rows it writes; handed
        #: over by whoever opens the store (``app.store.open_store``), empty for none.
        self.counter = ""
        self._before_commit: dict[str, Callable[[], None]] = {}
        self._after_commit: list[Callable[[], None]] = []

    # -- what a backend supplies ----------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> Cursor:
        """Run one statement written with ``?`` (or ``:name``) placeholders; the backend's
        errors come out as the domain's (``app.domain.errors``)."""

    @abstractmethod
    def _errors_translated(self) -> contextlib.AbstractContextManager[None]:
        """Within it, the backend's errors come out as the domain's (a read interrupted or
        a connection lost while rows are fetched, too)."""

    @abstractmethod
    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement once per row, prepared once."""

    @abstractmethod
    def _insert(self, table: str, record: dict[str, Any]) -> int:
        """Insert one row into ``table``; its new id."""

    @abstractmethod
    def _append_audit(
        self,
        at: str,
        user: str,
        action: str,
        entity: str,
        entity_id: int | None,
        detail: dict[str, Any],
    ) -> None:
        """Add one row to the end of the audit chain, inside the open transaction."""

    @abstractmethod
    def _reindex_holders(self, holder_ids: list[int], *, new: bool) -> None:
        """Bring the search index of these holders up to date; ``new`` holders were never
        indexed and have consecutive ids (a bulk write's)."""

    @abstractmethod
    def _among(self, column: str, values: list[Any]) -> tuple[str, Any]:
        """A condition "``column`` is one of ``values``" with one placeholder, and the
        parameter for it (one parameter whatever the number of values)."""

    @abstractmethod
    def _new_ids(self, table: str, count: int) -> list[int]:
        """Ids for ``count`` rows about to be inserted into ``table`` in this transaction."""

    @property
    @abstractmethod
    def _in_transaction(self) -> bool: ...

    @abstractmethod
    def _write_transaction(self) -> contextlib.AbstractContextManager[None]:
        """The backend's write transaction: outermost, it begins and commits (or rolls
        back on an exception); nested, a savepoint."""

    @abstractmethod
    def close(self) -> None: ...

    # -- shared ---------------------------------------------------------------------------

    def _insert_many(self, table: str, records: list[dict[str, Any]]) -> None:
        """Insert ``records`` (dicts with the same keys) through one prepared statement."""
        columns = list(records[0])
        placeholders = ", ".join("?" for _ in columns)
        sql = f"INSERT INTO {table} ({quoted(columns)}) VALUES ({placeholders})"
        self._executemany(sql, ([record[c] for c in columns] for record in records))

    def _update(self, table: str, row_id: int, record: dict[str, Any]) -> None:
        """Set the columns of ``record`` on the row of ``table`` with this id."""
        assignments = ", ".join(f'"{column}" = ?' for column in record)
        self._execute(f"UPDATE {table} SET {assignments} WHERE id = ?", [*record.values(), row_id])

    def before_commit(self, name: str, hook: Callable[[], None]) -> None:
        """Run ``hook`` inside the outermost transaction, just before it commits (once per
        ``name``); when it raises, the transaction rolls back and the error propagates."""
        assert self._in_transaction, "before_commit needs an open transaction"
        self._before_commit.setdefault(name, hook)

    def after_commit(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` once the outermost transaction has committed (never on rollback)."""
        if self._in_transaction:
            self._after_commit.append(hook)
        else:
            hook()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Self]:
        """One write transaction; nested calls become savepoints."""
        outermost = not self._in_transaction
        committed = False
        try:
            with self._write_transaction():
                yield self
                while outermost and self._before_commit:
                    _, hook = self._before_commit.popitem()
                    hook()
            committed = True
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
        """The rows of a query as dicts."""
        with self._errors_translated():
            cursor = self._execute(sql, list(params))
            found = cursor.fetchall() if limit is None else cursor.fetchmany(limit)
        names = [c[0] for c in cursor.description or ()]
        return [dict(zip(names, row, strict=True)) for row in found]
