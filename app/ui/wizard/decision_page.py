"""Wizard page 4: the domain's decision on the saved file, and the document's language.

Which annex, valid until when, how many extensions, and why (each finding with its rule
number, in the interface language). When the rules allow nothing, the page says why and
the wizard cannot go on to issuing.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from app.domain.assess import FactsError
from app.domain.checklist import label_of
from app.domain.model import Language
from app.ui.documents.labels import (
    DOCUMENT_LANGUAGES,
    annex_title,
    day_text,
    findings_html,
    ui_language,
)
from app.ui.i18n import _, ngettext, translate_ui
from app.ui.qt_typed import form_label
from app.ui.wizard.checklist_page import is_legal
from app.ui.wizard.state import RenewalState

logger = logging.getLogger(__name__)


def wrapped_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


class DecisionPage(QWizardPage):
    def __init__(self, wizard: RenewalState) -> None:
        super().__init__()
        self.setObjectName("decision_page")
        self._wizard = wizard
        self._error = ""
        self.verdict = wrapped_label("verdict")
        self.annex = wrapped_label("annex")
        self.valid_until = wrapped_label("valid_until")
        self.extensions = wrapped_label("extensions")
        self.copies = wrapped_label("copies")
        self.missing_label = wrapped_label("missing")
        self.details = QFormLayout()
        for widget in (
            self.annex,
            self.valid_until,
            self.extensions,
            self.copies,
            self.missing_label,
        ):
            self.details.addRow(QLabel(), widget)
        self.why_group = QGroupBox()
        self.explanation = wrapped_label("explanation")
        self.explanation.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        QVBoxLayout(self.why_group).addWidget(self.explanation)
        self.language = QComboBox()
        self.language.setObjectName("document_language")
        self.language_form = QFormLayout()
        self.language_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.language_form.addRow(QLabel(), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.verdict)
        layout.addLayout(self.details)
        layout.addWidget(self.why_group)
        layout.addStretch(1)
        layout.addLayout(self.language_form)
        self._fill_languages()
        translate_ui(self)

    def _fill_languages(self) -> None:
        allowed = self._wizard.ctx.desk.commune().languages
        for code in allowed:
            self.language.addItem("", code.value)
        preferred = self._wizard.holder.language
        if preferred in allowed:
            self.language.setCurrentIndex(allowed.index(preferred))

    def first_field(self) -> QWidget:
        return self.language

    def document_language(self) -> Language:
        return Language(self.language.currentData())

    def initializePage(self) -> None:  # Qt's virtual
        self._error = ""
        try:
            self._wizard.save_and_assess()
        except FactsError as error:
            logger.info("facts refused: %s", error)
            self._wizard.assessment = None
            self._error = str(error)
        self.retranslate_ui()
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt's virtual: "Next" only when an annex may be issued
        assessment = self._wizard.assessment
        return assessment is not None and assessment.grant is not None

    def retranslate_ui(self) -> None:
        self.setTitle(_("Decision"))
        self.setSubTitle(_("What the rules allow today on this file."))
        self.why_group.setTitle(_("Why"))
        form_label(self.language_form, self.language).setText(_("Language of the document:"))
        for index in range(self.language.count()):
            code = self.language.itemData(index)
            self.language.setItemText(index, _(DOCUMENT_LANGUAGES[code]))
        labels = {
            self.annex: _("Annex:"),
            self.valid_until: _("Valid until:"),
            self.extensions: _("Extensions:"),
            self.copies: _("Copies:"),
            self.missing_label: _("Missing documents:"),
        }
        for widget, text in labels.items():
            form_label(self.details, widget).setText(text)
        self._show_assessment()

    def _set_row(self, widget: QLabel, text: str) -> None:
        widget.setText(text)
        self.details.setRowVisible(widget, bool(text))

    def _show_assessment(self) -> None:
        assessment = self._wizard.assessment
        granted = assessment is not None and assessment.grant is not None
        self.language_form.setRowVisible(self.language, granted)
        if assessment is None:
            self.verdict.setText(_("No decision yet") if not self._error else _("Facts to correct"))
            self.explanation.setText(escape(self._error))
            for widget in (
                self.annex,
                self.valid_until,
                self.extensions,
                self.copies,
                self.missing_label,
            ):
                self._set_row(widget, "")
            return
        grant = assessment.grant
        if grant is None:
            self.verdict.setText(_("No annex can be issued today"))
        else:
            self.verdict.setText(_("Annex {number} may be issued").format(number=grant.annex.value))
        # green: an attestation; amber: annex 41 (not taken into consideration); red: nothing
        colour = (
            "#a40000" if grant is None else "#8a5a00" if grant.annex.value == "41" else "#1a6b1a"
        )
        self.verdict.setStyleSheet(f"font-size: 14pt; font-weight: bold; color: {colour};")
        self._set_row(self.annex, annex_title(grant.annex.value) if grant else "")
        self._set_row(self.valid_until, day_text(grant.valid_until) if grant else "")
        extensions = ""
        if grant and grant.max_extensions:
            extensions = ngettext(
                "up to {count} extension of {days} days",
                "up to {count} extensions of {days} days each",
                grant.max_extensions,
            ).format(count=grant.max_extensions, days=grant.extension_days)
        elif grant:
            extensions = _("cannot be extended")
        self._set_row(self.extensions, extensions)
        copies = ""
        file = self._wizard.file
        if grant and grant.annex.value == "51" and file and file.family_member_ids:
            names = [m.full_name for m in self._wizard.family if m.id in file.family_member_ids]
            copies = _("one for the holder and one for each family member: {names}").format(
                names="; ".join(names)
            )
        self._set_row(self.copies, copies)
        language = ui_language()
        required = _("required by law")
        missing = [
            label_of(i, language) + (f" ({required})" if is_legal(i) else "")
            for i in (file.missing_documents if file else ())
        ]
        self._set_row(self.missing_label, "; ".join(missing))
        self.explanation.setText(findings_html(assessment.findings, language))
