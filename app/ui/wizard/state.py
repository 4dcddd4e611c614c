"""What the wizard's pages read from, and ask of, the wizard that holds them.

The pages know this protocol, not :class:`~app.ui.wizard.wizard.RenewalWizard`, so the
wizard module imports its pages and no page imports the wizard.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QCheckBox

from app.domain.assess import Assessment
from app.domain.model import Case, FamilyMember, Holder, Language, Permit, RenewalFile
from app.ui.context import UiContext


class RenewalState(Protocol):
    ctx: UiContext
    holder: Holder
    permit: Permit | None
    family: list[FamilyMember]
    file: RenewalFile | None
    assessment: Assessment | None

    @property
    def case(self) -> Case: ...

    @property
    def document_language(self) -> Language: ...

    @property
    def attestation(self) -> QCheckBox:
        """The facts page's tick "regional attestation produced", which the checklist
        mirrors."""
        ...

    def save_file(self) -> RenewalFile:
        """Open the file with what the pages hold, or save it again."""
        ...

    def save_and_assess(self) -> Assessment: ...
