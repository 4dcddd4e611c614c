"""Start-up of the counter on a database, in order: check the file in constant time
(recover it from a checked backup when it is damaged), warn once about a network share,
open the counter, ask who works (the first administrator, or a sign-in); once the window
is shown, the day's backup and the full check run in the background
(:mod:`app.ui.background_check`). A register on a PostgreSQL server has no file here: the
start connects to it (a server that does not answer is said, with Retry), and the status
bar says that the register is on the server, backed up there by its administrator."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.config import Database, is_server_target
from app.domain.accounts import Role
from app.domain.errors import Conflict, StoreError
from app.domain.passwords import WeakPassword
from app.paths import DAMAGED, aside_path
from app.services import auth
from app.services.backups import StartupState, startup_check
from app.services.desk import Desk
from app.services.maintenance import restore
from app.ui.background_check import BackgroundCheck
from app.ui.counter import open_counter
from app.ui.i18n import _
from app.ui.main_window import MainWindow
from app.ui.rights.texts import needs, policy_text, refusal_text
from app.ui.security.clock import Now, utc_now
from app.ui.security.failure import StartFailedScreen
from app.ui.security.recovery import RecoveryScreen
from app.ui.security.server_wait import ServerWait
from app.ui.security.session import Session
from app.ui.security.sign_in import FirstAdministratorDialog

logger = logging.getLogger(__name__)


def start_counter(
    window: MainWindow,
    path: Database,
    clock: Callable[[], date] = date.today,
    now: Now = utc_now,
    warn_network: bool = True,
) -> Session | None:
    """The counter in ``window`` with its session, or None while a screen explains why
    it cannot open (it opens the counter itself once the problem is solved)."""
    try:
        state = startup_check(path)
        if state.network_warning and warn_network:
            _warn_network(window, path)
        if not state.ok:
            logger.warning("database %s at start-up: %s (%s)", path, state.kind, state.message)
            _recover(window, path, state, clock, now)
            return None
        ctx = open_counter(window, path, clock)
        if ctx is None:
            return None
        session = Session(window, ctx, now)
        desk = ctx.desk

        def damaged(state: StartupState) -> None:
            desk.close()  # nothing more is written to a damaged file
            _recover(window, path, state, clock, now, counter_open=True)

        if desk.on_server:
            logger.info("register on a server: no file to back up or check here")
        else:
            BackgroundCheck(window, desk, clock(), damaged).start()
        if auth.accounts_exist(ctx.desk):
            session.require_sign_in()
        else:
            ask_first_administrator(session)
    except Exception as error:  # fail closed: whatever broke, the views stay covered
        logger.exception("the counter on %s could not start", path)
        screen = StartFailedScreen(error)
        screen.quit_requested.connect(window.close)
        window.cover(screen)
        return None
    return session


def ask_first_administrator(session: Session) -> FirstAdministratorDialog:
    """A window-modal dialog that does not block; ``Not now`` goes on without accounts."""
    desk = session.desk

    def create(name: str, password: str) -> str:
        try:
            auth.create_first_administrator(desk, name, password)
            auth.sign_in(desk, name, password, session.now())
        except WeakPassword as error:
            return policy_text(error)
        except Conflict:
            return _("Accounts exist already: sign in instead.")
        except ValueError:
            return _("A name has 1 to 64 characters, without control characters.")
        except StoreError:
            logger.exception("first administrator not saved")
            return _("The database could not be written. Nothing was saved.")
        session.signed_in()
        return ""

    dialog = FirstAdministratorDialog(create, session.window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def _warn_network(window: MainWindow, path: Database) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _("Database on a network share"),
        _("The database {path} is on a network share.").format(path=path),
        QMessageBox.StandardButton.Ok,
        window,
    )
    box.setObjectName("network_warning")
    box.setInformativeText(
        _(
            "Two computers writing to it through the network can damage it. Ask your IT "
            "support to move it to this computer's own disk."
        )
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()


def _set_aside(path: Path) -> Path:
    """Move a file SQLite cannot read out of the way (the restore cannot copy it first);
    it stays beside the database as ``*.damaged-<time>``."""
    aside = aside_path(path, DAMAGED)
    for suffix in ("", "-wal", "-shm"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            part.rename(aside.with_name(aside.name + suffix))
    return aside


def _put_back(aside: Path, path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        part = aside.with_name(aside.name + suffix)
        if part.exists():
            part.replace(path.with_name(path.name + suffix))


def _recover(
    window: MainWindow,
    path: Database,
    state: StartupState,
    clock: Callable[[], date],
    now: Now,
    counter_open: bool = False,
) -> RecoveryScreen:
    """Cover the window with the recovery screen. ``counter_open``: the damage was found
    by the background check, under a counter already built: once restored, the clerk
    starts PermitDesk again."""
    screen = RecoveryScreen(
        state,
        path,
        auth.file_has_accounts(Path(path)) if state.kind == "damaged" else False,
        on_server=is_server_target(path),
    )

    def reopen() -> None:
        if counter_open:
            screen.restore_button.hide()
            screen.show_problem(
                _("The backup is restored. Quit PermitDesk and start it again to work on it.")
            )
            return
        window.uncover()
        screen.deleteLater()
        start_counter(window, path, clock, now, warn_network=False)

    def on_restore(name: str, password: str) -> None:
        source = screen.chosen_backup()
        if source is None:
            return
        user = None
        if screen.needs_admin:
            try:
                with Desk.open(path, clock=clock) as desk:
                    account = auth.authenticate(desk, name, password, now())
            except auth.AuthError as error:
                screen.show_problem(refusal_text(error))
                return
            except Exception:  # fail closed: no administrator checked, no restore
                logger.exception("cannot check the administrator on %s", path)
                screen.show_problem(
                    _(
                        "The administrator's password cannot be checked in this file. "
                        "Restore the backup from the command line: permitdesk restore."
                    )
                )
                return
            if account.role is not Role.ADMINISTRATOR:
                screen.show_problem(needs(Role.ADMINISTRATOR))
                return
            user = account.name
        file = Path(path)  # a restore is offered for a damaged file only
        aside = _set_aside(file) if state.kind == "unreadable" else None
        try:
            # The screen said what is lost since that day: the administrator chose it.
            kept = restore(source, file, user=user, allow_older_register=True) or aside
        except Exception as error:
            logger.exception("restore of %s from %s failed", path, source)
            if aside is not None:
                _put_back(aside, file)
            screen.show_problem(
                _("The backup could not be restored ({error}). Nothing was changed.").format(
                    error=error
                )
            )
            return
        logger.info("restored from %s; the damaged file is kept as %s", source, kept)
        reopen()

    screen.restore_requested.connect(on_restore)
    if is_server_target(path):  # asked again off this thread: the window never waits
        wait = ServerWait(path, screen)
        wait.answered.connect(reopen)
        wait.still_away.connect(
            lambda _state: screen.show_problem(
                _("The server still does not answer; PermitDesk asks it again every few seconds.")
            )
        )
        screen.retry_requested.connect(lambda: wait.ask(by_clerk=True))
    else:
        screen.retry_requested.connect(reopen)
    screen.quit_requested.connect(window.close)
    window.cover(screen)
    return screen
