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
        ([], 2, "say 'document export', 'verify', 'list' or 'annul'"),
    ],
)
def test_document_errors(run, demo_db: Path, tmp_path: Path, argv, code, message) -> None:
    result = run("document", *[a.replace("{tmp}", str(tmp_path)) for a in argv], db=demo_db)
    assert result.code == code
    assert message in result.err
    assert not (tmp_path / "x.pdf").exists()


# -- document annul and document list ---------------------------------------------------


def test_annul_goes_through_the_annul_service(run, demo_db: Path, tmp_path: Path) -> None:
    result = run("document", "annul", "2026/000001", "--reason", "wrong  holder", db=demo_db)
    assert result.code == 0, result.err
    assert result.out.startswith("2026/000001 (annex ")
    assert "annulled on " in result.out and result.out.rstrip().endswith(": wrong holder")
    with Desk.open(demo_db, user="clerk") as desk:
        entry = desk.register.get(RegisterNumber(2026, 1))
        assert (entry.annulled_reason, entry.annulled_on is not None) == ("wrong holder", True)
        kinds = [e.kind for e in desk.store.get_file(entry.file_id).events]  # type: ignore[arg-type]
        assert kinds[-1] == "annulled"
    out = tmp_path / "doc.pdf"
    run("document", "export", "2026/000001", "--out", str(out), db=demo_db)
    assert "annulled on" in run("document", "verify", str(out), db=demo_db).out


def test_annul_refuses_an_empty_reason_and_a_second_annulment(run, demo_db: Path) -> None:
    empty = run("document", "annul", "2026/000001", "--reason", "  ", db=demo_db)
    assert empty.code == 2 and empty.out == ""
    assert empty.err.strip() == "permitdesk: error: an annulment needs a reason (--reason TEXT)"
    assert run("document", "annul", "2026/000001", "--reason", "misprint", db=demo_db).code == 0
    again = run("document", "annul", "2026/000001", "--reason", "again", db=demo_db)
    assert again.code == 1 and len(again.err.strip().splitlines()) == 1
    assert "2026/000001 is already annulled (on " in again.err
    unknown = run("document", "annul", "2026/999999", "--reason", "x", db=demo_db)
    assert unknown.code == 1 and len(unknown.err.strip().splitlines()) == 1
    bad = run("document", "annul", "twelve", "--reason", "x", db=demo_db)
    assert bad.code == 2 and len(bad.err.strip().splitlines()) == 1


def test_list_shows_every_entry_with_its_state(run, demo_db: Path) -> None:
    import json

    run("document", "annul", "2026/000002", "--reason", "misprint", db=demo_db)
    result = run("document", "list", "--format", "json", db=demo_db)
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    with Desk.open(demo_db, user="clerk") as desk:
        total = desk.store._one("SELECT count(*) AS n FROM documents")["n"]  # type: ignore[index]
    assert len(rows) == total > 2
    assert [r["number"] for r in rows] == sorted(r["number"] for r in rows)
    second = rows[1]
    assert second["number"] == "2026/000002"
    assert (second["state"], second["annulled_reason"]) == ("annulled", "misprint")
    assert {r["state"] for r in rows} <= {"valid", "extended", "lapsed", "annulled", "superseded"}
    expected = {"annex", "language", "holder", "issued_on", "valid_until", "state"}
    assert expected <= set(rows[0])
    table = run("document", "list", db=demo_db)
    lines = table.out.splitlines()
    headings = "NUMBER ANNEX LANG HOLDER ISSUED ON VALID UNTIL STATE"
    assert lines[0].split() == headings.split()
    assert any(line.startswith("2026/000002") and "annulled on " in line for line in lines)
    assert lines[-1] == f"{total} document(s)"


def test_list_of_one_holder_by_national_number(run, demo_db: Path) -> None:
    import json

    rows = json.loads(run("document", "list", "--format", "json", db=demo_db).out)
    first = rows[0]
    assert first["national_number"]
    mine = [r for r in rows if r["national_number"] == first["national_number"]]
    result = run(
        "document", "list", "--holder", first["national_number"], "--format", "json", db=demo_db
    )
    assert result.code == 0, result.err
    assert json.loads(result.out) == mine
    unknown = run("document", "list", "--holder", "00000000000", db=demo_db)
    assert unknown.code == 1
    assert unknown.err.strip() == "permitdesk: error: no holder with national number 00000000000"


def test_list_gives_the_states_on_the_day_asked(run, demo_db: Path) -> None:
    import json

    def states(day: str) -> set[str]:
        result = run("document", "list", "--on", day, "--format", "json", db=demo_db)
        assert result.code == 0, result.err
        return {row["state"] for row in json.loads(result.out)}

    assert "valid" in states("2026-11-23")  # the day the demo was made
    assert states("2030-01-01") <= {"lapsed", "superseded"}
