"""Kill -9 a process that issues documents, hundreds of times: nothing committed is lost.

A child saves holders, permits and files and issues annexes (real services, real render)
and reports each committed operation; the parent kills it with SIGKILL after a random
number of reports (sometimes at once, before any), starts another, and counts. At the
end the database must pass ``check`` (SQLite integrity, register without gap or double,
every PDF matching its hash, the audit chain and its head), and each kill may have lost at
most the operation in flight: the database holds every reported operation, and at most
one more per kill.

Children are forked from a server that has imported the application already (a fresh
interpreter costs half a second); one run in forty is a real ``python -m
tests.crash.worker`` read line by line. ``PERMITDESK_KILLS`` sets the number of kills.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.services.desk import open_database
from app.services.maintenance import check

from . import worker

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("PERMITDESK_KILLS", "200"))
SEED = 20261123
MAX_LINES = 14  # a run does 0..14 operations: up to three and a half annexes
READ_TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {
            kind: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for kind, table in (
                ("holder", "holders"),
                ("permit", "permits"),
                ("file", "renewal_files"),
                ("issued", "documents"),
            )
        }
    finally:
        conn.close()


def _run_forked(context, path: Path, lines: int) -> list[str]:
    """One child, killed after ``lines`` reports; returns the reports it made."""
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=worker.child, args=(str(path), sender))
    process.start()
    sender.close()
    seen: list[str] = []
    try:
        while len(seen) < lines:
            if not receiver.poll(READ_TIMEOUT):
                raise AssertionError(f"the worker said nothing for {READ_TIMEOUT} s")
            seen.append(receiver.recv())
    finally:
        os.kill(process.pid, signal.SIGKILL)  # type: ignore[arg-type]
        process.join()
    # what the child sent before it died is committed too: read it all
    while receiver.poll(0):
        try:
            seen.append(receiver.recv())
        except EOFError:
            break
    receiver.close()
    assert process.exitcode == -signal.SIGKILL
    return seen


def _run_command(path: Path, lines: int) -> list[str]:
    """The same through ``python -m tests.crash.worker DB``, its stdout read line by line."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.crash.worker", str(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    try:
        while len(seen) < lines:
            line = process.stdout.readline()  # type: ignore[union-attr]
            assert line, "the worker stopped before it was killed"
            seen.append(line.strip())
    finally:
        process.send_signal(signal.SIGKILL)
        rest = process.communicate()[0]
    seen += [line for line in rest.splitlines() if line]
    assert process.returncode == -signal.SIGKILL
    return seen


def test_sigkill_loses_nothing_committed(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite"
    worker.prepare(path)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([worker.__name__])
    rng = random.Random(SEED)
    reported = dict.fromkeys(("holder", "permit", "file", "issued"), 0)
    lost_in_flight = dict.fromkeys(reported, 0)
    started = time.monotonic()
    for kill in range(KILLS):
        lines = 0 if rng.random() < 0.1 else rng.randint(1, MAX_LINES)
        run = _run_command if kill % 40 == 39 else _run_forked
        seen = run(path, lines) if run is _run_command else run(context, path, lines)
        for line in seen:
            reported[line.split()[0]] += 1
        extras = {
            kind: count - reported[kind] - lost_in_flight[kind]
            for kind, count in _counts(path).items()
        }
        assert all(extra >= 0 for extra in extras.values()), f"kill {kill}: lost {extras}"
        assert sum(extras.values()) <= 1, f"kill {kill}: more than one in flight {extras}"
        for kind, extra in extras.items():
            lost_in_flight[kind] += extra
    elapsed = time.monotonic() - started
    with open_database(path) as store:
        assert check(store) == []
        sequences = [r[0] for r in store._db.execute("SELECT sequence FROM documents ORDER BY 1")]
    assert sequences == list(range(1, len(sequences) + 1))
    assert len(sequences) == reported["issued"] + lost_in_flight["issued"]
    assert sum(lost_in_flight.values()) <= KILLS
    log.warning(
        "%d kills in %.1f s: %d documents issued, %d of them committed but unreported",
        KILLS,
        elapsed,
        len(sequences),
        lost_in_flight["issued"],
    )
    print(f"\n{KILLS} kills in {elapsed:.1f} s; {len(sequences)} documents; {lost_in_flight}")
