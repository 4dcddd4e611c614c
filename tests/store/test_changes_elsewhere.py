"""What another counter changed reaches this one (on a server: its notifications, sent at
commit); this counter's own changes and rolled-back ones do not; a file has no other
counter."""

from __future__ import annotations

import pytest

from app.domain.model import Holder
from app.store import SqliteStore


def test_another_counters_commit_is_seen_once(any_store, open_any) -> None:
    any_store.changes_elsewhere()  # listening from here on
    other = open_any()
    other.save_holder(Holder(surname="Peeters", given_names="An"))
    any_store.save_holder(Holder(surname="Own", given_names="Change"))
    if isinstance(any_store, SqliteStore):
        assert any_store.changes_elsewhere() == set()
        return
    assert any_store.changes_elsewhere(wait=5) == {"holders"}  # received by the link's thread
    assert any_store.changes_elsewhere() == set()  # each change once


def test_a_rolled_back_change_is_not_seen(any_store, open_any) -> None:
    any_store.changes_elsewhere()
    other = open_any()
    with pytest.raises(RuntimeError), other.transaction():
        other.save_holder(Holder(surname="Never", given_names="Saved"))
        raise RuntimeError("cancelled")
    other.set_setting("marker", 1)  # the server sends its notices in the order of commits
    assert any_store.changes_elsewhere(wait=5) <= {"settings"}  # the marker, never "holders"
    assert any_store.changes_elsewhere() == set()
