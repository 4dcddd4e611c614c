"""The counter's window against a bare PySide6 window, interleaved in one run at 10k, 100k
and 1M holders (issue 14, point 1: usable within 1.5x at every size).

Each run is a new process, timed from its spawn until its event loop turns for the first
time with the window shown (a zero-delay timer fires then and the child exits at once):

- ``window usable``: the counter as ``permitdesk-gui --db`` starts it (``run_app`` with
  ``start_counter``: the constant-time start-up check, the counter's views, the sign-in
  dialog), on a copy of the cached demo database, first start of the day (the day's
  backup and the full check are queued on a worker thread, killed with the child);
- floor: a bare ``QMainWindow`` shown the same way.

A third line times ``startup_check`` alone, in this process (it has no floor: it must
simply not grow with the data). Offscreen; prints ``name | size | app | floor | ratio``.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.paths import BACKUPS_NAME  # noqa: E402
from bench.databases import SIZES, TODAY, database  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))

_REPORT = """
import os
from PySide6.QtCore import QTimer
def usable():
    print("usable", flush=True)
    os._exit(0)
"""

FLOOR = (
    _REPORT
    + """
from PySide6.QtWidgets import QApplication, QMainWindow
application = QApplication([])
window = QMainWindow()
window.show()
QTimer.singleShot(0, usable)
application.exec()
"""
)

APP = (
    _REPORT
    + """
import sys
from datetime import date
from pathlib import Path
from app.ui.launch import run_app
from app.ui.startup import start_counter
def build(window):
    session = start_counter(
        window, Path(sys.argv[1]), clock=lambda: date.fromisoformat(sys.argv[2])
    )
    if session is None or window.covered:  # a recovery or failure screen is not the counter
        print("covered", flush=True)
        os._exit(1)
    QTimer.singleShot(0, usable)
run_app(build, ["permitdesk-gui"])
"""
)


def _usable(script: str, args: list[str], env: dict[str, str]) -> float:
    """Seconds from spawn to the child's first event-loop turn with its window shown."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = child.stdout.readline()  # type: ignore[union-attr]
    elapsed = time.perf_counter() - started
    child.wait()
    if line.strip() != "usable":
        raise RuntimeError(f"the counter did not open ({line.strip()}, exit {child.returncode})")
    return elapsed


def _startup_check(db: Path) -> float:
    from app.services.backups import startup_check

    startup_check(db)  # the header's page in the cache, as for the window
    started = time.perf_counter()
    state = startup_check(db)
    elapsed = time.perf_counter() - started
    if not state.ok:
        raise RuntimeError(f"{db}: {state.kind} {state.message}")
    return elapsed


def _copy(source: Path, db: Path) -> None:
    """The database and its sealed audit head (without it the start-up check rightly
    finds the chain unvouched and the window opens on the recovery screen)."""
    shutil.copyfile(source, db)
    head = source.parent / BACKUPS_NAME / f"{source.name}.audit-head.json"
    if head.exists():
        (db.parent / BACKUPS_NAME).mkdir()
        shutil.copyfile(head, db.parent / BACKUPS_NAME / f"{db.name}.audit-head.json")


def _bytecode(env: dict[str, str]) -> None:
    """Compile the app as an installation has it (pip writes the ``.pyc`` files), even
    when this shell sets ``PYTHONDONTWRITEBYTECODE``: otherwise every app run would pay
    for compiling its sources, and the floor (site-packages, compiled) would not."""
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "app")], env=env, check=True
    )


def main() -> None:
    print(f"name | holders | app s (median of {ROUNDS}) | floor s | ratio")
    for persons in SIZES:
        with tempfile.TemporaryDirectory(prefix="bench-startup-") as folder:
            db = Path(folder) / "counter.sqlite"
            _copy(database(persons), db)
            env = {**os.environ, "HOME": folder, "XDG_CONFIG_HOME": folder}
            env["XDG_DATA_HOME"] = folder
            env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
            _bytecode(env)
            app, floor = [], []
            for n in range(ROUNDS):
                runs = [(app, APP, [str(db), TODAY]), (floor, FLOOR, [])]
                for times, script, args in runs if n % 2 == 0 else runs[::-1]:
                    times.append(_usable(script, args, env))
            a, f = statistics.median(app), statistics.median(floor)
            print(f"window usable | {persons:,} | {a:.2f} | {f:.2f} | {a / f:.2f}x", flush=True)
            check = _startup_check(db) * 1000
            print(f"start-up check | {persons:,} | {check:.1f} ms | - | -", flush=True)


if __name__ == "__main__":
    main()
