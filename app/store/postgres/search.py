"""Holder search on the server, with the same answers as SQLite's (``app.store.search``).

Names are folded in Python by the one folding both backends share
(:func:`app.domain.text.name_key`, stored in ``holders.name_key``); each word the clerk
typed must start a word of the name, which ``pg_trgm``'s GIN index on ``name_key`` finds
(``LIKE 'word%' OR LIKE '% word%'``). Results come in name order, by one of two plans,
chosen by counting the matches up to :data:`PROBE` (as SQLite's search does):

1. **Few matches**: found through the trigram index, then sorted (a materialized set: the
   planner would otherwise walk the name index and test every name, seconds at a million
   holders for a word whose matches come late in the alphabet);
2. **Many matches**: the name index (``holders_name``) walked in order, which stops at its
   first screen since many matches spread through the alphabet.

Numbers go through the unique indexes of the national and card numbers, by prefix; an
exact number is its holder alone.
"""

from __future__ import annotations

from app.domain.search import HolderQuery, SearchHit
from app.store import search as shared
from app.store.base import StoreBase

_ORDER = "ORDER BY name_key, birth_date NULLS FIRST, national_number NULLS FIRST, id"
_EXACT = (
    "SELECT id FROM holders WHERE national_number = ? "
    "UNION SELECT holder_id FROM permits WHERE card_number = ?"
)
_BY_NUMBER = f"""
SELECT id FROM holders
WHERE national_number LIKE ? OR id IN (SELECT holder_id FROM permits WHERE card_number LIKE ?)
{_ORDER} LIMIT ?
"""
#: Up to this many matches are sorted directly.
PROBE = 2_000
_COUNT = "SELECT count(*) AS n FROM (SELECT 1 FROM holders WHERE {conditions} LIMIT ?) AS found"
_SORTED = (
    "WITH found AS MATERIALIZED (SELECT id, name_key, birth_date, national_number FROM holders"
    " WHERE {conditions}) SELECT id FROM found " + _ORDER + " LIMIT ?"
)
_WALKED = "SELECT id FROM holders WHERE {conditions} " + _ORDER + " LIMIT ?"
_NAME_WORD = "(name_key LIKE ? OR name_key LIKE ?)"
_ANY_WORD = "(name_key LIKE ? OR name_key LIKE ? OR search_numbers LIKE ? OR search_numbers LIKE ?)"


def search_holders(store: StoreBase, query: HolderQuery, limit: int) -> list[SearchHit]:
    """Holders matching ``query``, sorted by name (then birth date), at most ``limit``."""
    if query.number is not None:
        exact = [row["id"] for row in store._all(_EXACT, [query.number, query.number])]
        if exact:
            return shared.hits(store, exact)
        prefix = f"{_escaped(query.number)}%"
        found = store._all(_BY_NUMBER, [prefix, prefix, limit])
        return shared.hits(store, [row["id"] for row in found])
    conditions, params = [], []
    for word in query.words:
        start, inside = f"{_escaped(word)}%", f"% {_escaped(word)}%"
        if word.isalpha():
            conditions.append(_NAME_WORD)
            params += [start, inside]
        else:
            conditions.append(_ANY_WORD)
            params += [start, inside, start, inside]
    where = " AND ".join(conditions)
    count = store._all(_COUNT.format(conditions=where), [*params, PROBE + 1])[0]["n"]
    plan = _SORTED if count <= PROBE else _WALKED
    found = store._all(plan.format(conditions=where), [*params, limit])
    return shared.hits(store, [row["id"] for row in found])


def _escaped(text: str) -> str:
    """``text`` taken literally by ``LIKE`` (whose escape character is ``\\``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
