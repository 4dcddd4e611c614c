"""Waiting for a register's server that did not answer at start: asked again on a worker
thread every :data:`ASK_AGAIN_MS` (and at once when the clerk chooses Retry), so that the
window stays live while the network gives up (issue 15, point 5); ``answered`` once it
opens."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from app.config import Database
from app.services.backups import StartupState, server_check

#: How often the server is asked again while the screen says it does not answer.
ASK_AGAIN_MS = 3000


class _Relay(QObject):
    """Carries the worker's answer to the GUI thread (queued signal)."""

    done = Signal(object)  # the StartupState


class _Ask(QRunnable):
    def __init__(self, target: Database, relay: _Relay) -> None:
        super().__init__()
        self._target, self._relay = target, relay

    def run(self) -> None:
        self._relay.done.emit(server_check(str(self._target)))


class ServerWait(QObject):
    """``answered`` when the server of ``target`` opens; ``still_away(state)`` after each
    attempt the clerk asked for that failed."""

    answered = Signal()
    still_away = Signal(object)

    def __init__(self, target: Database, parent: QObject) -> None:
        super().__init__(parent)
        self._target = target
        self._asking = False
        self._asked_by_clerk = False
        self._relay = _Relay()  # no parent: kept by a worker that outlives this object
        self._relay.done.connect(self._on_answer)
        self._timer = QTimer(self)
        self._timer.setInterval(ASK_AGAIN_MS)
        self._timer.timeout.connect(self.ask)
        self._timer.start()

    def ask(self, by_clerk: bool = False) -> None:
        """Ask the server now (one question at a time)."""
        self._asked_by_clerk = self._asked_by_clerk or by_clerk
        if self._asking:
            return
        self._asking = True
        QThreadPool.globalInstance().start(_Ask(self._target, self._relay))

    def _on_answer(self, state: StartupState) -> None:
        self._asking = False
        by_clerk, self._asked_by_clerk = self._asked_by_clerk, False
        if state.ok:
            self._timer.stop()
            self.answered.emit()
        elif by_clerk:
            self.still_away.emit(state)
