"""A table model over one work queue that reads its rows as the clerk scrolls.

The queue's size comes from a COUNT query; the model holds the rows read so far and asks
for the next page (``fetch(after, limit)``, ``after`` the last row's key) when the view
reaches the end (Qt's ``canFetchMore``/``fetchMore``). A queue of 400,000 permits costs
what its first screen does.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from app.ui.views.table import Column, RowsModel

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
#: fetch(after, limit): up to ``limit`` rows following the row whose key is ``after``.
Fetch = Callable[[tuple[Any, ...] | None, int], list[Any]]

#: Rows read at a time: more than a maximised window shows.
PAGE = 100


class QueueModel(RowsModel):
    """The rows of one queue, in the queue's own order (the SQL's: no sorting here)."""

    def __init__(self, columns: Sequence[Column], parent: QObject | None = None) -> None:
        super().__init__(columns, parent)
        self._total = 0
        self._fetch: Fetch | None = None

    def load(self, total: int, fetch: Fetch) -> None:
        """Start again on a queue of ``total`` rows: its first page only."""
        self.beginResetModel()
        self._total = total
        self._fetch = fetch
        self._rows = fetch(None, PAGE) if total else []
        self.endResetModel()

    def total(self) -> int:
        return self._total

    def canFetchMore(self, parent: Index) -> bool:  # Qt's virtual
        return not parent.isValid() and self._fetch is not None and len(self._rows) < self._total

    def fetchMore(self, parent: Index) -> None:  # Qt's virtual
        if parent.isValid() or self._fetch is None or not self._rows:
            return
        page = self._fetch(self._rows[-1].key, PAGE)
        if not page:  # the queue shrank since it was counted
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A queue keeps its order (the law's: oldest deadline first)."""
