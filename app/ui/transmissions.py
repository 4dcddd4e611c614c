"""What must go to the Immigration Office "without delay" (art. 105/3 §1-2), until it is
marked sent: the application with annex 50, the copy of annex 41. A tab of the main window.

The clerk selects rows, prints a cover list for them, sends, then marks them sent (date,
channel). The rows come from :mod:`app.services.transmissions`.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.model import TransmissionRow
from app.services import transmissions
from app.ui.context import UiContext
from app.ui.documents.actions import default_printer
from app.ui.documents.labels import short_day, ui_language
from app.ui.documents.printing import print_pdf
from app.ui.documents.widgets import DateField, all_dates_taken
from app.ui.i18n import N_, _, ngettext, translate_ui
from app.ui.messages import show_error, show_information
from app.ui.qt_typed import form_label

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
COLUMNS = (N_("Register no."), N_("Annex"), N_("Holder"), N_("Issued on"), N_("Waiting since"))
CHANNEL_NAMES = {"email": N_("E-mail"), "post": N_("Post"), "platform": N_("Platform")}


class TransmissionsModel(QAbstractTableModel):
    """Pending transmissions with the days each has waited on the desk's ``today``."""

    def __init__(self, today: date) -> None:
        super().__init__()
        self._rows: list[TransmissionRow] = []
        self._today = today

    def set_rows(self, rows: list[TransmissionRow], today: date) -> None:
        self.beginResetModel()
        self._rows, self._today = rows, today
        self.endResetModel()

    def row_at(self, row: int) -> TransmissionRow:
        return self._rows[row]

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
        waiting = (self._today - row.due_on).days
        values = (
            str(row.number),
            row.annex.value,
            ", ".join(part for part in (row.surname, row.given_names) if part),
            short_day(row.issued_on),
            f"{short_day(row.due_on)} ("
            + ngettext("{count} day", "{count} days", waiting).format(count=waiting)
            + ")",
        )
        return values[index.column()]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)


class MarkSentDialog(QDialog):
    """When and how the selected rows went: a date and a channel, with an optional note."""

    def __init__(self, today: date, count: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mark_sent_dialog")
        self._count = count
        self.intro = QLabel()
        self.on = DateField("sent_on", today, not_after=today)
        self.channel = QComboBox()
        self.channel.setObjectName("channel")
        for code in CHANNEL_NAMES:
            self.channel.addItem("", code)
        self.note = QLineEdit()
        self.note.setObjectName("note")
        self.form = QFormLayout()
        for widget in (self.on, self.channel, self.note):
            self.form.addRow(QLabel(), widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        translate_ui(self)

    def accept(self) -> None:  # Qt's virtual: OK with a refused date stays open
        if all_dates_taken(self.on):
            super().accept()

    def sent_on(self) -> date:
        """The day typed (taken: the dialog was accepted)."""
        day = self.on.day()
        assert day is not None, "accept() refuses a date that is not taken"
        return day

    def channel_text(self) -> str:
        """The channel as recorded: ``email``, ``post`` or ``platform``, then the note."""
        note = self.note.text().strip()
        return f"{self.channel.currentData()}: {note}" if note else self.channel.currentData()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(_("Mark as sent"))
        self.intro.setText(
            ngettext(
                "{count} document sent to the Immigration Office.",
                "{count} documents sent to the Immigration Office.",
                self._count,
            ).format(count=self._count)
        )
        for index in range(self.channel.count()):
            self.channel.setItemText(index, _(CHANNEL_NAMES[self.channel.itemData(index)]))
        texts = {
            self.on: _("Sent on:"),
            self.channel: _("Channel:"),
            self.note: _("Note (reference, address):"),
        }
        for widget, text in texts.items():
            form_label(self.form, widget).setText(text)


class TransmissionsView(QWidget):
    """The pending transmissions; refreshes when documents change."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.setObjectName("transmissions_view")
        self.ctx = ctx
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.model = TransmissionsModel(ctx.desk.today())
        self.table = QTableView()
        self.table.setObjectName("transmissions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        # Tab leaves the table for the buttons (it would walk the cells, and never out).
        self.table.setTabKeyNavigation(False)
        self.cover_button = QPushButton()
        self.cover_button.setObjectName("print_cover_list")
        self.cover_button.clicked.connect(self.print_cover_list)
        self.sent_button = QPushButton()
        self.sent_button.setObjectName("mark_sent")
        self.sent_button.clicked.connect(self.mark_sent)
        for button in (self.cover_button, self.sent_button):
            button.setAutoDefault(True)  # Enter presses the focused button
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cover_button)
        buttons.addWidget(self.sent_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        ctx.data_changed.connect(self._on_data_changed)
        self.refresh()
        translate_ui(self)

    def refresh(self) -> None:
        rows = transmissions.pending(self.ctx.desk) if self.ctx.may_read() else []
        self.model.set_rows(rows, self.ctx.desk.today())
        self.table.resizeColumnsToContents()
        self.sent_button.setEnabled(self.model.rowCount() > 0)
        self.cover_button.setEnabled(self.model.rowCount() > 0)

    def _on_data_changed(self, entity: str, _entity_id: int) -> None:
        if entity in ("document", "transmission", "holder", "session"):
            self.refresh()

    def selected_ids(self) -> list[int]:
        """The selected rows' ids, or every row's when none is selected."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        if not rows:
            rows = list(range(self.model.rowCount()))
        return [self.model.row_at(row).id for row in rows]

    def print_cover_list(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        language = ui_language() if ui_language() in ("fr", "nl", "de") else "fr"
        pdf = transmissions.cover_list_pdf(self.ctx.desk, ids, language)
        print_pdf(pdf, self, default_printer(self.ctx))

    def mark_sent(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        dialog = MarkSentDialog(self.ctx.desk.today(), len(ids), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            marked = transmissions.mark_sent(
                self.ctx.desk, ids, dialog.sent_on(), dialog.channel_text()
            )
        except ValueError as error:
            show_error(self, _("Not recorded"), str(error))
            return
        self.ctx.changed("transmission")
        show_information(
            self,
            _("Mark as sent"),
            ngettext(
                "{count} transmission recorded as sent.",
                "{count} transmissions recorded as sent.",
                len(marked),
            ).format(count=len(marked)),
        )

    def retranslate_ui(self) -> None:
        self.intro.setText(
            _(
                "Applications with annex 50 and copies of annex 41 go to the Immigration Office "
                "without delay (art. 105/3). Select what you send (nothing selected: all), "
                "print the cover list, then mark them as sent."
            )
        )
        self.cover_button.setText(_("Print &cover list…"))
        self.sent_button.setText(_("&Mark as sent…"))
        self.model.retranslate()
        self.table.resizeColumnsToContents()  # the new language's headers and dates
