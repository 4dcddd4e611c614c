"""Fixtures for the renewal wizard, file page and transmissions tests.

A database in tmp_path (``desk`` and ``make`` from tests/conftest.py: commune 21004
Bruxelles, fr and nl, today 23 November 2026), a ``UiContext`` on it, a parent window,
message boxes that answer Yes and record what they said, and a printer that writes a PDF
file in tmp_path instead of opening a print dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from app.domain.model import Case, LabourMarket, Language
from app.services.desk import Desk
from app.services.issuing import issue_annex
from app.ui.context import UiContext
from app.ui.documents import printing
from app.ui.file_actions import show_renewal_wizard
from app.ui.settings import Settings
from app.ui.wizard.facts_page import FactsPage
from app.ui.wizard.wizard import RenewalWizard


@dataclass
class Messages:
    """Every message box shown: (title, text, informative text)."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes

    def text(self) -> str:
        return "\n".join(" ".join(parts) for parts in self.shown)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> Messages:
    record = Messages()

    def exec_(box: QMessageBox) -> int:
        record.shown.append((box.windowTitle(), box.text(), box.informativeText()))
        return record.answer

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return record


@pytest.fixture
def printed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The PDF files the printer wrote, one per print job (the dialog always accepts)."""
    jobs: list[Path] = []

    def hook(printer: QPrinter) -> None:
        path = tmp_path / f"printed-{len(jobs) + 1}.pdf"
        jobs.append(path)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        printer.setResolution(72)  # fast; the real printer keeps its own (up to 300 dpi)

    monkeypatch.setattr(printing, "printer_hook", hook)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    return jobs


@pytest.fixture
def ctx(desk: Desk) -> UiContext:
    return UiContext(desk, Settings())


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return window


@dataclass
class Clerk:
    """Drives the counter's windows through their widgets, as a clerk would."""

    qtbot: QtBot
    ctx: UiContext
    parent: QWidget

    def open_wizard(self, holder_id: int) -> RenewalWizard:
        show_renewal_wizard(self.ctx, holder_id, self.parent)
        wizard = self.parent.findChildren(RenewalWizard)[-1]
        self.qtbot.waitExposed(wizard)
        return wizard

    def tick(self, box: QAbstractButton) -> None:
        """Click a check box or radio button on its indicator, as a mouse would."""
        self.qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))

    def next(self, wizard: QWizard) -> None:
        button = wizard.button(QWizard.WizardButton.NextButton)
        assert button.isEnabled(), f"Next is disabled on {wizard.currentPage().objectName()}"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def to_decision(
        self,
        holder_id: int,
        case: Case | None = None,
        facts: Callable[[FactsPage], None] | None = None,
        untick: tuple[str, ...] = (),
    ) -> RenewalWizard:
        """Case (confirmed), facts, checklist (all produced but ``untick``): the decision."""
        wizard = self.open_wizard(holder_id)
        page = wizard.case_page
        if case is not None:
            self.tick(page.buttons[case])
        self.tick(page.confirm)
        self.next(wizard)
        if facts is not None:
            facts(wizard.facts_page)
        self.next(wizard)
        self.qtbot.mouseClick(wizard.checklist_page.all_button, Qt.MouseButton.LeftButton)
        for item_id in untick:
            wizard.checklist_page.set_checked(item_id, False)
        self.next(wizard)
        assert wizard.currentPage() is wizard.decision_page
        return wizard

    def issue(self, wizard: RenewalWizard) -> None:
        """From the decision page: preview, then "Issue and print"."""
        self.next(wizard)
        assert wizard.currentPage() is wizard.preview_page
        assert wizard.preview_page.preview.page_count == 1
        finish = wizard.button(QWizard.WizardButton.FinishButton)
        assert finish.isVisible() and finish.isEnabled()
        self.qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)


@pytest.fixture
def clerk(
    qtbot: QtBot, ctx: UiContext, parent: QWidget, messages: Messages, printed: list[Path]
) -> Clerk:
    return Clerk(qtbot, ctx, parent)


@pytest.fixture
def annex50(desk, make):
    """An annex 50 issued today for an unlimited renewal filed today."""
    today = desk.today()
    holder = make.holder(surname="Nguyen")
    permit = make.permit(holder, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=today)
    [document] = issue_annex(desk, file.id, Language.FR)
    return document
