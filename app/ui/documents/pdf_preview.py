"""A PDF shown as it will print: QtPdf's view over the bytes of an annex or a cover list,
with a bar to fit the width or the whole page, zoom and page through.

Every control is reachable by Tab and has a shortcut while the preview has the focus
(Ctrl++ and Ctrl+- zoom, Ctrl+Page Up/Down page, Page Up/Down and the arrows scroll the
view itself), so the clerk reads an annex without the mouse.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from app.ui.documents.printing import load_pdf
from app.ui.i18n import _, translate_ui

logger = logging.getLogger(__name__)

ZOOM_STEP = 1.25
MIN_ZOOM, MAX_ZOOM = 0.25, 6.0


class PdfPreview(QWidget):
    """Pages one under the other, fitted to the width (or each page whole), with zoom."""

    def __init__(self, parent: QWidget | None = None, whole_page: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self._document: QPdfDocument | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.fit_width = self._button("fit_width", checkable=True)
        self.fit_page = self._button("fit_page", checkable=True)
        fits = QButtonGroup(self)
        fits.setExclusive(False)  # zooming by hand unchecks both
        for button, mode in (
            (self.fit_width, QPdfView.ZoomMode.FitToWidth),
            (self.fit_page, QPdfView.ZoomMode.FitInView),
        ):
            button.clicked.connect(lambda _on=False, mode=mode: self.set_zoom_mode(mode))
        self.zoom_out_button = self._button("zoom_out", "−")
        self.zoom_in_button = self._button("zoom_in", "+")
        self.previous_button = self._button("previous_page", "◀")
        self.next_button = self._button("next_page", "▶")
        self.zoom_out_button.clicked.connect(self.zoom_out)
        self.zoom_in_button.clicked.connect(self.zoom_in)
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page - 1))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page + 1))
        self.page_label = QLabel()
        self.page_label.setObjectName("page_label")
        self.shortcuts = {
            self.zoom_in_button: QKeySequence(QKeySequence.StandardKey.ZoomIn),
            self.zoom_out_button: QKeySequence(QKeySequence.StandardKey.ZoomOut),
            self.previous_button: QKeySequence("Ctrl+PgUp"),
            self.next_button: QKeySequence("Ctrl+PgDown"),
        }
        for button, keys in self.shortcuts.items():
            shortcut = QShortcut(keys, self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(button.click)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.fit_width,
            self.fit_page,
            self.zoom_out_button,
            self.zoom_in_button,
            self.previous_button,
            self.page_label,
            self.next_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.view.pageNavigator().currentPageChanged.connect(lambda _page: self._show_page())
        self.set_zoom_mode(
            QPdfView.ZoomMode.FitInView if whole_page else QPdfView.ZoomMode.FitToWidth
        )
        translate_ui(self)

    def _button(self, name: str, text: str = "", checkable: bool = False) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setText(text)
        button.setCheckable(checkable)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setAutoRaise(True)
        return button

    @property
    def page_count(self) -> int:
        return self._document.pageCount() if self._document else 0

    @property
    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def set_pdf(self, pdf: bytes | None) -> None:
        """Show these bytes (None: show nothing)."""
        previous = self._document
        self._document = load_pdf(pdf, self) if pdf else None
        # Qt takes None (nullptr) to show no document; PySide6's stub requires a document.
        self.view.setDocument(self._document)  # type: ignore[arg-type]
        if previous is not None:
            previous.deleteLater()
        self._show_page()

    def set_zoom_mode(self, mode: QPdfView.ZoomMode) -> None:
        self.view.setZoomMode(mode)
        self.fit_width.setChecked(mode is QPdfView.ZoomMode.FitToWidth)
        self.fit_page.setChecked(mode is QPdfView.ZoomMode.FitInView)

    def zoom_in(self) -> None:
        self._zoom_to(self.zoom_factor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom_to(self.zoom_factor() / ZOOM_STEP)

    def zoom_factor(self) -> float:
        """The scale the pages are shown at, also while fitted (Qt reports 1 then)."""
        if self.view.zoomMode() is QPdfView.ZoomMode.Custom or self._document is None:
            return self.view.zoomFactor()
        points = self._document.pagePointSize(max(self.current_page, 0))
        if points.width() <= 0 or points.height() <= 0:
            return 1.0
        scale = self.logicalDpiX() / 72
        margins = 2 * self.view.documentMargins().left()
        width = (self.view.viewport().width() - margins) / (points.width() * scale)
        if self.view.zoomMode() is QPdfView.ZoomMode.FitToWidth:
            return width
        height = (self.view.viewport().height() - margins) / (points.height() * scale)
        return min(width, height)

    def _zoom_to(self, factor: float) -> None:
        self.view.setZoomFactor(min(max(factor, MIN_ZOOM), MAX_ZOOM))
        self.set_zoom_mode(QPdfView.ZoomMode.Custom)

    def go_to_page(self, page: int) -> None:
        if 0 <= page < self.page_count:
            self.view.pageNavigator().jump(page, QPointF(), 0)  # 0: keep the zoom

    def _show_page(self) -> None:
        count = self.page_count
        page = min(max(self.current_page, 0), max(count - 1, 0))
        self.page_label.setText(
            _("Page {page} of {count}").format(page=page + 1, count=count) if count else ""
        )
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page + 1 < count)
        for button in (self.fit_width, self.fit_page, self.zoom_in_button, self.zoom_out_button):
            button.setEnabled(count > 0)

    def retranslate_ui(self) -> None:
        self.fit_width.setText(_("Fit width"))
        self.fit_page.setText(_("Whole page"))
        tips = {
            self.zoom_in_button: _("Zoom in"),
            self.zoom_out_button: _("Zoom out"),
            self.previous_button: _("Previous page"),
            self.next_button: _("Next page"),
        }
        for button, tip in tips.items():
            keys = self.shortcuts[button].toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{tip} ({keys})")
            button.setAccessibleName(tip)
        self._show_page()
