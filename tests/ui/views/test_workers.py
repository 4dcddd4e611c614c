"""The worker helper: the result comes back on the GUI thread, Cancel interrupts SQLite,
errors are handed over, not raised in the thread."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from app.services.desk import Desk
from app.ui.context import UiContext
from app.ui.workers import Cancelled, run_operation

LONG_QUERY = (
    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000000) "
    "SELECT count(*) FROM c"
)


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


def test_cancel_interrupts_a_long_query(ctx: UiContext, qtbot: QtBot) -> None:
    outcomes, on_done = collect()
    started: list[bool] = []

    def long(desk: Desk) -> int:
        started.append(True)
        return desk.store.db.execute(LONG_QUERY).fetchone()[0]

    operation = run_operation(ctx, ctx.parent(), "…", long, on_done)
    qtbot.waitUntil(lambda: bool(started), timeout=5000)
    qtbot.wait(50)
    operation.cancel()
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    ((result, error),) = outcomes
    assert result is None and isinstance(error, Cancelled)


def test_errors_are_handed_over(ctx: UiContext, qtbot: QtBot) -> None:
    outcomes, on_done = collect()

    def fail(_desk: Desk) -> None:
        raise ValueError("bad file")

    run_operation(ctx, ctx.parent(), "…", fail, on_done)
    qtbot.waitUntil(lambda: bool(outcomes), timeout=5000)
    assert isinstance(outcomes[0][1], ValueError)
