"""A commune's register in an SQLite file with some of everything, for the tests that move
one to a server (``permitdesk migrate-to``): demo holders, holders with family members
and accents in their names, an import, annexes 41, 49, 50 and 51 issued with their real
PDFs, an extension, an annulment and its marked copy, a file closed by a decision, accounts
(one disabled, a lock-out policy), an asset, and the audit trail all of that wrote."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.domain.demo import generate_demo, national_number_for
from app.domain.model import (
    Address,
    Case,
    Commune,
    CommuneText,
    FamilyMember,
    FileState,
    Holder,
    LabourMarket,
    Language,
    Permit,
    RenewalFile,
    Sex,
)
from app.domain.passwords import ScryptParams
from app.paths import backups_dir
from app.services import auth
from app.services.desk import Desk
from app.services.importing import import_csv
from app.services.installation_key import installation_key
from app.services.issuing import annul_document, extend_document, issue_annex, reprint
from app.store import SqliteStore

TODAY = date(2026, 11, 23)
PASSWORD = "correct horse battery"
COMMUNE = Commune(
    nis_code="21004",
    name="Bruxelles",
    languages=(Language.FR, Language.NL),
    street="Grand-Place 1",
    postal_code="1000",
    municipality="Bruxelles",
    texts={
        Language.FR: CommuneText("Bruxelles", "Grand-Place 1", "Bruxelles"),
        Language.NL: CommuneText("Brussel", "Grote Markt 1", "Brussel"),
    },
)
SIGNATORIES = [{"name": "Marie Lambert", "title": "Échevine de l'État civil", "default": True}]
#: Cheap scrypt parameters (the real ones cost half a second a hash).
CHEAP_HASHES = ScryptParams(n=2**10, r=8, p=1)
CSV = (
    "national_number;surname;given_names;birth_date;nationality;card_number;permit_expiry;"
    "labour_market;language\n"
    """{nn1};IMPORTED;Youssef;1980-02-07;MA;B0000000901;2027-05-31;limited;fr
{nn2};ÇELİK;Ayşe;1991-06-15;TR;B0000000902;2026-12-20;unlimited;nl
"""
)


@dataclass
class BuiltRegister:
    """What :func:`build_register` wrote, for the tests to look for on the server."""

    path: Path
    numbers: list[str] = field(default_factory=list)
    annulled: str = ""
    extended: str = ""
    accounts: tuple[str, ...] = ("admin", "marie", "sup", "gone")


def build_register(path: Path, demo_holders: int = 40) -> BuiltRegister:
    """Write the register into a new file at ``path`` (its backups folder beside it)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "HASH_PARAMS", CHEAP_HASHES)
        key = installation_key().secret
        store = SqliteStore.open(path, backups=backups_dir(path), key=key)
        try:
            desk = Desk(store, user="clerk", clock=lambda: TODAY, local_admin=True)
            return _fill(desk, demo_holders)
        finally:
            store.close()


def _fill(desk: Desk, demo_holders: int = 40) -> BuiltRegister:
    store = desk.store
    built = BuiltRegister(Path(store.location))
    store.set_commune(COMMUNE)
    store.set_setting("signatories", SIGNATORIES)
    store.set_asset("logo.png", bytes(range(256)) * 4)
    store.add_holders_with_permits(generate_demo(demo_holders, 5, TODAY))
    serial = iter(range(1, 1000))

    def holder(surname: str, given: str, **changes: object) -> Holder:
        n = next(serial)
        born = date(1985, 7, 30) + timedelta(days=n)
        fields: dict[str, object] = {
            "surname": surname,
            "given_names": given,
            "birth_date": born,
            "birth_place": "Casablanca",
            "nationality": "MA",
            "national_number": national_number_for(born, 2 * n),
            "sex": Sex.FEMALE,
            "language": Language.FR,
            "address": Address("Rue Haute 12", "1000", "Bruxelles"),
            **changes,
        }
        return store.save_holder(Holder(**fields))  # type: ignore[arg-type]

    def permit(of: Holder, expiry: date, market: LabourMarket = LabourMarket.LIMITED) -> Permit:
        return store.save_permit(Permit(of.id, f"B{next(serial):09d}", expiry, market))

    def file(of: Holder, card: Permit | None, case: Case, **facts: object) -> RenewalFile:
        opened = facts.pop("opened_on", TODAY)
        return store.save_file(
            RenewalFile(of.id, case, opened, permit_id=card.id if card else None, **facts)  # type: ignore[arg-type]
        )

    # R2: annex 49 after a renewal, extended once.
    r2 = holder("BENALI", "Amina")
    r2_file = file(
        r2,
        permit(r2, TODAY - timedelta(days=3)),
        Case.LIMITED_RENEWAL,
        renewal_filed_on=TODAY - timedelta(days=40),
        regional_attestation=True,
    )
    (a49,) = issue_annex(desk, r2_file.id, Language.FR)
    extended, _ = extend_document(desk, a49.id)
    assert extended is not None
    built.extended = str(a49.number)
    # R3: annex 50 (NL); and an annex 41, missing documents, annulled and reprinted.
    r3 = holder("MÜLLER-ŞAHİN", "Jürgen Émile", sex=Sex.MALE, language=Language.NL)
    card = permit(r3, TODAY + timedelta(days=20), LabourMarket.UNLIMITED)
    (a50,) = issue_annex(desk, file(r3, card, Case.UNLIMITED_RENEWAL).id, Language.NL)
    r3b = holder("NGUYEN", "Thi Lan")
    card_b = permit(r3b, TODAY + timedelta(days=25), LabourMarket.UNLIMITED)
    missing = file(r3b, card_b, Case.UNLIMITED_RENEWAL, missing_documents=("passport", "photo"))
    (a41,) = issue_annex(desk, missing.id, Language.FR)
    annul_document(desk, a41.id, "wrong holder's photo")
    reprint(desk, a41.id)
    built.annulled = str(a41.number)
    # R4: annex 51 for the holder and two family members.
    r4 = holder("OKAFOR", "Chidi", sex=Sex.MALE, nationality="NG")
    members = tuple(
        store.save_family_member(
            FamilyMember(
                r4.surname,
                name,
                date(2015, 3, 4),
                nationality="NG",
                holder_id=r4.id,
                relationship="child",
            )
        ).id
        for name in ("Ada", "Obi")
    )
    r4_file = file(
        r4,
        permit(r4, TODAY + timedelta(days=20)),
        Case.WORK_AUTHORISATION_ENDED,
        work_authorisation_ended_on=TODAY - timedelta(days=30),
        family_member_ids=members,
    )
    a51 = issue_annex(desk, r4_file.id, Language.FR)
    # R5: first registration, annex 49 (45 days).
    r5 = holder("SILVA", "João")
    (first,) = issue_annex(desk, file(r5, None, Case.FIRST_REGISTRATION).id, Language.FR)
    # A file closed by a decision (its permit off the renewal queues), a holder without one.
    closed = holder("ROSSI", "Giulia")
    file(
        closed,
        permit(closed, TODAY + timedelta(days=10)),
        Case.LIMITED_RENEWAL,
        decision_taken=True,
        state=FileState.CLOSED,
    )
    holder("WITHOUT", "Permit")
    # An import of two holders, one with a Turkish name.
    csv = Path(store.location).with_name("import.csv")
    csv.write_text(
        CSV.format(
            nn1=national_number_for(date(1980, 2, 7), 901),
            nn2=national_number_for(date(1991, 6, 15), 902),
        ),
        encoding="utf-8",
    )
    report = import_csv(desk, csv)
    assert report.inserted == 2, report
    # Accounts: an administrator, a clerk, a supervisor, one disabled; the lock-out policy.
    auth.create_first_administrator(desk, "admin", PASSWORD)
    auth.create_account(desk, "marie", auth.Role.CLERK, PASSWORD)
    auth.create_account(desk, "sup", auth.Role.CLERK, PASSWORD)
    auth.set_role(desk, "sup", auth.Role.SUPERVISOR)
    auth.create_account(desk, "gone", auth.Role.CLERK, PASSWORD)
    auth.disable_account(desk, "gone")
    auth.set_lockout_policy(desk, 4, 20)
    built.numbers = [str(d.number) for d in (a49, a50, a41, *a51, first)]
    return built
