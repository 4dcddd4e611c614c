"""The command line on a register kept on a PostgreSQL server: ``--db`` takes its libpq
target (``postgresql://…``, ``host=… dbname=…``, ``service=…``), the commands work on it
as on a file, a target carrying a password is refused with where the password belongs,
and a server that does not answer is a sentence, never a traceback."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from .conftest import Run

PASSWORD_TARGET = "postgresql://clerk:s3cret@register.example/permitdesk"


@pytest.fixture
def server(run: Run, register_database: str) -> str:
    """A register on the test server with commune 21004 and a 30-person demo."""
    init = run(
        "init", "--commune-nis", "21004", "--commune-name", "Bruxelles", db=register_database
    )
    assert init.code == 0, init.err
    demo = run("demo", "--persons", "30", "--seed", "3", "--on", "2026-11-23", db=register_database)
    assert demo.code == 0, demo.err
    return register_database


def test_where_names_the_server_and_the_rule_that_chose_it(run: Run, server: str) -> None:
    result = run("--where", db=server)
    assert result.code == 0, result.err
    lines = dict(line.split(":", 1) for line in result.out.splitlines())
    assert lines["database"].strip() == f"{server} (--db, a PostgreSQL server)"
    assert "data folder" in lines["backups folder"] and "pg_dump" in lines["backups folder"]


def test_search_and_due_work_on_the_server(run: Run, server: str, tmp_path: Path) -> None:
    due = run("due", "--on", "2026-11-23", "--format", "csv", db=server)
    assert due.code == 0, due.err
    header, first, *_rest = due.out.splitlines()
    assert header.startswith("status,national_number,surname,")
    national_number = first.split(",")[1]
    found = run("search", national_number, "--format", "json", db=server)
    assert found.code == 0, found.err
    assert national_number in found.out


def test_the_environment_names_a_server_too(
    run: Run, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PERMITDESK_DB", server)
    result = run("--where")
    assert result.code == 0, result.err
    assert f"{server} (PERMITDESK_DB, a PostgreSQL server)" in result.out
    assert run("due", "--on", "2026-11-23").code == 0


def test_a_server_in_the_config_file_stays_a_target(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """``Path`` would fold ``postgresql://host/db`` into ``postgresql:/host/db``: a server
    target is kept as written, and its backups folder is the data folder's."""
    monkeypatch.delenv("PERMITDESK_DB")
    config = tmp_path / "permitdesk.toml"
    monkeypatch.setenv("PERMITDESK_CONFIG", str(config))
    for target in ("service=permitdesk", "postgresql://register.example/permitdesk"):
        config.write_text(f'database = "{target}"\n', encoding="utf-8")
        result = run("--where")
        assert result.code == 0, result.err
        assert f"database:       {target} (config file, a PostgreSQL server)" in result.out
        backups = tmp_path / "xdg" / "permitdesk" / "backups"
        assert f"backups folder: {backups} (in the data folder;" in result.out
    config.write_text(
        f'database = "service=permitdesk"\nbackups = "{tmp_path / "bk"}"\n', encoding="utf-8"
    )
    assert f"backups folder: {tmp_path / 'bk'} (config file)" in run("--where").out


def test_file_operations_say_the_register_is_on_a_server(
    run: Run, server: str, tmp_path: Path
) -> None:
    for argv in (("restore", str(tmp_path / "x.sqlite")),):
        result = run(*argv, db=server)
        assert result.code == 1, argv
        assert "PostgreSQL server" in result.err and "pg_dump" in result.err, result.err
    assert list(tmp_path.glob("*.sqlite")) == []


def test_backup_of_the_server_is_a_pg_dump_taken_with_its_owners_login(
    run: Run, server: str, tmp_path: Path
) -> None:
    """The administrator's login may not read the chain's key: refused, nothing written;
    IT's login (here the superuser) writes a dump that pg_restore reads, named by date."""
    refused = run("backup", str(tmp_path), db=server)
    assert refused.code == 1
    assert "permission denied" in refused.err and "permitdesk_owner" in refused.err
    assert list(tmp_path.iterdir()) == []
    written = run("backup", str(tmp_path), db=make_conninfo(server, user="postgres"))
    assert written.code == 0, written.err
    (dump,) = tmp_path.glob("permitdesk-*.dump")
    assert written.out.strip() == f"backup written to {dump}"
    assert dump.read_bytes().startswith(b"PGDMP")
    again = run("backup", str(dump), db=make_conninfo(server, user="postgres"))
    assert again.code == 2 and "exists already" in again.err


def test_check_on_the_server_checks_the_register_and_the_chain(
    run: Run, server: str, postgres_server: str
) -> None:
    first = run("check", "--verbose", db=server)
    assert first.code == 0, first.err
    assert first.out.splitlines()[-2:] == [
        "audit chain: kept and keyed by the server (audit_chain_problems)",
        "database is sound",
    ]
    with psycopg.connect(make_conninfo(server, user="postgres")) as owner:  # behind its back
        owner.execute("ALTER TABLE permitdesk.audit_log DISABLE TRIGGER audit_log_no_update")
        owner.execute("UPDATE permitdesk.audit_log SET detail = '{}' WHERE id = 2")
        owner.execute("ALTER TABLE permitdesk.audit_log ENABLE TRIGGER audit_log_no_update")
    tampered = run("check", db=server)
    assert tampered.code == 1
    assert "problem: " in tampered.out and "1 problem(s) found" in tampered.out


@pytest.mark.parametrize(
    "target",
    [PASSWORD_TARGET, "host=register.example dbname=permitdesk user=clerk password=s3cret"],
)
def test_a_target_with_a_password_is_refused(run: Run, target: str) -> None:
    result = run("--where", db=target)
    assert result.code == 2
    assert ".pgpass" in result.err and "pg_service.conf" in result.err
    assert "s3cret" not in result.err


def test_a_password_in_the_environment_or_the_config_file_is_refused(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PERMITDESK_DB", PASSWORD_TARGET)
    result = run("due")
    assert result.code == 2 and ".pgpass" in result.err and "s3cret" not in result.err
    monkeypatch.delenv("PERMITDESK_DB")
    config = tmp_path / "permitdesk.toml"
    config.write_text(f'database = "{PASSWORD_TARGET}"\n', encoding="utf-8")
    monkeypatch.setenv("PERMITDESK_CONFIG", str(config))
    result = run("due")
    assert result.code == 1
    assert "configuration file" in result.err and ".pgpass" in result.err
    assert "s3cret" not in result.err


def test_a_server_that_does_not_answer_is_a_sentence(run: Run, tmp_path: Path) -> None:
    nowhere = f"host={tmp_path / 'no-such-socket-folder'} user=clerk dbname=permitdesk"
    result = run("due", db=nowhere)
    assert result.code == 1
    assert "does not answer" in result.err and "ask IT" in result.err
