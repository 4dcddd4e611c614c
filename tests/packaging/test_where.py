"""``permitdesk --where``: every path in use, where it came from, exit 0."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.paths import package_root

LABELS = (
    "config file:",
    "database:",
    "backups folder:",
    "log folder:",
    "audit key:",
    "user settings:",
    "forms:",
    "form overrides:",
    "translations:",
    "resources:",
    "counter name:",
    "language:",
)


def where(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, str]:
    assert main([*argv, "--where"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] + ":" for line in lines] == list(LABELS)
    return {line.split(":")[0]: line.split(":", 1)[1].strip() for line in lines}


def test_defaults(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    shown = where(capsys)
    config = tmp_path / "etc" / "permitdesk.toml"
    assert shown["config file"] == f"{config} (not found, defaults apply)"
    database = tmp_path / "xdg" / "permitdesk" / "permitdesk.sqlite"
    assert shown["database"] == f"{database} (default, does not exist yet)"
    assert shown["backups folder"] == f"{database.parent / 'backups'} (beside the database)"
    assert shown["log folder"].startswith(str(tmp_path / "xdg" / "PermitDesk"))
    assert shown["form overrides"] == "none (the built-in forms only)"
    key = config.parent / "audit.key"
    assert shown["audit key"] == f"{key} (beside the config file, does not exist yet)"
    assert shown["user settings"].startswith(str(tmp_path / "settings"))
    assert shown["forms"] == f"{package_root() / 'forms'} (exists)"
    assert shown["translations"] == f"{package_root() / 'translations'} (exists)"
    assert shown["resources"] == f"{package_root() / 'resources'} (exists)"


def test_config_file(
    capsys: pytest.CaptureFixture[str], write_config: Callable[[str], Path], tmp_path: Path
) -> None:
    database = tmp_path / "configured.sqlite"
    database.touch()
    source = write_config(
        f"database = '{database}'\nbackups = '{tmp_path}/bk'\nlog_folder = '{tmp_path}/logs'\n"
        'default_language = "nl"\n'
    )
    shown = where(capsys)
    assert shown["config file"] == f"{source} (found)"
    assert shown["database"] == f"{database} (config file, exists)"
    assert shown["backups folder"] == f"{tmp_path / 'bk'} (config file)"
    assert shown["log folder"] == f"{tmp_path / 'logs'} (config file)"
    assert shown["language"].startswith("nl ")


def test_precedence_db_over_environment_over_config(
    capsys: pytest.CaptureFixture[str],
    write_config: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    write_config(f"database = '{tmp_path}/configured.sqlite'")
    assert where(capsys)["database"].startswith(f"{tmp_path / 'configured.sqlite'} (config file")
    monkeypatch.setenv("PERMITDESK_DB", str(tmp_path / "env.sqlite"))
    assert where(capsys)["database"].startswith(f"{tmp_path / 'env.sqlite'} (PERMITDESK_DB")
    shown = where(capsys, "--db", str(tmp_path / "cli.sqlite"))
    assert shown["database"].startswith(f"{tmp_path / 'cli.sqlite'} (--db")


def test_a_bad_config_file_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], write_config: Callable[[str], Path]
) -> None:
    source = write_config('default_language = "en"')
    assert main(["--where"]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert error.startswith(f"permitdesk: error: configuration file: {source}")


def test_commands_use_the_configured_database(
    capsys: pytest.CaptureFixture[str], write_config: Callable[[str], Path], tmp_path: Path
) -> None:
    write_config(f"database = '{tmp_path}/counter/configured.sqlite'")
    code = main(["init", "--commune-nis", "21004", "--commune-name", "Bruxelles"])
    assert code == 0
    assert (tmp_path / "counter" / "configured.sqlite").is_file()
    assert "configured.sqlite" in capsys.readouterr().out
