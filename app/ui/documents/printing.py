"""Printing PDFs on the counter's printer: Qt's print dialog, A4, page by page.

Each page is rendered by QtPdf into an image at the printer's resolution (at most
``MAX_DPI``) and painted on the printer, so what prints is what the register stores.
"Print to file" in the dialog writes the PDF's own bytes instead (:func:`write_pdfs`), not
a raster of its pages: the file is the register's version, which ``permitdesk document
verify`` accepts. ``printer_hook`` lets a test send the output to a PDF file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QEventLoop, QIODevice, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from app.ui.i18n import _
from app.ui.messages import show_error

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
        if printer.outputFormat() is QPrinter.OutputFormat.PdfFormat and printer.outputFileName():
            return _write_or_say(pdfs, Path(printer.outputFileName()), parent)
        pages = paint_pdfs(documents, printer)
        logger.info("printed %d page(s) on %s", pages, printer.printerName())
        return True
    finally:
        for document in documents:
            document.deleteLater()


def file_names(path: Path, count: int) -> list[Path]:
    """Where :func:`write_pdfs` puts ``count`` PDFs: ``path``, then ``name-2.pdf``, ..."""
    return [path, *(path.with_name(f"{path.stem}-{n}{path.suffix}") for n in range(2, count + 1))]


def write_pdfs(pdfs: Sequence[bytes], path: Path) -> list[Path]:
    """Each PDF byte for byte in its own file (a PDF cannot hold two of ours unchanged)."""
    names = file_names(path, len(pdfs))
    for pdf, name in zip(pdfs, names, strict=True):
        name.write_bytes(pdf)
    logger.info("printed %d PDF(s) to %s", len(pdfs), path)
    return names


def _write_or_say(pdfs: Sequence[bytes], path: Path, parent: QWidget | None) -> bool:
    try:
        write_pdfs(pdfs, path)
    except OSError as error:
        logger.warning("cannot print to %s: %s", path, error)
        show_error(
            parent,
            _("Print"),
            _("The file {path} cannot be written: {reason}").format(
                path=path, reason=error.strerror or error
            ),
        )
        return False
    return True


def print_pdf(pdf: bytes, parent: QWidget | None, printer_name: str = "") -> bool:
    """Print one PDF through Qt's print dialog; False when the clerk cancelled."""
    return print_pdfs([pdf], parent, printer_name)
