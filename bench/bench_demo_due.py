"""The demo database at scale: ``permitdesk demo --persons 100000`` (aim: under a minute)
and ``permitdesk due --within 60`` on it (aim: under a second), both through the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PERSONS = int(os.environ.get("BENCH_PERSONS", "100000"))
TODAY = "2026-11-23"


def timed(*args: str) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "app", *args], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start, done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "demo.sqlite")
        seconds, _ = timed("--db", db, "demo", "--persons", str(PERSONS), "--on", TODAY)
        print(f"demo --persons {PERSONS}: {seconds:.1f} s")
        size = Path(db).stat().st_size / 1e6
        print(f"database size: {size:.0f} MB")
        runs = []
        for _ in range(5):
            seconds, out = timed(
                "--db", db, "due", "--within", "60", "--on", TODAY, "--format", "csv"
            )
            runs.append(seconds)
        rows = out.count("\n") - 1
        print(
            f"due --within 60: best {min(runs):.2f} s, median {sorted(runs)[2]:.2f} s "
            f"(whole process, {rows} rows)"
        )


if __name__ == "__main__":
    main()
