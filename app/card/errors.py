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


class BelgianCard(ForeignCard):
    """A Belgian citizen's identity card (eID or Kids-ID): Belgians hold no single permit."""

    kind = "belgian_card"
    default_message = (
        "This is a Belgian citizen's identity card, not a residence card: a Belgian holds "
        "no single permit."
    )


class NotAResidenceCard(ForeignCard):
    """A Belgian card that is no holder's identity document (bootstrap, habilitation)."""

    kind = "not_residence_card"

    def __init__(self, card_name: str) -> None:
        super().__init__(f"This card ({card_name}) is not a residence card.")
        self.card_name = card_name


class SavedCardError(CardError):
    """A saved eID viewer file (``.eid``) that cannot be read as a card."""

    kind = "saved_card_error"

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}.")
        self.path = path
        self.detail = detail


class NotASavedCard(SavedCardError):
    """The file is not an eID viewer file at all (another XML, a PDF, a photo...)."""

    kind = "not_saved_card"


class DamagedSavedCard(SavedCardError):
    """An eID viewer file that is cut short, malformed or lacks a required part."""

    kind = "damaged_saved_card"


class UnsafeSavedCard(SavedCardError):
    """XML that declares a document type, entities or external references: no eID viewer
    writes one, and expanding them could exhaust the counter's memory (an XML bomb)."""

    kind = "unsafe_saved_card"
