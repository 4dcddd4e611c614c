"""The installation's audit key: created once beside the configuration, never guessed."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app.config import load_config
from app.domain.model import Holder
from app.services import installation_key as installation_key_module
from app.services.backups import startup_check
from app.services.desk import Desk
from app.services.files import save_holder
from app.services.installation_key import KEY_BYTES, KeyUnavailable, installation_key
from app.services.maintenance import check
from app.store import audit

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only


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
    assert again.created and again.secret == first.secret  # still this process's new key
    installation_key_module._CREATED_HERE.discard(first.path)  # as a later run sees it
    later = installation_key()
    assert not later.created and later.secret == first.secret


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


def test_the_first_start_with_a_new_key_keys_the_old_chain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A register whose chain predates keying (public SHA-256 links, no sealed head),
    opened on an installation without a key yet: the start-up check lets it through, the
    counter's open keys the chain, and from then on it checks clean."""
    path = tmp_path / "old" / "permitdesk.sqlite"
    path.parent.mkdir()
    with Desk.open(path) as desk:  # under the session's key
        save_holder(desk, Holder(surname="OLD", given_names="G"))
    conn = sqlite3.connect(path, isolation_level=None)
    conn.executescript("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;")
    previous = ""
    for row in conn.execute(
        'SELECT id, at, "user", action, entity, entity_id, detail FROM audit_log ORDER BY id'
    ).fetchall():
        digest = audit.public_chain_hash(previous, row)
        conn.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [previous, digest, row[0]]
        )
        previous = digest
    conn.executescript(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
    )
    conn.close()
    for head in (path.parent / "backups").glob("*.audit-head.json"):
        head.unlink()
    monkeypatch.setenv("PERMITDESK_CONFIG", str(tmp_path / "new-etc" / "permitdesk.toml"))
    assert startup_check(path).ok  # creates the key: this run may key the old chain
    with Desk.open(path) as desk:
        marker = desk.store._one("SELECT \"user\" FROM audit_log WHERE action = 'audit_keyed'")
        assert marker is not None
        assert check(desk.store) == []
    monkeypatch.setattr(installation_key_module, "_CREATED_HERE", set())  # the next start
    assert startup_check(path).ok
