"""``permitdesk init`` and ``permitdesk demo``: creating a database, and their bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.model import Language
from app.services.desk import open_database


def test_init_creates_the_database_and_sets_the_commune(run, cli_db: Path) -> None:
    result = run(
        "init",
        "--commune-nis",
        "21004",
        "--commune-name",
        " Bruxelles ",
        "--languages",
        "fr, nl",
        "--postal-code",
        "1000",
        db=cli_db,
    )
    assert result.code == 0
    assert result.out.strip() == f"{cli_db}: commune 21004 Bruxelles (fr,nl)"
    with open_database(cli_db) as store:
        commune = store.get_commune()
    assert (commune.nis_code, commune.name, commune.postal_code) == ("21004", "Bruxelles", "1000")
    assert commune.languages == (Language.FR, Language.NL)


def test_init_again_changes_the_commune(run, initialised: Path) -> None:
    result = run(
        "init",
        "--commune-nis",
        "63023",
        "--commune-name",
        "Eupen",
        "--languages",
        "de",
        db=initialised,
    )
    assert result.code == 0
    with open_database(initialised) as store:
        assert store.get_commune().languages == (Language.DE,)


def test_init_uses_the_environment_database(run, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "from-env" / "db.sqlite"
    monkeypatch.setenv("PERMITDESK_DB", str(target))
    assert run("init", "--commune-nis", "21004", "--commune-name", "Bruxelles").code == 0
    assert target.is_file()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--commune-nis", "2100", "--commune-name", "X"], "--commune-nis must be 5 digits"),
        (["--commune-nis", "21OO4", "--commune-name", "X"], "--commune-nis must be 5 digits"),
        (["--commune-nis", "21004", "--commune-name", "  "], "--commune-name must not be empty"),
        (
            ["--commune-nis", "21004", "--commune-name", "X", "--languages", "fr,en"],
            "languages must be among fr,nl,de",
        ),
        (
            ["--commune-nis", "21004", "--commune-name", "X", "--languages", ","],
            "languages must be among fr,nl,de",
        ),
        (["--commune-name", "X"], "--commune-nis"),
    ],
)
def test_init_bad_input_exits_2(run, cli_db: Path, argv, message) -> None:
    result = run("init", *argv, db=cli_db)
    assert result.code == 2
    assert message in result.err
    assert result.out == ""
    assert not cli_db.exists()


def test_demo_writes_a_deterministic_database(run, tmp_path: Path) -> None:
    first, second = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (first, second):
        result = run("demo", "--persons", "40", "--seed", "5", "--on", "2026-11-23", db=path)
        assert result.code == 0
        assert result.out.strip() == f"{path}: demo commune with 40 holders"

    def people(path: Path) -> list:
        with open_database(path) as store:
            return store._all("SELECT national_number, surname FROM holders ORDER BY id")

    assert people(first) == people(second)


def test_demo_refuses_a_database_with_data(run, demo_db: Path) -> None:
    result = run("demo", "--persons", "10", "--on", "2026-11-23", db=demo_db)
    assert result.code == 1
    assert "already holds data" in result.err


def test_demo_refusal_is_not_called_unexpected(run, demo_db: Path) -> None:
    result = run("demo", "--persons", "10", "--on", "2026-11-23", db=demo_db)
    assert "unexpected" not in result.err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--persons", "-1"], "--persons must be between 0 and 1000000"),
        (["--persons", "many"], "invalid int value"),
        (["--on", "2026-02-30"], "is not a date"),
    ],
)
def test_demo_bad_input_exits_2(run, cli_db: Path, argv, message) -> None:
    result = run("demo", *argv, db=cli_db)
    assert result.code == 2
    assert message in result.err


def test_commands_without_a_database_say_to_run_init(run, cli_db: Path) -> None:
    for argv in (["due"], ["check"], ["backup", str(cli_db.parent)], ["document", "verify", "x"]):
        result = run(*argv, db=cli_db)
        assert result.code == 1, argv
        assert "create it with 'permitdesk init' first" in result.err
    assert not cli_db.exists()


def test_version(run) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.startswith("PermitDesk ")
