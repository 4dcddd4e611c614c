"""The connection to a PostgreSQL register: opening it, the shared SQL's placeholders, and
the server's errors as the domain's.

The store's SQL is written once, with SQLite's ``?`` and ``:name`` placeholders; psycopg
takes ``%s`` and ``%(name)s``, so :func:`placeholders` rewrites a statement once (cached)
before it is sent. The password never comes from PermitDesk's configuration or command
line: libpq reads it from the user's ``.pgpass`` or ``pg_service.conf`` (a service name in
the target), as the commune's IT sets them up (docs/admin.md).
"""

from __future__ import annotations

import functools
import json
import re
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool

from app.domain.errors import (
    Conflict,
    DatabaseLocked,
    DatabaseUnreadable,
    Interrupted,
    NotPermitted,
    ServerUnreachable,
    StoreError,
)
from app.store.base import StoreBase

#: Seconds a counter waits for the server to answer a connection before saying so.
CONNECT_TIMEOUT_SECONDS = 5
#: A network that went silent is given up within these seconds (TCP, not a Unix socket):
#: keep-alives probe an idle connection, and unacknowledged data ends a busy one.
NETWORK_SILENCE_SECONDS = 10
#: Connections a counter keeps in its pool at most: its own, and its worker threads'.
POOL_MAX_SIZE = 4
#: The longest one statement may run (a lock held by another counter included), in ms.
STATEMENT_TIMEOUT_MS = 15_000

_TOKEN = re.compile(
    r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|:[A-Za-z_]\w*|%|\s+INDEXED BY \w+|\bCROSS JOIN\b"
)


@functools.lru_cache(maxsize=1024)
def placeholders(sql: str) -> str:
    """``sql`` with ``?`` as ``%s``, ``:name`` as ``%(name)s`` and a literal ``%`` doubled,
    leaving quoted text and ``::`` casts as they are. SQLite's planner hints are left out,
    the server's planner has its own statistics: ``INDEXED BY``, and ``CROSS JOIN … ON``
    (SQLite's way to fix the join order) becomes ``JOIN … ON``."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "?":
            return "%s"
        if token == "%":
            return "%%"
        if token.lstrip().startswith("INDEXED BY"):
            return ""
        if token == "CROSS JOIN":  # in the shared SQL, always SQLite's join-order hint with ON
            return "JOIN"
        if token.startswith(":") and token != "::":
            return f"%({token[1:]})s"
        return token.replace("%", "%%") if token[0] == "'" else token

    return _TOKEN.sub(replace, sql)


def _options() -> dict[str, Any]:
    """What every connection to a register is opened with: autocommit (transactions are
    only the store's explicit ones), the connect timeout, and TCP keep-alives and a user
    timeout, so that a network gone silent is given up within
    :data:`NETWORK_SILENCE_SECONDS` rather than the system's two hours."""
    return {
        "autocommit": True,
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "keepalives": 1,
        "keepalives_idle": NETWORK_SILENCE_SECONDS // 2,
        "keepalives_interval": NETWORK_SILENCE_SECONDS // 4,
        "keepalives_count": 2,
        "tcp_user_timeout": NETWORK_SILENCE_SECONDS * 1000,
        "application_name": "permitdesk",
    }


def _configure(conn: psycopg.Connection, counter: str) -> None:
    """The schema on the search path, the statement timeout, and the workstation's
    ``counter`` name, which the server writes into each audit row (migration 0009)."""
    conn.execute("SET search_path = permitdesk, pg_temp")
    conn.execute(f"SET statement_timeout = {STATEMENT_TIMEOUT_MS}")
    if counter:
        conn.execute("SELECT set_config('permitdesk.counter', %s, false)", [counter])


def connect(target: str, counter: str = "") -> psycopg.Connection:
    """A connection of its own (:func:`_options`, :func:`_configure`); the server's
    refusal or silence as :class:`ServerUnreachable`, with its reason."""
    try:
        conn = psycopg.connect(target, **_options())
    except psycopg.OperationalError as error:
        raise ServerUnreachable(
            f"the PostgreSQL server of {describe(target)} does not answer ({_first_line(error)}); "
            "check the network, or ask IT whether the server is running"
        ) from error
    _configure(conn, counter)
    return conn


def open_pool(target: str, counter: str) -> ConnectionPool:
    """psycopg's pool of connections to ``target``, made the same way as :func:`connect`,
    on the pool's own threads (opening it waits for nothing): the connection that
    replaces a broken one, and those of the window's worker threads, are taken from it
    ready, each checked with a round trip as it is taken."""
    return ConnectionPool(
        target,
        kwargs=_options(),
        min_size=1,
        max_size=POOL_MAX_SIZE,
        configure=functools.partial(_configure, counter=counter),
        check=ConnectionPool.check_connection,
        name=f"permitdesk {describe(target)}",
        open=True,
    )


def describe(target: str) -> str:
    """The register a target names, in no language and without the connection's other
    words (its password above all): ``database@host`` (``permitdesk@db.commune.be``), or
    the service's name; for messages, the status bar and the store's ``location``."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(target)
    except psycopg.ProgrammingError:
        return "the register"
    if parts.get("service"):
        return str(parts["service"])
    return f"{parts.get('dbname', '?')}@{parts.get('host') or 'localhost'}"


def translate_error(error: psycopg.Error, target: str) -> StoreError | psycopg.Error:
    """The server's refusals and failures as the domain's errors, with what to do."""
    if isinstance(error, pg_errors.IntegrityError):
        return Conflict(_first_line(error))
    if isinstance(error, pg_errors.InsufficientPrivilege):
        return NotPermitted(
            f"the server refused: this counter's database role may not do that "
            f"({_first_line(error)}); an administrator's role can"
        )
    if isinstance(error, pg_errors.InvalidAuthorizationSpecification):
        return NotPermitted(f"the server refused: {_first_line(error)}")
    if isinstance(error, pg_errors.RaiseException):
        return Conflict(_first_line(error))
    if isinstance(error, pg_errors.QueryCanceled):
        if "statement timeout" in str(error):
            return DatabaseLocked(
                f"the server of {describe(target)} took too long to answer (another counter "
                "may hold what this change needs); try again in a moment"
            )
        return Interrupted("the operation was cancelled; nothing was written")
    if isinstance(error, pg_errors.UndefinedTable):
        return DatabaseUnreadable(
            f"{describe(target)} is not a PermitDesk register ({_first_line(error)})"
        )
    if isinstance(error, psycopg.OperationalError):
        return ServerUnreachable(
            f"the connection to the server of {describe(target)} was lost "
            f"({_first_line(error)}); nothing was written; try again once it is back"
        )
    return error


def call(store: StoreBase, function: str, params: list[Any]) -> Any:
    """``SELECT function(...)`` of one of the server's functions; its one value (None
    for a function returning nothing)."""
    row = store._execute(f"SELECT {function}", params).fetchone()
    return row[0] if row else None


def json_text(value: dict[str, Any]) -> str:
    """A ``jsonb`` argument's text."""
    return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
