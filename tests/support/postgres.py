"""The PostgreSQL server the tests run against, as a pytest plugin (``tests/conftest.py``).

``PERMITDESK_TEST_POSTGRES`` is the libpq conninfo of a server on which the tests may create
and drop databases (a superuser's: ``host=/tmp/pgdev/sock user=postgres dbname=postgres``).
``make test-postgres`` and ``.ci/run`` start a throw-away cluster for it (``.ci/postgres``).
Without it every test that needs the server is skipped with one reason, which ``-ra`` folds
into one line; with ``PERMITDESK_REQUIRE_POSTGRES=1`` (CI) such a test fails instead, and
any test marked ``postgres`` that was skipped all the same fails the run, so that CI cannot
pass with the PostgreSQL tests left out.

Fixtures: ``postgres_server`` (session) is the conninfo; ``postgres_database`` (function) a
new, empty database on it, dropped after the test; ``register_database`` (function) a new
register, migrated, for an administrator's login role (``register_template``);
``counter_login`` (session) a counter's login role for the same registers.
:func:`throwaway_database` makes one for a fixture of another scope. Tests using these are
marked ``postgres`` (``-m postgres``, ``-m "not postgres"``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Generator, Iterator
from contextlib import contextmanager
from typing import NoReturn

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

SERVER_ENV = "PERMITDESK_TEST_POSTGRES"
REQUIRE_ENV = "PERMITDESK_REQUIRE_POSTGRES"
# One text for every skip, so that -ra reports them as one line.
SKIP_REASON = (
    f"no PostgreSQL server: run these with {SERVER_ENV}='host=... user=postgres dbname=postgres'"
    " make test, or make test-postgres (PostgreSQL 15 or later installed)"
)
MIN_SERVER_VERSION = 150000
CONNECT_TIMEOUT = 10


def required() -> bool:
    """Whether this run must not skip the PostgreSQL tests (``PERMITDESK_REQUIRE_POSTGRES=1``)."""
    return os.environ.get(REQUIRE_ENV, "") not in ("", "0")


def admin_connection(conninfo: str) -> psycopg.Connection:
    """An autocommit connection (CREATE and DROP DATABASE refuse a transaction)."""
    return psycopg.connect(conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT)


def skip_for_want_of_server() -> NoReturn:
    """The one skip, at one place (its line is the one -ra shows)."""
    pytest.skip(SKIP_REASON)


@pytest.fixture(scope="session")
def postgres_server() -> str:
    """The conninfo of the test server; skips the test when there is none (fails when
    ``PERMITDESK_REQUIRE_POSTGRES=1``), errors when it is unreachable or older than 15."""
    conninfo = os.environ.get(SERVER_ENV, "").strip()
    if not conninfo:
        if required():
            pytest.fail(f"{REQUIRE_ENV}=1 but {SERVER_ENV} is not set: {SKIP_REASON}")
        skip_for_want_of_server()
    try:
        with admin_connection(conninfo) as connection:
            version = connection.info.server_version
    except psycopg.Error as error:
        problem = f"{SERVER_ENV}={conninfo!r}: cannot connect: {error}".strip()
    else:
        problem = ""
    if problem:
        pytest.fail(problem)  # outside the except: no chained traceback
    if version < MIN_SERVER_VERSION:
        pytest.fail(f"{SERVER_ENV}={conninfo!r}: PostgreSQL {version // 10000}, not 15 or later")
    return conninfo


@contextmanager
def throwaway_database(server: str) -> Iterator[str]:
    """A new database on ``server`` with a random name, dropped on leaving even if still in
    use (``WITH (FORCE)``); yields its conninfo."""
    name = f"permitdesk_test_{secrets.token_hex(6)}"
    with admin_connection(server) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_conninfo(server, dbname=name)
    finally:
        with admin_connection(server) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


@pytest.fixture
def postgres_database(postgres_server: str) -> Iterator[str]:
    """The conninfo of a new, empty database on the test server, dropped after the test."""
    with throwaway_database(postgres_server) as conninfo:
        yield conninfo


@pytest.fixture(scope="session")
def register_template(postgres_server: str) -> Iterator[tuple[str, str]]:
    """A database migrated once for the session, copied by :func:`register_database`, and
    the administrator's login role the copies are opened with (a member of
    ``permitdesk_admin``, as a commune's administrator; neither owner nor superuser, so
    the tests run under the server's grants). Yields (template name, role name)."""
    from pathlib import Path

    from app.store.postgres.store import PostgresStore

    role = f"permitdesk_test_admin_{secrets.token_hex(4)}"
    with throwaway_database(postgres_server) as template:
        PostgresStore.open(template, backups=Path("unused")).close()
        with admin_connection(postgres_server) as connection:
            connection.execute(
                sql.SQL("CREATE ROLE {} LOGIN IN ROLE permitdesk_admin").format(
                    sql.Identifier(role)
                )
            )
        try:
            yield database_name(template), role
        finally:
            with admin_connection(postgres_server) as connection:
                connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture(scope="session")
def counter_login(postgres_server: str, register_template: tuple[str, str]) -> Iterator[str]:
    """A counter's login role (a member of ``permitdesk_counter`` only) for the session's
    registers: ``make_conninfo(register_database, user=counter_login)`` is a counter."""
    role = f"permitdesk_test_counter_{secrets.token_hex(4)}"
    with admin_connection(postgres_server) as connection:
        connection.execute(
            sql.SQL("CREATE ROLE {} LOGIN IN ROLE permitdesk_counter").format(sql.Identifier(role))
        )
    yield role
    with admin_connection(postgres_server) as connection:
        connection.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture
def register_database(postgres_server: str, register_template: tuple[str, str]) -> Iterator[str]:
    """The conninfo of a new register (a copy of the migrated template, ~20 ms where a
    migration takes ~100 ms) for the administrator's role; dropped after the test."""
    template, role = register_template
    name = f"permitdesk_test_{secrets.token_hex(6)}"
    with admin_connection(postgres_server) as connection:
        connection.execute(
            sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template)
            )
        )
    try:
        yield make_conninfo(postgres_server, dbname=name, user=role)
    finally:
        with admin_connection(postgres_server) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def database_name(conninfo: str) -> str:
    """The ``dbname`` a conninfo names."""
    return str(conninfo_to_dict(conninfo)["dbname"])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Reports every skip for want of the server at one place, this module, so that ``-ra``
    folds them into one line (pytest gives a fixture's skip the test's own location)."""
    report = yield
    longrepr = report.longrepr
    if report.skipped and isinstance(longrepr, tuple) and str(longrepr[2]).endswith(SKIP_REASON):
        report.longrepr = (__file__, skip_for_want_of_server.__code__.co_firstlineno, longrepr[2])
    return report


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "postgres_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgres)


class _RequiredGuard:
    """With ``PERMITDESK_REQUIRE_POSTGRES=1``: a PostgreSQL test skipped (marked ``postgres``,
    or skipped for want of the server) fails the run, and the summary names it."""

    def __init__(self) -> None:
        self.skipped: list[str] = []

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if not report.skipped or hasattr(report, "wasxfail"):
            return
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else ""
        if "postgres" in report.keywords or SKIP_REASON in str(reason):
            self.skipped.append(report.nodeid)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.skipped and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        if self.skipped:
            shown = ", ".join(self.skipped[:5]) + (" ..." if len(self.skipped) > 5 else "")
            terminalreporter.write_line(
                f"{REQUIRE_ENV}=1 and {len(self.skipped)} PostgreSQL test(s) skipped,"
                f" so the run fails: {shown}",
                red=True,
            )


def pytest_configure(config: pytest.Config) -> None:
    if required():
        config.pluginmanager.register(_RequiredGuard(), "permitdesk-postgres-required")
