"""Nothing empty or partial is ever "good" (issue 11, point 4): ``check``, ``restore`` and
the backups' checks read a file as it is, never migrating it, and refuse with a sentence
what is empty, not PermitDesk's, of another schema, or older than the live register."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.errors import DatabaseTooNew, DatabaseTooOld, DatabaseUnreadable
from app.domain.model import Holder, Language
from app.services import backups
from app.services.desk import open_database
from app.services.issuing import issue_annex
from app.services.maintenance import backup, check_file, restore
from app.store.connection import connect, settle
from app.store.migrations import MIGRATIONS, known_names

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _older(path: Path) -> Path:
    """A database with this version's schema but its last migration not applied."""
    db = connect(path)
    MIGRATIONS.apply(db, stop_before=known_names()[-1])
    db.close()
    settle(path)  # one file, as backups are
    return path


def _documents(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def issued(desk, scenarios):
    """A live database with two register entries (2026/000001 and 2026/000002)."""
    issue_annex(desk, scenarios.r3().id, Language.FR)
    issue_annex(desk, scenarios.r2().id, Language.NL)
    return desk


def test_check_refuses_an_empty_file_and_leaves_it_empty(tmp_path: Path) -> None:
    path = tmp_path / "empty.sqlite"
    path.write_bytes(b"")
    with pytest.raises(DatabaseUnreadable, match=r"is empty \(0 bytes\)"):
        check_file(path)
    assert path.read_bytes() == b"" and _files(tmp_path) == ["empty.sqlite"]


def test_check_refuses_an_sqlite_file_without_permitdesks_schema(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(DatabaseUnreadable, match="not a PermitDesk database"):
        check_file(path)
    assert path.read_bytes() == before


def test_check_does_not_migrate_an_older_file(tmp_path: Path) -> None:
    path = _older(tmp_path / "older.sqlite")
    before = path.read_bytes()
    with pytest.raises(DatabaseTooOld, match=f"it lacks {known_names()[-1]}"):
        check_file(path)
    assert path.read_bytes() == before
    assert _files(tmp_path) == ["older.sqlite"]  # no pre-migration backup either


def test_check_refuses_a_newer_file(db_path: Path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('permitdesk', '0099_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseTooNew, match="newer version"):
        check_file(db_path)


def test_check_of_a_sound_file(issued, db_path: Path) -> None:
    problems, chain = check_file(db_path)
    assert problems == [] and chain.startswith("audit chain:")


def test_restore_refuses_an_empty_backup(issued, db_path: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.sqlite"
    empty.write_bytes(b"")
    issued.store.close()
    before = _files(db_path.parent)
    with pytest.raises(DatabaseUnreadable, match=r"empty \(0 bytes\).*nothing was restored"):
        restore(empty, db_path)
    assert _documents(db_path) == 2
    assert _files(db_path.parent) == before


def test_restore_refuses_a_file_without_the_schema(issued, db_path, tmp_path) -> None:
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).close()  # a valid, empty SQLite file: 0 bytes too
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    issued.store.close()
    with pytest.raises(DatabaseUnreadable, match="not a PermitDesk database"):
        restore(other, db_path)
    assert _documents(db_path) == 2


def test_restore_refuses_a_backup_older_than_the_live_register(
    issued, scenarios, db_path: Path, tmp_path: Path
) -> None:
    """The backup ends at 2026/000002, the live register at 000003: restoring it would
    hand out 000003 a second time."""
    old = backup(issued, tmp_path / "old.sqlite")
    issue_annex(issued, scenarios.r5().id, Language.FR)
    issued.store.close()
    with pytest.raises(DatabaseUnreadable, match="ends at 2, the live one at 3") as refused:
        restore(old, db_path)
    assert "--older-register" in str(refused.value)
    assert _documents(db_path) == 3
    assert restore(old, db_path, allow_older_register=True) is not None
    assert _documents(db_path) == 2
    assert check_file(db_path)[0] == []


def test_an_older_backup_is_restored_and_migrated(tmp_path: Path) -> None:
    """Decided: a backup from an older version may be restored; its staged copy is
    migrated, checked, then put in place (the backup itself stays as it was)."""
    source = _older(tmp_path / "older.sqlite")
    before = source.read_bytes()
    target = tmp_path / "live" / "permitdesk.sqlite"
    target.parent.mkdir()
    assert restore(source, target) is None
    assert source.read_bytes() == before
    problems, _chain = check_file(target)
    assert problems == []


def test_a_zero_byte_daily_backup_is_no_backup_and_is_written_again(
    desk, db_path: Path, today
) -> None:
    folder = db_path.parent / "backups"
    folder.mkdir()
    (folder / "permitdesk-2026-11-23.sqlite").write_bytes(b"")  # the disk was full
    assert backups.checked_backups(folder) == []
    desk.store.save_holder(Holder("Retried", "Backup"))
    written = backups.daily_backup(desk, None, today)
    assert written == folder / "permitdesk-2026-11-23.sqlite"
    assert written.stat().st_size > 0
    assert list(folder.glob("permitdesk-2026-11-23.sqlite.unusable-*"))
    written.write_bytes(b"")
    assert backups.latest_good_backup(folder) is None  # and it is set aside again
    assert list(folder.glob("permitdesk-2026-11-23.sqlite.failed-*"))


def test_only_checked_copies_are_offered_newest_first(desk, db_path: Path, today) -> None:
    folder = db_path.parent / "backups"
    days = [today - timedelta(days=n) for n in (3, 2, 1)]
    written = [backups.daily_backup(desk, None, day) for day in days]
    for path in written[:2]:
        assert backups.full_check_of_backup(path) == []  # type: ignore[arg-type]
    assert backups.checked_backups(folder) == [written[1], written[0]]
    written[1].write_bytes(written[1].read_bytes() + b"\0")  # type: ignore[union-attr]
    assert backups.checked_backups(folder) == [written[0]]  # changed since its check
    state = backups.needs_restore("damaged", "x", ("x",), folder)
    # the recovery pass checks the unchecked newest one, which passes; the changed one
    # fails its check and is set aside
    assert state.latest_good_backup == written[2]
    assert state.backups == (written[2], written[0])
