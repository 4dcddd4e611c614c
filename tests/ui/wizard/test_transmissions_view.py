"""The transmissions tab: what waits for the Immigration Office, marked sent, cover list."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog

from app.domain.model import Case, LabourMarket, Language
from app.services.issuing import issue_annex
from app.ui import transmissions as view_module
from app.ui.file_actions import TransmissionsView
from app.ui.transmissions import MarkSentDialog

TODAY = date(2026, 11, 23)


@pytest.fixture
def queued(desk, make):
    for missing in ((), ("photo",)):
        holder = make.holder(surname="Mensah" if missing else "Nguyen")
        permit = make.permit(
            holder, TODAY + timedelta(days=20), labour_market=LabourMarket.UNLIMITED
        )
        file = make.file(holder, permit, Case.UNLIMITED_RENEWAL, missing_documents=missing)
        issue_annex(desk, file.id, Language.FR)


@pytest.fixture
def view(qtbot, ctx, queued, messages) -> TransmissionsView:
    widget = TransmissionsView(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_pending_rows_are_listed(view) -> None:
    model = view.model
    assert model.rowCount() == 2
    assert [model.index(r, 0).data() for r in range(2)] == ["2026/000001", "2026/000002"]
    assert [model.index(r, 1).data() for r in range(2)] == ["50", "41"]
    assert model.index(0, 2).data().startswith("Nguyen")
    assert model.index(0, 4).data().endswith("(0 jour)")


def test_marked_sent_rows_disappear(view, qtbot, desk, monkeypatch) -> None:
    view.table.selectionModel().select(
        view.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )

    def exec_(dialog: MarkSentDialog) -> int:
        dialog.channel.setCurrentIndex(dialog.channel.findData("post"))
        dialog.note.setText("recommandé RR123")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MarkSentDialog, "exec", exec_)
    qtbot.mouseClick(view.sent_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 1
    assert view.model.index(0, 0).data() == "2026/000002"
    row = desk.store._one("SELECT sent_on, channel FROM transmissions WHERE sent_on IS NOT NULL")
    assert row == {"sent_on": TODAY.isoformat(), "channel": "post: recommandé RR123"}


def test_cover_list_has_the_register_numbers(view, qtbot, monkeypatch, pdf_text) -> None:
    sent: list[bytes] = []
    monkeypatch.setattr(view_module, "print_pdf", lambda pdf, *_a: sent.append(pdf) or True)
    qtbot.mouseClick(view.cover_button, Qt.MouseButton.LeftButton)
    text = pdf_text(sent[0])
    assert "2026/000001" in text and "2026/000002" in text
    assert "Bordereau d'envoi" in text  # the interface is in French


def test_cover_list_prints(view, qtbot, printed) -> None:
    qtbot.mouseClick(view.cover_button, Qt.MouseButton.LeftButton)
    assert len(printed) == 1 and printed[0].stat().st_size > 0
