"""Telling the clerk that something went wrong, in sentences and never with a traceback.

``show_error``, ``show_warning``, ``show_information`` and ``ask_yes_no`` take texts that the
caller has already translated with ``_()``. :func:`install_excepthook` catches what nobody
caught: the traceback goes to the log file, the clerk gets a short translated message.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.ui.i18n import _

logger = logging.getLogger(__name__)

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str = "",
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setInformativeText(details)
    return box


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A modal error: ``text`` says what failed, ``details`` what the clerk can do about it."""
    logger.info("Error shown: %s — %s", title, text)
    _box(parent, QMessageBox.Icon.Critical, title, text, details).exec()


def show_warning(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A modal warning the clerk acknowledges."""
    _box(parent, QMessageBox.Icon.Warning, title, text, details).exec()


def show_information(parent: QWidget | None, title: str, text: str) -> None:
    """A modal piece of information."""
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def ask_yes_no(parent: QWidget | None, title: str, text: str) -> bool:
    """Ask a yes/no question; ``No`` is the default answer."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


def keep_or_discard(parent: QWidget | None) -> bool | None:
    """Leaving a renewal file unfinished: True keeps it to finish later, False discards
    it, None goes back to it. Keep is the default: nothing typed is lost by Enter."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _("Leave the renewal file"),
        _(
            "Nothing was issued. Keep the file to finish it later (from the holder's page), "
            "or discard it?"
        ),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    keep = box.addButton(_("&Keep the file"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("&Discard it"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is keep:
        return True
    if clicked is discard:
        return False
    return None


def _unexpected_error_text(log_file: Path | None) -> tuple[str, str, str]:
    """Title, text and advice shown for an error nobody expected."""
    title = _("Unexpected error")
    text = _(
        "PermitDesk ran into a problem it did not expect. What you were doing may not "
        "have been completed or saved."
    )
    if log_file is None:
        advice = _("Please try again. If it happens again, contact your IT support.")
    else:
        advice = _(
            "Please try again. If it happens again, contact your IT support and give "
            "them the log file: {path}"
        ).format(path=log_file)
    return title, text, advice


def install_excepthook(log_file: Path | None = None) -> ExceptHook:
    """Route uncaught exceptions to the log and to a message box; returns the old hook."""
    previous = sys.excepthook
    showing = False

    def hook(
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        nonlocal showing
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        logger.critical("Uncaught exception", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None or showing:
            return
        showing = True
        try:
            show_error(QApplication.activeWindow(), *_unexpected_error_text(log_file))
        finally:
            showing = False

    sys.excepthook = hook
    return previous
