"""Match the card's nationality, free text in the card's language, to an ISO 3166 alpha-2 code.

The card prints the nationality as a country name in French, Dutch or German ("Marokko",
"Pays-Bas", "Türkei"). We compare it with Babel's territory names in fr_BE, nl_BE, de_BE and
en, ignoring case, accents and punctuation. Anything else (adjectives, abbreviations, a name
shared by two countries) gives None, and the clerk chooses the country.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from babel import Locale

from app.card.fields import fold_text

logger = logging.getLogger(__name__)

LOCALES: tuple[str, ...] = ("fr_BE", "nl_BE", "de_BE", "en")

# Babel territories that are not countries (EU, Eurozone, Outlying Oceania, UN, pseudo-locales,
# unknown region).
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ"})

_PUNCTUATION = re.compile(r"[^\w]+")


def _key(name: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", fold_text(name)).split())


@cache
def _names() -> dict[str, str | None]:
    """Folded country name → code, or None when two codes share the name."""
    names: dict[str, str | None] = {}
    for locale in LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) != 2 or not code.isalpha() or code in _NOT_COUNTRIES:
                continue
            key = _key(name)
            names[key] = code if names.get(key, code) == code else None
    return names


def match_country(text: str) -> str | None:
    """Return the ISO 3166 alpha-2 code for a country name, or None without a confident match."""
    key = _key(text)
    code = _names().get(key) if key else None
    if code is None:
        logger.info("nationality %r matches no single country", text)
    return code
