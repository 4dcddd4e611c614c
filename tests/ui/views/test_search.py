"""The search field: as the clerk types, by name (no accents, any order), national number
with punctuation, card number; Enter opens the holder; a scanned barcode opens the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.domain.model import Holder
from app.ui.counter import Counter
from app.ui.views.formatting import show_date, translated
from app.ui.views.search import COLUMNS, STATUSES, SearchView

# The tests search for the demo holder ÇAKIR, BURAK (the ``demo_holder`` fixture: national
# number 93102942351, card B6598808660) as the clerk types him.


def found_ids(view: SearchView) -> list[int]:
    return [found.holder.id for found in view.table.rows_model().rows()]


def cell(view: SearchView, row: int, title: str) -> str:
    """The text shown in the results' column ``title`` (the English title)."""
    column = [c.title for c in COLUMNS].index(title)
    return view.table.rows_model().index(row, column).data()


def type_and_wait(qtbot: QtBot, view: SearchView, text: str) -> None:
    view.field.clear()
    qtbot.keyClicks(view.field, text)
    qtbot.waitUntil(lambda: bool(view.result.holders) and view._text == text, timeout=2000)


def test_ctrl_f_focuses_the_field(counter: Counter, qtbot: QtBot) -> None:
    counter.window.show()
    counter.window.activateWindow()
    qtbot.waitActive(counter.window)
    counter.window.findChild(QAction, "find_action").trigger()
    assert counter.window._tabs.currentWidget() is counter.search
    qtbot.waitUntil(counter.search.field.hasFocus, timeout=2000)
    assert counter.window.findChild(QAction, "find_action").shortcut().toString() == "Ctrl+F"


def test_name_without_accents_in_another_order(
    counter: Counter, qtbot: QtBot, demo_holder: Holder
) -> None:
    view = counter.search
    type_and_wait(qtbot, view, "burak cakir")
    assert found_ids(view)[0] == demo_holder.id
    assert cell(view, 0, "Card") == "B6598808660"
    assert "trouvé" in view.status.text()


def test_national_number_with_punctuation(
    counter: Counter, qtbot: QtBot, demo_holder: Holder
) -> None:
    view = counter.search
    type_and_wait(qtbot, view, "93.10.29-423.51")
    assert found_ids(view) == [demo_holder.id]
    assert cell(view, 0, "National number") == "93.10.29-423.51"


def test_card_number_and_enter_opens_the_holder(
    counter: Counter, qtbot: QtBot, demo_holder: Holder
) -> None:
    view = counter.search
    type_and_wait(qtbot, view, "B6598808660")
    assert found_ids(view) == [demo_holder.id]
    with qtbot.waitSignal(view.holder_opened) as blocker:
        qtbot.keyClick(view.field, Qt.Key.Key_Return)
    assert blocker.args == [demo_holder.id]
    assert counter.holder.holder.id == demo_holder.id
    assert counter.holder.heading.text() == "ÇAKIR, BURAK"


def test_nobody_found_says_so(counter: Counter, qtbot: QtBot) -> None:
    view = counter.search
    qtbot.keyClicks(view.field, "zzzqqq")
    qtbot.waitUntil(lambda: view._text == "zzzqqq", timeout=2000)
    assert view.table.rows_model().rowCount() == 0
    assert view.status.text() == "Personne n'a été trouvé pour « zzzqqq »."


def test_scanned_barcode_opens_the_file_at_once(counter: Counter, qtbot: QtBot) -> None:
    view = counter.search
    document = counter.ctx.desk.register.get_by_id(1)
    view.field.setText("2026000001")  # a scanner types fast, then Enter
    with qtbot.waitSignal(view.file_opened) as blocker:
        qtbot.keyClick(view.field, Qt.Key.Key_Return)
    assert blocker.args == [document.file_id]


def test_results_tell_holders_apart(counter: Counter, qtbot: QtBot, demo_holder: Holder) -> None:
    """Birth date, nationality in the interface language, the permit's expiry and where it
    stands (issue 13, point 5)."""
    view = counter.search
    type_and_wait(qtbot, view, "burak cakir")
    assert found_ids(view)[0] == demo_holder.id
    found = view.result.found[0]
    assert cell(view, 0, "Birth date") == "29 oct. 1993"
    assert cell(view, 0, "Nationality") == "Turquie (TR)"
    assert found.expiry is not None
    assert cell(view, 0, "Expiry") == show_date(found.expiry)
    assert found.status is not None
    assert cell(view, 0, "Status") == translated(STATUSES, found.status.value)
