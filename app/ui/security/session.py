"""Who works at this window, from sign-in to sign-out: the lock screen over the views,
the idle timer (the commune's ``idle_lock_minutes``), Ctrl+L, File > Sign out, the name
and role in the status bar, and the role applied to the counter's actions."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMenu

from app.domain.accounts import Role
from app.services import auth
from app.services import settings as settings_service
from app.services.desk import Desk
from app.ui.context import SIGNED_OUT, UiContext
from app.ui.i18n import _, translate_ui
from app.ui.main_window import MainWindow
from app.ui.qt_typed import child
from app.ui.rights.roles import gate
from app.ui.rights.texts import refusal_text, role_name
from app.ui.security.audit_view import AuditDialog
from app.ui.security.clock import Now, utc_now
from app.ui.security.lock import LockScreen
from app.ui.security.users_dialog import UsersDialog

logger = logging.getLogger(__name__)

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)
#: What stays usable while locked: quitting, the language, the about box.
KEEP_WHILE_LOCKED = ("quit_action", "about_action", "language_")


class ActivityMonitor(QObject):
    """One application-wide event filter for every window's idle lock: a filter per window
    would make every event of the application pass through one Python call per window
    ever opened."""

    activity = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's virtual
        if event.type() in INPUT_EVENTS:
            self.activity.emit()
        return False


_monitor: ActivityMonitor | None = None


def activity_monitor() -> ActivityMonitor | None:
    """The application's activity monitor, installed on first use (None without an app)."""
    global _monitor
    app = QApplication.instance()
    if app is None:
        return None
    if _monitor is None:
        _monitor = ActivityMonitor(app)
        app.installEventFilter(_monitor)
    return _monitor


class Session(QObject):
    """One per window; ``locked`` while the lock screen covers the views."""

    def __init__(self, window: MainWindow, ctx: UiContext, now: Now = utc_now) -> None:
        super().__init__(window)
        self.setObjectName("session")
        self.window, self.ctx, self.now = window, ctx, now
        self.locked = False
        self._disabled: list[QAction] = []
        self.screen = LockScreen()
        self.screen.form.submitted.connect(self.submit)
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("idle_timer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self.lock)
        self.status = QLabel()
        self.status.setObjectName("signed_in_label")
        window.statusBar().addPermanentWidget(self.status)
        self._build_actions()
        ctx.data_changed.connect(self._on_data_changed)
        monitor = activity_monitor()
        if monitor is not None:
            monitor.activity.connect(self._on_activity)
        translate_ui(self)
        self.apply_role()

    # -- state ----------------------------------------------------------------------------

    @property
    def desk(self) -> Desk:
        return self.ctx.desk

    def restart_idle_timer(self) -> None:
        if self.desk.account is None or self.locked:
            self.idle_timer.stop()
            return
        minutes = settings_service.idle_lock_minutes(self.desk)
        self.idle_timer.start(minutes * 60_000)

    def require_sign_in(self, refusal: str = "") -> None:
        """Cover the views until someone signs in."""
        self._cover()
        self.screen.show_sign_in(refusal)

    def lock(self) -> None:
        """Hide the views until the same user's password (or another user) is given."""
        if self.desk.account is None or self.locked:
            return
        logger.info("counter locked")
        self._cover()
        self.screen.show_locked(self.desk.account.name)

    def sign_out(self) -> None:
        auth.sign_out(self.desk)
        self.ctx.changed(SIGNED_OUT)
        self.require_sign_in()

    def submit(self, name: str, password: str) -> bool:
        """The lock screen's form: unlock, or sign in (signing out whoever was in)."""
        current = self.desk.account
        try:
            if current is not None and self.screen.locked_by and name == current.name:
                auth.authenticate(self.desk, name, password, self.now())
            else:
                if current is not None:
                    auth.sign_out(self.desk)
                    self.ctx.changed(SIGNED_OUT)
                    self.screen.locked_by = ""
                auth.sign_in(self.desk, name, password, self.now())
        except auth.AuthError as error:
            logger.info("sign-in refused (%s)", error.kind)
            if self.screen.locked_by:
                self.screen.form.show_refusal(refusal_text(error))
            else:
                self.screen.show_sign_in(refusal_text(error), name)
            self.apply_role()
            return False
        self.signed_in()
        return True

    def signed_in(self) -> None:
        """Show the views to the account now on the desk."""
        self.locked = False
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.window.uncover()
        self.window.focus_current_view()
        self.apply_role()
        self.restart_idle_timer()
        self.ctx.changed("session")

    def _cover(self) -> None:
        self.locked = True
        self.idle_timer.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()  # a dialog on screen may show a holder
        self.window.statusBar().clearMessage()
        if not self._disabled:
            for action in self.window.findChildren(QAction):
                keep = action.objectName().startswith(KEEP_WHILE_LOCKED)
                menu = action.menu() is not None  # the menus stay; their entries do not
                if action.isEnabled() and not (keep or menu or action.isSeparator()):
                    action.setEnabled(False)
                    self._disabled.append(action)
        self.window.cover(self.screen)
        self.apply_role()

    # -- roles ----------------------------------------------------------------------------

    def apply_role(self) -> None:
        desk = self.desk
        accounts_exist = auth.accounts_exist(desk)
        open_ = not self.locked
        gate(self.lock_action, desk, Role.CLERK, open_ and desk.account is not None)
        gate(self.sign_out_action, desk, Role.CLERK, open_ and desk.account is not None)
        self.lock_action.setVisible(accounts_exist)
        self.sign_out_action.setVisible(accounts_exist)
        gate(self.users_action, desk, Role.ADMINISTRATOR, open_)
        gate(self.audit_action, desk, Role.SUPERVISOR, open_)
        counter = self.window.findChild(QObject, "counter")
        for name, role in (
            ("settings_action", Role.SUPERVISOR),
            ("import_action", Role.ADMINISTRATOR),
        ):
            action = getattr(counter, name, None)
            if isinstance(action, QAction):
                gate(action, desk, role, open_)
        self.retranslate_ui()

    # -- Qt -------------------------------------------------------------------------------

    def _on_activity(self) -> None:
        """Input anywhere in the application restarts the idle countdown."""
        if not self.locked and self.idle_timer.isActive():
            self.idle_timer.start()

    def _on_data_changed(self, entity: str, _entity_id: int) -> None:
        if entity == "settings":
            self.restart_idle_timer()

    def _build_actions(self) -> None:
        window = self.window
        self.lock_action = QAction(window)
        self.lock_action.setObjectName("lock_action")
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda _checked=False: self.lock())
        self.sign_out_action = QAction(window)
        self.sign_out_action.setObjectName("sign_out_action")
        self.sign_out_action.triggered.connect(lambda _checked=False: self.sign_out())
        file_menu = child(window, QMenu, "file_menu")
        quit_action = child(window, QAction, "quit_action")
        file_menu.insertAction(quit_action, self.lock_action)
        file_menu.insertAction(quit_action, self.sign_out_action)
        file_menu.insertSeparator(quit_action)
        self.users_action = QAction(window)
        self.users_action.setObjectName("users_action")
        self.users_action.triggered.connect(lambda _checked=False: self.show_users())
        self.audit_action = QAction(window)
        self.audit_action.setObjectName("audit_action")
        self.audit_action.triggered.connect(lambda _checked=False: self.show_audit())
        tools = window.findChild(QMenu, "tools_menu")
        if tools is not None:
            tools.addAction(self.users_action)
            tools.addAction(self.audit_action)

    def show_users(self) -> None:
        UsersDialog(self.ctx, self.now, self.window).exec()
        self.apply_role()

    def show_audit(self) -> None:
        AuditDialog(self.ctx, self.window).exec()

    def retranslate_ui(self) -> None:
        self.lock_action.setText(_("&Lock"))
        self.lock_action.setStatusTip(_("Hide the data until your password is typed again"))
        self.sign_out_action.setText(_("Sign &out"))
        self.users_action.setText(_("&Users…"))
        self.audit_action.setText(_("&Audit trail…"))
        account = self.desk.account
        if account is not None:
            self.status.setText(
                _("Signed in: {name} ({role})").format(
                    name=account.name, role=role_name(account.role)
                )
            )
        elif auth.accounts_exist(self.desk):
            self.status.setText(_("Nobody signed in"))
        else:
            self.status.setText(_("No accounts yet: everyone may do everything"))
