"""Migration 0005_papers: a file opened before it keeps its renewal files (nothing handed in
recorded) and gains the register of marked copies."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.domain.model import Case, HandedIn, Holder, RenewalFile
from app.services.desk import open_database
from app.store.connection import connect
from app.store.migrations import MIGRATIONS

#: About the SQLite file itself (its migrations, pragmas, copies, key): not the server.
pytestmark = pytest.mark.sqlite_only


def test_a_file_from_before_0005_is_upgraded(db_path: Path) -> None:
    old = connect(db_path)
    MIGRATIONS.apply(old, stop_before="0005_papers")
    old.execute("INSERT INTO holders (id, surname, created_at, updated_at) VALUES (1, 'X', '', '')")
    old.execute(
        'INSERT INTO renewal_files (id, holder_id, "case", opened_on) '
        "VALUES (1, 1, 'first_registration', '2026-11-23')"
    )
    old.conn.commit()
    old.close()
    with open_database(db_path) as store:
        file = store.get_file(1)
        assert (file.handed_in, file.handed_in_number) == ("", "")
        assert "document_copies" in store._db.table_names()
        file.handed_in, file.handed_in_number = HandedIn.RESIDENCE_CARD, "B0123456789"
        store.save_file(file)
        again = store.get_file(1)
        assert (again.handed_in, again.handed_in_number) == ("residence_card", "B0123456789")


def test_the_commune_per_language_is_kept_in_the_settings(store) -> None:
    from app.domain.model import Commune, CommuneText, Language

    commune = Commune(
        "21015",
        "Schaerbeek",
        (Language.FR, Language.NL),
        texts={Language.NL: CommuneText("Schaarbeek", "Colignonplein 1", "Schaarbeek")},
    )
    store.set_commune(commune)
    assert store.get_commune() == commune
    assert store.get_commune().text("nl").street == "Colignonplein 1"
    assert store.get_commune().text(Language.FR).name == "Schaerbeek"  # its own fields
    store.set_setting("commune", {"nis_code": "21004", "name": "Bruxelles", "languages": ["fr"]})
    assert store.get_commune().texts == {}  # settings written before: no texts, still read


def test_a_file_of_a_first_registration_round_trips(store) -> None:
    holder = store.save_holder(Holder(surname="Y", given_names="Z"))
    file = store.save_file(
        RenewalFile(
            holder.id,  # type: ignore[arg-type]
            Case.FIRST_REGISTRATION,
            date(2026, 11, 23),
            handed_in=HandedIn.NONE,
        )
    )
    assert store.get_file(file.id).handed_in == "none"  # type: ignore[arg-type]
