"""``permitdesk due --deadlines``: the open files' deadlines after the renewal lists, each
with its status and dates; without the flag the output is what it was."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.model import Case, LabourMarket, Language, Outcome
from app.services.files import record_outcome
from app.services.issuing import issue_annex

EXTRA = ["document_number", "since", "deadline", "valid_until", "cover_until", "cover_gap_days"]


@pytest.fixture
def deadlines(desk, make, clock, today, db_path: Path) -> Path:
    """A permit due; an annex 50 issued on 1 September 2026 (decision due 1 January 2027,
    cover until 30 December 2026); a request due 8 December; a first registration waiting
    for its residence check; a stay ended yesterday."""
    make.permit(make.holder(surname="DUE"), today + timedelta(days=30))
    holder = make.holder(surname="FILED")
    permit = make.permit(holder, date(2026, 9, 20), labour_market=LabourMarket.UNLIMITED)
    clock.day = date(2026, 9, 1)
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=clock.day)
    issue_annex(desk, file.id, Language.FR)
    clock.day = today
    holder = make.holder(surname="ASKED")
    permit = make.permit(holder, today + timedelta(days=10), labour_market=LabourMarket.UNLIMITED)
    asked = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=today)
    record_outcome(
        desk, asked.id, Outcome.INFORMATION_REQUESTED, today, "", today + timedelta(days=15)
    )
    newcomer = make.file(make.holder(surname="NEW"), None, Case.FIRST_REGISTRATION)
    issue_annex(desk, newcomer.id, Language.FR)
    holder = make.holder(surname="ENDED")
    ended = make.file(
        holder,
        make.permit(holder, today + timedelta(days=20)),
        Case.WORK_AUTHORISATION_ENDED,
        work_authorisation_ended_on=today - timedelta(days=30),
    )
    record_outcome(desk, ended.id, Outcome.STAY_ENDED, today - timedelta(days=1))
    return db_path


def test_without_the_flag_the_output_is_unchanged(run, deadlines: Path) -> None:
    records = json.loads(run("due", "--on", "2026-11-23", "--format", "json", db=deadlines).out)
    assert {r["status"] for r in records} <= {"due", "soon", "expired", "suspended"}
    assert "deadline" not in records[0]


def test_deadlines_are_listed_with_their_dates(run, deadlines: Path) -> None:
    result = run("due", "--on", "2026-11-23", "--deadlines", "--format", "json", db=deadlines)
    assert result.code == 0
    records = {r["surname"]: r for r in json.loads(result.out)}
    assert records["DUE"]["status"] == "due"
    assert list(records["DUE"])[-len(EXTRA) :] == EXTRA
    filed = records["FILED"]
    assert (filed["status"], filed["since"], filed["deadline"]) == (
        "decision_due",
        "2026-09-01",
        "2027-01-01",
    )
    assert (filed["cover_until"], filed["cover_gap_days"], filed["reason"]) == (
        "2026-12-30",
        "2",
        "cover_gap",
    )
    assert filed["document_number"] == "2026/000001"
    asked = records["ASKED"]
    assert (asked["status"], asked["since"], asked["deadline"]) == (
        "information_due",
        "2026-11-23",
        "2026-12-08",
    )
    new = records["NEW"]
    assert (new["status"], new["since"], new["valid_until"], new["cover_until"]) == (
        "residence_check",
        "2026-11-23",
        "2027-01-07",
        "2027-04-07",
    )
    assert (records["ENDED"]["status"], records["ENDED"]["since"]) == ("stay_ended", "2026-11-22")


def test_an_overdue_request_says_so(run, deadlines: Path) -> None:
    result = run("due", "--on", "2026-12-09", "--deadlines", "--format", "csv", db=deadlines)
    rows = {r["surname"]: r for r in csv.DictReader(io.StringIO(result.out))}
    assert (rows["ASKED"]["status"], rows["ASKED"]["reason"]) == ("information_due", "overdue")


def test_the_table_lists_every_status(run, deadlines: Path) -> None:
    result = run("due", "--on", "2026-11-23", "--deadlines", db=deadlines)
    lines = result.out.splitlines()
    assert lines[0].split()[-len(EXTRA) :] == EXTRA
    statuses = [line.split()[0] for line in lines[1:]]
    # DUE and ENDED's permit are due; no attestation ends within the week here.
    assert statuses == [
        "due",
        "due",
        "decision_due",
        "information_due",
        "residence_check",
        "stay_ended",
    ]
