"""The columns of the holder's page lists: permits, family members, files, documents."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from app.domain.document_state import DocumentState
from app.domain.model import IssuedDocument
from app.ui.documents.labels import document_state
from app.ui.i18n import N_, _
from app.ui.views.formatting import (
    CASES,
    FILE_STATES,
    LABOUR_MARKET,
    RELATIONSHIPS,
    show_date,
    show_national_number,
    translated,
)
from app.ui.views.table import Column

logger = logging.getLogger(__name__)

PERMIT_COLUMNS = (
    Column(N_("Card"), lambda p: p.card_number),
    Column(N_("Expiry"), lambda p: p.expiry, lambda p: show_date(p.expiry)),
    Column(
        N_("Labour market"),
        lambda p: p.labour_market.value,
        lambda p: translated(LABOUR_MARKET, p.labour_market.value),
    ),
    # R2: the regional authority's file, to match its attestation (from the card's chip).
    Column(N_("Regional file"), lambda p: p.regional_file_number),
)
FAMILY_COLUMNS = (
    Column(N_("Name"), lambda m: m.full_name),
    Column(
        N_("Relationship"),
        lambda m: m.relationship,
        lambda m: translated(RELATIONSHIPS, m.relationship),
    ),
    Column(N_("Birth date"), lambda m: m.birth_date, lambda m: show_date(m.birth_date)),
    Column(
        N_("National number"),
        lambda m: m.national_number,
        lambda m: show_national_number(m.national_number),
    ),
)
FILE_COLUMNS = (
    Column(N_("Opened"), lambda f: f.opened_on, lambda f: show_date(f.opened_on)),
    Column(N_("Case"), lambda f: f.case.value, lambda f: translated(CASES, f.case.value)),
    Column(N_("State"), lambda f: f.state.value, lambda f: translated(FILE_STATES, f.state.value)),
)


@dataclass(frozen=True)
class DocumentLine:
    """A register entry on the holder's page: for whom it was issued, its state today."""

    document: IssuedDocument
    person: str  # the family member's name; "" for the holder
    state: DocumentState  # today's, as the services computed it

    @property
    def id(self) -> int | None:
        return self.document.id


def _valid_until(line: DocumentLine) -> str:
    """An annulled entry is valid until no date."""
    return "" if line.document.annulled_on else show_date(line.document.valid_until)


DOCUMENT_COLUMNS = (
    Column(N_("Register number"), lambda d: str(d.document.number)),
    Column(N_("Annex"), lambda d: d.document.annex.value),
    Column(N_("For"), lambda d: d.person, lambda d: d.person or _("the holder")),
    Column(N_("Issued"), lambda d: d.document.issued_on, lambda d: show_date(d.document.issued_on)),
    Column(N_("Valid until"), lambda d: d.document.valid_until, _valid_until),
    Column(N_("State"), lambda d: d.state.value, lambda d: document_state(d.document, d.state)),
)
