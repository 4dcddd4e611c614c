"""What the clerk typed in the search field, read as a query on holders.

Digits typed with punctuation (``85.07.30-033.28``) are one number (national or card
number, matched as a prefix); anything else is words, folded like the stored names
(:func:`app.domain.text.fold`), each a prefix of a name, in any order. The store turns a
query into its own search syntax: nothing the clerk types reaches it as syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.text import fold

_PUNCTUATION = re.compile(r"[.\-/\s]")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class HolderQuery:
    """Either ``number`` (digits only) or ``words`` (folded, at least one)."""

    words: tuple[str, ...] = ()
    number: str | None = None


def parse_query(text: str) -> HolderQuery | None:
    """The query for the clerk's text; None when there is nothing to look for."""
    stripped = text.strip()
    if not stripped:
        return None
    joined = _PUNCTUATION.sub("", stripped)
    if joined.isdigit():
        return HolderQuery(number=joined)
    words = tuple(_WORD.findall(fold(stripped)))
    return HolderQuery(words=words) if words else None
