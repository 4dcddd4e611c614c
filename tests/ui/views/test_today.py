"""Today's view: the queues with their counts against the services, the chosen queue's
list read a page at a time, empty queues in words, focus and Enter, opening a holder or a
file, and the language switch."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from app.domain.queues import Queue
from app.services.worklist import load_worklist
from app.ui.counter import Counter
from app.ui.i18n import Translator, _
from app.ui.views.formatting import show_date
from app.ui.views.queue_model import PAGE
from app.ui.views.today import QUEUES

from .conftest import TODAY


def queue_titles(counter: Counter) -> list[str]:
    queues = counter.today.queue_list
    return [queues.item(row).text() for row in range(queues.count())]


def test_queues_show_the_counts_of_the_worklist(counter: Counter) -> None:
    expected = load_worklist(counter.ctx.desk.store, TODAY)
    view = counter.today
    for (queue, *_rest), title in zip(QUEUES, queue_titles(counter), strict=True):
        rows = getattr(expected, queue.value)
        assert view.counts[queue] == len(rows), queue
        assert f"({len(rows)})" in title
    assert view.counts[Queue.DUE] > 0
    assert view.queue is Queue.DUE
    assert "23" in view.date_label.text() and "2026" in view.date_label.text()


def test_the_list_shows_the_queue_in_order_with_case_file_and_last_document(
    counter: Counter,
) -> None:
    view = counter.today
    expected = load_worklist(counter.ctx.desk.store, TODAY).due
    model = view.model
    shown = [model.row_at(r).holder_id for r in range(model.rowCount())]
    assert shown == [r.holder_id for r in expected][: len(shown)]
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[2:5] == [_("Case"), _("File"), _("Last document")]
    assert {model.index(r, 2).data() for r in range(model.rowCount())} <= {"R2", "R3"}


def test_rows_are_read_as_the_clerk_scrolls(counter: Counter, make) -> None:
    for n in range(PAGE + 20):
        make.permit(make.holder(surname=f"LATER{n:03}"), TODAY + timedelta(days=45))
    view = counter.today
    view.refresh()
    view.show_queue(Queue.DUE)
    model = view.model
    total = view.counts[Queue.DUE]
    assert total > PAGE
    assert model.rowCount() == PAGE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    rows = [model.row_at(r) for r in range(total)]
    assert len({r.holder_id for r in rows}) == total
    assert [r.key for r in rows] == sorted(r.key for r in rows)


def test_an_empty_queue_says_so_in_words(counter: Counter) -> None:
    view = counter.today
    view.show_queue(Queue.INFORMATION_REQUESTS)
    assert view.counts[Queue.INFORMATION_REQUESTS] == 0
    assert view.stack.currentWidget() is view.empty_label
    assert view.empty_label.text() == _("No request for more information is open.")
    assert view.focusProxy() is view.queue_list


def test_choosing_a_queue_in_the_list_shows_it(counter: Counter, qtbot: QtBot) -> None:
    view = counter.today
    view.queue_list.setFocus()
    qtbot.keyClick(view.queue_list, Qt.Key.Key_Down)
    assert view.queue is Queue.SOON
    assert view.model.rowCount() == min(view.counts[Queue.SOON], PAGE)


def test_focus_goes_to_the_list_and_enter_opens_the_holder(counter: Counter, qtbot: QtBot) -> None:
    view = counter.today
    counter.window.show()
    counter.window.activateWindow()
    qtbot.waitActive(counter.window)
    view.setFocus()
    assert view.focusProxy() is view.table
    qtbot.waitUntil(view.table.hasFocus, timeout=2000)
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    expected = view.table.current_row().holder_id
    with qtbot.waitSignal(view.holder_opened) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert blocker.args == [expected]
    assert counter.holder.holder.id == expected
    assert counter.window._tabs.currentWidget() is counter.holder


def test_attestation_rows_open_their_file(counter: Counter, qtbot: QtBot) -> None:
    view = counter.today
    view.show_queue(Queue.ATTESTATIONS_ENDING)
    row = view.model.row_at(0)
    with qtbot.waitSignal(view.file_opened) as blocker:
        view.table.doubleClicked.emit(view.model.index(0, 1))
    assert blocker.args == [row.file_id]


def test_language_switch_retranslates_queues_and_dates(
    counter: Counter, translator: Translator
) -> None:
    count = counter.today.counts[Queue.DUE]
    translator.set_language("nl")
    assert queue_titles(counter)[0] == f"Te vernieuwen ({count})"
    assert "nov" in counter.today.date_label.text()
    assert counter.today.model.headerData(0, Qt.Orientation.Horizontal) == "Naam"
    translator.set_language("de")
    assert queue_titles(counter)[0] == f"Fällige Verlängerungen ({count})"


def test_the_queues_come_in_the_counter_s_order() -> None:
    assert [queue for queue, *_rest in QUEUES] == list(Queue)


def test_decisions_awaited_show_the_decision_date_and_the_cover_warning(
    counter: Counter, qtbot: QtBot
) -> None:
    """The demo's annexes 50 were issued 24-29 days ago: their decision is due four months
    after, and most filing dates leave annex 50's 120 days 1-3 days short."""
    view = counter.today
    view.show_queue(Queue.DECISIONS)
    model = view.model
    assert model.rowCount() > 0
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers[3:6] == [_("Filed on"), _("Decision due by"), _("Cover at most until")]
    rows = [model.row_at(r) for r in range(model.rowCount())]
    gaps = [r for r in rows if r.cover_gap_days]
    assert gaps, "the demo's filing dates should leave some cover gaps"
    row_index = rows.index(gaps[0])
    warning = model.index(row_index, 6).data()
    assert show_date(gaps[0].cover_until) in warning
    assert f"{gaps[0].cover_gap_days} " in warning
    assert model.index(row_index, 4).data() == show_date(gaps[0].deadline)
    with qtbot.waitSignal(view.file_opened) as blocker:
        view.table.doubleClicked.emit(model.index(row_index, 0))
    assert blocker.args == [gaps[0].file_id]


def test_a_stay_ended_row_opens_its_file(counter: Counter, make, qtbot: QtBot) -> None:
    from app.domain.model import Case, Outcome
    from app.services.files import record_outcome

    holder = make.holder(surname="Zeroual")
    permit = make.permit(holder, TODAY)
    file = make.file(
        holder, permit, Case.WORK_AUTHORISATION_ENDED, work_authorisation_ended_on=TODAY
    )
    record_outcome(counter.ctx.desk, file.id, Outcome.STAY_ENDED, TODAY)
    view = counter.today
    view.refresh()
    view.show_queue(Queue.STAYS_ENDED)
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data().startswith("Zeroual")
    assert "2026" in view.model.index(0, 2).data()
    with qtbot.waitSignal(view.file_opened) as blocker:
        view.table.doubleClicked.emit(view.model.index(0, 0))
    assert blocker.args == [file.id]


def test_the_holder_page_status_line_says_what_applies(counter: Counter) -> None:
    view = counter.today
    row = view.model.row_at(0)
    counter.open_holder(row.holder_id)
    text = counter.holder.status_line.text()
    assert text.startswith(_("Case {rule} ({name})").split("{")[0])
    assert show_date(row.due_from) in text
    assert _("no open file") in text or row.file_id is not None


def test_nobody_signed_in_sees_no_queue_until_a_clerk_signs_in(counter: Counter) -> None:
    """Once accounts exist the register is read by a signed-in account only: Today shows
    empty queues (under the sign-in screen) and fills them when the clerk signs in."""
    from datetime import UTC, datetime

    from app.domain.accounts import Role
    from app.services import auth

    desk = counter.ctx.desk
    now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    auth.create_first_administrator(desk, "admin", "a long enough pass phrase 1")
    desk.account = auth.authenticate(desk, "admin", "a long enough pass phrase 1", now)
    auth.create_account(desk, "clerk", Role.CLERK, "a long enough pass phrase 2")
    desk.account = None
    counter.today.refresh()
    assert set(counter.today.counts.values()) == {0}
    assert counter.today.model.rowCount() == 0
    desk.account = auth.authenticate(desk, "clerk", "a long enough pass phrase 2", now)
    counter.ctx.changed("session")
    assert counter.today.counts[Queue.DUE] > 0
    assert counter.today.model.rowCount() > 0
