"""``permitdesk check``, ``backup`` and ``restore``."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.model import Case, LabourMarket, Language
from app.services.desk import Desk, open_database
from app.services.issuing import issue_annex


def tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_check_of_a_sound_database(run, demo_db: Path) -> None:
    result = run("check", db=demo_db)
    assert (result.code, result.out) == (0, "database is sound\n")


def test_check_after_tampering_prints_the_problem(run, demo_db: Path) -> None:
    tamper(demo_db, "UPDATE document_versions SET pdf = x'00' WHERE document_id = 1")
    result = run("check", db=demo_db)
    assert result.code == 1
    assert result.out.splitlines() == [
        "problem: document 2026/000001 version 0: PDF does not match hash",
        "1 problem(s) found",
    ]


def test_check_of_a_file_that_is_no_database(run, tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("shopping list\n" * 100)
    result = run("check", db=path)
    assert result.code == 1
    assert "not a PermitDesk database" in result.err


def test_backup_to_a_folder_then_restore(run, demo_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)  # the audit head lives there already
    result = run("backup", str(folder), db=demo_db)
    assert result.code == 0
    (written,) = folder.glob("*.sqlite")
    assert result.out.strip() == f"backup written to {written}"

    with open_database(demo_db) as store:  # a change made after the backup
        store.set_setting("marker", "after backup")
    result = run("restore", str(written), db=demo_db)
    assert result.code == 0
    lines = result.out.strip().splitlines()
    assert lines[0] == f"restored {demo_db} from {written}"
    assert lines[1].startswith("the previous database was kept as ")
    kept = Path(lines[1].removeprefix("the previous database was kept as "))
    with open_database(demo_db) as store:
        assert store.get_setting("marker") is None
    with open_database(kept) as store:
        assert store.get_setting("marker") == "after backup"
    assert run("check", db=demo_db).code == 0


def test_backup_into_a_missing_folder_is_refused(run, demo_db: Path, tmp_path: Path) -> None:
    result = run("backup", str(tmp_path / "typo" / "copy.sqlite"), db=demo_db)
    assert (result.code, result.out) == (2, "")
    assert (
        result.err.startswith("permitdesk: error: the folder ") and "does not exist" in result.err
    )
    assert not (tmp_path / "typo").exists()


def test_backup_refuses_to_overwrite(run, demo_db: Path, tmp_path: Path) -> None:
    taken = tmp_path / "taken.sqlite"
    taken.write_bytes(b"keep me")
    result = run("backup", str(taken), db=demo_db)
    assert result.code == 2
    assert "exists already" in result.err
    assert taken.read_bytes() == b"keep me"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"garbage" * 1000, 1, "not a PermitDesk database"),
        (None, 2, "does not exist"),
    ],
    ids=["corrupt", "missing"],
)
def test_restore_refuses_and_leaves_the_database(
    run, demo_db: Path, tmp_path: Path, content, code, message
) -> None:
    source = tmp_path / "backup.sqlite"
    if content is not None:
        source.write_bytes(content)
    before = demo_db.read_bytes()
    result = run("restore", str(source), db=demo_db)
    assert result.code == code
    assert message in result.err
    assert demo_db.read_bytes() == before


def test_restore_refuses_a_backup_from_a_newer_version(run, demo_db: Path, tmp_path) -> None:
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(demo_db.read_bytes())
    tamper(
        newer,
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('permitdesk', '0099_from_the_future', '2030-01-01')",
    )
    result = run("restore", str(newer), db=demo_db)
    assert result.code == 1
    assert "newer version of PermitDesk" in result.err


def test_check_of_an_empty_file_says_why_and_creates_nothing(run, tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    result = run("check", db=path)
    assert (result.code, result.out) == (1, "")
    assert "is empty (0 bytes)" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.sqlite"]
    assert path.read_bytes() == b""


def test_restore_of_an_older_register_needs_its_option(
    run, demo_db: Path, tmp_path: Path, make, today
) -> None:
    """A backup taken before the last annex was issued is refused, then restored with
    --older-register."""
    old = tmp_path / "old.sqlite"
    assert run("backup", str(old), db=demo_db).code == 0
    with Desk.open(demo_db, user="clerk", clock=lambda: today) as desk:
        make = type(make)(desk.store)  # the same factory, on the demo database
        holder = make.holder()
        permit = make.permit(
            holder, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
        )
        file = make.file(holder, permit, Case.UNLIMITED_RENEWAL)
        (issued,) = issue_annex(desk, file.id, Language.FR)
    top = issued.number.sequence
    result = run("restore", str(old), db=demo_db)
    assert result.code == 1
    assert f"ends at {top - 1}, the live one at {top}" in result.err
    assert "--older-register" in result.err
    assert run("restore", str(old), "--older-register", db=demo_db).code == 0
    assert run("check", db=demo_db).out == "database is sound\n"
