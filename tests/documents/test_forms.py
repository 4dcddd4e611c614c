"""The form loader: shipped forms complete, broken forms refused, the version in force by date."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from app.documents.forms import (
    ANNEXES,
    FORMS_DIR,
    FormError,
    load_forms,
)

from .conftest import LANGUAGES


@pytest.fixture
def forms_copy(tmp_path: Path) -> Path:
    """A private copy of forms/ to break; load_forms caches per directory."""
    directory = tmp_path / "forms"
    shutil.copytree(FORMS_DIR, directory)
    return directory


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_shipped_forms_are_complete():
    forms = load_forms()
    extension_boxes = {"41": 0, "49": 2, "50": 3, "51": 0}
    for annex in ANNEXES:
        version = forms.in_force(annex, date(2019, 1, 3))
        assert version.extension_boxes == extension_boxes[annex]
        for variant in version.variants or [""]:
            for language in LANGUAGES:
                assert version.wording(language, variant)["title"]


def test_no_form_before_the_royal_decree_applies():
    with pytest.raises(LookupError):
        load_forms().in_force("50", date(2019, 1, 2))


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('title.de = "Bescheinigung über', 'title.xx = "Bescheinigung über', "title.de"),
        ('heading.nl = "Bijlage 50"\n', "", "heading.nl"),
        (
            "validity.fr = \"La présente attestation est valable jusqu'au {valid_until}",
            "validity.fr = \"La présente attestation est valable jusqu'au {valid_till}",
            "placeholder",
        ),
        ('title.fr = "Attestation de dépôt', 'titel.fr = "Attestation de dépôt', "titel"),
    ],
)
def test_broken_annex_form_is_refused(forms_copy, old, new, message):
    _edit(forms_copy / "annex-50.toml", old, new)
    with pytest.raises(FormError, match=message):
        load_forms(forms_copy)


def test_missing_text_is_refused(forms_copy):
    path = forms_copy / "annex-50.toml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("title.")), encoding="utf-8")
    with pytest.raises(FormError, match=r"missing.*'title'"):
        load_forms(forms_copy)


def test_missing_shared_label_is_refused(forms_copy):
    _edit(forms_copy / "common.toml", 'label_surname.de = "Name"\n', "")
    with pytest.raises(FormError, match=r"label_surname\.de"):
        load_forms(forms_copy)


def test_variant_missing_its_body_is_refused(forms_copy):
    path = forms_copy / "annex-49.toml"
    text = path.read_text(encoding="utf-8")
    start = text.index("body.fr", text.index("[version.variant.first_registration]"))
    end = text.index("validity.fr", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(FormError, match=r"first_registration.*'body'"):
        load_forms(forms_copy)


def test_later_version_applies_from_its_date(forms_copy):
    path = forms_copy / "annex-51.toml"
    text = path.read_text(encoding="utf-8")
    later = text[text.index("\n[[version]]") :].replace("2019-01-03", "2026-05-21")
    later = later.replace('heading.fr = "Annexe 51"', 'heading.fr = "Annexe 51 (2026)"')
    path.write_text(text + "\n" + later, encoding="utf-8")
    forms = load_forms(forms_copy)

    assert forms.in_force("51", date(2026, 5, 20)).wording("fr")["heading"] == ("Annexe 51",)
    assert forms.in_force("51", date(2026, 5, 21)).wording("fr")["heading"] == ("Annexe 51 (2026)",)
    assert forms.in_force("51", date(2030, 1, 1)).applies_from == date(2026, 5, 21)
