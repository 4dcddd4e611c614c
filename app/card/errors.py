"""Why a card could not be read: one exception hierarchy, each with a machine-readable ``kind``.

The UI translates by ``kind``; the English ``str()`` is for logs and the command line.
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class CardError(Exception):
    """Base of every card-reading failure."""

    kind = "card_error"
    default_message = "The card could not be read."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)

    @property
    def message(self) -> str:
        return str(self)


class NoMiddleware(CardError):
    """The PKCS#11 module (the eID middleware) is missing or cannot be loaded."""

    kind = "no_middleware"

    def __init__(self, library: str, detail: str = "") -> None:
        text = f"The eID middleware could not be loaded from {library!r}"
        super().__init__(f"{text}: {detail}." if detail else f"{text}.")
        self.library = library


class NoReader(CardError):
    """The middleware sees no card reader at all."""

    kind = "no_reader"
    default_message = "No card reader is connected."


class NoCard(CardError):
    """A reader is there but holds no card."""

    kind = "no_card"
    default_message = "No card is inserted in the reader."


class CardRemoved(CardError):
    """The card was taken out while it was being read."""

    kind = "card_removed"
    default_message = "The card was removed while it was being read; insert it again."


class LockedCard(CardError):
    """The card refuses access (blocked)."""

    kind = "locked_card"
    default_message = "The card is locked and cannot be read."


class ForeignCard(CardError):
    """A card is inserted but it is not a Belgian eID or residence card."""

    kind = "foreign_card"
    default_message = "The inserted card is not a Belgian eID or residence card."


class UnreadableField(CardError):
    """One field of the card holds a value that cannot be understood."""

    kind = "unreadable_field"

    def __init__(self, field: str, value: str = "", reason: str = "") -> None:
        text = f"The card's field {field!r} could not be read"
        if value:
            text += f" (value {value!r})"
        super().__init__(f"{text}: {reason}." if reason else f"{text}.")
        self.field = field
        self.value = value


class DeviceError(CardError):
    """Any other error the middleware reports (reader or communication trouble)."""

    kind = "device_error"

    def __init__(self, detail: str) -> None:
        super().__init__(f"The card reader reported an error: {detail}.")
        self.detail = detail
