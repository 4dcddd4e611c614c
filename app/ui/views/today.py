"""The start tab: today's working list (R1 and open attestations), five lists with their
counts. Enter or a double click opens the holder, or the file for an attestation."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from app.services.worklist import Worklist, WorklistRow, todays_worklist
from app.ui.context import UiContext
from app.ui.i18n import N_, _, translate_ui
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
)


class TodayView(QWidget):
    """Five lists from :func:`app.services.worklist.todays_worklist` on the desk's today."""

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
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
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
            section.set_rows(getattr(self.worklist, name))
        first = next((s for s in self.sections.values() if s.count()), None)
        self.setFocusProxy(first.table if first else self.refresh_button)

    def retranslate_ui(self) -> None:
        self.date_label.setText(_("Today: {date}").format(date=show_date(self._ctx.desk.today())))
        self.refresh_button.setText(_("&Refresh"))
        for section in self.sections.values():
            section.retranslate_ui()

    def _on_data_changed(self, _entity: str, _entity_id: int) -> None:
        self.refresh()

    def _open_row(self, row: WorklistRow) -> None:
        if row.document_number is not None and row.file_id is not None:
            self.file_opened.emit(row.file_id)
        else:
            self.holder_opened.emit(row.holder_id)
