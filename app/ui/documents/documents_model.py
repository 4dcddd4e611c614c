"""The documents of a file as a table model: number, annex, person, dates, extensions, state."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.domain.document_state import DocumentState
from app.domain.model import IssuedDocument
from app.ui.documents.labels import document_state, short_day
from app.ui.i18n import N_, _

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    N_("Register no."),
    N_("Annex"),
    N_("Issued to"),
    N_("Issued on"),
    N_("Valid until"),
    N_("Extensions"),
    N_("State"),
)


@dataclass(frozen=True)
class DocumentRow:
    document: IssuedDocument
    person: str  # the holder's or the family member's name
    state: DocumentState  # today's, as the services computed it


class DocumentsModel(QAbstractTableModel):
    """Rows are handed in by the view; the model only shows them."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self._rows: list[DocumentRow] = []
        self._today = today

    def set_rows(self, rows: list[DocumentRow], today: date) -> None:
        self.beginResetModel()
        self._rows, self._today = rows, today
        self.endResetModel()

    def document_at(self, row: int) -> IssuedDocument:
        return self._rows[row].document

    def row_of(self, doc_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.document.id == doc_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        document = row.document
        values = (
            str(document.number),
            document.annex.value,
            row.person,
            short_day(document.issued_on),
            "" if document.annulled_on else short_day(document.valid_until),  # valid no more
            f"{document.extensions_used}/{document.max_extensions}",
            document_state(document, row.state),
        )
        return values[index.column()]

    def retranslate(self) -> None:
        """Headers and dates in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
