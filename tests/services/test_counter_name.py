"""Each workstation's counter name is in the audit rows it writes, those the server's own
functions write for it included, so that several counters on one register tell their
work apart; it comes from the machine configuration, else the computer's name."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from app.config import ConfigError, load_config
from app.domain.model import Holder, Language
from app.paths import counter_name
from app.services.desk import Desk
from app.services.issuing import issue_annex
from app.store import open_store


@pytest.fixture
def guichet_3(any_target: str, db_path: Path):
    store = open_store(any_target, backups=db_path.parent / "b", key=b"k" * 32, counter="Guichet 3")
    yield store
    store.close()


def test_every_audit_row_names_the_counter(desk, guichet_3, clock, scenarios) -> None:
    """``desk`` set the register up (commune, signatories); Guichet 3 works on it."""
    file = scenarios.r2()
    marie = Desk(guichet_3, user="marie", clock=clock)
    guichet_3.save_holder(Holder(surname="Peeters", given_names="An"))
    guichet_3.audit("marie", "create", "holder", 1)
    issue_annex(marie, file.id, Language.FR)  # on a server, rows its functions write too
    details = [json.loads(r["detail"]) for r in guichet_3._all("SELECT detail FROM audit_log")]
    assert details and all(detail.get("counter") == "Guichet 3" for detail in details)


def test_the_counter_name_comes_from_the_configuration(tmp_path: Path) -> None:
    config = tmp_path / "permitdesk.toml"
    config.write_text('counter_name = "Guichet 3"\n', encoding="utf-8")
    assert counter_name(load_config(config)) == "Guichet 3"
    config.write_text("", encoding="utf-8")
    assert counter_name(load_config(config)) == socket.gethostname()


@pytest.mark.parametrize("bad", ['""', '"' + "x" * 41 + '"', "3", '"tab\\there"'])
def test_a_bad_counter_name_is_refused(tmp_path: Path, bad: str) -> None:
    config = tmp_path / "permitdesk.toml"
    config.write_text(f"counter_name = {bad}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="counter_name must be a name of 1 to 40"):
        load_config(config)
