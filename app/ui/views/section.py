"""A titled list: a heading with the number of rows, then the table, or a sentence saying
that the list is empty. Used by today's view and the holder's page."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from app.ui.i18n import _
from app.ui.views.table import Column, RowsModel, RowsTable

logger = logging.getLogger(__name__)


class Section(QWidget):
    """``title`` is an ``N_()`` message with ``{count}``; ``empty`` a sentence."""

    row_opened = Signal(object)

    def __init__(
        self,
        name: str,
        title: str,
        empty: str,
        columns: Sequence[Column],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self._title_msgid = title
        self._empty_msgid = empty
        self.heading = QLabel()
        self.heading.setObjectName(f"{name}_title")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.table = RowsTable(RowsModel(columns, self))
        self.table.setObjectName(f"{name}_table")
        self.table.row_opened.connect(self.row_opened)
        self.empty_label = QLabel()
        self.empty_label.setObjectName(f"{name}_empty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setWordWrap(True)
        self.empty_label.setContentsMargins(8, 4, 8, 4)
        self._stack = QStackedWidget()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty_label)
        self.heading.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self._stack, 1)

    @property
    def model(self) -> RowsModel:
        return self.table.rows_model()

    def count(self) -> int:
        return self.model.rowCount()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.table.set_rows(rows)
        self._stack.setCurrentWidget(self.table if rows else self.empty_label)
        # Qt takes None (nullptr) to remove the proxy; PySide6's stub only allows a QWidget.
        self.setFocusProxy(self.table if rows else None)  # type: ignore[arg-type]
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_(self._title_msgid).format(count=self.count()))
        self.empty_label.setText(_(self._empty_msgid))
        self.model.retranslate()
