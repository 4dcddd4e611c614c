"""One register entry on its own (a document that belongs to no renewal file): what it is,
the stored PDF, and the same actions as on the file page."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services import records
from app.services.issuing import shown_pdf
from app.ui.context import UiContext
from app.ui.documents import actions
from app.ui.documents.labels import annex_title, document_state, short_day
from app.ui.documents.pdf_preview import PdfPreview
from app.ui.i18n import _, translate_ui

logger = logging.getLogger(__name__)


class DocumentDialog(QDialog):
    def __init__(self, ctx: UiContext, document_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("document_dialog")
        self.ctx = ctx
        self.document_id = document_id
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.preview = PdfPreview()
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for name, action in (
            ("extend", actions.extend),
            ("reprint", actions.reprint_document),
            ("annul", actions.annul),
        ):
            button = QPushButton()
            button.setObjectName(name)
            button.clicked.connect(lambda _checked=False, a=action: a(ctx, document_id, self))
            self.buttons[name] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.preview, 1)
        layout.addLayout(row)
        layout.addWidget(close)
        self.resize(760, 820)
        ctx.data_changed.connect(self._on_data_changed)
        translate_ui(self)

    def _on_data_changed(self, entity: str, entity_id: int) -> None:
        if entity == "document" and entity_id in (self.document_id, -1):
            self.retranslate_ui()

    def retranslate_ui(self) -> None:
        document = records.document(self.ctx.desk, self.document_id)
        holder = records.holder(self.ctx.desk, document.holder_id)
        state = escape(document_state(document, records.state_of(self.ctx.desk, document)))
        self.setWindowTitle(_("Document {number}").format(number=document.number))
        lines = [
            f"<b>{annex_title(document.annex.value)}</b> — {document.number}",
            escape(holder.full_name),
            _("Issued on {issued}, valid until {until}; extensions {used}/{max}. {state}").format(
                issued=short_day(document.issued_on),
                until=short_day(document.valid_until),
                used=document.extensions_used,
                max=document.max_extensions,
                state=state,
            )
            if document.annulled_on is None
            else _("Issued on {issued}. {state}").format(
                issued=short_day(document.issued_on),
                state=state,
            ),
        ]
        self.summary.setText("<br>".join(lines))
        self.buttons["extend"].setText(_("&Extend"))
        self.buttons["reprint"].setText(_("&Reprint"))
        self.buttons["annul"].setText(_("&Annul…"))
        live = document.annulled_on is None
        self.buttons["extend"].setEnabled(live)
        self.buttons["annul"].setEnabled(live)
        # An annulled entry is shown with its ANNULÉ mark, never as a valid paper.
        self.preview.set_pdf(shown_pdf(self.ctx.desk, self.document_id))
