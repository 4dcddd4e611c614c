"""``document verify`` tells what any paper of the register is (the original, a duplicate,
an annulled copy); ``document export`` of an annulled entry is its marked copy; ``specimen``
prints the commune's form overrides and refuses a bad one in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.documents.forms import FORMS_DIR
from app.domain.model import RegisterNumber
from app.services.desk import Desk
from app.services.issuing import annul_document, reprint


@pytest.fixture
def configured_overrides(tmp_path: Path) -> Path:
    """The machine configuration names a folder of form overrides."""
    folder = tmp_path / "forms-of-the-commune"
    folder.mkdir()
    Path(os.environ["PERMITDESK_CONFIG"]).write_text(
        f"form_overrides = '{folder}'\n", encoding="utf-8"
    )
    return folder


def edited(folder: Path, name: str, old: str, new: str) -> None:
    text = (FORMS_DIR / name).read_text(encoding="utf-8")
    assert old in text
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")


def test_verify_names_a_duplicate_and_an_annulled_copy(run, demo_db: Path, tmp_path: Path):
    with Desk.open(demo_db, user="clerk") as desk:
        doc_id = desk.register.get(RegisterNumber(2026, 2)).id
        assert doc_id is not None
        (tmp_path / "duplicate.pdf").write_bytes(reprint(desk, doc_id))
        annul_document(desk, doc_id, "misprint")
        (tmp_path / "annulled.pdf").write_bytes(reprint(desk, doc_id))
    result = run("document", "verify", str(tmp_path / "duplicate.pdf"), db=demo_db)
    assert result.code == 0
    assert (
        " is a duplicate made on " in result.out
        and " by clerk of register entry 2026/000002" in result.out
    )
    result = run("document", "verify", str(tmp_path / "annulled.pdf"), db=demo_db)
    assert result.code == 0
    assert " is a copy marked ANNULLED, made on " in result.out
    assert result.out.rstrip().endswith(": misprint)")


def test_export_of_an_annulled_entry_carries_its_mark(run, demo_db: Path, tmp_path: Path, pdf_text):
    with Desk.open(demo_db, user="clerk") as desk:
        annul_document(desk, desk.register.get(RegisterNumber(2026, 1)).id, "misprint")  # type: ignore[arg-type]
    marked, original = tmp_path / "marked.pdf", tmp_path / "original.pdf"
    result = run("document", "export", "2026/000001", "--out", str(marked), db=demo_db)
    assert result.code == 0 and "(annulled, written with its ANNULÉ mark)" in result.out
    assert "misprint" in pdf_text(marked.read_bytes())
    result = run(
        "document", "export", "2026/000001", "--out", str(original), "--original", db=demo_db
    )
    assert "written as issued, without its mark" in result.out
    assert "misprint" not in pdf_text(original.read_bytes())
    verified = run("document", "verify", str(original), db=demo_db)
    assert "is register entry 2026/000001" in verified.out and "annulled on" in verified.out


def test_specimen_prints_the_configured_overrides(
    run, tmp_path: Path, configured_overrides: Path, pdf_text
) -> None:
    edited(
        configured_overrides,
        "annex-50.toml",
        'heading.de = "Anlage 50"',
        'heading.de = "Anlage 50 (Gemeinde)"',
    )
    out = tmp_path / "specimens"
    out.mkdir()
    result = run("specimen", "--out", str(out), "--annex", "50", "--lang", "de")
    assert result.code == 0, result.err
    assert "form override: annex-50.toml " in result.err
    text = pdf_text((out / "annex-50-de.pdf").read_bytes())
    assert "Anlage 50 (Gemeinde)" in text
    assert "Von der Gemeinde angepasster Text des Musters (annex-50.toml " in text


def test_specimen_tries_a_draft_folder(run, tmp_path: Path, pdf_text) -> None:
    draft = tmp_path / "draft"
    draft.mkdir()
    edited(
        draft, "annex-41.toml", 'heading.nl = "Bijlage 41"', 'heading.nl = "Bijlage 41 (ontwerp)"'
    )
    out = tmp_path / "specimens"
    out.mkdir()
    result = run(
        "specimen", "--out", str(out), "--annex", "41", "--lang", "nl", "--forms", str(draft)
    )
    assert result.code == 0
    assert "Bijlage 41 (ontwerp)" in pdf_text((out / "annex-41-nl.pdf").read_bytes())


def test_a_bad_override_is_refused_in_one_line(
    run, tmp_path: Path, configured_overrides: Path
) -> None:
    edited(configured_overrides, "annex-49.toml", "extension_boxes = 2", "extension_boxes = 1")
    result = run("specimen", "--out", str(tmp_path / "specimens"))
    assert result.code == 1
    assert result.err.count("\n") == 1
    assert "are refused: annex-49.toml (override)[0]: extension_boxes must stay 2" in result.err
    assert not (tmp_path / "specimens").exists()
