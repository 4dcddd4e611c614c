"""Running ``permitdesk`` in-process: exit code, stdout and stderr of one command.

Every run asserts that stderr holds no traceback. The default database path points into
tmp_path so a test can never touch a real PermitDesk folder.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.cli import main
from tests.support.copies import copy_live_database


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def no_real_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("PERMITDESK_DB", str(tmp_path / "xdg" / "default.sqlite"))


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``run("due", "--on", "2026-11-23", db=path, stdin="...")``."""

    def run_command(*argv: str, db: Path | None = None, stdin: str = "") -> Result:
        capsys.readouterr()
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        args = [*(["--db", str(db)] if db else []), *argv]
        try:
            code = main(args)
        except SystemExit as exit_:  # argparse's own usage errors
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        assert "Traceback" not in captured.out
        return Result(code, captured.out, captured.err)

    return run_command


@pytest.fixture
def cli_db(tmp_path: Path) -> Path:
    return tmp_path / "cli" / "permitdesk.sqlite"


@pytest.fixture
def initialised(run: Run, cli_db: Path) -> Path:
    """A database made by ``permitdesk init`` for commune 21004 (fr, nl)."""
    result = run(
        "init",
        "--commune-nis",
        "21004",
        "--commune-name",
        "Bruxelles",
        "--languages",
        "fr,nl",
        db=cli_db,
    )
    assert result.code == 0, result.err
    return cli_db


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 200-person demo built once (seed 3, today 23 November 2026); copy it to use it."""
    from datetime import date

    from app.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite"
    build_demo(path, 200, seed=3, today=date(2026, 11, 23))
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database (the template is closed, so its file is whole)."""
    path = tmp_path / "demo" / "permitdesk.sqlite"
    path.parent.mkdir()
    return copy_live_database(demo_template, path)
