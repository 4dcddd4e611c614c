"""A document's state on one day (issue 12): valid, extended, lapsed, annulled, superseded
by the outcome that closed its file, with the edges of each."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.document_state import DocumentState, closed_by_outcome_on, document_state
from app.domain.model import Annex, FileEvent, IssuedDocument, Language, RegisterNumber

END = date(2026, 12, 23)  # the attestation's last valid day
ANNEX49 = IssuedDocument(
    number=RegisterNumber(2026, 1),
    annex=Annex.A49,
    language=Language.FR,
    holder_id=1,
    issued_on=date(2026, 11, 23),
    issued_by="clerk",
    sha256="0" * 64,
    valid_until=END,
    max_extensions=2,
    extension_days=30,
    file_id=1,
    id=1,
)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2026, 11, 23), DocumentState.VALID),  # the day of issue
        (END, DocumentState.VALID),  # the day of expiry is still covered (R6)
        (date(2026, 12, 24), DocumentState.LAPSED),  # the day after
    ],
)
def test_valid_up_to_and_including_its_last_day(today: date, expected: DocumentState) -> None:
    assert document_state(ANNEX49, today) is expected


def test_an_extension_is_extended_until_it_lapses_in_turn() -> None:
    extended = replace(ANNEX49, valid_until=date(2027, 1, 22), extensions_used=1, version=1)
    assert document_state(extended, END) is DocumentState.EXTENDED
    assert document_state(extended, date(2027, 1, 22)) is DocumentState.EXTENDED
    assert document_state(extended, date(2027, 1, 23)) is DocumentState.LAPSED


def test_an_annulment_wins_over_everything() -> None:
    annulled = replace(ANNEX49, annulled_on=date(2026, 11, 24), annulled_reason="misprint")
    assert document_state(annulled, date(2026, 11, 24)) is DocumentState.ANNULLED
    assert document_state(annulled, date(2027, 6, 1)) is DocumentState.ANNULLED  # lapsed too
    extended = replace(annulled, extensions_used=1)
    assert document_state(extended, END, closed_on=END) is DocumentState.ANNULLED


def test_a_closing_outcome_supersedes_a_covering_attestation() -> None:
    assert document_state(ANNEX49, END, closed_on=END) is DocumentState.SUPERSEDED
    assert document_state(ANNEX49, date(2027, 3, 1), END) is DocumentState.SUPERSEDED
    extended = replace(ANNEX49, extensions_used=1)
    assert document_state(extended, END, closed_on=END) is DocumentState.SUPERSEDED
    # An outcome dated after today (not yet recorded as such) supersedes nothing yet.
    assert document_state(ANNEX49, date(2026, 12, 1), END) is DocumentState.VALID


def test_an_attestation_lapsed_before_the_outcome_stays_lapsed() -> None:
    after = date(2026, 12, 24)  # the day after the last valid day
    assert document_state(ANNEX49, date(2027, 1, 5), closed_on=after) is DocumentState.LAPSED


def test_an_annex_41_has_no_end_date_and_is_superseded_by_any_closing_outcome() -> None:
    annex41 = replace(ANNEX49, annex=Annex.A41, valid_until=None, max_extensions=0)
    assert document_state(annex41, date(2030, 1, 1)) is DocumentState.VALID
    assert document_state(annex41, date(2030, 1, 1), date(2027, 1, 1)) is DocumentState.SUPERSEDED


def test_the_file_is_closed_on_the_day_of_its_closing_outcome() -> None:
    events = [
        FileEvent("issued", date(2026, 11, 23), "annex 49 2026/000001"),
        FileEvent("outcome:information_requested", date(2026, 11, 30), due_on=END),
        FileEvent("outcome:period_extended", date(2026, 12, 2), due_on=date(2027, 3, 1)),
    ]
    assert closed_by_outcome_on(events) is None  # none of these decides the file
    events.append(FileEvent("outcome:refused", date(2026, 12, 10)))
    assert closed_by_outcome_on(events) == date(2026, 12, 10)
    assert closed_by_outcome_on([FileEvent("outcome:stay_ended", END)]) == END
    assert closed_by_outcome_on([FileEvent("outcome:nonsense", END)]) is None
