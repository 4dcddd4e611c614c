"""The counter's routine renewals typed from the keyboard alone (issue 13, point 1).

Each flow starts with the holder's national number typed in the search field and ends
when the print dialog opens (intercepted). Every key goes to the widget that has the focus
(``QApplication.focusWidget()``), never to a widget the test picks, and nothing is clicked
or set: a trap (a field that keeps Enter, a page without focus) costs keys and fails the
test. R2 → annex 49 and R3 → annex 50 must take at most 12 keys; R3 → 41 and R4 → 51 (with
a family member on the file) are counted and printed (``pytest -s``) for the release note.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot
from support.windows import TODAY

from app.domain.model import Holder, LabourMarket
from app.domain.national_number import format_national_number
from app.ui.counter import Counter
from app.ui.i18n import Translator

ROUTINE_MOST = 12
Key = tuple[Qt.Key, Qt.KeyboardModifier]
ENTER: Key = (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
SPACE: Key = (Qt.Key.Key_Space, Qt.KeyboardModifier.NoModifier)
TAB: Key = (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier)
UP: Key = (Qt.Key.Key_Up, Qt.KeyboardModifier.NoModifier)
BACKTAB: Key = (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)


def alt(letter: str) -> Key:
    return (Qt.Key(ord(letter.upper())), Qt.KeyboardModifier.AltModifier)


def digits(text: str) -> list[Key]:
    return [(Qt.Key(ord(char)), Qt.KeyboardModifier.NoModifier) for char in text]


def settled(widget: QWidget | None) -> bool:
    """The focus is in the active window, no button is still being pressed and no modal
    window opened above it."""
    if widget is None or widget.window() is not QApplication.activeWindow():
        return False
    window = widget.window()
    if any(button.isDown() for button in window.findChildren(QAbstractButton)):
        return False  # an Alt letter "presses" its button for a moment, then clicks it
    for top in QApplication.topLevelWidgets():
        if (
            top is window
            or not top.isVisible()
            or (not top.isModal() and (top.windowModality() == Qt.WindowModality.NonModal))
        ):
            continue
        parent = top.parentWidget()
        while parent is not None:
            if parent.window() is window:
                return False  # a box of this window is not active yet
            parent = parent.parentWidget()
    return True


@dataclass
class Keyboard:
    """Sends keys to the focused widget and counts them. Each key is sent from the event
    loop, so a key that opens a modal box (a question) leaves the next keys to the box."""

    qtbot: QtBot
    count: int = 0
    printed_at: list[tuple[int, float]] = field(default_factory=list)
    trail: list[str] = field(default_factory=list)

    def type(self, keys: list[Key]) -> None:
        pending = list(keys)
        finished: list[bool] = []

        def step() -> None:
            if not pending:
                box = QApplication.activeModalWidget()
                if isinstance(box, QMessageBox):  # keys ran out on a question: say which
                    self.trail.append(f"left open: {box.text()!r}")
                    box.reject()
                finished.append(True)
                return
            widget = QApplication.focusWidget()
            if not settled(widget):  # a window is opening: it takes the focus first
                QTimer.singleShot(5, step)
                return
            key, modifiers = pending.pop(0)
            self.count += 1
            name = widget.objectName() or getattr(widget, "text", str)()
            self.trail.append(f"{key.name}@{type(widget).__name__}:{name}")
            QTimer.singleShot(0, step)
            QTest.keyClick(widget, key, modifiers)

        QTimer.singleShot(0, step)
        try:
            self.qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
        except TimeoutError:
            focus = QApplication.focusWidget()
            stuck = f"{type(focus).__name__}:{focus.objectName()}" if focus else "nothing"
            raise AssertionError(f"stuck on {stuck} after {' '.join(self.trail)}") from None


@pytest.fixture
def keyboard(
    counter: Counter, qtbot: QtBot, translator: Translator, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Keyboard]:
    """The counter's window, active, in French; message boxes wait for their keys; the
    print dialog records when it opened."""
    keys = Keyboard(qtbot)

    def print_dialog(_dialog: QPrintDialog) -> int:
        keys.printed_at.append((keys.count, time.perf_counter()))
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QPrintDialog, "exec", print_dialog)
    # The questions and boxes are real here: the keys answer them.
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QDialog.exec(box))
    window = counter.window
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    yield keys


def run_flow(counter: Counter, keyboard: Keyboard, holder: Holder, keys: list[Key]) -> float:
    """From the national number typed in the search field to the print dialog: the keys
    counted from the first one after the number; returns the seconds it took."""
    counter.window.activateWindow()
    keyboard.qtbot.waitActive(counter.window)
    counter.find()
    keyboard.qtbot.waitUntil(counter.search.field.hasFocus)
    assert holder.national_number is not None
    for char in format_national_number(holder.national_number):
        QTest.keyClicks(QApplication.focusWidget(), char)
    started = time.perf_counter()
    keyboard.type(keys)
    assert keyboard.printed_at, "no print dialog: " + " ".join(keyboard.trail)
    count, printed = keyboard.printed_at[0]
    assert count == len(keys)
    return printed - started


#: Search → holder (Enter), New renewal file (Enter, it has the focus), case confirmed
#: (Space, Enter), the facts page, All produced (Enter) and Next (Enter), decision (Enter),
#: preview: Issue and print (Enter), "Issue?" Yes (Alt+O), "Issued" (Enter).
OPEN_AND_CONFIRM = [ENTER, ENTER, SPACE, ENTER]
PRODUCED_TO_PRINT = [ENTER, ENTER, ENTER, ENTER, alt("o"), ENTER]


def test_r3_annex50_in_at_most_twelve_keys(
    counter: Counter, keyboard: Keyboard, make, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = make.holder(surname="Nguyen", birth_date=date(1961, 2, 3))
    make.permit(holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    keys = [*OPEN_AND_CONFIRM, ENTER, *PRODUCED_TO_PRINT]  # facts: filed today, Enter
    seconds = run_flow(counter, keyboard, holder, keys)
    [document] = counter.ctx.desk.register.of_holder(holder.id)
    assert document.annex.value == "50"
    assert keyboard.count <= ROUTINE_MOST
    with capsys.disabled():
        print(f"\nR3 → annex 50: {keyboard.count} keys, {seconds:.2f} s to the print dialog")


def test_r2_annex49_in_at_most_twelve_keys(
    counter: Counter, keyboard: Keyboard, make, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = make.holder(surname="Okafor", birth_date=date(1962, 3, 4))
    make.permit(holder, TODAY)  # limited, expires today: annex 49 from the expiry on
    keys = [*OPEN_AND_CONFIRM, alt("a"), ENTER, *PRODUCED_TO_PRINT]  # Alt+A: attestation
    seconds = run_flow(counter, keyboard, holder, keys)
    [document] = counter.ctx.desk.register.of_holder(holder.id)
    assert document.annex.value == "49"
    assert keyboard.count <= ROUTINE_MOST
    with capsys.disabled():
        print(f"\nR2 → annex 49: {keyboard.count} keys, {seconds:.2f} s to the print dialog")


def test_r3_annex41_and_r4_annex51_are_counted(
    counter: Counter, keyboard: Keyboard, make, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = make.holder(surname="Haddad", birth_date=date(1963, 4, 5))
    make.permit(missing, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    # All produced, then back to the list (Shift+Tab from Next), the first item unticked.
    untick = [ENTER, BACKTAB, BACKTAB, BACKTAB, SPACE, ENTER]
    keys = [*OPEN_AND_CONFIRM, ENTER, *untick, ENTER, ENTER, alt("o"), ENTER]
    run_flow(counter, keyboard, missing, keys)
    [document] = counter.ctx.desk.register.of_holder(missing.id)
    assert document.annex.value == "41"
    r3_41 = keyboard.count

    ended = make.holder(surname="Mensah", birth_date=date(1964, 5, 6))
    make.permit(ended, date(2026, 12, 15))
    make.family_member(ended, given_names="Kofi")
    keyboard.count, keyboard.printed_at = 0, []
    # Case: Shift+Tab to the cases (the last one), Up and Space pick R4, Tab back to
    # confirm. Facts: the day the work authorisation ended, typed; Tabs to the family
    # list, Space ticks Kofi.
    case = [ENTER, ENTER, BACKTAB, UP, SPACE, TAB, SPACE, ENTER]
    facts = [*digits("01112026"), TAB, TAB, SPACE, ENTER]
    run_flow(counter, keyboard, ended, [*case, *facts, *PRODUCED_TO_PRINT])
    documents = counter.ctx.desk.register.of_holder(ended.id)
    assert {d.annex.value for d in documents} == {"51"} and len(documents) == 2
    with capsys.disabled():
        print(f"\nR3 → annex 41: {r3_41} keys; R4 → annex 51 + family: {keyboard.count} keys")
