"""The audit chain the server keeps: the same links as app.store.audit computes in Python
with the same key, and audit_chain_problems() naming what was changed behind the server's
back (by a superuser: only it and the owner can switch the guards off)."""

from __future__ import annotations

import psycopg
import pytest

from app.store import audit
from tests.store.postgres.support import add_holder, chain_problems, issue

#: A detail holding JSON's escapes, and characters that need none; a user name with raw
#: control characters, quotes and backslashes, which the canonical row must escape as
#: Python's json.dumps does.
AWKWARD = '{"note": "quote \\" backslash \\\\ tab \\t line\\n bell \\u0007 Zoë 北京 🇧🇪"}'
AWKWARD_USER = 'marie\t\x07\x1f\n"\\ Zoë'


@pytest.fixture
def database(make_database):
    database = make_database()
    with database.connect(database.counter) as conn:
        holder_id = add_holder(conn)
        for _ in range(3):
            issue(conn, holder_id)
        conn.execute(
            'INSERT INTO audit_log (at, "user", action, entity, entity_id, detail) '
            "VALUES ('2026-03-02T10:00:00+00:00', %s, 'note', 'holder', %s, %s)",
            [AWKWARD_USER, holder_id, AWKWARD],
        )
    return database


def rows(conn: psycopg.Connection) -> list[tuple]:
    return conn.execute(
        'SELECT id, at, "user", action, entity, entity_id, detail, prev_hash, hash '
        "FROM audit_log ORDER BY id"
    ).fetchall()


def test_the_server_chains_as_the_python_store_does(database):
    with database.connect() as conn:
        (key,) = conn.execute("SELECT secret FROM permitdesk_private.chain_key").fetchone()
        previous = ""
        found = rows(conn)
        assert [row[0] for row in found] == list(range(1, len(found) + 1))
        assert found[-1][2] == AWKWARD_USER and found[-1][6] == AWKWARD
        for row in found:
            assert row[7] == previous
            assert row[8] == audit.chain_hash(bytes(key), previous, row[:7])
            previous = row[8]
        assert chain_problems(conn) == []


def test_a_row_changed_behind_the_servers_back_is_named(database):
    with database.connect() as conn:
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update")
        conn.execute('UPDATE audit_log SET detail = \'{"number": "2026/000009"}\' WHERE id = 2')
        assert chain_problems(conn) == [
            "audit log: the chain breaks at row 2 (changed, removed or inserted)",
            "audit log is no longer append-only (audit_log_no_update disabled)",
        ]
        conn.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update")
        assert chain_problems(conn) == [
            "audit log: the chain breaks at row 2 (changed, removed or inserted)"
        ]


def test_rows_removed_behind_the_servers_back_are_found(database):
    with database.connect() as conn:
        (last,) = conn.execute("SELECT max(id) FROM audit_log").fetchone()
        conn.execute("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id IN (2, %s)", [last])
        conn.execute("ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_delete")
        assert chain_problems(conn) == [
            "audit log: the chain breaks at row 3 (changed, removed or inserted)",
            f"audit log ends before its recorded head (row {last}): rows were removed",
        ]
