"""Printing and previewing a PDF: a printer gets each page painted, "Print to file" gets the
PDF's own bytes, and the preview zooms and pages through from the keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from support.windows import messages as messages

from app.ui.documents import printing
from app.ui.documents.pdf_preview import PdfPreview
from app.ui.documents.printing import make_printer, paint_pdfs, print_pdfs
from app.ui.i18n import Translator


def two_pages(title: str) -> bytes:
    """A small A4 PDF of two pages, written by Qt."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.drawText(200, 200, f"{title} 1")
    writer.newPage()
    painter.drawText(200, 200, f"{title} 2")
    painter.end()
    buffer.close()
    return bytes(data.data())


@pytest.fixture
def to_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The print dialog accepts with "Print to file" chosen, to this path."""
    path = tmp_path / "annex.pdf"

    def hook(printer: QPrinter) -> None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))

    monkeypatch.setattr(printing, "printer_hook", hook)
    monkeypatch.setattr(QPrintDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    return path


def test_print_to_file_writes_each_pdf_byte_for_byte(to_file: Path) -> None:
    first, second = two_pages("first"), two_pages("second")
    assert print_pdfs([first, second], None)
    assert to_file.read_bytes() == first
    assert to_file.with_name("annex-2.pdf").read_bytes() == second


def test_print_to_a_file_that_cannot_be_written_says_so(
    to_file: Path, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    to_file.mkdir()  # a folder where the file should go
    assert not print_pdfs([two_pages("x")], None)
    assert len(messages) == 1 and str(to_file) in messages[0]


def test_a_printer_gets_every_page_painted(tmp_path: Path) -> None:
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "raster.pdf"))
    printer.setResolution(72)
    documents = [printing.load_pdf(two_pages("a")), printing.load_pdf(two_pages("b"))]
    assert paint_pdfs(documents, printer) == 4
    assert len(PdfReader(tmp_path / "raster.pdf").pages) == 4


def test_the_preview_zooms_and_pages_from_the_keyboard(
    qtbot: QtBot, translator: Translator
) -> None:
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.resize(500, 600)
    preview.set_pdf(two_pages("preview"))
    with qtbot.waitActive(preview):  # shortcuts answer in the active window
        preview.show()
        preview.activateWindow()
    assert preview.page_label.text() == "Page 1 sur 2"
    assert preview.fit_width.isChecked() and not preview.previous_button.isEnabled()
    fitted = preview.zoom_factor()
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert preview.view.zoomMode() is QPdfView.ZoomMode.Custom
    assert preview.view.zoomFactor() == pytest.approx(fitted * 1.25)
    assert not preview.fit_width.isChecked()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: preview.current_page == 1)
    assert preview.page_label.text() == "Page 2 sur 2" and not preview.next_button.isEnabled()
    preview.fit_page.click()
    assert preview.view.zoomMode() is QPdfView.ZoomMode.FitInView
    assert preview.fit_page.isChecked() and not preview.fit_width.isChecked()
    focusable = [preview.fit_width, preview.fit_page, preview.zoom_out_button, preview.view]
    assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in focusable)
