"""What the window shows when the database cannot be used as it is: damaged or unreadable
(restore the latest good backup), too new or in use (Retry, Quit); a register on a
PostgreSQL server that does not answer or refuses this workstation (Retry, Quit: there is
no file here to restore). Never a traceback."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.config import Database
from app.services.backups import StartupState, backup_date
from app.services.desk import register_name
from app.ui.documents.labels import day_text
from app.ui.i18n import _, translate_ui
from app.ui.security.panel import centred_panel, screen_title
from app.ui.security.sign_in import error_label, password_field

logger = logging.getLogger(__name__)

PANEL_WIDTH = 720


class RecoveryScreen(QWidget):
    """``restore_requested(name, password)`` (empty when no sign-in is needed),
    ``retry_requested`` and ``quit_requested`` are handled by whoever opened it."""

    restore_requested = Signal(str, str)
    retry_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self,
        state: StartupState,
        path: Database,
        needs_admin: bool,
        parent: QWidget | None = None,
        on_server: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_screen")
        self.state, self.path, self.needs_admin = state, path, needs_admin
        self.on_server = on_server
        self.title = screen_title("recovery_title", scale=1.5)
        self.text = QLabel()
        self.text.setObjectName("recovery_text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name = QLineEdit()
        self.name.setObjectName("admin_name")
        self.password = password_field("admin_password")
        self.name_label, self.password_label = QLabel(), QLabel()
        self.credentials = QWidget()
        form = QFormLayout(self.credentials)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.name_label, self.name)
        form.addRow(self.password_label, self.password)
        self.credentials.setVisible(needs_admin and self.can_restore)
        self.copies_label = QLabel()
        self.copies = QComboBox()
        self.copies.setObjectName("backup_choice")
        self.copies_label.setBuddy(self.copies)
        for copy in self._offered():
            self.copies.addItem(copy.name, copy)
        self.copies.currentIndexChanged.connect(lambda _index: self.retranslate_ui())
        self.choice = QWidget()
        choice = QFormLayout(self.choice)
        choice.setContentsMargins(0, 0, 0, 0)
        choice.addRow(self.copies_label, self.copies)
        self.choice.setVisible(self.can_restore and self.copies.count() > 1)
        self.message = error_label("recovery_message")
        self.message.hide()
        self.restore_button = QPushButton()
        self.restore_button.setObjectName("restore")
        self.restore_button.setVisible(self.can_restore)
        self.restore_button.clicked.connect(
            lambda: self.restore_requested.emit(self.name.text(), self.password.text())
        )
        self.retry_button = QPushButton()
        self.retry_button.setObjectName("retry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.retry_button.setVisible(state.kind != "moved")  # a moved register stays moved
        self.quit_button = QPushButton()
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(self.quit_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.restore_button, self.retry_button, self.quit_button):
            buttons.addWidget(button)
        panel = centred_panel(self, PANEL_WIDTH)
        for widget in (self.title, self.text, self.choice, self.credentials, self.message):
            panel.addWidget(widget)
        panel.addLayout(buttons)
        translate_ui(self)

    @property
    def can_restore(self) -> bool:
        return (
            not self.on_server
            and self.state.kind in ("unreadable", "damaged")
            and bool(self.state.latest_good_backup)
        )

    def _offered(self) -> list[Path]:
        """The checked backups, newest first, the latest good one among them."""
        good = self.state.latest_good_backup
        copies = list(self.state.backups)
        if good is not None and good not in copies:
            copies.insert(0, good)
        return copies

    def chosen_backup(self) -> Path | None:
        """The backup to restore: the one chosen in the list (the latest good one unless
        the administrator picks an older one)."""
        if not self.can_restore:
            return None
        chosen = self.copies.currentData()
        return chosen if isinstance(chosen, Path) else self.state.latest_good_backup

    def show_problem(self, text: str) -> None:
        self.password.clear()
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _what(self) -> tuple[str, str]:
        kind, path = self.state.kind, self.path
        if self.on_server and kind != "too_new":
            return self._what_on_server()
        if kind == "too_new":
            return _("This database is from a newer PermitDesk"), _(
                "{path} was written by a newer version of PermitDesk. Install that version "
                "or a newer one on this computer to open it."
            ).format(path=path)
        if kind == "moved":
            return _("This register has moved to a server"), _(
                "The register in {path} was moved to the PostgreSQL server {server} on "
                "{date}. This file is kept as it was then and takes no more work. Ask your "
                "IT support to point this counter at the server."
            ).format(path=path, server=self.state.message, date=self._moved_day())
        if kind == "locked":
            return _("The database is in use"), _(
                "{path} is in use by another program. Wait a moment, then choose Retry. If "
                "it keeps happening, contact your IT support."
            ).format(path=path)
        if kind == "damaged":
            what = _("The database {path} is damaged: the check found {count} problem(s).")
        else:
            what = _("The database {path} cannot be read: it is damaged or not a database.")
        what = what.format(path=path, count=len(self.state.problems))
        good = self.state.latest_good_backup
        if good is None:
            advice = _(
                "No good backup was found beside it. Nothing was changed. Contact your IT "
                "support before anyone works on this computer."
            )
        else:
            advice = _(
                "The latest good backup is from {date}. Restoring it brings the database "
                "back to that day: what was recorded since is lost. The damaged file is "
                "kept beside it."
            ).format(date=self._backup_day())
            if self.needs_admin:
                advice += " " + _("An administrator must sign in to restore.")
        return _("The database needs repair"), f"{what}\n\n{advice}"

    def _what_on_server(self) -> tuple[str, str]:
        """A register on a server: nothing to restore here; what the clerk can check, and
        what to ask IT."""
        kind, server = self.state.kind, register_name(self.path)
        if kind == "server":
            return _("The register's server does not answer"), _(
                "The PostgreSQL server of the register ({server}) cannot be reached from "
                "this computer. Check that the computer is connected to the network, then "
                "choose Retry. If it keeps happening, ask your IT support whether the "
                "server is running."
            ).format(server=server)
        if kind == "not_permitted":
            return _("The register's server refuses this computer"), _(
                "The PostgreSQL server of the register ({server}) refused this "
                "workstation's database login. Nothing was changed. Ask your IT support "
                "to check the workstation's login and its role (docs/admin.md)."
            ).format(server=server)
        return _("The register cannot be opened"), _(
            "The register on the PostgreSQL server ({server}) cannot be opened. Nothing "
            "was changed. Choose Retry in a moment; if it keeps happening, tell your IT "
            "support (the log file says more)."
        ).format(server=server)

    def _moved_day(self) -> str:
        try:
            return day_text(date.fromisoformat(self.state.moved_on))
        except ValueError:
            return self.state.moved_on

    def _backup_day(self, backup: Path | None = None) -> str:
        good = backup or self.state.latest_good_backup
        day = backup_date(good) if good is not None else None
        return day_text(day) if day is not None else (good.name if good else "")

    def retranslate_ui(self) -> None:
        title, text = self._what()
        self.title.setText(title)
        self.text.setText(text)
        # the panel is placed by alignment, so the label's height is never asked for its width
        self.text.setMinimumHeight(self.text.heightForWidth(PANEL_WIDTH - 48))
        self.name_label.setText(_("Administrator's &name:"))
        self.password_label.setText(_("&Password:"))
        chosen = self.chosen_backup()
        if chosen is None or chosen == self.state.latest_good_backup:
            self.restore_button.setText(
                _("&Restore the latest good backup ({date})").format(date=self._backup_day())
            )
        else:
            self.restore_button.setText(
                _("&Restore the backup of {date}").format(date=self._backup_day(chosen))
            )
        self.copies_label.setText(_("&Checked backups, newest first:"))
        for index in range(self.copies.count()):
            copy = self.copies.itemData(index)
            self.copies.setItemText(index, f"{self._backup_day(copy)} ({copy.name})")
        self.retry_button.setText(_("Re&try"))
        self.quit_button.setText(_("&Quit"))
