"""Counters on one register on the server: what one saves appears on the other's open
holder page within 2 s (the server's notifications); when both edit the same holder the
second save is refused with who saved first, the form keeping what the clerk typed; three
counter processes issuing, annulling and editing at once leave a gapless register, which
the window shows."""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot
from support.windows import counter_window

from app.ui.counter import Counter
from app.ui.main_window import MainWindow
from app.ui.security.sign_in import FirstAdministratorDialog
from app.ui.startup import start_counter
from app.ui.views.holder import HolderPage

from .conftest import NOW, TODAY
from .counter_worker import work
from .test_server_counter import first_holder, server  # noqa: F401 (a fixture)

#: The issue's bound for another counter's work to show.
WITHIN_MS = 2_000


@pytest.fixture
def open_counter(qtbot: QtBot, server: str) -> Callable[[], HolderPage]:  # noqa: F811
    """Starts one more counter window on ``server``; its holder page on the first holder."""

    def start() -> HolderPage:
        window: MainWindow = counter_window(qtbot)
        window.show()
        session = start_counter(window, server, clock=lambda: TODAY, now=lambda: NOW)
        assert session is not None
        dialog = window.findChild(FirstAdministratorDialog)
        if dialog is not None:
            dialog.reject()
        counter = window.findChild(Counter, "counter")
        assert counter is not None
        counter.open_holder(first_holder(server))
        return counter.holder

    return start


def field(page: HolderPage, name: str) -> QLineEdit:
    edit = page.findChild(QLineEdit, name)
    assert edit is not None
    return edit


def test_a_save_at_one_counter_shows_at_the_other(qtbot: QtBot, open_counter) -> None:
    first, second = open_counter(), open_counter()
    field(second, "postal_code").setText("1030")
    assert second.save() is True
    qtbot.waitUntil(lambda: field(first, "postal_code").text() == "1030", timeout=WITHIN_MS)
    assert not first.is_modified()


def test_the_second_of_two_edits_is_refused_and_keeps_its_typing(
    qtbot: QtBot, open_counter, messages: list[str]
) -> None:
    first, second = open_counter(), open_counter()
    field(first, "phone").setText("0470 22 22 22")  # typed, not saved yet
    field(second, "postal_code").setText("1030")
    with qtbot.waitSignal(first._ctx.data_changed, timeout=WITHIN_MS):  # shown here too
        assert second.save() is True
    assert field(first, "phone").text() == "0470 22 22 22"  # the clerk's typing stays
    assert first.save() is False
    assert "a enregistré cette fiche le" in messages[-1]
    assert "Rien n'a été enregistré." in messages[-1]
    assert field(first, "phone").text() == "0470 22 22 22"


def test_three_counter_processes_and_the_window_on_one_server(
    qtbot: QtBot,
    open_counter,
    server: str,  # noqa: F811
) -> None:
    """Three counters, each its own process, issue, annul and edit at once: the register
    stays gapless, each counter's numbers follow each other, and the window (a fourth
    counter) shows their work on its open holder page."""
    page = open_counter()
    holder_id = first_holder(server)
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(3), context.Queue()
    workers = [
        context.Process(target=work, args=(server, n, holder_id + n - 1, start, results))
        for n in (1, 2, 3)
    ]
    before = {r.number.sequence for r in page._ctx.desk.register.entries()}
    with qtbot.waitSignal(page._ctx.data_changed, timeout=60_000):
        for worker in workers:
            worker.start()
        outcomes = dict(results.get(timeout=120) for _ in workers)
    for worker in workers:
        worker.join(timeout=30)
        assert worker.exitcode == 0
    for counter, issued in outcomes.items():
        assert isinstance(issued, list), f"counter {counter} failed: {issued}"
        assert issued == sorted(issued)
    everything = sorted(before | {n for issued in outcomes.values() for n in issued})
    assert everything == list(range(1, len(everything) + 1))  # no gap, no double
    assert page._ctx.desk.register.problems() == []
    qtbot.waitUntil(lambda: field(page, "phone").text() == "0470 00 00 01", timeout=WITHIN_MS)
