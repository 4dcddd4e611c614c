"""The demo database: deterministic, only into an empty file, with every list populated."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.model import Annex, FileState
from app.services.demo import DEMO_OPEN_FILES, DemoExists, build_demo
from app.services.desk import open_database
from app.services.maintenance import check
from app.services.worklist import load_worklist

PERSONS = 300


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("demo")


@pytest.fixture(scope="module")
def demo_path(demo_folder: Path) -> Path:
    """One demo database shared by the read-only tests of this module (seed 7)."""
    path = demo_folder / "seed7-a.sqlite"
    assert build_demo(path, PERSONS, seed=7, today=date(2026, 11, 23)) == PERSONS
    return path


@pytest.fixture
def demo(demo_path: Path):
    with open_database(demo_path) as store:
        yield store


def holders_of(path: Path) -> list[tuple]:
    with open_database(path) as store:
        return [
            tuple(row.values())
            for row in store._all(
                "SELECT h.national_number, h.surname, h.given_names, h.birth_date, "
                "p.card_number, p.expiry, p.labour_market FROM holders h "
                "JOIN permits p ON p.holder_id = h.id ORDER BY h.id"
            )
        ]


def register_of(path: Path) -> list[tuple]:
    with open_database(path) as store:
        return [
            tuple(row.values())
            for row in store._all(
                "SELECT d.sequence, d.annex, d.holder_id, d.issued_on, d.valid_until, v.sha256 "
                "FROM documents d JOIN document_versions v ON v.document_id = d.id "
                "ORDER BY d.sequence"
            )
        ]


def test_same_seed_same_holders_and_register(demo_path, demo_folder, today) -> None:
    again = demo_folder / "seed7-b.sqlite"
    build_demo(again, PERSONS, seed=7, today=today)
    assert holders_of(again) == holders_of(demo_path)
    assert register_of(again) == register_of(demo_path)


def test_another_seed_other_holders(demo_path, tmp_path, today) -> None:
    other = tmp_path / "seed8.sqlite"
    build_demo(other, PERSONS, seed=8, today=today)
    assert holders_of(other) != holders_of(demo_path)
    assert len(holders_of(other)) == PERSONS


def test_refuses_a_database_that_holds_data(demo_path, today) -> None:
    before = holders_of(demo_path)
    with pytest.raises(DemoExists, match="already holds data"):
        build_demo(demo_path, 10, seed=1, today=today)
    assert holders_of(demo_path) == before


def test_empty_but_initialised_database_is_accepted(desk, db_path, today) -> None:
    """`permitdesk init` then `permitdesk demo`: a commune but no holders yet."""
    desk.close()
    assert build_demo(db_path, 20, seed=1, today=today) == 20


def test_commune_and_signatory_are_set(demo) -> None:
    commune = demo.get_commune()
    assert commune is not None
    assert commune.nis_code == "21999"
    assert {language.value for language in commune.languages} == {"fr", "nl"}
    assert any(entry.get("default") for entry in demo.get_setting("signatories"))


def test_open_files_have_annexes_issued(demo) -> None:
    register = demo.register()
    files = demo._all("SELECT id, state FROM renewal_files")
    assert len(files) == DEMO_OPEN_FILES
    for file in files:
        assert file["state"] == FileState.OPEN
        (document,) = register.of_file(file["id"])
        assert document.annex in (Annex.A49, Annex.A50)
        assert document.language.value in ("fr", "nl")
        assert register.pdf(document.id).startswith(b"%PDF")


def test_demo_is_sound(demo) -> None:
    assert check(demo) == []


def test_every_list_of_the_counter_has_rows(demo, today) -> None:
    worklist = load_worklist(demo, today)
    for name in ("due", "soon", "expired", "suspended", "expiring_documents"):
        assert getattr(worklist, name), f"the demo's {name} list is empty"
    assert all(
        today <= row.valid_until <= today + timedelta(days=7)  # type: ignore[operator]
        for row in worklist.expiring_documents
    )


def test_register_numbers_follow_the_issue_dates(demo_path) -> None:
    """A register is chronological: a later number is never issued on an earlier day."""
    issued = [row[3] for row in register_of(demo_path)]
    assert issued == sorted(issued)
