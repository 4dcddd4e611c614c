"""The file page: documents and events, extension up to the legal maximum, reprint, annul,
the Immigration Office's outcome; show_document selects the document on its file's page."""

from __future__ import annotations

import io
from datetime import date
from hashlib import sha256

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.domain.model import Case, FileState, Language, Outcome
from app.services import audit
from app.services.issuing import issue_annex
from app.store import SqliteStore
from app.ui.documents import actions, printing
from app.ui.documents.file_page import FilePage
from app.ui.documents.outcome_dialog import OutcomeDialog
from app.ui.file_actions import show_document, show_file

TODAY = date(2026, 11, 23)


@pytest.fixture
def annex49(desk, make):
    """An annex 49 after R2 (30 days, twice) on an open file."""
    holder = make.holder(surname="Okafor")
    permit = make.permit(holder, TODAY)
    file = make.file(
        holder,
        permit,
        Case.LIMITED_RENEWAL,
        renewal_filed_on=date(2026, 10, 1),
        regional_attestation=True,
    )
    [document] = issue_annex(desk, file.id, Language.FR)
    return document


def file_page(clerk, qtbot, file_id: int) -> FilePage:
    show_file(clerk.ctx, file_id, clerk.parent)
    page = next(p for p in clerk.parent.findChildren(FilePage) if p.file_id == file_id)
    qtbot.waitExposed(page)
    return page


def test_file_page_shows_documents_and_events(clerk, qtbot, annex49) -> None:
    page = file_page(clerk, qtbot, annex49.file_id)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == "2026/000001"
    assert page.model.index(0, 5).data() == "0/2"
    assert page.selected_document_id() == annex49.id
    events = [page.events.topLevelItem(i).text(1) for i in range(page.events.topLevelItemCount())]
    assert events == ["Document délivré"]  # the factory saves the file without "opened"
    assert page.preview.page_count == 1


def test_extend_up_to_the_maximum_then_refused_with_the_rule(
    clerk, qtbot, desk, annex49, messages, printed, pdf_text
) -> None:
    page = file_page(clerk, qtbot, annex49.file_id)
    qtbot.mouseClick(page.buttons["extend"], Qt.MouseButton.LeftButton)
    _title, question, _details = messages.shown[0]
    assert "23 décembre 2026" in question and "22 janvier 2027" in question  # now, then
    qtbot.mouseClick(page.buttons["extend"], Qt.MouseButton.LeftButton)
    document = desk.register.get_by_id(annex49.id)
    assert (document.extensions_used, document.valid_until) == (2, date(2027, 2, 21))
    assert "21 février 2027" in messages.text()
    assert page.model.index(0, 5).data() == "2/2"
    assert len(printed) == 2  # each extended version printed
    assert "21 février 2027" in pdf_text(desk.register.pdf(annex49.id))
    # At the maximum "Extend" is no longer offered; it says why (the rules, not a click).
    assert not page.buttons["extend"].isEnabled()
    reason = page.buttons["extend"].toolTip()
    assert reason.startswith("R2 — ") and "maximum légal" in reason
    assert desk.register.get_by_id(annex49.id).extensions_used == 2


def test_reprint_prints_a_dated_duplicate_and_is_audited(
    clerk, qtbot, desk, annex49, printed, pdf_text, monkeypatch
) -> None:
    sent: list[bytes] = []  # the PDFs handed to the printer, as bytes
    load_pdf = printing.load_pdf

    def recording_load_pdf(pdf: bytes, parent=None):
        sent.append(pdf)
        return load_pdf(pdf, parent)

    page = file_page(clerk, qtbot, annex49.file_id)  # before the spy: its preview loads the PDF
    monkeypatch.setattr(printing, "load_pdf", recording_load_pdf)
    qtbot.mouseClick(page.buttons["reprint"], Qt.MouseButton.LeftButton)
    [version] = desk.register.versions(annex49.id)  # the register's PDF is never changed
    assert version.sha256 == annex49.sha256
    [copy] = desk.register.copies(annex49.id)
    assert (copy.kind, copy.made_on, copy.made_by) == ("duplicate", TODAY, "clerk")
    assert [sha256(pdf).hexdigest() for pdf in sent] == [copy.sha256]
    text = pdf_text(sent[0])
    assert "2026/000001" in text
    assert "DUPLICATA Établi le 23 novembre 2026 d'après le document n° 2026/000001" in text
    assert len(printed) == 1  # one print job, one page like the stored PDF
    assert len(PdfReader(printed[0]).pages) == len(PdfReader(io.BytesIO(sent[0])).pages) == 1
    reprints = [e for e in audit.entries(desk) if e.action == "reprint"]
    assert [(e.user, e.entity, e.entity_id) for e in reprints] == [
        ("clerk", "document", annex49.id)
    ]
    assert [e.kind for e in desk.store.get_file(annex49.file_id).events][-1] == "reprinted"


def test_an_annulled_document_reads_as_annulled(
    clerk, qtbot, desk, annex49, printed, pdf_text, monkeypatch
) -> None:
    sent: list[bytes] = []
    load_pdf = printing.load_pdf
    monkeypatch.setattr(actions, "ask_annul_reason", lambda _parent, _doc: "wrong holder")
    page = file_page(clerk, qtbot, annex49.file_id)
    qtbot.mouseClick(page.buttons["annul"], Qt.MouseButton.LeftButton)
    # Listed as annulled with its date and reason, no "valid until"; no extend, no annul.
    assert page.model.index(0, 6).data() == "Annulé le 23 nov. 2026: wrong holder"
    assert page.model.index(0, 4).data() == ""
    assert not page.buttons["extend"].isEnabled() and not page.buttons["annul"].isEnabled()
    assert page.buttons["reprint"].isEnabled()
    events = [page.events.topLevelItem(i) for i in range(page.events.topLevelItemCount())]
    assert events[-1].text(2) == "2026/000001: wrong holder"
    # The preview and the reprint both carry the mark; the register's PDF is unchanged.
    monkeypatch.setattr(
        printing, "load_pdf", lambda pdf, parent=None: sent.append(pdf) or load_pdf(pdf, parent)
    )
    qtbot.mouseClick(page.buttons["reprint"], Qt.MouseButton.LeftButton)
    text = pdf_text(sent[0])
    assert (
        "ANNULÉ Document n° 2026/000001 annulé le 23 novembre 2026. Motif : wrong holder." in text
    )
    assert desk.register.pdf(annex49.id) != sent[0]
    assert sha256(desk.register.pdf(annex49.id)).hexdigest() == annex49.sha256
    [copy] = desk.register.copies(annex49.id)
    assert copy.kind == "annulled" and copy.sha256 == sha256(sent[0]).hexdigest()


def test_annul_needs_a_reason(clerk, qtbot, desk, annex49, messages, monkeypatch) -> None:
    page = file_page(clerk, qtbot, annex49.file_id)
    monkeypatch.setattr(actions, "ask_annul_reason", lambda _parent, _doc: "")
    qtbot.mouseClick(page.buttons["annul"], Qt.MouseButton.LeftButton)
    assert desk.register.get_by_id(annex49.id).annulled_on is None
    assert messages.shown[-1][0] == "Non annulé"
    monkeypatch.setattr(actions, "ask_annul_reason", lambda _parent, _doc: "wrong holder")
    qtbot.mouseClick(page.buttons["annul"], Qt.MouseButton.LeftButton)
    document = desk.register.get_by_id(annex49.id)
    assert (document.annulled_on, document.annulled_reason) == (TODAY, "wrong holder")
    assert not page.buttons["extend"].isEnabled()
    assert page.model.index(0, 6).data().startswith("Annulé le")
    assert page.model.index(0, 6).data().endswith(": wrong holder")


def choose(outcome: Outcome, deadline: date | None = None):
    def exec_(dialog: OutcomeDialog) -> int:
        dialog.select(outcome)
        if deadline:
            dialog.deadline.set_day(deadline)
        return QDialog.DialogCode.Accepted

    return exec_


def test_outcome_approved_closes_the_file(clerk, qtbot, desk, annex50, monkeypatch) -> None:
    page = file_page(clerk, qtbot, annex50.file_id)
    monkeypatch.setattr(
        OutcomeDialog, "exec", choose(Outcome.INFORMATION_REQUESTED, date(2026, 12, 15))
    )
    qtbot.mouseClick(page.buttons["outcome"], Qt.MouseButton.LeftButton)
    assert desk.store.get_file(annex50.file_id).state is FileState.OPEN
    last = page.events.topLevelItem(page.events.topLevelItemCount() - 1)
    assert last.text(2) == "documents à produire pour le 15 décembre 2026"
    monkeypatch.setattr(OutcomeDialog, "exec", choose(Outcome.APPROVED))
    qtbot.mouseClick(page.buttons["outcome"], Qt.MouseButton.LeftButton)
    file = desk.store.get_file(annex50.file_id)
    assert file.state is FileState.CLOSED and file.decision_taken
    assert not page.buttons["outcome"].isEnabled()
    assert "clôturé" in page.header.text()


def test_show_document_selects_it_on_its_file_page(clerk, qtbot, desk, make) -> None:
    holder = make.holder()
    make.permit(holder, date(2026, 12, 15))
    member = make.family_member(holder)
    file = make.file(
        holder,
        None,
        Case.WORK_AUTHORISATION_ENDED,
        work_authorisation_ended_on=date(2026, 11, 1),
        family_member_ids=(member.id,),
    )
    file.permit_id = desk.store.permits_of(holder.id)[0].id
    desk.store.save_file(file)
    documents = issue_annex(desk, file.id, Language.FR)
    show_document(clerk.ctx, documents[1].id, clerk.parent)
    page = clerk.parent.findChildren(FilePage)[-1]
    assert page.selected_document_id() == documents[1].id
    assert page.model.index(1, 2).data() == member.full_name
    show_document(clerk.ctx, documents[0].id, clerk.parent)  # same page, other row
    assert len(clerk.parent.findChildren(FilePage)) == 1
    assert page.selected_document_id() == documents[0].id


def test_a_file_open_at_another_counter_says_who_has_it(clerk, qtbot, annex49, db_path) -> None:
    """Marie has the file open at Guichet 3 (another store on the same register): this
    counter's page says so; once she closes it, the page (reloaded) says nothing more, and
    closing this page frees the file for others."""
    with SqliteStore.open(db_path, backups=db_path.parent / "b", key=b"k" * 32) as other:
        other.counter = "Guichet 3"
        assert other.take_file(annex49.file_id, "marie", "2026-11-23T09:42:00+00:00") is None
        page = file_page(clerk, qtbot, annex49.file_id)
        assert page.elsewhere.isVisible()
        assert page.elsewhere.text().startswith(
            "En cours de traitement au Guichet 3 par marie depuis le 23 nov. 2026"
        )
        other.release_file(annex49.file_id)
        page.reload()
        assert not page.elsewhere.isVisible()
        page.reject()
        assert other.take_file(annex49.file_id, "marie", "2026-11-23T10:00:00+00:00") is None
