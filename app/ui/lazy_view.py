"""A tab whose view is built the first time the clerk brings it to the front.

The counter opens on Today; a view behind another tab (the transmissions list, with the
PDF libraries its cover list needs) would only slow the start if it were built before
the window is shown (issue 14, point 1). :class:`LazyView` stands in its place until then.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.ui.i18n import _

logger = logging.getLogger(__name__)


class LazyView(QWidget):
    """Holds the place of the view ``build`` returns, and builds it when first shown."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build: Callable[[], QWidget] | None = build
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.view: QWidget | None = None

    def ensure_built(self) -> QWidget | None:
        """The view, built now if it was not yet; None when it could not be built (the
        tab then says the screen is not available, and the log says why)."""
        build, self._build = self._build, None
        if build is not None:
            try:
                self.view = build()
            except Exception:  # a broken screen must not take the counter down with it
                logger.exception("a view could not be built")
                self._layout.addWidget(QLabel(_("This screen is not available in this version.")))
            else:
                self._layout.addWidget(self.view)
                self.view.show()  # added to a widget already shown: Qt shows it only on ask
        return self.view

    def showEvent(self, event: QShowEvent) -> None:  # Qt's virtual
        self.ensure_built()
        super().showEvent(event)
