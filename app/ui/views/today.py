"""The start tab: today's working list with the counts of its lists: R1 (due, soon due,
expired, suspended), attestations ending within the week, and the deadlines the law sets on
open files (decisions awaited after annex 50, information requested, first registrations
waiting for the residence check, stays ended). Enter or a double click opens the holder, or
the file for an attestation or a deadline."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.services.worklist import COVER_GAP, OVERDUE, Worklist, WorklistRow, todays_worklist
from app.ui.context import UiContext
from app.ui.i18n import N_, _, ngettext, translate_ui
from app.ui.views.formatting import (
    SUSPENSION_REASONS,
    show_date,
    show_national_number,
    translated,
)
from app.ui.views.section import Section
from app.ui.views.table import Column

logger = logging.getLogger(__name__)

TITLE = N_("Today")
_NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


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

RENEWAL_COLUMNS = (NAME, NATIONAL_NUMBER, CARD, DUE_FROM, EXPIRY)


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

#: (attribute of Worklist, object name, title, sentence when empty, columns)
SECTIONS = (
    ("due", N_("Renewals due ({count})"), N_("Nobody is due today."), RENEWAL_COLUMNS),
    (
        "soon",
        N_("Due within 30 days ({count})"),
        N_("Nobody becomes due in the next 30 days."),
        RENEWAL_COLUMNS,
    ),
    (
        "expired",
        N_("Expired without a renewal ({count})"),
        N_("No permit has expired without a renewal."),
        RENEWAL_COLUMNS,
    ),
    (
        "suspended",
        N_("Renewal suspended ({count})"),
        N_("No renewal is suspended."),
        (NAME, NATIONAL_NUMBER, REASON, EXPIRY),
    ),
    (
        "expiring_documents",
        N_("Attestations ending within 7 days ({count})"),
        N_("No annex 49 or 50 ends within the next 7 days."),
        (NAME, NATIONAL_NUMBER, ANNEX, DOCUMENT, VALID_UNTIL),
    ),
    (
        # R3: Law art. 61/25-5 §2, four months after the filing (art. 105/3 §3 extends)
        "decisions",
        N_("Decisions awaited after annex 50 ({count})"),
        N_("No renewal filed with annex 50 is waiting for the Immigration Office."),
        (NAME, NATIONAL_NUMBER, DOCUMENT, FILED_ON, DECISION_DUE, COVER_UNTIL, DECISION_WARNING),
    ),
    (
        # R3 §7 (and R5): information or documents requested, with their deadline
        "information_requests",
        N_("Information requested ({count})"),
        N_("No request for more information is open."),
        (NAME, NATIONAL_NUMBER, REQUESTED_ON, INFORMATION_DUE, REQUEST_WARNING, NOTE),
    ),
    (
        # R5: art. 105/2 §4-5, annex 49 while the residence check and the card are pending
        "residence_checks",
        N_("First registrations waiting for the residence check ({count})"),
        N_("No first registration is waiting for its residence check."),
        (NAME, NATIONAL_NUMBER, DOCUMENT, REGISTERED_ON, VALID_UNTIL, COVER_UNTIL),
    ),
    (
        # art. 105/6: a decision ending the stay, notified with annex 52
        "stays_ended",
        N_("Stays ended, annex 52 ({count})"),
        N_("No stay was ended in the last 60 days."),
        (NAME, NATIONAL_NUMBER, ENDED_ON),
    ),
)


def _empty_height(section: Section) -> int:
    """The height of an empty list: its heading, its sentence and the margins between."""
    margins = section.contentsMargins()
    layout = section.layout()
    spacing = layout.spacing() if layout is not None else 0
    inner = layout.contentsMargins() if layout is not None else margins
    return (
        section.heading.sizeHint().height()
        + section.empty_label.sizeHint().height()
        + spacing
        + inner.top()
        + inner.bottom()
        + margins.top()
        + margins.bottom()
    )


class TodayView(QWidget):
    """The lists of :func:`app.services.worklist.todays_worklist` on the desk's today."""

    holder_opened = Signal(int)
    file_opened = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_view")
        self._ctx = ctx
        self.worklist = Worklist()
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

        self.sections: dict[str, Section] = {}
        self.splitter = splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        self._empty: frozenset[str] | None = None
        for name, title, empty, columns in SECTIONS:
            section = Section(name, title, empty, columns)
            section.row_opened.connect(self._open_row)
            self.sections[name] = section
            splitter.addWidget(section)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, self.refresh)
        ctx.data_changed.connect(self._on_data_changed)
        translate_ui(self)
        self.refresh()

    def refresh(self) -> None:
        """Read the working list again."""
        self.worklist = todays_worklist(self._ctx.desk)
        for name, section in self.sections.items():
            rows = getattr(self.worklist, name)
            section.set_rows(rows)
            # An empty list is a heading and a sentence: it leaves the room to the others.
            section.setMaximumHeight(_empty_height(section) if not rows else _NO_LIMIT)
        empty = frozenset(name for name, section in self.sections.items() if not section.count())
        if empty != self._empty:  # share the room again only when it changed hands
            self._empty = empty
            self._share_room()
        first = next((s for s in self.sections.values() if s.count()), None)
        self.setFocusProxy(first.table if first else self.refresh_button)

    def _share_room(self) -> None:
        """Empty lists at their height, the others sharing the rest alike (QSplitter
        spreads the room by these weights; an empty list's maximum height caps it)."""
        self.splitter.setSizes(
            [1000 if s.count() else _empty_height(s) for s in self.sections.values()]
        )

    def retranslate_ui(self) -> None:
        self.date_label.setText(_("Today: {date}").format(date=show_date(self._ctx.desk.today())))
        self.refresh_button.setText(_("&Refresh"))
        for section in self.sections.values():
            section.retranslate_ui()

    def _on_data_changed(self, _entity: str, _entity_id: int) -> None:
        self.refresh()

    def _open_row(self, row: WorklistRow) -> None:
        if row.file_id is not None and (row.document_number is not None or row.queue):
            self.file_opened.emit(row.file_id)
        else:
            self.holder_opened.emit(row.holder_id)
