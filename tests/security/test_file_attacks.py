"""The attacks of someone who can write the database file but does not hold the
installation's key: each is refused, or reported by ``check`` (and so at start-up).

The attacker works on the real file with their own ``sqlite3`` connection: they drop the
append-only triggers, do their edit, recompute the chain with the public formula (plain
SHA-256, all anyone can compute without the key) and put the triggers back.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.accounts import Role
from app.domain.errors import AuditUnsealed
from app.domain.model import Case, LabourMarket, Language
from app.services import auth
from app.services.auth import AuthError, NotAllowed
from app.services.desk import Desk, open_database
from app.services.documents import identify_pdf
from app.services.issuing import annul_document, issue_annex
from app.services.maintenance import check
from app.services.records import holder
from app.services.search import search
from app.store import audit as audit_store
from tests.security.conftest import NOW, PASSWORD

TRIGGERS = (
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
)


@contextmanager
def attacker(path: Path) -> Iterator[sqlite3.Connection]:
    """The file opened by hand, triggers dropped; recreated and committed on exit."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
    try:
        yield conn
    finally:
        conn.executescript(TRIGGERS)
        conn.close()


def rechain_publicly(conn: sqlite3.Connection) -> None:
    """Recompute every link with the formula anyone knows (no key)."""
    previous = ""
    rows = conn.execute(
        "SELECT id, at, user, action, entity, entity_id, detail FROM audit_log ORDER BY id"
    ).fetchall()
    for row in rows:
        digest = audit_store.public_chain_hash(previous, row)
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [previous, digest, row[0]]
        )
        previous = digest


def append_forged_row(conn: sqlite3.Connection, action: str, detail: dict) -> None:
    last_id, last_hash = conn.execute(
        "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    row = (last_id + 1, "2026-11-23T10:00:00+00:00", "mallory", action, "account", 1, "{}")
    row = (*row[:6], json.dumps(detail))
    conn.execute(
        "INSERT INTO audit_log (id, at, user, action, entity, entity_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [*row, last_hash, audit_store.public_chain_hash(last_hash, row)],
    )


def reopen(desk: Desk) -> Desk:
    """The desk after the attacker's edit: a fresh store on the same file."""
    desk.store.close()
    return Desk(open_database(desk.store.path), desk.user, desk.clock)


@pytest.fixture
def papers(desk, make, today):
    """Three annexes issued (2026/000001..3), then the store closed for the attacker."""
    issued = []
    for _ in range(3):  # R3: an unlimited permit due, every document there: annex 50
        person = make.holder()
        permit = make.permit(
            person, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
        )
        file = make.file(person, permit, Case.UNLIMITED_RENEWAL)
        issued += issue_annex(desk, file.id, Language.FR)
    assert check(desk.store) == []
    return issued


def problems_after(desk: Desk) -> list[str]:
    fresh = reopen(desk)
    try:
        return check(fresh.store)
    finally:
        fresh.close()


# -- the audit trail ----------------------------------------------------------------------


def test_a_forged_row_with_a_correct_public_hash_breaks_the_chain(papers, desk, db_path) -> None:
    with attacker(db_path) as conn:
        append_forged_row(conn, "login", {})
    problems = problems_after(desk)
    assert any("the chain breaks at row" in p for p in problems)


@pytest.mark.parametrize("head", ["deleted", "forged"])
def test_a_rewritten_and_rechained_log_is_caught(papers, desk, db_path, head) -> None:
    with attacker(db_path) as conn:
        conn.execute("UPDATE audit_log SET user = 'someone else'")
        rechain_publicly(conn)
    path = audit_store.head_path(desk.store)
    if head == "deleted":
        path.unlink()
    else:
        last = sqlite3.connect(db_path).execute("SELECT max(id) FROM audit_log").fetchone()[0]
        path.write_text(json.dumps({"id": last, "hash": "0" * 64, "pending": None, "seal": "x"}))
    problems = problems_after(desk)
    assert "audit log: the chain breaks at row 1 (changed, removed or inserted)" in problems
    expected = "is missing while the log has" if head == "deleted" else "not sealed with"
    assert any(expected in p for p in problems)


def test_the_last_rows_deleted_with_the_head_is_caught(papers, desk, db_path) -> None:
    with attacker(db_path) as conn:
        conn.execute("DELETE FROM audit_log WHERE id > 2")
    audit_store.head_path(desk.store).unlink()
    assert any("is missing while the log has 2 rows" in p for p in problems_after(desk))


def test_after_a_deleted_head_the_next_action_is_refused(papers, desk, make) -> None:
    audit_store.head_path(desk.store).unlink()
    fresh = reopen(desk)
    with pytest.raises(AuditUnsealed, match="nothing was written"):
        fresh.store.audit("clerk", "export", "holder", 1)
    assert not audit_store.head_path(fresh.store).exists()  # no fresh head over the gap
    fresh.close()


def test_when_the_head_cannot_be_written_the_action_fails(papers, desk, db_path) -> None:
    fresh = reopen(desk)
    rows = fresh.store._one("SELECT count(*) AS n FROM audit_log")["n"]  # type: ignore[index]
    head = audit_store.head_path(fresh.store)
    head.unlink()
    head.mkdir()  # something in the head's way: it cannot be replaced
    with pytest.raises(AuditUnsealed):
        fresh.store.audit("clerk", "export", "holder", 1)
    assert fresh.store._one("SELECT count(*) AS n FROM audit_log")["n"] == rows  # type: ignore[index]
    fresh.close()


# -- the register --------------------------------------------------------------------------


def delete_entry(conn: sqlite3.Connection, doc_id: int) -> None:
    """A register entry removed by hand, with its PDFs and transmission."""
    conn.execute("PRAGMA foreign_keys = OFF")
    for table, column in (("transmissions", "document_id"), ("document_versions", "document_id")):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", [doc_id])
    conn.execute("DELETE FROM documents WHERE id = ?", [doc_id])


def _pdf(conn: sqlite3.Connection, doc_id: int) -> bytes:
    return conn.execute(
        "SELECT pdf FROM document_versions WHERE document_id = ? AND version = 0", [doc_id]
    ).fetchone()[0]


def test_a_pdf_replaced_with_its_hash_is_caught(papers, desk, db_path) -> None:
    forged = b"%PDF-1.7 forged paper"
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE document_versions SET pdf = ?, sha256 = ? WHERE document_id = ?",
            [forged, hashlib.sha256(forged).hexdigest(), papers[1].id],
        )
    assert any(
        "2026/000002 version 0: its PDF is not the one the audit trail recorded" in p
        for p in problems_after(desk)
    )
    fresh = reopen(desk)
    found = identify_pdf(fresh, forged)
    assert found is not None and found.problems  # document verify does not vouch for it
    fresh.close()


def test_two_pdfs_swapped_are_caught(papers, desk, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        first, second = _pdf(conn, papers[0].id), _pdf(conn, papers[1].id)
        for doc, pdf in ((papers[0].id, second), (papers[1].id, first)):
            conn.execute(
                "UPDATE document_versions SET pdf = ?, sha256 = ? WHERE document_id = ?",
                [pdf, hashlib.sha256(pdf).hexdigest(), doc],
            )
    problems = problems_after(desk)
    assert sum("its PDF is not the one the audit trail recorded" in p for p in problems) == 2


def test_swapped_register_numbers_are_caught(papers, desk, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE documents SET sequence = -sequence WHERE sequence IN (1, 2)")
        conn.execute("UPDATE documents SET sequence = 3 - (-sequence) WHERE sequence < 0")
    problems = problems_after(desk)
    assert sum("renumbered around PermitDesk" in p for p in problems) == 2


def test_the_last_entry_deleted_with_the_counter_decremented_is_caught(
    papers, desk, db_path
) -> None:
    with sqlite3.connect(db_path) as conn:
        delete_entry(conn, papers[2].id)
        conn.execute("UPDATE register_counters SET last_sequence = 2")
    problems = problems_after(desk)
    assert any("2026/000003 is in the audit trail but not in the register" in p for p in problems)
    assert any("numbers would be given twice" in p for p in problems)


def test_a_middle_entry_deleted_and_the_rest_renumbered_is_caught(papers, desk, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        delete_entry(conn, papers[1].id)
        conn.execute("UPDATE documents SET sequence = 2 WHERE id = ?", [papers[2].id])
        conn.execute("UPDATE register_counters SET last_sequence = 2")
    problems = problems_after(desk)
    assert any("2026/000002 was issued as 2026/000003" in p for p in problems)
    assert any("2026/000002 is in the audit trail but not in the register" in p for p in problems)


def test_an_annulment_written_into_the_table_is_caught(papers, desk, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(
            "UPDATE documents SET annulled_on = '2026-11-23', annulled_reason = 'x', "
            "annulled_by = 'mallory' WHERE id = ?",
            [papers[0].id],
        )
    assert any(
        "2026/000001 is annulled in the register, not in the audit trail" in p
        for p in problems_after(desk)
    )


def test_an_annulment_through_permitdesk_is_vouched_for(papers, desk) -> None:
    desk.local_admin = True
    annul_document(desk, papers[0].id, "wrong holder")
    assert check(desk.store) == []


# -- accounts ------------------------------------------------------------------------------


@pytest.fixture
def staffed_file(staffed, db_path):
    assert check(staffed.store) == []
    return staffed


def test_deleting_every_account_does_not_open_the_desk(staffed_file, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM accounts")
    fresh = reopen(staffed_file)
    assert fresh.role is None  # not "no accounts yet: everyone may do everything"
    with pytest.raises(NotAllowed):
        search(fresh, "holder")
    with pytest.raises(Exception, match="accounts were removed around PermitDesk"):
        auth.create_first_administrator(fresh, "mallory", "a long enough password")
    assert sum("was removed around PermitDesk" in p for p in check(fresh.store)) == 3
    fresh.close()


def test_a_clerk_promoted_in_the_file_cannot_sign_in(staffed_file, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE accounts SET role = 'administrator' WHERE name = 'clerk1'")
    fresh = reopen(staffed_file)
    with pytest.raises(AuthError) as refused:
        auth.sign_in(fresh, "clerk1", PASSWORD, NOW)
    assert refused.value.kind == "tampered" and fresh.account is None
    assert any("account 'clerk1' differs from its last seal" in p for p in check(fresh.store))
    fresh.close()


def test_an_administrators_hash_replaced_by_a_known_one_is_refused(staffed_file, db_path) -> None:
    known = auth.hash_password("mallory's own password", auth.HASH_PARAMS)
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE accounts SET password_hash = ? WHERE name = 'admin'", [known])
    fresh = reopen(staffed_file)
    with pytest.raises(AuthError, match="changed outside PermitDesk"):
        auth.sign_in(fresh, "admin", "mallory's own password", NOW)
    fresh.close()


def test_a_lockout_disabled_in_the_file_still_locks(staffed_file, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("INSERT INTO settings (key, value) VALUES ('lockout_attempts', '1000000')")
    fresh = reopen(staffed_file)
    assert auth.lockout_policy(fresh).attempts == auth.DEFAULT_ATTEMPTS
    assert "setting 'lockout_attempts' was written around PermitDesk" in check(fresh.store)
    fresh.close()


def test_a_dropped_accounts_table_is_reported(staffed_file, db_path) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("DROP TABLE accounts")
    problems = problems_after(staffed_file)
    assert "the accounts table is missing: it was dropped around PermitDesk" in problems


def test_nothing_is_read_with_nobody_signed_in(staffed_file, make) -> None:
    person = make.holder()
    for read in (lambda: search(staffed_file, "x"), lambda: holder(staffed_file, person.id)):
        with pytest.raises(NotAllowed):
            read()
    staffed_file.account = auth.authenticate(staffed_file, "clerk1", PASSWORD, NOW)
    assert holder(staffed_file, person.id).id == person.id
    refused = staffed_file.store._all("SELECT * FROM audit_log WHERE action = 'refused'")
    assert len(refused) == 2 and Role.CLERK.value in refused[0]["detail"]
