"""Long service calls on a worker thread, with a progress dialog and Cancel (the way of
Anki's ``aqt.operations``): one helper for every long task (CSV import, batch print,
backup).

SQLite connections belong to the thread that opened them, so the worker opens its own
:class:`Desk` on the same database file, runs the operation and closes it. Cancel
interrupts SQLite: the operation's transaction rolls back and nothing is written. The
result (or the error) comes back on the GUI thread; on success the views are told that
the data changed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.domain.errors import Interrupted
from app.services.desk import Desk
from app.ui.context import UiContext
from app.ui.i18n import _

logger = logging.getLogger(__name__)


class Cancelled(Exception):
    """The clerk pressed Cancel; nothing was written."""


class _Relay(QObject):
    """Carries the worker's outcome to the GUI thread (queued signal)."""

    done = Signal(object, object)  # result, error


class _Job(QRunnable):
    def __init__(self, desk: Desk, operation: Callable[[Desk], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.relay = _Relay()
        self._window_desk = desk
        self._operation = operation
        self._lock = threading.Lock()
        self._desk: Desk | None = None
        self._cancelled = False

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._desk is not None:
                self._desk.interrupt()

    def run(self) -> None:
        result: Any = None
        error: BaseException | None = None
        try:
            with self._lock:
                if self._cancelled:
                    raise Cancelled()
                self._desk = self._window_desk.for_another_thread()
            try:
                result = self._operation(self._desk)
            finally:
                with self._lock:
                    self._desk.close()
                    self._desk = None
        except BaseException as caught:
            error = caught
        if self._cancelled and isinstance(error, Interrupted):
            error = Cancelled()
        self.relay.done.emit(result, error)


class Operation[T](QObject):
    """A running operation; keeps the progress dialog and the job alive until it ends."""

    finished = Signal(object, object)  # result, error (Cancelled when cancelled)

    def __init__(self, job: _Job, dialog: QProgressDialog, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.dialog = dialog
        self.running = True
        dialog.canceled.connect(self.cancel)
        job.relay.done.connect(self._done, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        logger.info("operation cancelled by the clerk")
        self.dialog.setLabelText(_("Cancelling…"))
        self.job.cancel()

    def _done(self, result: Any, error: BaseException | None) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.deleteLater()
        if error is not None and not isinstance(error, Cancelled):
            logger.warning("operation failed: %s", error, exc_info=error)
        self.finished.emit(result, error)
        self.deleteLater()


def run_operation[T](
    ctx: UiContext,
    parent: QWidget,
    label: str,
    operation: Callable[[Desk], T],
    on_done: Callable[[T | None, BaseException | None], None],
    changed: str | None = None,
) -> Operation[T]:
    """Run ``operation(desk)`` on a worker thread behind a progress dialog with Cancel.

    ``label`` is already translated. ``on_done(result, error)`` runs on the GUI thread;
    ``error`` is :class:`Cancelled` when the clerk cancelled. On success, when ``changed``
    names an entity, ``ctx.changed(changed)`` tells the views to refresh.
    """
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setObjectName("progress_dialog")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    job = _Job(ctx.desk, operation)
    running: Operation[T] = Operation(job, dialog, parent)

    def finish(result: Any, error: BaseException | None) -> None:
        if error is None and changed:
            ctx.changed(changed)
        on_done(result, error)

    running.finished.connect(finish)
    QThreadPool.globalInstance().start(job)
    return running
