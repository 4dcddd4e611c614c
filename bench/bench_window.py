"""The counter window on the 100,000-holder demo database: time until the window is usable
(window built, Today lists loaded; aim: under 2 s) and search latency (aim: under 100 ms),
through the same code the clerk's window runs. Offscreen; prints figures, asserts nothing."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PERSONS = int(os.environ.get("BENCH_PERSONS", "100000"))
TODAY = "2026-11-23"
QUERIES = ["yilmaz", "el amrani", "85.07", "B47", "nguyen thi", "mohamed", "2026000001"]

STARTUP = """
import sys, time
from datetime import date
from pathlib import Path
started = time.perf_counter()
from PySide6.QtWidgets import QApplication
from app.ui.counter import build_counter
from app.ui.main_window import MainWindow
from app.ui.settings import Settings
from app.services.desk import Desk
app = QApplication([])
window = MainWindow(Settings())
build_counter(window, Desk.open(Path(sys.argv[1]), clock=lambda: date(2026, 11, 23)))
window.show()
app.processEvents()
print(f"{time.perf_counter() - started:.2f}")
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.sqlite"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "app",
                "--db",
                str(db),
                "demo",
                "--persons",
                str(PERSONS),
                "--on",
                TODAY,
            ],
            check=True,
            capture_output=True,
        )
        env = {**os.environ, "XDG_CONFIG_HOME": folder, "HOME": folder}
        launches = [
            float(
                subprocess.run(
                    [sys.executable, "-c", STARTUP, str(db)],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=env,
                ).stdout.split()[-1]
            )
            for _ in range(3)
        ]
        print(
            f"window usable ({PERSONS} holders): median {statistics.median(launches):.2f} s "
            f"(runs: {', '.join(f'{s:.2f}' for s in launches)}), from interpreter start "
            "after imports begin"
        )
        from app.services.desk import Desk
        from app.services.search import search

        with Desk.open(db) as desk:
            for query in QUERIES:
                search(desk, query)  # warm the page cache
            timings = []
            for query in QUERIES * 10:
                start = time.perf_counter()
                search(desk, query)
                timings.append((time.perf_counter() - start) * 1000)
        print(
            f"search: median {statistics.median(timings):.1f} ms, "
            f"worst {max(timings):.1f} ms over {len(timings)} queries"
        )


if __name__ == "__main__":
    main()
