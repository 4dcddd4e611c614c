"""``permitdesk due``: the working list on a given day, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest

COLUMNS = [
    "status",
    "national_number",
    "surname",
    "given_names",
    "card_number",
    "permit_expiry",
    "due_from",
    "reason",
]


@pytest.fixture
def population(desk, make, today, db_path: Path) -> Path:
    """On ``db_path``: one permit due, one soon due, one expired, one suspended, one later."""
    for surname, days, facts in [
        ("DUE", 30, {}),
        ("SOON", 70, {}),
        ("EXPIRED", -10, {}),
        ("AGED", 30, {"birth_date": date(1950, 1, 1)}),
        ("LATER", 300, {}),
    ]:
        make.permit(make.holder(surname=surname, **facts), today + timedelta(days=days))
    return db_path


def statuses(records: list[dict[str, str]]) -> dict[str, str]:
    return {r["surname"]: r["status"] for r in records}


def test_json_lists_each_permit_with_its_status(run, population: Path) -> None:
    result = run("due", "--on", "2026-11-23", "--format", "json", db=population)
    assert result.code == 0
    records = json.loads(result.out)
    assert statuses(records) == {
        "DUE": "due",
        "SOON": "soon",
        "EXPIRED": "expired",
        "AGED": "suspended",
    }
    assert all(list(record) == COLUMNS for record in records)
    aged = next(r for r in records if r["surname"] == "AGED")
    assert (aged["reason"], aged["permit_expiry"], aged["due_from"]) == (
        "aged_75",
        "2026-12-23",
        "2026-10-23",
    )


def test_csv_parses_back_to_the_same_records(run, population: Path) -> None:
    as_json = json.loads(run("due", "--on", "2026-11-23", "--format", "json", db=population).out)
    result = run("due", "--on", "2026-11-23", "--format", "csv", db=population)
    assert result.code == 0
    reader = csv.DictReader(io.StringIO(result.out))
    assert reader.fieldnames == COLUMNS
    assert list(reader) == as_json


def test_table_has_a_header_and_one_line_per_permit(run, population: Path) -> None:
    result = run("due", "--on", "2026-11-23", db=population)
    lines = result.out.splitlines()
    assert lines[0].split() == COLUMNS
    assert len(lines) == 5
    assert [line.split()[0] for line in lines[1:]] == ["due", "soon", "expired", "suspended"]


def test_within_sets_the_reminder_window(run, population: Path) -> None:
    result = run("due", "--on", "2026-11-23", "--within", "5", "--format", "json", db=population)
    assert "SOON" not in statuses(json.loads(result.out))


def test_on_moves_the_day(run, population: Path) -> None:
    result = run("due", "--on", "2027-01-01", "--format", "json", db=population)
    assert statuses(json.loads(result.out))["DUE"] == "expired"


@pytest.mark.parametrize(
    ("fmt", "expected"), [("table", "nothing due\n"), ("json", "[]\n"), ("csv", "status\n")]
)
def test_nothing_due(run, initialised: Path, fmt: str, expected: str) -> None:
    result = run("due", "--on", "2026-11-23", "--format", fmt, db=initialised)
    assert (result.code, result.out) == (0, expected)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--within", "-1"], "--within must be zero or more days"),
        (["--on", "2026-02-30"], "'2026-02-30' is not a date"),
        (["--on", "tomorrow"], "is not a date"),
        (["--on", "2026-W10-1"], "'2026-W10-1' is not a date (YYYY-MM-DD): ISO week dates"),
        (["--on", "2026-061"], "ordinal dates (day of the year) are not accepted"),
        (["--format", "xml"], "invalid choice"),
    ],
)
def test_bad_arguments_exit_2(run, initialised: Path, argv, message) -> None:
    result = run("due", *argv, db=initialised)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""


def test_csv_cells_a_spreadsheet_would_run_are_made_inert(
    run, desk, make, today, db_path: Path
) -> None:
    for surname, given in [('=HYPERLINK("x")', "+1"), ("-2", "@SUM(A1)"), ("Plain", "Ana")]:
        make.permit(make.holder(surname=surname, given_names=given), today + timedelta(days=30))
    result = run("due", "--on", "2026-11-23", "--format", "csv", db=db_path)
    assert result.code == 0
    cells = {(r["surname"], r["given_names"]) for r in csv.DictReader(io.StringIO(result.out))}
    assert cells == {('\'=HYPERLINK("x")', "'+1"), ("'-2", "'@SUM(A1)"), ("Plain", "Ana")}


def test_due_follows_the_register_as_the_today_queues_do(
    run, desk, make, today, db_path: Path
) -> None:
    """A filing date alone (a cancelled wizard) leaves the holder due; an annex 50 takes
    them off; the counts are the Today view's."""
    from app.domain.model import Case, LabourMarket, Language
    from app.domain.queues import Queue
    from app.services.issuing import issue_annex
    from app.services.worklist import Day, queue_counts

    for surname in ("CANCELLED", "ISSUED"):
        holder = make.holder(surname=surname)
        permit = make.permit(
            holder, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
        )
        file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=today)
    issue_annex(desk, file.id, Language.FR)
    records = json.loads(run("due", "--on", "2026-11-23", "--format", "json", db=db_path).out)
    assert statuses(records) == {"CANCELLED": "due"}
    counts = queue_counts(desk, Day.of(today))
    assert counts[Queue.DUE] == 1
