"""The audit trail: append-only, chained with the installation's key, its sealed head kept
beside the backups. The attacks of someone who holds the file but not the key are in
``test_file_attacks.py``."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date

import pytest

from app.domain.errors import AuditUnsealed
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


def _rechain(store: Store, formula) -> None:
    """Recompute every row's links with ``formula(previous, fields)``."""
    previous = ""
    for row in store._all("SELECT * FROM audit_log ORDER BY id"):
        fields = [row[c] for c in ("id", "at", "user", "action", "entity", "entity_id", "detail")]
        digest = formula(previous, fields)
        store._db.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
            [previous, digest, row["id"]],
        )
        previous = digest


def test_a_chain_rewritten_with_the_key_is_caught_by_the_head(logged) -> None:
    """Even with the key (the workstation's own user), a rewrite is seen by the head."""
    store = logged.store
    _tamper(store, "UPDATE audit_log SET user = 'someone else'")
    _rechain(store, lambda previous, row: audit_store.chain_hash(store.key, previous, row))
    assert audit_store.first_broken_link(store) is None  # the chain itself is consistent
    problems = check(store)
    assert "audit row 4 does not match its recorded head: the log was rewritten" in problems
    # a later write is refused: nothing is committed over the evidence
    store._db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    with pytest.raises(AuditUnsealed, match="nothing was written"):
        store.audit("clerk", "reprint", "document", 1)
    assert audit_store.read_head(store).id == 4  # type: ignore[union-attr]
    assert audit_store.tail(store).id == 5  # type: ignore[union-attr]


def test_truncation_is_caught_by_the_head(logged) -> None:
    _tamper(logged.store, "DELETE FROM audit_log WHERE id >= 4")
    assert any("rows were removed" in p for p in check(logged.store))


def test_head_is_written_beside_the_backups_and_sealed(logged, db_path) -> None:
    path = db_path.parent / "backups" / "permitdesk.sqlite.audit-head.json"
    written = json.loads(path.read_text())
    row = logged.store._one("SELECT hash FROM audit_log WHERE id = 4")
    last = audit_store.tail(logged.store)
    assert last is not None and row is not None
    fields = {"id": 4, "hash": row["hash"], "pending": {"id": 5, "hash": last.hash}}
    assert written == {**fields, "seal": audit_store.seal(logged.store.key, fields)}
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


def test_the_head_names_the_last_transaction_before_it_commits(logged) -> None:
    """Written inside the transaction (under the write lock), the head names the tail before
    it and the tail it commits; a transaction that then fails to commit leaves the log at
    the first, which check accepts too."""
    path = audit_store.head_path(logged.store)
    with logged.store.transaction():
        audit_store.append(logged.store, "t", "clerk", "export", "holder", 1, {})
        audit_store.append(logged.store, "t", "clerk", "export", "holder", 2, {})
    head = json.loads(path.read_text())
    assert (head["id"], head["pending"]["id"]) == (5, 7)
    assert check(logged.store) == []
    with pytest.raises(RuntimeError), logged.store.transaction():
        audit_store.append(logged.store, "t", "clerk", "export", "holder", 3, {})
        logged.store.before_commit("fails", lambda: (_ for _ in ()).throw(RuntimeError("disk")))
    assert audit_store.tail(logged.store).id == 7  # type: ignore[union-attr]
    assert check(logged.store) == []


def test_older_rows_are_chained_by_the_migration(db_path, desk) -> None:
    """Rows logged before migration 0003 get chained with the public formula, then the
    chain is keyed from an ``audit_keyed`` row and the head sealed."""
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
        keyed = store._one("SELECT * FROM audit_log WHERE id = 3")
        assert keyed["action"] == "audit_keyed"  # type: ignore[index]
        assert check(store) == []
    assert list((db_path.parent / "backups").glob("permitdesk-*-before-0003_audit_chain.sqlite"))


def test_entries_filter_by_holder_user_and_day(logged, make, today) -> None:
    other = make.holder()
    logged.store.audit("sup", "change", "holder", other.id)
    assert [e.id for e in audit_store.entries(logged.store, holder_id=other.id)] == [6]
    assert [e.id for e in audit_store.entries(logged.store, user="sup")] == [6]
    assert audit_store.entries(logged.store, since=date(2999, 1, 1)) == []
    assert len(audit_store.entries(logged.store, until=date(2999, 1, 1))) == 6
