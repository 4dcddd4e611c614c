"""Tools > Audit trail… (supervisors and administrators): the log's rows, newest first, as
sentences (:mod:`app.ui.security.audit_sentences`), filtered by holder, user and days, and
whether the hash chain is intact."""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import audit
from app.services.audit import AuditEntry
from app.services.auth import NotAllowed
from app.ui.context import UiContext
from app.ui.documents.labels import moment_text
from app.ui.documents.widgets import DateField
from app.ui.i18n import N_, _, translate_ui
from app.ui.rights.texts import not_allowed_text
from app.ui.security.audit_sentences import Subjects, sentence

logger = logging.getLogger(__name__)

HEADERS = (N_("Time"), N_("What happened"))
Index = QModelIndex | QPersistentModelIndex


class AuditModel(QAbstractTableModel):
    """The entries the view shows; the view holds none of them."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[AuditEntry] = []
        self.subjects: Subjects = {}

    def set_rows(self, rows: list[AuditEntry], subjects: Subjects) -> None:
        self.beginResetModel()
        self.rows, self.subjects = rows, subjects
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        entry = self.rows[index.row()]
        if index.column() == 0:
            return moment_text(entry.at)
        return sentence(entry, self.subjects)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 1))


class AuditDialog(QDialog):
    """Filters above, the table, the chain's state below."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("audit_dialog")
        self.ctx = ctx
        self.holder = QLineEdit()
        self.holder.setObjectName("holder_filter")
        self.holder.setValidator(QIntValidator(1, 2_000_000_000, self))
        self.user = QLineEdit()
        self.user.setObjectName("user_filter")
        today = ctx.desk.today()
        self.use_since, self.use_until = QCheckBox(), QCheckBox()
        self.use_since.setObjectName("use_since")
        self.use_until.setObjectName("use_until")
        self.since = DateField("since", today - timedelta(days=30), required=False, words=False)
        self.until = DateField("until", today, required=False, words=False)
        self.holder_label, self.user_label = QLabel(), QLabel()
        self.holder_label.setBuddy(self.holder)
        self.user_label.setBuddy(self.user)
        filters = QHBoxLayout()
        for widget in (
            self.holder_label,
            self.holder,
            self.user_label,
            self.user,
            self.use_since,
            self.since,
            self.use_until,
            self.until,
        ):
            filters.addWidget(widget)
        for box in (self.since, self.until):
            box.edit.editingFinished.connect(self.refresh)
        for check in (self.use_since, self.use_until):
            check.toggled.connect(lambda _on: self.refresh())
        for line in (self.holder, self.user):
            line.textChanged.connect(lambda _text: self.refresh())
        self.model = AuditModel()
        self.table = QTableView()
        self.table.setObjectName("audit_entries")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.chain = QLabel()
        self.chain.setObjectName("chain_status")
        self.chain.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chain)
        layout.addWidget(close)
        self.resize(1000, 600)
        translate_ui(self)

    def _day(self, check: QCheckBox, box: DateField) -> date | None:
        return box.day() if check.isChecked() else None

    def refresh(self) -> None:
        holder = self.holder.text().strip()
        try:
            rows = audit.entries(
                self.ctx.desk,
                holder_id=int(holder) if holder else None,
                user=self.user.text().strip() or None,
                since=self._day(self.use_since, self.since),
                until=self._day(self.use_until, self.until),
            )
        except NotAllowed as error:
            self.model.set_rows([], {})
            self.chain.setText(not_allowed_text(error))
            return
        self.model.set_rows(rows, audit.subjects(self.ctx.desk, rows))
        self.table.resizeColumnsToContents()
        problems = audit.chain_problems(self.ctx.desk)
        self.chain.setStyleSheet("" if not problems else "color: #b00020;")
        self.chain.setText(
            _("Audit chain intact.")
            if not problems
            else _("The audit chain is broken: {problem}. Tell your IT support.").format(
                problem=problems[0]
            )
        )

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Audit trail"))
        self.holder_label.setText(_("&Holder no.:"))
        self.user_label.setText(_("&User:"))
        self.use_since.setText(_("&From"))
        self.use_until.setText(_("&To"))
        self.model.retranslate()
        self.refresh()
