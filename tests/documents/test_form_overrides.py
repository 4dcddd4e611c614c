"""A commune's form overrides: a file of the same name replaces the built-in one, passes the
same checks, keeps what the paper must show, and the footer names which forms printed it."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from app import __version__
from app.documents.cover_list import cover_texts_from
from app.documents.forms import FORMS_DIR, FormError, load_forms
from app.documents.render import render_annex

from .conftest import annex_data, pdf_text


@pytest.fixture
def overrides(tmp_path: Path) -> Path:
    folder = tmp_path / "commune-forms"
    folder.mkdir()
    return folder


def override(folder: Path, name: str, old: str = "", new: str = "") -> Path:
    """Copy the built-in ``name`` into ``folder``, with ``old`` replaced by ``new``."""
    text = (FORMS_DIR / name).read_text(encoding="utf-8")
    if old:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_override_replaces_the_file_of_its_name(overrides: Path, holder) -> None:
    path = override(
        overrides,
        "annex-50.toml",
        'heading.fr = "Annexe 50"',
        'heading.fr = "Annexe 50 (texte de la commune)"',
    )
    os.utime(path, (1780000000, 1780000000))  # a known day: 2026-05-28
    forms = load_forms(FORMS_DIR, overrides)
    version = forms.in_force("50", date(2026, 3, 2))
    assert version.wording("fr")["heading"] == ("Annexe 50 (texte de la commune)",)
    assert forms.in_force("49", date(2026, 3, 2)).wording("fr", "renewal")["heading"] == (
        "Annexe 49",
    )
    [source] = forms.overridden
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert (source.file, source.sha256, source.modified) == (
        "annex-50.toml",
        digest,
        date(2026, 5, 28),
    )
    text = pdf_text(render_annex(annex_data("50", "fr", holder), forms))
    assert "Annexe 50 (texte de la commune)" in text
    assert (
        "Texte du modèle adapté par la commune (annex-50.toml 2026-05-28 "
        f"sha256:{digest[:12]})" in text
    )


@pytest.mark.parametrize(
    ("language", "footer"),
    [
        ("fr", "Texte du modèle : version intégrée (PermitDesk {v}, annex-41.toml 2019-01-03)"),
        ("nl", "Tekst van het model: ingebouwde versie (PermitDesk {v}, annex-41.toml 2019-01-03)"),
        ("de", "Text des Musters: integrierte Fassung (PermitDesk {v}, annex-41.toml 2019-01-03)"),
    ],
)
def test_the_footer_names_the_built_in_forms(holder, language, footer) -> None:
    text = pdf_text(render_annex(annex_data("41", language, holder)))
    assert footer.format(v=__version__) in text


def test_an_overridden_common_file_is_named_on_every_annex(overrides: Path, holder) -> None:
    override(
        overrides,
        "common.toml",
        'signatory.nl = "De burgemeester',
        'signatory.nl = "De Burgemeester',
    )
    forms = load_forms(FORMS_DIR, overrides)
    for annex in ("41", "51"):
        text = pdf_text(render_annex(annex_data(annex, "nl", holder), forms))
        assert "Tekst van het model aangepast door de gemeente (common.toml " in text
        assert "De Burgemeester of zijn gemachtigde" in text


def test_a_changed_override_is_read_again(overrides: Path) -> None:
    path = override(overrides, "annex-51.toml")
    assert load_forms(FORMS_DIR, overrides).in_force("51", date(2026, 1, 1)).wording("nl")[
        "heading"
    ] == ("Bijlage 51",)
    path.write_text(
        path.read_text(encoding="utf-8").replace('"Bijlage 51"', '"Bijlage 51 (gemeente)"'),
        encoding="utf-8",
    )
    os.utime(path, (1790000000, 1790000000))
    forms = load_forms(FORMS_DIR, overrides)
    assert forms.in_force("51", date(2026, 1, 1)).wording("nl")["heading"] == (
        "Bijlage 51 (gemeente)",
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (  # every language
            "annex-49.toml",
            'heading.de = "Anlage 49"\n',
            "",
            r"heading\.de is missing or empty",
        ),
        (  # the same placeholders in each language
            "annex-50.toml",
            'validity.nl = "Dit attest is geldig tot {valid_until}.',
            'validity.nl = "Dit attest is geldig tot {issued_on}.',
            "different placeholders",
        ),
        (  # no placeholder the application does not fill
            "annex-41.toml",
            "a introduit le {renewal_filed_on}",
            "a introduit le {filed}",
            "unknown placeholder",
        ),
        (  # the royal decree's number of extensions
            "annex-49.toml",
            "extension_boxes = 2",
            "extension_boxes = 3",
            "extension_boxes must stay 2",
        ),
        (  # TOML that does not parse
            "common.toml",
            'kingdom.fr = "Royaume de Belgique"',
            'kingdom.fr = "Royaume de Belgique',
            r"common\.toml \(override\)",
        ),
        (  # a variant of annex 49 removed
            "annex-49.toml",
            "[version.variant.first_registration]",
            "[version.variant.first_registration_2026]",
            "the variants must stay",
        ),
    ],
)
def test_a_bad_override_is_refused_with_a_sentence(
    overrides: Path, name: str, old: str, new: str, message: str
) -> None:
    override(overrides, name, old, new)
    with pytest.raises(FormError, match=message) as refused:
        load_forms(FORMS_DIR, overrides)
    assert str(refused.value).startswith(f"the form overrides in {overrides} are refused: ")


def test_an_override_dropping_a_date_the_paper_prints_is_refused(overrides: Path) -> None:
    path = override(overrides, "annex-50.toml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(
        "".join(
            ln.replace(" {valid_until}", "") if ln.startswith("validity.") else ln for ln in lines
        ),
        encoding="utf-8",
    )
    with pytest.raises(FormError, match=r"validity lacks \{valid_until\}, which the built-in"):
        load_forms(FORMS_DIR, overrides)


def test_an_override_leaving_out_a_text_is_refused(overrides: Path) -> None:
    path = override(overrides, "annex-41.toml")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(ln for ln in lines if not ln.startswith("notice.")), encoding="utf-8")
    with pytest.raises(FormError, match="the text notice is missing"):
        load_forms(FORMS_DIR, overrides)


def test_an_unknown_file_or_a_missing_folder_is_refused(overrides: Path) -> None:
    (overrides / "annex-52.toml").write_text("[[version]]\n", encoding="utf-8")
    with pytest.raises(FormError, match=r"annex-52\.toml, which is not a form of PermitDesk"):
        load_forms(FORMS_DIR, overrides)
    with pytest.raises(FormError, match="does not exist"):
        load_forms(FORMS_DIR, overrides / "nowhere")


def test_other_files_in_the_folder_are_ignored(overrides: Path) -> None:
    (overrides / "README.txt").write_text("notes of the legal officer", encoding="utf-8")
    assert load_forms(FORMS_DIR, overrides).overridden == ()


def test_the_cover_list_can_be_overridden_too(overrides: Path) -> None:
    assert (
        cover_texts_from(overrides)["title"]["nl"] == "Verzendingslijst – gecombineerde vergunning"
    )
    override(overrides, "cover-list.toml", 'title.nl = "Verzendingslijst', 'title.nl = "Lijst')
    assert cover_texts_from(overrides)["title"]["nl"].startswith("Lijst")
    shutil.copy(FORMS_DIR / "cover-list.toml", overrides / "cover-list.toml")
    override(overrides, "cover-list.toml", "({count})", "")
    with pytest.raises(FormError, match=r"intro\.fr must use the placeholders"):
        cover_texts_from(overrides)
