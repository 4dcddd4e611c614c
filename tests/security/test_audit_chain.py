"""The audit trail: append-only, hash-chained, its head kept beside the backups."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date

import pytest

from app.domain.model import Address, Holder
from app.services.desk import Desk, open_database
from app.services.files import save_holder
from app.services.maintenance import check
from app.store import Store
from app.store import audit as audit_store


@pytest.fixture
def logged(desk):
    """Five audit rows: holders created and changed."""
    for n in range(3):
        holder = save_holder(desk, Holder(surname=f"S{n}", given_names="G"))
    holder.given_names = "Changed"
    holder.address = Address("Rue X 1", "1000", "Bruxelles")
    save_holder(desk, holder)
    desk.store.audit(desk.user, "export", "holder", holder.id)
    return desk


def test_rows_are_chained(logged) -> None:
    rows = logged.store._all("SELECT * FROM audit_log ORDER BY id")
    assert [r["id"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["prev_hash"] == ""
    for before, after in itertools.pairwise(rows):
        assert after["prev_hash"] == before["hash"]
    assert check(logged.store) == []


def test_change_records_field_names_not_values(logged) -> None:
    change = logged.store._one("SELECT detail FROM audit_log WHERE action = 'change'")
    assert json.loads(change["detail"]) == {"fields": ["given_names", "address"]}
    assert "Changed" not in change["detail"]


@pytest.mark.parametrize(
    "sql", ["UPDATE audit_log SET user = 'x' WHERE id = 2", "DELETE FROM audit_log WHERE id = 2"]
)
def test_log_is_append_only(logged, sql: str) -> None:
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        logged.store._db.execute(sql)


def _tamper(store: Store, sql: str) -> None:
    store._db.execute("DROP TRIGGER audit_log_no_update")
    store._db.execute("DROP TRIGGER audit_log_no_delete")
    store._db.execute(sql)


def test_check_reports_the_first_broken_link(logged) -> None:
    _tamper(logged.store, "UPDATE audit_log SET action = 'view' WHERE id IN (3, 4)")
    problems = check(logged.store)
    assert "audit log: the chain breaks at row 3 (changed, removed or inserted)" in problems
    assert any("no longer append-only" in p for p in problems)


def test_check_reports_a_removed_row(logged) -> None:
    _tamper(logged.store, "DELETE FROM audit_log WHERE id = 2")
    assert "audit log: the chain breaks at row 3 (changed, removed or inserted)" in check(
        logged.store
    )


def test_a_rewritten_chain_is_caught_by_the_external_head(logged) -> None:
    store = logged.store
    _tamper(store, "UPDATE audit_log SET user = 'someone else'")
    previous = ""
    for row in store._all("SELECT * FROM audit_log ORDER BY id"):
        fields = [row[c] for c in ("id", "at", "user", "action", "entity", "entity_id", "detail")]
        digest = audit_store.chain_hash(previous, fields)
        store._db.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
            [previous, digest, row["id"]],
        )
        previous = digest
    assert audit_store.first_broken_link(store) is None  # the chain itself is consistent
    problems = check(store)
    assert "audit row 5 does not match its recorded head: the log was rewritten" in problems
    # a later write does not move the head over the evidence
    store._db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    store.audit("clerk", "reprint", "document", 1)
    assert audit_store.read_head(audit_store.head_path(store)).id == 5  # type: ignore[union-attr]
    assert any("rewritten" in p for p in check(store))


def test_truncation_is_caught_by_the_head(logged) -> None:
    _tamper(logged.store, "DELETE FROM audit_log WHERE id >= 4")
    assert any("rows were removed" in p for p in check(logged.store))


def test_head_is_written_beside_the_backups(logged, db_path) -> None:
    path = db_path.parent / "backups" / "permitdesk.sqlite.audit-head.json"
    assert json.loads(path.read_text()) == {
        "id": 5,
        "hash": audit_store.tail(logged.store).hash,  # type: ignore[union-attr]
    }
    assert not list(path.parent.glob("*.tmp"))


def test_head_folder_follows_the_configuration_file(db_path, tmp_path, monkeypatch) -> None:
    config = tmp_path / "permitdesk.toml"
    config.write_text(f"backups = '{tmp_path / 'elsewhere'}'\n", encoding="utf-8")
    monkeypatch.setenv("PERMITDESK_CONFIG", str(config))
    with Desk.open(db_path) as desk:
        desk.store.audit("clerk", "export", "holder", 1)
    assert (tmp_path / "elsewhere" / "permitdesk.sqlite.audit-head.json").is_file()


def test_head_is_not_written_on_rollback(desk, db_path) -> None:
    with pytest.raises(RuntimeError), desk.store.transaction():
        desk.store.audit("clerk", "export", "holder", 1)
        raise RuntimeError("rendering failed")
    assert not (db_path.parent / "backups").exists()
    assert desk.store._one("SELECT count(*) AS n FROM audit_log")["n"] == 0


def test_a_lagging_head_is_accepted(logged) -> None:
    """A crash between the commit and the head's rename leaves the head one row behind."""
    path = audit_store.head_path(logged.store)
    head = json.loads(path.read_text())
    logged.store._db.execute("BEGIN IMMEDIATE")
    audit_store.append(logged.store, "t", "clerk", "export", "holder", 1, {})
    logged.store._db.execute("COMMIT")
    logged.store._after_commit.clear()  # the process died before writing the head
    assert json.loads(path.read_text()) == head
    assert check(logged.store) == []


def test_older_rows_are_chained_by_the_migration(db_path, desk) -> None:
    """Rows logged before migration 0003 get chained, and the head written on upgrade."""
    desk.store.close()
    conn = sqlite3.connect(db_path)
    conn.executescript(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
        "DELETE FROM _sqlite_migrations WHERE name = '0003_audit_chain';"
        "DROP INDEX audit_log_entity; DROP INDEX audit_log_user;"
        "ALTER TABLE audit_log DROP COLUMN prev_hash; ALTER TABLE audit_log DROP COLUMN hash;"
        "INSERT INTO audit_log (at, user, action, entity, entity_id, detail) VALUES "
        "('2026-01-01T00:00:00+00:00', 'clerk', 'create', 'holder', 1, '{}'),"
        "('2026-01-02T00:00:00+00:00', 'clerk', 'change', 'holder', 1, '{}');"
    )
    conn.close()
    with open_database(db_path) as store:
        assert audit_store.first_broken_link(store) is None
        assert audit_store.tail(store).id == 2  # type: ignore[union-attr]
        assert check(store) == []
    assert list((db_path.parent / "backups").glob("permitdesk-*-before-0003_audit_chain.sqlite"))


def test_entries_filter_by_holder_user_and_day(logged, make, today) -> None:
    other = make.holder()
    logged.store.audit("sup", "change", "holder", other.id)
    assert [e.id for e in audit_store.entries(logged.store, holder_id=other.id)] == [6]
    assert [e.id for e in audit_store.entries(logged.store, user="sup")] == [6]
    assert audit_store.entries(logged.store, since=date(2999, 1, 1)) == []
    assert len(audit_store.entries(logged.store, until=date(2999, 1, 1))) == 6
