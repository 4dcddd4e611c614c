"""Document checklists (RULES.md, "Document checklists"): labels, and legal items per case."""

from __future__ import annotations

import pytest

from app.domain.checklist import (
    ALL_ITEMS,
    DEFAULT_CHECKLISTS,
    ITEMS_BY_ID,
    enforce_legal_items,
    label_of,
    legal_items,
    phrase_of,
    phrases_of,
)
from app.domain.model import Case

LANGUAGES = ("fr", "nl", "de", "en")


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.id)
def test_r7_every_item_is_labelled_in_fr_nl_de_and_en(item):
    assert set(item.labels) == set(LANGUAGES)
    assert all(item.label(language).strip() for language in LANGUAGES)
    assert len({item.label(language) for language in ("fr", "nl", "de")}) == 3


def test_item_ids_are_unique_and_every_default_item_is_known():
    assert len(ITEMS_BY_ID) == len(ALL_ITEMS)
    for case in Case:
        assert set(DEFAULT_CHECKLISTS[case]) <= set(ITEMS_BY_ID), case


@pytest.mark.parametrize(
    ("case", "legal"),
    [
        (Case.LIMITED_RENEWAL, ("regional_attestation",)),  # R2, art. 33 §5
        (Case.UNLIMITED_RENEWAL, ()),  # R3: the AR lists no document
        (Case.WORK_AUTHORISATION_ENDED, ("work_end_notice",)),  # R4, art. 105/4
        (Case.FIRST_REGISTRATION, ("decision", "visa")),  # R5, art. 105/2 §4
    ],
)
def test_legal_items_per_case_as_rules_md_lists_them(case, legal):
    assert legal_items(case) == legal
    assert all(ITEMS_BY_ID[item_id].legal for item_id in legal)


@pytest.mark.parametrize("case", list(Case))
def test_legal_items_cannot_be_removed_from_a_communes_checklist(case):
    emptied = enforce_legal_items(case, [])
    assert emptied == legal_items(case)
    kept = enforce_legal_items(case, ["photo", "own_item"])
    assert kept == (*legal_items(case), "photo", "own_item")


def test_enforce_legal_items_keeps_the_communes_order_and_drops_duplicates():
    chosen = ["passport", "regional_attestation", "photo", "passport"]
    assert enforce_legal_items(Case.LIMITED_RENEWAL, chosen) == (
        "passport",
        "regional_attestation",
        "photo",
    )


def test_only_the_items_the_ar_makes_a_condition_are_legal():
    legal = {item.id for item in ALL_ITEMS if item.legal}
    assert legal == {"regional_attestation", "decision", "visa", "work_end_notice"}


@pytest.mark.parametrize(
    ("item_id", "language", "label"),
    [
        ("passport", "fr", "passeport en cours de validité"),
        ("passport", "nl", "geldig paspoort"),
        ("passport", "de", "gültiger Reisepass"),
        ("photo", "en", "recent identity photo"),
        ("own_item", "nl", "own_item"),  # a commune's own item shows its id
    ],
)
def test_label_of(item_id, language, label):
    assert label_of(item_id, language) == label


@pytest.mark.parametrize("item", ALL_ITEMS, ids=lambda item: item.id)
def test_every_item_has_its_article_for_a_sentence(item):
    for language in LANGUAGES:
        assert item.phrase(language).endswith(item.label(language).split(" ", 1)[-1])
        assert item.phrase(language) != item.label(language)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("nl", "een recente pasfoto en een geldig paspoort"),
        ("de", "ein aktuelles Passfoto und ein gültiger Reisepass"),
        ("fr", "une photo d'identité récente et un passeport en cours de validité"),
    ],
)
def test_several_items_in_one_sentence(language, text):
    assert phrases_of(("photo", "passport"), language) == text
    assert phrases_of(("photo",), language) == phrase_of("photo", language)


def test_the_terms_of_the_decree():
    assert ITEMS_BY_ID["visa"].label("de") == (
        "Visum für einen längerfristigen Aufenthalt (aus dem Ausland)"
    )
    assert "toelating tot arbeid" in ITEMS_BY_ID["work_end_notice"].label("nl")
    assert "arbeidstoelating" not in ITEMS_BY_ID["work_end_notice"].label("nl")
    assert phrase_of("commune_own_item", "nl") == "commune_own_item"
