"""Read the card through the Belgian eID middleware, a PKCS#11 module, with PyKCS11.

The identity is a set of ``CKO_DATA`` objects, readable without the PIN in a read-only
session; each is found by its label (:mod:`app.card.labels`). :class:`Middleware` loads the
module, :func:`read_card` reads one card, :class:`CardWatcher` reports cards coming and going
for a worker thread that polls it (every 500 ms or so).
"""

from __future__ import annotations

import ctypes
import logging
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Literal

import PyKCS11
from PyKCS11 import (
    CKA_CLASS,
    CKA_LABEL,
    CKA_VALUE,
    CKF_SERIAL_SESSION,
    CKF_TOKEN_INITIALIZED,
    CKO_DATA,
    PyKCS11Error,
)

from app.card import labels
from app.card.data import CardData
from app.card.errors import (
    CardError,
    CardRemoved,
    DeviceError,
    ForeignCard,
    LockedCard,
    NoCard,
    NoMiddleware,
    NoReader,
)

logger = logging.getLogger(__name__)

# PyKCS11 guards load() and unload() with a plain class-level Lock, and PyKCS11Lib.__del__
# calls unload() too. When the cyclic garbage collector frees a PyKCS11Lib while unload()
# holds the lock (GC runs at any allocation, C_Finalize included), the thread waits for
# itself forever: the card watcher froze, and so did the card tests. A re-entrant lock lets
# that nested unload() run; it only ever updates another instance's entry.
PyKCS11.PyKCS11Lib._lock = threading.RLock()

DEFAULT_LIBRARIES: dict[str, str] = {
    "win32": "beidpkcs11.dll",
    "darwin": "libbeidpkcs11.dylib",
    "linux": "libbeidpkcs11.so.0",
}

_REMOVED = frozenset(
    {
        PyKCS11.CKR_DEVICE_REMOVED,
        PyKCS11.CKR_TOKEN_NOT_PRESENT,
        PyKCS11.CKR_SESSION_HANDLE_INVALID,
        PyKCS11.CKR_SESSION_CLOSED,
    }
)
_LOCKED = frozenset({PyKCS11.CKR_PIN_LOCKED})
_FOREIGN = frozenset({PyKCS11.CKR_TOKEN_NOT_RECOGNIZED})


def default_library(platform: str = sys.platform) -> str:
    """The middleware's module name on this platform (found on the loader's search path)."""
    for prefix, library in DEFAULT_LIBRARIES.items():
        if platform.startswith(prefix):
            return library
    return DEFAULT_LIBRARIES["linux"]


def translate_error(error: PyKCS11Error) -> CardError:
    """The :class:`CardError` for a PKCS#11 return code."""
    if error.value in _REMOVED:
        return CardRemoved()
    if error.value in _LOCKED:
        return LockedCard()
    if error.value in _FOREIGN:
        return ForeignCard()
    return DeviceError(str(error))


@contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except PyKCS11Error as error:
        raise translate_error(error) from error


class Middleware:
    """The loaded PKCS#11 module; use as a context manager so it is always unloaded."""

    def __init__(self, library: str | None = None) -> None:
        self.library = library or default_library()
        self._pkcs11: PyKCS11.PyKCS11Lib | None = None

    def open(self) -> None:
        """Load the module (``C_Initialize``); raises :class:`NoMiddleware`."""
        if self._pkcs11 is not None:
            return
        try:
            # Tried with ctypes first: PyKCS11's own loader prints its failure on stderr,
            # every poll, when the middleware is not installed.
            ctypes.CDLL(self.library)
        except OSError as error:
            raise NoMiddleware(self.library, str(error)) from error
        pkcs11 = PyKCS11.PyKCS11Lib()
        try:
            pkcs11.load(self.library)
        except PyKCS11Error as error:
            raise NoMiddleware(self.library, str(error)) from error
        self._pkcs11 = pkcs11
        logger.debug("loaded PKCS#11 module %s", self.library)

    def close(self) -> None:
        """Unload the module (``C_Finalize`` once no other user holds it)."""
        if self._pkcs11 is not None:
            self._pkcs11.unload()
            self._pkcs11 = None

    def __enter__(self) -> Middleware:
        self.open()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def pkcs11(self) -> PyKCS11.PyKCS11Lib:
        """The loaded module, loading it on first use."""
        self.open()
        assert self._pkcs11 is not None
        return self._pkcs11

    def card_slots(self) -> list[int]:
        """Slots holding a card; raises :class:`NoReader` when there is no slot at all.

        A present token must also be initialised: the eID middleware always says so for a
        card, while an empty PKCS#11 slot (as in SoftHSM) shows an uninitialised token.
        """
        with _translated():
            if not self.pkcs11.getSlotList(tokenPresent=False):
                raise NoReader()
            present = self.pkcs11.getSlotList(tokenPresent=True)
        return [slot for slot in present if self._initialised(slot)]

    def _initialised(self, slot: int) -> bool:
        try:
            flags = self.pkcs11.getTokenInfo(slot).flags
        except PyKCS11Error as error:
            logger.debug("slot %s: no token info (%s)", slot, error)
            return False
        return bool(flags & CKF_TOKEN_INITIALIZED)

    def read_objects(self, slot: int) -> dict[str, bytes]:
        """The data objects of the card in ``slot``, label → raw value; absent ones left out."""
        with _translated():
            session = self.pkcs11.openSession(slot, CKF_SERIAL_SESSION)
            try:
                return {
                    label: value
                    for label in labels.ALL_LABELS
                    if (value := _read_value(session, label)) is not None
                }
            finally:
                _close_quietly(session)

    def read_card(self, slot: int | None = None) -> CardData:
        """Read the card in ``slot``, or in the first slot holding one."""
        if slot is None:
            slots = self.card_slots()
            if not slots:
                raise NoCard()
            slot = slots[0]
        objects = self.read_objects(slot)
        logger.info("read %d data objects from slot %s", len(objects), slot)
        return CardData.from_objects(objects)


def _read_value(session: PyKCS11.Session, label: str) -> bytes | None:
    found = session.findObjects([(CKA_CLASS, CKO_DATA), (CKA_LABEL, label)])
    if not found:
        return None
    (value,) = session.getAttributeValue(found[0], [CKA_VALUE], allAsBinary=True)
    return bytes(value)


def _close_quietly(session: PyKCS11.Session) -> None:
    try:
        session.closeSession()
    except PyKCS11Error as error:  # the card is gone: the session went with it
        logger.debug("closing session: %s", error)


def read_card(library: str | None = None, slot: int | None = None) -> CardData:
    """Load the middleware, read one card, unload; raises a :class:`CardError`."""
    with Middleware(library) as middleware:
        return middleware.read_card(slot)


@dataclass(frozen=True)
class CardEvent:
    """A card was inserted in, or removed from, a slot."""

    kind: Literal["inserted", "removed"]
    slot: int


class CardWatcher:
    """Tell card insertions and removals apart by comparing slots between two polls.

    Plain Python, no thread of its own: a Qt worker calls :meth:`poll` every 500 ms and
    reads the card on an ``inserted`` event, always from that one thread. A missing reader
    counts as no card; a missing middleware raises :class:`NoMiddleware` from :meth:`poll`.
    """

    def __init__(self, library: str | None = None) -> None:
        self.middleware = Middleware(library)
        self._slots: frozenset[int] = frozenset()

    def poll(self) -> list[CardEvent]:
        """Events since the previous poll (the first poll reports the cards already there)."""
        try:
            slots = frozenset(self.middleware.card_slots())
        except NoReader:
            slots = frozenset()
        events = [CardEvent("removed", slot) for slot in sorted(self._slots - slots)]
        events += [CardEvent("inserted", slot) for slot in sorted(slots - self._slots)]
        self._slots = slots
        return events

    def read_card(self, slot: int) -> CardData:
        """Read the card an ``inserted`` event announced."""
        return self.middleware.read_card(slot)

    def close(self) -> None:
        """Unload the middleware; the next :meth:`poll` loads it again."""
        self.middleware.close()
        self._slots = frozenset()
