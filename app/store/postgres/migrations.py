"""Ordered schema migrations of the PostgreSQL store: the SQL files in ``sql/``.

Each file is one migration, named by its stem (``0001_initial``), applied in the order of
the names and recorded in ``permitdesk.schema_migrations``. As on SQLite
(``app.store.migrations``), opening an older database applies what it lacks, and a database
that records a migration this version does not know was written by a newer PermitDesk and
is refused. Never edit a migration that has shipped: add the next file.

The files are package data (read with ``importlib.resources``), so the wheel and the
bundle carry them. They run as a role that is a member of ``permitdesk_owner`` (or a
superuser): 0001 creates the roles when the cluster lacks them, and every file then
switches to the owner (``SET LOCAL ROLE``), so the objects belong to it whoever migrates.
"""

from __future__ import annotations

from importlib.resources import files

import psycopg

from app.domain.errors import DatabaseTooNew

#: The advisory lock the migrations run under (any fixed number will do, as long as every
#: PermitDesk uses the same one): "PDMIGR" in ASCII.
MIGRATION_LOCK = 0x50444D494752

_SQL = files("app.store.postgres") / "sql"


def known_names() -> list[str]:
    """The migrations this version has, in the order they apply."""
    return sorted(
        entry.name.removesuffix(".sql") for entry in _SQL.iterdir() if entry.name.endswith(".sql")
    )


def _sql(name: str) -> str:
    return (_SQL / f"{name}.sql").read_text(encoding="utf-8")


def _applied(conn: psycopg.Connection) -> list[str]:
    """The migrations the database records; none before 0001 has made the table."""
    exists = conn.execute("SELECT to_regclass('permitdesk.schema_migrations')").fetchone()
    if exists is None or exists[0] is None:
        return []
    return [
        row[0]
        for row in conn.execute("SELECT name FROM permitdesk.schema_migrations ORDER BY name")
    ]


def _check_known(conn: psycopg.Connection) -> list[str]:
    """The applied migrations, refusing a database that has one this version does not know."""
    known = set(known_names())
    applied = _applied(conn)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise DatabaseTooNew(
            "this database was written by a newer version of PermitDesk "
            f"(it has {', '.join(unknown)}); install that version or newer to open it"
        )
    return applied


def pending_names(conn: psycopg.Connection) -> list[str]:
    """The migrations this version would apply (read only, so a counter's role may ask);
    raises :class:`DatabaseTooNew` like :func:`upgrade`."""
    applied = set(_check_known(conn))
    return [name for name in known_names() if name not in applied]


def schema_version(conn: psycopg.Connection) -> str | None:
    """The last migration applied; None for a database PermitDesk has not set up."""
    applied = _applied(conn)
    return applied[-1] if applied else None


def upgrade(conn: psycopg.Connection) -> list[str]:
    """Apply pending migrations; refuse a database from a newer version. Returns what ran.

    Call it with no transaction open on ``conn``. All pending files run in one transaction
    under the advisory lock, pending ones computed again inside it: two counters starting
    at once on a new or older database take turns, and the second finds nothing left to do.
    A failing file leaves the database as it was."""
    with conn.transaction():
        if not pending_names(conn):  # the usual case: no lock taken
            return []
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", [MIGRATION_LOCK])
        pending = pending_names(conn)
        # A migration may rebuild an index of every holder (0011: a minute at a million),
        # far beyond a counter's statement timeout; a counter waiting for the lock above
        # still gives up at it, and is told to try again.
        conn.execute("SET LOCAL statement_timeout = 0")
        for name in pending:
            # Without parameters psycopg sends the file as one simple query, so a file may
            # hold many statements.
            conn.execute(_sql(name).encode("utf-8"))
            conn.execute("INSERT INTO permitdesk.schema_migrations (name) VALUES (%s)", [name])
    return pending
