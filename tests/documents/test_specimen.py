"""Specimens: file names, the SPECIMEN mark, and person_from_json's refusals."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.documents.specimen import fictitious_person, person_from_json, write_specimens

from .conftest import page_count, pdf_text

TODAY = date(2026, 3, 2)
GOOD = {
    "surname": "Nguyễn",
    "given_names": "Thị Hương",
    "birth_date": "1992-11-05",
    "birth_place": "Hà Nội",
    "nationality": "vn",
    "national_number": "85.07.30-033.28",
    "sex": "F",
    "address": "Kerkstraat 1, 2000 Antwerpen",
    "card_number": "B123",
}


def test_specimens_are_named_and_marked(tmp_path):
    person = fictitious_person()
    family = (replace(person, given_names="Yasmine"), replace(person, given_names="Omar"))
    paths = write_specimens(tmp_path, ["49", "51"], ["nl", "de"], person, family, TODAY)

    assert sorted(p.name for p in paths) == [
        "annex-49-de.pdf",
        "annex-49-nl.pdf",
        "annex-51-de-family-1.pdf",
        "annex-51-de-family-2.pdf",
        "annex-51-de.pdf",
        "annex-51-nl-family-1.pdf",
        "annex-51-nl-family-2.pdf",
        "annex-51-nl.pdf",
    ]
    for path in paths:
        pdf = path.read_bytes()
        assert page_count(pdf) == 1
        assert "SPECIMEN" in pdf_text(pdf)
    family_text = pdf_text((tmp_path / "annex-51-nl-family-2.pdf").read_bytes())
    assert "Omar" in family_text and "familielid van Specimen, Amina Laila" in family_text


def test_every_annex_has_a_specimen(tmp_path):
    paths = write_specimens(tmp_path, ["41", "50"], ["fr"], fictitious_person(), (), TODAY)
    assert [p.name for p in paths] == ["annex-41-fr.pdf", "annex-50-fr.pdf"]


def test_person_from_json_reads_holder_and_family():
    holder, family = person_from_json({**GOOD, "family": [{**GOOD, "given_names": "Minh"}]})
    assert holder.birth_date == date(1992, 11, 5)
    assert holder.nationality == "VN"
    assert holder.national_number == "85073003328"
    assert [m.given_names for m in family] == ["Minh"]


def test_person_from_json_accepts_unknowns_as_none():
    holder, family = person_from_json(
        {**GOOD, "birth_date": None, "national_number": None, "sex": None}
    )
    assert (holder.birth_date, holder.national_number, holder.sex, family) == (None, None, None, ())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"birth_date": "1992-02-30"}, "birth_date"),
        ({"birth_date": "5/11/1992"}, "birth_date"),
        ({"national_number": "85073003329"}, "national_number"),
        ({"nationality": "XK1"}, "nationality"),
        ({"nationality": "QQ"}, "nationality"),
        ({"sex": "X"}, "sex"),
        ({"surname": ""}, "surname"),
        ({"address": 12}, "address"),
        ({"family": [{**GOOD, "birth_date": "2001-13-01"}]}, r"family\[0\]\.birth_date"),
        ({"family": "Minh"}, "family"),
    ],
)
def test_person_from_json_names_the_bad_field(changes, field):
    with pytest.raises(ValueError, match=f"^{field}"):
        person_from_json({**GOOD, **changes})
