"""The card reader watched from a worker thread.

:class:`CardWorker` lives in a ``QThread`` of its own: a ``QTimer`` there polls
:class:`app.card.reader.CardWatcher` (every 500 ms; every 5 s while there is no middleware,
no reader or a device error), reads a card when one comes in and sends the
:class:`~app.card.data.CardData` (or the :class:`~app.card.errors.CardError`) to the GUI
thread by queued signals. Every PKCS#11 call happens in that one thread.
:class:`CardReaderThread` starts and stops it from the GUI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from app.card.errors import CardError, NoCard, NoMiddleware, NoReader

if TYPE_CHECKING:
    from app.card.reader import CardWatcher

logger = logging.getLogger(__name__)

FAST_MS = 500
SLOW_MS = 5000
STOP_WAIT_MS = 5000

# States the worker reports (``state_changed``): the detail is the library for no_middleware.
READY = "ready"
NO_READER = "no_reader"
NO_MIDDLEWARE = "no_middleware"
DEVICE_ERROR = "device_error"

_stuck: list[QThread] = []  # threads that did not stop in time: never destroyed while running


class CardWorker(QObject):
    """Polls the card reader; lives in the worker thread once moved there."""

    card_read = Signal(object)  # CardData
    card_failed = Signal(object)  # CardError
    card_removed = Signal()
    state_changed = Signal(str, str)  # state, detail

    def __init__(self, library: str) -> None:
        super().__init__()
        self.library = library
        self._watcher: CardWatcher | None = None
        self._timer: QTimer | None = None
        self._state = ""

    @Slot()
    def start(self) -> None:
        """Begin polling (called in the worker thread when it starts). PyKCS11 is imported
        here, off the window's thread and after its start (issue 14, point 1)."""
        from app.card.reader import CardWatcher

        self._watcher = CardWatcher(self.library)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll)
        self._timer.start(FAST_MS)
        self.poll()

    @Slot()
    def poll(self) -> None:
        """One look at the reader: state changes, removals and insertions (read at once)."""
        if self._watcher is None:
            return
        try:
            try:
                self._watcher.middleware.card_slots()
                state = READY
            except NoReader:
                state = NO_READER
            events = self._watcher.poll()
        except NoMiddleware as error:
            self._set_state(NO_MIDDLEWARE, error.library)
            return
        except CardError as error:
            logger.warning("card reader: %s", error)
            self._watcher.close()  # loaded again on the next poll
            self._set_state(DEVICE_ERROR, str(error))
            return
        self._set_state(state)
        for event in events:
            if event.kind == "removed":
                self.card_removed.emit()
            else:
                self._read(event.slot)

    @Slot()
    def read_now(self) -> None:
        """Read the card in the first slot holding one (the clerk's Read card button)."""
        if self._watcher is None:
            return
        try:
            slots = self._watcher.middleware.card_slots()
            if not slots:
                raise NoCard()
        except CardError as error:
            self.card_failed.emit(error)
            return
        self._read(slots[0])

    @Slot()
    def stop(self) -> None:
        """Stop polling, unload the middleware and end the thread's event loop."""
        if self._timer is not None:
            self._timer.stop()
        if self._watcher is not None:
            self._watcher.close()
            self._watcher = None
        thread = self.thread()
        application = QCoreApplication.instance()
        if application is not None:  # deleted later by the GUI thread, not by a dead one
            self.moveToThread(application.thread())
        thread.quit()

    def _read(self, slot: int) -> None:
        assert self._watcher is not None
        try:
            card = self._watcher.read_card(slot)
        except CardError as error:
            logger.info("card in slot %s not read: %s", slot, error.kind)
            self.card_failed.emit(error)
            return
        logger.info("card read from slot %s", slot)
        self.card_read.emit(card)

    def _set_state(self, state: str, detail: str = "") -> None:
        """Report a change of state once; poll slowly while the reader is not usable."""
        if state == self._state:
            return
        self._state = state
        logger.info("card reader state: %s %s", state, detail)
        if self._timer is not None:
            self._timer.setInterval(FAST_MS if state == READY else SLOW_MS)
        self.state_changed.emit(state, detail)


class CardReaderThread(QObject):
    """Starts the worker in its thread and relays its signals (GUI thread side)."""

    card_read = Signal(object)
    card_failed = Signal(object)
    card_removed = Signal()
    state_changed = Signal(str, str)
    _read_requested = Signal()
    _stop_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: CardWorker | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def start(self, library: str) -> None:
        """Watch the reader through the PKCS#11 module ``library`` (restarts if running)."""
        self.stop()
        thread = QThread()
        thread.setObjectName("card_reader")
        worker = CardWorker(library)
        worker.moveToThread(thread)
        thread.started.connect(worker.start)
        self._read_requested.connect(worker.read_now)
        self._stop_requested.connect(worker.stop)
        worker.card_read.connect(self.card_read)
        worker.card_failed.connect(self.card_failed)
        worker.card_removed.connect(self.card_removed)
        worker.state_changed.connect(self.state_changed)
        self._thread, self._worker = thread, worker
        thread.start()
        logger.info("card reader watched through %s", library)

    def read_now(self) -> None:
        """Ask the worker to read the card now."""
        if self.running:
            self._read_requested.emit()

    def stop(self) -> None:
        """Stop the worker and wait for its thread (never destroyed while it runs)."""
        thread, worker = self._thread, self._worker
        if thread is None or worker is None:
            return
        self._thread = self._worker = None
        if thread.isRunning():
            self._stop_requested.emit()
            if not thread.wait(STOP_WAIT_MS):
                logger.error("the card reader thread did not stop; left running")
                _stuck.append(thread)
                return
        for signal in (self._read_requested, self._stop_requested):
            signal.disconnect()
        worker.deleteLater()
        thread.deleteLater()
