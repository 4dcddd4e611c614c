"""The counter hands files, documents and new renewals to the file screens (a fake module
here, so these tests do not depend on them) and says so when they are missing."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.queues import Queue
from app.ui import counter as counter_module
from app.ui.counter import Counter


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    made: list[tuple[str, int]] = []
    fake = SimpleNamespace(
        show_file=lambda _ctx, file_id, _parent: made.append(("file", file_id)),
        show_document=lambda _ctx, doc_id, _parent: made.append(("document", doc_id)),
        show_renewal_wizard=lambda _ctx, holder_id, _parent: made.append(("wizard", holder_id)),
    )
    monkeypatch.setattr(counter_module, "file_actions", lambda: fake)
    return made


def test_holder_page_opens_files_documents_and_the_wizard(
    counter: Counter, calls: list[tuple[str, int]], qtbot: QtBot
) -> None:
    document = counter.ctx.desk.register.get_by_id(1)
    counter.open_holder(document.holder_id)
    page = counter.holder
    page.renewal_button.click()
    page.files.table.setCurrentIndex(page.files.model.index(0, 0))
    qtbot.keyClick(page.files.table, Qt.Key.Key_Return)
    page.documents.table.setCurrentIndex(page.documents.model.index(0, 0))
    qtbot.keyClick(page.documents.table, Qt.Key.Key_Return)
    assert calls == [
        ("wizard", document.holder_id),
        ("file", page.files.model.row_at(0).id),
        ("document", page.documents.model.row_at(0).id),
    ]


def test_today_attestation_and_barcode_open_the_file(
    counter: Counter, calls: list[tuple[str, int]], qtbot: QtBot
) -> None:
    counter.today.show_queue(Queue.ATTESTATIONS_ENDING)
    table = counter.today.table
    table.setCurrentIndex(table.rows_model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    document = counter.ctx.desk.register.get_by_id(1)
    counter.search.field.setText(str(document.number))  # 2026/000001 typed by hand
    qtbot.keyClick(counter.search.field, Qt.Key.Key_Return)
    assert calls == [("file", table.current_row().file_id), ("file", document.file_id)]


def test_missing_screens_are_reported_in_the_status_bar(
    counter: Counter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(counter_module, "file_actions", lambda: None)
    counter.open_file(1)
    assert counter.window.statusBar().currentMessage() == (
        "Cet écran n'est pas disponible dans cette version."
    )
