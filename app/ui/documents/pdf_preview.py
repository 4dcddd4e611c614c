"""A PDF shown as it will print: QtPdf's view over the bytes of an annex or a cover list."""

from __future__ import annotations

import logging

from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.ui.documents.printing import load_pdf

logger = logging.getLogger(__name__)


class PdfPreview(QWidget):
    """Pages one under the other, fitted to the width (or each page whole)."""

    def __init__(self, parent: QWidget | None = None, whole_page: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self._document: QPdfDocument | None = None
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        fit = QPdfView.ZoomMode.FitInView if whole_page else QPdfView.ZoomMode.FitToWidth
        self.view.setZoomMode(fit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self._document else 0

    def set_pdf(self, pdf: bytes | None) -> None:
        """Show these bytes (None: show nothing)."""
        previous = self._document
        self._document = load_pdf(pdf, self) if pdf else None
        # Qt takes None (nullptr) to show no document; PySide6's stub requires a document.
        self.view.setDocument(self._document)  # type: ignore[arg-type]
        if previous is not None:
            previous.deleteLater()
