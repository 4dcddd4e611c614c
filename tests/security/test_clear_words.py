"""Every failure in one sentence: a full disk, a read-only file, JSON nested too deep, a
year PermitDesk cannot compute with. Never "unexpected OperationalError"."""

from __future__ import annotations

import io
import sys

import pytest

from app.cli import main
from app.domain.dates import InvalidDate, parse_day
from app.domain.errors import DiskFull, ReadOnlyDatabase
from app.domain.json_text import JsonRefused, read_json
from app.domain.model import Holder
from app.services.files import save_holder


def test_a_full_disk_is_said(desk) -> None:
    pages = desk.store._db.execute("PRAGMA page_count").fetchone()[0]
    desk.store._db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(DiskFull, match="is full: nothing was written; free some space"):
        for n in range(200):
            save_holder(desk, Holder(surname=f"FULL{n}" * 50, given_names="G" * 500))


def test_a_read_only_file_is_said(desk) -> None:
    desk.store._db.execute("PRAGMA query_only = ON")
    with pytest.raises(ReadOnlyDatabase, match="read-only for this user: nothing was written"):
        save_holder(desk, Holder(surname="READONLY", given_names="G"))


def test_json_nested_too_deep_is_refused_before_parsing() -> None:
    with pytest.raises(JsonRefused, match="nests 100000 levels deep; PermitDesk reads at most"):
        read_json("[" * 100_000 + "]" * 100_000, "stdin")
    assert read_json('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}', "x") == {"a": "[" * 36}


@pytest.mark.parametrize("text", ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"])
def test_a_year_out_of_range_is_refused(text: str) -> None:
    with pytest.raises(InvalidDate, match="PermitDesk works with the years 1900 to 2199"):
        parse_day(text)
    assert parse_day("2199-12-31").year == 2199


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("[" * 50_000 + "]" * 50_000, "stdin nests 50000 levels deep"),
        (
            '{"case": "unlimited_renewal", "today": "9999-12-30", "permit_expiry": "9999-12-31"}',
            "today: '9999-12-30' is out of range",
        ),
    ],
)
def test_assess_says_why_in_one_line(monkeypatch, capsys, stdin: str, message: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(["assess"]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "unexpected" not in err
