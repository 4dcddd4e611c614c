"""Dates written out in a language, the way its readers expect them (Babel, plus usage).

Babel prints "1 octobre 2026"; French usage writes the first of the month as an ordinal,
"1er octobre 2026" (also "1er oct. 2026"). Every long or medium date the counter prints or
shows goes through :func:`format_day`, so that rule lives in one place: the annexes
(``app.documents.locale_format``), the interface (``app.ui``) and the explanations.
"""

from __future__ import annotations

import logging
from datetime import date

from babel.dates import format_date

logger = logging.getLogger(__name__)


def format_day(day: date, style: str, locale: str) -> str:
    """``day`` in Babel's ``style`` ("long", "medium", "full" or a pattern) for ``locale``
    ("fr_BE", "nl_BE", ...), with the French ordinal for the first of the month."""
    text = format_date(day, style, locale=locale)
    if day.day == 1 and locale.split("_")[0] == "fr":
        text = _french_first(text)
    return text


def _french_first(text: str) -> str:
    """``1 octobre`` -> ``1er octobre``; a numeric date (``01/10/2026``) stays as it is."""
    words = text.split(" ")
    for index, word in enumerate(words):
        if word == "1" and index + 1 < len(words) and words[index + 1][:1].isalpha():
            words[index] = "1er"
            break
    return " ".join(words)
