"""What a register entry is worth today: valid, extended, lapsed, annulled or superseded.

One rule for every screen and command that shows a document's state (the holder's page,
the file page, ``permitdesk document list``):

- **annulled** (annulé, nietig, ungültig): annulled by a supervisor, whatever else holds;
- **superseded** by an outcome: the file was closed by an outcome (approval, annex 46;
  tacit approval, annex 47; refusal, annex 48; the single permit handed over; the stay
  ended, annex 52) while the attestation still covered the holder: the decision, not the
  attestation, now says where the holder stands;
- **lapsed**: its last valid day (``valid_until``, included: R6) is before today;
- **extended**: still valid, on an extension (prorogé, verlengd, verlängert: R6);
- **valid**: still valid as issued. An annex 41 (no end date) stays valid until one of the
  above.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from app.domain.model import FileEvent, IssuedDocument, Outcome

_CLOSING = frozenset(outcome.value for outcome in Outcome if outcome.closes_file)


class DocumentState(StrEnum):
    VALID = "valid"
    EXTENDED = "extended"
    LAPSED = "lapsed"
    ANNULLED = "annulled"
    SUPERSEDED = "superseded"


def document_state(
    document: IssuedDocument, today: date, closed_on: date | None = None
) -> DocumentState:
    """The state of ``document`` on ``today``; ``closed_on`` is the day an outcome closed
    its file (:func:`closed_by_outcome_on`), None while the file is open or for an entry
    without a file. An attestation that had already lapsed when the file was closed stays
    lapsed: the outcome superseded nothing."""
    if document.annulled_on is not None:
        return DocumentState.ANNULLED
    covered = document.valid_until is None or (
        closed_on is not None and closed_on <= document.valid_until
    )
    if closed_on is not None and closed_on <= today and covered:
        return DocumentState.SUPERSEDED
    if document.valid_until is not None and document.valid_until < today:
        return DocumentState.LAPSED
    if document.extensions_used > 0:
        return DocumentState.EXTENDED
    return DocumentState.VALID


def closed_by_outcome_on(events: Iterable[FileEvent]) -> date | None:
    """The day of the first outcome that closed the file (``outcome:<value>`` events), or
    None when no outcome closed it."""
    for event in events:
        kind, _sep, value = event.kind.partition(":")
        if kind == "outcome" and value in _CLOSING:
            return event.on
    return None
