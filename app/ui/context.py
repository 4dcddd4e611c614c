"""What every view of the counter shares: the desk (database, user, today), the per-user
settings, and one signal that tells the views the data changed so they refresh themselves
(the Anki way: operations change data, views listen)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from app.services.desk import Desk
from app.ui.settings import Settings

#: ``data_changed``'s entity when the clerk signed out: what the screens showed of a
#: holder goes, so that the next clerk starts from an empty counter.
SIGNED_OUT = "signed_out"


class UiContext(QObject):
    """One per window. Views hold a reference; they never open the database themselves."""

    #: Emitted after an operation wrote to the database (entity name, id or -1).
    data_changed = Signal(str, int)

    def __init__(self, desk: Desk, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.settings = settings

    def may_read(self) -> bool:
        """Whether someone may read the register now: signed in, or no accounts (the
        services refuse otherwise; views stay empty until the "session" change)."""
        return self.desk.role is not None

    def changed(self, entity: str, entity_id: int | None = None) -> None:
        self.data_changed.emit(entity, -1 if entity_id is None else entity_id)
