"""Importing holders and permits from CSV: all or nothing, updates without duplicates."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.domain.errors import Conflict, Interrupted
from app.domain.model import Address
from app.services.importing import ImportRejected, import_csv
from app.services.maintenance import check
from app.services.search import search
from app.store import SqliteStore
from app.store import importing as store_importing


def counts(desk) -> tuple[int, int]:
    holders = desk.store.count_holders()
    permits = desk.store._execute("SELECT count(*) FROM permits").fetchone()[0]
    return holders, permits


def test_good_file_is_inserted(desk, write_csv) -> None:
    path = write_csv([write_csv.good(n) for n in range(1, 4)])
    report = import_csv(desk, path)
    assert (report.inserted, report.updated, report.skipped, report.errors) == (3, 0, 0, ())
    assert counts(desk) == (3, 3)
    assert [h.surname for h in search(desk, "imported2").holders] == ["IMPORTED2"]
    if isinstance(desk.store, SqliteStore):  # the file's own checks
        assert check(desk.store) == []


def test_names_are_kept_literally(desk, write_csv) -> None:
    import_csv(desk, write_csv([write_csv.good(1, surname="ŞAHİN <&> O'NEILL")]))
    (holder,) = search(desk, "B0000000001").holders
    assert holder.surname == "ŞAHİN <&> O'NEILL"


def test_reimport_updates_without_duplicating(desk, write_csv) -> None:
    import_csv(desk, write_csv([write_csv.good(1), write_csv.good(2)], "first.csv"))
    holder = desk.store.find_holder(write_csv.good(1)[0])
    holder.hospitalised = True  # recorded at the counter, not in the CSV
    desk.store.save_holder(holder)

    second = write_csv(
        [
            write_csv.good(1, surname="RENAMED", permit_expiry="2031-05-31"),
            write_csv.good(2),
            write_csv.good(3),
        ],
        "second.csv",
    )
    report = import_csv(desk, second)
    assert (report.inserted, report.updated) == (1, 2)
    assert counts(desk) == (3, 3)
    updated = desk.store.get_holder(holder.id)
    assert updated.surname == "RENAMED"
    assert updated.hospitalised is True
    (permit,) = desk.store.permits_of(holder.id)
    assert permit.expiry == date(2031, 5, 31)


def test_invalid_rows_reject_the_whole_file(desk, write_csv) -> None:
    path = write_csv([write_csv.good(1), write_csv.bad, write_csv.good(2)])
    with pytest.raises(ImportRejected) as rejected:
        import_csv(desk, path)
    assert counts(desk) == (0, 0)
    errors = rejected.value.errors
    assert {e.row for e in errors} == {3}  # the header is line 1
    assert {e.column for e in errors} >= {"national_number", "surname", "birth_date"}
    assert all(e.message for e in errors)
    assert "nothing was imported" in str(rejected.value)


def test_skip_invalid_imports_the_valid_rows(desk, write_csv) -> None:
    path = write_csv([write_csv.good(1), write_csv.bad, write_csv.good(2), write_csv.bad])
    report = import_csv(desk, path, skip_invalid=True)
    assert (report.inserted, report.updated, report.skipped) == (2, 0, 2)
    assert {e.row for e in report.errors} == {3, 5}
    assert counts(desk) == (2, 2)


def test_import_is_audited(desk, write_csv) -> None:
    import_csv(desk, write_csv([write_csv.good(1)]))
    (row,) = desk.store._all('SELECT "user", action, detail FROM audit_log')
    assert (row["user"], row["action"]) == ("clerk", "import")
    assert '"inserted": 1' in row["detail"]


def test_a_card_of_another_holder_rolls_back_the_import(desk, write_csv) -> None:
    import_csv(desk, write_csv([write_csv.good(1)], "first.csv"))
    taken_card = write_csv.good(1)[5]
    second = write_csv([write_csv.good(2), write_csv.good(3, card_number=taken_card)], "b.csv")
    with pytest.raises(Conflict, match=taken_card):
        import_csv(desk, second)
    assert counts(desk) == (1, 1)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"national_number;surname\n\xff\xfe\x00bad", "not UTF-8"),
        ("national_number;surname\n1;2\n".encode("utf-16"), "not UTF-8"),
    ],
    ids=["latin1-bytes", "utf16"],
)
def test_a_file_that_is_not_utf8_says_how_to_fix_it(desk, tmp_path, content, message) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        import_csv(desk, path)


def test_a_header_without_required_columns_is_rejected(desk, tmp_path) -> None:
    path = tmp_path / "short.csv"
    path.write_text("surname;given_names\nDOE;John\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected:
        import_csv(desk, path)
    assert {e.code for e in rejected.value.errors} == {"missing_column"}
    assert counts(desk) == (0, 0)


def test_reimport_with_the_required_columns_keeps_what_the_file_lacks(desk, write_csv) -> None:
    """Issue 11, point 5: a file without birth place, phone, e-mail or address blanks
    none of them; only what changed is written, and audited by field name."""
    import_csv(desk, write_csv([write_csv.good(1)], "first.csv"))
    holder = desk.store.find_holder(write_csv.good(1)[0])
    holder.birth_place = "Casablanca"
    holder.phone = "+32 470 12 34 56"
    holder.email = "amina@example.org"
    holder.address = Address("Rue Haute 12", "1000", "Bruxelles")
    desk.store.save_holder(holder)

    report = import_csv(desk, write_csv([write_csv.good(1)], "same.csv"))
    assert (report.inserted, report.updated) == (0, 1)
    assert desk.store.get_holder(holder.id) == holder
    assert audited_updates(desk) == []  # nothing changed: nothing to audit

    import_csv(desk, write_csv([write_csv.good(1, surname="RENAMED")], "renamed.csv"))
    kept = desk.store.get_holder(holder.id)
    assert kept.surname == "RENAMED"
    assert (kept.birth_place, kept.phone, kept.email) == (
        "Casablanca",
        "+32 470 12 34 56",
        "amina@example.org",
    )
    assert kept.address == Address("Rue Haute 12", "1000", "Bruxelles")
    assert audited_updates(desk) == [(holder.id, {"by": "import", "fields": ["surname"]})]
    assert [h.id for h in search(desk, "renamed").holders] == [holder.id]  # indexed again
    assert search(desk, holder.surname).holders == []
    if isinstance(desk.store, SqliteStore):  # the file's own checks
        assert check(desk.store) == []


def audited_updates(desk) -> list[tuple[int, dict]]:
    found = desk.store._all(
        "SELECT entity_id, detail FROM audit_log WHERE action = 'update' AND entity = 'holder'"
    )
    return [(row["entity_id"], json.loads(row["detail"])) for row in found]


def test_a_large_import_is_written_in_batches_and_indexed_once(
    desk, write_csv, monkeypatch
) -> None:
    monkeypatch.setattr(store_importing, "CHUNK", 7)
    rows = [write_csv.good(n) for n in range(1, 31)]
    import_csv(desk, write_csv(rows[:10], "first.csv"))
    report = import_csv(desk, write_csv(rows, "all.csv"))
    assert (report.inserted, report.updated) == (20, 10)
    assert counts(desk) == (30, 30)
    assert [h.surname for h in search(desk, "imported25").holders] == ["IMPORTED25"]
    if isinstance(desk.store, SqliteStore):  # the file's own index and checks
        assert desk.store.count_indexed_holders() == 30
        assert check(desk.store) == []


def test_cancel_between_batches_writes_nothing(desk, write_csv, monkeypatch) -> None:
    """Cancel pressed while a batch is written (between two statements, where SQLite
    does not notice an interrupt): the next batch stops the import, all is rolled back."""
    monkeypatch.setattr(store_importing, "CHUNK", 3)
    index = store_importing._Batch.index

    def index_then_cancel(batch) -> None:
        index(batch)
        desk.interrupt()

    monkeypatch.setattr(store_importing._Batch, "index", index_then_cancel)
    with pytest.raises(Interrupted):
        import_csv(desk, write_csv([write_csv.good(n) for n in range(1, 10)]))
    assert counts(desk) == (0, 0)
    assert desk.store._all("SELECT * FROM audit_log") == []
