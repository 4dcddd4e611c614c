"""Passport spellings of names written in Cyrillic or Greek script.

A name kept in its own script in imported data (``Юлия``, ``Παπαδόπουλος``) must be found
by the Latin spelling the holder's passport prints, which is not always the spelling of a
general-purpose transliteration: anyascii writes ``Yuliya`` and ``Papadopoylos``, the
passports ``IULIIA`` and ``PAPADOPOULOS``. These tables give the passports' spellings:

- Russian and other Cyrillic: ICAO Doc 9303, Part 3 (7th edition), the transliteration
  machine-readable travel documents use (Юлия → IULIIA, Дмитрий → DMITRII);
- Ukrainian: the national transliteration of Cabinet of Ministers resolution 55 of
  27 January 2010, which Ukrainian passports use (Олександр → OLEKSANDR, Юлія → YULIIA);
- Greek: ELOT 743, which Greek passports use (Ευάγγελος → EVANGELOS).

:func:`passport_spellings` gives every such spelling of a text; the search folding
(:func:`app.domain.text.fold`) adds them to anyascii's.
"""

from __future__ import annotations

import unicodedata

_ICAO_CYRILLIC: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "є": "ie",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "і": "i",
    "ї": "i",
    "й": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ў": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "ie",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "iu",
    "я": "ia",
}

_UKRAINIAN: dict[str, str] = {
    **_ICAO_CYRILLIC,
    "г": "h",
    "и": "y",
    "ь": "",
    "'": "",
    "ʼ": "",
    "’": "",
}
# Ukrainian letters spelled otherwise at the start of a word (Юрій → YURII, Андрій → ANDRII).
_UKRAINIAN_INITIAL: dict[str, str] = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}

_GREEK: dict[str, str] = {
    "α": "a",
    "β": "v",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "i",
    "θ": "th",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "m",
    "ν": "n",
    "ξ": "x",
    "ο": "o",
    "π": "p",
    "ρ": "r",
    "σ": "s",
    "ς": "s",
    "τ": "t",
    "υ": "y",
    "φ": "f",
    "χ": "ch",
    "ψ": "ps",
    "ω": "o",
}
_GREEK_PAIRS: dict[str, str] = {
    "ου": "ou",
    "αυ": "av",
    "ευ": "ev",
    "ηυ": "iv",
    "γγ": "ng",
    "γξ": "nx",
    "γχ": "nch",
}
_DIAERESIS = "\u0308"


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_greek(char: str) -> bool:
    return "\u0370" <= char <= "\u03ff" or "\u1f00" <= char <= "\u1fff"


def _cyrillic(text: str, table: dict[str, str], initial: dict[str, str], after_z: str = "g") -> str:
    """Letter by letter; ``initial`` spells a word's first letter, ``after_z`` the г of зг
    (Ukrainian ``zgh``, so that it is not read as ж)."""
    out: list[str] = []
    previous = ""
    for char in text.lower():
        if not (previous.isalpha() or (previous and previous in "'ʼ’")) and char in initial:
            out.append(initial[char])
        elif char == "г" and previous == "з":
            out.append(after_z)
        else:
            out.append(table.get(char, char))
        previous = char
    return "".join(out)


def _greek(text: str) -> str:
    """ELOT 743: accents dropped; a diaeresis keeps two vowels apart (Ταϋγέτη → taygeti)."""
    letters: list[tuple[str, bool]] = []  # (base letter, carries a diaeresis)
    for char in unicodedata.normalize("NFD", text.lower()):
        if unicodedata.combining(char):
            if char == _DIAERESIS and letters:
                letters[-1] = (letters[-1][0], True)
            continue
        letters.append((char, False))
    out: list[str] = []
    index = 0
    while index < len(letters):
        char = letters[index][0]
        if index + 1 < len(letters) and not letters[index + 1][1]:
            pair = char + letters[index + 1][0]
            if pair in _GREEK_PAIRS:
                out.append(_GREEK_PAIRS[pair])
                index += 2
                continue
        out.append(_GREEK.get(char, char))
        index += 1
    return "".join(out)


def passport_spellings(text: str) -> list[str]:
    """The passports' Latin spellings of ``text`` (lower case, in the order above), one per
    scheme that applies; empty for a text with no Cyrillic or Greek letter."""
    spellings: list[str] = []
    if any(_is_cyrillic(char) for char in text):
        spellings.append(_cyrillic(text, _ICAO_CYRILLIC, {}))
        spellings.append(_cyrillic(text, _UKRAINIAN, _UKRAINIAN_INITIAL, after_z="gh"))
    if any(_is_greek(char) for char in text):
        spellings.append(_greek(text))
    return spellings
