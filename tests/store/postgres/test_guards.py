"""What the server refuses a counter: every forgery of someone who holds a counter's login
(issue 15, "The server guards what a counter may do"), each tried in its own transaction
and each refused by the server itself, by a missing privilege or by a trigger or function;
and what an administrator may do instead, with its audit rows."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg
import pytest
from psycopg.types.json import Jsonb

from tests.store.postgres.support import add_holder, chain_problems, document, issue

Privilege = psycopg.errors.InsufficientPrivilege
Raised = psycopg.errors.RaiseException


@dataclass
class Register:
    """One issued entry, one annulled, a file with an entry, and a clerk's account."""

    doc_id: int
    annulled_id: int
    file_id: int
    holder_id: int
    clerk_id: int
    last_number: int


@pytest.fixture(scope="module")
def database(make_database):
    return make_database()


@pytest.fixture(scope="module")
def register(database) -> Register:
    with database.connect(database.admin) as admin:
        (clerk_id,) = admin.execute(
            "SELECT create_account('sophie', 'clerk', 'scrypt$hash', 'admin', 'now', %s)",
            [Jsonb({"role": "clerk"})],
        ).fetchone()
    with database.connect(database.counter) as conn:
        holder_id = add_holder(conn)
        (file_id,) = conn.execute(
            'INSERT INTO renewal_files (holder_id, "case", opened_on) '
            "VALUES (%s, 'limited_renewal', '2026-03-01') RETURNING id",
            [holder_id],
        ).fetchone()
        doc_id = issue(conn, holder_id, file_id=file_id)
        annulled_id = issue(conn, holder_id)
        conn.execute(
            "SELECT annul_document(%s, '2026-03-03', 'typo', 'marie', 'now')", [annulled_id]
        )
        (last,) = conn.execute("SELECT max(sequence) FROM documents").fetchone()
    return Register(doc_id, annulled_id, file_id, holder_id, clerk_id, last)


#: (what is tried, the SQL, the error the server answers with). {doc}, {annulled}, {file},
#: {holder}, {clerk}, {next} and {last} are the register fixture's ids and numbers.
FORGERIES = [
    ("rewrite an audit row", "UPDATE audit_log SET detail = '{{}}' WHERE id = 1", Privilege),
    ("delete audit rows", "DELETE FROM audit_log", Privilege),
    ("truncate the audit log", "TRUNCATE audit_log", Privilege),
    (
        "append an audit row with a forged link",
        'INSERT INTO audit_log (at, "user", action, entity, detail, prev_hash, hash) '
        "VALUES ('now', 'marie', 'login', 'account', '{{}}', 'forged', 'forged')",
        Privilege,
    ),
    (
        "append an audit row with a chosen id",
        'INSERT INTO audit_log (id, at, "user", action, entity, detail) '
        "VALUES (1000, 'now', 'marie', 'login', 'account', '{{}}')",
        Privilege,
    ),
    (
        "append the audit row of an issue no function wrote",
        'INSERT INTO audit_log (at, "user", action, entity, entity_id, detail) '
        "VALUES ('now', 'marie', 'issue', 'document', {doc}, "
        '\'{{"number": "2026/000999", "commune": "21004"}}\')',
        Raised,
    ),
    (
        "append the audit row of a role change no function wrote",
        'INSERT INTO audit_log (at, "user", action, entity, entity_id, detail) '
        "VALUES ('now', 'marie', 'change', 'account', {clerk}, '{{}}')",
        Raised,
    ),
    ("renumber an entry", "UPDATE documents SET sequence = 999 WHERE id = {doc}", Privilege),
    (
        "un-annul an entry",
        "UPDATE documents SET annulled_on = NULL WHERE id = {annulled}",
        Privilege,
    ),
    ("delete an entry", "DELETE FROM documents WHERE id = {doc}", Privilege),
    (
        "enter a document directly",
        "INSERT INTO documents (commune_nis, year, sequence, annex, language, holder_id, "
        "issued_on, issued_by, created_at) "
        "VALUES ('21004', 2026, {next}, '41', 'fr', {holder}, 'today', 'marie', 'now')",
        Privilege,
    ),
    (
        "swap a PDF and its hash",
        "UPDATE document_versions SET pdf = 'forged', sha256 = 'forged' WHERE document_id = {doc}",
        Privilege,
    ),
    ("delete a version", "DELETE FROM document_versions WHERE document_id = {doc}", Privilege),
    (
        "add a version",
        "INSERT INTO document_versions (document_id, version, pdf, sha256, created_by, "
        "created_at) VALUES ({doc}, 7, 'forged', 'forged', 'marie', 'now')",
        Privilege,
    ),
    (
        "enter a copy directly",
        "INSERT INTO document_copies (document_id, version, kind, made_on, made_by, sha256, "
        "created_at) VALUES ({doc}, 0, 'duplicate', 'today', 'marie', 'x', 'now')",
        Privilege,
    ),
    ("reset the numbering", "UPDATE register_counters SET last_sequence = 0", Privilege),
    ("delete the numbering", "DELETE FROM register_counters", Privilege),
    (
        "start another numbering",
        "INSERT INTO register_counters VALUES ('99999', 2026, 0)",
        Privilege,
    ),
    (
        "issue a number that was not taken",
        "SELECT record_issue(%(next_document)s, 'pdf', '{{}}')",
        Raised,
    ),
    (
        "issue a number that is given already",
        "SELECT record_issue(%(last_document)s, 'pdf', '{{}}')",
        Raised,
    ),
    (
        "issue with the fields of an annulled entry",
        "SELECT record_issue(%(annulled_document)s, 'pdf', '{{}}')",
        Raised,
    ),
    (
        "create an account",
        "SELECT create_account('mallory', 'administrator', 'h', 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "promote a clerk",
        "SELECT set_account_role({clerk}, 'administrator', 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "enable or disable an account",
        "SELECT set_account_disabled({clerk}, true, 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "promote a clerk in the table",
        "UPDATE accounts SET role = 'administrator' WHERE id = {clerk}",
        Privilege,
    ),
    ("wipe the accounts", "DELETE FROM accounts", Privilege),
    (
        "add an account in the table",
        "INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) "
        "VALUES ('mallory', 'administrator', 'h', 'now', 'now')",
        Privilege,
    ),
    ("read the chain's key", "SELECT secret FROM permitdesk_private.chain_key", Privilege),
    (
        "compute a link with the server's helper",
        "SELECT permitdesk_private.audit_hash('k', '', 'row')",
        Privilege,
    ),
    ("add a column to the audit log", "ALTER TABLE audit_log ADD COLUMN note text", Privilege),
    ("drop the audit log", "DROP TABLE audit_log", Privilege),
    (
        "switch off the audit log's guard",
        "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
        Privilege,
    ),
    (
        "remove a file that has a register entry (its entries would go with it)",
        "DELETE FROM renewal_files WHERE id = {file}",
        psycopg.errors.ForeignKeyViolation,
    ),
]


@pytest.mark.parametrize(
    ("statement", "error"),
    [(statement, error) for _, statement, error in FORGERIES],
    ids=[what for what, _, _ in FORGERIES],
)
def test_a_counter_cannot(database, register, statement, error):
    names = {
        "doc": register.doc_id,
        "annulled": register.annulled_id,
        "file": register.file_id,
        "holder": register.holder_id,
        "clerk": register.clerk_id,
        "next": register.last_number + 1,
        "last": register.last_number,
    }
    params = {
        "next_document": Jsonb(document(register.holder_id, register.last_number + 1)),
        "last_document": Jsonb(document(register.holder_id, register.last_number)),
        "annulled_document": Jsonb(
            {**document(register.holder_id, register.last_number), "annulled_on": "today"}
        ),
    }
    with database.connect(database.counter) as conn:
        before = conn.execute("SELECT count(*), max(id) FROM audit_log").fetchone()
        query = statement.format(**names)
        with pytest.raises(error), conn.transaction():
            conn.execute(query.encode(), params if "%(" in query else None)
        assert conn.execute("SELECT count(*), max(id) FROM audit_log").fetchone() == before
        assert chain_problems(conn) == []


def test_a_row_sent_with_a_forged_link_is_chained_by_the_server(database, register):
    """The owner's (here the superuser's) INSERT may name every column: the trigger
    overwrites id, prev_hash and hash whatever was sent, so the chain stays sound."""
    with database.connect() as conn:
        (last_id, last_hash) = conn.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchone()
        row = conn.execute(
            'INSERT INTO audit_log (id, at, "user", action, entity, detail, prev_hash, hash) '
            "VALUES (1, 'now', 'marie', 'login', 'account', '{}', 'forged', 'forged') "
            "RETURNING id, prev_hash, hash"
        ).fetchone()
        assert row is not None
        assert row[0] == last_id + 1 and row[1] == last_hash and row[2] != "forged"
        assert chain_problems(conn) == []


def test_a_counter_changes_a_password_and_counts_sign_ins(database, register):
    with database.connect(database.counter) as conn:
        before = conn.execute("SELECT count(*) FROM audit_log").fetchone()
        conn.execute("SELECT record_login_failure(%s, NULL)", [register.clerk_id])
        conn.execute("SELECT record_login_failure(%s, 'later')", [register.clerk_id])
        assert conn.execute(
            "SELECT failed_attempts, locked_until FROM accounts WHERE id = %s",
            [register.clerk_id],
        ).fetchone() == (0, "later")
        conn.execute("SELECT record_login_success(%s)", [register.clerk_id])
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone() == before
        conn.execute(
            "SELECT set_account_password(%s, 'scrypt$new', 'sophie', 'now', '{}')",
            [register.clerk_id],
        )
        (action, user) = conn.execute(
            'SELECT action, "user" FROM audit_log ORDER BY id DESC LIMIT 1'
        ).fetchone()
        assert (action, user) == ("change_password", "sophie")
        assert chain_problems(conn) == []


def test_an_administrator_manages_the_accounts_with_audit_rows(database, register):
    with database.connect(database.admin) as conn:
        (admin_id,) = conn.execute(
            "SELECT create_account('Claire', 'administrator', 'h', 'setup', 'now', '{}')"
        ).fetchone()
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute("SELECT create_account('claire', 'clerk', 'h', 'setup', 'now', '{}')")
        with pytest.raises(Raised, match="last administrator"):
            conn.execute("SELECT set_account_role(%s, 'clerk', 'claire', 'now', '{}')", [admin_id])
        with pytest.raises(Raised, match="last administrator"):
            conn.execute("SELECT set_account_disabled(%s, true, 'claire', 'now', '{}')", [admin_id])
        conn.execute(
            "SELECT set_account_role(%s, 'administrator', 'claire', 'now', %s)",
            [register.clerk_id, Jsonb({"role": "administrator", "previous_role": "clerk"})],
        )
        conn.execute("SELECT set_account_disabled(%s, true, 'claire', 'now', '{}')", [admin_id])
        rows = conn.execute(
            'SELECT action, entity_id, "user", detail FROM audit_log '
            "WHERE entity = 'account' AND action IN ('create', 'change', 'disable') "
            "ORDER BY id"
        ).fetchall()
        assert rows[-3:] == [
            ("create", admin_id, "setup", "{}"),
            (
                "change",
                register.clerk_id,
                "claire",
                '{"role": "administrator", "previous_role": "clerk"}',
            ),
            ("disable", admin_id, "claire", "{}"),
        ]
        assert conn.execute(
            "SELECT role, disabled FROM accounts WHERE id = %s", [register.clerk_id]
        ).fetchone() == ("administrator", 0)
        assert chain_problems(conn) == []
