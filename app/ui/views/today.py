"""The start tab: the counter's work queues, as a mail client shows its folders: the queues
with their counts on the left (R1: due, soon due, expired, suspended; attestations ending
within the week; the deadlines the law sets on open files: decisions awaited after annex
50, information requested, transmissions waiting, first registrations waiting for the
residence check, stays ended), and the chosen queue's list filling the rest of the window.

Counts come from COUNT queries and the list reads its rows as the clerk scrolls
(:mod:`app.ui.views.queue_model`). The view hands its focus to the list: Enter or a double
click opens the holder, or the file for an attestation or a deadline."""

from __future__ import annotations

import logging

from babel.numbers import format_decimal
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.queues import Queue
from app.services.worklist import (
    COVER_GAP,
    OVERDUE,
    Day,
    WorklistRow,
    queue_counts,
    queue_page,
)
from app.ui.context import UiContext
from app.ui.documents.labels import CASE_RULES
from app.ui.i18n import N_, _, ngettext, translate_ui
from app.ui.views.formatting import (
    FILE_STATES,
    SUSPENSION_REASONS,
    locale_name,
    show_date,
    show_national_number,
    translated,
)
from app.ui.views.queue_model import Fetch, QueueModel
from app.ui.views.table import Column, RowsTable

logger = logging.getLogger(__name__)

TITLE = N_("Today")
QUEUE_LIST_MAX_WIDTH = 300


def _name(row: WorklistRow) -> str:
    return f"{row.surname}, {row.given_names}" if row.given_names else row.surname


NAME = Column(N_("Name"), _name)
NATIONAL_NUMBER = Column(
    N_("National number"),
    lambda r: r.national_number,
    lambda r: show_national_number(r.national_number),
)
CARD = Column(N_("Card"), lambda r: r.card_number)
EXPIRY = Column(N_("Expiry"), lambda r: r.permit_expiry, lambda r: show_date(r.permit_expiry))
DUE_FROM = Column(N_("Due from"), lambda r: r.due_from, lambda r: show_date(r.due_from))
REASON = Column(
    N_("Suspended because"), lambda r: r.reason, lambda r: translated(SUSPENSION_REASONS, r.reason)
)
ANNEX = Column(N_("Annex"), lambda r: r.reason)
DOCUMENT = Column(N_("Register number"), lambda r: r.document_number)
VALID_UNTIL = Column(N_("Valid until"), lambda r: r.valid_until, lambda r: show_date(r.valid_until))


def _decision_warning(row: WorklistRow) -> str:
    if row.reason == OVERDUE:
        return _("Period over: annex 47 unless a negative decision came (art. 105/3 § 5)")
    if row.reason == COVER_GAP:
        return ngettext(
            "Annex 50 can cover only until {date}, {days} day before the decision is due",
            "Annex 50 can cover only until {date}, {days} days before the decision is due",
            row.cover_gap_days,
        ).format(date=show_date(row.cover_until), days=row.cover_gap_days)
    return ""


def _request_warning(row: WorklistRow) -> str:
    return (
        _("Deadline passed: annex 48 may follow (art. 105/3 § 7)") if row.reason == OVERDUE else ""
    )


FILED_ON = Column(N_("Filed on"), lambda r: r.since, lambda r: show_date(r.since))
DECISION_DUE = Column(N_("Decision due by"), lambda r: r.deadline, lambda r: show_date(r.deadline))
COVER_UNTIL = Column(
    N_("Cover at most until"), lambda r: r.cover_until, lambda r: show_date(r.cover_until)
)
DECISION_WARNING = Column(N_("Warning"), lambda r: r.reason, _decision_warning)
REQUESTED_ON = Column(N_("Requested on"), lambda r: r.since, lambda r: show_date(r.since))
INFORMATION_DUE = Column(
    N_("Information due by"), lambda r: r.deadline, lambda r: show_date(r.deadline)
)
REQUEST_WARNING = Column(N_("Warning"), lambda r: r.reason, _request_warning)
NOTE = Column(N_("Note"), lambda r: r.note)
REGISTERED_ON = Column(N_("Annex 49 issued on"), lambda r: r.since, lambda r: show_date(r.since))
ENDED_ON = Column(N_("Stay ended on"), lambda r: r.since, lambda r: show_date(r.since))


def _file_text(row: WorklistRow) -> str:
    """The permit's latest file: open and filed (with the date), open and not yet filed, or
    closed; empty without a file."""
    if row.file_state is None:
        return ""
    if row.file_state.value == "open":
        if row.renewal_filed_on is None:
            return _("open, not filed yet")
        return _("open, filed on {date}").format(date=show_date(row.renewal_filed_on))
    return translated(FILE_STATES, row.file_state.value)


def _last_document(row: WorklistRow) -> str:
    if row.last_annex is None:
        return ""
    if row.last_annulled:
        return _("annex {annex} {number}, annulled").format(
            annex=row.last_annex.value, number=row.last_number
        )
    return _("annex {annex} {number} of {date}").format(
        annex=row.last_annex.value, number=row.last_number, date=show_date(row.last_issued_on)
    )


CASE = Column(N_("Case"), lambda r: CASE_RULES.get(r.case, "") if r.case else "")
FILE = Column(N_("File"), lambda r: r.renewal_filed_on or r.file_state, _file_text)
LAST_DOCUMENT = Column(N_("Last document"), lambda r: r.last_issued_on, _last_document)
ISSUED_ON = Column(N_("Issued on"), lambda r: r.since, lambda r: show_date(r.since))
SEND_BY = Column(N_("To send by"), lambda r: r.deadline, lambda r: show_date(r.deadline))

RENEWAL_COLUMNS = (NAME, NATIONAL_NUMBER, CASE, FILE, LAST_DOCUMENT, DUE_FROM, EXPIRY, CARD)

#: (queue, title with its count, sentence when empty, columns), in the order shown
QUEUES: tuple[tuple[Queue, str, str, tuple[Column, ...]], ...] = (
    (Queue.DUE, N_("Renewals due ({count})"), N_("Nobody is due today."), RENEWAL_COLUMNS),
    (
        Queue.SOON,
        N_("Due within 30 days ({count})"),
        N_("Nobody becomes due in the next 30 days."),
        RENEWAL_COLUMNS,
    ),
    (
        Queue.EXPIRED,
        N_("Expired without a renewal ({count})"),
        N_("No permit has expired without a renewal."),
        RENEWAL_COLUMNS,
    ),
    (
        Queue.SUSPENDED,
        N_("Renewal suspended ({count})"),
        N_("No renewal is suspended."),
        (NAME, NATIONAL_NUMBER, REASON, CASE, FILE, LAST_DOCUMENT, DUE_FROM, EXPIRY),
    ),
    (
        Queue.ATTESTATIONS_ENDING,
        N_("Attestations ending within 7 days ({count})"),
        N_("No annex 49 or 50 ends within the next 7 days."),
        (NAME, NATIONAL_NUMBER, ANNEX, DOCUMENT, VALID_UNTIL),
    ),
    (
        # R3: Law art. 61/25-5 §2, four months after the filing (art. 105/3 §3 extends)
        Queue.DECISIONS,
        N_("Decisions awaited after annex 50 ({count})"),
        N_("No renewal filed with annex 50 is waiting for the Immigration Office."),
        (NAME, NATIONAL_NUMBER, DOCUMENT, FILED_ON, DECISION_DUE, COVER_UNTIL, DECISION_WARNING),
    ),
    (
        # R3 §7 (and R5): information or documents requested, with their deadline
        Queue.INFORMATION_REQUESTS,
        N_("Information requested ({count})"),
        N_("No request for more information is open."),
        (NAME, NATIONAL_NUMBER, REQUESTED_ON, INFORMATION_DUE, REQUEST_WARNING, NOTE),
    ),
    (
        # art. 105/3 §1-2: annex 50 or 41 to send to the Immigration Office "sans délai"
        Queue.TRANSMISSIONS,
        N_("Transmissions waiting ({count})"),
        N_("Nothing is waiting to be sent to the Immigration Office."),
        (NAME, NATIONAL_NUMBER, ANNEX, DOCUMENT, ISSUED_ON, SEND_BY),
    ),
    (
        # R5: art. 105/2 §4-5, annex 49 while the residence check and the card are pending
        Queue.RESIDENCE_CHECKS,
        N_("First registrations waiting for the residence check ({count})"),
        N_("No first registration is waiting for its residence check."),
        (NAME, NATIONAL_NUMBER, DOCUMENT, REGISTERED_ON, VALID_UNTIL, COVER_UNTIL),
    ),
    (
        # art. 105/6: a decision ending the stay, notified with annex 52
        Queue.STAYS_ENDED,
        N_("Stays ended, annex 52 ({count})"),
        N_("No stay was ended in the last 60 days."),
        (NAME, NATIONAL_NUMBER, ENDED_ON),
    ),
)


_TITLES = {queue: title for queue, title, _empty, _columns in QUEUES}
_EMPTY = {queue: empty for queue, _title, empty, _columns in QUEUES}


class TodayView(QWidget):
    """The queues of :mod:`app.services.worklist` on the desk's today."""

    holder_opened = Signal(int)
    file_opened = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_view")
        self._ctx = ctx
        self.day = Day.of(ctx.desk.today())
        self.counts: dict[Queue, int] = dict.fromkeys(Queue, 0)
        self.date_label = QLabel()
        self.date_label.setObjectName("today_date")
        font = self.date_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.date_label.setFont(font)
        self.refresh_button = QPushButton()
        self.refresh_button.setObjectName("today_refresh")
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.date_label, 1)
        top.addWidget(self.refresh_button)

        self.queue_list = QListWidget()
        self.queue_list.setObjectName("today_queues")
        self.queue_list.setWordWrap(True)
        self.queue_list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.queue_list.setSpacing(2)
        for queue, *_rest in QUEUES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, queue)
            self.queue_list.addItem(item)
        self.models = {
            queue: QueueModel(columns, self) for queue, _title, _empty, columns in QUEUES
        }
        self.table = RowsTable(self.models[Queue.DUE])
        self.table.setObjectName("today_table")
        self.table.setSortingEnabled(False)  # a queue keeps the law's order
        self.table.row_opened.connect(self._open_row)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("today_empty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setWordWrap(True)
        self.empty_label.setContentsMargins(8, 8, 8, 8)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty_label)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.queue_list)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.queue = Queue.DUE
        self.queue_list.currentRowChanged.connect(self._on_queue_row)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        ctx.data_changed.connect(self._on_data_changed)
        translate_ui(self)
        self.refresh()

    @property
    def model(self) -> QueueModel:
        """The shown queue's model."""
        return self.models[self.queue]

    def refresh(self) -> None:
        """Count the queues again and read the shown queue's first page."""
        self.day = Day.of(self._ctx.desk.today())
        if self._ctx.may_read():
            self.counts = queue_counts(self._ctx.desk, self.day)
        else:  # nobody signed in: the window is covered, the lists stay empty
            self.counts = dict.fromkeys(Queue, 0)
        self._retitle()
        if self.queue_list.currentRow() < 0:
            first = next((q for q, *_rest in QUEUES if self.counts[q]), Queue.DUE)
            self.show_queue(first)
        else:
            self.show_queue(self.queue)

    def show_queue(self, queue: Queue) -> None:
        """Show ``queue``'s list (its first page), its row selected in the queue list."""
        self.queue = queue
        row = [q for q, *_rest in QUEUES].index(queue)
        if self.queue_list.currentRow() != row:
            self.queue_list.blockSignals(True)
            self.queue_list.setCurrentRow(row)
            self.queue_list.blockSignals(False)
        model = self.models[queue]
        same = self.table.model() is model
        current = self.table.currentIndex().row() if same else -1
        model.load(self.counts[queue], self._fetcher(queue))
        if not same:
            old = self.table.selectionModel()
            self.table.setModel(model)
            old.deleteLater()  # setModel gives the view a new one and keeps the old
        if 0 <= current < model.rowCount():  # a refresh keeps the clerk's place on page 1
            self.table.setCurrentIndex(model.index(current, 0))
        self._fit_columns()
        self.empty_label.setText(_(_EMPTY[queue]))
        has_rows = model.rowCount() > 0
        self.stack.setCurrentWidget(self.table if has_rows else self.empty_label)
        self.setFocusProxy(self.table if has_rows else self.queue_list)

    def _fit_columns(self) -> None:
        """Columns to their contents, the last one to the window's edge (the header forgets
        that stretch when its model changes)."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setStretchLastSection(True)

    def _fetcher(self, queue: Queue) -> Fetch:
        desk, day = self._ctx.desk, self.day
        return lambda after, limit: queue_page(desk, day, queue, after, limit)

    def _on_queue_row(self, row: int) -> None:
        if 0 <= row < len(QUEUES):
            self.show_queue(QUEUES[row][0])

    def _retitle(self) -> None:
        locale = locale_name()
        for row, (queue, *_rest) in enumerate(QUEUES):
            count = format_decimal(self.counts[queue], locale=locale)
            item = self.queue_list.item(row)
            item.setText(_(_TITLES[queue]).format(count=count))
        # As wide as its longest title, up to a quarter of a 1280-pixel screen: longer
        # titles wrap, so the list keeps the room for its columns.
        widest = self.queue_list.sizeHintForColumn(0) + 2 * self.queue_list.frameWidth() + 16
        self.queue_list.setFixedWidth(min(widest, QUEUE_LIST_MAX_WIDTH))
        self.queue_list.doItemsLayout()  # the wrapped titles' heights for the new width

    def retranslate_ui(self) -> None:
        self.date_label.setText(_("Today: {date}").format(date=show_date(self._ctx.desk.today())))
        self.refresh_button.setText(_("&Refresh"))
        self._retitle()
        self.empty_label.setText(_(_EMPTY[self.queue]))
        self.model.retranslate()
        self._fit_columns()

    def _on_data_changed(self, _entity: str, _entity_id: int) -> None:
        self.refresh()

    def _open_row(self, row: WorklistRow) -> None:
        if row.file_id is not None and (row.document_number is not None or row.queue):
            self.file_opened.emit(row.file_id)
        else:
            self.holder_opened.emit(row.holder_id)
