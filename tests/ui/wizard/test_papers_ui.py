"""Issue 12 at the counter: the facts page asks what a first registration hands in, and
annex 49 names it; the holder's page lists each document for whom and in what state."""

from __future__ import annotations

from datetime import date, timedelta

from app.domain.model import Case, Language, Outcome, Sex
from app.services import records
from app.services.files import record_outcome
from app.services.issuing import annul_document, extend_document, issue_annex
from app.ui.documents.labels import handed_in_text
from app.ui.i18n import _
from app.ui.views.holder_lists import DOCUMENT_COLUMNS, DocumentLine

TODAY = date(2026, 11, 23)


def test_first_registration_records_and_prints_the_document_handed_in(
    clerk, make, desk, pdf_text, qtbot
) -> None:
    holder = make.holder(surname="Silva", language=Language.NL)

    def facts(page) -> None:
        assert page.handed_in_group.isVisible()
        assert not page.handed_in_number.isEnabled()  # nothing chosen: no number
        page.handed_in.setCurrentIndex(page.handed_in.findData("residence_card"))
        assert page.handed_in_number.isEnabled()
        qtbot.keyClicks(page.handed_in_number, "B0123456789")

    wizard = clerk.to_decision(holder.id, facts=facts)
    assert wizard.case is Case.FIRST_REGISTRATION
    clerk.issue(wizard)
    [document] = desk.register.of_holder(holder.id)
    file = desk.store.get_file(document.file_id)
    assert (file.handed_in, file.handed_in_number) == ("residence_card", "B0123456789")
    text = pdf_text(desk.register.pdf(document.id))
    assert "Ingeleverd verblijfsdocument of verblijfstitel: verblijfstitel nr. B0123456789" in text
    assert handed_in_text(file).endswith("B0123456789")


def test_the_facts_page_hides_the_hand_in_outside_a_first_registration(clerk, make) -> None:
    holder = make.holder()
    make.permit(holder, TODAY)

    def facts(page) -> None:
        assert not page.handed_in_group.isVisible()
        assert page.file_values()["handed_in"] == ""

    clerk.to_decision(holder.id, facts=facts)


def test_the_holders_documents_say_for_whom_and_their_state(desk, make) -> None:
    holder = make.holder()
    permit = make.permit(holder, TODAY + timedelta(days=20))
    child = make.family_member(holder, given_names="Can", sex=Sex.MALE)
    file = make.file(
        holder,
        permit,
        Case.WORK_AUTHORISATION_ENDED,
        work_authorisation_ended_on=date(2026, 10, 24),
        family_member_ids=(child.id,),
    )
    own, for_child = issue_annex(desk, file.id, Language.FR)
    annul_document(desk, for_child.id, "wrong child")
    documents = [desk.register.get_by_id(own.id), desk.register.get_by_id(for_child.id)]
    states = records.document_states(desk, documents)
    lines = [
        DocumentLine(documents[0], "", states[own.id]),
        DocumentLine(documents[1], child.full_name, states[for_child.id]),
    ]
    titles = [column.title for column in DOCUMENT_COLUMNS]
    rows = [
        {t: c.display(line) for t, c in zip(titles, DOCUMENT_COLUMNS, strict=True)}
        for line in lines
    ]
    assert rows[0]["For"] != child.full_name and rows[1]["For"] == child.full_name
    assert rows[0]["State"] == "Valable" and rows[0]["Valid until"]
    assert rows[1]["State"].startswith("Annulé le") and rows[1]["State"].endswith(": wrong child")
    assert rows[1]["Valid until"] == ""  # annulled: valid until no date


def test_the_interface_writes_the_first_of_the_month_as_french_does(clerk) -> None:
    from app.ui.documents.labels import day_text, short_day
    from app.ui.views.formatting import show_date

    assert day_text(date(2026, 10, 1)) == "1er octobre 2026"
    assert short_day(date(2026, 10, 1)) == show_date(date(2026, 10, 1)) == "1er oct. 2026"
    assert day_text(date(2026, 10, 11)) == "11 octobre 2026"


def test_the_holders_documents_show_extended_lapsed_and_superseded(desk, make, clock) -> None:
    holder = make.holder()
    permit = make.permit(holder, TODAY - timedelta(days=3))
    file = make.file(
        holder,
        permit,
        Case.LIMITED_RENEWAL,
        renewal_filed_on=TODAY - timedelta(days=40),
        regional_attestation=True,
    )
    (document,) = issue_annex(desk, file.id, Language.FR)

    def state() -> str:
        entry = desk.register.get_by_id(document.id)
        line = DocumentLine(entry, "", records.state_of(desk, entry))
        return DOCUMENT_COLUMNS[-1].display(line)

    assert state() == "Valable"
    extended, decision = extend_document(desk, document.id)
    assert extended is not None, decision
    assert state() == "Prorogé"
    clock.day = extended.valid_until + timedelta(days=1)
    assert state() == "Expiré"
    clock.day = extended.valid_until
    record_outcome(desk, file.id, Outcome.APPROVED, clock.day)
    assert state() == _("Superseded by an outcome")  # translated by the catalogues
