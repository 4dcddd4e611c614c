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
        "annex-49-first-registration-de.pdf",
        "annex-49-first-registration-nl.pdf",
        "annex-49-renewal-de.pdf",
        "annex-49-renewal-nl.pdf",
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
    first = pdf_text((tmp_path / "annex-49-first-registration-nl.pdf").read_bytes())
    assert "Voorlopig verblijfsdocument" in first
    assert "Ingeleverd verblijfsdocument of verblijfstitel: verblijfstitel nr. B000000000" in first
    assert "Gecombineerde vergunning nr." not in first and "Verblijfstitel nr. B000000000" in first


def test_every_annex_has_a_specimen(tmp_path):
    paths = write_specimens(tmp_path, ["41", "50"], ["fr"], fictitious_person(), (), TODAY)
    assert [p.name for p in paths] == ["annex-41-fr.pdf", "annex-50-fr.pdf"]


def test_person_from_json_reads_holder_and_family():
    member = {**GOOD, "given_names": "Minh", "relationship": "child", "sex": "M"}
    holder, family = person_from_json({**GOOD, "family": [member]})
    assert holder.birth_date == date(1992, 11, 5)
    assert holder.nationality == "VN"
    assert holder.national_number == "85073003328"
    assert [(m.given_names, m.relationship, m.sex) for m in family] == [("Minh", "child", "M")]


def test_a_family_member_specimen_prints_sex_and_relationship(tmp_path):
    holder, family = person_from_json(
        {**GOOD, "family": [{**GOOD, "given_names": "Lan", "relationship": "child"}]}
    )
    write_specimens(tmp_path, ["51"], ["fr", "de"], holder, family, TODAY)
    french = pdf_text((tmp_path / "annex-51-fr-family-1.pdf").read_bytes())
    german = pdf_text((tmp_path / "annex-51-de-family-1.pdf").read_bytes())
    assert "Sexe féminin" in french and "Lien de parenté fille" in french
    assert "Geschlecht weiblich" in german and "Verwandtschaftsverhältnis Tochter" in german
    assert "Permis unique n°" not in french and "Titre de séjour n° B123" in french
    assert "Kombinierte Erlaubnis Nr." not in german


def test_an_unknown_relationship_is_refused():
    with pytest.raises(ValueError, match=r"family\[0\]\.relationship"):
        person_from_json({**GOOD, "family": [{**GOOD, "relationship": "cousin"}]})


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
