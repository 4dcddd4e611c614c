"""Folding names for search: what a clerk types on a Belgian keyboard finds the name as
the passport, the card or the imported file spells it, in whatever script.

:func:`fold` is the one folding: the store fills the search index with it and
:mod:`app.domain.search` folds the clerk's query with it. It transliterates with anyascii
(any script to ASCII: ``Ðorđe`` → ``dorde``, ``Иванов`` → ``ivanov``, ``王`` → ``wang``),
with the passports' own spellings added where they differ (:mod:`app.domain.transliteration`:
``Юлия`` is also ``iuliia``, ``Παπαδόπουλος`` also ``papadopoulos``; ``Müller`` also
``mueller``). Changing what :func:`fold` returns changes what the index holds: add a
migration that rebuilds ``holder_search`` (as ``0004_card_fields`` does).

Arabic script writes no short vowels: anyascii spells ``محمد`` as ``mhmd``, which is what
finds it; the passport's ``MOHAMED`` cannot be derived from the script.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

from app.domain.transliteration import passport_spellings

#: Where the passports' Latin spelling is not anyascii's: Azerbaijani Ə is A on
#: Azerbaijani passports (Əliyev → ALIYEV), not anyascii's E.
_LETTERS = str.maketrans({"Ə": "A", "ə": "a", "Ǝ": "A", "ǝ": "a"})

#: The machine-readable zone spells these letters out (Müller → MUELLER, Ångström →
#: AANGSTROEM): a second spelling, besides anyascii's plain vowel.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "å": "aa", "ø": "oe"})


def _ascii(text: str) -> str:
    """anyascii, letter by letter; a letter that becomes a sign (ь → ', ع → `) is dropped,
    so that a name stays one word."""
    if text.isascii():
        return text.casefold()
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text.translate(_LETTERS)):
        if char.isascii():
            out.append(char)
            continue
        latin = anyascii(char)
        if unicodedata.category(char)[0] in "LM":
            latin = "".join(c for c in latin if c.isalnum())
        out.append(latin)
    return "".join(out).casefold()


def fold(text: str) -> str:
    """The words of ``text`` in lower-case ASCII: anyascii's spelling, then any other
    spelling a passport gives (each word once, in order)."""
    if text.isascii():
        return text.casefold()
    spellings = [_ascii(text)]
    lowered = text.casefold()
    if lowered.translate(_SPELLED_OUT) != lowered:
        spellings.append(_ascii(lowered.translate(_SPELLED_OUT)))
    spellings.extend(_ascii(spelling) for spelling in passport_spellings(text))
    if len(spellings) == 1:
        return spellings[0]
    words: dict[str, None] = {}
    for spelling in spellings:
        words.update(dict.fromkeys(spelling.split()))
    return " ".join(words)


_TOKEN = re.compile(r"[a-z0-9]+")


def fold_words(text: str) -> list[str]:
    """The words of :func:`fold`'s spelling of ``text``: runs of ASCII letters and digits,
    exactly the tokens the search index's ``unicode61`` tokenizer cuts (so a word found in
    the index is found in :func:`name_key` too)."""
    return _TOKEN.findall(fold(text))


def name_key(surname: str, given_names: str) -> str:
    """The folded name a holder is sorted and searched by: surname then given names, each
    word once as :func:`fold_words` gives it, separated by single spaces."""
    return " ".join(fold_words(f"{surname} {given_names}"))
