"""The counter's working list (R1) on a small hand-built population."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.calendar import add_months
from app.domain.model import Case, FileState, Language
from app.services.issuing import annul_document, issue_annex
from app.services.worklist import Worklist, load_worklist

OLD = date(1950, 1, 1)  # 76 on the day of the tests

# name, permit expiry (days from today, or "soon"), holder facts, list, suspension reason
POPULATION = [
    ("due", 30, {}, "due", ""),
    ("due_today", 0, {}, "due", ""),
    ("due_first_day", "due_from_today", {}, "due", ""),
    ("soon", "soon", {}, "soon", ""),
    ("later", 200, {}, None, None),
    ("expired", -10, {}, "expired", ""),
    ("expired_last_year", -400, {}, None, None),
    ("aged", 30, {"birth_date": OLD}, "suspended", "aged_75"),
    ("aged_travelling", 30, {"birth_date": OLD, "travelling": True}, "due", ""),
    ("aged_not_yet_due", 200, {"birth_date": OLD}, None, None),
    ("hospital", 30, {"hospitalised": True}, "suspended", "hospitalised"),
    ("prison", -10, {"detained": True}, "suspended", "detained"),
    ("no_birth_date", 30, {"birth_date": None}, "due", ""),  # not known to be 75: due
    ("no_birth_date_expired", -10, {"birth_date": None}, "expired", ""),
]


def expiry_for(offset: int | str, today: date) -> date:
    if offset == "soon":  # due in 10 days: within the 30-day reminder window
        return add_months(today + timedelta(days=10), 2)
    if offset == "due_from_today":
        return add_months(today, 2)
    return today + timedelta(days=offset)  # type: ignore[operator]


@pytest.fixture
def population(make, today) -> dict[str, int]:
    """Holder ids by name, each with one current permit."""
    ids = {}
    for name, offset, facts, _, _ in POPULATION:
        holder = make.holder(surname=name, **facts)
        make.permit(holder, expiry_for(offset, today))
        ids[name] = holder.id
    return ids


def where(worklist: Worklist) -> dict[str, tuple[str, str]]:
    """Each listed surname with its list and reason."""
    found = {}
    for list_name in ("due", "soon", "expired", "suspended"):
        for row in getattr(worklist, list_name):
            assert row.surname not in found, f"{row.surname} is on two lists"
            found[row.surname] = (list_name, row.reason)
    return found


def test_each_permit_lands_on_its_list(store, population, today) -> None:
    expected = {
        name: (list_name, reason)
        for name, _, _, list_name, reason in POPULATION
        if list_name is not None
    }
    assert where(load_worklist(store, today)) == expected


def test_rows_carry_the_due_date(store, population, today) -> None:
    worklist = load_worklist(store, today)
    row = next(r for r in worklist.due if r.surname == "due")
    assert row.permit_expiry == today + timedelta(days=30)
    assert row.due_from == add_months(today + timedelta(days=30), -2)
    assert row.holder_id == population["due"]
    assert row.card_number.startswith("B")


def test_the_reminder_window_is_a_parameter(store, population, today) -> None:
    assert "soon" not in where(load_worklist(store, today, soon_days=5))
    assert where(load_worklist(store, today, soon_days=10))["soon"] == ("soon", "")


def test_the_same_population_a_month_later(store, population, today) -> None:
    later = where(load_worklist(store, today + timedelta(days=31)))
    assert later["due"] == ("expired", "")
    assert later["soon"] == ("due", "")


def test_only_the_current_permit_counts(store, make, today) -> None:
    holder = make.holder(surname="renewed")
    make.permit(holder, today - timedelta(days=10))  # the old card
    make.permit(holder, today + timedelta(days=1000))  # its successor
    assert "renewed" not in where(load_worklist(store, today))


def test_a_filing_date_without_a_document_stays_due(store, make, today) -> None:
    """A wizard cancelled after the facts page leaves a file with a filing date: the
    holder has no paper covering the stay and stays due, the file shown beside."""
    holder = make.holder(surname="filed")
    permit = make.permit(holder, today + timedelta(days=30))
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=today)
    (row,) = load_worklist(store, today).due
    assert (row.surname, row.file_id, row.renewal_filed_on) == ("filed", file.id, today)
    assert (row.case, row.file_state, row.last_annex) == (
        Case.UNLIMITED_RENEWAL,
        FileState.OPEN,
        None,
    )


def test_an_annex_50_takes_the_holder_off_and_its_annulment_puts_them_back(
    desk, scenarios, today
) -> None:
    file = scenarios.r3(renewal_filed_on=today)
    holder = desk.store.get_holder(file.holder_id)
    assert holder.surname in where(load_worklist(desk.store, today))
    (document,) = issue_annex(desk, file.id, Language.FR)
    assert holder.surname not in where(load_worklist(desk.store, today))
    annul_document(desk, document.id, "issued by mistake")
    (row,) = load_worklist(desk.store, today).due
    assert (row.last_annex, row.last_number, row.last_annulled) == ("50", document.number, True)


def test_an_annex_41_leaves_the_holder_due(desk, scenarios, today) -> None:
    """R3 §2: not taken into consideration, so the renewal is still to be filed."""
    file = scenarios.r3(renewal_filed_on=today, missing_documents=("photo",))
    (document,) = issue_annex(desk, file.id, Language.FR)
    assert document.annex == "41"
    (row,) = load_worklist(desk.store, today).due
    assert (row.holder_id, row.last_annex, row.case) == (
        file.holder_id,
        "41",
        Case.UNLIMITED_RENEWAL,
    )


def test_an_annex_51_takes_the_holder_off(desk, scenarios, today) -> None:
    file = scenarios.r4(family=1)
    surname = desk.store.get_holder(file.holder_id).surname
    assert where(load_worklist(desk.store, today))[surname] == ("due", "")
    issue_annex(desk, file.id, Language.FR)
    assert surname not in where(load_worklist(desk.store, today))


def test_a_closing_outcome_takes_the_holder_off(desk, scenarios, today) -> None:
    from app.domain.model import Outcome
    from app.services.files import record_outcome

    file = scenarios.r3(renewal_filed_on=today)
    surname = desk.store.get_holder(file.holder_id).surname
    record_outcome(desk, file.id, Outcome.APPROVED, today)
    assert surname not in where(load_worklist(desk.store, today))


def test_a_case_is_proposed_from_the_card_without_a_file(store, make, today) -> None:
    from app.domain.model import LabourMarket

    limited = make.holder(surname="limited")
    make.permit(limited, today + timedelta(days=30))
    unlimited = make.holder(surname="unlimited")
    make.permit(unlimited, today + timedelta(days=31), labour_market=LabourMarket.UNLIMITED)
    cases = {r.surname: (r.case, r.file_state) for r in load_worklist(store, today).due}
    assert cases == {
        "limited": (Case.LIMITED_RENEWAL, None),
        "unlimited": (Case.UNLIMITED_RENEWAL, None),
    }


def test_a_closed_file_puts_the_permit_back(store, make, today) -> None:
    holder = make.holder(surname="closed")
    permit = make.permit(holder, today + timedelta(days=30))
    make.file(
        holder, permit, Case.UNLIMITED_RENEWAL, renewal_filed_on=today, state=FileState.CLOSED
    )
    assert where(load_worklist(store, today))["closed"] == ("due", "")


def test_an_open_file_without_filing_stays_listed(store, make, today) -> None:
    holder = make.holder(surname="opened")
    permit = make.permit(holder, today + timedelta(days=30))
    file = make.file(holder, permit, Case.UNLIMITED_RENEWAL)
    (row,) = load_worklist(store, today).due
    assert (row.surname, row.file_id) == ("opened", file.id)


# -- attestations that need an extension or an outcome ----------------------------------------


@pytest.fixture
def issued_on(desk, clock, today):
    """Issue an annex 50 on a fresh R3 file as if on ``today - days_ago``."""

    def issue(scenarios, days_ago: int, **changes):
        clock.day = today - timedelta(days=days_ago)
        file = scenarios.r3(**changes)
        (document,) = issue_annex(desk, file.id, Language.FR)
        clock.day = today
        return document

    return issue


def test_attestations_ending_within_a_week(desk, scenarios, issued_on, today) -> None:
    ends_in_5 = issued_on(scenarios, 25)
    ends_today = issued_on(scenarios, 30)
    issued_on(scenarios, 20)  # ends in 10 days: not yet
    issued_on(scenarios, 31)  # ended yesterday
    annulled = issued_on(scenarios, 26)
    annul_document(desk, annulled.id, "issued to the wrong person")
    issued_on(scenarios, 27, missing_documents=("photo",))  # annex 41: nothing to extend

    rows = load_worklist(desk.store, today).expiring_documents
    assert [r.document_number for r in rows] == [str(ends_today.number), str(ends_in_5.number)]
    assert [r.valid_until for r in rows] == [today, today + timedelta(days=5)]
    assert {r.reason for r in rows} == {"50"}


def test_attestation_of_a_closed_file_is_not_listed(desk, scenarios, issued_on, today) -> None:
    document = issued_on(scenarios, 25)
    file = desk.store.get_file(document.file_id)
    file.state = FileState.CLOSED
    desk.store.save_file(file)
    assert load_worklist(desk.store, today).expiring_documents == []


def test_the_expiring_window_is_a_parameter(desk, scenarios, issued_on, today) -> None:
    issued_on(scenarios, 20)
    assert load_worklist(desk.store, today).expiring_documents == []
    assert len(load_worklist(desk.store, today, expiring_days=10).expiring_documents) == 1


def test_counts_and_pages_agree_with_the_whole_queues(desk, store, population, make, today) -> None:
    from app.domain.queues import Queue
    from app.services.worklist import Day, queue_counts, queue_page

    for n in range(5):  # more rows than a page on the due queue
        make.permit(make.holder(surname=f"extra{n}"), today + timedelta(days=30))
    day = Day.of(today)
    whole = load_worklist(store, today)
    counts = queue_counts(desk, day)
    for queue in Queue:
        rows = getattr(whole, queue.value)
        assert counts[queue] == len(rows), queue
        paged, after = [], None
        while page := queue_page(desk, day, queue, after, 2):
            paged += page
            after = page[-1].key
        assert [r.holder_id for r in paged] == [r.holder_id for r in rows], queue
    assert counts[Queue.DUE] == 10


def test_the_counts_follow_a_holders_standing(desk, store, make, today) -> None:
    """In hospital, out again, aged, then required to travel: the holder moves between
    the due and suspended counts (the server keeps a copy of the standing on each permit,
    migration 0011, which a later permit takes too)."""
    from app.domain.queues import Queue
    from app.services.worklist import Day, queue_counts

    day = Day.of(today)

    def due_and_suspended() -> tuple[int, int]:
        counts = queue_counts(desk, day)
        return counts[Queue.DUE], counts[Queue.SUSPENDED]

    holder = make.holder(birth_date=date(1990, 1, 1))
    make.permit(holder, today + timedelta(days=30))
    assert due_and_suspended() == (1, 0)
    holder.hospitalised = True
    holder = store.save_holder(holder)
    assert due_and_suspended() == (0, 1)
    holder.hospitalised, holder.birth_date = False, OLD
    holder = store.save_holder(holder)
    assert due_and_suspended() == (0, 1)
    holder.travelling = True
    holder = store.save_holder(holder)
    assert due_and_suspended() == (1, 0)
    holder.travelling = False
    holder = store.save_holder(holder)
    make.permit(holder, today + timedelta(days=40))
    assert due_and_suspended() == (0, 1)
