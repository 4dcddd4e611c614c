"""The machine configuration file and the database's precedence:
``--db`` > ``PERMITDESK_DB`` > configuration file > default data folder."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from app import config as config_module
from app.config import ConfigError, current_config, load_config, system_config_path
from app.paths import DATABASE_NAME, backups_dir, data_dir, default_database_path, log_dir


def test_missing_file_is_an_empty_configuration(tmp_path: Path) -> None:
    loaded = load_config()
    assert loaded.path == tmp_path / "etc" / "permitdesk.toml"
    assert not loaded.exists
    assert (loaded.database, loaded.backups, loaded.default_language, loaded.log_folder) == (
        None,
        None,
        None,
        None,
    )


def test_every_key_is_read(write_config: Callable[[str], Path], tmp_path: Path) -> None:
    write_config(
        f"database = '{tmp_path}/db/counter.sqlite'\n"
        f"backups = '{tmp_path}/safe'\n"
        'default_language = "nl"\n'
        f"log_folder = '{tmp_path}/logs'\n"
    )
    loaded = load_config()
    assert loaded.exists
    assert loaded.database == tmp_path / "db" / "counter.sqlite"
    assert loaded.backups == tmp_path / "safe"
    assert loaded.default_language == "nl"
    assert loaded.log_folder == tmp_path / "logs"


def test_relative_paths_and_variables(
    write_config: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PERMITDESK_TEST_ROOT", str(tmp_path / "root"))
    source = write_config("database = 'data/p.sqlite'\nbackups = '$PERMITDESK_TEST_ROOT/bk'\n")
    loaded = load_config()
    assert loaded.database == source.parent / "data" / "p.sqlite"
    assert loaded.backups == tmp_path / "root" / "bk"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("database = [", "not valid TOML"),
        ('default_language = "en"', "default_language must be fr, nl or de"),
        ("database = 12", "database must be a non-empty path"),
        ("backups = ''", "backups must be a non-empty path"),
    ],
)
def test_a_bad_file_is_refused_with_its_name(
    write_config: Callable[[str], Path], text: str, message: str
) -> None:
    path = write_config(text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_config()
    assert str(path) in str(raised.value)


def test_windows_paths_and_a_byte_order_mark(
    write_config: Callable[[str], Path], tmp_path: Path
) -> None:
    # As the installer writes it: a literal string keeps backslashes, Notepad adds a BOM.
    path = write_config("")
    path.write_bytes("\ufeffdatabase = 'D:\\PermitDesk\\p.sqlite'\n".encode())
    assert str(load_config().database).endswith("D:\\PermitDesk\\p.sqlite")


def test_current_config_survives_a_bad_file(
    write_config: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    write_config("database = [")
    assert current_config().database is None
    assert "not valid TOML" in caplog.text


def test_unknown_keys_are_logged_not_fatal(
    write_config: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    write_config('default_language = "de"\ndatabse = "typo.sqlite"\n')
    assert load_config().default_language == "de"
    assert "databse" in caplog.text


def test_system_file_location(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    assert system_config_path() == Path("/etc/permitdesk/permitdesk.toml")
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("PROGRAMDATA", r"C:\ProgramData")
    assert system_config_path() == Path(r"C:\ProgramData") / "PermitDesk" / "permitdesk.toml"
    monkeypatch.delenv(config_module.CONFIG_ENV)
    assert config_module.config_path() == system_config_path()


def test_default_database_is_in_the_data_folder(tmp_path: Path) -> None:
    assert data_dir() == tmp_path / "xdg" / "permitdesk"
    assert default_database_path() == tmp_path / "xdg" / "permitdesk" / DATABASE_NAME


def test_config_file_beats_the_default(write_config: Callable[[str], Path], tmp_path: Path) -> None:
    write_config(f"database = '{tmp_path}/configured.sqlite'")
    assert default_database_path() == tmp_path / "configured.sqlite"


def test_environment_beats_the_config_file(
    write_config: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    write_config(f"database = '{tmp_path}/configured.sqlite'")
    monkeypatch.setenv("PERMITDESK_DB", str(tmp_path / "from-env.sqlite"))
    assert default_database_path() == tmp_path / "from-env.sqlite"


def test_backups_beside_the_database_unless_configured(
    write_config: Callable[[str], Path], tmp_path: Path
) -> None:
    database = tmp_path / "d" / "p.sqlite"
    assert backups_dir(database) == tmp_path / "d" / "backups"
    write_config(f"backups = '{tmp_path}/elsewhere'")
    assert backups_dir(database) == tmp_path / "elsewhere"


def test_log_folder_follows_the_config(write_config: Callable[[str], Path], tmp_path: Path) -> None:
    from app.ui import launch

    assert log_dir() == tmp_path / "xdg" / "PermitDesk" / "PermitDesk"
    write_config(f"log_folder = '{tmp_path}/logs'")
    assert log_dir() == tmp_path / "logs"
    assert launch.log_directory() == tmp_path / "logs"


def test_ui_language_defaults_to_the_config_until_the_clerk_picks(
    write_config: Callable[[str], Path],
) -> None:
    from app.ui.settings import Settings

    write_config('default_language = "de"')
    settings = Settings()
    assert settings.language == "de"
    settings.language = "nl"
    assert settings.language == "nl"


def test_the_form_overrides_folder_is_read(
    write_config: Callable[[str], Path], tmp_path: Path
) -> None:
    write_config("form_overrides = 'forms-of-the-commune'\n")
    assert load_config().form_overrides == tmp_path / "etc" / "forms-of-the-commune"
