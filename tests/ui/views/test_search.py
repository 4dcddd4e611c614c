"""The search field: as the clerk types, by name (no accents, any order), national number
with punctuation, card number; Enter opens the holder; a scanned barcode opens the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from app.domain.model import Holder
from app.ui.counter import Counter
from app.ui.views.search import SearchView

# The tests search for the demo holder ÇAKIR, BURAK (the ``demo_holder`` fixture: national
# number 93102942351, card B6598808660) as the clerk types him.


def found_ids(view: SearchView) -> list[int]:
    return [found.holder.id for found in view.table.rows_model().rows()]


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
    assert view.table.rows_model().index(0, 3).data() == "B6598808660"
    assert "trouvé" in view.status.text()


def test_national_number_with_punctuation(
    counter: Counter, qtbot: QtBot, demo_holder: Holder
) -> None:
    view = counter.search
    type_and_wait(qtbot, view, "93.10.29-423.51")
    assert found_ids(view) == [demo_holder.id]
    assert view.table.rows_model().index(0, 1).data() == "93.10.29-423.51"


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
