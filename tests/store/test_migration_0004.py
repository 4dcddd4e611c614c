"""Migration 0004_card_fields on a file written before it: the permits get the chip's
single-permit fields, the holders a partial birth date, and the search index is folded
again, so that names folded the old way (accents only) are found the new way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.birth_dates import PartialDate
from app.domain.model import Holder, LabourMarket, Permit
from app.domain.search import parse_query
from app.services.desk import open_database
from app.store.connection import connect
from app.store.migrations import MIGRATIONS, known_names

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only


def _old_fold(text: str) -> str:
    """What the index held before 0004: accents removed, Ə, Cyrillic, Greek left as they are."""
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _file_before_0004(path: Path) -> None:
    db = connect(path)
    MIGRATIONS.apply(db, stop_before="0004_card_fields")
    now = "2026-01-01T00:00:00+00:00"
    for holder_id, surname, given in ((1, "Əliyev", "İlham"), (2, "Иванов", "Сергей")):
        db.execute(
            "INSERT INTO holders (id, surname, given_names, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            [holder_id, surname, given, now, now],
        )
        db.execute(
            "INSERT INTO holder_search (rowid, names, numbers) VALUES (?, ?, '')",
            [holder_id, _old_fold(f"{surname} {given}")],
        )
    db.execute(
        "INSERT INTO permits (holder_id, card_number, expiry, labour_market) "
        "VALUES (1, 'B012345678', '2027-03-31', 'limited')"
    )
    db.close()


def test_0004_refolds_the_index_and_adds_the_card_fields(db_path: Path) -> None:
    _file_before_0004(db_path)
    with open_database(db_path) as store:
        names = store._execute("SELECT names FROM holder_search WHERE rowid = 1").fetchone()
        assert names[0] == "aliyev ilham"  # folded again by the migration
        query = parse_query("aliyev")
        assert query is not None
        assert [h.holder.id for h in store.search_holders(query)] == [1]
        cyrillic = parse_query("ivanov serg")
        assert cyrillic is not None
        assert [h.holder.id for h in store.search_holders(cyrillic)] == [2]
        (permit,) = store.permits_of(1)
        assert (permit.regional_file_number, permit.employer_vat_1) == ("", "")
        assert (permit.special_status, permit.member_of_family) == ("", False)
        assert store.get_holder(1).birth_date_partial is None
        assert "0004_card_fields" in [m.name for m in MIGRATIONS.applied(store._db)]
        assert store.count_indexed_holders() == store.count_holders() == 2


def test_card_fields_and_partial_birth_date_round_trip(db_path: Path) -> None:
    with open_database(db_path) as store:
        holder = store.save_holder(
            Holder("Benali", "Amina", birth_date_partial=PartialDate(1975, 3))
        )
        assert holder.id is not None
        permit = store.save_permit(
            Permit(
                holder.id,
                "B012345678",
                date(2027, 3, 31),
                LabourMarket.LIMITED,
                regional_file_number="RBC-2025/001234",
                employer_vat_1="0123456749",
                employer_vat_2="0987654312",
                issuing_municipality="Schaerbeek",
                special_status="1",
                member_of_family=True,
            )
        )
        row = store._execute("SELECT birth_date, birth_date_partial FROM holders").fetchone()
        assert row == (None, "1975-03-00")  # as the national register writes it
        assert store.get_holder(holder.id).birth_date_partial == PartialDate(1975, 3)
        assert store.permits_of(holder.id) == [permit]
    assert known_names().index("0004_card_fields") == 3
