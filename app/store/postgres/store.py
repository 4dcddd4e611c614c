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
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import pq
from psycopg_pool import ConnectionPool, PoolTimeout

from app.domain.accounts import Account, LockoutPolicy, Role
from app.domain.errors import AuthError, ServerUnreachable
from app.domain.passwords import ScryptParams, derive_key, hash_password, needs_rehash
from app.domain.search import HolderQuery, SearchHit
from app.store import accounts
from app.store import search as holder_search
from app.store.base import quoted
from app.store.postgres import migrations
from app.store.postgres import search as server_search
from app.store.postgres.connection import (
    CONNECT_TIMEOUT_SECONDS,
    call,
    connect,
    describe,
    json_text,
    open_pool,
    placeholders,
    translate_error,
)
from app.store.postgres.link import ServerLink
from app.store.postgres.register import ServerRegister
from app.store.register import Register
from app.store.store import Store, now_text

log = logging.getLogger(__name__)

#: The longest a window waits for a connection from the pool while its link still hears
#: the server (one is made in milliseconds on a network that works).
TAKE_WAIT_SECONDS = 1.0
#: What the server's refusals of a sign-in say (``sign_in``'s outcome).
_REFUSALS = {
    "invalid": "unknown name or wrong password",
    "disabled": "this account is disabled; ask an administrator",
}
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

    def __init__(
        self,
        conn: psycopg.Connection,
        target: str,
        backups: Path,
        pool: ConnectionPool | None = None,
    ) -> None:
        super().__init__(describe(target), backups, b"")
        self._conn = conn
        self._target = target
        #: Write transactions open on this store (nested ones included): a connection lost
        #: inside one is never replaced under it (``_reconnect``).
        self._transactions_open = 0
        #: psycopg's pool, opened when first needed (a broken connection's replacement,
        #: a worker thread's store) and shared with the stores made for other threads.
        self._pool_of_connections = pool
        self._owns_pool = pool is None
        self._pooled = pool is not None  # whether ``_conn`` goes back to the pool
        #: The watch on the server for a counter's window, begun by the first
        #: :meth:`changes_elsewhere` (``app.store.postgres.link``); a command has none.
        self._link: ServerLink | None = None
        self._losses_seen = 0  # the link's losses when this connection was taken
        self._closed = False
        #: The token of the server's session for the account signed in here (:meth:`sign_in`):
        #: held in memory only, passed to the functions that check who may act.
        self._session: str | None = None

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
        replaced, outside any transaction only: the failed action was rolled back whole
        by the server, the next one starts afresh. With a window's link, a connection
        older than the link's latest loss of the server is replaced before it is used (it
        died with the server), and a server the link cannot reach is said at once
        (``ServerUnreachable``), nothing waiting on the network; the replacement comes
        from the pool, made on its threads."""
        if self._closed:
            raise ServerUnreachable(f"the connection to {self.location} was closed")
        if self._transactions_open:
            return
        stale = self._link is not None and self._losses_seen != self._link.losses
        if not (self._conn.broken or stale):
            return
        if self._link is not None and self._link.unreachable:
            raise ServerUnreachable(
                f"the server of {self.location} does not answer; PermitDesk connects again "
                "by itself, nothing was written"
            )
        log.info("connection to %s lost; taking a new one", self.location)
        losses = self._link.losses if self._link is not None else 0
        replacement = self._take_connection()
        self._give_back(self._conn)
        self._conn, self._pooled, self._losses_seen = replacement, True, losses

    def _pool(self) -> ConnectionPool:
        if self._pool_of_connections is None:
            self._pool_of_connections = open_pool(self._target, self.counter)
        return self._pool_of_connections

    def _take_connection(self) -> psycopg.Connection:
        """From the pool; a window (with its link) waits a moment only, a command as long
        as a connection may take."""
        wait = TAKE_WAIT_SECONDS if self._link is not None else CONNECT_TIMEOUT_SECONDS
        try:
            return self._pool().getconn(timeout=wait)
        except PoolTimeout as error:
            raise ServerUnreachable(
                f"the server of {self.location} does not answer; nothing was written; "
                "check the network, or ask IT whether the server is running"
            ) from error

    def _give_back(self, conn: psycopg.Connection) -> None:
        """A connection this store is done with: back to the pool it came from (which
        drops a broken one), or closed."""
        if self._pooled and self._pool_of_connections is not None:
            self._pool_of_connections.putconn(conn)
        else:
            conn.close()

    def for_another_thread(self) -> PostgresStore:
        """A store of its own for a worker thread, on a connection from the pool (ready,
        checked): no new connection, no migration run again."""
        other = PostgresStore(self._take_connection(), self._target, self.backups, self._pool())
        other.counter, other._session = self.counter, self._session  # the same clerk
        return other

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
        if self._link is not None:
            self._link.close()
        self._give_back(self._conn)
        self._closed = True
        if self._owns_pool and self._pool_of_connections is not None:
            self._pool_of_connections.close()

    def integrity_problems(self) -> list[str]:
        """What the server finds wrong in its own keeping: audit rows whose link or keyed
        hash does not follow, the chain against its head, guard triggers disabled
        (``audit_chain_problems()``, migration 0003). Empty when sound."""
        return [row[0] for row in self._execute("SELECT * FROM audit_chain_problems()")]

    def changes_elsewhere(self, wait: float = 0.0) -> set[str]:
        """The tables that other connections' committed transactions changed since the
        last call (the server's notifications, migration 0008; this store's own are left
        out), waiting up to ``wait`` seconds for one. The first call begins the link's
        watch (:class:`ServerLink`); none waits on the network or raises."""
        if self._link is None:
            self._link = ServerLink(self._target)
            self._link.start()
            self._losses_seen = self._link.losses
        own = self._conn.info.backend_pid if not self._conn.closed else None
        return {table for table, pid in self._link.changes(wait) if pid != own}

    def server_answers(self) -> bool:
        """Whether the server answered the link's latest question (a command, with no
        link, learns it from its next statement)."""
        return self._link is None or self._link.answering

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

    # -- accounts and settings: through the server's functions, which check the session ---

    def sign_in(
        self, name: str, password: str, now: datetime, policy: LockoutPolicy, params: ScryptParams
    ) -> Account:
        """The server checks the key derived here from the password and the salt it tells
        (``password_salt``, ``sign_in``: migration 0012), applies its lock-out on its own
        clock with its own settings (``now`` and ``policy`` are the file's), audits, and
        gives a session, kept on this store only, for the account and settings functions.
        The session it replaces ends."""
        public = call(self, "password_salt(?)", [name])
        key = derive_key(password, public)
        row = self._execute("SELECT * FROM sign_in(?, ?, ?)", [name, key, now_text()]).fetchone()
        assert row is not None, "sign_in answers one row"
        outcome, token, account_id = row
        if outcome != "ok":
            raise AuthError(outcome, _REFUSALS[outcome])
        self.sign_out()
        self._session = token
        if needs_rehash(f"{public}$", params):
            self._set_password(account_id, hash_password(password, params), name, rehash=True)
        return accounts.get_by_id(self, account_id)

    def sign_out(self) -> None:
        if self._session is not None:
            call(self, "sign_out(?)", [self._session])
            self._session = None

    def create_account(
        self, name: str, role: Role, password_hash: str, by: str, detail: dict[str, Any]
    ) -> Account:
        with self.transaction():
            account_id = call(
                self,
                "create_account(?, ?, ?, ?, ?, ?, ?::jsonb)",
                [
                    self._session,
                    name,
                    Role(role).value,
                    password_hash,
                    by,
                    now_text(),
                    json_text(detail),
                ],
            )
            return accounts.get_by_id(self, account_id)

    def set_account_role(
        self, account_id: int, role: Role, by: str, detail: dict[str, Any]
    ) -> None:
        call(
            self,
            "set_account_role(?, ?, ?, ?, ?, ?::jsonb)",
            [self._session, account_id, Role(role).value, by, now_text(), json_text(detail)],
        )

    def set_account_disabled(self, account_id: int, disabled: bool, by: str) -> None:
        call(
            self,
            "set_account_disabled(?, ?, ?, ?, ?, ?::jsonb)",
            [self._session, account_id, disabled, by, now_text(), "{}"],
        )

    def set_account_password(self, account_id: int, password_hash: str, by: str) -> None:
        self._set_password(account_id, password_hash, by, rehash=False)

    def _set_password(self, account_id: int, password_hash: str, by: str, *, rehash: bool) -> None:
        """The server audits every change of hash, a rehash at sign-in included."""
        call(
            self,
            "set_account_password(?, ?, ?, ?, ?, ?::jsonb)",
            [
                self._session,
                account_id,
                password_hash,
                by,
                now_text(),
                json_text({"rehash": True} if rehash else {}),
            ],
        )

    def set_setting(self, key: str, value: Any) -> None:
        """Through ``write_setting``, which checks the session's role (migration 0012)."""
        call(
            self,
            "write_setting(?, ?, ?)",
            [self._session, key, json.dumps(value, ensure_ascii=False)],
        )

    def set_asset(self, name: str, data: bytes) -> None:
        call(self, "write_asset(?, ?, ?)", [self._session, name, data])

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
