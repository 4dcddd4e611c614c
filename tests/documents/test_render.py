"""The rendered annexes: what each language prints, escaping, one page, identical reprints."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from app.documents.context import PersonData
from app.documents.forms import form_in_force
from app.documents.locale_format import long_date
from app.documents.render import render_annex

from .conftest import (
    CASES,
    EXTENDED_TO,
    ISSUED_ON,
    LANGUAGES,
    VALID_UNTIL,
    annex_data,
    page_count,
    pdf_text,
)

TURKEY = {"fr": "Turquie", "nl": "Turkije", "de": "Türkei"}
ARTICLES = {
    ("41", ""): ("105/3", "61/25-6"),
    ("49", "renewal"): ("33", "61/25-6"),
    ("49", "first_registration"): ("105/2", "61/25-5"),
    ("50", ""): ("105/3", "61/25-6"),
    ("51", ""): ("105/4", "61/25-2"),
}
HOSTILE = "<b>Ş&amp;ĞŁŐȚß</b> ñ ệ <font color=red> ữ ơ ư "
HOSTILE = (HOSTILE + "Van Den Bossche-Kowalczyk " * 5)[:120]


def long(day, language):
    return long_date(day, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("annex", "variant"), CASES)
def test_annex_prints_its_data_in_its_language(holder, annex, variant, language):
    data = annex_data(annex, language, holder, variant=variant, extensions=(EXTENDED_TO,))
    pdf = render_annex(data)
    text = pdf_text(pdf)
    wording = form_in_force(annex, ISSUED_ON).wording(language, variant)

    assert page_count(pdf) == 1
    assert " ".join(wording["title"]) in text
    assert " ".join(wording["heading"]) in text
    for article in ARTICLES[annex, variant]:
        assert article in text
    for value in ("Yılmaz", "Ayşe Gül", "Gaziantep", "Rue Haute 12, 1000 Bruxelles", "B012345678"):
        assert value in text
    assert TURKEY[language] in text
    assert "85.07.30-033.28" in text
    assert long(holder.birth_date, language) in text
    assert long(ISSUED_ON, language) in text
    assert "2026/000123" in text
    assert "Schaerbeek" in text and "Marie Lambert" in text
    if annex == "41":
        assert "Passeport valide" in text and "Photo récente" in text
    else:
        assert long(VALID_UNTIL, language) in text
    if annex in ("49", "50"):
        assert long(EXTENDED_TO, language) in text
    if variant == "first_registration":
        assert "Visa D 123456" in text
    assert "SPECIMEN" not in text


@pytest.mark.parametrize(("annex", "variant"), CASES)
def test_hostile_long_name_prints_whole_and_literally(holder, annex, variant):
    assert len(HOSTILE) == 120
    person = PersonData(**{**holder.__dict__, "surname": HOSTILE, "given_names": "X" * 120})
    data = annex_data(annex, "fr", person, variant=variant, family_of=person)
    pdf = render_annex(data)
    squeezed = re.sub(r"\s", "", pdf_text(pdf))

    assert page_count(pdf) == 1
    assert re.sub(r"\s", "", HOSTILE) in squeezed
    assert "X" * 120 in squeezed
    assert "<b>Ş&amp;ĞŁŐȚß</b>" in squeezed


def test_family_member_document_names_the_holder(holder):
    member = PersonData(**{**holder.__dict__, "given_names": "Elif", "national_number": None})
    text = pdf_text(render_annex(annex_data("51", "nl", member, family_of=holder)))
    assert "in de hoedanigheid van familielid van Yılmaz, Ayşe Gül (85.07.30-033.28)" in text


def test_same_data_gives_identical_bytes(holder):
    data = annex_data("50", "de", holder, extensions=(EXTENDED_TO,))
    first = render_annex(data)
    render_annex(annex_data("41", "fr", holder))
    assert render_annex(data) == first
    assert b"/CreationDate (D:20260302" in first


def test_specimen_is_marked(holder):
    text = pdf_text(render_annex(annex_data("49", "fr", holder, specimen=True)))
    assert "SPECIMEN" in text


def test_logo_is_drawn(holder):
    png = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(png, "PNG")
    with_logo = render_annex(annex_data("50", "fr", holder, commune_logo=png.getvalue()))
    assert b"/Subtype /Image" in with_logo
    assert b"/Subtype /Image" not in render_annex(annex_data("50", "fr", holder))


def test_register_number_barcode_encodes_digits_only(holder, monkeypatch):
    from app.documents import story

    encoded = []
    real = story.Code128

    def spy(value, **kwargs):
        encoded.append(value)
        return real(value, **kwargs)

    monkeypatch.setattr(story, "Code128", spy)
    render_annex(annex_data("51", "de", holder))
    assert encoded == ["2026000123"]


def test_wrong_variant_is_refused(holder):
    with pytest.raises(ValueError, match="variant"):
        render_annex(annex_data("49", "fr", holder, variant=""))
    with pytest.raises(ValueError, match="variant"):
        render_annex(annex_data("50", "fr", holder, variant="renewal"))
