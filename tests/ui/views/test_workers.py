"""The worker helper: the result comes back on the GUI thread, Cancel interrupts the
running operation and rolls it back, errors are handed over, not raised in the thread."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

from pytestqt.qtbot import QtBot

from app.domain.demo import national_number_for
from app.services.desk import Desk
from app.services.importing import ImportReport, import_csv
from app.ui.context import UiContext
from app.ui.workers import Cancelled, run_operation


def collect() -> tuple[list[tuple[Any, BaseException | None]], Any]:
    outcomes: list[tuple[Any, BaseException | None]] = []
    return outcomes, lambda result, error: outcomes.append((result, error))


def test_result_arrives_and_views_are_told(ctx: UiContext, qtbot: QtBot) -> None:
    outcomes, on_done = collect()
    with qtbot.waitSignal(ctx.data_changed, timeout=5000):
        run_operation(
            ctx,
            ctx.parent(),
            "…",
            lambda desk: desk.store.count_holders(),
            on_done,
            changed="holders",
        )
    assert outcomes == [(ctx.desk.store.count_holders(), None)]


def test_cancel_interrupts_an_import_and_nothing_is_written(
    ctx: UiContext, qtbot: QtBot, write_csv
) -> None:
    """Cancel pressed while a long import runs: it stops with Cancelled and rolls back.

    SQLite ignores an interrupt that arrives between two statements, so Cancel is pressed
    again until the operation ends; it must end cancelled, never imported."""
    births = [date(1950, 1, 1) + timedelta(days=n) for n in range(3_000)]
    csv_file = write_csv(
        [
            write_csv.good(
                n, birth_date=born.isoformat(), national_number=national_number_for(born, 1)
            )
            for n, born in enumerate(births)
        ]
    )
    before = ctx.desk.store.count_holders()
    outcomes, on_done = collect()
    started = threading.Event()

    def long_import(desk: Desk) -> ImportReport:
        started.set()
        return import_csv(desk, csv_file)

    operation = run_operation(ctx, ctx.parent(), "…", long_import, on_done)
    assert started.wait(timeout=10)

    def cancelled() -> bool:
        if not outcomes:
            operation.job.cancel()
        return bool(outcomes)

    qtbot.waitUntil(cancelled, timeout=60_000)
    ((result, error),) = outcomes
    assert result is None and isinstance(error, Cancelled)
    assert ctx.desk.store.count_holders() == before


def test_errors_are_handed_over(ctx: UiContext, qtbot: QtBot) -> None:
    outcomes, on_done = collect()

    def fail(_desk: Desk) -> None:
        raise ValueError("bad file")

    run_operation(ctx, ctx.parent(), "…", fail, on_done)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    assert isinstance(outcomes[0][1], ValueError)
