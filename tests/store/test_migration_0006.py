"""Migration 0006_deadlines: the date a file event sets gets its column, and a request's
deadline recorded before (at the start of the event's detail) moves there."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.services.desk import open_database
from app.store.connection import connect
from app.store.migrations import MIGRATIONS

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only

EVENTS = [
    ("outcome:information_requested", "2026-12-15 payslips and contract"),
    ("outcome:information_requested", "2027-01-04"),
    ("outcome:information_requested", "see the letter"),
    ("outcome:period_extended", "2027-05-01"),  # no date was kept for extensions before
    ("issued", "annex 50 2026/000001"),
]


def test_requests_recorded_before_keep_their_deadline(db_path: Path) -> None:
    old = connect(db_path)
    MIGRATIONS.apply(old, stop_before="0006_deadlines")
    old.execute("INSERT INTO holders (id, surname, created_at, updated_at) VALUES (1, 'X', '', '')")
    old.execute(
        'INSERT INTO renewal_files (id, holder_id, "case", opened_on, stay_ended) '
        "VALUES (1, 1, 'unlimited_renewal', '2026-11-01', 1)"
    )
    for kind, detail in EVENTS:
        old.execute(
            "INSERT INTO file_events (file_id, kind, on_date, detail, created_at) "
            "VALUES (1, ?, '2026-11-20', ?, '')",
            [kind, detail],
        )
    old.conn.commit()
    old.close()

    with open_database(db_path) as store:
        file = store.get_file(1)
    assert [(e.kind, e.detail, e.due_on) for e in file.events] == [
        ("outcome:information_requested", "payslips and contract", date(2026, 12, 15)),
        ("outcome:information_requested", "", date(2027, 1, 4)),
        ("outcome:information_requested", "see the letter", None),
        ("outcome:period_extended", "2027-05-01", None),
        ("issued", "annex 50 2026/000001", None),
    ]
    assert (file.stay_ended, file.stay_ended_on) == (True, None)
