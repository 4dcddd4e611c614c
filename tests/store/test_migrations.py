"""Opening the database file: migrations, pragmas, and the files we must refuse."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from app.domain.errors import DatabaseLocked, DatabaseTooNew, DatabaseUnreadable
from app.domain.model import Case, Holder, LabourMarket, Permit, RenewalFile
from app.services.desk import open_database
from app.store import connection as connection_module
from app.store.connection import connect
from app.store.migrations import MIGRATIONS, known_names, schema_version

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only

EXPECTED_TABLES = {
    "settings",
    "assets",
    "holders",
    "permits",
    "family_members",
    "renewal_files",
    "file_family_members",
    "file_events",
    "register_counters",
    "documents",
    "document_versions",
    "transmissions",
    "audit_log",
    "holder_search",
}
SCHEMA_0001 = Path(__file__).parent / "data" / "schema_0001_initial.sql"


@pytest.fixture
def make_file_from_sql():
    """Write a database by hand: a schema script and the migrations it records."""

    def write(path: Path, script: str, applied: list[str]) -> None:
        conn = sqlite3.connect(path)
        conn.executescript(script)
        conn.execute(
            "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
            "name TEXT, applied_at TEXT)"
        )
        conn.executemany(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
            "VALUES ('permitdesk', ?, '2026-01-01')",
            [[name] for name in applied],
        )
        conn.commit()
        conn.close()

    return write


def applied_names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = 'permitdesk' "
                "ORDER BY rowid"
            )
        ]
    finally:
        conn.close()


def table_names(db: sqlite_utils.Database) -> set[str]:
    return set(db.table_names())


def test_new_file_gets_every_migration(db_path: Path) -> None:
    with open_database(db_path) as store:
        assert table_names(store._db) >= EXPECTED_TABLES
        assert schema_version(store._db) == known_names()[-1]
    assert applied_names(db_path) == known_names()


@pytest.mark.parametrize(
    ("pragma", "expected"),
    [("journal_mode", "wal"), ("synchronous", 2), ("foreign_keys", 1)],
)
def test_every_connection_has_the_pragmas(db_path: Path, pragma: str, expected: object) -> None:
    open_database(db_path).close()
    for _ in range(2):  # a fresh connection on an existing file, twice
        with open_database(db_path) as store:
            assert store._execute(f"PRAGMA {pragma}").fetchone()[0] == expected


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    open_database(db_path).close()
    open_database(db_path).close()
    assert applied_names(db_path) == known_names()


def test_older_file_is_upgraded(db_path: Path) -> None:
    """A file written before the last migration (here: with none applied yet)."""
    old = connect(db_path)
    MIGRATIONS.apply(old, stop_before=known_names()[-1])
    old.close()
    assert known_names()[-1] not in applied_names(db_path)

    with open_database(db_path) as store:
        assert table_names(store._db) >= EXPECTED_TABLES
        assert schema_version(store._db) == known_names()[-1]


def test_file_with_another_apps_tables_is_upgraded(db_path: Path) -> None:
    """A plain SQLite file with a foreign migration set and table is not ours to refuse."""
    conn = sqlite3.connect(db_path)
    conn.executescript(
        "CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
        "name TEXT, applied_at TEXT);"
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('other-app', '0001_theirs', '2020-01-01');"
        "CREATE TABLE notes (text TEXT);"
    )
    conn.close()
    with open_database(db_path) as store:
        assert EXPECTED_TABLES | {"notes"} <= table_names(store._db)


def test_file_from_a_newer_version_is_refused(db_path: Path, make_file_from_sql) -> None:
    make_file_from_sql(db_path, "", [*known_names(), "0099_from_the_future"])

    with pytest.raises(DatabaseTooNew) as raised:
        open_database(db_path)
    message = str(raised.value)
    assert "newer version of PermitDesk" in message
    assert "0099_from_the_future" in message
    assert raised.value.kind == "too_new"
    # refused, not modified: the unknown record is still there and nothing was added
    assert applied_names(db_path) == [*known_names(), "0099_from_the_future"]


@pytest.mark.parametrize(
    "content",
    [b"\x00\x01garbage" * 512, b"This is a text file, not a database.\n" * 200],
    ids=["binary", "text"],
)
def test_non_sqlite_file_is_unreadable(db_path: Path, content: bytes) -> None:
    db_path.write_bytes(content)
    with pytest.raises(DatabaseUnreadable, match="not a PermitDesk database"):
        open_database(db_path)
    assert db_path.read_bytes() == content


def test_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreadable, match="folder"):
        open_database(tmp_path)


def test_missing_folder_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnreadable, match="cannot open"):
        open_database(tmp_path / "no" / "such" / "folder" / "permitdesk.sqlite")


def test_write_to_a_locked_database_raises_locked(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(db_path).close()
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with open_database(db_path) as store:
            assert store.get_setting("commune") is None  # reading is still possible (WAL)
            with pytest.raises(DatabaseLocked, match="in use by another program"):
                store.set_setting("commune", {"nis_code": "21004"})
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_database(db_path) as store:  # released: the write goes through
        store.set_setting("answer", 42)
        assert store.get_setting("answer") == 42


def test_file_written_by_the_committed_first_schema_still_works(
    db_path: Path, make_file_from_sql, today
) -> None:
    """Guards the rule of migrations.py: never edit a migration, add the next one. A column
    added to 0001_initial instead of a new migration breaks every existing database."""
    make_file_from_sql(db_path, SCHEMA_0001.read_text("utf-8"), ["0001_initial"])

    with open_database(db_path) as store:
        holder = store.save_holder(Holder(surname="Old", given_names="File"))
        permit = store.save_permit(Permit(holder.id, "B000000001", today, LabourMarket.LIMITED))
        file = store.save_file(
            RenewalFile(holder.id, Case.LIMITED_RENEWAL, today, permit_id=permit.id)  # type: ignore[arg-type]
        )
        assert store.get_file(file.id).case is Case.LIMITED_RENEWAL  # type: ignore[arg-type]


def test_a_second_counter_migrating_meanwhile_does_not_break_the_first(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two counters start at once on a new (or older) shared file. Made deterministic: the
    second one opens the file just as the first begins its migration."""
    monkeypatch.setattr(connection_module, "BUSY_TIMEOUT_SECONDS", 0.05)
    (first_migration,) = [m for m in MIGRATIONS._migrations if m.name == known_names()[0]]
    original = first_migration.fn
    other_counter: list[str] = []

    def migrate_while_the_other_counter_opens(db: sqlite_utils.Database) -> None:
        if not other_counter:
            other_counter.append("opening")  # the other counter migrates without this hook
            try:
                open_database(db_path).close()
            except DatabaseLocked:  # the first counter holds the write lock: also correct
                other_counter.append("waited")
        original(db)

    monkeypatch.setattr(first_migration, "fn", migrate_while_the_other_counter_opens)
    with open_database(db_path) as store:
        assert schema_version(store._db) == known_names()[-1]
    assert applied_names(db_path) == known_names()
