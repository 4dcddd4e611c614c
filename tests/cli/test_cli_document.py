"""``permitdesk document export`` and ``verify``: the register's PDFs outside the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.model import RegisterNumber
from app.services.desk import Desk, open_database
from app.services.issuing import annul_document
from app.store import Register


def stored_pdf(path: Path, number: str) -> bytes:
    with open_database(path) as store:
        register = Register(store)
        return register.pdf(register.get(RegisterNumber.parse(number)).id)  # type: ignore[arg-type]


def test_export_writes_the_stored_bytes(run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    result = run("document", "export", "2026/000003", "--out", str(out), db=demo_db)
    assert result.code == 0
    assert result.out.startswith("2026/000003 (annex ")
    assert out.read_bytes() == stored_pdf(demo_db, "2026/000003")


def test_verify_names_the_register_entry(run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "doc.pdf"
    run("document", "export", "2026000002", "--out", str(out), db=demo_db)  # barcode form
    result = run("document", "verify", str(out), db=demo_db)
    assert result.code == 0
    assert f"{out} is register entry 2026/000002, annex " in result.out
    assert "version 0" in result.out
    assert "(valid entry)" in result.out


def test_verify_an_annulled_document_says_so(run, demo_db: Path, tmp_path: Path) -> None:
    with Desk.open(demo_db, user="clerk") as desk:
        annul_document(desk, desk.register.get(RegisterNumber(2026, 1)).id, "misprint")  # type: ignore[arg-type]
    out = tmp_path / "doc.pdf"
    run("document", "export", "2026/000001", "--out", str(out), db=demo_db)
    result = run("document", "verify", str(out), db=demo_db)
    assert result.code == 0
    assert "annulled on" in result.out


def test_a_foreign_pdf_is_not_a_document_of_this_register(
    run, demo_db: Path, tmp_path: Path
) -> None:
    original = tmp_path / "doc.pdf"
    run("document", "export", "2026/000001", "--out", str(original), db=demo_db)
    forged = tmp_path / "forged.pdf"
    forged.write_bytes(original.read_bytes() + b"\n% one byte more\n")
    result = run("document", "verify", str(forged), db=demo_db)
    assert result.code == 1
    assert result.out.strip() == (
        f"{forged} is not a document of this register (no matching SHA-256)"
    )


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["export", "2026/000999", "--out", "{tmp}/x.pdf"], 1, "no document 2026/000999"),
        (["export", "12", "--out", "{tmp}/x.pdf"], 2, "not a register number"),
        (["export", "2026/000001"], 2, "--out"),
        (["verify", "{tmp}/missing.pdf"], 2, "does not exist"),
        ([], 2, "say 'document export' or 'document verify'"),
    ],
)
def test_document_errors(run, demo_db: Path, tmp_path: Path, argv, code, message) -> None:
    result = run("document", *[a.replace("{tmp}", str(tmp_path)) for a in argv], db=demo_db)
    assert result.code == code
    assert message in result.err
    assert not (tmp_path / "x.pdf").exists()
