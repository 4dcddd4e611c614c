"""Every deadline the law sets is on the working list: the Immigration Office's decision after
an annex 50 (Law art. 61/25-5 §2, extended under art. 105/3 §3) with annex 50's cover against
it, requests for more information with their deadline (§7), first registrations waiting for
the residence check (R5), stays ended (annex 52); outcomes record the dates they set."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from app.domain.model import Case, FileState, LabourMarket, Language, Outcome
from app.services.files import OutcomeRefused, record_outcome, update_file
from app.services.issuing import annul_document, extend_document, issue_annex
from app.services.worklist import COVER_GAP, OVERDUE, load_worklist


def annex50_on(desk, clock, scenarios, day: date, **changes):
    """Issue an annex 50 on a fresh R3 file as if on ``day``; the clock goes back after."""
    today = clock.day
    clock.day = day
    file = scenarios.r3(**changes)
    (document,) = issue_annex(desk, file.id, Language.FR)
    clock.day = today
    return document


# -- decisions awaited after annex 50 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("issued_on", "decision_due", "cover_until", "gap"),
    [
        (date(2026, 11, 23), date(2027, 3, 23), date(2027, 3, 23), 0),  # Nov-Feb: 120 days
        (date(2026, 9, 1), date(2027, 1, 1), date(2026, 12, 30), 2),  # Sep-Dec: 122 days
        (date(2026, 8, 1), date(2026, 12, 1), date(2026, 11, 29), 2),
        (date(2026, 10, 31), date(2027, 2, 28), date(2027, 2, 28), 0),  # clamped to 28 Feb
    ],
)
def test_a_filed_annex50_is_listed_with_its_decision_date_and_cover(
    desk, clock, scenarios, today, issued_on, decision_due, cover_until, gap
) -> None:
    document = annex50_on(desk, clock, scenarios, issued_on)
    (row,) = load_worklist(desk.store, today).decisions
    assert (row.file_id, row.document_number) == (document.file_id, str(document.number))
    assert (row.since, row.deadline, row.cover_until) == (issued_on, decision_due, cover_until)
    assert row.cover_gap_days == gap
    assert row.reason == (COVER_GAP if gap else "")
    assert row.queue == "decisions"


def test_the_decision_period_over_is_flagged_on_the_day_after(desk, clock, scenarios) -> None:
    annex50_on(desk, clock, scenarios, date(2026, 7, 23))  # decision due 23 November 2026
    assert load_worklist(desk.store, date(2026, 11, 23)).decisions[0].reason == COVER_GAP
    assert load_worklist(desk.store, date(2026, 11, 24)).decisions[0].reason == OVERDUE


def test_an_extended_period_moves_the_decision_date(desk, clock, scenarios, today) -> None:
    document = annex50_on(desk, clock, scenarios, date(2026, 10, 1))
    (before,) = load_worklist(desk.store, today).decisions
    assert before.deadline == date(2027, 2, 1)
    record_outcome(desk, document.file_id, Outcome.PERIOD_EXTENDED, today, "", date(2027, 5, 1))
    (after,) = load_worklist(desk.store, today).decisions
    assert after.deadline == date(2027, 5, 1)
    assert after.cover_until == date(2027, 1, 29)
    assert (after.reason, after.cover_gap_days) == (COVER_GAP, 92)
    event = desk.store.get_file(document.file_id).events[-1]
    assert (event.kind, event.due_on) == ("outcome:period_extended", date(2027, 5, 1))


def test_decided_annulled_and_incomplete_files_are_not_awaiting_a_decision(
    desk, clock, scenarios, today
) -> None:
    decided = annex50_on(desk, clock, scenarios, today - timedelta(days=10))
    record_outcome(desk, decided.file_id, Outcome.APPROVED, today)
    annulled = annex50_on(desk, clock, scenarios, today - timedelta(days=5))
    annul_document(desk, annulled.id, "wrong holder")
    annex50_on(desk, clock, scenarios, today, missing_documents=("photo",))  # annex 41
    pending = annex50_on(desk, clock, scenarios, today)
    rows = load_worklist(desk.store, today).decisions
    assert [r.document_number for r in rows] == [str(pending.number)]


def test_an_annex50_filed_early_is_listed_too(desk, make, today) -> None:
    """Art. 105/3 §1 sets no earliest date: three months before expiry, annex 50."""
    holder = make.holder()
    permit = make.permit(holder, today + timedelta(days=92), labour_market=LabourMarket.UNLIMITED)
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=today)
    (document,) = issue_annex(desk, file.id, Language.FR)
    assert document.annex.value == "50"
    assert [r.file_id for r in load_worklist(desk.store, today).decisions] == [file.id]


# -- requests for more information (§7) -------------------------------------------------------


def test_a_request_is_listed_with_its_deadline_until_answered(
    desk, clock, scenarios, today
) -> None:
    document = annex50_on(desk, clock, scenarios, today - timedelta(days=20))
    file_id = document.file_id
    record_outcome(
        desk, file_id, Outcome.INFORMATION_REQUESTED, today, "payslips", today + timedelta(days=15)
    )
    (row,) = load_worklist(desk.store, today).information_requests
    assert (row.file_id, row.since, row.deadline, row.note) == (
        file_id,
        today,
        today + timedelta(days=15),
        "payslips",
    )
    assert row.reason == ""
    on_deadline = load_worklist(desk.store, today + timedelta(days=15)).information_requests
    assert on_deadline[0].reason == ""
    late = load_worklist(desk.store, today + timedelta(days=16)).information_requests
    assert late[0].reason == OVERDUE
    event = desk.store.get_file(file_id).events[-1]
    assert (event.detail, event.due_on) == ("payslips", today + timedelta(days=15))
    record_outcome(desk, file_id, Outcome.INFORMATION_SUPPLIED, today)
    assert load_worklist(desk.store, today).information_requests == []
    assert len(load_worklist(desk.store, today).decisions) == 1  # still awaiting the decision


def test_a_request_leaves_the_list_when_the_file_is_decided(desk, clock, scenarios, today) -> None:
    document = annex50_on(desk, clock, scenarios, today - timedelta(days=20))
    record_outcome(
        desk,
        document.file_id,
        Outcome.INFORMATION_REQUESTED,
        today,
        due_on=today + timedelta(days=15),
    )
    record_outcome(desk, document.file_id, Outcome.REFUSED, today)
    assert load_worklist(desk.store, today).information_requests == []


@pytest.mark.parametrize("outcome", [Outcome.INFORMATION_REQUESTED, Outcome.PERIOD_EXTENDED])
def test_a_request_or_an_extension_needs_its_date(desk, scenarios, today, outcome) -> None:
    file = scenarios.r3()
    with pytest.raises(OutcomeRefused, match="needs its date"):
        record_outcome(desk, file.id, outcome, today)
    with pytest.raises(OutcomeRefused, match="before the outcome"):
        record_outcome(desk, file.id, outcome, today, due_on=today - timedelta(days=1))
    assert desk.store.get_file(file.id).events == []


def test_an_outcome_cannot_be_dated_after_today(desk, scenarios, today) -> None:
    file = scenarios.r3()
    with pytest.raises(OutcomeRefused, match="after today"):
        record_outcome(desk, file.id, Outcome.APPROVED, today + timedelta(days=1))


def test_a_date_given_to_an_outcome_that_sets_none_is_not_kept(desk, scenarios, today) -> None:
    file = scenarios.r3()
    record_outcome(desk, file.id, Outcome.APPROVED, today, due_on=today + timedelta(days=3))
    assert desk.store.get_file(file.id).events[-1].due_on is None


# -- first registrations waiting for the residence check (R5) --------------------------------


def test_first_registrations_wait_for_the_residence_check(desk, clock, scenarios, today) -> None:
    clock.day = today - timedelta(days=50)
    file = scenarios.r5()
    (annex49,) = issue_annex(desk, file.id, Language.FR)
    clock.day = today
    waiting_for_annex = scenarios.r5(missing_documents=("decision",))
    rows = load_worklist(desk.store, today).residence_checks
    assert [r.file_id for r in rows] == [file.id, waiting_for_annex.id]
    first = rows[0]
    assert (first.document_number, first.since) == (str(annex49.number), today - timedelta(50))
    assert first.valid_until == today - timedelta(days=5)  # 45 days: to extend
    assert first.cover_until == today - timedelta(days=50) + timedelta(days=135)
    assert rows[1].document_number is None and rows[1].since == waiting_for_annex.opened_on
    record_outcome(desk, file.id, Outcome.RESIDENCE_CHECKED, today)
    assert [r.file_id for r in load_worklist(desk.store, today).residence_checks] == [
        waiting_for_annex.id
    ]
    record_outcome(desk, file.id, Outcome.PERMIT_ISSUED, today)
    assert desk.store.get_file(file.id).state is FileState.CLOSED


def test_a_closed_first_registration_is_not_waiting(desk, scenarios, today) -> None:
    file = scenarios.r5()
    issue_annex(desk, file.id, Language.FR)
    record_outcome(desk, file.id, Outcome.PERMIT_ISSUED, today)
    assert load_worklist(desk.store, today).residence_checks == []


# -- stays ended (annex 52, art. 105/6) -------------------------------------------------------


def test_a_stay_ended_is_listed_with_its_date_for_60_days(desk, scenarios, today) -> None:
    file = scenarios.r4()
    ended_on = today - timedelta(days=3)
    record_outcome(desk, file.id, Outcome.STAY_ENDED, ended_on)
    saved = desk.store.get_file(file.id)
    assert (saved.stay_ended, saved.stay_ended_on, saved.state) == (
        True,
        ended_on,
        FileState.CLOSED,
    )
    (row,) = load_worklist(desk.store, today).stays_ended
    assert (row.file_id, row.since, row.queue) == (file.id, ended_on, "stays_ended")
    assert len(load_worklist(desk.store, ended_on + timedelta(days=60)).stays_ended) == 1
    assert load_worklist(desk.store, ended_on + timedelta(days=61)).stays_ended == []


def test_a_stay_ended_recorded_on_the_file_facts_is_listed(desk, scenarios, today) -> None:
    """The wizard records the decision on an R4 file: the date comes with the flag."""
    file = scenarios.r4()
    file.stay_ended, file.stay_ended_on = True, today - timedelta(days=1)
    update_file(desk, file)
    assert [r.file_id for r in load_worklist(desk.store, today).stays_ended] == [file.id]


# -- an annex 49 printed on a late filing is not extended (R2, art. 33 §5) --------------------


@pytest.mark.sqlite_only  # rewrites a register entry, which the server refuses
def test_an_annex49_printed_on_a_late_filing_is_not_extended(desk, scenarios, today) -> None:
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    snapshot = json.loads(desk.register.snapshot(document.id))
    # As issued before R2 refused it: the renewal filed the day after the permit expired.
    expiry = date.fromisoformat(snapshot["permit_expiry"])
    snapshot["renewal_filed_on"] = (expiry + timedelta(days=1)).isoformat()
    desk.store._execute(
        "UPDATE documents SET snapshot = ? WHERE id = ?", [json.dumps(snapshot), document.id]
    )
    updated, decision = extend_document(desk, document.id)
    assert updated is None
    assert [(f.rule, f.code) for f in decision.findings] == [("R2", "ext_filed_late")]
    snapshot["renewal_filed_on"] = expiry.isoformat()  # on the expiry day: in time
    desk.store._execute(
        "UPDATE documents SET snapshot = ? WHERE id = ?", [json.dumps(snapshot), document.id]
    )
    assert extend_document(desk, document.id)[1].allowed
