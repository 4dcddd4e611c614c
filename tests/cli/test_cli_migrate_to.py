"""``permitdesk migrate-to``: one summary line and exit 0 when the register moved, one line
and a non-zero exit (never a traceback) when it was refused."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import psycopg
import pytest

from tests.cli.conftest import Run
from tests.support.copies import copy_live_database


def holders_on(target: str) -> int:
    with psycopg.connect(target) as conn:
        return conn.execute("SELECT count(*) FROM permitdesk.holders").fetchone()[0]


def one_error_line(err: str) -> str:
    """The refusal: stderr's only line that is not a progress line."""
    lines = [line for line in err.splitlines() if not line.startswith("copied ")]
    assert len(lines) == 1, err
    assert lines[0].startswith("permitdesk: error: ")
    return lines[0]


@pytest.mark.postgres
def test_the_demo_register_moves_with_a_summary_line(
    run: Run, demo_db: Path, postgres_database: str
) -> None:
    result = run("migrate-to", postgres_database, db=demo_db)
    assert result.code == 0, result.err
    (line,) = result.out.splitlines()
    assert line.startswith(f"moved {demo_db} to ")
    assert re.search(r"and verified: 200 holders, \d+ register entries \(\d+ PDF versions\)", line)
    assert "password" not in line
    progress = result.err.splitlines()
    assert progress[0].startswith("copied 0% (0 of ")
    assert progress[-1].startswith("copied 100% ")
    assert 2 <= len(progress) <= 12
    assert holders_on(postgres_database) == 200


@pytest.mark.postgres
def test_a_second_move_into_the_same_database_is_refused(
    run: Run, demo_db: Path, postgres_database: str
) -> None:
    other = copy_live_database(demo_db, demo_db.with_name("other.sqlite"))
    assert run("migrate-to", postgres_database, db=demo_db).code == 0
    again = run("migrate-to", postgres_database, db=other)  # another file, not yet moved
    assert again.code == 1
    assert "is not empty" in one_error_line(again.err)
    assert again.out == ""
    moved = run("migrate-to", postgres_database, db=demo_db)  # the moved file itself
    assert moved.code == 1
    assert "already; nothing was copied" in one_error_line(moved.err)
    assert holders_on(postgres_database) == 200


@pytest.mark.postgres
def test_a_login_without_the_owners_rights_is_told_which_role_it_needs(
    run: Run, demo_db: Path, register_database: str
) -> None:
    result = run("migrate-to", register_database, db=demo_db)
    assert result.code == 1
    assert "a member of permitdesk_owner" in one_error_line(result.err)
    assert holders_on(register_database) == 0


@pytest.mark.postgres
def test_a_damaged_file_is_refused_in_one_line(
    run: Run, demo_db: Path, postgres_database: str
) -> None:
    with sqlite3.connect(demo_db) as raw:
        raw.execute("UPDATE document_versions SET pdf = x'00' WHERE id = 1")
    raw.close()
    result = run("migrate-to", postgres_database, db=demo_db)
    assert result.code == 1
    assert "fails its check" in one_error_line(result.err)


def test_a_password_on_the_command_line_is_refused(run: Run, demo_db: Path) -> None:
    result = run("migrate-to", "postgresql://it:secret@server/permitdesk", db=demo_db)
    assert result.code == 2  # bad input, as for --db
    assert "carries a password" in result.err
    assert "secret" not in result.err


def test_a_file_is_not_a_server(run: Run, demo_db: Path, tmp_path: Path) -> None:
    result = run("migrate-to", str(tmp_path / "elsewhere.sqlite"), db=demo_db)
    assert result.code == 1
    assert "is not a PostgreSQL database" in one_error_line(result.err)


def test_without_a_database_file(run: Run, tmp_path: Path) -> None:
    result = run("migrate-to", "host=/nowhere dbname=x", db=tmp_path / "none.sqlite")
    assert result.code == 1
    assert "no database at" in one_error_line(result.err)
