"""Transmissions to the Immigration Office: queued by annex 50 and 41, marked sent once,
audited, and listed on a cover list in fr, nl and de."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.model import Case, LabourMarket, Language
from app.services import transmissions
from app.services.issuing import issue_annex


@pytest.fixture
def issued(desk, make, today):
    """One annex 50 and one annex 41 (an item missing), and an annex 49 that is not sent."""
    found = []
    for missing in ((), ("photo",)):
        holder = make.holder()
        permit = make.permit(
            holder, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
        )
        file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, missing_documents=missing)
        found += issue_annex(desk, file.id, Language.FR)
    holder = make.holder()
    permit = make.permit(holder, today)
    file = make.file(
        holder, permit, Case.LIMITED_RENEWAL, renewal_filed_on=today, regional_attestation=True
    )
    issue_annex(desk, file.id, Language.FR)
    return found


def test_annex50_and_41_wait_for_transmission(desk, issued) -> None:
    rows = transmissions.pending(desk)
    assert [(r.annex.value, r.kind) for r in rows] == [
        ("50", "application_with_annex50"),
        ("41", "annex41_copy"),
    ]
    assert [str(r.number) for r in rows] == ["2026/000001", "2026/000002"]
    assert rows[0].surname.startswith("Benali")


def test_mark_sent_removes_from_pending_and_audits(desk, issued, today) -> None:
    rows = transmissions.pending(desk)
    marked = transmissions.mark_sent(desk, [rows[0].id], today, "email")
    assert marked == [rows[0].id]
    assert [r.id for r in transmissions.pending(desk)] == [rows[1].id]
    assert transmissions.mark_sent(desk, [rows[0].id], today, "post") == []
    audit = desk.store._all("SELECT action, entity_id FROM audit_log WHERE action = 'transmit'")
    assert audit == [{"action": "transmit", "entity_id": rows[0].id}]


def test_mark_sent_refuses_no_channel_or_future_date(desk, issued, today) -> None:
    ids = [r.id for r in transmissions.pending(desk)]
    with pytest.raises(ValueError):
        transmissions.mark_sent(desk, ids, today, "  ")
    with pytest.raises(ValueError):
        transmissions.mark_sent(desk, ids, today + timedelta(days=1), "post")
    assert len(transmissions.pending(desk)) == 2


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Office des Étrangers"), ("nl", "Dienst Vreemdelingenzaken"), ("de", "Ausländeramt")],
)
def test_cover_list_names_every_entry(desk, issued, pdf_text, language, words) -> None:
    ids = [r.id for r in transmissions.pending(desk)]
    text = pdf_text(transmissions.cover_list_pdf(desk, ids, language))
    assert "2026/000001" in text and "2026/000002" in text
    assert words in text
    assert issued[0].holder_id and "Benali" in text
    # The commune as the list's language names it (a Brussels commune has two names).
    if language == "nl":
        assert "Gemeentebestuur van Brussel" in text and "Grote Markt 1" in text
        assert "Bruxelles" not in text
    else:
        assert "Bruxelles" in text


def test_cover_list_is_deterministic(desk, issued) -> None:
    ids = [r.id for r in transmissions.pending(desk)]
    assert transmissions.cover_list_pdf(desk, ids, "fr") == transmissions.cover_list_pdf(
        desk, ids, "fr"
    )
    with pytest.raises(ValueError):
        transmissions.cover_list_pdf(desk, ids, "en")


def test_sent_date_in_the_past_is_kept(desk, issued, today) -> None:
    rows = transmissions.pending(desk)
    transmissions.mark_sent(desk, [r.id for r in rows], date(2026, 11, 20), "platform")
    assert transmissions.pending(desk) == []
