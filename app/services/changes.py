"""What the other counters on the same register changed, named as the screens name what
they refresh on (``UiContext.changed``): a holder, a file, a document, a transmission,
the settings. Only a register on a server has other counters (``Store.changes_elsewhere``),
and a server that can go away (``Store.server_answers``)."""

from __future__ import annotations

from app.services.desk import Desk

#: The entity each table's changes are shown under.
_ENTITIES = {
    "holders": "holder",
    "permits": "holder",
    "family_members": "holder",
    "renewal_files": "file",
    "file_events": "file",
    "file_handling": "file",
    "documents": "document",
    "transmissions": "transmission",
    "settings": "settings",
}


def changed_elsewhere(desk: Desk) -> list[str]:
    """The entities other counters changed since the last call, each once, in order."""
    return sorted({_ENTITIES[t] for t in desk.store.changes_elsewhere() if t in _ENTITIES})


def server_answers(desk: Desk) -> bool:
    """Whether the register's server answers (a file: always). Asks nothing of the
    network: the store's link keeps the answer (``app.store.postgres.link``)."""
    return desk.store.server_answers()
