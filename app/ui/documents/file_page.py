"""The file page: one renewal file's facts and events, its documents, and what the clerk
does next (extend, reprint, annul a document; record the Immigration Office's outcome)."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.accounts import Role
from app.domain.checklist import label_of
from app.domain.model import FileHandling, FileState, Outcome, issued_id
from app.domain.national_number import format_national_number
from app.services import records
from app.services.files import record_outcome
from app.services.handling import close_file_here, open_file_here
from app.services.issuing import extension_decision, shown_pdf
from app.ui.context import UiContext
from app.ui.documents import actions
from app.ui.documents.documents_model import DocumentRow, DocumentsModel
from app.ui.documents.labels import (
    case_title,
    day_text,
    event_detail,
    event_title,
    handed_in_text,
    moment_text,
    short_day,
    ui_language,
)
from app.ui.documents.outcome_dialog import OutcomeDialog
from app.ui.documents.pdf_preview import PdfPreview
from app.ui.i18n import _, translate_ui
from app.ui.messages import show_error
from app.ui.rights.roles import gate

logger = logging.getLogger(__name__)


class FilePage(QDialog):
    """One renewal file; stays up to date while open (listens to ``ctx.data_changed``).
    ``resume_requested`` (the file's id): the clerk goes on with it in the wizard."""

    resume_requested = Signal(int)

    def __init__(self, ctx: UiContext, file_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("file_page")
        self.ctx = ctx
        self.file_id = file_id
        self.header = QLabel()
        self.header.setWordWrap(True)
        #: Says when another counter has this file open (``app.services.handling``).
        self.elsewhere = QLabel()
        self.elsewhere.setObjectName("handled_elsewhere")
        self.elsewhere.setWordWrap(True)
        self.elsewhere.setStyleSheet("font-weight: bold")
        self.elsewhere.hide()
        self.finished.connect(lambda _result: close_file_here(self.ctx.desk, self.file_id))
        self.facts_group = QGroupBox()
        self.facts = QFormLayout(self.facts_group)
        self.facts.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.events_group = QGroupBox()
        self.events = QTreeWidget()
        self.events.setObjectName("events")
        self.events.setRootIsDecorated(False)
        self.events.setMaximumHeight(150)
        QVBoxLayout(self.events_group).addWidget(self.events)
        self.documents_group = QGroupBox()
        self.model = DocumentsModel(ctx.desk.today())
        self.table = QTableView()
        self.table.setObjectName("documents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMaximumHeight(190)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name in ("resume", "extend", "reprint", "annul", "outcome"):
            button = QPushButton()
            button.setObjectName(name)
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        self.buttons["extend"].clicked.connect(lambda: self._on_document(actions.extend))
        self.buttons["reprint"].clicked.connect(lambda: self._on_document(actions.reprint_document))
        self.buttons["annul"].clicked.connect(lambda: self._on_document(actions.annul))
        self.buttons["outcome"].clicked.connect(self.record_outcome)
        self.buttons["resume"].clicked.connect(lambda: self.resume_requested.emit(self.file_id))
        documents_layout = QVBoxLayout(self.documents_group)
        documents_layout.addWidget(self.table)
        documents_layout.addLayout(row)
        self.preview = PdfPreview()
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        widgets = (self.elsewhere, self.header, self.facts_group, self.events_group)
        for widget in (*widgets, self.documents_group):
            left_layout.addWidget(widget)
        left_layout.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close)
        self.resize(1150, 760)
        ctx.data_changed.connect(self._on_data_changed)
        translate_ui(self)

    # -- data -----------------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected_document_id()
        desk = self.ctx.desk
        self.file = records.renewal_file(desk, self.file_id)
        self.holder = records.holder(desk, self.file.holder_id)
        self._show_handling(open_file_here(desk, self.file_id))
        rows = []
        documents = records.documents_of_file(desk, self.file_id)
        states = records.document_states(desk, documents)
        for document in documents:
            person = self.holder.full_name
            if document.family_member_id is not None:
                person = records.family_member(desk, document.family_member_id).full_name
            rows.append(DocumentRow(document, person, states[issued_id(document)]))
        self.model.set_rows(rows, self.ctx.desk.today())
        self.table.resizeColumnsToContents()
        self._show_file()
        if selected is not None:
            self.select_document(selected)
        elif rows:
            self.select_document(issued_id(rows[-1].document))
        self._selection_changed()

    def _show_handling(self, handling: FileHandling | None) -> None:
        self.elsewhere.setVisible(handling is not None)
        if handling is not None:
            self.elsewhere.setText(
                _("Being handled at {counter} by {user} since {moment}.").format(
                    counter=handling.counter, user=handling.user, moment=moment_text(handling.since)
                )
            )

    def select_document(self, doc_id: int) -> None:
        row = self.model.row_of(doc_id)
        if row >= 0:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def selected_document_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.model.rowCount() else []
        return self.model.document_at(rows[0].row()).id if rows else None

    def _on_data_changed(self, entity: str, _entity_id: int) -> None:
        if entity in ("file", "document", "holder") and self.ctx.may_read():
            self.reload()

    def _selection_changed(self, *_args: object) -> None:
        doc_id = self.selected_document_id()
        document = records.document(self.ctx.desk, doc_id) if doc_id else None
        live = document is not None and document.annulled_on is None
        # Offered only when the rules allow it today; the tooltip says why not (R6).
        ahead = extension_decision(self.ctx.desk, doc_id) if live and doc_id else None
        allowed = ahead is not None and ahead.allowed
        self.buttons["extend"].setEnabled(allowed)
        self.buttons["extend"].setToolTip(
            actions.refusal_reason(ahead) if ahead is not None and not allowed else ""
        )
        gate(self.buttons["annul"], self.ctx.desk, Role.SUPERVISOR, live)  # not a clerk's
        self.buttons["reprint"].setEnabled(document is not None)
        self.buttons["outcome"].setEnabled(self.file.state is FileState.OPEN)
        # A file left before anything was issued goes on in the wizard where it stopped.
        self.buttons["resume"].setVisible(
            self.file.state is FileState.OPEN and self.model.rowCount() == 0
        )
        # An annulled entry is shown with its ANNULÉ mark, never as a valid paper.
        self.preview.set_pdf(shown_pdf(self.ctx.desk, doc_id) if doc_id else None)

    # -- actions --------------------------------------------------------------------------

    def _on_document(self, action: actions.DocumentAction) -> None:
        doc_id = self.selected_document_id()
        if doc_id is not None:
            action(self.ctx, doc_id, self)

    def record_outcome(self) -> None:
        dialog = OutcomeDialog(self.ctx.desk.today(), self, self.file.case)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        outcome: Outcome = dialog.selected()
        on = dialog.decided_on()
        try:
            record_outcome(
                self.ctx.desk, self.file_id, outcome, on, dialog.detail(), dialog.due_on()
            )
        except ValueError as error:
            show_error(self, _("Not recorded"), str(error))
            return
        self.ctx.changed("file", self.file_id)

    # -- texts ----------------------------------------------------------------------------

    def _show_file(self) -> None:
        file, holder = self.file, self.holder
        number = format_national_number(holder.national_number) if holder.national_number else ""
        state = _("open") if file.state is FileState.OPEN else _("closed")
        self.header.setText(
            f"<b>{escape(holder.full_name)}</b> {number}<br>{case_title(file.case)} — {state}"
        )
        while self.facts.rowCount():
            self.facts.removeRow(0)
        yes, no = _("yes"), _("no")
        facts = [
            (_("Opened on:"), day_text(file.opened_on)),
            (_("Renewal filed at the commune on:"), day_text(file.renewal_filed_on)),
            (
                _("Regional attestation:"),
                (
                    " ".join(
                        p
                        for p in (
                            short_day(file.regional_attestation_date),
                            file.regional_attestation_reference,
                        )
                        if p
                    )
                    or yes
                )
                if file.regional_attestation
                else "",
            ),
            (_("Work authorisation ended on:"), day_text(file.work_authorisation_ended_on)),
            (
                _("The Immigration Office has decided to end the stay"),
                (day_text(file.stay_ended_on) or yes) if file.stay_ended else "",
            ),
            (_("Decision taken:"), yes if file.decision_taken else no),
            (
                _("Missing documents:"),
                "; ".join(label_of(i, ui_language()) for i in file.missing_documents),
            ),
            (
                _("Family members on the file:"),
                "; ".join(
                    records.family_member(self.ctx.desk, i).full_name
                    for i in file.family_member_ids
                ),
            ),
            (_("Residence document handed in:"), handed_in_text(file)),
        ]
        for label, value in facts:
            if value:
                field = QLabel(value)
                field.setWordWrap(True)
                self.facts.addRow(label, field)
        self.events.clear()
        for event in file.events:
            detail = event_detail(event.kind, event.detail, event.due_on)
            QTreeWidgetItem(self.events, [short_day(event.on), event_title(event.kind), detail])
        for column in range(3):
            self.events.resizeColumnToContents(column)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Renewal file"))
        self.facts_group.setTitle(_("Facts"))
        self.events_group.setTitle(_("What happened"))
        self.documents_group.setTitle(_("Documents"))
        self.events.setHeaderLabels([_("Date"), _("Event"), _("Detail")])
        self.buttons["extend"].setText(_("&Extend"))
        self.buttons["reprint"].setText(_("&Reprint"))
        self.buttons["annul"].setText(_("&Annul…"))
        self.buttons["outcome"].setText(_("&Outcome…"))
        self.buttons["resume"].setText(_("Contin&ue the file…"))
        self.model.retranslate()
        self.reload()
