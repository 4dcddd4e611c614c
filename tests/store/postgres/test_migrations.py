"""The PostgreSQL migrations: applied once, in order, under the advisory lock, and a
database from a newer PermitDesk refused (as app.store.migrations does on SQLite)."""

from __future__ import annotations

import threading

import pytest

from app.domain.errors import DatabaseTooNew
from app.store.postgres import migrations


def test_a_new_database_gets_every_migration_and_a_second_upgrade_nothing(make_database):
    database = make_database(migrate=False)
    with database.connect() as conn:
        assert migrations.schema_version(conn) is None
        assert migrations.pending_names(conn) == migrations.known_names()

        assert migrations.upgrade(conn) == migrations.known_names()
        assert migrations.upgrade(conn) == []

        assert migrations.schema_version(conn) == migrations.known_names()[-1]
        assert migrations.pending_names(conn) == []
        recorded = conn.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        assert [name for (name,) in recorded] == migrations.known_names()


def test_every_object_belongs_to_the_owner_and_no_function_to_public(make_database):
    database = make_database()
    with database.connect() as conn:
        strangers = conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname IN ('permitdesk', 'permitdesk_private') "
            "AND pg_get_userbyid(c.relowner) <> 'permitdesk_owner'"
        ).fetchall()
        assert strangers == []
        public = conn.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname IN ('permitdesk', 'permitdesk_private') "
            "AND pg_get_userbyid(p.proowner) = 'permitdesk_owner' "
            "AND has_function_privilege('public', p.oid, 'EXECUTE')"
        ).fetchall()
        assert public == []
    with database.connect(database.counter) as conn:  # a counter's start-up check reads it
        assert migrations.pending_names(conn) == []
        assert migrations.schema_version(conn) == migrations.known_names()[-1]


def test_two_counters_upgrading_at_once_apply_the_migrations_once(make_database):
    database = make_database(migrate=False)
    start = threading.Barrier(2)
    results: list[list[str]] = []
    errors: list[BaseException] = []

    def upgrade() -> None:
        try:
            with database.connect() as conn:
                start.wait()
                results.append(migrations.upgrade(conn))
        except BaseException as error:  # reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=upgrade) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(results, key=len) == [[], migrations.known_names()]
    with database.connect() as conn:
        (count,) = conn.execute("SELECT count(*) FROM schema_migrations").fetchone()
        assert count == len(migrations.known_names())


def test_a_database_from_a_newer_version_is_refused(make_database):
    database = make_database()
    with database.connect() as conn:
        conn.execute("INSERT INTO schema_migrations (name) VALUES ('9999_from_the_future')")

        with pytest.raises(DatabaseTooNew, match=r"newer version.*9999_from_the_future"):
            migrations.upgrade(conn)
        with pytest.raises(DatabaseTooNew):
            migrations.pending_names(conn)
