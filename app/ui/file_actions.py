"""Entry points the counter's views call to open the renewal wizard, a file, a document,
and the transmissions view (a tab of the main window).

Dialogs open window-modal without blocking (``open()``); each deletes itself on close.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.services import records
from app.ui.context import UiContext
from app.ui.documents.document_dialog import DocumentDialog
from app.ui.documents.file_page import FilePage
from app.ui.transmissions import TransmissionsView
from app.ui.wizard.wizard import RenewalWizard

logger = logging.getLogger(__name__)

__all__ = ["TransmissionsView", "show_document", "show_file", "show_renewal_wizard"]


def show_renewal_wizard(
    ctx: UiContext, holder_id: int, parent: QWidget, file_id: int | None = None
) -> None:
    """Open the renewal wizard for a holder: a new file (or ``file_id``, left open before
    anything was issued), up to the printed annex."""
    wizard = RenewalWizard(ctx, holder_id, parent, file_id)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()


def _open_file_page(ctx: UiContext, file_id: int, parent: QWidget) -> FilePage:
    for page in parent.findChildren(FilePage):
        if page.file_id == file_id and page.isVisible():
            page.raise_()
            page.activateWindow()
            return page
    page = FilePage(ctx, file_id, parent)
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    holder_id = page.file.holder_id

    def resume(resumed_id: int) -> None:
        page.accept()
        show_renewal_wizard(ctx, holder_id, parent, resumed_id)

    page.resume_requested.connect(resume)
    page.open()
    return page


def show_file(ctx: UiContext, file_id: int, parent: QWidget) -> None:
    """Open a renewal file's page (or bring it to the front if it is open already)."""
    _open_file_page(ctx, file_id, parent)


def show_document(ctx: UiContext, document_id: int, parent: QWidget) -> None:
    """Open the page of the document's file with the document selected, or the document
    on its own when it belongs to no file."""
    document = records.document(ctx.desk, document_id)
    if document.file_id is not None:
        _open_file_page(ctx, document.file_id, parent).select_document(document_id)
        return
    dialog = DocumentDialog(ctx, document_id, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
