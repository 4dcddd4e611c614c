"""The day's backup and the full check, off the window's thread once the window is shown
(``app.services.backups.background_check``), told in the status bar.

The clerk works meanwhile: the worker has its own connection and reads a snapshot, so
nothing waits for it. Only damage stops the counter: the window is then covered by the
recovery screen, so that nothing more is written to a damaged file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLabel

from app.services.backups import BackgroundReport, StartupState, background_check
from app.services.desk import Desk
from app.ui.i18n import _
from app.ui.main_window import MainWindow

logger = logging.getLogger(__name__)

STATUS_SECONDS = 10


class _Relay(QObject):
    done = Signal(object)  # BackgroundReport, or the exception that stopped the job


class _Job(QRunnable):
    def __init__(self, desk: Desk, today: date) -> None:
        super().__init__()
        self.relay = _Relay()
        self._window_desk = desk
        self._today = today

    def run(self) -> None:
        outcome: object
        try:
            desk = self._window_desk.for_another_thread()
            try:
                outcome = background_check(desk, self._today)
            finally:
                desk.close()
        except Exception as error:  # the window says it; the counter works on
            logger.exception("the background check could not run")
            outcome = error
        self.relay.done.emit(outcome)


class BackgroundCheck(QObject):
    """Started by :meth:`start` (the job runs at the next turn of the event loop, after
    the window is shown); ``finished(report)`` on the window's thread. ``on_damage`` is
    called with the recovery state when the full check finds damage."""

    finished = Signal(object)

    def __init__(
        self,
        window: MainWindow,
        desk: Desk,
        today: date,
        on_damage: Callable[[StartupState], None],
    ) -> None:
        super().__init__(window)
        self.setObjectName("background_check")
        self.window = window
        self.report: BackgroundReport | None = None
        self._on_damage = on_damage
        self._job = _Job(desk, today)
        self._job.relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)
        self.label = QLabel()
        self.label.setObjectName("background_status")

    def start(self) -> None:
        QTimer.singleShot(0, self, self._run)

    def _run(self) -> None:
        self.window.statusBar().addPermanentWidget(self.label)
        self.label.setText(_("Checking the database in the background…"))
        QThreadPool.globalInstance().start(self._job)

    def _done(self, outcome: object) -> None:
        if not isinstance(outcome, BackgroundReport):
            self.label.setText(
                _("The database could not be checked ({error}). Tell your IT support.").format(
                    error=type(outcome).__name__
                )
            )
            self.finished.emit(None)
            return
        self.report = outcome
        if outcome.backup_error is not None:
            problem = QLabel(
                _("The daily backup failed ({error}). Tell your IT support.").format(
                    error=outcome.backup_error
                )
            )
            problem.setObjectName("backup_problem")
            problem.setStyleSheet("color: #b00020;")
            self.window.statusBar().addPermanentWidget(problem)
        if outcome.damaged is not None:
            self.label.setText(_("The full check found damage: nothing more is written."))
            self.label.setStyleSheet("color: #b00020;")
            self._on_damage(outcome.damaged)
        else:
            self.window.statusBar().removeWidget(self.label)
            self.window.statusBar().showMessage(
                _("Database checked: sound."), STATUS_SECONDS * 1000
            )
        self.finished.emit(outcome)
