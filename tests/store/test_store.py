"""The store: holders and permits round-trip, uniqueness rules, transactions, settings."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.errors import Conflict, NotFound
from app.domain.model import (
    Address,
    Case,
    Holder,
    LabourMarket,
    Language,
    Permit,
    RenewalFile,
    Sex,
)
from app.services.search import search
from app.store import SqliteStore, Store

EXPIRY = date(2027, 3, 31)


@pytest.fixture
def ayse(make) -> Holder:
    return make.holder(
        surname="Yılmaz-Öztürk <Ş&Co>",
        given_names="Ayşe Gül",
        national_number="85073003328",
        birth_date=date(1985, 7, 30),
        nationality="TR",
        language=Language.NL,
        address=Address("Rue Haute 12 & 14", "1000", "Bruxelles"),
        phone="+32 2 123 45 67",
        email="ayse@example.org",
        hospitalised=True,
    )


def test_holder_round_trip_keeps_every_field(store: Store, ayse: Holder) -> None:
    assert ayse.id is not None
    loaded = store.get_holder(ayse.id)
    assert loaded == ayse
    assert loaded.surname == "Yılmaz-Öztürk <Ş&Co>"
    assert loaded.sex is Sex.FEMALE


def test_save_with_a_known_national_number_updates(store: Store, ayse: Holder) -> None:
    again = Holder(
        surname="Yılmaz",
        given_names="Ayşe",
        national_number=ayse.national_number,
        language=Language.FR,
    )
    saved = store.save_holder(again)
    assert saved.id == ayse.id
    assert store.count_holders() == 1
    assert store.get_holder(ayse.id).surname == "Yılmaz"  # type: ignore[arg-type]
    assert store.find_holder("85073003328").given_names == "Ayşe"  # type: ignore[union-attr]


def test_find_holder_unknown_number_is_none(store: Store) -> None:
    assert store.find_holder("85073003328") is None


def test_get_holder_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.get_holder(999)


def test_saving_an_unknown_id_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.save_holder(Holder(surname="Nobody", given_names="", id=999))


def test_two_holders_with_one_national_number_conflict(store: Store, make, ayse) -> None:
    other = make.holder()
    other.national_number = ayse.national_number
    with pytest.raises(Conflict):
        store.save_holder(other)


def test_permit_upsert_by_card_number(store: Store, make, ayse: Holder) -> None:
    first = make.permit(ayse, EXPIRY, card_number="B012345678")
    renewed = Permit(
        holder_id=ayse.id,
        card_number="B012345678",
        expiry=date(2032, 3, 31),
        labour_market=LabourMarket.UNLIMITED,
    )
    store.save_permit(renewed)
    assert renewed.id == first.id
    (only,) = store.permits_of(ayse.id)  # type: ignore[arg-type]
    assert only.expiry == date(2032, 3, 31)
    assert only.labour_market is LabourMarket.UNLIMITED


def test_permits_of_lists_latest_expiry_first(store: Store, make, ayse: Holder) -> None:
    make.permit(ayse, date(2022, 3, 31))
    make.permit(ayse, EXPIRY)
    expiries = [p.expiry for p in store.permits_of(ayse.id)]  # type: ignore[arg-type]
    assert expiries == [EXPIRY, date(2022, 3, 31)]


def test_card_of_another_holder_conflicts(store: Store, make, ayse: Holder) -> None:
    make.permit(ayse, EXPIRY, card_number="B012345678")
    other = make.holder()
    with pytest.raises(Conflict, match="B012345678"):
        store.save_permit(Permit(other.id, "B012345678", EXPIRY, LabourMarket.LIMITED))
    assert store.permits_of(other.id) == []  # type: ignore[arg-type]


def test_permit_needs_a_saved_holder(store: Store) -> None:
    with pytest.raises(ValueError, match="holder"):
        store.save_permit(Permit(None, "B012345678", EXPIRY, LabourMarket.LIMITED))


def test_file_round_trip_with_family_and_missing_documents(store: Store, make, ayse) -> None:
    permit = make.permit(ayse, EXPIRY)
    child = make.family_member(ayse)
    file = make.file(
        ayse,
        permit,
        Case.UNLIMITED_RENEWAL,
        renewal_filed_on=date(2027, 2, 1),
        missing_documents=("passport", "photo"),
        family_member_ids=(child.id,),
    )
    loaded = store.get_file(file.id)
    assert loaded.missing_documents == ("passport", "photo")
    assert loaded.family_member_ids == (child.id,)
    assert loaded.renewal_filed_on == date(2027, 2, 1)
    assert store.files_of(ayse.id)[0].id == file.id  # type: ignore[arg-type]


# -- transactions ---------------------------------------------------------------------------


def test_failed_transaction_writes_nothing(store: Store, make) -> None:
    kept = make.holder()
    with pytest.raises(RuntimeError, match="power cut"), store.transaction():
        holder = store.save_holder(Holder(surname="Ghost", given_names="One"))
        make.permit(holder, EXPIRY)
        store.save_file(RenewalFile(holder.id, Case.LIMITED_RENEWAL, date(2026, 11, 2)))  # type: ignore[arg-type]
        kept.surname = "Changed"
        store.save_holder(kept)
        raise RuntimeError("power cut")
    assert store.count_holders() == 1
    assert store.get_holder(kept.id).surname != "Changed"  # type: ignore[arg-type]
    assert store._execute("SELECT count(*) FROM permits").fetchone()[0] == 0
    assert store._execute("SELECT count(*) FROM renewal_files").fetchone()[0] == 0
    if isinstance(store, SqliteStore):  # the file's full-text index
        assert store._execute("SELECT count(*) FROM holder_search").fetchone()[0] == 1
    assert not store._in_transaction


def test_conflict_inside_a_transaction_rolls_back_everything(store: Store, make) -> None:
    owner = make.holder()
    make.permit(owner, EXPIRY, card_number="B012345678")
    with pytest.raises(Conflict), store.transaction():
        newcomer = store.save_holder(Holder(surname="New", given_names="Comer"))
        store.save_permit(Permit(newcomer.id, "B012345678", EXPIRY, LabourMarket.LIMITED))
    assert store.count_holders() == 1


def test_bulk_insert_indexes_every_holder(store: Store, desk) -> None:
    pairs = [
        (
            Holder(surname=f"Bulk{n}", given_names="Test"),
            Permit(None, f"B{n:09d}", EXPIRY, LabourMarket.LIMITED),
        )
        for n in range(1, 6)
    ]
    assert store.add_holders_with_permits(pairs) == 5
    assert store.count_holders() == 5
    assert len(search(desk, "test").holders) == 5
    assert [h.surname for h in search(desk, "B000000003").holders] == ["Bulk3"]


def test_settings_and_assets_round_trip(store: Store) -> None:
    store.set_setting("signatories", [{"name": "Zoë", "default": True}])
    store.set_asset("commune_logo", b"\x89PNG\r\n")
    assert store.get_setting("signatories") == [{"name": "Zoë", "default": True}]
    assert store.get_setting("missing", "fallback") == "fallback"
    assert store.get_asset("commune_logo") == b"\x89PNG\r\n"
    assert store.get_asset("missing") is None


def test_commune_round_trip(store: Store, commune) -> None:
    assert store.get_commune() is None
    store.set_commune(commune)
    assert store.get_commune() == commune
