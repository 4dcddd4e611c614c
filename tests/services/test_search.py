"""One search field: names in any order without accents, national and card numbers, and a
scanned register barcode that opens its document."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.model import Holder, Language
from app.domain.search import parse_query
from app.services.issuing import issue_annex
from app.services.search import search
from app.store import Store
from app.store.search import fts_match

EXPIRY = date(2027, 3, 31)


@pytest.fixture
def searchable(desk, make) -> dict[str, Holder]:
    people = {
        "ayse": make.holder(
            surname="Yılmaz", given_names="Ayşe Gül", national_number="85073003328"
        ),
        "jose": make.holder(surname="Peña García", given_names="José Luis"),
        "mohamed": make.holder(surname="El Amrani", given_names="Mohamed"),
    }
    make.permit(people["ayse"], EXPIRY, card_number="B012345678")
    make.permit(people["jose"], EXPIRY, card_number="B987654321")
    return people


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Yılmaz Ayşe", "ayse"),
        ("gul ayse", "ayse"),  # any order, without accents
        ("Ayse Yılmaz", "ayse"),
        ("AYSE", "ayse"),
        ("Gul", "ayse"),
        ("pena garcia", "jose"),
        ("García José", "jose"),
        ("jos", "jose"),  # a prefix
        ("amrani moh", "mohamed"),
        ("85073003328", "ayse"),
        ("85.07.30-033.28", "ayse"),  # as printed on the card
        ("850730 033 28", "ayse"),
        ("B012345678", "ayse"),
        ("b987654321", "jose"),
    ],
)
def test_search_finds_the_holder(desk, searchable, text: str, expected: str) -> None:
    found = search(desk, text).holders
    assert [h.id for h in found] == [searchable[expected].id]


@pytest.mark.parametrize(
    ("surname", "typed"),
    [
        ("Yılmaz", "yilmaz"),
        ("Søren", "soren"),
        ("Łukasz", "lukasz"),
        ("Đorđević", "dordevic"),
        ("Straße", "strasse"),
        ("Cœur", "coeur"),
    ],
)
def test_search_folds_letters_a_belgian_keyboard_lacks(desk, make, surname, typed) -> None:
    """ı, ø, ł, đ, ß, æ, œ are letters of their own, not accents: the index spells them out."""
    holder = make.holder(surname=surname)
    assert [h.id for h in search(desk, typed).holders] == [holder.id]


@pytest.mark.parametrize("text", ["", "   ", "zzz", "ayse jose", "99999999999", '"*) OR ('])
def test_search_without_a_match_is_empty(desk, searchable, text: str) -> None:
    assert search(desk, text).holders == []


def test_search_index_follows_updates(store: Store, desk, searchable) -> None:
    ayse = searchable["ayse"]
    ayse.surname = "Demir"
    store.save_holder(ayse)
    assert search(desk, "yilmaz").holders == []
    assert [h.id for h in search(desk, "demir ayse").holders] == [ayse.id]


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("85.07.30-033.28", 'numbers : "85073003328"*'),
        ("b0123", 'numbers : "B0123"*'),
        ("Ayşe  Yılmaz", 'names : "ayse"* names : "yilmaz"*'),
        ("O'Brien", 'names : "o"* names : "brien"*'),
        ("amrani 85", 'names : "amrani"* "85"*'),
        ("", None),
        ("--", None),
    ],
)
def test_the_clerks_text_becomes_a_quoted_fts_query(text: str, query: str | None) -> None:
    parsed = parse_query(text)
    assert (fts_match(parsed) if parsed is not None else None) == query


def test_register_number_opens_its_document(desk, scenarios) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language.FR)
    for text in ("2026/000001", "2026000001", " 2026/000001 "):
        result = search(desk, text)
        assert result.document is not None
        assert result.document.id == document.id
        assert [h.id for h in result.holders] == [document.holder_id]


@pytest.mark.parametrize("text", ["2026/000002", "1999/000001", "3000000001"])
def test_unknown_register_number_is_an_ordinary_search(desk, scenarios, text) -> None:
    issue_annex(desk, scenarios.r3().id, Language.FR)
    result = search(desk, text)
    assert result.document is None
    assert result.holders == []


def test_search_limit(desk, make) -> None:
    for _ in range(5):
        make.holder(given_names="Fatima")
    assert len(search(desk, "fatima", limit=3).holders) == 3
