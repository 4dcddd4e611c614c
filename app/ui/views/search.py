"""The search tab: one field for names (any order, accents ignored), national numbers with
or without punctuation, card numbers, and register barcodes; results as the clerk types."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app.services.search import Found, SearchResult, search
from app.ui.context import UiContext
from app.ui.i18n import N_, _, ngettext, translate_ui
from app.ui.views.formatting import (
    country_name,
    show_birth_date,
    show_date,
    show_national_number,
    translated,
)
from app.ui.views.table import Column, RowsModel, RowsTable

logger = logging.getLogger(__name__)

TITLE = N_("Search")
DEBOUNCE_MS = 150

#: Where the holder's latest permit stands against R1 today (RenewalStatus).
STATUSES = {
    "not_yet_due": N_("valid"),
    "due": N_("renewal due"),
    "expired": N_("expired"),
    "suspended": N_("renewal suspended"),
}

COLUMNS = (
    Column(N_("Name"), lambda f: f.holder.full_name),
    Column(
        N_("Birth date"),
        lambda f: f.holder.birth_date,
        lambda f: show_birth_date(f.holder.birth_date, f.holder.birth_date_partial),
    ),
    Column(
        N_("Nationality"),
        lambda f: country_name(f.holder.nationality) if f.holder.nationality else "",
    ),
    Column(
        N_("National number"),
        lambda f: f.holder.national_number,
        lambda f: show_national_number(f.holder.national_number),
    ),
    Column(N_("Card"), lambda f: f.card_number),
    Column(N_("Expiry"), lambda f: f.expiry, lambda f: show_date(f.expiry)),
    Column(
        N_("Status"),
        lambda f: f.status.value if f.status else "",
        lambda f: translated(STATUSES, f.status.value) if f.status else "",
    ),
)


class SearchView(QWidget):
    """Type to search; Enter opens the holder (or the file of a scanned document)."""

    holder_opened = Signal(int)
    file_opened = Signal(int)
    document_opened = Signal(int)
    searched = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("search_view")
        self._ctx = ctx
        self.result = SearchResult()
        self._text = ""
        self.label = QLabel()
        self.field = QLineEdit()
        self.field.setObjectName("search_field")
        self.field.setClearButtonEnabled(True)
        self.label.setBuddy(self.field)
        self.status = QLabel()
        self.status.setObjectName("search_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.table = RowsTable(RowsModel(COLUMNS, self))
        self.table.setObjectName("search_results")
        self.table.row_opened.connect(self._open_found)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.field)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.field.textEdited.connect(lambda _text: self._timer.start())
        self.field.returnPressed.connect(self._on_return)
        self.field.installEventFilter(self)
        ctx.data_changed.connect(
            lambda *_args: self.run_search() if self._text and ctx.may_read() else None
        )
        translate_ui(self)

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run_search(self) -> None:
        """Search for the field's text now."""
        self._timer.stop()
        self._text = self.field.text().strip()
        self.result = search(self._ctx.desk, self._text) if self._text else SearchResult()
        self.table.set_rows(self.result.found)
        self._show_status()
        self.searched.emit(self._text)

    def retranslate_ui(self) -> None:
        self.label.setText(_("&Find a holder:"))
        self.field.setPlaceholderText(
            _("Name, national number, card number or scanned register number")
        )
        self.table.rows_model().retranslate()
        self._show_status()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's virtual
        if (
            watched is self.field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.table.rows_model().rowCount()
        ):
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            self.table.setCurrentIndex(self.table.rows_model().index(0, 0))
            return True
        return super().eventFilter(watched, event)

    def _on_return(self) -> None:
        if self._timer.isActive() or self.field.text().strip() != self._text:
            self.run_search()
        document = self.result.document
        if document is not None:
            if document.file_id is not None:
                self.file_opened.emit(document.file_id)
            else:
                self.document_opened.emit(document.id)
            return
        if len(self.result.holders) == 1:
            self.holder_opened.emit(self.result.holders[0].id)
        elif self.result.holders:
            self.table.setFocus(Qt.FocusReason.TabFocusReason)
            self.table.setCurrentIndex(self.table.rows_model().index(0, 0))

    def _open_found(self, found: Found) -> None:
        if found.holder.id is not None:
            self.holder_opened.emit(found.holder.id)

    def _show_status(self) -> None:
        count = len(self.result.holders)
        if not self._text:
            text = _("Type at least part of a name or number. Press Enter to open the holder.")
        elif self.result.document is not None:
            text = _("Register number {number}: press Enter to open its file.").format(
                number=self.result.document.number
            )
        elif count == 0:
            text = _("Nobody found for “{text}”.").format(text=self._text)
        else:
            text = ngettext("{count} holder found.", "{count} holders found.", count).format(
                count=count
            )
        self.status.setText(text)
