"""The counter's watch on the server, on a thread of its own, so that the window never
waits on the network (issue 15, point 5).

Opened by a counter's window (the first :meth:`PostgresStore.changes_elsewhere`), the link
keeps a connection that listens for the other counters' changes and asks the server,
every :data:`PING_SECONDS`, whether it is still there: a server or a network that went
away is known within the TCP timeout of :func:`connect`, whether the clerk is working or
not, and said by :attr:`ServerLink.answering`. While the server is away the link connects
again every :data:`RETRY_SECONDS`, and the store, told so by :attr:`ServerLink.unreachable`,
refuses at once instead of waiting for the network; the connection that replaces its
broken one comes ready from psycopg's pool (``connection.open_pool``). A command-line
run has no window and no link.
"""

from __future__ import annotations

import logging
import threading
import time

import psycopg

from app.domain.errors import ServerUnreachable
from app.store.postgres.connection import connect, describe

log = logging.getLogger(__name__)

#: The channel of the other counters' changes (migration 0008).
CHANGES_CHANNEL = "permitdesk_changes"
#: Seconds between two questions to the server whether it is still there.
PING_SECONDS = 2.0
#: Seconds between two attempts to reach a server that went away.
RETRY_SECONDS = 3.0
#: The longest the link's thread waits on one read of the notifications, so that a close
#: is seen this soon.
TURN_SECONDS = 0.2
#: The longest the window's first look waits for the listening to begin.
START_WAIT_SECONDS = 2.0


class ServerLink:
    """The listening connection and the server's state, kept by one daemon thread; every
    method is safe to call from any thread and never touches the network itself."""

    def __init__(self, target: str) -> None:
        self._target = target
        self._state = threading.Condition()
        self._changes: list[tuple[str, int]] = []  # (table, the sender's backend pid)
        self._listening = False
        self._answering = True
        self._unreachable = False  # the latest attempt to connect failed
        self._lost = 0  # how many times the server went away
        self._stopped = False
        self._thread = threading.Thread(
            target=self._run, name=f"permitdesk-link-{describe(target)}", daemon=True
        )

    def start(self) -> None:
        """Begin listening; waits (at most :data:`START_WAIT_SECONDS`) until the server
        listens for this counter, so that no change committed from now on is missed."""
        self._thread.start()
        with self._state:
            self._state.wait_for(lambda: self._listening or not self._answering, START_WAIT_SECONDS)

    def close(self) -> None:
        with self._state:
            self._stopped = True
            self._state.notify_all()
        self._thread.join(timeout=TURN_SECONDS + 1)

    @property
    def answering(self) -> bool:
        """Whether the server answered the last question (or the link's first connection)."""
        with self._state:
            return self._answering

    @property
    def losses(self) -> int:
        """How many times the server went away since the link began: a connection made
        before the latest loss is not trusted any more (the store replaces it)."""
        with self._state:
            return self._lost

    def changes(self, wait: float = 0.0) -> list[tuple[str, int]]:
        """The changes received since the last call, each with its sender's backend pid;
        waits up to ``wait`` seconds for one when none has come."""
        with self._state:
            if not self._changes and wait > 0:
                self._state.wait_for(lambda: bool(self._changes), wait)
            changes, self._changes = self._changes, []
            return changes

    @property
    def unreachable(self) -> bool:
        """Whether the link's latest attempt to connect failed (the server is away, not
        merely lost a moment ago and being reached again)."""
        with self._state:
            return self._unreachable

    # -- the link's thread ---------------------------------------------------------------

    def _run(self) -> None:
        listener: psycopg.Connection | None = None
        pinged = time.monotonic()
        while not self._is_stopped():
            if listener is None:
                listener = self._listen()
                if listener is None:
                    self._pause(RETRY_SECONDS)
                    continue
                pinged = time.monotonic()
            try:
                self._receive(listener)
                if time.monotonic() - pinged >= PING_SECONDS:
                    listener.execute("SELECT 1")
                    pinged = time.monotonic()
            except (ServerUnreachable, psycopg.Error) as error:
                log.info("the server of %s went away: %s", describe(self._target), error)
                listener.close()
                listener = None
                self._set_answering(False)
        if listener is not None:
            listener.close()

    def _listen(self) -> psycopg.Connection | None:
        try:
            listener = connect(self._target)
            listener.execute(f"LISTEN {CHANGES_CHANNEL}")
        except (ServerUnreachable, psycopg.Error) as error:
            log.info("cannot listen on %s: %s", describe(self._target), error)
            self._set_answering(False, unreachable=True)
            return None
        self._set_answering(True, unreachable=False, listening=True)
        return listener

    def _receive(self, listener: psycopg.Connection) -> None:
        received = [(n.payload, n.pid) for n in listener.notifies(timeout=TURN_SECONDS)]
        if received:
            with self._state:
                self._changes.extend(received)
                self._state.notify_all()

    def _set_answering(
        self, answering: bool, *, unreachable: bool | None = None, listening: bool = False
    ) -> None:
        """The server's state after a question or an attempt to connect (``unreachable``:
        the attempt's outcome; None for a question, which leaves it), in one step under
        the lock, so that no reader sees half of it."""
        with self._state:
            if self._answering and not answering:
                self._lost += 1
            self._answering = answering
            if unreachable is not None:
                self._unreachable = unreachable
            self._listening = self._listening or listening
            self._state.notify_all()

    def _is_stopped(self) -> bool:
        with self._state:
            return self._stopped

    def _pause(self, seconds: float) -> None:
        with self._state:
            self._state.wait_for(lambda: self._stopped, seconds)
