"""The outcome dialog keeps the dates the law's deadlines run to: a request's deadline
(§7), the decision period's new end (art. 105/3 §3); a first registration records its
residence check; the wizard records the date a stay was ended (annex 52)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QDialog

from app.domain.model import Case, FileState, Language, Outcome
from app.services.issuing import issue_annex
from app.services.worklist import load_worklist
from app.ui.documents.file_page import FilePage
from app.ui.documents.outcome_dialog import OutcomeDialog
from app.ui.file_actions import show_file
from app.ui.i18n import _

TODAY = date(2026, 11, 23)


def file_page(clerk, qtbot, file_id: int) -> FilePage:
    show_file(clerk.ctx, file_id, clerk.parent)
    page = next(p for p in clerk.parent.findChildren(FilePage) if p.file_id == file_id)
    qtbot.waitExposed(page)
    return page


def choose(outcome: Outcome, deadline: date | None = None, note: str = ""):
    def exec_(dialog: OutcomeDialog) -> int:
        dialog.select(outcome)
        if deadline:
            dialog.deadline.set_day(deadline)
        dialog.note.setText(note)
        return QDialog.DialogCode.Accepted

    return exec_


def last_event_text(page: FilePage) -> str:
    return page.events.topLevelItem(page.events.topLevelItemCount() - 1).text(2)


def test_a_request_keeps_its_deadline_apart_from_the_note(
    clerk, qtbot, desk, annex50, monkeypatch
) -> None:
    page = file_page(clerk, qtbot, annex50.file_id)
    deadline = date(2026, 12, 15)
    monkeypatch.setattr(
        OutcomeDialog, "exec", choose(Outcome.INFORMATION_REQUESTED, deadline, "payslips")
    )
    page.record_outcome()
    event = desk.store.get_file(annex50.file_id).events[-1]
    assert (event.detail, event.due_on) == ("payslips", deadline)
    assert last_event_text(page) == "documents à produire pour le 15 décembre 2026 payslips"
    (row,) = load_worklist(desk.store, TODAY).information_requests
    assert row.deadline == deadline


def test_an_extended_period_records_the_new_decision_date(
    clerk, qtbot, desk, annex50, monkeypatch
) -> None:
    page = file_page(clerk, qtbot, annex50.file_id)
    monkeypatch.setattr(OutcomeDialog, "exec", choose(Outcome.PERIOD_EXTENDED, date(2027, 6, 1)))
    page.record_outcome()
    event = desk.store.get_file(annex50.file_id).events[-1]
    assert (event.kind, event.due_on) == ("outcome:period_extended", date(2027, 6, 1))
    assert "1er juin 2027" in last_event_text(page)
    (row,) = load_worklist(desk.store, TODAY).decisions
    assert row.deadline == date(2027, 6, 1)


def test_the_date_row_shows_for_a_request_and_an_extension_only(qtbot) -> None:
    dialog = OutcomeDialog(TODAY, case=Case.UNLIMITED_RENEWAL)
    qtbot.addWidget(dialog)
    for outcome in (Outcome.PERIOD_EXTENDED, Outcome.INFORMATION_REQUESTED):
        dialog.select(outcome)
        assert dialog.form.isRowVisible(dialog.deadline)
        assert dialog.due_on() == TODAY + timedelta(days=15)
    assert dialog.form.labelForField(dialog.deadline).text() == _("Documents due by:")
    dialog.select(Outcome.PERIOD_EXTENDED)
    assert dialog.form.labelForField(dialog.deadline).text() == _("Decision due by:")
    dialog.select(Outcome.APPROVED)
    assert not dialog.form.isRowVisible(dialog.deadline)
    assert dialog.due_on() is None


def test_each_case_offers_its_outcomes(qtbot) -> None:
    def offered(case: Case) -> list[str]:
        dialog = OutcomeDialog(TODAY, case=case)
        qtbot.addWidget(dialog)
        return [dialog.outcome.itemData(i) for i in range(dialog.outcome.count())]

    first = offered(Case.FIRST_REGISTRATION)
    assert first[:2] == [Outcome.RESIDENCE_CHECKED.value, Outcome.PERMIT_ISSUED.value]
    assert Outcome.APPROVED.value not in first
    renewal = offered(Case.UNLIMITED_RENEWAL)
    assert Outcome.RESIDENCE_CHECKED.value not in renewal
    assert Outcome.STAY_ENDED.value in renewal and Outcome.STAY_ENDED.value in first


def test_a_first_registration_leaves_the_residence_check_list(
    clerk, qtbot, desk, make, monkeypatch
) -> None:
    file = make.file(make.holder(surname="Silva"), None, Case.FIRST_REGISTRATION)
    issue_annex(desk, file.id, Language.FR)
    assert [r.file_id for r in load_worklist(desk.store, TODAY).residence_checks] == [file.id]
    page = file_page(clerk, qtbot, file.id)
    monkeypatch.setattr(OutcomeDialog, "exec", choose(Outcome.RESIDENCE_CHECKED))
    page.record_outcome()
    assert load_worklist(desk.store, TODAY).residence_checks == []
    monkeypatch.setattr(OutcomeDialog, "exec", choose(Outcome.PERMIT_ISSUED))
    page.record_outcome()
    assert desk.store.get_file(file.id).state is FileState.CLOSED


def test_the_wizard_records_when_the_stay_was_ended(clerk, make, desk) -> None:
    holder = make.holder(surname="Mensah")
    make.permit(holder, date(2026, 12, 15))

    def facts(page) -> None:
        page.work_ended_on.set_day(date(2026, 11, 1))
        assert not page.stay_ended_on.isEnabled()
        clerk.tick(page.stay_ended)
        assert page.stay_ended_on.isEnabled()
        page.stay_ended_on.set_day(date(2026, 11, 20))

    wizard = clerk.to_decision(holder.id, case=Case.WORK_AUTHORISATION_ENDED, facts=facts)
    file = desk.store.get_file(wizard.file.id)
    assert (file.stay_ended, file.stay_ended_on) == (True, date(2026, 11, 20))
    (row,) = load_worklist(desk.store, TODAY).stays_ended
    assert (row.file_id, row.since) == (file.id, date(2026, 11, 20))
