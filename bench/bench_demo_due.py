"""The demo generator and ``permitdesk due`` at 10k, 100k and 1M holders (issue 14, point 6
and the due row of its table), each through the command line in a process of its own.

``demo``: wall-clock time, CPU time and peak resident memory (aims at 1M: under 90 s and
under 300 MB). ``due --within 60 --format csv``: the whole process against one SELECT of
the permits in the same window, printed as CSV by a bare ``sqlite3`` script."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.databases import SEED, TODAY, database
from bench.measure import sizes
from bench.table import Row, emit

RUNS = 3
#: Runs a command and prints its peak resident memory (KiB) and CPU seconds.
RUSAGE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "stdout=subprocess.DEVNULL); r = resource.getrusage(resource.RUSAGE_CHILDREN); "
    "print(r.ru_maxrss, r.ru_utime + r.ru_stime)"
)
FLOOR = """
import csv, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = csv.writer(sys.stdout)
out.writerow(["national_number", "surname", "given_names", "card_number", "expiry"])
out.writerows(db.execute(
    "SELECT h.national_number, h.surname, h.given_names, p.card_number, p.expiry "
    "FROM permits p JOIN holders h ON h.id = p.holder_id "
    "WHERE p.expiry <= date(?, '+60 days', '+2 months') ORDER BY p.expiry", [sys.argv[2]]))
"""


def demo(persons: int, folder: Path) -> None:
    target = folder / "demo.sqlite"
    command = [sys.executable, "-m", "app", "--db", str(target), "demo"]
    command += ["--persons", str(persons), "--seed", str(SEED), "--on", TODAY]
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUSAGE, *command], check=True, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    peak_kib, cpu = done.stdout.split()
    emit(
        Row(f"demo --persons {persons}", persons, seconds, unit="s", note=f"CPU {float(cpu):.1f} s")
    )
    emit(Row(f"demo --persons {persons}, peak memory", persons, int(peak_kib) / 1024, unit="MB"))


def seconds_of(command: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, done.stdout.count("\n") - 1


def due(persons: int, folder: Path) -> None:
    copy = folder / "due.sqlite"  # opening migrates: never the cached file
    shutil.copy(database(persons), copy)
    app = [sys.executable, "-m", "app", "--db", str(copy), "due", "--within", "60"]
    app += ["--on", TODAY, "--format", "csv"]
    seconds_of(app)  # migrations, if any, before the clock runs
    floor = [sys.executable, "-c", FLOOR, str(copy), TODAY]
    app_runs, floor_runs = [], []
    for _ in range(RUNS):
        seconds, rows = seconds_of(app)
        app_runs.append(seconds)
        floor_seconds, floor_rows = seconds_of(floor)
        floor_runs.append(floor_seconds)
    emit(
        Row(
            "due --within 60 (whole process)",
            persons,
            sorted(app_runs)[RUNS // 2],
            sorted(floor_runs)[RUNS // 2],
            "s",
            f"{rows:,} rows; floor one SELECT of {floor_rows:,} permits as CSV",
        )
    )


def main() -> None:
    for persons in sizes():
        with tempfile.TemporaryDirectory() as name:
            demo(persons, Path(name))
            due(persons, Path(name))


if __name__ == "__main__":
    main()
