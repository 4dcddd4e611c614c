"""The command line: accounts (password never in argv), purge, export-holder, check."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from app.cli import main
from app.domain.model import Holder
from app.services.desk import open_database


@pytest.fixture
def cli_db(desk, db_path: Path) -> Path:
    desk.store.save_holder(Holder("Export", "Me", national_number="85073003328"))
    desk.store.close()
    return db_path


def run(capsys, monkeypatch, db: Path, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--db", str(db), *argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_user_add_list_disable(capsys, monkeypatch, cli_db) -> None:
    added = run(
        capsys,
        monkeypatch,
        cli_db,
        "user",
        "add",
        "anna",
        "--role",
        "administrator",
        stdin="a long enough password\n",
    )
    assert added == (0, "account anna created (administrator)\n", "")
    run(
        capsys,
        monkeypatch,
        cli_db,
        "user",
        "add",
        "bert",
        "--role",
        "clerk",
        stdin="another long password\n",
    )
    _, out, _ = run(capsys, monkeypatch, cli_db, "user", "list")
    assert out == "anna\tadministrator\tactive\nbert\tclerk\tactive\n"
    assert run(capsys, monkeypatch, cli_db, "user", "disable", "bert")[:2] == (
        0,
        "account bert disabled\n",
    )


def test_user_add_refuses_a_short_password(capsys, monkeypatch, cli_db) -> None:
    code, _, err = run(
        capsys, monkeypatch, cli_db, "user", "add", "x", "--role", "clerk", stdin="short\n"
    )
    assert code == 2 and err == "permitdesk: error: a password needs at least 12 characters\n"


def test_user_disable_unknown(capsys, monkeypatch, cli_db) -> None:
    code, _, err = run(capsys, monkeypatch, cli_db, "user", "disable", "nobody")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_purge_dry_run_and_real(capsys, monkeypatch, cli_db) -> None:
    code, out, _ = run(capsys, monkeypatch, cli_db, "purge", "--dry-run", "--on", "2040-01-01")
    assert code == 0 and "1 holder(s)" in out and "would go" in out
    code, out, _ = run(capsys, monkeypatch, cli_db, "purge", "--on", "2040-01-01")
    assert code == 0 and "deleted" in out
    with open_database(cli_db) as store:
        assert store.find_holder("85073003328") is None


def test_export_holder(capsys, monkeypatch, cli_db, tmp_path) -> None:
    out_dir = tmp_path / "gdpr"
    code, _, _ = run(
        capsys, monkeypatch, cli_db, "export-holder", "85.07.30-033.28", "--out", str(out_dir)
    )
    assert code == 0
    assert json.loads((out_dir / "holder.json").read_text())["holder"]["surname"] == "Export"


def test_check_reports_the_audit_chain(capsys, monkeypatch, cli_db) -> None:
    run(
        capsys,
        monkeypatch,
        cli_db,
        "user",
        "add",
        "anna",
        "--role",
        "clerk",
        stdin="a long enough password\n",
    )
    code, out, _ = run(capsys, monkeypatch, cli_db, "check", "--verbose")
    assert code == 0 and "audit chain: 1 rows; sealed head kept at" in out
    with open_database(cli_db) as store:
        store._db.execute("DROP TRIGGER audit_log_no_update")
        store._db.execute("UPDATE audit_log SET user = 'mallory'")
    code, out, _ = run(capsys, monkeypatch, cli_db, "check")
    assert code == 1
    assert "problem: audit log: the chain breaks at row 1 (changed, removed or inserted)" in out
