"""A paper is in one language (R7, issue 12): every annex, every variant, the family
member's annex 51, a duplicate and an annulled copy, in French, Dutch and German, with a
bilingual Brussels commune and a German-speaking one, holds no word of another language.

The words "of another language" are found, not listed: every word the forms (and the
checklist, Babel's months and countries, the commune's names) use in one language and
never in the other. The person's own data (name, address, a reason typed by the clerk) is
not the paper's language and is taken out of the text before the check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from functools import cache

import pytest
from babel import Locale

from app.documents.context import AnnexData, PersonData
from app.documents.forms import ANNEXES, LANGUAGES, load_forms
from app.documents.marks import Mark, mark_copy
from app.documents.render import render_annex
from app.documents.specimen import VARIANTS
from app.domain.checklist import ALL_ITEMS

from .conftest import annex_data, pdf_text

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "de": "de_BE"}
#: The commune in each of its languages: (name, street) as the settings hold them.
BRUSSELS = {
    "fr": ("Schaerbeek", "Place Colignon 1, 1030 Schaerbeek", "Échevine de la Population"),
    "nl": ("Schaarbeek", "Colignonplein 1, 1030 Schaarbeek", "Schepen van Bevolking"),
}
EUPEN = {"de": ("Eupen", "Rathausplatz 14, 4700 Eupen", "Schöffe für Bevölkerung")}
HOLDER = PersonData(
    surname="Yılmaz",
    given_names="Ayşe Gül",
    birth_date=date(1985, 7, 30),
    birth_place="Gaziantep",
    nationality="TR",
    national_number="85073003328",
    sex="F",
    address="Zeedijk 12, 8400 Oostende",
    card_number="B012345678",
)
CHILD = replace(
    HOLDER,
    given_names="Can",
    sex="M",
    national_number=None,
    card_number="",
    card_kind="",
    relationship="child",
)
REASON = "Yılmaz ≠ Yilmaz"
#: Data, not the paper's words: taken out of the text before it is checked.
DATA = (HOLDER.address, HOLDER.surname, HOLDER.given_names, HOLDER.birth_place, REASON)


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]{2,}", text)}


@cache
def vocabulary() -> dict[str, set[str]]:
    """Every word each language's texts use: forms (every version and variant), the
    checklist, month and day names, country names, the communes' own names."""
    found: dict[str, set[str]] = {code: set() for code in LANGUAGES}
    forms = load_forms()
    groups = [texts for _day, texts in forms.common]
    for versions in forms.annexes.values():
        for version in versions:
            groups += [version.texts, *version.variants.values()]
    for texts in groups:
        for by_language in texts.values():
            for code in LANGUAGES:
                found[code] |= words(" ".join(by_language[code]))
    for item in ALL_ITEMS:
        for code in LANGUAGES:
            found[code] |= words(f"{item.label(code)} {item.phrase(code)}")
    for code in LANGUAGES:
        locale = Locale.parse(LOCALES[code])
        found[code] |= words(" ".join(locale.months["format"]["wide"].values()))
        found[code] |= words(" ".join(locale.territories.values()))
    for communes in (BRUSSELS, EUPEN):
        for code, texts in communes.items():
            found[code] |= words(" ".join(texts))
    return found


def foreign(language: str) -> set[str]:
    """Words the other languages use and this one never does."""
    ours = vocabulary()[language]
    theirs = set().union(*(vocabulary()[c] for c in LANGUAGES if c != language))
    return theirs - ours


def papers(language: str) -> Iterator[tuple[str, bytes]]:
    """Every paper the counter prints in ``language``."""
    communes = EUPEN if language == "de" else BRUSSELS
    name, address, title = communes.get(language, BRUSSELS["fr"])
    items = ("passport", "photo", "visa")
    missing = tuple(i.label(language) for i in ALL_ITEMS if i.id in items)
    for annex in ANNEXES:
        for variant, _suffix in VARIANTS[annex]:
            data = annex_data(
                annex,
                language,
                HOLDER,
                variant=variant,
                commune_name=name,
                commune_address=address,
                signatory_title=title,
                missing_documents=missing if annex == "41" else (),
                handed_in="residence_card" if variant == "first_registration" else "",
                handed_in_number=HOLDER.card_number,
                handed_in_document="",
                extensions=(date(2026, 5, 1),),
            )
            if variant == "first_registration":
                data = replace(data, person=replace(HOLDER, card_kind="residence_card"))
            yield f"{annex}{variant}", render_annex(data)
            if annex == "51":
                yield "51 family", render_annex(replace(data, person=CHILD, family_of=HOLDER))
            yield from marked(annex, data)


def marked(annex: str, data: AnnexData) -> Iterator[tuple[str, bytes]]:
    stored = render_annex(data)
    yield f"{annex} duplicate", mark_copy(stored, data, Mark("duplicate", date(2026, 10, 1)))
    yield f"{annex} annulled", mark_copy(stored, data, Mark("annulled", date(2026, 10, 1), REASON))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_paper_is_in_one_language(language: str) -> None:
    others = foreign(language)
    assert len(others) > 200  # the check has words to find
    printed = 0
    for what, pdf in papers(language):
        text = pdf_text(pdf)
        for value in DATA:
            text = text.replace(value, " ")
        wrong = words(text) & others
        assert not wrong, f"{what} in {language}: {sorted(wrong)}"
        printed += 1
    assert printed == 16  # 5 bodies × (paper, duplicate, annulled) + 51 family, per language


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_annex_and_variant_exists_in_every_language(language: str) -> None:
    forms = load_forms()
    for annex in ANNEXES:
        version = forms.in_force(annex, date(2026, 3, 2))
        assert set(version.variants or {""}) == {v for v, _ in VARIANTS[annex]}
        for variant, _suffix in VARIANTS[annex]:
            wording = version.wording(language, variant)
            assert wording["title"] and wording["body"]
