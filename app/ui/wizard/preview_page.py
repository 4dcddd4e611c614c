"""Wizard page 5: the annex as it will print (no register number yet), then "Issue and print"."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.services.forms import FormError
from app.services.issuing import IssueRefused, LanguageNotAllowed, preview_annex
from app.ui.documents.pdf_preview import PdfPreview
from app.ui.i18n import _, translate_ui
from app.ui.wizard.state import RenewalState

logger = logging.getLogger(__name__)


class PreviewPage(QWizardPage):
    def __init__(self, wizard: RenewalState) -> None:
        super().__init__()
        self.setObjectName("preview_page")
        self._wizard = wizard
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.preview = PdfPreview(self, whole_page=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.preview, 1)
        self.setFinalPage(True)
        translate_ui(self)

    def first_field(self) -> QWidget:
        """ "Issue and print": Enter issues (the preview keeps Enter for itself)."""
        wizard = self.wizard()
        if wizard is None:
            return self.preview
        return wizard.button(QWizard.WizardButton.FinishButton)

    def initializePage(self) -> None:  # Qt's virtual
        file = self._wizard.file
        assert file is not None and file.id is not None
        try:
            pdf = preview_annex(self._wizard.ctx.desk, file.id, self._wizard.document_language)
        except (IssueRefused, LanguageNotAllowed, FormError) as error:
            logger.warning("no preview: %s", error)
            pdf = None
        self.preview.set_pdf(pdf)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setTitle(_("Preview"))
        self.setSubTitle(_("Check the document with the holder before issuing it."))
        note = _("The register number is given when you issue; the printed copy carries it.")
        file = self._wizard.file
        if file is not None and file.family_member_ids and self._issues_annex51():
            note += " " + _("Each family member on the file gets the same annex 51 too.")
        self.note.setText(note)

    def _issues_annex51(self) -> bool:
        assessment = self._wizard.assessment
        return (
            assessment is not None
            and assessment.annex is not None
            and (assessment.annex.value == "51")
        )
