"""Folding names for search: what a clerk types on a Belgian keyboard finds the name as
the passport spells it."""

from __future__ import annotations

import unicodedata

#: Letters that are not an accent away from an ASCII letter, so that Unicode
#: decomposition alone does not fold them (ı in Yılmaz, ø, ł, đ, ß, æ, œ, þ).
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "Þ": "TH",
        "ħ": "h",
        "Ħ": "H",
    }
)


def fold(text: str) -> str:
    """Lower-case ASCII-ish form: accents removed, special letters spelled out."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
