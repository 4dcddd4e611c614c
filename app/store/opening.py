"""Which store a target names: a file (SQLite, the one-counter default) or a register on
a PostgreSQL server (``postgresql://…``, or libpq ``key=value`` words such as
``service=permitdesk``). The password is never part of PermitDesk's settings: libpq reads
it from the user's ``.pgpass`` or service file."""

from __future__ import annotations

from pathlib import Path

from app.store.sqlite import SqliteStore
from app.store.store import Store

_SERVER_PREFIXES = ("postgresql://", "postgres://")
#: libpq connection words that can open a ``key=value`` target (``host=… dbname=…``).
_CONNINFO_KEYS = frozenset(
    {"host", "hostaddr", "port", "dbname", "user", "service", "sslmode", "connect_timeout"}
)


def is_server_target(target: str | Path) -> bool:
    """Whether ``target`` names a PostgreSQL register rather than a file."""
    text = str(target).strip()
    first_key = text.split("=", 1)[0] if "=" in text.split(" ", 1)[0] else ""
    return text.startswith(_SERVER_PREFIXES) or first_key in _CONNINFO_KEYS


def open_store(
    target: str | Path,
    *,
    backups: Path,
    key: bytes,
    adopt_public_chain: bool = False,
    counter: str = "",
) -> Store:
    """Open (creating or migrating as needed) the register ``target`` names; ``counter``
    is the workstation's name its audit rows record."""
    store: Store
    if is_server_target(target):
        # psycopg is loaded only for a server: a counter on a file never pays for it.
        from app.store.postgres.store import PostgresStore

        store = PostgresStore.open(str(target), backups=backups, counter=counter)
    else:
        store = SqliteStore.open(
            Path(target), backups=backups, key=key, adopt_public_chain=adopt_public_chain
        )
        store.counter = counter
    return store
