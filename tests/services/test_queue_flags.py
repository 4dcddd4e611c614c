"""Migration 0008_queues: the triggers keep each permit's ``superseded`` and ``covered`` as
permits, documents and files change, whoever writes them."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.errors import Conflict
from app.domain.model import Case, FileState, Language
from app.services.issuing import annul_document, issue_annex
from app.store import SqliteStore, Store


def flags(store: Store, permit_id: int) -> tuple[int, int]:
    row = store._execute(
        "SELECT superseded, covered FROM permits WHERE id = ?", [permit_id]
    ).fetchone()
    return row[0], row[1]


def test_a_later_permit_supersedes_and_a_changed_expiry_is_followed(store, make, today) -> None:
    holder = make.holder()
    old = make.permit(holder, today + timedelta(days=10))
    new = make.permit(holder, today + timedelta(days=400))
    assert (flags(store, old.id)[0], flags(store, new.id)[0]) == (1, 0)
    store._execute("UPDATE permits SET expiry = ? WHERE id = ?", ["2030-01-01", old.id])
    assert (flags(store, old.id)[0], flags(store, new.id)[0]) == (0, 1)
    if isinstance(store, SqliteStore):  # a counter's role may not delete a permit
        store._execute("DELETE FROM permits WHERE id = ?", [old.id])
        assert flags(store, new.id)[0] == 0


def test_cover_follows_documents_and_files(desk, scenarios, today) -> None:
    store = desk.store
    file = scenarios.r3(renewal_filed_on=today)
    assert flags(store, file.permit_id) == (0, 0)
    (document,) = issue_annex(desk, file.id, Language.FR)
    assert flags(store, file.permit_id) == (0, 1)
    annul_document(desk, document.id, "wrong person")
    assert flags(store, file.permit_id) == (0, 0)
    file = store.get_file(file.id)
    file.state, file.decision_taken = FileState.CLOSED, True
    store.save_file(file)
    assert flags(store, file.permit_id) == (0, 1)
    if isinstance(store, SqliteStore):
        store._execute("DELETE FROM renewal_files WHERE id = ?", [file.id])
        assert flags(store, file.permit_id) == (0, 0)
    else:  # the server keeps a file its register entries name (ON DELETE RESTRICT)
        with pytest.raises(Conflict):
            store._execute("DELETE FROM renewal_files WHERE id = ?", [file.id])


def test_an_annex_41_is_no_cover(desk, scenarios, today) -> None:
    file = scenarios.r3(renewal_filed_on=today, missing_documents=("photo",))
    issue_annex(desk, file.id, Language.FR)
    assert flags(desk.store, file.permit_id) == (0, 0)


def test_a_file_closed_without_a_decision_is_no_cover(store, make, today) -> None:
    holder = make.holder()
    permit = make.permit(holder, today + timedelta(days=20))
    make.file(holder, permit, Case.UNLIMITED_RENEWAL, state=FileState.CLOSED)
    assert flags(store, permit.id) == (0, 0)
