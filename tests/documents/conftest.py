"""Shared data for the document tests: fixed dates, a holder, text extraction with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from app.documents.context import AnnexData, PersonData

ISSUED_ON = date(2026, 3, 2)
VALID_UNTIL = date(2026, 4, 1)
PERMIT_EXPIRY = date(2026, 3, 1)
FILED_ON = date(2026, 1, 5)
EXTENDED_TO = date(2026, 5, 1)

# (annex, variant): every body the counter prints
CASES = [("41", ""), ("49", "renewal"), ("49", "first_registration"), ("50", ""), ("51", "")]
LANGUAGES = ["fr", "nl", "de"]


@pytest.fixture
def holder() -> PersonData:
    return PersonData(
        surname="Yılmaz",
        given_names="Ayşe Gül",
        birth_date=date(1985, 7, 30),
        birth_place="Gaziantep",
        nationality="TR",
        national_number="85073003328",
        sex="F",
        address="Rue Haute 12, 1000 Bruxelles",
        card_number="B012345678",
    )


def annex_data(annex: str, language: str, person: PersonData, **changes: object) -> AnnexData:
    """A complete AnnexData for ``annex``; ``changes`` override any field."""
    fields: dict[str, object] = {
        "annex": annex,
        "language": language,
        "person": person,
        "issued_on": ISSUED_ON,
        "register_number": "2026/000123",
        "commune_name": "Schaerbeek",
        "commune_address": "Place Colignon 1, 1030 Schaerbeek",
        "signatory_name": "Marie Lambert",
        "signatory_title": "Échevine de la Population",
        "valid_until": None if annex == "41" else VALID_UNTIL,
        "variant": "renewal" if annex == "49" else "",
        "missing_documents": ("Passeport valide", "Photo récente") if annex == "41" else (),
        "permit_expiry": PERMIT_EXPIRY,
        "renewal_filed_on": FILED_ON,
        "handed_in_document": "Visa D 123456",
    }
    fields.update(changes)
    return AnnexData(**fields)  # type: ignore[arg-type]


def pdf_text(pdf: bytes) -> str:
    """The text of every page, whitespace collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)
