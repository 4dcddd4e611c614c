"""Two counters on one register editing the same holder or file: the second save is refused
with who saved before and when, and nothing of it is written (a version on each row)."""

from __future__ import annotations

import pytest

from app.domain.errors import EditConflict
from app.domain.model import Case
from app.services.desk import Desk
from app.services.files import save_holder, update_file


@pytest.fixture
def marie(open_any, clock) -> Desk:
    """A second counter's desk on the same register, clerk Marie."""
    return Desk(open_any(), user="marie", clock=clock)


def test_the_second_save_of_a_holder_is_refused_naming_who_saved(desk, marie, make) -> None:
    holder = make.holder(phone="0470 00 00 00")
    mine, hers = desk.store.get_holder(holder.id), marie.store.get_holder(holder.id)
    hers.phone = "0470 11 11 11"
    save_holder(marie, hers)
    mine.email = "amina@example.org"
    with pytest.raises(EditConflict) as refused:
        save_holder(desk, mine)
    assert (refused.value.entity, refused.value.changed_by) == ("holder", "marie")
    assert refused.value.changed_at.startswith("20")
    assert "marie saved this holder at" in str(refused.value)
    stored = desk.store.get_holder(holder.id)
    assert (stored.phone, stored.email) == ("0470 11 11 11", "")  # hers kept, mine not written


def test_a_save_after_reading_again_goes_through(desk, marie, make) -> None:
    holder = make.holder()
    hers = marie.store.get_holder(holder.id)
    hers.phone = "0470 11 11 11"
    save_holder(marie, hers)
    mine = desk.store.get_holder(holder.id)
    mine.email = "amina@example.org"
    saved = save_holder(desk, mine)
    assert saved.version == hers.version + 1
    stored = desk.store.get_holder(holder.id)
    assert (stored.phone, stored.email) == ("0470 11 11 11", "amina@example.org")


def test_one_counter_saving_twice_in_a_row_is_no_conflict(desk, make) -> None:
    holder = desk.store.get_holder(make.holder().id)
    holder.phone = "1"
    save_holder(desk, holder)
    holder.phone = "2"
    assert save_holder(desk, holder).phone == "2"


def test_the_second_save_of_a_file_is_refused(desk, marie, make, today) -> None:
    holder = make.holder()
    file = make.file(holder, make.permit(holder, today), Case.LIMITED_RENEWAL)
    mine, hers = desk.store.get_file(file.id), marie.store.get_file(file.id)
    hers.renewal_filed_on = today
    update_file(marie, hers)
    mine.regional_attestation = True
    with pytest.raises(EditConflict, match="marie saved this renewal file"):
        update_file(desk, mine)
    stored = desk.store.get_file(file.id)
    assert (stored.renewal_filed_on, stored.regional_attestation) == (today, False)
