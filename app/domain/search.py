"""What the clerk typed in the search field, read as a query on holders, and what a hit is.

Digits typed with punctuation (``85.07.30-033.28``) are one number, and so is a card number
(``B0123456789``, a letter or two then digits): national or card number, matched as a
prefix. Anything else is words, folded like the stored names
(:func:`app.domain.text.fold_words`), each a prefix of a word of the name, in any order;
a word with a digit in it may also be the start of a number. The store turns a query
into its own search syntax: nothing the clerk types reaches it as syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from app.domain.model import Holder
from app.domain.text import fold_words

_PUNCTUATION = re.compile(r"[.\-/\s]")
_CARD = re.compile(r"[A-Z]{1,2}[0-9]+")


@dataclass(frozen=True)
class HolderQuery:
    """Either ``number`` (digits, or a card number's letters then digits, upper-case) or
    ``words`` (folded, at least one)."""

    words: tuple[str, ...] = ()
    number: str | None = None

    @property
    def names_only(self) -> bool:
        """Whether every word is letters only, so that only names can match it."""
        return bool(self.words) and all(word.isalpha() for word in self.words)


@dataclass(frozen=True)
class SearchHit:
    """A holder found, with the card number and expiry of their latest permit (none
    without a permit): what tells apart holders of the same name in the results."""

    holder: Holder
    card_number: str
    expiry: date | None


def parse_query(text: str) -> HolderQuery | None:
    """The query for the clerk's text; None when there is nothing to look for."""
    stripped = text.strip()
    if not stripped:
        return None
    joined = _PUNCTUATION.sub("", stripped).upper()
    if joined.isascii() and (joined.isdigit() or _CARD.fullmatch(joined)):
        return HolderQuery(number=joined)
    words = tuple(fold_words(stripped))
    return HolderQuery(words=words) if words else None
