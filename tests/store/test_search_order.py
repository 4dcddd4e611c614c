"""Search results in name order, whichever way the store finds them (issue 14, point 3):
few matches sorted, many matches walked through the name index, crowded matches sorted
after the walk gives up; an exact number looked up directly."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.search import parse_query
from app.services.search import search
from app.store import search as holder_search
from app.store.postgres import search as server_search

SURNAMES = ["Zerrouki", "Aydin", "El Amrani", "Benali", "Yilmaz", "Peeters", "Öztürk"]


@pytest.fixture
def crowd(make) -> list[str]:
    """Forty-two holders: seven surnames, six given names each, one of them Mohamed."""
    names = []
    for n, surname in enumerate(SURNAMES):
        for m, given in enumerate(["Mohamed", "Sara", "Ali", "Lina", "Omar", "Noor"]):
            holder = make.holder(
                surname=surname, given_names=given, birth_date=date(1980 + m, 1 + n, 1)
            )
            make.permit(holder, date(2027, 1, 1 + n))
            names.append(holder.full_name)
    return names


def ids_in_order(desk, text: str, limit: int = 50) -> list[int]:
    return [holder.id for holder in search(desk, text, limit).holders]


@pytest.mark.parametrize(
    ("probe", "walk"),
    [(1000, 1000), (3, 30), (3, 5)],
    ids=["sorted", "walked", "walk-gives-up"],
)
@pytest.mark.parametrize("text", ["mohamed", "a", "el", "o", "sara yil"])
def test_every_path_gives_the_same_holders_in_name_order(
    desk, crowd, monkeypatch, probe: int, walk: int, text: str
) -> None:
    expected = ids_in_order(desk, text, limit=4)  # the default thresholds: sorted
    monkeypatch.setattr(holder_search, "PROBE", probe)
    monkeypatch.setattr(holder_search, "WALK", walk)
    monkeypatch.setattr(server_search, "PROBE", probe)  # the server takes the same course
    monkeypatch.setattr(server_search, "WALK", walk)
    found = search(desk, text, limit=4).holders
    assert [holder.id for holder in found] == expected
    keys = [desk.store._one("SELECT name_key FROM holders WHERE id = ?", [h.id]) for h in found]
    assert keys == sorted(keys, key=lambda row: row["name_key"])  # type: ignore[index]


def test_broad_query_lists_the_alphabet_in_order(desk, crowd) -> None:
    found = search(desk, "mohamed").holders
    assert [h.surname for h in found] == sorted(SURNAMES, key=lambda s: s.replace("Ö", "O"))


@pytest.mark.parametrize("prefix", ["80", "B0000000", "8"])
def test_a_number_prefix_walks_national_and_card_numbers(
    desk, crowd, monkeypatch, prefix: str
) -> None:
    expected = ids_in_order(desk, prefix)
    monkeypatch.setattr(holder_search, "PROBE", 2)
    monkeypatch.setattr(server_search, "PROBE", 2)
    found = search(desk, prefix).found
    assert [f.holder.id for f in found] == expected
    assert found and all(
        (f.holder.national_number or "").startswith(prefix) or f.card_number.startswith(prefix)
        for f in found
    )


def test_an_exact_number_is_its_holder_alone(desk, make) -> None:
    holder = make.holder()
    make.permit(holder, date(2027, 1, 1), card_number="B0123456789")
    other = make.holder()
    make.permit(other, date(2027, 1, 1), card_number="B01234567890")
    assert ids_in_order(desk, "b0123456789") == [holder.id]
    assert ids_in_order(desk, holder.national_number) == [holder.id]  # type: ignore[arg-type]
    assert ids_in_order(desk, "B012345678") == sorted([holder.id, other.id])


def test_the_sort_key_follows_a_renamed_holder(desk, crowd) -> None:
    (holder,) = search(desk, "zerrouki sara").holders
    holder.surname = "Aaron"
    desk.store.save_holder(holder)
    assert search(desk, "sara").holders[0].id == holder.id
    query = parse_query("aaron")
    assert query is not None
    assert [hit.holder.id for hit in desk.store.search_holders(query)] == [holder.id]
