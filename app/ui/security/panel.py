"""The layout the covering screens share (lock, recovery, start failure): a title and one
framed panel of fixed width in the upper middle of the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

MARGIN = 24


def screen_title(object_name: str, scale: float = 1.6) -> QLabel:
    """A bold title, ``scale`` times the usual size."""
    title = QLabel()
    title.setObjectName(object_name)
    font = QFont(title.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    title.setFont(font)
    return title


def centred_panel(screen: QWidget, width: int) -> QVBoxLayout:
    """Lay ``screen`` out around one framed panel ``width`` pixels wide (word-wrapped labels
    need a known width for their height); the panel's layout, for the screen's widgets."""
    panel = QFrame()
    panel.setFrameShape(QFrame.Shape.StyledPanel)
    panel.setFixedWidth(width)
    inner = QVBoxLayout(panel)
    inner.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
    layout = QVBoxLayout(screen)
    layout.addStretch(1)
    layout.addWidget(panel, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addStretch(2)
    return inner
