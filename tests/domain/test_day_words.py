"""Dates as each language writes them: Babel, with the French ordinal for the first."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.day_words import format_day


@pytest.mark.parametrize(
    ("day", "style", "locale", "text"),
    [
        (date(2026, 10, 1), "long", "fr_BE", "1er octobre 2026"),
        (date(2026, 10, 1), "medium", "fr_BE", "1er oct. 2026"),
        (date(2026, 10, 1), "full", "fr_BE", "jeudi 1er octobre 2026"),
        (date(2026, 10, 1), "short", "fr_BE", "1/10/26"),  # a numeric date stays numeric
        (date(2026, 10, 11), "long", "fr_BE", "11 octobre 2026"),
        (date(2026, 10, 21), "long", "fr_BE", "21 octobre 2026"),
        (date(2026, 10, 1), "long", "fr", "1er octobre 2026"),
        (date(2026, 10, 1), "long", "nl_BE", "1 oktober 2026"),
        (date(2026, 10, 1), "long", "de_BE", "1. Oktober 2026"),
        (date(2026, 10, 1), "long", "en_GB", "1 October 2026"),
    ],
)
def test_format_day(day, style, locale, text):
    assert format_day(day, style, locale) == text
