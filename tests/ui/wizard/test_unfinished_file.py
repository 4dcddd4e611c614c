"""A renewal file exists from its first saved facts; leaving the wizard keeps or discards
it, as the clerk says; a kept file goes on from its page (issue 13, point 4)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from app.domain.model import Case, LabourMarket
from app.services import audit
from app.ui.documents.file_page import FilePage
from app.ui.file_actions import show_file
from app.ui.wizard import wizard as wizard_module
from app.ui.wizard.wizard import RenewalWizard

TODAY = date(2026, 11, 23)


def to_checklist(clerk, make):
    holder = make.holder(surname="Nguyen")
    make.permit(holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    wizard = clerk.open_wizard(holder.id)
    clerk.tick(wizard.case_page.confirm)
    clerk.next(wizard)
    assert wizard.file is None  # nothing saved yet: no file
    clerk.next(wizard)
    assert wizard.currentPage() is wizard.checklist_page
    return holder, wizard


@pytest.mark.parametrize("keep", [True, False])
def test_cancel_keeps_or_discards_the_file(
    clerk, make, desk, monkeypatch: pytest.MonkeyPatch, keep: bool
) -> None:
    holder, wizard = to_checklist(clerk, make)
    [file] = desk.store.files_of(holder.id)  # opened with its first facts
    assert file.case is Case.UNLIMITED_RENEWAL and file.renewal_filed_on == TODAY
    monkeypatch.setattr(wizard_module, "keep_or_discard", lambda _parent: keep)
    clerk.qtbot.mouseClick(
        wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton
    )
    assert not wizard.isVisible()
    assert [f.id for f in desk.store.files_of(holder.id)] == ([file.id] if keep else [])
    actions = [e.action for e in audit.entries(desk) if e.entity == "renewal_file"]
    assert ("discard" in actions) is not keep


def test_going_back_to_the_wizard_loses_nothing(
    clerk, make, desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    _holder, wizard = to_checklist(clerk, make)
    monkeypatch.setattr(wizard_module, "keep_or_discard", lambda _parent: None)
    wizard.reject()
    assert wizard.isVisible() and wizard.currentPage() is wizard.checklist_page


def test_a_kept_file_goes_on_from_its_page(clerk, make, desk, ctx, parent) -> None:
    holder = make.holder(surname="Mensah")
    permit = make.permit(holder, date(2026, 12, 15))
    file = make.file(
        holder, permit, Case.WORK_AUTHORISATION_ENDED, work_authorisation_ended_on=date(2026, 11, 1)
    )
    show_file(ctx, file.id, parent)
    page = parent.findChildren(FilePage)[-1]
    resume = page.buttons["resume"]
    assert resume.isVisibleTo(page)
    clerk.qtbot.mouseClick(resume, Qt.MouseButton.LeftButton)
    wizard = parent.findChildren(RenewalWizard)[-1]
    clerk.qtbot.waitExposed(wizard)
    assert wizard.currentPage() is wizard.facts_page
    assert wizard.case is Case.WORK_AUTHORISATION_ENDED
    assert wizard.facts_page.work_ended_on.day() == date(2026, 11, 1)
    clerk.next(wizard)
    assert wizard.file.id == file.id  # the same file, not a new one
    assert [f.id for f in desk.store.files_of(holder.id)] == [file.id]
