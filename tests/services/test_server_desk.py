"""A desk on a register kept on a PostgreSQL server: opened from its target as a file is
from its path, a worker's own connection, no file to back up or check at start, and a
server that does not answer said in the start-up's state."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.config import is_server_target
from app.domain.errors import FileOnly
from app.paths import backups_dir, data_dir
from app.services.backups import BackgroundReport, background_check, startup_check
from app.services.desk import Desk, database_file, open_database

TODAY = date(2026, 11, 23)


def test_a_desk_opens_on_the_server_and_gives_a_worker_its_own_connection(
    register_database: str,
) -> None:
    with Desk.open(register_database, user="clerk") as desk:
        assert desk.on_server and desk.target == register_database
        assert desk.store.backups == data_dir() / "backups"
        with desk.for_another_thread() as worker:
            assert worker.on_server and worker.store is not desk.store
            assert worker.user == "clerk"
            assert worker.store.count_holders() == desk.store.count_holders() == 0
        assert background_check(desk, TODAY) == BackgroundReport(None)


def test_the_start_up_check_connects_and_says_when_the_server_does_not_answer(
    register_database: str, tmp_path: Path
) -> None:
    assert startup_check(register_database).ok
    nowhere = f"host={tmp_path / 'no-such-socket-folder'} user=clerk dbname=permitdesk"
    state = startup_check(nowhere)
    assert state.kind == "server" and "does not answer" in state.message
    assert state.latest_good_backup is None and state.backups == ()


@pytest.mark.parametrize("target", ["service=permitdesk", "postgresql://register.example/pd"])
def test_a_server_target_is_never_a_path(target: str, tmp_path: Path) -> None:
    assert is_server_target(target) and not is_server_target(tmp_path / "permitdesk.sqlite")
    assert backups_dir(target) == data_dir() / "backups"
    with pytest.raises(FileOnly, match="PostgreSQL server"):
        database_file(target, "a restore")
    assert database_file(str(tmp_path / "a.sqlite"), "a restore") == tmp_path / "a.sqlite"


def test_a_file_opens_as_before(tmp_path: Path) -> None:
    path = tmp_path / "permitdesk.sqlite"
    with open_database(str(path)) as store:
        assert store.location == str(path)
        assert store.backups == tmp_path / "backups"
    with Desk.open(path) as desk:
        assert not desk.on_server and desk.target == path
