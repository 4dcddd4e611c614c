"""The renewal wizard: five pages over one renewal file, saved through the services.

The file is opened (``open_file``) when the clerk first reaches the decision page and saved
again (``update_file``) each time they come back to it; the decision is the domain's
(``assess_file``). "Issue and print" issues through ``issue_annex`` and prints the stored PDFs.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QCheckBox, QWidget, QWizard

from app.domain.assess import Assessment
from app.domain.model import Case, IssuedDocument, Language, Permit, RenewalFile, issued_id
from app.services import records
from app.services.files import DiscardRefused, discard_file, open_file, update_file
from app.services.forms import FormError
from app.services.issuing import IssueRefused, LanguageNotAllowed, assess_file, issue_annex
from app.ui.context import UiContext
from app.ui.documents.actions import default_printer
from app.ui.documents.labels import annex_title, day_text
from app.ui.documents.printing import print_pdfs
from app.ui.i18n import N_, _, retranslate_wizard_buttons, translate_ui
from app.ui.messages import ask_yes_no, keep_or_discard, show_error, show_information
from app.ui.wizard.case_page import CasePage
from app.ui.wizard.checklist_page import ChecklistPage
from app.ui.wizard.decision_page import DecisionPage
from app.ui.wizard.facts_page import FactsPage
from app.ui.wizard.preview_page import PreviewPage

logger = logging.getLogger(__name__)

FORMS_REFUSED = N_(
    "The commune's corrected forms cannot be used; nothing was issued. Tell the administrator."
)


class RenewalWizard(QWizard):
    """One holder, one new renewal file, up to the printed annex."""

    PAGE_CASE, PAGE_FACTS, PAGE_CHECKLIST, PAGE_DECISION, PAGE_PREVIEW = range(5)

    def __init__(
        self,
        ctx: UiContext,
        holder_id: int,
        parent: QWidget | None = None,
        file_id: int | None = None,
    ) -> None:
        """``file_id``: go on with a file left open (its case and facts filled in, on the
        facts page); otherwise a new file, opened when its first facts are saved."""
        super().__init__(parent)
        self.setObjectName("renewal_wizard")
        self.ctx = ctx
        self.holder_id = holder_id
        self.holder = records.holder(ctx.desk, holder_id)
        permits = records.permits_of(ctx.desk, holder_id)
        self.permit: Permit | None = max(permits, key=lambda p: p.expiry) if permits else None
        self.family = records.family_of(ctx.desk, holder_id)
        self.file: RenewalFile | None = None
        self.assessment: Assessment | None = None
        self.issued: list[IssuedDocument] = []

        self.case_page = CasePage(self)
        self.facts_page = FactsPage(self)
        self.checklist_page = ChecklistPage(self)
        self.decision_page = DecisionPage(self)
        self.preview_page = PreviewPage(self)
        self.setPage(self.PAGE_CASE, self.case_page)
        self.setPage(self.PAGE_FACTS, self.facts_page)
        self.setPage(self.PAGE_CHECKLIST, self.checklist_page)
        self.setPage(self.PAGE_DECISION, self.decision_page)
        self.setPage(self.PAGE_PREVIEW, self.preview_page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setMinimumSize(QSize(900, 720))
        self.currentIdChanged.connect(self._focus_first_field)
        if file_id is not None:
            self._resume(records.renewal_file(ctx.desk, file_id))
        translate_ui(self)

    def _resume(self, file: RenewalFile) -> None:
        self.file = file
        self.case_page.buttons[file.case].setChecked(True)
        self.case_page.confirm.setChecked(True)
        self.facts_page.show_file(file)
        self.setStartId(self.PAGE_FACTS)

    def _focus_first_field(self, _page_id: int) -> None:
        """Each page opens with the focus where the clerk starts, so that typing or Enter
        (Next, the default button) works at once."""
        pages: tuple[CasePage | FactsPage | ChecklistPage | DecisionPage | PreviewPage, ...] = (
            self.case_page,
            self.facts_page,
            self.checklist_page,
            self.decision_page,
            self.preview_page,
        )
        page = self.currentPage()
        for candidate in pages:
            if candidate is page:
                candidate.first_field().setFocus(Qt.FocusReason.OtherFocusReason)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Renewal file – {name}").format(name=self.holder.full_name))
        retranslate_wizard_buttons(self)
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Issue and print"))

    @property
    def case(self) -> Case:
        return self.case_page.selected_case()

    @property
    def document_language(self) -> Language:
        return self.decision_page.document_language()

    @property
    def attestation(self) -> QCheckBox:
        return self.facts_page.attestation

    def save_and_assess(self) -> Assessment:
        """Save the file with what the pages hold, then ask the domain."""
        file = self.save_file()
        assert file.id is not None, "a saved file has its id"
        self.assessment = assess_file(self.ctx.desk, file.id)
        return self.assessment

    def save_file(self) -> RenewalFile:
        """Open the file with what the pages hold (the first time), or save it again."""
        desk = self.ctx.desk
        values = {
            **self.facts_page.file_values(),
            "case": self.case,
            "missing_documents": self.checklist_page.missing(),
        }
        if values["case"] is Case.LIMITED_RENEWAL:
            values["regional_attestation"] = (
                values["regional_attestation"]
                and "regional_attestation" not in values["missing_documents"]
            )
        if self.file is None:
            draft = RenewalFile(
                holder_id=self.holder_id,
                opened_on=desk.today(),
                permit_id=self.permit.id if self.permit else None,
                **values,
            )
            self.file = open_file(desk, draft)
        else:
            self.file = update_file(desk, dataclasses.replace(self.file, **values))
        assert self.file.id is not None, "a saved file has its id"
        self.ctx.changed("file", self.file.id)
        return self.file

    def reject(self) -> None:  # Qt's virtual: Cancel, Escape, the window's close button
        """A file the clerk started and leaves without issuing is kept to finish later, or
        discarded, as they say; nothing empty stays behind unasked."""
        if self.file is not None and self.file.id is not None and not self.issued:
            keep = keep_or_discard(self)
            if keep is None:
                return
            if not keep:
                try:
                    discard_file(self.ctx.desk, self.file.id)
                except DiscardRefused as error:
                    logger.info("discard refused: %s", error)
                    show_error(
                        self,
                        _("Not discarded"),
                        _("A document was issued on this file: it stays in the register."),
                    )
                    return
                self.ctx.changed("file", self.file.id)
        super().reject()

    def accept(self) -> None:  # Qt's virtual: the "Issue and print" button
        if self.file is None or self.assessment is None or self.assessment.annex is None:
            return
        assert self.file.id is not None, "the file was saved on the decision page"
        annex = annex_title(self.assessment.annex.value)
        question = _("Issue {annex} for {name}? It gets the next register number.").format(
            annex=annex, name=self.holder.full_name
        )
        if not ask_yes_no(self, _("Issue and print"), question):
            return
        try:
            self.issued = issue_annex(self.ctx.desk, self.file.id, self.document_language)
        except (IssueRefused, LanguageNotAllowed) as error:
            logger.info("issue refused: %s", error)
            show_error(self, _("Not issued"), _("The rules allow no annex today."), str(error))
            return
        except FormError as error:  # the commune's form overrides: nothing was issued
            logger.error("forms refused: %s", error)
            show_error(self, _("Not issued"), _(FORMS_REFUSED), str(error))
            return
        for document in self.issued:
            self.ctx.changed("document", document.id)
        self.ctx.changed("file", self.file.id)
        numbers = "\n".join(
            _("{number} – valid until {date}").format(
                number=document.number, date=day_text(document.valid_until)
            )
            if document.valid_until
            else str(document.number)
            for document in self.issued
        )
        title = _("Issued on {date}").format(date=day_text(self.ctx.desk.today()))
        show_information(self, title, _("Register number(s):") + "\n" + numbers)
        pdfs = [
            records.document_pdf(self.ctx.desk, issued_id(document)) for document in self.issued
        ]
        print_pdfs(pdfs, self, default_printer(self.ctx))
        super().accept()
