"""The installation's audit key: created once beside the configuration, never guessed."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from app.config import load_config
from app.services.installation_key import KEY_BYTES, KeyUnavailable, installation_key


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "etc" / "permitdesk.toml"
    monkeypatch.setenv("PERMITDESK_CONFIG", str(path))
    return path


def test_the_first_call_creates_a_private_key_the_next_reads_it(config_file: Path) -> None:
    first = installation_key()
    assert first.created and first.path == config_file.parent / "audit.key"
    assert len(first.secret) == KEY_BYTES
    assert stat.S_IMODE(os.stat(first.path).st_mode) == 0o600
    again = installation_key()
    assert not again.created and again.secret == first.secret


def test_the_configuration_names_another_place(config_file: Path, tmp_path: Path) -> None:
    config_file.parent.mkdir(parents=True)
    config_file.write_text(f"audit_key = '{tmp_path / 'safe' / 'key'}'\n", encoding="utf-8")
    key = installation_key(load_config())
    assert key.path == tmp_path / "safe" / "key" and key.path.is_file()


@pytest.mark.parametrize("content", ["", "not hex at all", "ab" * 8])
def test_a_damaged_key_is_refused_not_replaced(config_file: Path, content: str) -> None:
    config_file.parent.mkdir(parents=True)
    (config_file.parent / "audit.key").write_text(content, encoding="ascii")
    with pytest.raises(KeyUnavailable, match="is not a key"):
        installation_key()
    assert (config_file.parent / "audit.key").read_text(encoding="ascii") == content


def test_a_key_that_cannot_be_created_says_what_to_do(config_file: Path) -> None:
    config_file.parent.parent.mkdir(exist_ok=True)
    config_file.parent.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(KeyUnavailable, match="start PermitDesk once as an administrator"):
        installation_key()
