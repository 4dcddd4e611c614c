"""A register on a server whose connection the network or the server broke: the action
under way fails with ServerUnreachable and writes nothing, the next one connects again; a
connection lost inside a transaction is never replaced under it (what followed would be
written without what came before), and a store closed on purpose stays closed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from support.postgres import admin_connection, database_name

from app.domain.errors import ServerUnreachable
from app.domain.model import Holder
from app.store import Store, open_store


@pytest.fixture
def server_store(register_database: str, tmp_path: Path) -> Iterator[Store]:
    with open_store(register_database, backups=tmp_path / "backups", key=b"") as opened:
        yield opened


def cut(store: Store, postgres_server: str, register_database: str) -> None:
    """Every connection to the register ended by the server (a restart, a network cut)."""
    with admin_connection(postgres_server) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [database_name(register_database)],
        )


def holder(surname: str) -> Holder:
    return Holder(
        surname=surname, given_names="Amina", birth_date=date(1985, 7, 30), nationality="MA"
    )


def test_the_call_after_a_lost_connection_connects_again(
    server_store: Store, postgres_server: str, register_database: str
) -> None:
    saved = server_store.save_holder(holder("BENALI"))
    cut(server_store, postgres_server, register_database)
    with pytest.raises(ServerUnreachable, match="was lost"):
        server_store.count_holders()
    assert server_store.count_holders() == 1  # a read connects again
    cut(server_store, postgres_server, register_database)
    saved.given_names = "Amina Sara"
    with pytest.raises(ServerUnreachable):
        server_store.save_holder(saved)
    assert saved.id is not None
    assert server_store.get_holder(saved.id).given_names == "Amina"  # nothing written
    server_store.save_holder(saved)  # a write connects again
    assert server_store.get_holder(saved.id).given_names == "Amina Sara"


def test_a_connection_lost_inside_a_transaction_is_not_replaced_under_it(
    server_store: Store, postgres_server: str, register_database: str
) -> None:
    with pytest.raises(ServerUnreachable), server_store.transaction():
        server_store.save_holder(holder("FIRST"))
        cut(server_store, postgres_server, register_database)
        with pytest.raises(ServerUnreachable):
            server_store.count_holders()
        server_store.save_holder(holder("SECOND"))  # never on a new connection, alone
    assert server_store.count_holders() == 0  # neither half was written


def test_a_store_closed_on_purpose_stays_closed(server_store: Store) -> None:
    server_store.close()
    with pytest.raises(ServerUnreachable):
        server_store.count_holders()


def test_a_worker_threads_store_comes_from_the_pool_and_goes_back_to_it(
    server_store: Store,
) -> None:
    saved = server_store.save_holder(holder("POOL"))
    worker = server_store.for_another_thread()
    try:
        assert worker.get_holder(saved.id) == saved  # the same register
        own = worker._execute("SELECT pg_backend_pid()").fetchone()[0]
        assert own != server_store._execute("SELECT pg_backend_pid()").fetchone()[0]
    finally:
        worker.close()
    for _ in range(5):  # one after another: the connections given back are taken again
        server_store.for_another_thread().close()
    assert server_store._pool().get_stats()["pool_size"] <= 2
    assert server_store.count_holders() == 1  # the window's store is left as it was
