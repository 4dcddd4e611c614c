"""The screen that stands in for the views while nobody may see them: at start-up before
anyone signed in, after Sign out, and when the counter locked itself (Ctrl+L or idle).

It shows no personal data: the commune's counter, who locked it, and a sign-in form."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from app.ui.i18n import _, translate_ui
from app.ui.security.panel import centred_panel, screen_title
from app.ui.security.sign_in import SignInForm

logger = logging.getLogger(__name__)

PANEL_WIDTH = 520


class LockScreen(QWidget):
    """``locked_by`` empty: sign in (any name); else: that user's password, or another
    user (which signs the first one out)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.locked_by = ""
        self.title = screen_title("lock_title")
        self.info = QLabel()
        self.info.setObjectName("lock_info")
        self.info.setWordWrap(True)
        self.form = SignInForm()
        self.other_user = QPushButton()
        self.other_user.setObjectName("other_user")
        self.other_user.setFlat(True)
        self.other_user.clicked.connect(lambda: self.show_sign_in())
        panel = centred_panel(self, PANEL_WIDTH)
        panel.addWidget(self.title)
        panel.addWidget(self.info)
        panel.addWidget(self.form)
        panel.addWidget(self.other_user, 0, Qt.AlignmentFlag.AlignRight)
        translate_ui(self)

    def show_locked(self, name: str) -> None:
        self.locked_by = name
        self.form.reset(name, name_editable=False)
        self.retranslate_ui()

    def show_sign_in(self, refusal: str = "", name: str = "") -> None:
        """The sign-in form; after a refusal the name typed stays and the password is
        asked again (the focus is on it)."""
        self.locked_by = ""
        self.form.reset(name)
        if refusal:
            self.form.show_refusal(refusal)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        if self.locked_by:
            self.title.setText(_("This counter is locked"))
            self.info.setText(
                _(
                    "{name} locked it. Type their password to go on, or sign in as "
                    "another user (which signs {name} out)."
                ).format(name=self.locked_by)
            )
        else:
            self.title.setText(_("Sign in"))
            self.info.setText(_("Sign in to work at the counter."))
        self.other_user.setText(_("Sign in as &another user"))
        self.other_user.setVisible(bool(self.locked_by))
