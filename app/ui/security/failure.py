"""The screen shown instead of the views when the counter could not start safely.

Start-up fails closed: whatever went wrong after the database opened (a table missing, a
file the checks could not read), no personal data is shown; the clerk is told what to do."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.ui.i18n import _, translate_ui
from app.ui.security.panel import centred_panel, screen_title

PANEL_WIDTH = 520

logger = logging.getLogger(__name__)


class StartFailedScreen(QWidget):
    quit_requested = Signal()

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_failed_screen")
        self.error = error
        self.title = screen_title("start_failed_title")
        self.info = QLabel()
        self.info.setObjectName("start_failed_info")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quit = QPushButton()
        self.quit.setObjectName("start_failed_quit")
        self.quit.setDefault(True)
        self.quit.clicked.connect(self.quit_requested.emit)
        panel = centred_panel(self, PANEL_WIDTH)
        panel.addWidget(self.title)
        panel.addWidget(self.info)
        panel.addWidget(self.quit, 0, Qt.AlignmentFlag.AlignRight)
        translate_ui(self)

    def retranslate_ui(self) -> None:
        self.title.setText(_("The counter could not start safely"))
        self.info.setText(
            _(
                "Nothing is shown until the problem is solved ({error}). Quit, then tell "
                "your IT support: the log file says more, and `permitdesk check` examines "
                "the database."
            ).format(error=f"{type(self.error).__name__}: {self.error}")
        )
        self.quit.setText(_("&Quit"))
