"""The PostgreSQL store: one register on a server that several counters share.

The domain's methods are :class:`app.store.store.Store`'s, over the same SQL; what the
server does its own way is here: the connection (``app.store.postgres.connection``), the
migrations (``app.store.postgres.migrations``), search through ``pg_trgm``
(``app.store.postgres.search``), and the register and the audit trail, which the server
guards: a counter's role appends audit rows (the server chains them with a key only it
reads) and takes register numbers, issues, extends and annuls only through the server's
functions (``app.store.postgres.register``).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import pq

from app.domain.accounts import Account, Role
from app.domain.errors import ServerUnreachable
from app.domain.search import HolderQuery, SearchHit
from app.store import accounts
from app.store import search as holder_search
from app.store.base import quoted
from app.store.postgres import migrations
from app.store.postgres import search as server_search
from app.store.postgres.connection import (
    call,
    connect,
    describe,
    json_text,
    placeholders,
    translate_error,
)
from app.store.postgres.register import ServerRegister
from app.store.register import Register
from app.store.store import Store, now_text

log = logging.getLogger(__name__)

#: The channel of the other counters' changes (migration 0008).
CHANGES_CHANNEL = "permitdesk_changes"
#: Seconds before listening again on a connection the network broke.
LISTEN_RETRY_SECONDS = 30.0
#: The holders' search numbers, refreshed from their permits (``_reindex_holder``).
_REINDEX_SQL = """
UPDATE holders h SET search_numbers = lower(coalesce(h.national_number, '') || ' ' ||
    coalesce((SELECT string_agg(p.card_number, ' ' ORDER BY p.id) FROM permits p
              WHERE p.holder_id = h.id), ''))
WHERE {where}
"""


class PostgresStore(Store):
    """One register on a PostgreSQL server, spoken to in domain objects."""

    permits_carry_suspension = True

    def __init__(self, conn: psycopg.Connection, target: str, backups: Path) -> None:
        super().__init__(describe(target), backups, b"")
        self._conn = conn
        self._target = target
        #: Write transactions open on this store (nested ones included): a connection lost
        #: inside one is never replaced under it (``_reconnect``).
        self._transactions_open = 0
        #: The connection that listens for the other counters' changes, opened on the first
        #: :meth:`changes_elsewhere`; when it breaks, tried again after a pause.
        self._listener: psycopg.Connection | None = None
        self._listen_again_at = 0.0

    @classmethod
    def open(cls, target: str, *, backups: Path, counter: str = "") -> PostgresStore:
        """Connect and bring the schema up to date (under the server's advisory lock, so
        that counters starting at once take turns; a newer schema is refused). No key: the
        server keeps the audit chain's own, which never leaves it. ``counter`` names the
        workstation in the audit rows the server writes for it."""
        conn = connect(target, counter)
        try:
            ran = migrations.upgrade(conn)
        except psycopg.Error as error:
            conn.close()
            raise translate_error(error, target) from error
        except BaseException:
            conn.close()
            raise
        store = cls(conn, target, backups)
        store.counter = counter
        if ran:
            store.analyze()
        return store

    # -- the server's primitives (app.store.base) -----------------------------------------

    @contextlib.contextmanager
    def _errors_translated(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as error:
            raise translate_error(error, self._target) from error

    def _reconnect(self) -> None:
        """A connection the network or the server broke (not one this store closed) is
        replaced by a new one, outside any transaction only: the failed action was rolled
        back whole by the server, the next one starts afresh. ``ServerUnreachable`` while
        the server is still away."""
        if self._conn.broken and not self._transactions_open:
            log.info("connection to %s lost; connecting again", self.location)
            self._conn = connect(self._target, self.counter)

    def _execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> psycopg.Cursor:
        self._reconnect()
        values = params if isinstance(params, dict) else list(params)
        with self._errors_translated():
            return self._conn.execute(placeholders(sql), values)

    def _executemany(self, sql: str, rows_: Iterable[Sequence[Any]]) -> None:
        with self._errors_translated(), self._conn.cursor() as cursor:
            cursor.executemany(placeholders(sql), rows_)

    def _insert_many(self, table: str, records: list[dict[str, Any]]) -> None:
        """Through ``COPY``: one statement for the whole batch, so that the server's
        statement triggers (the queue flags, the notice to the other counters) run once
        for it, not once a row as ``executemany`` would make them."""
        columns = list(records[0])
        sql = f"COPY {table} ({quoted(columns)}) FROM STDIN"
        with self._errors_translated(), self._conn.cursor() as cursor, cursor.copy(sql) as copy:
            for record in records:
                copy.write_row([record[column] for column in columns])

    def _insert(self, table: str, record: dict[str, Any]) -> int:
        marks = ", ".join("?" for _ in record)
        sql = f"INSERT INTO {table} ({quoted(record)}) VALUES ({marks}) RETURNING id"
        row = self._execute(sql, list(record.values())).fetchone()
        assert row is not None, "INSERT ... RETURNING gives the row"
        return int(row[0])

    @property
    def _in_transaction(self) -> bool:
        if self._conn.broken:  # its status is unknown: only this store's count tells
            return self._transactions_open > 0
        return self._conn.info.transaction_status != pq.TransactionStatus.IDLE

    @contextlib.contextmanager
    def _write_transaction(self) -> Iterator[None]:
        """psycopg's transaction block (a savepoint when nested); errors at commit come
        out as the domain's."""
        self._reconnect()
        self._transactions_open += 1
        try:
            with self._errors_translated(), self._conn.transaction():
                yield
        finally:
            self._transactions_open -= 1

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        self._conn.close()

    def integrity_problems(self) -> list[str]:
        """What the server finds wrong in its own keeping: audit rows whose link or keyed
        hash does not follow, the chain against its head, guard triggers disabled
        (``audit_chain_problems()``, migration 0003). Empty when sound."""
        return [row[0] for row in self._execute("SELECT * FROM audit_chain_problems()")]

    def changes_elsewhere(self) -> set[str]:
        """The tables that other connections' committed transactions changed since the
        last call (the server's notifications, migration 0008; this store's own are left
        out). Never waits on the network for long and never raises: a listener the
        network broke is opened again after :data:`LISTEN_RETRY_SECONDS`."""
        listener = self._listening()
        if listener is None:
            return set()
        own = self._conn.info.backend_pid if not self._conn.broken else None
        try:
            return {n.payload for n in listener.notifies(timeout=0) if n.pid != own}
        except psycopg.Error as error:
            log.info("no more notifications from %s: %s", self.location, error)
            listener.close()
            self._listener, self._listen_again_at = None, time.monotonic() + LISTEN_RETRY_SECONDS
            return set()

    def _listening(self) -> psycopg.Connection | None:
        if self._listener is not None and not self._listener.broken:
            return self._listener
        if time.monotonic() < self._listen_again_at:
            return None
        try:
            self._listener = connect(self._target)
            self._listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        except (ServerUnreachable, psycopg.Error) as error:
            log.info("cannot listen for changes on %s: %s", self.location, error)
            self._listener, self._listen_again_at = None, time.monotonic() + LISTEN_RETRY_SECONDS
        return self._listener

    # -- what the server does its own way --------------------------------------------------

    def _append_audit(
        self,
        at: str,
        user: str,
        action: str,
        entity: str,
        entity_id: int | None,
        detail: dict[str, Any],
    ) -> None:
        """The row's id, link and keyed hash are the server's (its trigger)."""
        self._execute(
            'INSERT INTO audit_log (at, "user", action, entity, entity_id, detail) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                at,
                user,
                action,
                entity,
                entity_id,
                json_text(detail),
            ],
        )

    def _reindex_holders(self, holder_ids: list[int], *, new: bool) -> None:
        self._execute(_REINDEX_SQL.format(where="h.id = ANY(?)"), [holder_ids])

    def _among(self, column: str, values: list[Any]) -> tuple[str, Any]:
        return f"{column} = ANY(?)", list(values)

    def _new_ids(self, table: str, count: int) -> list[int]:
        """Drawn from the table's identity, as its own inserts would."""
        found = self._execute(
            f"SELECT nextval(pg_get_serial_sequence('permitdesk.{table}', 'id')) "
            "FROM generate_series(1, ?)",
            [count],
        )
        return [row[0] for row in found.fetchall()]

    def search_holders(self, query: HolderQuery, limit: int = 50) -> list[SearchHit]:
        return server_search.search_holders(self, query, limit)

    def holder_hits(self, holder_ids: list[int]) -> list[SearchHit]:
        return holder_search.hits(self, holder_ids)

    # -- accounts: through the server's functions, which write the audit row ------------

    def create_account(
        self, name: str, role: Role, password_hash: str, by: str, detail: dict[str, Any]
    ) -> Account:
        with self.transaction():
            account_id = call(
                self,
                "create_account(?, ?, ?, ?, ?, ?::jsonb)",
                [name, Role(role).value, password_hash, by, now_text(), json_text(detail)],
            )
            return accounts.get_by_id(self, account_id)

    def set_account_role(
        self, account_id: int, role: Role, by: str, detail: dict[str, Any]
    ) -> None:
        call(
            self,
            "set_account_role(?, ?, ?, ?, ?::jsonb)",
            [account_id, Role(role).value, by, now_text(), json_text(detail)],
        )

    def set_account_disabled(self, account_id: int, disabled: bool, by: str) -> None:
        call(
            self,
            "set_account_disabled(?, ?, ?, ?, ?::jsonb)",
            [account_id, disabled, by, now_text(), "{}"],
        )

    def set_account_password(
        self, account_id: int, password_hash: str, by: str, *, audited: bool = True
    ) -> None:
        """The server audits every change of hash, a rehash at sign-in included."""
        call(
            self,
            "set_account_password(?, ?, ?, ?, ?::jsonb)",
            [
                account_id,
                password_hash,
                by,
                now_text(),
                json_text({} if audited else {"rehash": True}),
            ],
        )

    def record_login_failure(self, account_id: int, locked_until: datetime | None) -> None:
        until = locked_until.isoformat() if locked_until else None
        call(self, "record_login_failure(?, ?)", [account_id, until])

    def record_login_success(self, account_id: int) -> None:
        call(self, "record_login_success(?)", [account_id])

    def account_is_sealed(self, account_id: int) -> bool:
        """Always: on a server an account changes only through its functions, which write
        the audit row with it (a counter's role has no right on the table)."""
        return True

    def setting_is_sealed(self, key: str) -> bool:
        """Always: the settings are the server's to guard (its grants); the file's keyed
        seals have no key here (the server keeps its own)."""
        return True

    def register(self) -> Register:
        return ServerRegister(self)

    def analyze(self) -> None:
        """``ANALYZE`` of the schema's tables (the owner's right: a counter's role is
        told so by the server and goes on)."""
        try:
            self._conn.execute("ANALYZE")
        except psycopg.Error as error:
            log.info("statistics not refreshed: %s", error)

    def interrupt(self) -> None:
        """Cancel the statement running on this connection (from another thread)."""
        self.interrupted = True
        self._conn.cancel_safe()
