"""Printing PDFs on the counter's printer: Qt's print dialog, A4, page by page.

Each page is rendered by QtPdf into an image at the printer's resolution (at most
``MAX_DPI``) and painted on the printer, so what prints is what the register stores.
``printer_hook`` lets a test send the output to a PDF file instead of a printer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.i18n import _

logger = logging.getLogger(__name__)

MAX_DPI = 300

#: Called with each new printer before the dialog opens (tests: PDF output to a file).
printer_hook: Callable[[QPrinter], None] | None = None


class PdfLoadError(RuntimeError):
    """QtPdf could not read the bytes (they should be one of our own PDFs)."""


def load_pdf(pdf: bytes, parent: QWidget | None = None) -> QPdfDocument:
    """A QPdfDocument over the bytes; the buffer is owned by the document."""
    document = QPdfDocument(parent) if parent is not None else QPdfDocument()
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() == QPdfDocument.Status.Loading:
        loop = QEventLoop()
        document.statusChanged.connect(lambda _status: loop.quit())
        loop.exec()
    if document.status() != QPdfDocument.Status.Ready:
        raise PdfLoadError(f"QtPdf could not load the PDF ({document.error()})")
    return document


def make_printer(printer_name: str = "") -> QPrinter:
    """An A4 printer, full page (our PDFs carry their own margins)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if printer_name:
        printer.setPrinterName(printer_name)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setFullPage(True)
    printer.setDocName("PermitDesk")
    if printer_hook is not None:
        printer_hook(printer)
    return printer


def paint_pdfs(documents: Sequence[QPdfDocument], printer: QPrinter) -> int:
    """Paint every page of every document on ``printer``; returns the pages printed."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    dpi = min(printer.resolution(), MAX_DPI)
    printed = 0
    try:
        for document in documents:
            for page in range(document.pageCount()):
                if printed:
                    printer.newPage()
                points = document.pagePointSize(page)
                size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
                image = document.render(page, size)
                target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                target.moveTo(0, 0)
                painter.drawImage(target, image)
                printed += 1
    finally:
        painter.end()
    return printed


def print_pdfs(pdfs: Sequence[bytes], parent: QWidget | None, printer_name: str = "") -> bool:
    """Ask where to print (Qt's print dialog), then print every PDF in one job.

    Returns False when the clerk cancelled the dialog."""
    documents = [load_pdf(pdf) for pdf in pdfs]
    try:
        printer = make_printer(printer_name)
        dialog = QPrintDialog(printer, parent)
        dialog.setWindowTitle(_("Print"))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            logger.info("printing cancelled")
            return False
        pages = paint_pdfs(documents, printer)
        logger.info("printed %d page(s) on %s", pages, printer.printerName() or "(file)")
        return True
    finally:
        for document in documents:
            document.deleteLater()


def print_pdf(pdf: bytes, parent: QWidget | None, printer_name: str = "") -> bool:
    """Print one PDF through Qt's print dialog; False when the clerk cancelled."""
    return print_pdfs([pdf], parent, printer_name)
