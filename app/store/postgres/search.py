"""Holder search on the server, with the same answers as SQLite's (``app.store.search``).

Names are folded in Python by the one folding both backends share
(:func:`app.domain.text.name_key`, stored in ``holders.name_key``); each word the clerk
typed must start a word of the name (``LIKE 'word%' OR LIKE '% word%'``). Results come
in name order. ``pg_trgm``'s GIN index finds a rare word's few names quickly, but a common
trigram costs tens of milliseconds at a million holders, counted or not; so a names-only
query is answered, as far as it can be, by b-tree ranges read in order (migration 0011
gives the indexes):

1. a **short walk** of the name index (``holders_name``, in the results' order, read
   alone): the broadest words ("a") fill the screen within :data:`SHORT_WALK` names;
2. the **long walk** (:data:`WALK` names): words spread through the alphabet
   ("mohamed"), skipped when the short one found nothing and a word typed starts more
   than :data:`PROBE` names (a common surname, whose matches crowd its own stretch);
3. **by first word**: the names that start with a word typed, each word's stretch of the
   name index read in order, merged with the matches whose name starts with none of the
   words, which the trigram index of the name without its first word finds (few, for a
   surname) and sorts.

A query with a digit in a word counts its matches through the trigram indexes (up to
:data:`PROBE`), sorts few and walks for many. Numbers go through the prefix indexes of the
national and card numbers: counted, walked when many, else sorted; an exact number is its
holder alone. Counts and sorts read their rows through a ``MATERIALIZED`` CTE: planned as
if every row were wanted (a ``LIMIT`` tempts the planner into a sequential scan), read
only as far as needed.
"""

from __future__ import annotations

from typing import Any

from app.domain.search import HolderQuery, SearchHit
from app.store import search as shared
from app.store.base import StoreBase

#: Up to this many matches are sorted directly; a word starting more names is crowded.
PROBE = 2_000
#: How many name-index entries a broad query walks before trying another way (the 50th
#: "mohamed" of the demo's million is the 22,761st name, its 50th "el" the 48,699th).
WALK = 50_000
#: The first walk's: the broadest words ("a", "m") fill a screen within it.
SHORT_WALK = 5_000
#: Up to this many cards starting with a number are listed for a walk to test its
#: holders against (one index read, then a hash); more are looked up holder by holder
#: (7 µs each, for the few holders a walk reads when so many match).
LISTED = 20_000

_ORDER = "ORDER BY name_key, birth_date NULLS FIRST, national_number NULLS FIRST, id"
#: The columns of the name order (``shared.name_order`` merges rows by them).
_KEYS = "id, name_key, birth_date, national_number"
_EXACT = (
    "SELECT id FROM holders WHERE national_number = ? "
    "UNION SELECT holder_id FROM permits WHERE card_number = ?"
)
_CAPPED = (
    "WITH found AS MATERIALIZED ({rows}) SELECT count(*) AS n FROM (SELECT 1 FROM found LIMIT ?) "
    "AS capped"
)
_SORTED = (
    f"WITH found AS MATERIALIZED (SELECT {_KEYS} FROM holders WHERE {{conditions}}) "
    f"SELECT {_KEYS} FROM found {_ORDER} LIMIT ?"
)
#: The first entries of the name index, named ``holders`` so that the
#: conditions read as they do on the table.
_WALKED = (
    f"SELECT id FROM (SELECT {{columns}} FROM holders {_ORDER} LIMIT ?) AS holders "
    f"WHERE {{conditions}} {_ORDER} LIMIT ?"
)
#: The names that start with a word: a range of the name index ("{" follows every letter
#: and digit of a name key, and the server's collation is C's).
_STRETCH_ROWS = "SELECT 1 FROM holders WHERE name_key >= ? AND name_key < ?"
_STRETCH = (
    f"SELECT {_KEYS} FROM holders WHERE name_key >= ? AND name_key < ? AND {{conditions}} "
    f"{_ORDER} LIMIT ?"
)
#: The name without its first word (the whole name when it has one word), as migration
#: 0011 indexes it.
_LATER_WORDS = "substr(name_key, strpos(name_key, ' ') + 1)"
_ANY_WORD = "(name_key LIKE ? OR name_key LIKE ? OR search_numbers LIKE ? OR search_numbers LIKE ?)"
_CARD_HOLDERS = "SELECT holder_id FROM permits WHERE card_number LIKE ?"
#: Each number's index read on its own (an ``OR`` of the two would read every holder).
_SORTED_BY_NUMBER = (
    f"WITH found AS MATERIALIZED (SELECT {_KEYS} FROM holders WHERE national_number LIKE ? "
    f"UNION SELECT {_KEYS} FROM holders WHERE id IN ({_CARD_HOLDERS})) "
    f"SELECT id FROM found {_ORDER} LIMIT ?"
)
#: A card test made per holder, where the holders with such a card are too many to list.
#: (A subquery with LIMIT, not EXISTS, which the planner would make a hashed list of every
#: such card before the walk's first row.)
_CARD_TEST = (
    "(SELECT 1 FROM permits p WHERE p.holder_id = holders.id AND p.card_number LIKE ? LIMIT 1)"
    " IS NOT NULL"
)


def search_holders(store: StoreBase, query: HolderQuery, limit: int) -> list[SearchHit]:
    """Holders matching ``query``, sorted by name (then birth date), at most ``limit``."""
    if query.number is not None:
        exact = [row["id"] for row in store._all(_EXACT, [query.number, query.number])]
        return shared.hits(store, exact or _number_ids(store, query.number, limit))
    return shared.hits(store, _word_ids(store, query, limit))


def _word_ids(store: StoreBase, query: HolderQuery, limit: int) -> list[int]:
    conditions, params = _words_condition(query.words, "name_key")
    if query.names_only:
        return _name_ids(store, query, conditions, params, limit)
    count = _capped(store, f"SELECT 1 FROM holders WHERE {conditions}", params)
    if count == 0:
        return []
    if count > PROBE:
        walked = _walk(store, f"{_KEYS}, search_numbers", conditions, params, limit, WALK)
        if len(walked) == limit:
            return walked
    return _ids(_sorted(store, conditions, params, limit))


def _name_ids(
    store: StoreBase, query: HolderQuery, conditions: str, params: list[Any], limit: int
) -> list[int]:
    """Names only, with no count first (a common trigram's is tens of ms at a million). A
    short walk fills the screen of the broadest words ("a"). When it finds no match and
    many names start with a word (a common surname), its stretch is taken first: the
    others are few. Else the long walk, which finds words spread through the alphabet."""
    walked = _walk(store, _KEYS, conditions, params, limit, SHORT_WALK)
    if len(walked) == limit:
        return walked
    stretch_first = not walked and any(
        _capped(store, _STRETCH_ROWS, [word, word + "{"]) > PROBE for word in _leading(query)
    )
    if not stretch_first:
        walked = _walk(store, _KEYS, conditions, params, limit, WALK)
        if len(walked) == limit:
            return walked
    return _by_first_word(store, query, limit)


def _number_ids(store: StoreBase, number: str, limit: int) -> list[int]:
    """Holders whose national number or a card number starts with ``number``, by name."""
    prefix = f"{_escaped(number)}%"
    national = _capped(store, "SELECT 1 FROM holders WHERE national_number LIKE ?", [prefix])
    cards = _capped(store, "SELECT 1 FROM permits WHERE card_number LIKE ?", [prefix], LISTED)
    if not national and not cards:
        return []
    card_test = f"id IN ({_CARD_HOLDERS})" if cards <= LISTED else _CARD_TEST
    conditions, params = f"(national_number LIKE ? OR {card_test})", [prefix, prefix]
    if national > PROBE or cards > PROBE:
        walked = _walk(store, _KEYS, conditions, params, limit, WALK)
        if len(walked) == limit:
            return walked
    return _ids(store._all(_SORTED_BY_NUMBER, [prefix, prefix, limit]))


def _by_first_word(store: StoreBase, query: HolderQuery, limit: int) -> list[int]:
    """The first ``limit`` of the matches whose name starts with no word typed (through
    the trigram index of the later words, sorted) and of the stretches of the name index
    where names start with a word, merged. A match is in one of them: a word that starts
    no name starts a later word of it."""
    later, later_params = _words_condition(query.words, _LATER_WORDS)
    found = _sorted(store, later, later_params, limit)
    conditions, params = _words_condition(query.words, "name_key")
    for word in _leading(query):
        stretch = _STRETCH.format(conditions=conditions)
        found += store._all(stretch, [word, word + "{", *params, limit])
    merged = {row["id"]: row for row in found}  # a name may start with one word, have another
    return _ids(sorted(merged.values(), key=shared.name_order)[:limit])


def _leading(query: HolderQuery) -> list[str]:
    """The words whose stretches hold every name starting with a word typed: a word that
    starts another typed word has its stretch inside that word's."""
    words = query.words
    return sorted({w for w in words if not any(o != w and w.startswith(o) for o in words)})


def _words_condition(words: tuple[str, ...], names: str) -> tuple[str, list[Any]]:
    """Every word starts a word of ``names`` (an expression of ``name_key``), or, when it
    has a digit, of ``name_key`` or of the search numbers."""
    conditions, params = [], []
    for word in words:
        start, inside = f"{_escaped(word)}%", f"% {_escaped(word)}%"
        if word.isalpha():
            conditions.append(f"({names} LIKE ? OR {names} LIKE ?)")
            params += [start, inside]
        else:
            conditions.append(_ANY_WORD)
            params += [start, inside, start, inside]
    return " AND ".join(conditions), params


def _capped(store: StoreBase, rows: str, params: list[Any], cap: int = PROBE) -> int:
    """How many rows ``rows`` gives, counted up to ``cap`` + 1."""
    return int(store._all(_CAPPED.format(rows=rows), [*params, cap + 1])[0]["n"])


def _sorted(store: StoreBase, conditions: str, params: list[Any], limit: int) -> list[Any]:
    """The first ``limit`` holders meeting ``conditions``, every match sorted."""
    return store._all(_SORTED.format(conditions=conditions), [*params, limit])


def _walk(
    store: StoreBase, columns: str, conditions: str, params: list[Any], limit: int, bound: int
) -> list[int]:
    """The first ``limit`` holders meeting ``conditions`` among the first ``bound`` of the
    name index (``columns``: those the conditions read)."""
    walk = _WALKED.format(columns=columns, conditions=conditions)
    return _ids(store._all(walk, [bound, *params, limit]))


def _ids(rows: list[Any]) -> list[int]:
    return [row["id"] for row in rows]


def _escaped(text: str) -> str:
    """``text`` taken literally by ``LIKE`` (whose escape character is ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
