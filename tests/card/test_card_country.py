"""Nationality free text (FR/NL/DE/EN) to ISO 3166 alpha-2 through Babel's names."""

from __future__ import annotations

import pytest

from app.card.country import match_country


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Marokko", "MA"),
        ("Maroc", "MA"),
        ("MAROKKO", "MA"),
        ("Pays-Bas", "NL"),
        ("pays bas", "NL"),
        ("Nederland", "NL"),
        ("Türkei", "TR"),
        ("Turkei", "TR"),
        ("Turquie", "TR"),
        ("Turkije", "TR"),
        ("Sénégal", "SN"),
        ("Brazil", "BR"),
        ("  Inde ", "IN"),
    ],
)
def test_country_names_in_the_card_languages(text: str, code: str) -> None:
    assert match_country(text) == code


@pytest.mark.parametrize("text", ["nonsense", "", "   ", "marocain", "Europäische Union"])
def test_no_confident_match_gives_none(text: str) -> None:
    assert match_country(text) is None
