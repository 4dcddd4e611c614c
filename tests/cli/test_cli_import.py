"""``permitdesk import``: a CSV of holders, all or nothing unless ``--skip-invalid``."""

from __future__ import annotations

import re
from pathlib import Path

from app.services.desk import open_database

ERROR_LINE = re.compile(r"^(?P<file>.+\.csv):(?P<row>\d+): (?P<column>[a-z_]*): (?P<message>.+)$")


def holders_in(path: Path) -> int:
    with open_database(path) as store:
        return store.count_holders()


def test_good_file_is_imported(run, initialised: Path, write_csv) -> None:
    path = write_csv([write_csv.good(n) for n in range(1, 4)])
    result = run("import", str(path), db=initialised)
    assert result.code == 0
    assert result.out.strip() == "3 inserted, 0 updated, 0 skipped"
    assert result.err == ""
    again = run("import", str(path), db=initialised)
    assert again.out.strip() == "0 inserted, 3 updated, 0 skipped"
    assert holders_in(initialised) == 3


def test_bad_file_is_rejected_with_located_errors(run, initialised: Path, write_csv) -> None:
    path = write_csv([write_csv.good(1), write_csv.bad, write_csv.good(2)])
    result = run("import", str(path), db=initialised)
    assert result.code == 1
    lines = result.err.strip().splitlines()
    assert lines[-1].startswith("permitdesk: error: ")
    assert "nothing was imported" in lines[-1]
    located = [ERROR_LINE.match(line) for line in lines[:-1]]
    assert located and all(located), lines
    assert {m["file"] for m in located} == {str(path)}  # type: ignore[index]
    assert {m["row"] for m in located} == {"3"}  # type: ignore[index]
    assert {"national_number", "birth_date", "language"} <= {m["column"] for m in located}  # type: ignore[index]
    assert result.out == ""
    assert holders_in(initialised) == 0


def test_skip_invalid_imports_the_rest(run, initialised: Path, write_csv) -> None:
    path = write_csv([write_csv.good(1), write_csv.bad, write_csv.good(2)])
    result = run("import", str(path), "--skip-invalid", db=initialised)
    assert result.code == 0
    assert result.out.strip() == "2 inserted, 0 updated, 1 skipped"
    skipped = result.err.strip().splitlines()
    assert skipped and all(line.startswith(f"skipped {path}:3: ") for line in skipped)
    assert holders_in(initialised) == 2


def test_missing_file_exits_2(run, initialised: Path, tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "nowhere.csv"), db=initialised)
    assert result.code == 2
    assert "does not exist" in result.err


def test_workbook_is_rejected_with_advice(run, initialised: Path, tmp_path: Path) -> None:
    path = tmp_path / "holders.xlsx.csv"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    result = run("import", str(path), db=initialised)
    assert result.code != 0
    assert "CSV" in result.err


def test_non_utf8_file_says_how_to_save_it(run, initialised: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("national_number;surname\n1;Müller\n".encode("latin-1"))
    result = run("import", str(path), db=initialised)
    assert result.code == 2
    assert "CSV UTF-8" in result.err
