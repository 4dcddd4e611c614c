"""The columns of the holder's page lists: permits, family members, files, documents."""

from __future__ import annotations

import logging

from app.ui.i18n import N_
from app.ui.views.formatting import (
    CASES,
    FILE_STATES,
    LABOUR_MARKET,
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
)
FAMILY_COLUMNS = (
    Column(N_("Name"), lambda m: m.full_name),
    Column(N_("Relationship"), lambda m: m.relationship),
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
DOCUMENT_COLUMNS = (
    Column(N_("Register number"), lambda d: str(d.number)),
    Column(N_("Annex"), lambda d: d.annex.value),
    Column(N_("Issued"), lambda d: d.issued_on, lambda d: show_date(d.issued_on)),
    Column(N_("Valid until"), lambda d: d.valid_until, lambda d: show_date(d.valid_until)),
)
