"""Two counters on one register on the server, each its own window: what one saves
appears on the other's open holder page within 2 s (the server's notifications), and when
both edit the same holder the second save is refused with who saved first, the form
keeping what the clerk typed."""

from __future__ import annotations

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
