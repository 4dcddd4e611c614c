"""Holder search in name order, near the cost of the bare full-text query at any size.

The full-text index (``holder_search``, FTS5) finds the holders whose words start with
the clerk's words; the results are shown sorted by the folded name (``holders.name_key``,
migration ``0009_search_order``). Sorting every match is what made broad queries slow
(``mohamed``: 22,000 matches at a million holders), so the order comes from an index:

1. **Few matches** (at most :data:`PROBE`, counted with a capped, unranked full-text
   query): sort them all, looking their name up in the covering index
   ``holders_search_order``.
2. **Many matches**: walk the name index ``holders_name`` in order and keep the first
   rows whose name has every word. Many matches spread through the alphabet, so the walk
   stops early; it gives up after :data:`WALK` index entries (matches crowded late in
   the alphabet); then
3. when few matches lack a name starting with a word typed (a common surname: the
   rest crowd one stretch of the alphabet), merge those few, sorted, with the first
   rows of that stretch of the name index (FTS5's ``^`` tells the two apart); else
4. every match is sorted, as in 1 (bounded by the size of that crowd).

Numbers (national and card numbers) take the same course through their own unique
indexes instead of the full-text index, whose prefix queries on a million distinct
numbers are slow; an exact number is its holder alone.
"""

from __future__ import annotations

from typing import Any

from app.domain.model import Holder
from app.domain.search import HolderQuery, SearchHit
from app.store import rows
from app.store.base import StoreBase

#: Up to this many matches are sorted directly (a lookup each in a covering index).
PROBE = 2_000
#: How many name-index entries a broad query walks before sorting its matches instead.
WALK = 40_000

_HITS = """
SELECT h.*, p.card_number AS card_number, p.expiry AS expiry
FROM holders h
LEFT JOIN permits p ON p.id = (
    SELECT id FROM permits WHERE holder_id = h.id ORDER BY expiry DESC, id DESC LIMIT 1)
WHERE h.id IN ({ids})
ORDER BY h.name_key, h.birth_date NULLS FIRST, h.national_number NULLS FIRST, h.id
"""
_EXACT = (
    "SELECT id FROM holders WHERE national_number = ?1 "
    "UNION SELECT holder_id FROM permits WHERE card_number = ?1"
)
_PROBE = "SELECT count(*) FROM (SELECT 1 FROM holder_search WHERE holder_search MATCH ? LIMIT ?)"
_SORTED = """
SELECT h.id, h.name_key, h.birth_date, h.national_number FROM holder_search s
JOIN holders h INDEXED BY holders_search_order ON h.id = s.rowid
WHERE holder_search MATCH ?
ORDER BY h.name_key, h.birth_date, h.national_number, h.id LIMIT ?
"""
_NAME_ORDER = "ORDER BY name_key, birth_date, national_number, id"
#: The name at the end of the walk: an index scan that reads no row, far cheaper than the
#: walk's test of each name.
_WALK_END = f"SELECT name_key FROM holders INDEXED BY holders_name {_NAME_ORDER} LIMIT 1 OFFSET ?"
_WALK = f"""
SELECT id FROM holders INDEXED BY holders_name
WHERE name_key <= ? AND {{condition}} {_NAME_ORDER} LIMIT ?
"""
_STRETCH_WHERE = "FROM holders INDEXED BY holders_name WHERE name_key >= ? AND name_key < ?"
_STRETCH = f"""
SELECT id, name_key, birth_date, national_number {_STRETCH_WHERE} AND {{condition}}
{_NAME_ORDER} LIMIT ?
"""
_NATIONAL_HOLDERS = "SELECT id FROM holders WHERE national_number GLOB ?"
_CARD_HOLDERS = "SELECT holder_id FROM permits WHERE card_number GLOB ?"
#: A card test made per holder, where the holders with such a card are too many to list.
_CARD_TEST = (
    "EXISTS (SELECT 1 FROM permits p WHERE p.holder_id = holders.id AND p.card_number GLOB ?)"
)
_SORTED_BY_NUMBER = f"""
SELECT id FROM holders WHERE national_number GLOB ? OR id IN ({_CARD_HOLDERS})
{_NAME_ORDER} LIMIT ?
"""


def search_holders(store: StoreBase, query: HolderQuery, limit: int) -> list[SearchHit]:
    """Holders matching ``query``, sorted by name (then birth date), at most ``limit``."""
    return hits(store, _exact(store, query) or _ordered_ids(store, query, limit))


def hits(store: StoreBase, holder_ids: list[int]) -> list[SearchHit]:
    """The holders of ``holder_ids`` with their latest permit, sorted by name."""
    if not holder_ids:
        return []
    found = store._all(_HITS.format(ids=", ".join("?" for _ in holder_ids)), holder_ids)
    return [_hit(row) for row in found]


def fts_match(query: HolderQuery) -> str:
    """The FTS5 ``MATCH`` text for ``query``: each word a quoted prefix (so nothing the
    clerk typed is FTS syntax), of a name when it has only letters; a number a prefix of
    the ``numbers`` column."""
    if query.number is not None:
        return f'numbers : "{query.number}"*'
    return " ".join(f'names : "{w}"*' if w.isalpha() else f'"{w}"*' for w in query.words)


def _exact(store: StoreBase, query: HolderQuery) -> list[int]:
    """The holder whose national or card number is exactly the one typed (unique
    indexes): a whole number names one person, not the numbers it is a prefix of."""
    if query.number is None:
        return []
    return [row["id"] for row in store._all(_EXACT, [query.number])]


def _ordered_ids(store: StoreBase, query: HolderQuery, limit: int) -> list[int]:
    if query.number is not None:
        return _number_ids(store, query.number, limit)
    match = fts_match(query)
    count = store._all(_PROBE, [match, PROBE + 1])[0]["count(*)"]
    if count == 0:
        return []
    if count > PROBE and query.names_only:
        condition, params = _names_condition(query)
        found = _walk(store, condition, params, limit)
        if found is None or len(found) < limit:
            found = _by_first_word(store, query, match, limit)
        if found is not None and len(found) == limit:
            return found
    return [row["id"] for row in store._all(_SORTED, [match, limit])]


def _number_ids(store: StoreBase, number: str, limit: int) -> list[int]:
    """Holders whose national number or a card number starts with ``number``, by name,
    through the numbers' own indexes (a prefix of unique numbers is costly in FTS5)."""
    prefix = f"{number}*"
    national = _capped(store, _NATIONAL_HOLDERS, prefix)
    cards = _capped(store, _CARD_HOLDERS, prefix)
    if not national and not cards:
        return []
    card_test = f"id IN ({_CARD_HOLDERS})" if cards <= PROBE else _CARD_TEST
    condition = f"(national_number GLOB ? OR {card_test})"
    if national > PROBE or cards > PROBE:
        found = _walk(store, condition, [prefix, prefix], limit)
        if found is not None and len(found) == limit:
            return found
    return [row["id"] for row in store._all(_SORTED_BY_NUMBER, [prefix, prefix, limit])]


def _capped(store: StoreBase, ids_sql: str, prefix: str) -> int:
    """How many rows ``ids_sql`` gives, counted up to :data:`PROBE` + 1."""
    sql = f"SELECT count(*) AS n FROM ({ids_sql} LIMIT {PROBE + 1})"
    return store._all(sql, [prefix])[0]["n"]


def _by_first_word(
    store: StoreBase, query: HolderQuery, match: str, limit: int
) -> list[int] | None:
    """When few matches have no name starting with a word typed (a common surname: its
    matches crowd one stretch of the alphabet, where the walk from A does not reach), the
    first ``limit`` of those few and of the stretches of the name index where names start
    with a word, merged; else None."""
    condition, params = _names_condition(query)
    # A word that starts with another word has its stretch inside that word's.
    words = sorted(
        {w for w in query.words if not any(o != w and w.startswith(o) for o in query.words)}
    )
    # FTS5's ``^``: the phrase starts the column, i.e. the name starts with the word.
    leading = " OR ".join(f'names : ^ "{word}"*' for word in words)
    elsewhere = f"({match}) NOT ({leading})"
    if store._all(_PROBE, [elsewhere, PROBE + 1])[0]["count(*)"] > PROBE:
        return None
    found = store._all(_SORTED, [elsewhere, limit])
    for word in words:
        bounds = [word, word + "{"]  # "{" follows every letter and digit of a name key
        found += store._all(_STRETCH.format(condition=condition), [*bounds, *params, limit])
    found.sort(key=name_order)
    return [row["id"] for row in found[:limit]]


def name_order(row: dict[str, Any]) -> tuple[Any, ...]:
    """``_NAME_ORDER`` in Python, NULLs first as SQLite sorts them (and the server's
    search, which merges its rows by it too)."""
    birth, number = row["birth_date"], row["national_number"]
    return (
        row["name_key"],
        birth is not None,
        birth or "",
        number is not None,
        number or "",
        row["id"],
    )


def _names_condition(query: HolderQuery) -> tuple[str, list[Any]]:
    """Every word starts a word of ``name_key``, which holds the index's own tokens one
    space apart (:func:`app.domain.text.name_key`)."""
    condition = " AND ".join("(' ' || name_key) GLOB ?" for _ in query.words)
    return condition, [f"* {word}*" for word in query.words]


def _walk(store: StoreBase, condition: str, params: list[Any], limit: int) -> list[int] | None:
    """The first ``limit`` holders meeting ``condition`` up to the name :data:`WALK`
    entries into the name index; None when there are fewer holders than that."""
    end = store._one(_WALK_END, [WALK])
    if end is None:  # a small register: sorting the matches is as cheap
        return None
    walk = _WALK.format(condition=condition)
    return [row["id"] for row in store._all(walk, [end["name_key"], *params, limit])]


def _hit(row: dict[str, Any]) -> SearchHit:
    holder: Holder = rows.holder_from_row(row)
    return SearchHit(holder, row["card_number"] or "", rows.day(row["expiry"]))
