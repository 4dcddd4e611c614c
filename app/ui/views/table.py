"""The one table model and table view under every list of the counter.

A :class:`RowsModel` shows a list of plain rows (dataclasses from the services) through
:class:`Column` descriptions: a translated title, the value to sort by and the text to
show. A :class:`RowsTable` sorts by clicking a header and reports the row the clerk opens
with Enter or a double click.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from app.ui.i18n import _

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex

#: The role that answers a cell's sort key (tests read it too).
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Column:
    """One column: ``title`` is an ``N_()`` message; ``key`` gives the value sorted on;
    ``text`` the shown text (``str(key(row))`` when not given)."""

    title: str
    key: Callable[[Any], Any]
    text: Callable[[Any], str] | None = None
    align_right: bool = False

    def display(self, row: Any) -> str:
        if self.text is not None:
            return self.text(row)
        value = self.key(row)
        return "" if value is None else str(value)


def _sort_key(value: Any) -> tuple[bool, Any]:
    """Empty values last; text without regard to case."""
    if isinstance(value, str):
        return (value == "", value.casefold())
    return (value is None, value if value is not None else 0)


class RowsModel(QAbstractTableModel):
    """A sortable table over a list of rows; the rows are the services' objects."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row)
        if role == SORT_ROLE:
            return column.key(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(self._columns[section].title)
        return str(section + 1)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        key = self._columns[column].key
        self.layoutAboutToBeChanged.emit()
        self._rows.sort(
            key=lambda row: _sort_key(key(row)),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        """Headers and shown texts (dates, reasons) follow a language switch."""
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._columns) - 1)
            )


class RowsTable(QTableView):
    """A read-only, sortable table; Enter or a double click opens the current row."""

    row_opened = Signal(object)

    def __init__(self, model: RowsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        # Compact rows: a clerk's list should show as many people as the screen allows.
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        # Column widths from the first rows only: measuring a 20,000-row list cell by cell
        # would hold up the window's start.
        header.setResizeContentsPrecision(50)
        self.doubleClicked.connect(self._open_index)

    def rows_model(self) -> RowsModel:
        model = self.model()
        assert isinstance(model, RowsModel)
        return model

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.rows_model().set_rows(rows)
        self.resizeColumnsToContents()

    def current_row(self) -> Any | None:
        index = self.currentIndex()
        return self.rows_model().row_at(index.row()) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's virtual
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._open_index(self.currentIndex())
            return
        super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # Qt's virtual
        # A language switch posts LanguageChange after the views set their new texts:
        # the columns fit the new headers and cells (German ones are often longer).
        if event.type() == QEvent.Type.LanguageChange:
            self.resizeColumnsToContents()
        super().changeEvent(event)

    def focusInEvent(self, event: Any) -> None:  # Qt's virtual
        # Arriving with Tab selects the first row, so Enter opens something at once.
        if not self.currentIndex().isValid() and self.rows_model().rowCount():
            self.setCurrentIndex(self.rows_model().index(0, 0))
        super().focusInEvent(event)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.row_opened.emit(self.rows_model().row_at(index.row()))
