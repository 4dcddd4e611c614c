"""PermitDesk on a PostgreSQL server (issue 15, point 6 and "Done when") at 10k, 100k and
1M holders, each figure beside its floor measured in the same run, on a throw-away cluster
the bench starts itself (``.ci/postgres start``, port :data:`PORT`, stopped and removed at
the end whatever happens; nothing is written into the repository):

- load: ``PostgresStore.add_holders_with_permits`` (the demo's path) of the demo's rows
  against ``COPY`` of the same rows (psycopg's ``cursor.copy``) into a second database of
  the same schema, indexes and triggers; the rows are generated before either is timed.
  The app's path is quadratic today (``executemany`` is one INSERT per row, and each fires
  the statement trigger ``permits_queue_insert``, whose UPDATE scans the permits: 15 s at
  10k, 11 minutes at 100k), so above :data:`APP_LOAD_MAX` holders
  (``BENCH_SERVER_APP_LOAD_MAX``) the register is filled by that COPY alone, the same rows;
- search: named queries (``named_queries``: broad words, number prefixes, whole numbers)
  and 200 typed ones (``bench_search.typed_queries``' kinds), ``store.search_holders``
  against the same query as one SELECT run with psycopg on the same server (its rows as
  tuples, no Python objects, the plan the planner picks), interleaved; aim p95 ≤ 50 ms and
  within 2× at 1M;
- Today: ``queue_counts`` and the first page of every queue against the bare COUNT of each
  queue's range and one SELECT of each renewal queue's first page and of the open files;
  aim ≤ 300 ms and within 2×;
- issuing: 1, 4 and 12 counters at once, each a process with its own ``PostgresStore``
  connected as a LOGIN role of ``permitdesk_counter``, each issuing annexes 50 through
  ``app.services.issuing.issue_annex`` (the real service, PDF rendered) on renewal files
  made ready beforehand; documents/s, p95 and the time spent in the transaction (the
  number locked to the commit), the register checked 1..N after each run. The floor of one
  issue is the number and ``record_issue`` of a PDF of the same size, alone. The counters'
  processes render on this machine's cores, beside the server: on two cores, 12 counters
  measure CPU contention as much as the register's lock (at a desk, each has its own).

Each register is vacuumed once loaded (``vacuum``), as autovacuum would leave it. The
cluster runs with ``fsync = off`` and ``synchronous_commit = off`` (``.ci/postgres``):
the issuing figures leave out a commit's disk flush. ``BENCH_SIZES=10000,100000`` runs
fewer sizes (or ``python -m bench.bench_server 10000``).
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from psycopg.types.json import Json

from app.domain.demo import generate_demo
from app.domain.model import Case, Holder, Language, Permit, RenewalFile
from app.domain.queues import Queue
from app.domain.search import parse_query
from app.services.demo import DEMO_COMMUNE, DEMO_SIGNATORIES
from app.services.desk import Desk
from app.store import rows
from app.store.opening import open_store
from app.store.postgres.store import PostgresStore
from app.store.queues import _RANGES, _parameters
from app.store.store import now_text
from bench.bench_search import typed_queries
from bench.databases import ROOT, SEED, TODAY
from bench.measure import interleaved, percentile, sizes
from bench.table import Row, emit, render

PORT = 5437
#: Above this many holders the register is filled by COPY, not the app's path.
APP_LOAD_MAX = int(os.environ.get("BENCH_SERVER_APP_LOAD_MAX", "100000"))
RUNS = 3
#: Runs of each named query (``named_queries``).
NAMED_RUNS = 9
#: The first page of a queue (``app.ui.views.queue_model.PAGE``, not imported: Qt).
PAGE = 100
#: (counters, annexes each) of the issuing runs.
COUNTERS = ((1, 30), (4, 12), (12, 6))
COUNTER_ROLE = "bench_counter_{}"

_HITS = """
SELECT h.*, p.card_number AS card_number, p.expiry AS expiry
FROM ({ids}) f JOIN holders h ON h.id = f.id
LEFT JOIN permits p ON p.id = (
    SELECT id FROM permits WHERE holder_id = h.id ORDER BY expiry DESC, id DESC LIMIT 1)
ORDER BY h.name_key, h.birth_date NULLS FIRST, h.national_number NULLS FIRST, h.id
"""
_ORDER = "ORDER BY name_key, birth_date NULLS FIRST, national_number NULLS FIRST, id"
_EXACT = (
    "SELECT id FROM holders WHERE national_number = %s "
    "UNION SELECT holder_id FROM permits WHERE card_number = %s"
)
_PREFIX = (
    "SELECT id FROM holders WHERE national_number LIKE %s "
    f"OR id IN (SELECT holder_id FROM permits WHERE card_number LIKE %s) {_ORDER} LIMIT 50"
)


#: Every row reported, for the table printed at the end.
REPORTED: list[Row] = []


def report(row: Row) -> None:
    emit(row)
    REPORTED.append(row)


# -- the cluster --------------------------------------------------------------------------


@contextmanager
def cluster() -> Iterator[str]:
    """A throw-away cluster's superuser conninfo; stopped and removed on the way out."""
    parent = Path(tempfile.mkdtemp(prefix="pgbench-", dir="/tmp"))
    parent.chmod(0o755)  # as root, the cluster runs as the postgres user, who must enter it
    folder = parent / "pg"
    script = str(ROOT / ".ci" / "postgres")
    env = {**os.environ, "PGPORT": str(PORT)}
    try:
        done = subprocess.run(
            [script, "start", str(folder)], env=env, capture_output=True, text=True
        )
        if done.returncode and "no PostgreSQL 15 or later" in done.stderr:
            print(f"bench_server skipped: {done.stderr.strip()}", flush=True)
            raise SystemExit(0)
        if done.returncode:
            raise SystemExit(f".ci/postgres start {folder} failed: {done.stderr.strip()}")
        yield done.stdout.strip()
    finally:
        subprocess.run([script, "stop", str(folder)], env=env, check=False)
        parent.rmdir()


def conninfo(server: str, dbname: str, user: str = "postgres") -> str:
    return psycopg.conninfo.make_conninfo(server, dbname=dbname, user=user)


def create_database(server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return conninfo(server, name)


def drop_database(server: str, name: str) -> None:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def open_server(target: str, folder: Path) -> PostgresStore:
    store = open_store(target, backups=folder / "backups", key=b"")
    assert isinstance(store, PostgresStore)
    return store


# -- load ---------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def copy_rows(
    pairs: Sequence[tuple[Holder, Permit]], now: str
) -> tuple[list[str], list[tuple[Any, ...]], list[str], list[tuple[Any, ...]]]:
    """The rows ``add_holders_with_permits`` writes, as COPY takes them (ids 1..N)."""
    holder_rows, permit_rows = [], []
    for holder_id, (holder, permit) in enumerate(pairs, start=1):
        row = {**rows.holder_to_row(holder, now), "id": holder_id, "created_at": now}
        row["search_numbers"] = f"{holder.national_number or ''} {permit.card_number}".lower()
        holder_rows.append(row)
        permit_rows.append({**rows.permit_to_row(permit), "holder_id": holder_id})
    holder_columns, permit_columns = list(holder_rows[0]), list(permit_rows[0])
    return (
        holder_columns,
        [tuple(r[c] for c in holder_columns) for r in holder_rows],
        permit_columns,
        [tuple(r[c] for c in permit_columns) for r in permit_rows],
    )


def copy_floor(
    target: str, prepared: tuple[list[str], list[tuple[Any, ...]], list[str], list[tuple[Any, ...]]]
) -> float:
    holder_columns, holder_rows, permit_columns, permit_rows = prepared
    with psycopg.connect(target) as conn:
        conn.execute("SET search_path = permitdesk")
        start = time.perf_counter()
        with conn.cursor() as cursor:
            for table, columns, values in (
                ("holders", holder_columns, holder_rows),
                ("permits", permit_columns, permit_rows),
            ):
                statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
                    sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
                )
                with cursor.copy(statement) as copy:
                    for value in values:
                        copy.write_row(value)
        conn.commit()
        return time.perf_counter() - start


def load(server: str, persons: int, folder: Path) -> tuple[str, PostgresStore]:
    """The register of ``persons`` holders, filled through the app's path, its load time
    reported beside COPY of the same rows into a database of its own; above
    :data:`APP_LOAD_MAX` holders, filled by that COPY alone (the app's path is quadratic
    today: see the module's docstring)."""
    today = date.fromisoformat(TODAY)
    pairs: list[tuple[Holder, Permit]] = []
    seconds = timed(lambda: pairs.extend(generate_demo(persons, SEED, today)))
    print(f"{persons:,} demo holders generated in {seconds:.1f} s (in neither figure)", flush=True)
    prepared = copy_rows(pairs, now_text())
    by_app = persons <= APP_LOAD_MAX
    if by_app:
        floor_target = create_database(server, f"floor_{persons}")
        open_server(floor_target, folder).close()  # the same schema, indexes and triggers
        floor_seconds = copy_floor(floor_target, prepared)
        drop_database(server, f"floor_{persons}")
    target = create_database(server, f"register_{persons}")
    store = open_server(target, folder)
    store.set_commune(DEMO_COMMUNE)
    store.set_setting("signatories", DEMO_SIGNATORIES)
    if by_app:
        app_seconds = timed(lambda: store.add_holders_with_permits(pairs))
        report(
            Row(
                "server: load holders + permits",
                persons,
                persons / app_seconds,
                persons / floor_seconds,
                unit="rows/s",
                note=f"add_holders_with_permits {app_seconds:.1f} s; "
                f"floor COPY {floor_seconds:.1f} s",
            )
        )
    else:
        floor_seconds = copy_floor(target, prepared)
        store._execute(  # COPY gave the holders' ids: their identity goes on after them
            "SELECT setval(pg_get_serial_sequence('permitdesk.holders', 'id'), max(id)) "
            "FROM holders"
        ).fetchall()
        report(
            Row(
                "server: load holders + permits by COPY",
                persons,
                persons / floor_seconds,
                unit="rows/s",
                note=f"COPY {floor_seconds:.1f} s; add_holders_with_permits not run above "
                f"{APP_LOAD_MAX:,} holders (BENCH_SERVER_APP_LOAD_MAX): quadratic",
            )
        )
    pairs.clear()
    del prepared
    vacuum(target)
    return target, store


def vacuum(target: str) -> None:
    """``VACUUM (ANALYZE)``: the statistics, and the visibility map that lets an index be
    read without its table, as the server's autovacuum leaves them some time after a
    bulk load (measured before it, app and floor alike would race autovacuum's work)."""
    with psycopg.connect(target, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


# -- search -------------------------------------------------------------------------------


def floor_search(text: str, raw: psycopg.Connection) -> tuple[str, list[Any]]:
    """The query ``search_holders`` answers, as one SELECT of its rows: for a number, its
    holder when the number is whole (asked here, before the timing), else the holders
    whose national or a card number it starts."""
    query = parse_query(text)
    assert query is not None
    if query.number is not None:
        number = [query.number, query.number]
        if raw.execute(_EXACT, number).fetchall():
            return _HITS.format(ids=_EXACT), number
        prefix = f"{query.number}%"
        return _HITS.format(ids=_PREFIX), [prefix, prefix]
    conditions, params = [], []
    for word in query.words:
        escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        start, inside = f"{escaped}%", f"% {escaped}%"
        if word.isalpha():
            conditions.append("(name_key LIKE %s OR name_key LIKE %s)")
            params += [start, inside]
        else:
            conditions.append(
                "(name_key LIKE %s OR name_key LIKE %s OR search_numbers LIKE %s "
                "OR search_numbers LIKE %s)"
            )
            params += [start, inside, start, inside]
    ids = f"SELECT id FROM holders WHERE {' AND '.join(conditions)} {_ORDER} LIMIT 50"
    return _HITS.format(ids=ids), params


def timed_search(
    store: PostgresStore, raw: psycopg.Connection, text: str, runs: int
) -> tuple[list[float], list[float]]:
    """``store.search_holders`` of ``text`` and its floor, interleaved."""
    query = parse_query(text)
    assert query is not None
    statement, params = floor_search(text, raw)
    return interleaved(
        lambda: store.search_holders(query),
        lambda: raw.execute(statement, params).fetchall(),
        runs,
    )


def named_queries(store: PostgresStore) -> dict[str, str]:
    """The broad and the exact, by what they are: a given name thousands share, one letter,
    a first word crowding one stretch of the alphabet, number prefixes, whole numbers."""
    holder = store.get_holder(store.count_holders() // 2)
    card = store._all("SELECT card_number FROM permits WHERE holder_id = ?", [holder.id])
    number, card_number = holder.national_number or "", card[0]["card_number"]
    return {
        "'mohamed'": "mohamed",
        "'a'": "a",
        "'el'": "el",
        "'benali'": "benali",
        "national number prefix '85'": "85",
        "national number prefix, 6 digits": number[:6],
        "exact national number": number,
        "card number prefix, 3 characters": card_number[:3],
        "exact card number": card_number,
    }


def bench_search(store: PostgresStore, raw: psycopg.Connection, persons: int) -> None:
    for name, text in named_queries(store).items():
        app, floor = timed_search(store, raw, text, NAMED_RUNS)
        report(
            Row(
                f"server: search {name} p95",
                persons,
                percentile(app, 0.95),
                percentile(floor, 0.95),
                note=f"{text!r}",
            )
        )
    every_app: list[float] = []
    every_floor: list[float] = []
    slowest: list[tuple[float, str]] = []
    for text in typed_queries(Desk(store, user="bench"), 50):
        app, floor = timed_search(store, raw, text, RUNS)
        every_app += app
        every_floor += floor
        slowest.append((max(app), text))
    for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99)):
        report(
            Row(
                f"server: search, 200 typed queries {name}",
                persons,
                percentile(every_app, share),
                percentile(every_floor, share),
                note="floor: one SELECT of the same rows (the planner's own plan), psycopg tuples"
                if share == 0.5
                else "",
            )
        )
    slowest.sort(reverse=True)
    print(
        "slowest searches: " + ", ".join(f"{text!r} {ms:.1f} ms" for ms, text in slowest[:5]),
        flush=True,
    )
    text = slowest[0][1]
    statement, params = floor_search(text, raw)
    plan = raw.execute("EXPLAIN (ANALYZE, COSTS OFF) " + statement, params).fetchall()
    print(f"EXPLAIN ANALYZE of {text!r}'s SELECT:", flush=True)
    for (line,) in plan:
        print("    " + line, flush=True)


# -- Today --------------------------------------------------------------------------------


def today_floor(day: Any) -> list[tuple[str, dict[str, str]]]:
    """The bare COUNT of each renewal queue's expiry range and of the waiting
    transmissions and open files, one SELECT of each renewal queue's first page, one of the
    open files: what no implementation of the Today lists can skip."""
    params = _parameters(day.bounds)
    statements = []
    for low, high, _suspended in _RANGES.values():
        where = (
            "p.superseded = 0 AND p.covered = 0 "
            f"AND p.expiry BETWEEN %({low[1:]})s AND %({high[1:]})s"
        )
        statements.append((f"SELECT count(*) FROM permits p WHERE {where}", params))
        statements.append(
            (
                "SELECT p.id, h.surname, h.given_names, h.national_number, p.card_number, "
                f"p.expiry FROM permits p JOIN holders h ON h.id = p.holder_id WHERE {where} "
                f"ORDER BY p.expiry, p.id LIMIT {PAGE}",
                params,
            )
        )
    statements.append(("SELECT count(*) FROM transmissions WHERE sent_on IS NULL", {}))
    statements.append(("SELECT count(*) FROM renewal_files WHERE state = 'open'", {}))
    statements.append(
        (
            "SELECT f.id, h.surname, h.given_names FROM renewal_files f "
            "JOIN holders h ON h.id = f.holder_id WHERE f.state = 'open' "
            f"ORDER BY f.id LIMIT {PAGE}",
            {},
        )
    )
    return statements


def bench_today(store: PostgresStore, raw: psycopg.Connection, persons: int) -> None:
    from app.services.worklist import Day, queue_counts, queue_page

    today = date.fromisoformat(TODAY)
    # As the command line's desk (or a signed-in clerk's): a desk with no account would
    # ask the register four times a call whether accounts exist, which the window does not.
    desk = Desk(store, user="bench", clock=lambda: today, local_admin=True)
    day = Day.of(today)
    floor_statements = today_floor(day)

    def app_counts() -> None:
        queue_counts(desk, day)

    def app_lists() -> None:
        queue_counts(desk, day)
        for queue in Queue:
            queue_page(desk, day, queue, None, PAGE)

    def floor_counts() -> None:
        for statement, params in floor_statements:
            if statement.startswith("SELECT count"):
                raw.execute(statement, params).fetchall()

    def floor_lists() -> None:
        for statement, params in floor_statements:
            raw.execute(statement, params).fetchall()

    for name, app_call, floor_call in (
        ("counts", app_counts, floor_counts),
        (f"counts + first page of each queue ({PAGE} rows)", app_lists, floor_lists),
    ):
        app, floor = interleaved(app_call, floor_call, 7)
        report(
            Row(
                f"server: Today {name} median",
                persons,
                percentile(app, 0.5),
                percentile(floor, 0.5),
                note="floor: COUNT of each range (no suspension test), SELECT of each renewal "
                "page and of the open files",
            )
        )
        report(Row(f"server: Today {name} max", persons, max(app), max(floor)))
    print(
        "Today, the app's slowest statements: " + slowest_statements(store, app_lists), flush=True
    )


def slowest_statements(store: PostgresStore, action: Callable[[], object]) -> str:
    """The three statements of one ``action`` that took longest, for the commentary."""
    spent: list[tuple[float, str]] = []
    execute = store._execute

    def timed_execute(statement: str, params: Any = ()) -> Any:
        start = time.perf_counter()
        cursor = execute(statement, params)
        spent.append(((time.perf_counter() - start) * 1000, " ".join(statement.split())[:90]))
        return cursor

    store._execute = timed_execute  # type: ignore[method-assign, assignment]
    try:
        action()
    finally:
        del store._execute
    spent.sort(reverse=True)
    total = sum(ms for ms, _ in spent)
    top = "; ".join(f"{ms:.1f} ms {text!r}" for ms, text in spent[:3])
    return f"{len(spent)} statements, {total:.1f} ms in all; {top}"


# -- issuing ------------------------------------------------------------------------------


def ready_files(store: PostgresStore, count: int) -> list[int]:
    """``count`` renewal files on which annex 50 is due today (the services suite's r3:
    an unlimited permit expiring within the month, every document there)."""
    today = date.fromisoformat(TODAY)
    found = store._all(
        "SELECT p.id AS permit_id, p.holder_id FROM permits p "
        "WHERE p.labour_market = 'unlimited' AND p.expiry BETWEEN ? AND ? "
        "AND NOT EXISTS (SELECT 1 FROM renewal_files f WHERE f.permit_id = p.id) "
        "ORDER BY p.id LIMIT ?",
        [(today + timedelta(days=5)).isoformat(), (today + timedelta(days=55)).isoformat(), count],
    )
    assert len(found) == count, f"only {len(found)} permits for {count} files"
    return [
        store.save_file(
            RenewalFile(
                holder_id=row["holder_id"],
                permit_id=row["permit_id"],
                case=Case.UNLIMITED_RENEWAL,
                opened_on=today,
            )
        ).id  # type: ignore[misc]
        for row in found
    ]


def counter(target: str, name: str, files: list[int], ready: Any, out: Any) -> None:
    """One counter's process: issue an annex on each file; to ``out``, the latencies and
    the time each spent in its transaction (the register's number locked from
    ``next_register_number`` to the commit, the PDF rendered in between)."""
    from app.services.issuing import issue_annex

    today = date.fromisoformat(TODAY)
    with tempfile.TemporaryDirectory() as folder:
        store = open_server(target, Path(folder))
        in_transaction: list[float] = []
        transaction = store.transaction

        @contextmanager
        def timed_transaction() -> Iterator[PostgresStore]:
            outermost = not store._in_transaction
            start = time.perf_counter()
            try:
                with transaction():
                    yield store
            finally:
                if outermost:
                    in_transaction.append((time.perf_counter() - start) * 1000)

        store.transaction = timed_transaction  # type: ignore[method-assign]
        desk = Desk(store, user=name, clock=lambda: today)
        desk.commune()  # warm: the first issue pays no first-use cost
        ready.wait()
        latencies = []
        for file_id in files:
            in_transaction.clear()
            start = time.perf_counter()
            issue_annex(desk, file_id, Language.FR)
            latencies.append(((time.perf_counter() - start) * 1000, sum(in_transaction)))
        store.close()
    out.put(latencies)


def bench_issuing(server: str, target: str, store: PostgresStore, persons: int) -> None:
    dbname = str(psycopg.conninfo.conninfo_to_dict(target)["dbname"])
    most = max(n for n, _ in COUNTERS)
    with psycopg.connect(server, autocommit=True) as conn:
        for k in range(most):
            role = COUNTER_ROLE.format(k + 1)
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone():
                conn.execute(
                    sql.SQL("CREATE ROLE {} LOGIN IN ROLE permitdesk_counter").format(
                        sql.Identifier(role)
                    )
                )
    floor_ms = issue_floor(store)
    context = multiprocessing.get_context("spawn")
    for counters, each in COUNTERS:
        files = ready_files(store, counters * each)
        before = register_count(store)
        ready = context.Barrier(counters + 1)
        out = context.Queue()
        processes = [
            context.Process(
                target=counter,
                args=(
                    conninfo(server, dbname, COUNTER_ROLE.format(k + 1)),
                    f"counter {k + 1}",
                    files[k * each : (k + 1) * each],
                    ready,
                    out,
                ),
            )
            for k in range(counters)
        ]
        for process in processes:
            process.start()
        ready.wait()
        start = time.perf_counter()
        timings: list[tuple[float, float]] = []
        for _ in processes:
            timings += out.get()
        seconds = time.perf_counter() - start
        for process in processes:
            process.join()
            assert process.exitcode == 0, f"a counter failed ({process.exitcode})"
        latencies = [total for total, _ in timings]
        locked = [inside for _, inside in timings]
        issued = len(latencies)
        check = check_register(store, before + issued)
        report(
            Row(
                f"server: issuing, {counters} counter(s), documents/s",
                persons,
                issued / seconds,
                unit="rows/s",
                note=f"{issued} annexes 50 by issue_annex (PDF rendered); register {check}",
            )
        )
        report(
            Row(
                f"server: issuing, {counters} counter(s), p95",
                persons,
                percentile(latencies, 0.95),
                floor_ms,
                note="floor: record_issue of a rendered PDF alone, one connection",
            )
        )
        report(
            Row(
                f"server: issuing, {counters} counter(s), in transaction p50",
                persons,
                percentile(locked, 0.5),
                floor_ms,
                note="number locked → commit (PDF rendered inside); floor as above",
            )
        )


def issue_floor(store: PostgresStore) -> float:
    """The median ms of the server's part of an issue alone: the number and
    ``record_issue`` of an already rendered PDF, each in its own transaction (rolled
    back: the register is left as it was)."""
    pdf = b"%PDF-1.4 " + os.urandom(60_000)
    conn = store._conn
    times = []
    for _ in range(11):
        start = time.perf_counter()
        with conn.transaction(force_rollback=True):
            sequence = conn.execute(
                "SELECT next_register_number(%s, %s)", [DEMO_COMMUNE.nis_code, 2026]
            ).fetchone()[0]  # type: ignore[index]
            conn.execute(
                "SELECT record_issue(%s::jsonb, %s, '{}'::jsonb)",
                [
                    Json(
                        {
                            "commune_nis": DEMO_COMMUNE.nis_code,
                            "year": 2026,
                            "sequence": sequence,
                            "annex": "50",
                            "variant": "",
                            "language": "fr",
                            "holder_id": 1,
                            "family_member_id": None,
                            "file_id": None,
                            "issued_on": TODAY,
                            "valid_until": TODAY,
                            "max_extensions": 0,
                            "extension_days": 0,
                            "issued_by": "bench",
                            "snapshot": "{}",
                            "created_at": TODAY,
                        }
                    ),
                    pdf,
                ],
            )
        times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 0.5)


def register_count(store: PostgresStore) -> int:
    return store._all("SELECT count(*) AS n FROM documents")[0]["n"]


def check_register(store: PostgresStore, expected: int) -> str:
    """'1..N, no gap, no double' once the numbers of this year are exactly 1..N."""
    numbers = [
        row["sequence"]
        for row in store._all(
            "SELECT sequence FROM documents WHERE commune_nis = ? AND year = ? ORDER BY sequence",
            [DEMO_COMMUNE.nis_code, 2026],
        )
    ]
    if numbers != list(range(1, expected + 1)):
        raise AssertionError(f"the register is not 1..{expected}: {numbers[:5]}… ({len(numbers)})")
    return f"1..{expected}, no gap, no double"


# -- the run ------------------------------------------------------------------------------


def main() -> None:
    chosen = tuple(int(arg) for arg in sys.argv[1:]) or sizes()
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}", flush=True)
    with cluster() as server, tempfile.TemporaryDirectory() as folder:
        print(f"cluster: {server}", flush=True)
        for persons in chosen:
            target, store = load(server, persons, Path(folder))
            with psycopg.connect(target, autocommit=True) as raw:
                raw.execute("SET search_path = permitdesk")
                bench_search(store, raw, persons)
                bench_today(store, raw, persons)
            bench_issuing(server, target, store, persons)
            store.close()
            drop_database(server, f"register_{persons}")
            print(f"load after {persons:,}: {os.getloadavg()[0]:.2f}", flush=True)
    print("\n" + render(by_operation(REPORTED)), flush=True)


def by_operation(reported: list[Row]) -> list[Row]:
    """The rows of each operation together, by size: its figures at 10k, 100k and 1M on
    consecutive lines."""
    first = {row.operation: n for n, row in reversed(list(enumerate(reported)))}
    return sorted(reported, key=lambda row: (first[row.operation], row.holders or 0))


if __name__ == "__main__":
    main()
