"""The holder page's standing: the same rule as the Today queues, the open file's next
deadline, the current document."""

from __future__ import annotations

from datetime import timedelta

from app.domain.calendar import add_months
from app.domain.model import Case, Language
from app.domain.queues import Queue
from app.services.issuing import issue_annex
from app.services.standing import ATTESTATION_ENDS, holder_standing
from app.services.worklist import load_worklist


def test_a_holder_due_without_a_file(desk, make, today) -> None:
    holder = make.holder()
    make.permit(holder, today + timedelta(days=30))
    standing = holder_standing(desk, holder.id)
    assert (standing.case, standing.queue) == (Case.LIMITED_RENEWAL, Queue.DUE)
    assert standing.due_from == add_months(today + timedelta(days=30), -2)
    assert (standing.file_id, standing.document_annex) == (None, None)


def test_a_cancelled_wizard_leaves_the_holder_due_on_both_screens(desk, scenarios, today) -> None:
    file = scenarios.r3(renewal_filed_on=today)
    standing = holder_standing(desk, file.holder_id)
    assert (standing.queue, standing.file_id, standing.deadline) == (Queue.DUE, file.id, None)
    assert file.holder_id in [r.holder_id for r in load_worklist(desk.store, today).due]


def test_after_annex_50_the_next_deadline_is_its_end(desk, scenarios, today) -> None:
    file = scenarios.r3(renewal_filed_on=today)
    (document,) = issue_annex(desk, file.id, Language.FR)
    standing = holder_standing(desk, file.holder_id)
    assert standing.queue is None
    assert (standing.case, standing.document_annex) == (Case.UNLIMITED_RENEWAL, "50")
    assert standing.document_valid_until == document.valid_until
    assert (standing.deadline, standing.deadline_kind) == (document.valid_until, ATTESTATION_ENDS)


def test_a_suspended_holder_says_why(desk, make, today) -> None:
    holder = make.holder(hospitalised=True)
    make.permit(holder, today - timedelta(days=3))
    standing = holder_standing(desk, holder.id)
    assert (standing.queue, standing.suspension) == (Queue.SUSPENDED, "hospitalised")


def test_without_a_permit_a_first_registration_is_proposed(desk, make) -> None:
    standing = holder_standing(desk, make.holder().id)
    assert (standing.case, standing.queue) == (Case.FIRST_REGISTRATION, None)
