"""Fixtures for the counter's views: a demo database of 300 holders built once per session
and copied for each test, a desk fixed on 23 November 2026, the window with the views
built, dialogs that never block (``messages`` and ``no_dialogs``: tests/support/windows.py),
and the demo holder the search and holder-page tests work on, found by national number."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from support.windows import TODAY, copy_of, counter_window, demo_database
from support.windows import messages as messages
from support.windows import no_dialogs as no_dialogs

from app.domain.model import Holder
from app.services.desk import Desk
from app.store import Store
from app.ui.context import UiContext
from app.ui.counter import Counter, build_counter

DEMO_HOLDER = {
    "national_number": "93102942351",
    "surname": "ÇAKIR",
    "given_names": "BURAK",
    "card_number": "B6598808660",
}
"""A holder of the demo database (seed 1) with one permit, as the clerk would type him."""


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_database(tmp_path_factory, "demo", persons=300)


@pytest.fixture
def desk(demo_template: Path, tmp_path: Path) -> Iterator[Desk]:
    path = copy_of(demo_template, tmp_path / "counter.sqlite")
    opened = Desk.open(path, user="clerk", clock=lambda: TODAY)
    yield opened
    opened.close()


@pytest.fixture
def store(desk: Desk) -> Store:
    """The desk's store, so that ``make`` (tests/conftest.py) adds to this test's demo copy."""
    return desk.store


@pytest.fixture
def demo_holder(desk: Desk) -> Holder:
    """:data:`DEMO_HOLDER`, looked up by national number (its row id is the demo's business)."""
    holder = desk.store.find_holder(DEMO_HOLDER["national_number"])
    assert holder is not None, f"the demo (seed 1) no longer has {DEMO_HOLDER}"
    assert (holder.surname, holder.given_names) == (
        DEMO_HOLDER["surname"],
        DEMO_HOLDER["given_names"],
    ), f"the demo (seed 1) gives {DEMO_HOLDER['national_number']} to someone else"
    assert [p.card_number for p in desk.store.permits_of(holder.id)] == [  # type: ignore[arg-type]
        DEMO_HOLDER["card_number"]
    ]
    return holder


@pytest.fixture
def ctx(qtbot: QtBot, desk: Desk, messages: list[str]) -> UiContext:
    return build_counter(counter_window(qtbot), desk)


@pytest.fixture
def counter(ctx: UiContext) -> Counter:
    found = ctx.parent().findChild(Counter, "counter")
    assert found is not None
    return found
