"""The screen shown instead of the views when the counter could not start safely.

Start-up fails closed: whatever went wrong after the database opened (a table missing, a
file the checks could not read), no personal data is shown; the clerk is told what to do."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.ui.i18n import _, translate_ui

logger = logging.getLogger(__name__)


class StartFailedScreen(QWidget):
    quit_requested = Signal()

    def __init__(self, error: BaseException, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_failed_screen")
        self.error = error
        self.title = QLabel()
        self.title.setObjectName("start_failed_title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.info = QLabel()
        self.info.setObjectName("start_failed_info")
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.quit = QPushButton()
        self.quit.setObjectName("start_failed_quit")
        self.quit.setDefault(True)
        self.quit.clicked.connect(self.quit_requested.emit)
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        panel.setFixedWidth(520)  # word-wrapped labels need a known width for their height
        inner = QVBoxLayout(panel)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.addWidget(self.title)
        inner.addWidget(self.info)
        inner.addWidget(self.quit, 0, Qt.AlignmentFlag.AlignRight)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
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
