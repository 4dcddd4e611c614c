"""The read models behind the working list: current permits and open attestations."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.domain.model import Annex, Case, FileState, LabourMarket, Language, RegisterNumber
from app.store import DocumentDraft, Store
from app.store.worklist import current_permits, open_attestations


def render(number: RegisterNumber) -> tuple[bytes, str]:
    return f"%PDF {number}".encode(), "{}"


def test_current_permits_in_range_ordered_by_expiry(store: Store, make, today) -> None:
    for days in (40, -5, 10, 400):
        make.permit(make.holder(surname=f"in{days}"), today + timedelta(days=days))
    found = current_permits(store, today - timedelta(days=5), today + timedelta(days=40))
    assert [p.surname for p in found] == ["in-5", "in10", "in40"]  # both ends included


def test_current_permit_is_the_one_expiring_last(store: Store, make, today) -> None:
    holder = make.holder()
    make.permit(holder, today - timedelta(days=30))
    latest = make.permit(holder, today + timedelta(days=30), labour_market=LabourMarket.UNLIMITED)
    (row,) = current_permits(store, today - timedelta(days=365), today + timedelta(days=365))
    assert (row.permit_id, row.labour_market) == (latest.id, LabourMarket.UNLIMITED)


def test_current_permit_carries_holder_facts(store: Store, make, today) -> None:
    holder = make.holder(birth_date=date(1950, 2, 3), hospitalised=True, travelling=True)
    make.permit(holder, today)
    (row,) = current_permits(store, today, today)
    assert (row.birth_date, row.hospitalised, row.detained, row.travelling) == (
        date(1950, 2, 3),
        True,
        False,
        True,
    )
    assert row.national_number == holder.national_number


@pytest.mark.parametrize(
    ("state", "filed", "expected_file", "expected_filed"),
    [
        (FileState.OPEN, True, True, True),
        (FileState.OPEN, False, True, False),
        (FileState.CLOSED, True, False, False),
    ],
)
def test_current_permit_with_its_open_file(
    store: Store, make, today, state, filed, expected_file, expected_filed
) -> None:
    holder = make.holder()
    permit = make.permit(holder, today)
    file = make.file(
        holder,
        permit,
        Case.UNLIMITED_RENEWAL,
        state=state,
        renewal_filed_on=today - timedelta(days=3) if filed else None,
    )
    (row,) = current_permits(store, today, today)
    assert row.open_file_id == (file.id if expected_file else None)
    assert row.renewal_filed_on == (today - timedelta(days=3) if expected_filed else None)


def test_open_attestations(store: Store, make, today) -> None:
    register = store.register()
    holder = make.holder()
    permit = make.permit(holder, today)
    open_file = make.file(holder, permit, Case.UNLIMITED_RENEWAL)
    closed_file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, state=FileState.CLOSED)

    def issue(annex: Annex, ends_in: int | None, file_id: int | None) -> int:
        draft = DocumentDraft(
            annex=annex,
            language=Language.FR,
            holder_id=holder.id,  # type: ignore[arg-type]
            issued_on=today,
            issued_by="clerk",
            valid_until=today + timedelta(days=ends_in) if ends_in is not None else None,
            file_id=file_id,
        )
        return register.issue("21004", draft, render).id  # type: ignore[return-value]

    wanted_50 = issue(Annex.A50, 3, open_file.id)
    wanted_49 = issue(Annex.A49, 0, open_file.id)
    issue(Annex.A51, 3, open_file.id)  # not an attestation that gets an outcome
    issue(Annex.A41, None, open_file.id)
    issue(Annex.A50, 3, closed_file.id)
    issue(Annex.A50, 3, None)
    issue(Annex.A50, 30, open_file.id)
    annulled = issue(Annex.A50, 3, open_file.id)
    register.annul(annulled, "typo", "clerk", today)

    rows = open_attestations(store, today, today + timedelta(days=7))
    assert [(r.document_id, r.annex) for r in rows] == [
        (wanted_49, Annex.A49),
        (wanted_50, Annex.A50),
    ]
    assert rows[0].number == RegisterNumber(today.year, 2)
    assert rows[0].file_id == open_file.id
    assert rows[0].surname == holder.surname
