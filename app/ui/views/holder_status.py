"""The holder page's status line: what applies to the holder today, in one sentence per
fact — the case proposed, since when the renewal is due (the Today queues' rule), the open
file and its next deadline, the current document and its validity."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.queues import Queue
from app.services.desk import Desk
from app.services.standing import (
    ATTESTATION_ENDS,
    DECISION_DUE,
    INFORMATION_DUE,
    Standing,
    holder_standing,
)
from app.ui.documents.labels import CASE_NAMES, CASE_RULES
from app.ui.i18n import N_, _, translate_ui
from app.ui.views.formatting import SUSPENSION_REASONS, show_date, translated

logger = logging.getLogger(__name__)

_DEADLINES = {
    ATTESTATION_ENDS: N_("the attestation ends"),
    DECISION_DUE: N_("the decision is due"),
    INFORMATION_DUE: N_("the information is due"),
}


def status_parts(standing: Standing) -> list[str]:
    """The line's sentences, in the interface language."""
    parts = [
        _("Case {rule} ({name})").format(
            rule=CASE_RULES[standing.case], name=_(CASE_NAMES[standing.case])
        )
    ]
    due = show_date(standing.due_from)
    if standing.queue is Queue.DUE:
        parts.append(_("renewal due since {date}").format(date=due))
    elif standing.queue is Queue.EXPIRED:
        parts.append(_("permit expired, renewal due since {date}").format(date=due))
    elif standing.queue is Queue.SUSPENDED:
        parts.append(
            _("renewal due since {date}, suspended: {reason}").format(
                date=due, reason=translated(SUSPENSION_REASONS, standing.suspension)
            )
        )
    elif standing.queue is Queue.SOON:
        parts.append(_("renewal due from {date}").format(date=due))
    if standing.file_id is None:
        parts.append(_("no open file"))
    elif standing.deadline is not None:
        parts.append(
            _("file open since {opened}, next deadline {date}: {what}").format(
                opened=show_date(standing.file_opened_on),
                date=show_date(standing.deadline),
                what=translated(_DEADLINES, standing.deadline_kind),
            )
        )
    else:
        parts.append(
            _("file open since {opened}").format(opened=show_date(standing.file_opened_on))
        )
    if standing.document_annex is None:
        parts.append(_("no document issued"))
    elif standing.document_valid_until is None:
        parts.append(
            _("current document: annex {annex} {number}").format(
                annex=standing.document_annex.value, number=standing.document_number
            )
        )
    else:
        parts.append(
            _("current document: annex {annex} {number}, valid until {date}").format(
                annex=standing.document_annex.value,
                number=standing.document_number,
                date=show_date(standing.document_valid_until),
            )
        )
    return parts


class HolderStatusLine(QLabel):
    """One line (wrapped when narrow) under the holder's name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("holder_status")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setFrameShape(QLabel.Shape.StyledPanel)
        self.setMargin(4)
        self._standing: Standing | None = None
        translate_ui(self)

    def show_holder(self, desk: Desk, holder_id: int) -> None:
        self._standing = holder_standing(desk, holder_id)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setText(" · ".join(status_parts(self._standing)) if self._standing else "")
