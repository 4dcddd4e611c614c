"""``permitdesk card read``: the text and exit code card_read_command returns."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping

from app.card.cli import card_read_command

CardFactory = Callable[[Mapping[str, str | bytes] | None], str]


def test_json_output(make_card: CardFactory, fr_card: dict[str, str | bytes]) -> None:
    fr_card["surname"] = "Şahin"
    code, text = card_read_command(make_card(fr_card), "json")

    assert code == 0
    assert '"surname": "Şahin"' in text  # ensure_ascii=False
    assert json.loads(text)["labour_market"] == "limited"
    assert text.startswith('{\n  "surname"')  # indent 2


def test_table_output(make_card: CardFactory, fr_card: dict[str, str | bytes]) -> None:
    code, text = card_read_command(make_card(fr_card), "table")

    assert code == 0
    lines = text.splitlines()
    assert lines[0].split() == ["Surname", "El", "Amrani"]
    rows = {line[:28].strip(): line[28:].strip() for line in lines}
    assert rows["Proposed case"] == "limited_renewal"
    assert rows["Country (ISO)"] == "MA"
    assert rows["Read from"] == "card"
    assert rows["Unverified"] == "no"


def test_no_card_gives_a_non_zero_exit_and_a_message(make_card: CardFactory) -> None:
    code, text = card_read_command(make_card(None), "table")
    assert code != 0
    assert text.startswith("error (no_card): No card is inserted")


def test_error_as_json(tmp_path) -> None:
    code, text = card_read_command(str(tmp_path / "missing.so"), "json")
    assert code != 0
    assert json.loads(text)["error"] == "no_middleware"


def test_unknown_format() -> None:
    code, text = card_read_command(None, "xml")
    assert code == 2
    assert "table, json" in text
