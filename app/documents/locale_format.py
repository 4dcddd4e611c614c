"""Values as the document's language prints them: long dates, country names, national numbers.

All formatting happens here, before layout (Babel for dates and territory names).
"""

from __future__ import annotations

import logging
from datetime import date
from functools import cache

from babel import Locale

from app.domain.day_words import format_day
from app.domain.national_number import format_national_number

logger = logging.getLogger(__name__)

LANGUAGES = ("fr", "nl", "de")
_LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE"}


def locale_for(language: str) -> str:
    """The Babel locale of a document language: ``"nl"`` → ``"nl_BE"``."""
    try:
        return _LOCALES[language]
    except KeyError:
        raise ValueError(f"unknown document language {language!r} (fr, nl or de)") from None


def long_date(day: date, language: str) -> str:
    """``3 janvier 2019`` / ``3 januari 2019`` / ``3. Januar 2019``; ``1er octobre 2026``."""
    return format_day(day, "long", locale_for(language))


@cache
def _territories(language: str) -> dict[str, str]:
    return dict(Locale.parse(locale_for(language)).territories)


def country_name(code: str, language: str) -> str:
    """The country of an ISO 3166 alpha-2 code in the document's language (``MA`` → ``Maroc``)."""
    name = _territories(language).get(code.upper())
    if name is None:
        raise ValueError(f"unknown country code {code!r}")
    return name


def is_country_code(code: str) -> bool:
    """True for a two-letter code Babel knows as a territory."""
    return len(code) == 2 and code.isalpha() and code.upper() in _territories("fr")


def national_number(compact: str | None) -> str:
    """``85.07.30-033.28``; empty when the person has no national number."""
    return format_national_number(compact) if compact else ""
