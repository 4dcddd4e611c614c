"""Daily backups, rotation, the latest good backup, and the start-up check."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.model import Holder
from app.services import backups, maintenance
from app.services.desk import open_database
from app.services.files import save_holder


@pytest.fixture
def folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def test_first_start_of_the_day_backs_up_once(desk, folder, today) -> None:
    save_holder(desk, Holder("Daily", "Backup"))
    written = backups.daily_backup(desk, None, today)
    assert written == folder / "permitdesk-2026-11-23.sqlite"
    assert backups.daily_backup(desk, None, today) is None
    assert backups.list_backups(folder) == [written]


def test_a_backup_cut_off_leaves_nothing_under_its_name_and_is_retried(
    desk, folder, today, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while the copy is checked: no file stands as the day's backup, no
    partial file is left, and the next start of the same day writes the backup."""
    save_holder(desk, Holder("Daily", "Backup"))

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched, pytest.raises(OSError, match="No space left"):
        patched.setattr(maintenance, "verify_copy", disk_full)
        backups.daily_backup(desk, None, today)
    assert sorted(p.name for p in folder.iterdir() if "permitdesk-" in p.name) == []
    written = backups.daily_backup(desk, None, today)
    assert written == folder / "permitdesk-2026-11-23.sqlite"
    assert backups.backup_problems(written) == []
    assert not list(folder.glob("*.partial*"))


def test_rotation_keeps_thirty(desk, folder, today) -> None:
    for n in range(33):
        backups.daily_backup(desk, folder, today - timedelta(days=32 - n))
    kept = backups.list_backups(folder)
    assert len(kept) == 30
    assert kept[0].name == "permitdesk-2026-11-23.sqlite"
    assert kept[-1].name == "permitdesk-2026-10-25.sqlite"


def test_latest_good_backup_skips_a_damaged_one(desk, folder, today) -> None:
    older = backups.daily_backup(desk, folder, today - timedelta(days=1))
    newer = backups.daily_backup(desk, folder, today)
    assert backups.latest_good_backup(folder) == newer
    newer.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)  # type: ignore[union-attr]
    assert backups.latest_good_backup(folder) == older
    assert backups.latest_good_backup(folder / "nowhere") is None


def test_checking_a_backup_leaves_it_untouched(desk, folder, today) -> None:
    written = backups.daily_backup(desk, folder, today)
    before = written.read_bytes()  # type: ignore[union-attr]
    assert backups.backup_problems(written) == []  # type: ignore[arg-type]
    assert written.read_bytes() == before  # type: ignore[union-attr]


def test_startup_ok_and_new(desk, db_path, tmp_path) -> None:
    assert backups.startup_check(db_path).kind == "ok"
    assert backups.startup_check(tmp_path / "new.sqlite").message.startswith("a new database")


def test_startup_unreadable_offers_the_latest_good_backup(desk, db_path, folder, today) -> None:
    good = backups.daily_backup(desk, folder, today)
    desk.store.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"garbage" * 1000)
    state = backups.startup_check(db_path)
    assert state.kind == "unreadable" and not state.ok
    assert state.latest_good_backup == good


def test_damage_beyond_the_tails_is_found_by_the_background_check(
    desk, db_path, folder, today
) -> None:
    """The start-up reads constant amounts (the index is not walked); the full check run
    after it finds the stale index and offers the checked backup."""
    good = backups.daily_backup(desk, folder, today - timedelta(days=1))
    backups.full_check_of_backup(good)  # type: ignore[arg-type]
    desk.store._db.execute("DELETE FROM holder_search")
    save_holder(desk, Holder("Not", "Indexed"))
    desk.store._db.execute("DELETE FROM holder_search")
    assert backups.startup_check(db_path).kind == "ok"
    report = backups.background_check(desk, today)
    assert report.written == folder / "permitdesk-2026-11-23.sqlite"
    assert report.problems == ("search index has 0 entries for 1 holders",)
    assert report.damaged is not None and report.damaged.kind == "damaged"
    assert report.damaged.latest_good_backup == good
    assert report.damaged.backups == (good,)  # today's copy of the damage was set aside
    assert list(folder.glob("permitdesk-2026-11-23.sqlite.failed-*"))


def test_startup_sees_a_register_counter_ahead_of_its_documents(desk, db_path) -> None:
    desk.store._db.execute(
        "INSERT INTO register_counters (commune_nis, year, last_sequence) VALUES ('21004', 2026, 3)"
    )
    state = backups.startup_check(db_path)
    assert state.kind == "damaged"
    assert "counter is at 3, its last document at 0" in state.message


def test_startup_too_new(db_path) -> None:
    open_database(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('permitdesk', '0099_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    assert backups.startup_check(db_path).kind == "too_new"


def test_startup_locked(db_path, monkeypatch) -> None:
    from app.store import connection

    open_database(db_path).close()
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_SECONDS", 0.05)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("PRAGMA journal_mode = DELETE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        assert backups.startup_check(db_path).kind == "locked"
    finally:
        other.execute("ROLLBACK")
        other.close()


MOUNTS = """\
/dev/sda1 / ext4 rw 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//server/share /mnt/smb cifs rw 0 0
/dev/sdb1 /mnt/smb/local ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/clerk/permitdesk.sqlite", False),
        ("/mnt/nfs/permitdesk.sqlite", True),
        ("/mnt/smb/data/permitdesk.sqlite", True),
        ("/mnt/smb/local/permitdesk.sqlite", False),  # a local disk mounted inside a share
        ("/mnt/nfsish/permitdesk.sqlite", False),
    ],
)
def test_network_share_by_mount_type(path: str, network: bool) -> None:
    assert (backups.network_share(Path(path), MOUNTS) is not None) is network


@pytest.mark.parametrize("path", [r"\\server\share\permitdesk.sqlite", "//server/share/x.sqlite"])
def test_unc_paths_are_network_shares(path: str) -> None:
    assert "UNC" in (backups.network_share(Path(path), "") or "")


def test_backup_dates_in_names() -> None:
    assert backups.backup_date(Path("permitdesk-2026-11-23.sqlite")) == date(2026, 11, 23)
    assert backups.backup_date(Path("permitdesk-20261123T101500Z.sqlite")) == date(2026, 11, 23)
    assert backups.backup_date(Path("notes.sqlite")) is None
