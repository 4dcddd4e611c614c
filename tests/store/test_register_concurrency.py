"""Two counters issuing at the same moment on one database file: no gap, no duplicate.

Each worker is a separate process ('spawn': nothing inherited) with its own ``Store`` on
the same file, as two counter PCs on a shared folder would be.
"""

from __future__ import annotations

import multiprocessing
from datetime import date
from pathlib import Path

import pytest

from app.domain.model import Annex, Language, RegisterNumber
from app.services.desk import open_database
from app.services.maintenance import check
from app.store import DocumentDraft

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only

PER_PROCESS = 25
PROCESSES = 2


def _render(number: RegisterNumber) -> tuple[bytes, str]:
    return f"%PDF-1.4 {number}".encode(), "{}"


def _issue_many(path: str, holder_id: int, user: str, start, results) -> None:
    """The worker: wait for the other one, then issue as fast as possible."""
    try:
        with open_database(path) as store:
            register = store.register()
            draft = DocumentDraft(
                annex=Annex.A50,
                language=Language.FR,
                holder_id=holder_id,
                issued_on=date(2026, 11, 23),
                issued_by=user,
            )
            start.wait(timeout=30)
            issued = [
                register.issue("21004", draft, _render).number.sequence for _ in range(PER_PROCESS)
            ]
        results.put((user, issued))
    except Exception as error:  # reported to the test, not lost in the child's stderr
        results.put((user, f"{type(error).__name__}: {error}"))


def test_two_processes_issue_without_gap_or_duplicate(db_path: Path, make) -> None:
    holder_id = make.holder().id
    context = multiprocessing.get_context("spawn")
    start = context.Barrier(PROCESSES)
    results = context.Queue()
    workers = [
        context.Process(
            target=_issue_many, args=(str(db_path), holder_id, f"counter{n}", start, results)
        )
        for n in range(PROCESSES)
    ]
    for worker in workers:
        worker.start()
    outcomes = dict(results.get(timeout=60) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0

    for user, issued in outcomes.items():
        assert isinstance(issued, list), f"{user} failed: {issued}"
        assert len(issued) == PER_PROCESS
        assert issued == sorted(issued), f"{user} got numbers out of order"
    every = sorted(n for issued in outcomes.values() for n in issued)
    assert every == list(range(1, PROCESSES * PER_PROCESS + 1))

    with open_database(db_path) as store:
        assert check(store) == []
        by_user = store._all(
            "SELECT issued_by, count(*) AS n FROM documents GROUP BY issued_by ORDER BY 1"
        )
    assert by_user == [{"issued_by": f"counter{n}", "n": PER_PROCESS} for n in range(PROCESSES)]
