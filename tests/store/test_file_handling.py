"""Which counter has a renewal file open: the first to open it holds it until it closes
it; another counter is told who and since when, and takes it over only from a mark left
on an earlier day."""

from __future__ import annotations

from app.domain.model import Case, FileHandling

MORNING, LATER, NEXT_DAY = (
    "2026-11-23T09:42:00+00:00",
    "2026-11-23T10:05:00+00:00",
    "2026-11-24T08:00:00+00:00",
)


def counters(open_any):
    first, third = open_any(), open_any()
    first.counter, third.counter = "Guichet 1", "Guichet 3"
    return first, third


def a_file(make, today) -> int:
    holder = make.holder()
    return make.file(holder, make.permit(holder, today), Case.LIMITED_RENEWAL).id


def test_the_second_counter_is_told_who_has_the_file(open_any, make, today) -> None:
    first, third = counters(open_any)
    file_id = a_file(make, today)
    assert first.take_file(file_id, "anna", MORNING) is None
    assert third.take_file(file_id, "marie", LATER) == FileHandling("Guichet 1", "anna", MORNING)
    assert third.file_handling(file_id) == FileHandling("Guichet 1", "anna", MORNING)
    assert first.take_file(file_id, "anna", LATER) is None  # its own again: still its


def test_closing_the_file_lets_another_counter_take_it(open_any, make, today) -> None:
    first, third = counters(open_any)
    file_id = a_file(make, today)
    first.take_file(file_id, "anna", MORNING)
    third.release_file(file_id)  # not its mark: nothing happens
    assert first.file_handling(file_id) == FileHandling("Guichet 1", "anna", MORNING)
    first.release_file(file_id)
    assert third.take_file(file_id, "marie", LATER) is None
    assert first.file_handling(file_id) == FileHandling("Guichet 3", "marie", LATER)


def test_a_mark_left_on_an_earlier_day_is_taken_over(open_any, make, today) -> None:
    first, third = counters(open_any)
    file_id = a_file(make, today)
    first.take_file(file_id, "anna", MORNING)  # the counter stopped without closing it
    assert third.take_file(file_id, "marie", NEXT_DAY) is None
    assert third.file_handling(file_id) == FileHandling("Guichet 3", "marie", NEXT_DAY)
