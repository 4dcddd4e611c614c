"""Moving a register up (``migrate-to``): an SQLite file's register copied to an empty
PostgreSQL database reads the same there, numbering goes on, and a refused or failed move
leaves the server database as it was."""

from __future__ import annotations

import secrets
import sqlite3
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from app.domain.errors import RegisterMoved
from app.domain.model import (
    Case,
    Holder,
    LabourMarket,
    Language,
    Permit,
    RegisterNumber,
    RenewalFile,
)
from app.services import auth
from app.services import migrate as migrate_service
from app.services.backups import startup_check
from app.services.desk import Desk, open_database
from app.services.issuing import issue_annex
from app.services.migrate import NotMoved, migrate_to
from app.services.search import search
from app.services.worklist import Day, queue_counts
from app.store import Store, open_store
from app.store import accounts as store_accounts
from app.store import audit as audit_store
from app.store.postgres.migrate import MOVED_ACTION, MOVED_ENTITY, TABLES
from app.store.postgres.store import PostgresStore
from tests.support.copies import copy_live_database
from tests.support.registers import TODAY, BuiltRegister, build_register

SEARCHES = ["benali", "muller sahin", "jurgen", "celik ayse", "okafor", "a", "B0000000901"]


@pytest.fixture(scope="module")
def built_template(tmp_path_factory: pytest.TempPathFactory) -> BuiltRegister:
    """The register built once (``tests/support/registers.py``); tests move copies."""
    return build_register(tmp_path_factory.mktemp("register") / "permitdesk.sqlite")


@pytest.fixture
def register(built_template: BuiltRegister, tmp_path: Path) -> BuiltRegister:
    path = tmp_path / "source" / "permitdesk.sqlite"
    path.parent.mkdir()
    copy_live_database(built_template.path, path)
    return BuiltRegister(
        path, built_template.numbers, built_template.annulled, built_template.extended
    )


@pytest.fixture
def source(register: BuiltRegister) -> Iterator[Desk]:
    """The command line's desk on the file: the local administrator."""
    with Desk(open_database(register.path), user="it", clock=lambda: TODAY, local_admin=True) as d:
        yield d


def server_desk(target: str, backups: Path) -> Desk:
    return Desk(
        open_store(target, backups=backups, key=b""),
        user="clerk",
        clock=lambda: TODAY,
        local_admin=True,
    )


def server_rows(target: str) -> dict[str, int]:
    """Every copied table's rows on the server, the audit log's included."""
    with psycopg.connect(target) as conn:
        return {
            table: conn.execute(
                sql.SQL("SELECT count(*) FROM permitdesk.{}").format(sql.Identifier(table))
            ).fetchone()[0]
            for table in [*(name for name, _ in TABLES), "audit_log"]
        }


def same_register(file: Store, server: Store) -> None:
    """Every holder with their permits, family and files, every register entry with each
    PDF version and copy, the accounts, the settings: the same on both."""
    holder_ids = [r["id"] for r in file._all("SELECT id FROM holders ORDER BY id")]
    assert holder_ids
    for holder_id in holder_ids:
        assert server.get_holder(holder_id) == file.get_holder(holder_id)
        assert server.permits_of(holder_id) == file.permits_of(holder_id)
        assert server.family_of(holder_id) == file.family_of(holder_id)
        assert server.files_of(holder_id) == file.files_of(holder_id)
    entries = file.register().entries()
    assert server.register().entries() == entries
    for entry in entries:
        assert server.register().get(entry.number) == entry
        versions = file.register().versions(entry.id)
        assert server.register().versions(entry.id) == versions
        for version in versions:
            pdf = file.register().pdf(entry.id, version.version)
            assert server.register().pdf(entry.id, version.version) == pdf
        assert server.register().copies(entry.id) == file.register().copies(entry.id)
    assert server.register().last_numbers() == file.register().last_numbers()
    assert store_accounts.list_accounts(server) == store_accounts.list_accounts(file)
    assert server.get_commune() == file.get_commune()
    assert server.get_setting("signatories") == file.get_setting("signatories")
    assert server.get_asset("logo.png") == file.get_asset("logo.png")


@pytest.mark.postgres
def test_the_moved_register_reads_the_same_on_the_server(
    source: Desk, register: BuiltRegister, postgres_database: str
) -> None:
    seen: list[tuple[int, int]] = []
    report = migrate_to(source, postgres_database, progress=lambda *p: seen.append(p))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1] == report.total
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert report.counts["documents"] == len(register.numbers)
    assert report.counts["document_versions"] == len(register.numbers) + 1  # one extension
    assert server_rows(postgres_database) == {
        **report.counts,
        "audit_log": report.counts["audit_log"] + 1,
    }
    with server_desk(postgres_database, register.path.parent / "backups") as moved:
        assert isinstance(moved.store, PostgresStore)
        same_register(source.store, moved.store)
        for text in SEARCHES:
            assert [
                (f.holder, f.card_number, f.expiry, f.status) for f in search(moved, text).found
            ] == [(f.holder, f.card_number, f.expiry, f.status) for f in search(source, text).found]
        scanned = search(moved, register.annulled.replace("/", ""))
        assert scanned.document == search(source, register.annulled.replace("/", "")).document
        day = Day.of(TODAY)
        assert queue_counts(moved, day) == queue_counts(source, day)
        accounts = "SELECT * FROM accounts ORDER BY id"  # the password hashes included
        assert moved.store._all(accounts) == source.store._all(accounts)


@pytest.mark.postgres
def test_the_audit_trail_is_the_files_then_the_move(
    source: Desk, register: BuiltRegister, postgres_database: str
) -> None:
    file_rows = audit_store.entries(source.store, limit=10_000)
    tail = audit_store.tail(source.store)
    report = migrate_to(source, postgres_database)
    assert (report.chain_rows, report.chain_hash) == (tail.id, tail.hash)
    with server_desk(postgres_database, register.path.parent / "backups") as moved:
        moved_row, *copied = audit_store.entries(moved.store, limit=10_000)
        assert copied == file_rows
        assert (moved_row.id, moved_row.user) == (len(file_rows) + 1, "it")
        assert (moved_row.action, moved_row.entity, moved_row.entity_id) == (
            MOVED_ACTION,
            MOVED_ENTITY,
            None,
        )
        assert moved_row.detail == {
            "source": str(register.path),
            "counts": report.counts,
            "file_chain": {"rows": tail.id, "last_hash": tail.hash},
        }
        problems = moved.store._execute("SELECT * FROM audit_chain_problems()").fetchall()
        assert problems == []


@pytest.mark.postgres
def test_numbering_and_ids_go_on_where_the_file_stopped(
    source: Desk, register: BuiltRegister, postgres_database: str
) -> None:
    migrate_to(source, postgres_database)
    last = RegisterNumber.parse(register.numbers[-1])
    with server_desk(postgres_database, register.path.parent / "backups") as moved:
        store = moved.store
        tops = {
            table: store._all(f"SELECT max(id) AS m FROM {table}")[0]["m"]
            for table in ("holders", "permits", "renewal_files", "documents", "document_versions")
        }
        holder = store.save_holder(Holder("NEW", "Holder", national_number=None))
        permit = store.save_permit(
            Permit(holder.id, "B099999999", TODAY + timedelta(days=20), LabourMarket.UNLIMITED)
        )
        file = store.save_file(
            RenewalFile(holder.id, Case.UNLIMITED_RENEWAL, TODAY, permit_id=permit.id)
        )
        (issued,) = issue_annex(moved, file.id, Language.FR)
        assert issued.number == RegisterNumber(last.year, last.sequence + 1)
        assert (holder.id, permit.id, file.id, issued.id) == (
            tops["holders"] + 1,
            tops["permits"] + 1,
            tops["renewal_files"] + 1,
            tops["documents"] + 1,
        )
        assert store._all("SELECT max(id) AS m FROM document_versions")[0]["m"] == (
            tops["document_versions"] + 1
        )
        assert store.register().problems() == []


@pytest.mark.postgres
def test_the_moved_file_takes_no_more_entries_and_says_where_to_work(
    source: Desk, register: BuiltRegister, postgres_database: str
) -> None:
    """The file would number its entries again, beside the server's: once moved, its
    register refuses them, the counter's start says where the register went, and a
    second move of it is refused."""
    report = migrate_to(source, postgres_database)
    last_numbers = source.store.register().last_numbers()
    holder = source.store.save_holder(Holder("LATE", "Clerk", national_number=None))
    permit = source.store.save_permit(
        Permit(holder.id, "B088888888", TODAY + timedelta(days=20), LabourMarket.UNLIMITED)
    )
    file = source.store.save_file(
        RenewalFile(holder.id, Case.UNLIMITED_RENEWAL, TODAY, permit_id=permit.id)
    )
    with pytest.raises(RegisterMoved, match=f"moved to the server {report.location} on"):
        issue_annex(source, file.id, Language.FR)
    assert source.store.register().last_numbers() == last_numbers  # no number taken
    moved_row = audit_store.entries(source.store, limit=1)[0]
    assert (moved_row.action, moved_row.entity) == ("moved", "register")
    state = startup_check(register.path)
    assert (state.kind, state.message, state.moved_on) == (
        "moved",
        report.location,
        TODAY.isoformat(),
    )
    with pytest.raises(NotMoved, match="already"):
        migrate_to(source, postgres_database)


def empty(target: str) -> bool:
    return set(server_rows(target).values()) == {0}


@pytest.mark.postgres
def test_a_server_database_with_data_is_refused_and_left_alone(
    source: Desk, built_template: BuiltRegister, tmp_path: Path, postgres_database: str
) -> None:
    migrate_to(source, postgres_database)
    before = server_rows(postgres_database)
    other = copy_live_database(built_template.path, tmp_path / "other.sqlite")
    with (
        Desk(open_database(other), user="it", local_admin=True) as second,
        pytest.raises(NotMoved, match=r"is not empty .*holders.*nothing was copied"),
    ):
        migrate_to(second, postgres_database)
    assert server_rows(postgres_database) == before


@pytest.mark.postgres
def test_a_server_database_with_an_account_only_is_refused(
    source: Desk, postgres_database: str, tmp_path: Path
) -> None:
    with open_store(postgres_database, backups=tmp_path, key=b"") as server:
        server.create_account("it", auth.Role.ADMINISTRATOR, "x", "it", {})
    with pytest.raises(NotMoved, match=r"not empty \(it holds accounts, audit_log\)"):
        migrate_to(source, postgres_database)
    assert server_rows(postgres_database)["holders"] == 0


@pytest.mark.postgres
def test_a_login_that_is_not_the_owners_is_refused_at_once(
    source: Desk, register_database: str
) -> None:
    """The tests' administrator login (a member of permitdesk_admin): the server would
    refuse it the register's rows, so the move says what it needs before anything."""
    with pytest.raises(NotMoved, match=r"member of permitdesk_owner .* is not; nothing"):
        migrate_to(source, register_database)
    assert empty(register_database)


@pytest.fixture
def it_login(postgres_server: str, postgres_database: str, tmp_path: Path) -> Iterator[str]:
    """The commune IT's login on a migrated database: a member of permitdesk_owner, not a
    superuser."""
    PostgresStore.open(postgres_database, backups=tmp_path).close()
    role = f"permitdesk_test_it_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_server, autocommit=True) as conn:
        conn.execute(
            sql.SQL("CREATE ROLE {} LOGIN IN ROLE permitdesk_owner").format(sql.Identifier(role))
        )
    try:
        yield make_conninfo(postgres_database, user=role)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as conn:
            conn.execute(
                sql.SQL(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = {}"
                ).format(sql.Literal(role))
            )
            conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


@pytest.mark.postgres
def test_the_it_login_moves_the_register_with_the_owners_rights(
    source: Desk, register: BuiltRegister, it_login: str
) -> None:
    report = migrate_to(source, it_login)
    assert server_rows(it_login)["documents"] == report.counts["documents"]
    with server_desk(it_login, register.path.parent / "backups") as moved:
        assert moved.store._execute("SELECT * FROM audit_chain_problems()").fetchall() == []


@pytest.mark.postgres
def test_a_damaged_file_is_refused_with_nothing_copied(
    source: Desk, register: BuiltRegister, postgres_database: str
) -> None:
    raw = sqlite3.connect(register.path)
    with raw:
        raw.execute("UPDATE document_versions SET pdf = ? WHERE id = 2", [b"%PDF-1.4 forged"])
    raw.close()
    with pytest.raises(NotMoved, match=r"fails its check \(document .*PDF does not match hash"):
        migrate_to(source, postgres_database)
    assert empty(postgres_database)


@pytest.mark.postgres
@pytest.mark.parametrize("failing_batch", [1, 4, 12])
def test_a_failure_in_the_middle_leaves_the_server_empty(
    source: Desk, postgres_database: str, monkeypatch: pytest.MonkeyPatch, failing_batch: int
) -> None:
    sent = PostgresStore._executemany
    calls = iter(range(1, 1_000))

    def failing(store: PostgresStore, statement: str, rows: object) -> None:
        if next(calls) == failing_batch:
            raise RuntimeError("the server's disk is full")
        sent(store, statement, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(PostgresStore, "_executemany", failing)
    with pytest.raises(RuntimeError, match="disk is full"):
        migrate_to(source, postgres_database)
    assert empty(postgres_database)
    monkeypatch.undo()
    migrate_to(source, postgres_database)  # and the next try starts from nothing
    assert not empty(postgres_database)


def altered(table: str, change):
    """``_executemany`` that changes the first row sent to ``table`` on its way."""
    sent = PostgresStore._executemany

    def sending(store: PostgresStore, statement: str, rows) -> None:
        rows = list(rows)
        if statement.startswith(f"INSERT INTO {table} "):
            rows[0] = change(list(rows[0]))
        sent(store, statement, rows)

    return sending


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("table", "change", "named"),
    [
        ("audit_log", lambda row: [*row[:5], '{"forged": true}'], "audit row 1"),
        ("audit_log", lambda row: [row[0], "mallory", *row[2:]], "audit row 1"),
        (
            "document_versions",
            lambda row: [b"%PDF forged" if isinstance(v, bytes) else v for v in row],
            "document version 1's PDF",
        ),
        ("holders", lambda row: row, None),  # unchanged: the copy verifies
    ],
)
def test_a_copy_that_differs_from_the_file_is_not_committed(
    source: Desk,
    postgres_database: str,
    monkeypatch: pytest.MonkeyPatch,
    table: str,
    change,
    named: str | None,
) -> None:
    monkeypatch.setattr(PostgresStore, "_executemany", altered(table, change))
    if named is None:
        migrate_to(source, postgres_database)
        return
    with pytest.raises(NotMoved, match=f"does not match the file: {named}.*nothing was written"):
        migrate_to(source, postgres_database)
    assert empty(postgres_database)


@pytest.mark.postgres
def test_the_audit_rows_keep_their_ids_or_nothing_moves(
    source: Desk, postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file's check names a removed row; if it did not, the copy would still not
    number the rows differently from the file."""
    monkeypatch.setattr(migrate_service, "check", lambda store: [])
    raw = sqlite3.connect(source.store.location)
    with raw:
        raw.execute("DROP TRIGGER audit_log_no_delete")
        raw.execute("DELETE FROM audit_log WHERE id = 2")
    raw.close()
    with pytest.raises(NotMoved, match=r"not numbered 1\.\.\d+ \(rows 1 to \d+\)"):
        migrate_to(source, postgres_database)
    assert empty(postgres_database)


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("postgresql://it:secret@server/permitdesk", "carries a password"),
        ("host=server password=secret dbname=permitdesk", "carries a password"),
        ("password=secret host=server dbname=permitdesk", "is not a PostgreSQL database"),
        ("/srv/share/permitdesk.sqlite", "is not a PostgreSQL database"),
        (Path("/srv/share/permitdesk.sqlite"), "is not a PostgreSQL database"),
    ],
)
def test_targets_refused_before_connecting(source: Desk, target: str | Path, said: str) -> None:
    with pytest.raises(NotMoved, match=said) as refused:
        migrate_to(source, target)
    assert "secret" not in str(refused.value)


@pytest.mark.postgres
def test_two_moves_into_one_database_take_turns(
    source: Desk, built_template: BuiltRegister, tmp_path: Path, postgres_database: str
) -> None:
    """The second waits for the first's transaction, then finds the database taken."""
    other = copy_live_database(built_template.path, tmp_path / "other.sqlite")
    outcome: list[BaseException | None] = []

    def second_move() -> None:
        try:
            with Desk(open_database(other), user="it", local_admin=True) as second:
                migrate_to(second, postgres_database)
            outcome.append(None)
        except BaseException as error:  # handed to the test's thread
            outcome.append(error)

    worker = threading.Thread(target=second_move)

    def first_progress(done: int, _total: int) -> None:
        if done and not worker.is_alive() and not outcome:
            worker.start()
            waiting_for_lock(postgres_database)

    migrate_to(source, postgres_database, progress=first_progress)
    worker.join(30)
    (error,) = outcome
    assert isinstance(error, NotMoved)
    assert "is not empty" in str(error)


def waiting_for_lock(target: str, seconds: float = 20) -> None:
    """Until a session on ``target``'s database waits for the move's advisory lock."""
    deadline = time.monotonic() + seconds
    with psycopg.connect(target, autocommit=True) as conn:
        while time.monotonic() < deadline:
            found = conn.execute(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            ).fetchone()[0]
            if found:
                return
            time.sleep(0.02)
    raise AssertionError("the second move never waited for the first")


@pytest.mark.postgres
def test_only_an_administrator_moves_the_register(
    register: BuiltRegister, postgres_database: str
) -> None:
    """The file has accounts: a desk nobody signed in to (not the command line) may not."""
    with (
        Desk(open_database(register.path), user="someone") as desk,
        pytest.raises(auth.NotAllowed, match="administrator account"),
    ):
        migrate_to(desk, postgres_database)
    with psycopg.connect(postgres_database) as conn:  # refused before the server was asked
        assert conn.execute("SELECT to_regclass('permitdesk.holders')").fetchone() == (None,)


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("statement", "said"),
    [
        (
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)",
            "cannot move the table.s. notes",
        ),
        ("ALTER TABLE holders ADD COLUMN nickname TEXT", "the table holders differs"),
    ],
)
def test_what_this_version_cannot_move_is_refused_not_left_behind(
    source: Desk, postgres_database: str, statement: str, said: str
) -> None:
    source.store._execute(statement)
    with pytest.raises(NotMoved, match=said):
        migrate_to(source, postgres_database)
    assert empty(postgres_database)
