"""Throw-away PostgreSQL databases for the schema tests, on the test server
(``postgres_server``, ``tests/support/postgres.py``: a superuser's conninfo).

Each database is created empty (``pd_<random hex>``), migrated by
:func:`app.store.postgres.migrations.upgrade` unless a test wants to do that itself, and
dropped at teardown with whatever connections are left on it. The LOGIN roles a counter and
an administrator connect with belong to the cluster, not to the database: their names are
unique to the test run, and they are dropped after the databases.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from app.store.postgres import migrations


@dataclass
class Database:
    """One throw-away database and the connections opened on it."""

    conninfo: str
    name: str
    counter: str
    admin: str
    opened: list[psycopg.Connection] = field(default_factory=list)

    def connect(self, user: str | None = None, autocommit: bool = True) -> psycopg.Connection:
        """A connection as ``user`` (the server's superuser by default), with the
        application's search_path."""
        conninfo = make_conninfo(self.conninfo, dbname=self.name, user=user)
        conn = psycopg.connect(conninfo, options="-c search_path=permitdesk", autocommit=autocommit)
        self.opened.append(conn)
        return conn

    def close(self) -> None:
        for conn in self.opened:
            conn.close()


@pytest.fixture(scope="session")
def server(postgres_server: str) -> Iterator[str]:
    """The test server's conninfo (``tests/support/postgres.py``: one skip line without
    it, a failure in CI), and the LOGIN roles of this run dropped at the end."""
    conninfo = postgres_server
    yield conninfo
    with psycopg.connect(conninfo, autocommit=True) as conn:
        for role in _RUN_ROLES:
            conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


_RUN = secrets.token_hex(4)
_RUN_ROLES = (f"pd_counter_{_RUN}", f"pd_admin_{_RUN}")


def _ensure_login_roles(conn: psycopg.Connection) -> None:
    """The run's counter and administrator, once the group roles exist (the first
    migration in the cluster creates them)."""
    for role, group in zip(_RUN_ROLES, ("permitdesk_counter", "permitdesk_admin"), strict=True):
        exists = conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone()
        if exists is None:
            conn.execute(
                sql.SQL("CREATE ROLE {} LOGIN IN ROLE {}").format(
                    sql.Identifier(role), sql.Identifier(group)
                )
            )


@pytest.fixture(scope="module")
def make_database(server: str) -> Iterator[Callable[..., Database]]:
    """A factory of throw-away databases, migrated unless ``migrate=False``; they are
    dropped when the test module is done."""
    made: list[Database] = []

    def make(migrate: bool = True) -> Database:
        database = Database(server, f"pd_{secrets.token_hex(6)}", *_RUN_ROLES)
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database.name)))
        made.append(database)
        if migrate:
            with database.connect() as conn:
                migrations.upgrade(conn)
                _ensure_login_roles(conn)
        return database

    yield make
    with psycopg.connect(server, autocommit=True) as conn:
        for database in made:
            database.close()
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                    sql.Identifier(database.name)
                )
            )
