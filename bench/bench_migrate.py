"""``permitdesk migrate-to`` (issue 15, point 7): a demo register moved from its file into a
new database on a PostgreSQL server, against the floor it cannot beat, in the same run.

- app: ``app.services.migrate.migrate_to`` in this process, from opening the server to the
  commit: the file's full check, the copy in batches, the search numbers, the queue flags,
  the verification (counts, every PDF's SHA-256, the audit rows field by field, the
  server's chain) and ``ANALYZE``;
- floor: the same rows read from the file and sent with ``COPY`` into a new database with
  the same schema, in one transaction, nothing checked (the server's triggers still chain
  the audit rows and set the queue flags, as they must).

Both start from a copy of a database migrated once (``CREATE DATABASE … TEMPLATE``), so
neither pays for the migrations; they alternate, and each figure is the median of
``BENCH_ROUNDS`` (default 3). The server is not started here: ``PERMITDESK_BENCH_POSTGRES``
names one (libpq conninfo of a role that may create databases, e.g.
``host=/tmp/pgdev/sock user=postgres dbname=postgres``); without it the benchmark says so
in one line and measures nothing. Sizes: ``BENCH_SIZES`` (``bench.measure.sizes``).
"""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import make_conninfo

from app.paths import BACKUPS_NAME
from app.services.desk import Desk
from app.services.migrate import migrate_to
from app.store.postgres.migrate import TABLES
from app.store.postgres.store import PostgresStore
from bench.databases import database
from bench.measure import sizes
from bench.table import Row, emit

SERVER_ENV = "PERMITDESK_BENCH_POSTGRES"
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
#: Columns the server fills itself (the floor sends what the app sends, no more).
_NOT_SENT = {"audit_log": {"id", "prev_hash", "hash"}, "permits": {"superseded", "covered"}}


@contextmanager
def _database(server: str, template: str | None = None) -> Iterator[str]:
    """A new database on ``server`` (a copy of ``template``), dropped on leaving."""
    name = f"permitdesk_bench_{secrets.token_hex(5)}"
    with psycopg.connect(server, autocommit=True) as conn:
        copy = sql.SQL(" TEMPLATE {}").format(sql.Identifier(template)) if template else sql.SQL("")
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)) + copy)
    try:
        yield name
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def _live_copy(source: Path, folder: Path) -> Path:
    """The cached demo database and its sealed audit head, copied to open as a live one."""
    target = folder / "live.sqlite"
    shutil.copyfile(source, target)
    head = source.parent / BACKUPS_NAME / f"{source.name}.audit-head.json"
    (folder / BACKUPS_NAME).mkdir(exist_ok=True)
    shutil.copyfile(head, folder / BACKUPS_NAME / f"{target.name}.audit-head.json")
    return target


def _app(server: str, template: str, file: Path) -> float:
    with _database(server, template) as name, Desk.open(file, local_admin=True) as desk:
        started = time.perf_counter()
        migrate_to(desk, make_conninfo(server, dbname=name))
        return time.perf_counter() - started


def _floor(server: str, template: str, file: Path) -> float:
    with _database(server, template) as name:
        source = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True)
        try:
            started = time.perf_counter()
            with psycopg.connect(make_conninfo(server, dbname=name)) as conn:
                conn.execute("SET search_path = permitdesk, pg_temp")
                for table, order in [*TABLES, ("audit_log", "id")]:
                    columns = [
                        row[1]
                        for row in source.execute(f"PRAGMA table_info({table})")
                        if row[1] not in _NOT_SENT.get(table, ())
                    ]
                    names = ", ".join(f'"{c}"' for c in columns)
                    with conn.cursor().copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in source.execute(f"SELECT {names} FROM {table} ORDER BY {order}"):
                            copy.write_row(row)
            return time.perf_counter() - started  # the commit included
        finally:
            source.close()


def main() -> None:
    server = os.environ.get(SERVER_ENV, "").strip()
    if not server:
        print(f"migrate-to: no server to move to; set {SERVER_ENV} to a libpq conninfo")
        return
    with _database(server) as template, tempfile.TemporaryDirectory() as folder:
        PostgresStore.open(make_conninfo(server, dbname=template), backups=Path(folder)).close()
        for persons in sizes():
            file = _live_copy(database(persons), Path(folder))
            times: tuple[list[float], list[float]] = ([], [])
            for n in range(ROUNDS):
                pair = [(0, _app), (1, _floor)]
                for which, run in pair if n % 2 == 0 else pair[::-1]:
                    times[which].append(run(server, template, file))
            app, floor = statistics.median(times[0]), statistics.median(times[1])
            emit(
                Row(
                    "migrate-to",
                    persons,
                    round(app, 2),
                    round(floor, 2),
                    "s",
                    "floor: COPY of the same rows into the same schema, one transaction",
                )
            )


if __name__ == "__main__":
    main()
