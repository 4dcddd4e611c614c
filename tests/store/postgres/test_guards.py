"""What the server refuses a counter: every forgery of someone who holds a counter's login
(issue 15, "The server guards what a counter may do"), each tried in its own transaction
and each refused by the server itself, by a missing privilege or by a trigger or function;
and what an administrator may do instead, with its audit rows. The account and settings
functions take the session that the server's sign-in gave (migration 0012): a clerk's
session, a forged one or an expired one does not do an administrator's work."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import psycopg
import pytest
from psycopg.types.json import Jsonb

from app.domain.passwords import ScryptParams, derive_key, hash_password
from tests.store.postgres.support import add_holder, chain_problems, document, issue

Privilege = psycopg.errors.InsufficientPrivilege
Raised = psycopg.errors.RaiseException
NoSession = psycopg.errors.InvalidAuthorizationSpecification
Gone = psycopg.errors.UndefinedFunction
PASSWORD = "correct horse battery"
CHEAP = ScryptParams(n=2**10, r=8, p=1)


@dataclass
class Register:
    """One issued entry, one annulled, a file with an entry, a clerk's account and an
    administrator's, the clerk's session, and an administrator's session that expired."""

    doc_id: int
    annulled_id: int
    file_id: int
    holder_id: int
    clerk_id: int
    admin_id: int
    last_number: int
    clerk_token: str
    expired_token: str


@pytest.fixture(scope="module")
def database(make_database):
    return make_database()


def create(conn: psycopg.Connection, name: str, role: str, token: str | None = None) -> int:
    """An account with ``PASSWORD``, by IT's login (no session) or by ``token``'s."""
    (account_id,) = conn.execute(
        "SELECT create_account(%s, %s, %s, %s, 'it', 'now', %s)",
        [token, name, role, hash_password(PASSWORD, CHEAP), Jsonb({"role": role})],
    ).fetchone()
    return account_id


def sign_in(conn: psycopg.Connection, name: str, password: str = PASSWORD) -> tuple:
    """As the app does: the salt from the server, the key derived here, the server's answer
    (outcome, token, account id)."""
    (public,) = conn.execute("SELECT password_salt(%s)", [name]).fetchone()
    key = derive_key(password, public)
    return conn.execute("SELECT * FROM sign_in(%s, %s, 'now')", [name, key]).fetchone()


@pytest.fixture(scope="module")
def register(database) -> Register:
    with database.connect(database.admin) as admin:
        clerk_id = create(admin, "sophie", "clerk")
        admin_id = create(admin, "root", "administrator")
    expired_token = secrets.token_hex(32)
    with database.connect() as owner:
        owner.execute(
            "INSERT INTO permitdesk_private.sessions (digest, account_id, expires_at) "
            "VALUES (sha256(decode(%s, 'hex')), %s, now() - interval '1 minute')",
            [expired_token, admin_id],
        )
    with database.connect(database.counter) as conn:
        outcome, clerk_token, _ = sign_in(conn, "sophie")
        assert outcome == "ok"
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
    return Register(
        doc_id,
        annulled_id,
        file_id,
        holder_id,
        clerk_id,
        admin_id,
        last,
        clerk_token,
        expired_token,
    )


#: (what is tried, the SQL, the error the server answers with). {doc}, {annulled}, {file},
#: {holder}, {clerk}, {admin}, {next} and {last} are the register fixture's ids and
#: numbers; {clerk_token} the clerk's session, {expired} the administrator's expired one,
#: {forged} a token no sign-in gave.
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
        "SELECT create_account(NULL, 'mallory', 'administrator', 'scrypt$n=2$s$k', 'marie', "
        "'now', '{{}}')",
        Privilege,
    ),
    (
        "promote a clerk",
        "SELECT set_account_role(NULL, {clerk}, 'administrator', 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "enable or disable an account",
        "SELECT set_account_disabled(NULL, {admin}, true, 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "create an account with a clerk's session",
        "SELECT create_account('{clerk_token}', 'mallory', 'administrator', 'scrypt$n=2$s$k', "
        "'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "promote oneself with a clerk's session",
        "SELECT set_account_role('{clerk_token}', {clerk}, 'administrator', 'marie', 'now', "
        "'{{}}')",
        Privilege,
    ),
    (
        "disable the administrator with a clerk's session",
        "SELECT set_account_disabled('{clerk_token}', {admin}, true, 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "promote a clerk with a forged session",
        "SELECT set_account_role('{forged}', {clerk}, 'administrator', 'marie', 'now', '{{}}')",
        NoSession,
    ),
    (
        "promote a clerk with an expired administrator's session",
        "SELECT set_account_role('{expired}', {clerk}, 'administrator', 'marie', 'now', '{{}}')",
        NoSession,
    ),
    (
        "create an account with a session that is not hex",
        "SELECT create_account('root', 'mallory', 'administrator', 'scrypt$n=2$s$k', "
        "'marie', 'now', '{{}}')",
        NoSession,
    ),
    ("read the password hashes", "SELECT password_hash FROM accounts", Privilege),
    ("read every column of the accounts", "SELECT * FROM accounts", Privilege),
    (
        "reset the administrator's password without a session",
        "SELECT set_account_password(NULL, {admin}, 'scrypt$n=2,r=8,p=1$c2FsdA==$a2V5', "
        "'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "reset the administrator's password with a clerk's session",
        "SELECT set_account_password('{clerk_token}', {admin}, "
        "'scrypt$n=2,r=8,p=1$c2FsdA==$a2V5', 'marie', 'now', '{{}}')",
        Privilege,
    ),
    (
        "reset the administrator's password with an expired session",
        "SELECT set_account_password('{expired}', {admin}, "
        "'scrypt$n=2,r=8,p=1$c2FsdA==$a2V5', 'marie', 'now', '{{}}')",
        NoSession,
    ),
    ("unlock an account", "SELECT record_login_success({clerk})", Gone),
    ("lock an account out", "SELECT record_login_failure({admin}, 'later')", Gone),
    (
        "write the lock-out policy in the table",
        "UPDATE settings SET value = '20' WHERE key = 'lockout_attempts'",
        Privilege,
    ),
    (
        "add the lock-out policy to the table",
        "INSERT INTO settings (key, value) VALUES ('lockout_minutes', '1')",
        Privilege,
    ),
    (
        "write the lock-out policy with a clerk's session",
        "SELECT write_setting('{clerk_token}', 'lockout_attempts', '20')",
        Privilege,
    ),
    (
        "write the lock-out policy without a session",
        "SELECT write_setting(NULL, 'lockout_attempts', '20')",
        Privilege,
    ),
    (
        "edit the checklists with a forged session",
        "SELECT write_setting('{forged}', 'checklists', '{{}}')",
        NoSession,
    ),
    ("replace the logo", "INSERT INTO assets (name, data) VALUES ('commune_logo', 'x')", Privilege),
    (
        "replace the logo with a clerk's session",
        "SELECT write_asset('{clerk_token}', 'commune_logo', 'x')",
        Privilege,
    ),
    (
        "append the audit row of a sign-in no function wrote",
        'INSERT INTO audit_log (at, "user", action, entity, entity_id, detail) '
        "VALUES ('now', 'root', 'login', 'account', {admin}, '{{}}')",
        Raised,
    ),
    ("read the sessions", "SELECT * FROM permitdesk_private.sessions", Privilege),
    ("read the decoys' key", "SELECT secret FROM permitdesk_private.sign_in_key", Privilege),
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
        "admin": register.admin_id,
        "next": register.last_number + 1,
        "last": register.last_number,
        "clerk_token": register.clerk_token,
        "expired": register.expired_token,
        "forged": secrets.token_hex(32),
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


def test_the_salt_of_an_unknown_name_is_a_decoy(database, register):
    """The same shape and parameters as an account's, the same at every ask, another for
    each name: nothing says whether the name is an account's."""
    with database.connect(database.counter) as conn:

        def salt(name: str) -> str:
            return conn.execute("SELECT password_salt(%s)", [name]).fetchone()[0]

        real, decoy = salt("Sophie"), salt("nobody")
        assert real.count("$") == decoy.count("$") == 2
        assert real.rsplit("$", 1)[0] == decoy.rsplit("$", 1)[0] == "scrypt$n=1024,r=8,p=1"
        assert decoy == salt("NOBODY") and decoy != salt("somebody else")


def test_the_server_signs_in_and_locks_out(database, register):
    """Wrong keys count; the fifth locks the account, and the right one is then refused as
    a wrong one; every answer has its audit row, written by the server."""
    with database.connect(database.admin) as admin:
        account_id = create(admin, "locked", "clerk")
    with database.connect(database.counter) as conn:
        for _ in range(5):
            assert sign_in(conn, "locked", "wrong password!")[:2] == ("invalid", None)
        assert sign_in(conn, "locked") == ("invalid", None, None)
        assert sign_in(conn, "nobody") == ("invalid", None, None)
        rows = conn.execute(
            "SELECT \"user\", entity_id, detail FROM audit_log WHERE action = 'login_failed' "
            "ORDER BY id DESC LIMIT 3"
        ).fetchall()
        assert rows == [
            ("(unknown)", None, '{"reason": "unknown"}'),
            ("locked", account_id, '{"reason": "locked"}'),
            ("locked", account_id, '{"reason": "invalid"}'),
        ]
        (locked_until,) = conn.execute(
            "SELECT locked_until FROM accounts WHERE id = %s", [account_id]
        ).fetchone()
        assert locked_until is not None
        assert chain_problems(conn) == []


def test_a_clerk_changes_its_own_password_under_its_own_name(database, register):
    with database.connect(database.counter) as conn:
        outcome, token, account_id = sign_in(conn, "sophie")
        assert (outcome, account_id) == ("ok", register.clerk_id)
        conn.execute(
            "SELECT set_account_password(%s, %s, %s, 'root', 'now', '{}')",
            [token, register.clerk_id, hash_password("a new long password", CHEAP)],
        )
        (action, user) = conn.execute(
            'SELECT action, "user" FROM audit_log ORDER BY id DESC LIMIT 1'
        ).fetchone()
        assert (action, user) == ("change_password", "sophie")  # not whom the client named
        assert sign_in(conn, "sophie", "a new long password")[0] == "ok"
        conn.execute("SELECT sign_out(%s)", [token])
        with pytest.raises(NoSession):
            conn.execute(
                "SELECT set_account_password(%s, %s, %s, 'sophie', 'now', '{}')",
                [token, register.clerk_id, hash_password(PASSWORD, CHEAP)],
            )
        assert chain_problems(conn) == []


def test_an_administrator_signed_in_at_a_counter_manages_the_accounts(database, register):
    """With an administrator's session a counter's login does an administrator's work,
    under the administrator's name; the account locked out is unlocked by a new password."""
    with database.connect(database.admin) as admin:
        locked_id = create(admin, "forgetful", "clerk")
    with database.connect(database.counter) as conn:
        for _ in range(5):
            sign_in(conn, "forgetful", "wrong password!")
        outcome, token, _ = sign_in(conn, "root")
        assert outcome == "ok"
        created = create(conn, "newcomer", "clerk", token)
        conn.execute("SELECT write_setting(%s, 'lockout_attempts', '7')", [token])
        conn.execute(
            "SELECT set_account_password(%s, %s, %s, 'x', 'now', '{}')",
            [token, locked_id, hash_password(PASSWORD, CHEAP)],
        )
        assert sign_in(conn, "forgetful")[0] == "ok"
        rows = conn.execute(
            'SELECT action, entity_id, "user" FROM audit_log '
            "WHERE action IN ('create', 'change_password') ORDER BY id DESC LIMIT 2"
        ).fetchall()
        assert rows == [("change_password", locked_id, "root"), ("create", created, "root")]
        assert conn.execute(
            "SELECT value FROM settings WHERE key = 'lockout_attempts'"
        ).fetchone() == ("7",)
        assert chain_problems(conn) == []


def test_a_disabled_account_is_told_so_and_its_session_ends(database, register):
    with database.connect(database.admin) as admin:
        account_id = create(admin, "leaving", "clerk")
    with database.connect(database.counter) as conn:
        outcome, token, _ = sign_in(conn, "leaving")
        assert outcome == "ok"
        with database.connect(database.admin) as admin:
            admin.execute(
                "SELECT set_account_disabled(NULL, %s, true, 'it', 'now', '{}')", [account_id]
            )
        assert sign_in(conn, "leaving")[0] == "disabled"
        assert sign_in(conn, "leaving", "wrong password!")[0] == "invalid"
        with pytest.raises(NoSession):
            conn.execute(
                "SELECT set_account_password(%s, %s, %s, 'leaving', 'now', '{}')",
                [token, account_id, hash_password(PASSWORD, CHEAP)],
            )


def test_an_administrator_manages_the_accounts_with_audit_rows(database, register):
    """IT's login (permitdesk_admin) needs no session: the command line, the first
    administrator of a new register."""
    with database.connect(database.admin) as conn:
        with pytest.raises(Raised, match="last administrator"):
            conn.execute(
                "SELECT set_account_role(NULL, %s, 'clerk', 'claire', 'now', '{}')",
                [register.admin_id],
            )
        with pytest.raises(Raised, match="last administrator"):
            conn.execute(
                "SELECT set_account_disabled(NULL, %s, true, 'claire', 'now', '{}')",
                [register.admin_id],
            )
        conn.execute("SELECT write_setting(NULL, 'lockout_minutes', '30')")  # user lockout
        admin_id = create(conn, "Claire", "administrator")
        with pytest.raises(psycopg.errors.UniqueViolation):
            create(conn, "claire", "clerk")
        conn.execute(
            "SELECT set_account_role(NULL, %s, 'administrator', 'claire', 'now', %s)",
            [register.clerk_id, Jsonb({"role": "administrator", "previous_role": "clerk"})],
        )
        conn.execute(
            "SELECT set_account_disabled(NULL, %s, true, 'claire', 'now', '{}')", [admin_id]
        )
        rows = conn.execute(
            'SELECT action, entity_id, "user", detail FROM audit_log '
            "WHERE entity = 'account' AND action IN ('create', 'change', 'disable') "
            "ORDER BY id"
        ).fetchall()
        assert rows[-3:] == [
            ("create", admin_id, "it", '{"role": "administrator"}'),
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
