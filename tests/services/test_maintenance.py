"""Integrity check, backup and restore of the database file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from app.domain.errors import DatabaseTooNew, DatabaseUnreadable
from app.domain.model import Holder, Language
from app.services.desk import open_database
from app.services.issuing import issue_annex
from app.services.maintenance import backup, check, restore
from app.store import audit as audit_store

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def filled(desk, scenarios):
    """A desk whose database holds holders, files and three register entries."""
    issue_annex(desk, scenarios.r3().id, Language.FR)
    issue_annex(desk, scenarios.r2().id, Language.NL)
    issue_annex(desk, scenarios.r5().id, Language.FR)
    return desk


def holders_in(path: Path) -> int:
    with open_database(path) as store:
        return store.count_holders()


def test_check_is_empty_on_a_sound_database(filled) -> None:
    assert check(filled.store) == []


def test_check_reports_a_stale_search_index(filled) -> None:
    filled.store._execute("DELETE FROM holder_search WHERE rowid = 1")
    assert check(filled.store) == ["search index has 2 entries for 3 holders"]


def test_check_reports_a_tampered_register(filled) -> None:
    filled.store._execute("UPDATE document_versions SET pdf = x'00' WHERE document_id = 2")
    assert check(filled.store) == ["document 2026/000002 version 0: PDF does not match hash"]


def test_check_reports_a_broken_foreign_key(filled) -> None:
    filled.store._execute("PRAGMA foreign_keys = OFF")
    filled.store._execute("UPDATE permits SET holder_id = 999 WHERE id = 1")
    problems = check(filled.store)
    assert any(p.startswith("foreign key: permits row 1") for p in problems)


# -- backup ------------------------------------------------------------------------------------


def test_backup_to_a_file(filled, tmp_path: Path) -> None:
    target = tmp_path / "backups" / "monday.sqlite"  # the audit head's folder, there already
    assert backup(filled, target) == target
    assert holders_in(target) == 3
    with open_database(target) as copy:
        assert check(copy, audit_head=False) == []  # a copy: its head is the live file's


def test_backup_to_a_folder_gets_a_dated_name(filled, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir(exist_ok=True)  # the audit head lives there already
    written = backup(filled, folder)
    assert written.parent == folder
    assert written.name.startswith("permitdesk-") and written.suffix == ".sqlite"
    assert holders_in(written) == 3


def test_backup_refuses_a_folder_that_does_not_exist(filled, tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "monday.sqlite"
    with pytest.raises(FileNotFoundError, match="does not exist; create it"):
        backup(filled, target)
    assert not target.parent.exists()


def test_backup_never_overwrites(filled, tmp_path: Path) -> None:
    target = tmp_path / "taken.sqlite"
    target.write_bytes(b"precious")
    with pytest.raises(FileExistsError, match="exists already"):
        backup(filled, target)
    assert target.read_bytes() == b"precious"


# -- restore -----------------------------------------------------------------------------------


@pytest.fixture
def good_backup(filled, tmp_path: Path) -> Path:
    return backup(filled, tmp_path / "good.sqlite")


@pytest.fixture
def live(tmp_path: Path) -> Path:
    """The database to replace, alone in its folder, with one holder."""
    path = tmp_path / "live" / "permitdesk.sqlite"
    path.parent.mkdir()
    with open_database(path) as store:
        store.save_holder(Holder(surname="Live", given_names=""))
    return path


def test_restore_replaces_and_keeps_the_previous_file(good_backup: Path, live: Path) -> None:
    backup_bytes = good_backup.read_bytes()
    kept = restore(good_backup, live)
    assert holders_in(live) == 3
    assert kept is not None and kept.name.startswith("permitdesk.sqlite.before-restore-")
    assert holders_in(kept) == 1
    assert good_backup.read_bytes() == backup_bytes  # the backup itself is untouched
    assert not list(live.parent.glob("*.restoring*"))
    with open_database(live) as store:
        assert check(store) == []


def test_restore_into_a_new_place(good_backup: Path, tmp_path: Path) -> None:
    target = tmp_path / "fresh.sqlite"
    assert restore(good_backup, target) is None
    assert holders_in(target) == 3


def test_restore_refuses_a_corrupt_file(tmp_path: Path, live: Path) -> None:
    corrupt = tmp_path / "corrupt.sqlite"
    corrupt.write_bytes(b"SQLite format 3\x00" + b"\xde\xad" * 4000)
    before = live.read_bytes()
    with pytest.raises(DatabaseUnreadable):
        restore(corrupt, live)
    assert live.read_bytes() == before
    assert holders_in(live) == 1
    assert sorted(p.name for p in live.parent.iterdir()) == ["permitdesk.sqlite"]


def test_restore_refuses_a_backup_that_fails_the_check(good_backup: Path, live: Path) -> None:
    conn = sqlite3.connect(good_backup)
    conn.execute("UPDATE document_versions SET pdf = x'00' WHERE document_id = 1")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseUnreadable, match="nothing was restored"):
        restore(good_backup, live)
    assert holders_in(live) == 1


def test_restore_refuses_a_too_new_file(good_backup: Path, live: Path) -> None:
    conn = sqlite3.connect(good_backup)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('permitdesk', '0099_from_the_future', '2030-01-01')"
    )
    conn.commit()
    conn.close()
    before = live.read_bytes()
    with pytest.raises(DatabaseTooNew):
        restore(good_backup, live)
    assert live.read_bytes() == before


def test_restore_of_a_missing_file(tmp_path: Path, live: Path) -> None:
    with pytest.raises(FileNotFoundError):
        restore(tmp_path / "nowhere.sqlite", live)
    assert holders_in(live) == 1


def test_a_restore_records_the_chain_it_replaced(filled, good_backup: Path, db_path) -> None:
    """The restored file's audit trail goes on from the backup's, and its first new row
    names the live chain it replaced: the break stays on the record."""
    filled.store.audit("clerk", "export", "holder", 1)  # the live chain moves past the backup
    replaced = audit_store.tail(filled.store)
    filled.store.close()
    restore(good_backup, db_path, user="admin")
    with open_database(db_path) as store:
        assert check(store) == []
        last = store._one("SELECT * FROM audit_log ORDER BY id DESC LIMIT 1")
        assert last is not None and last["action"] == "restore" and last["user"] == "admin"
        detail = json.loads(last["detail"])
        assert detail["replaced_chain"] == {"id": replaced.id, "hash": replaced.hash}  # type: ignore[union-attr]
        assert detail["source"] == "good.sqlite"
