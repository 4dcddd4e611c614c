"""``permitdesk search`` gives the window's results (app.services.search.search), and
``permitdesk card read --file`` reads a card the eID viewer saved."""

from __future__ import annotations

import json
from pathlib import Path

from app.domain.model import Holder
from app.services.desk import Desk
from app.services.files import save_holder
from app.services.search import search

from .conftest import Run

CARD_DATA = Path(__file__).parent.parent / "card" / "data"


def _holders(db: Path) -> dict[str, int]:
    with Desk.open(db, local_admin=True) as desk:
        people = {
            "aliyev": save_holder(desk, Holder("Əliyev", "İlham")),
            "dorde": save_holder(desk, Holder("Jovanović", "Ðorđe")),
            "ivanov": save_holder(desk, Holder("Иванов", "Сергей")),
            "benali": save_holder(desk, Holder("Benali", "Amina")),
        }
    return {key: holder.id for key, holder in people.items() if holder.id is not None}


def test_search_in_json_finds_every_script(run: Run, initialised: Path) -> None:
    ids = _holders(initialised)
    for typed, key in (("aliyev", "aliyev"), ("dorde", "dorde"), ("ivanov", "ivanov")):
        result = run("search", typed, "--format", "json", db=initialised)
        assert result.code == 0, result.err
        data = json.loads(result.out)
        assert [row["id"] for row in data["holders"]] == [ids[key]]
        assert data["document"] is None


def test_search_gives_the_windows_results_in_its_order(run: Run, initialised: Path) -> None:
    _holders(initialised)
    result = run("search", "a", "--format", "json", db=initialised)
    cli = [row["id"] for row in json.loads(result.out)["holders"]]
    with Desk.open(initialised, local_admin=True) as desk:
        window = [holder.id for holder in search(desk, "a").holders]
    assert cli == window and len(cli) >= 2


def test_search_as_a_table(run: Run, initialised: Path) -> None:
    ids = _holders(initialised)
    result = run("search", "ALIYEV", db=initialised)
    assert result.code == 0
    assert result.out.splitlines()[0].split("\t")[:2] == [str(ids["aliyev"]), "Əliyev, İlham"]
    assert result.out.splitlines()[-1] == "1 holder(s) found"
    assert run("search", "nobody", db=initialised).out.strip() == "0 holder(s) found"


def test_search_without_database_is_an_error(run: Run, tmp_path: Path) -> None:
    result = run("search", "x", db=tmp_path / "none.sqlite")
    assert result.code == 1 and "permitdesk init" in result.err


def test_card_read_file_in_json(run: Run) -> None:
    result = run(
        "card", "read", "--file", str(CARD_DATA / "aliyev-a-card-4.5.eid"), "--format", "json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert (data["surname"], data["unverified"]) == ("Əliyev", True)
    assert "not signed" in result.err


def test_card_read_file_of_a_belgian(run: Run) -> None:
    result = run("card", "read", "--file", str(CARD_DATA / "67.06.30-296.59.eid"))
    assert result.code == 0
    assert "Belgian citizen's identity card" in result.err


def test_card_read_file_not_a_card(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "invoice.xml"
    other.write_text("<invoice/>", encoding="utf-8")
    result = run("card", "read", "--file", str(other), "--format", "json")
    assert result.code == 1
    assert json.loads(result.err)["error"] == "not_saved_card"
