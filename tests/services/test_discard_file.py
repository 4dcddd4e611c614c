"""Discarding a renewal file left before anything was issued (app.services.files)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.domain.errors import NotFound
from app.domain.model import Case, LabourMarket, Language
from app.services.files import DiscardRefused, discard_file
from app.services.issuing import issue_annex


def test_an_unfinished_file_goes_with_its_events_and_is_audited(desk, make) -> None:
    holder = make.holder()
    permit = make.permit(holder, desk.today() + timedelta(days=20))
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=desk.today())
    discard_file(desk, file.id)
    with pytest.raises(NotFound):
        desk.store.get_file(file.id)
    last = desk.store._one(
        "SELECT action, entity, entity_id FROM audit_log ORDER BY id DESC LIMIT 1"
    )
    assert last == {"action": "discard", "entity": "renewal_file", "entity_id": file.id}


def test_a_file_with_a_register_document_stays(desk, make) -> None:
    holder = make.holder()
    permit = make.permit(
        holder, desk.today() + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
    )
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=desk.today())
    [document] = issue_annex(desk, file.id, Language.FR)
    with pytest.raises(DiscardRefused):
        discard_file(desk, file.id)
    assert desk.store.get_file(file.id).id == file.id
    assert desk.register.get(document.number).file_id == file.id
