"""Today's queues and ``permitdesk due --within 60`` at 10k, 100k and 1M holders, each
beside its floor measured in the same run, app and floor interleaved, printed as a ratio
(issue 14, point 2).

- counts: :func:`app.services.worklist.queue_counts` against the bare index COUNT of each
  renewal queue's expiry range (``permits_open_expiry``) plus the small deadline queues'
  COUNTs, run as one string of SQL;
- first screen: the Today view built offscreen (counts, first page, widgets) against the
  floor of the counts plus one SELECT of the same first page (100 rows);
- ``due --within 60 --format csv``: the command in its own process, against a process that
  prints the same rows from one SELECT through ``csv.writer``; with the peak memory of each.

The demo databases come from :mod:`bench.databases`; each is copied first (opening it
applies migrations). Set ``BENCH_SIZES=10000,100000`` to run fewer sizes.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.databases import SIZES, TODAY, database

ROUNDS = 5
WITHIN = 60

#: The floor of ``due``: the same rows, one SELECT, csv.writer, nothing else.
DUE_FLOOR = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = csv.writer(sys.stdout, lineterminator="\\n")
for row in db.execute(sys.argv[2], sys.argv[3:]):
    out.writerow(row)
print(open("/proc/self/status").read().split("VmHWM:")[1].split()[0], file=sys.stderr)
"""

#: ``permitdesk ...`` run in-process, then its peak memory (VmHWM, kB) on stderr.
DUE_APP = """
import runpy, sys
sys.argv = ["permitdesk", *sys.argv[1:]]
try:
    runpy.run_module("app", run_name="__main__")
except SystemExit:
    pass
finally:
    print(open("/proc/self/status").read().split("VmHWM:")[1].split()[0], file=sys.stderr)
"""


def best(timings: list[float]) -> str:
    return f"{statistics.median(timings) * 1000:8.1f} ms"


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def floor_counts_sql(day: object) -> list[tuple[str, list[str]]]:
    """The bare COUNT of each renewal queue's range in the partial index, and the deadline
    queues' own COUNTs: what no implementation of the counts can skip."""
    from app.store.queues import _RANGES, _parameters

    params = _parameters(day.bounds)  # type: ignore[attr-defined]
    statements = []
    for low, high, _suspended in _RANGES.values():
        statements.append(
            (
                "SELECT count(*) FROM permits INDEXED BY permits_open_expiry "
                f"WHERE superseded = 0 AND covered = 0 AND expiry BETWEEN {low} AND {high}",
                params,
            )
        )
    statements.append(("SELECT count(*) FROM transmissions WHERE sent_on IS NULL", {}))
    return statements  # type: ignore[return-value]


def first_page_sql(day: object) -> tuple[str, dict[str, str]]:
    from app.store.queues import _parameters

    params = _parameters(day.bounds)  # type: ignore[attr-defined]
    return (
        "SELECT p.id, h.surname, h.given_names, h.national_number, p.card_number, p.expiry "
        "FROM permits p INDEXED BY permits_open_expiry JOIN holders h ON h.id = p.holder_id "
        "WHERE p.superseded = 0 AND p.covered = 0 AND p.expiry BETWEEN :today AND :due_until "
        "ORDER BY p.expiry, p.id LIMIT 100",
        params,
    )


def due_rows_sql(day: object) -> tuple[str, list[str]]:
    """The rows ``due --within 60`` prints (due, soon, expired, suspended: every current
    uncovered permit from a year back to the end of the reminder window), as one SELECT."""
    bounds = day.bounds  # type: ignore[attr-defined]
    return (
        "SELECT p.expiry, h.national_number, h.surname, h.given_names, p.card_number "
        "FROM permits p INDEXED BY permits_open_expiry JOIN holders h ON h.id = p.holder_id "
        "WHERE p.superseded = 0 AND p.covered = 0 AND p.expiry BETWEEN ? AND ? "
        "ORDER BY p.expiry, p.id",
        [bounds.expired_from.isoformat(), bounds.soon_until.isoformat()],
    )


def bench_size(persons: int, folder: Path) -> list[str]:
    from PySide6.QtWidgets import QApplication

    from app.domain.queues import Queue
    from app.services.desk import Desk
    from app.services.installation_key import installation_key
    from app.services.worklist import Day, queue_counts, queue_page
    from app.store import SqliteStore
    from app.ui.context import UiContext
    from app.ui.settings import Settings
    from app.ui.views.queue_model import PAGE
    from app.ui.views.today import TodayView

    copy = folder / f"today-{persons}.sqlite"
    shutil.copyfile(database(persons), copy)
    backups = folder / "backups"
    # Migrations (if any) applied once, outside the timing.
    store = SqliteStore.open(copy, backups=backups, key=installation_key().secret)
    shutil.rmtree(backups, ignore_errors=True)
    today = date.fromisoformat(TODAY)
    desk = Desk(store, user="bench", clock=lambda: today)
    day = Day.of(today)
    QApplication.instance() or QApplication([sys.argv[0]])
    ctx = UiContext(desk, Settings())
    raw = store._db
    counts_floor = floor_counts_sql(day)
    page_sql, page_params = first_page_sql(day)

    def floor_counts() -> None:
        for sql, params in counts_floor:
            raw.execute(sql, params).fetchone()

    def floor_page() -> None:
        raw.execute(page_sql, page_params).fetchall()

    def floor_screen() -> None:
        floor_counts()
        floor_page()

    def app_screen() -> None:
        view = TodayView(ctx)
        QApplication.processEvents()
        view.deleteLater()

    app_counts_t, floor_counts_t, app_page_t, floor_page_t = [], [], [], []
    app_screen_t, floor_screen_t = [], []
    app_screen()  # warm the page cache and Qt's first-use costs alike for both
    for _ in range(ROUNDS):
        app_counts_t.append(timed(lambda: queue_counts(desk, day)))
        floor_counts_t.append(timed(floor_counts))
        app_page_t.append(timed(lambda: queue_page(desk, day, Queue.DUE, None, PAGE)))
        floor_page_t.append(timed(floor_page))
        app_screen_t.append(timed(app_screen))
        floor_screen_t.append(timed(floor_screen))
    store.close()

    due_sql, due_params = due_rows_sql(Day.of(today, soon_days=WITHIN))
    app_due_t, floor_due_t, app_mb, floor_mb, rows = [], [], 0.0, 0.0, 0
    for _ in range(3):
        start = time.perf_counter()
        done = subprocess.run(
            [
                *(sys.executable, "-c", DUE_APP, "--db", str(copy), "due"),
                *("--within", str(WITHIN), "--on", TODAY, "--format", "csv"),
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        app_due_t.append(time.perf_counter() - start)
        app_mb = max(app_mb, float(done.stderr.split()[-1]) / 1024)
        rows = done.stdout.count("\n") - 1
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", DUE_FLOOR, str(copy), due_sql, *due_params],
            check=True,
            capture_output=True,
            text=True,
        )
        floor_due_t.append(time.perf_counter() - start)
        floor_mb = max(floor_mb, float(done.stderr.split()[-1]) / 1024)
    copy.unlink()
    for suffix in ("-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)

    def line(name: str, app: list[float], floor: list[float]) -> str:
        ratio = statistics.median(app) / statistics.median(floor)
        return f"{persons:>9,}  {name:<34}{best(app)}  floor {best(floor)}  {ratio:5.1f}×"

    return [
        line("Today counts (10 COUNT queries)", app_counts_t, floor_counts_t),
        line("Today first screen (view built)", app_screen_t, floor_screen_t),
        line("Today first page (100 rows)", app_page_t, floor_page_t),
        line(f"due --within {WITHIN} ({rows:,} rows, csv)", app_due_t, floor_due_t)
        + f"  peak {app_mb:.0f} MB, floor {floor_mb:.0f} MB",
    ]


def main() -> None:
    sizes = [int(s) for s in os.environ.get("BENCH_SIZES", "").split(",") if s] or SIZES
    print(f"load before: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")
    with tempfile.TemporaryDirectory() as folder:
        for persons in sizes:
            for text in bench_size(persons, Path(folder)):
                print(text, flush=True)
    print(f"load after: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f}")


if __name__ == "__main__":
    main()
