"""``permitdesk backup`` against its floor, ``sqlite3 .backup``, interleaved in one run at
10k, 100k and 1M holders (issue 14, point 5: within 1.5x).

Two lines per size, on a copy of the cached demo database (``bench.databases``), each run
writing a new file in the same folder, the rounds alternating so that both see the same
page cache:

- ``backup command``: the command an administrator types against the ``sqlite3`` shell's
  ``.backup``, process start included (Python's start-up, about 0.4 s, is most of the
  small sizes' figure);
- ``backup``: the operation itself (``maintenance.backup``: copy, settle, verification,
  fsync and rename) against SQLite's backup API into a new file, in this process.

The full check of the copy is the background's, in neither. Prints
``name | size | app | floor | ratio``.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.databases import SIZES, database  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SQLITE3 = shutil.which("sqlite3")


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def _app(db: Path, out: Path) -> float:
    return _timed([sys.executable, "-m", "app", "--db", str(db), "backup", str(out)])


def _floor(db: Path, out: Path) -> float:
    if SQLITE3:
        return _timed([SQLITE3, str(db), f".backup '{out}'"])
    script = "import sqlite3,sys; sqlite3.connect(sys.argv[1]).backup(sqlite3.connect(sys.argv[2]))"
    return _timed([sys.executable, "-c", script, str(db), str(out)])


def _app_in_process(db: Path, out: Path) -> float:
    from app.services.desk import Desk
    from app.services.maintenance import backup

    with Desk.open(db) as desk:
        started = time.perf_counter()
        backup(desk, out)
        return time.perf_counter() - started


def _floor_in_process(db: Path, out: Path) -> float:
    started = time.perf_counter()
    source, target = sqlite3.connect(db), sqlite3.connect(out)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    return time.perf_counter() - started


def _clear(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


Run = Callable[[Path, Path], float]


def _interleaved(folder: Path, db: Path, app: Run, floor: Run) -> tuple[float, float]:
    """Median seconds of ``app`` and ``floor``, alternating which goes first."""
    times: tuple[list[float], list[float]] = ([], [])
    for n in range(ROUNDS):
        pair = [(0, app), (1, floor)]
        for which, run in pair if n % 2 == 0 else pair[::-1]:
            out = folder / f"copy-{which}-{n}.sqlite"
            times[which].append(run(db, out))
            _clear(out)
    return statistics.median(times[0]), statistics.median(times[1])


def main() -> None:
    floor_name = "sqlite3 .backup" if SQLITE3 else "Connection.backup"
    print(f"name | holders | app s (median of {ROUNDS}) | floor s ({floor_name}) | ratio")
    for persons in SIZES:
        with tempfile.TemporaryDirectory(prefix="bench-backup-") as folder:
            db = Path(folder) / "live.sqlite"
            shutil.copyfile(database(persons), db)
            for name, app, floor in (
                ("backup command", _app, _floor),
                ("backup", _app_in_process, _floor_in_process),
            ):
                a, f = _interleaved(Path(folder), db, app, floor)
                print(f"{name} | {persons:,} | {a:.2f} | {f:.2f} | {a / f:.2f}x", flush=True)


if __name__ == "__main__":
    main()
