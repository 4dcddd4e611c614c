"""The renewal wizard driven as a clerk would, for each case, up to "Issue and print"."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.domain.model import Case, LabourMarket, Language
from app.services.documents import identify_pdf
from app.services.transmissions import pending
from app.ui.documents.printing import file_names

TODAY = date(2026, 11, 23)


def test_r2_limited_renewal_issues_annex49_with_attestation(
    clerk, make, desk, messages, printed, pdf_text, qtbot
) -> None:
    holder = make.holder(surname="Okafor")
    make.permit(holder, TODAY)  # limited, expires today: annex 49 from the expiry date on

    def facts(page) -> None:
        page.filed_on.set_day(date(2026, 10, 1))
        clerk.tick(page.attestation)
        page.attestation_date.set_day(date(2026, 11, 20))
        qtbot.keyClicks(page.attestation_reference, "BEW-2026-0042")

    wizard = clerk.to_decision(holder.id, facts=facts)
    assert wizard.case is Case.LIMITED_RENEWAL  # proposed from the limited permit
    decision = wizard.decision_page
    assert "49" in decision.annex.text()
    assert decision.valid_until.text() == "23 décembre 2026"
    assert "R2" in decision.explanation.text()
    assert decision.document_language() is Language.FR

    clerk.issue(wizard)
    document = desk.register.get(wizard.issued[0].number)
    assert str(document.number) == "2026/000001"
    assert (document.annex.value, document.valid_until) == ("49", date(2026, 12, 23))
    text = pdf_text(desk.register.pdf(document.id))
    assert "Okafor" in text and "23 décembre 2026" in text
    assert "2026/000001" in messages.text()
    # "Print to file" writes the register's own version, which `document verify` accepts
    assert printed[0].read_bytes() == desk.register.pdf(document.id)
    found = identify_pdf(desk, printed[0].read_bytes())
    assert found is not None and found.document.id == document.id and not found.problems
    file = desk.store.get_file(document.file_id)
    assert file.regional_attestation_reference == "BEW-2026-0042"
    assert file.regional_attestation_date == date(2026, 11, 20)


def test_r2_before_expiry_says_why_and_cannot_issue(clerk, make, desk) -> None:
    holder = make.holder()
    make.permit(holder, TODAY + timedelta(days=10))

    def facts(page) -> None:
        page.filed_on.set_day(date(2026, 11, 2))
        page.attestation.setChecked(True)

    wizard = clerk.to_decision(holder.id, facts=facts)
    page = wizard.decision_page
    assert page.verdict.text() == "Aucune annexe ne peut être délivrée aujourd'hui"
    assert "R2" in page.explanation.text()
    assert "à partir de l'échéance du permis" in page.explanation.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert desk.register.of_holder(holder.id) == []


def test_r3_all_documents_issues_annex50_and_queues_transmission(
    clerk, make, desk, pdf_text
) -> None:
    holder = make.holder(surname="Nguyen")
    make.permit(holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    wizard = clerk.to_decision(holder.id)
    assert wizard.case is Case.UNLIMITED_RENEWAL
    clerk.issue(wizard)
    [document] = desk.register.of_holder(holder.id)
    assert (str(document.number), document.annex.value) == ("2026/000001", "50")
    assert document.valid_until == date(2026, 12, 23) and document.max_extensions == 3
    assert "Nguyen" in pdf_text(desk.register.pdf(document.id))
    assert [row.document_id for row in pending(desk)] == [document.id]


def test_r3_unticked_item_issues_annex41_naming_it(clerk, make, desk, pdf_text) -> None:
    holder = make.holder(surname="Haddad")
    make.permit(holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    wizard = clerk.to_decision(holder.id, untick=("photo",))
    assert "41" in wizard.decision_page.annex.text()
    assert "photo d'identité récente" in wizard.decision_page.missing_label.text()
    clerk.issue(wizard)
    [document] = desk.register.of_holder(holder.id)
    assert (document.annex.value, document.valid_until) == ("41", None)
    text = pdf_text(desk.register.pdf(document.id))
    assert "Haddad" in text and "photo d'identité récente" in text


def test_r4_issues_annex51_for_holder_and_family_member(
    clerk, make, desk, printed, pdf_text
) -> None:
    holder = make.holder(surname="Mensah")
    make.permit(holder, date(2026, 12, 15))
    child = make.family_member(holder, given_names="Kofi")
    make.family_member(holder, given_names="Ama")  # not on the file

    def facts(page) -> None:
        page.work_ended_on.set_day(date(2026, 11, 1))
        page.family_list.item(0).setCheckState(Qt.CheckState.Checked)

    wizard = clerk.to_decision(holder.id, case=Case.WORK_AUTHORISATION_ENDED, facts=facts)
    assert "Kofi" in wizard.decision_page.copies.text()
    clerk.issue(wizard)
    documents = desk.register.of_file(wizard.file.id)
    assert [str(d.number) for d in documents] == ["2026/000001", "2026/000002"]
    assert {d.annex.value for d in documents} == {"51"}
    assert {d.valid_until for d in documents} == {date(2027, 1, 30)}
    assert [d.family_member_id for d in documents] == [None, child.id]
    assert "Kofi" in pdf_text(desk.register.pdf(documents[1].id))
    assert "30 janvier 2027" in pdf_text(desk.register.pdf(documents[0].id))
    # one print job to a file: each copy in its own file, byte for byte the register's
    assert [path.name for path in file_names(printed[0], 2)] == ["printed-1.pdf", "printed-1-2.pdf"]
    assert [path.read_bytes() for path in file_names(printed[0], 2)] == [
        desk.register.pdf(document.id) for document in documents
    ]


def test_r5_first_registration_issues_annex49_for_45_days(clerk, make, desk, pdf_text) -> None:
    holder = make.holder(surname="Silva", language=Language.NL)
    wizard = clerk.to_decision(holder.id)  # no permit yet: first registration proposed
    assert wizard.case is Case.FIRST_REGISTRATION
    assert wizard.decision_page.document_language() is Language.NL
    clerk.issue(wizard)
    [document] = desk.register.of_holder(holder.id)
    assert (document.annex.value, document.variant) == ("49", "first_registration")
    assert document.valid_until == date(2027, 1, 7) and document.extension_days == 45
    text = pdf_text(desk.register.pdf(document.id))
    assert "Silva" in text and "7 januari 2027" in text


def test_declining_the_confirmation_issues_nothing(clerk, make, desk, messages) -> None:
    holder = make.holder()
    make.permit(holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    wizard = clerk.to_decision(holder.id)
    messages.answer = messages.answer.No
    clerk.issue(wizard)
    assert desk.register.of_holder(holder.id) == []
    assert wizard.isVisible()


def test_every_page_follows_the_interface_language(clerk, make, translator) -> None:
    holder = make.holder()
    make.permit(holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    wizard = clerk.to_decision(holder.id)
    pages = [wizard.page(i) for i in wizard.pageIds()]
    translator.set_language("en")
    english = {page.objectName(): page.title() for page in pages}
    assert english["decision_page"] == "Decision"
    for code in ("fr", "nl", "de"):
        translator.set_language(code)
        for page in pages:
            assert page.title() and page.title() != english[page.objectName()], (code, page)
        assert wizard.button(QWizard.WizardButton.FinishButton).text() != "Issue and print"
    assert "Anlage 50" in wizard.decision_page.verdict.text()
