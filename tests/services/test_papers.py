"""Papers that cannot mislead (issue 12): duplicates and annulled copies marked in the paper's
language and recognised by ``identify_pdf``; the commune and its signatory in the paper's
language; what the card line names; the family member's sex and relationship; the residence
document handed in at a first registration."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest

from app.domain.model import (
    Case,
    Commune,
    CommuneText,
    HandedIn,
    LabourMarket,
    Language,
    RegisterNumber,
    Sex,
)
from app.services import settings
from app.services.annex_data import from_snapshot
from app.services.desk import Desk
from app.services.documents import export_pdf, identify_pdf
from app.services.issuing import (
    annul_document,
    extend_document,
    issue_annex,
    reprint,
    shown_pdf,
)
from app.services.settings import InvalidSettings, SignatoryEntry

MARKS = {
    "fr": ("DUPLICATA", "ANNULÉ", "Établi le 1er décembre 2026 d'après le document n° 2026/000001"),
    "nl": ("DUPLICAAT", "NIETIG", "Opgemaakt op 1 december 2026 naar document nr. 2026/000001"),
    "de": ("DUPLIKAT", "UNGÜLTIG", "Ausgestellt am 1. Dezember 2026 nach dem am 23. November"),
}
EUPEN = Commune(
    nis_code="63023",
    name="Eupen",
    languages=(Language.DE,),
    postal_code="4700",
    texts={Language.DE: CommuneText("Eupen", "Rathausplatz 14", "Eupen")},
)


@pytest.fixture
def german_desk(desk: Desk) -> Desk:
    """The desk of a commune of the German-speaking Community: German papers only."""
    desk.store.set_commune(EUPEN)
    desk.store.set_setting(
        "signatories",
        [{"name": "Jonas Mertens", "titles": {"de": "Schöffe für Bevölkerung"}, "default": True}],
    )
    return desk


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_a_reprint_is_a_dated_duplicate_in_the_papers_language(
    desk: Desk, scenarios, clock, pdf_text, language
) -> None:
    if language == "de":
        desk.store.set_commune(EUPEN)
    (document,) = issue_annex(desk, scenarios.r2().id, Language(language))
    original = desk.register.pdf(document.id)
    clock.day = date(2026, 12, 1)
    copy = reprint(desk, document.id)
    title, annulled, detail = MARKS[language]
    text = pdf_text(copy)
    assert f"{title} {detail}" in text  # the mark is drawn over the page: its text comes last
    assert annulled not in text
    assert desk.register.pdf(document.id) == original  # the register keeps the original
    assert hashlib.sha256(original).hexdigest() == document.sha256
    found = identify_pdf(desk, copy)
    assert found is not None
    assert (found.document.id, found.copy, found.copied_on) == (
        document.id,
        "duplicate",
        date(2026, 12, 1),
    )


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_any_copy_of_an_annulled_entry_is_marked_annulled(
    desk: Desk, scenarios, clock, pdf_text, language
) -> None:
    if language == "de":
        desk.store.set_commune(EUPEN)
    (document,) = issue_annex(desk, scenarios.r3().id, Language(language))
    original = desk.register.pdf(document.id)
    clock.day = date(2026, 12, 1)
    annul_document(desk, document.id, "nom mal orthographié.")
    clock.day = date(2026, 12, 3)  # reprinted later: the mark names the annulment's day
    copy = reprint(desk, document.id)
    title, _annulled, _detail = MARKS[language]
    text = pdf_text(copy)
    expected = {
        "fr": "ANNULÉ Document n° 2026/000001 annulé le 1er décembre 2026. "
        "Motif : nom mal orthographié. Ce document n'a plus aucun effet.",
        "nl": "NIETIG Document nr. 2026/000001 op 1 december 2026 nietig verklaard. "
        "Reden: nom mal orthographié. Dit document heeft geen enkele uitwerking meer.",
        "de": "UNGÜLTIG Dokument Nr. 2026/000001 am 1. Dezember 2026 für ungültig erklärt. "
        "Grund: nom mal orthographié. Dieses Dokument hat keinerlei Wirkung mehr.",
    }[language]
    assert expected in text
    assert title not in text  # annulled, not a duplicate
    assert desk.register.pdf(document.id) == original
    found = identify_pdf(desk, copy)
    assert found is not None and found.copy == "annulled"
    # The preview shows the same marked paper, without recording a copy.
    assert expected in pdf_text(shown_pdf(desk, document.id))
    assert len(desk.register.copies(document.id)) == 1
    assert desk.register.problems() == []


def test_the_preview_of_a_valid_entry_is_the_stored_pdf(desk: Desk, scenarios) -> None:
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    assert shown_pdf(desk, document.id) == desk.register.pdf(document.id)
    assert desk.register.copies(document.id) == []


def test_identify_tells_the_original_a_duplicate_and_a_foreign_file(desk: Desk, scenarios) -> None:
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    original = desk.register.pdf(document.id)
    found = identify_pdf(desk, original)
    assert found is not None and (found.document.id, found.version, found.copy) == (
        document.id,
        0,
        "",
    )
    extended, _decision = extend_document(desk, document.id)
    assert extended is not None
    duplicate = reprint(desk, document.id)
    found = identify_pdf(desk, duplicate)
    assert found is not None and (found.version, found.copy) == (1, "duplicate")
    assert identify_pdf(desk, duplicate + b"\n%") is None


def test_an_annulment_is_in_the_file_history_and_happens_once(desk: Desk, scenarios) -> None:
    file = scenarios.r2()
    (document,) = issue_annex(desk, file.id, Language.FR)
    annul_document(desk, document.id, "wrong holder")
    events = desk.store.get_file(file.id).events
    assert (events[-1].kind, events[-1].detail) == ("annulled", "2026/000001: wrong holder")
    with pytest.raises(ValueError, match="already annulled"):
        annul_document(desk, document.id, "again")
    assert desk.register.get_by_id(document.id).annulled_reason == "wrong holder"


def test_exporting_an_annulled_entry_gives_its_marked_copy(desk: Desk, scenarios, pdf_text) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language.NL)
    annul_document(desk, document.id, "vergissing")
    _entry, marked = export_pdf(desk, RegisterNumber(2026, 1))
    assert "NIETIG Document nr. 2026/000001" in pdf_text(marked)
    assert identify_pdf(desk, marked).copy == "annulled"  # type: ignore[union-attr]
    _entry, original = export_pdf(desk, RegisterNumber(2026, 1), original=True)
    assert original == desk.register.pdf(document.id)


# -- the commune in the paper's language ---------------------------------------------------


@pytest.mark.parametrize(
    ("language", "present", "absent"),
    [
        (
            "nl",
            (
                "Gemeentebestuur van Brussel",
                "Grote Markt 1, 1000 Brussel",
                "Opgemaakt te Brussel",
                "Schepen van Burgerlijke Stand",
            ),
            ("van Bruxelles", "te Bruxelles", "Grand-Place", "Échevine"),
        ),
        (
            "fr",
            (
                "Administration communale de Bruxelles",
                "Grand-Place 1, 1000 Bruxelles",
                "Fait à Bruxelles",
                "Échevine de l'État civil",
            ),
            ("de Brussel", "à Brussel", "Grote Markt", "Schepen"),
        ),
    ],
)
def test_a_bilingual_commune_prints_itself_in_the_papers_language(
    desk: Desk, scenarios, pdf_text, language, present, absent
) -> None:
    (document,) = issue_annex(desk, scenarios.r3().id, Language(language))
    text = pdf_text(desk.register.pdf(document.id))
    for words in present:
        assert words in text
    for words in absent:
        assert words not in text


def test_a_german_speaking_commune_prints_german(german_desk: Desk, scenarios, pdf_text) -> None:
    (document,) = issue_annex(german_desk, scenarios.r2().id, Language.DE)
    text = pdf_text(german_desk.register.pdf(document.id))
    for words in (
        "Gemeindeverwaltung Eupen",
        "Rathausplatz 14, 4700 Eupen",
        "Ausgestellt in Eupen",
        "Schöffe für Bevölkerung",
    ):
        assert words in text


def test_an_older_commune_without_texts_prints_its_one_name(desk: Desk, scenarios, pdf_text):
    desk.store.set_commune(Commune("21004", "Bruxelles", (Language.FR, Language.NL)))
    (document,) = issue_annex(desk, scenarios.r3().id, Language.NL)
    assert "Gemeentebestuur van Bruxelles" in pdf_text(desk.register.pdf(document.id))


# -- settings: every document language filled in -----------------------------------------


def test_saving_the_commune_needs_its_name_in_every_language(desk: Desk) -> None:
    commune = desk.commune()
    missing_nl = Commune(
        "21004",
        "",
        (Language.FR, Language.NL),
        postal_code="1000",
        texts={Language.FR: CommuneText("Bruxelles", "Grand-Place 1", "Bruxelles")},
    )
    with pytest.raises(InvalidSettings) as refused:
        settings.save_commune(desk, missing_nl)
    assert refused.value.code == "commune_name_in_language"
    half_address = Commune(
        "21004",
        "",
        (Language.FR, Language.NL),
        texts={
            Language.FR: CommuneText("Bruxelles", "Grand-Place 1", "Bruxelles"),
            Language.NL: CommuneText("Brussel", "", "Brussel"),
        },
    )
    with pytest.raises(InvalidSettings) as refused:
        settings.save_commune(desk, half_address)
    assert refused.value.code == "address_in_language"
    assert desk.commune() == commune  # nothing saved


def test_the_commune_fields_follow_its_first_language(desk: Desk) -> None:
    saved = settings.save_commune(
        desk,
        Commune(
            "21015",
            "",
            (Language.NL, Language.FR),
            postal_code="1030",
            texts={
                Language.FR: CommuneText("Schaerbeek", "Place Colignon 1", "Schaerbeek"),
                Language.NL: CommuneText("Schaarbeek", "Colignonplein 1", "Schaarbeek"),
                Language.DE: CommuneText("Schaerbeek (de)"),  # kept, not a document language
            },
        ),
    )
    assert (saved.name, saved.street) == ("Schaarbeek", "Colignonplein 1")
    assert desk.commune().text(Language.FR).street == "Place Colignon 1"
    assert desk.commune().text("de").name == "Schaerbeek (de)"


def test_signatory_titles_per_language(desk: Desk) -> None:
    with pytest.raises(InvalidSettings) as refused:
        settings.save_signatories(
            desk, [SignatoryEntry("Jan Peeters", "", True, {"nl": "Schepen"})]
        )
    assert refused.value.code == "title_in_language"
    settings.save_signatories(desk, [SignatoryEntry("Jan Peeters", "", True, {})])  # no title
    saved = settings.save_signatories(
        desk, [SignatoryEntry("Jan Peeters", "", True, {"fr": "Échevin", "nl": "Schepen"})]
    )
    assert saved[0].title == "Échevin"  # the commune's first language, for older readers
    assert settings.signatories(desk)[0].title_in("nl") == "Schepen"


def test_an_older_signatory_title_is_the_first_languages(desk: Desk) -> None:
    desk.store.set_setting("signatories", [{"name": "A", "title": "Échevine", "default": True}])
    [entry] = settings.signatories(desk)
    assert dict(entry.titles) == {"fr": "Échevine"}
    assert entry.title_in("nl") == ""


# -- what the card line names; the family; the document handed in -------------------------


def test_annex_51_of_a_family_member_names_sex_and_relationship(
    desk: Desk, make, scenarios, pdf_text
) -> None:
    file = scenarios.r4(family=0)
    holder = desk.store.get_holder(file.holder_id)
    wife = make.family_member(holder, given_names="Elif", sex=Sex.FEMALE, relationship="spouse")
    son = make.family_member(holder, given_names="Can", sex=Sex.MALE, relationship="child")
    other = make.family_member(holder, given_names="Ali", relationship="parent")  # sex unknown
    members = (wife.id, son.id, other.id)
    desk.store.save_file(replace(desk.store.get_file(file.id), family_member_ids=members))
    own, for_wife, for_son, for_other = issue_annex(desk, file.id, Language.NL)
    texts = [pdf_text(desk.register.pdf(d.id)) for d in (own, for_wife, for_son, for_other)]
    assert "Gecombineerde vergunning nr." in texts[0] and "Verwantschap" not in texts[0]
    assert "Geslacht vrouwelijk" in texts[1] and "Verwantschap echtgenote" in texts[1]
    assert "Geslacht mannelijk" in texts[2] and "Verwantschap zoon" in texts[2]
    assert "Verwantschap ouder" in texts[3]
    for text in texts[1:]:
        assert "Gecombineerde vergunning nr." not in text  # they hold no single permit
        assert "Verblijfstitel nr." not in text
        assert "in de hoedanigheid van familielid van" in text


@pytest.mark.parametrize(
    ("handed_in", "number", "printed"),
    [
        (
            HandedIn.RESIDENCE_CARD,
            "B0123456789",
            "Document ou titre de séjour restitué : titre de séjour n° B0123456789",
        ),
        (
            HandedIn.RESIDENCE_DOCUMENT,
            "123/45",
            "Document ou titre de séjour restitué : document de séjour n° 123/45",
        ),
        (HandedIn.NONE, "", "Document ou titre de séjour restitué : aucun"),
        ("", "", "Document ou titre de séjour restitué : …………………"),
    ],
)
def test_first_registration_prints_the_document_handed_in(
    desk: Desk, scenarios, pdf_text, handed_in, number, printed
) -> None:
    file = scenarios.r5(handed_in=handed_in, handed_in_number=number)
    assert desk.store.get_file(file.id).handed_in_number == number  # stored with the file
    (document,) = issue_annex(desk, file.id, Language.FR)
    text = pdf_text(desk.register.pdf(document.id))
    assert printed in text
    assert "Permis unique n°" not in text  # no single permit yet at a first registration


def test_first_registration_names_a_residence_card_not_a_single_permit(
    desk: Desk, make, pdf_text
) -> None:
    holder = make.holder()
    card = make.permit(
        holder, date(2026, 12, 31), labour_market=LabourMarket.NONE, card_number="B0999999999"
    )
    file = make.file(holder, card, Case.FIRST_REGISTRATION)
    (document,) = issue_annex(desk, file.id, Language.NL)
    text = pdf_text(desk.register.pdf(document.id))
    assert "Verblijfstitel nr. B0999999999" in text
    assert "Gecombineerde vergunning nr." not in text


def test_an_older_snapshot_keeps_its_single_permit_line(desk: Desk, scenarios) -> None:
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    raw = json.loads(desk.register.snapshot(document.id))
    del raw["person"]["card_kind"], raw["handed_in"], raw["handed_in_number"]
    del raw["person"]["relationship"]
    data = from_snapshot(json.dumps(raw))
    assert data.person.card_kind == "single_permit" and data.person.card_number


def test_the_annex_49_dates_use_the_french_ordinal(desk: Desk, scenarios, clock, pdf_text):
    clock.day = date(2027, 3, 1)
    file = scenarios.r5()
    (document,) = issue_annex(desk, file.id, Language.FR)
    text = pdf_text(desk.register.pdf(document.id))
    assert "Fait à Bruxelles, le 1er mars 2027." in text
    assert document.valid_until == date(2027, 3, 1) + timedelta(days=45)


@pytest.mark.sqlite_only  # rewrites a register entry, which the server refuses
def test_a_purged_entry_reprints_its_placeholder_unmarked(desk: Desk, scenarios) -> None:
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    desk.store._execute("UPDATE documents SET snapshot = '{}' WHERE id = ?", [document.id])
    assert reprint(desk, document.id) == desk.register.pdf(document.id)
    assert desk.register.copies(document.id) == []


# -- the extension box: its date and signatory ---------------------------------------------

SIGNERS = [
    {
        "name": "Marie Dupont",
        "titles": {
            "fr": "Échevine de la Population",
            "nl": "Schepen van Bevolking",
            "de": "Schöffin für Bevölkerung",
        },
        "default": True,
    }
]
BOXES = {
    "fr": (
        "Prorogé jusqu'au 22 janvier 2027 Date : 1er décembre 2026 Marie Dupont "
        "Échevine de la Population",
        "Prorogé jusqu'au 21 février 2027 Date : 11 janvier 2027 Marie Dupont",
    ),
    "nl": (
        "Verlengd tot 22 januari 2027 Datum: 1 december 2026 Marie Dupont Schepen van Bevolking",
        "Verlengd tot 21 februari 2027 Datum: 11 januari 2027 Marie Dupont",
    ),
    "de": (
        "Verlängert bis 22. Januar 2027 Datum: 1. Dezember 2026 Marie Dupont "
        "Schöffin für Bevölkerung",
        "Verlängert bis 21. Februar 2027 Datum: 11. Januar 2027 Marie Dupont",
    ),
}


@pytest.mark.parametrize("language", ["fr", "nl", "de"])
def test_each_extension_box_prints_its_date_and_signatory(
    desk: Desk, scenarios, clock, pdf_text, language
) -> None:
    if language == "de":
        desk.store.set_commune(EUPEN)
    desk.store.set_setting("signatories", SIGNERS)
    (document,) = issue_annex(desk, scenarios.r2().id, Language(language))
    first_box = BOXES[language][0].split(" Date")[0]
    assert first_box.split(" 22")[0] in pdf_text(desk.register.pdf(document.id))
    clock.day = date(2026, 12, 1)
    extended, decision = extend_document(desk, document.id)
    assert extended is not None, decision
    once = " ".join(pdf_text(desk.register.pdf(document.id)).split())
    assert BOXES[language][0] in once
    clock.day = date(2027, 1, 11)
    extended, decision = extend_document(desk, document.id)
    assert extended is not None and extended.version == 2, decision
    twice = " ".join(pdf_text(desk.register.pdf(document.id)).split())
    assert BOXES[language][0] in twice and BOXES[language][1] in twice
    first_version = " ".join(pdf_text(desk.register.pdf(document.id, version=1)).split())
    assert BOXES[language][1] not in first_version  # each version as it was issued
    snapshot = from_snapshot(desk.register.snapshot(document.id))
    assert [s.on for s in snapshot.extension_signatures] == [date(2026, 12, 1), date(2027, 1, 11)]


def test_a_snapshot_from_before_signed_boxes_still_reads(desk: Desk, scenarios) -> None:
    """An extension recorded before boxes were signed has no signature in its snapshot."""
    (document,) = issue_annex(desk, scenarios.r2().id, Language.FR)
    extend_document(desk, document.id)
    raw = json.loads(desk.register.snapshot(document.id))
    del raw["extension_signatures"]
    old = from_snapshot(json.dumps(raw))
    assert old.extension_signatures == () and len(old.extensions) == 1
