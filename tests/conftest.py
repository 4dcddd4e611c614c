"""Shared fixtures: a fixed day, a store in tmp_path, a configured desk, small factories.

Nothing here reads the wall clock: ``today`` (23 November 2026) is the day of every test
unless a test moves the desk's ``clock``. Test modules take what they need as fixtures
(``conftest`` is not importable reliably: every test folder may have its own). Keep this
file small; fixtures used by one package live in that package's own conftest.
"""

from __future__ import annotations

import io
import itertools
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from pypdf import PdfReader

from app.domain.demo import national_number_for
from app.domain.model import (
    Address,
    Case,
    Commune,
    CommuneText,
    FamilyMember,
    Holder,
    LabourMarket,
    Language,
    Permit,
    RenewalFile,
    Sex,
)
from app.paths import KEY_NAME
from app.services.desk import Desk
from app.services.installation_key import installation_key
from app.store import SqliteStore, Store, open_store

pytest_plugins = ["support.postgres"]

TODAY = date(2026, 11, 23)
COMMUNE = Commune(
    nis_code="21004",
    name="Bruxelles",
    languages=(Language.FR, Language.NL),
    street="Grand-Place 1",
    postal_code="1000",
    municipality="Bruxelles",
    texts={  # a Brussels commune: its name and street in each of its languages
        Language.FR: CommuneText("Bruxelles", "Grand-Place 1", "Bruxelles"),
        Language.NL: CommuneText("Brussel", "Grote Markt 1", "Brussel"),
    },
)
SIGNATORIES = [
    {
        "name": "Marie Lambert",
        "title": "Échevine de l'État civil",
        "titles": {"fr": "Échevine de l'État civil", "nl": "Schepen van Burgerlijke Stand"},
        "default": True,
    }
]


# Hypothesis draws the same examples on every run and every machine (deterministic tests):
# no random seed, no database of past failures replayed on one machine only.
settings.register_profile("permitdesk", derandomize=True, database=None)
settings.load_profile("permitdesk")


class Clock:
    """The desk's today, which a test may move (``clock.day = ...``)."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


@pytest.fixture(scope="session", autouse=True)
def _session_configuration(tmp_path_factory) -> Iterator[Path]:
    """Tests never read the workstation's /etc/permitdesk/: a configuration folder for the
    session (what module-scoped fixtures see), holding the audit key every test shares,
    so that a database built in one test, or by a subprocess, opens in another."""
    folder = tmp_path_factory.mktemp("session-config")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PERMITDESK_CONFIG", str(folder / "permitdesk.toml"))
        installation_key()
        yield folder


@pytest.fixture(autouse=True)
def _no_machine_configuration(tmp_path_factory, monkeypatch, _session_configuration) -> None:
    """Each test its own configuration file (tests write one), with the session's key."""
    folder = tmp_path_factory.mktemp("config")
    shutil.copy(_session_configuration / KEY_NAME, folder / KEY_NAME)
    monkeypatch.setenv("PERMITDESK_CONFIG", str(folder / "permitdesk.toml"))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def commune() -> Commune:
    return COMMUNE


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "permitdesk.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    key = installation_key().secret  # this test's own, beside its configuration file
    with SqliteStore.open(db_path, backups=db_path.parent / "backups", key=key) as opened:
        yield opened


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A test marked ``sqlite_only`` (about the file itself) runs with the SQLite store
    only: its PostgreSQL instance is deselected, not skipped."""
    keep, drop = [], []
    for item in items:
        params = getattr(item, "callspec", None)
        on_server = params is not None and params.params.get("any_target") == "postgresql"
        (drop if on_server and item.get_closest_marker("sqlite_only") else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_target(request: pytest.FixtureRequest, db_path: Path) -> str:
    """Where ``any_store`` keeps its register: an SQLite file, or a fresh register on the
    test server (``tests/support/postgres.py``) for an administrator's login role."""
    if request.param == "sqlite":
        return str(db_path)
    return str(request.getfixturevalue("register_database"))


@pytest.fixture
def open_any(any_target: str, db_path: Path) -> Iterator[Callable[[], Store]]:
    """Opens one more store on ``any_target``: another counter on the same register."""
    opened: list[Store] = []

    def open_one() -> Store:
        key = installation_key().secret
        opened.append(open_store(any_target, backups=db_path.parent / "backups", key=key))
        return opened[-1]

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture
def any_store(open_any: Callable[[], Store]) -> Store:
    """The same test on both backends (the parametrised ``any_target``)."""
    return open_any()


@pytest.fixture
def any_make(any_store: Store) -> Factory:
    return Factory(any_store)


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def desk(store: Store, clock: Clock) -> Desk:
    """A desk on ``store`` for commune 21004 (fr, nl), user ``clerk``, today ``TODAY``."""
    store.set_commune(COMMUNE)
    store.set_setting("signatories", SIGNATORIES)
    return Desk(store, user="clerk", clock=clock)


@dataclass
class Factory:
    """Saved holders, permits, family members and files with valid, unique numbers."""

    store: Store

    def __post_init__(self) -> None:
        self._serials = itertools.count(1)

    def holder(self, **changes: Any) -> Holder:
        serial = next(self._serials)
        birth_date = changes.pop("birth_date", date(1985, 7, 30))
        fields: dict[str, Any] = {
            "surname": f"Benali{serial}",
            "given_names": "Amina",
            "birth_date": birth_date,
            "birth_place": "Casablanca",
            "nationality": "MA",
            "national_number": birth_date and national_number_for(birth_date, 2 * serial),
            "sex": Sex.FEMALE,
            "language": Language.FR,
            "address": Address("Rue Haute 12", "1000", "Bruxelles"),
        }
        fields.update(changes)
        return self.store.save_holder(Holder(**fields))

    def permit(self, holder: Holder, expiry: date, **changes: Any) -> Permit:
        fields: dict[str, Any] = {
            "holder_id": holder.id,
            "card_number": f"B{next(self._serials):09d}",
            "expiry": expiry,
            "labour_market": LabourMarket.LIMITED,
        }
        fields.update(changes)
        return self.store.save_permit(Permit(**fields))

    def family_member(self, holder: Holder, **changes: Any) -> FamilyMember:
        fields: dict[str, Any] = {
            "holder_id": holder.id,
            "surname": holder.surname,
            "given_names": f"Child{next(self._serials)}",
            "birth_date": date(2015, 3, 4),
            "nationality": holder.nationality,
            "relationship": "child",
        }
        fields.update(changes)
        return self.store.save_family_member(FamilyMember(**fields))

    def file(self, holder: Holder, permit: Permit | None, case: Case, **changes: Any):
        fields: dict[str, Any] = {
            "holder_id": holder.id,
            "permit_id": permit.id if permit else None,
            "case": case,
            "opened_on": changes.get("renewal_filed_on") or TODAY,
        }
        fields.update(changes)
        return self.store.save_file(RenewalFile(**fields))


@pytest.fixture
def make(store: Store) -> Factory:
    return Factory(store)


def _pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


@pytest.fixture
def pdf_text() -> Callable[[bytes], str]:
    """All the text of a PDF, pages joined, whitespace runs collapsed to one space."""
    return _pdf_text


CSV_HEADER = (
    "national_number",
    "surname",
    "given_names",
    "birth_date",
    "nationality",
    "card_number",
    "permit_expiry",
    "labour_market",
    "language",
)
BAD_CSV_ROW = ("12345", "", "X", "1990-02-30", "FR", "1", "2027", "maybe", "en")


def csv_row(n: int, **changes: str) -> tuple[str, ...]:
    """A valid import row; ``n`` makes the national and card numbers unique."""
    birth_date = date(1980, 1, 1) + timedelta(days=37 * n)
    values = {
        "national_number": national_number_for(birth_date, 2 * n + 1),
        "surname": f"IMPORTED{n}",
        "given_names": "Youssef",
        "birth_date": birth_date.isoformat(),
        "nationality": "MA",
        "card_number": f"B{n:010d}",
        "permit_expiry": "2027-05-31",
        "labour_market": "limited",
        "language": "fr",
        **changes,
    }
    return tuple(values[column] for column in CSV_HEADER)


@pytest.fixture
def write_csv(tmp_path: Path) -> Callable[..., Path]:
    """``write_csv(rows, name=...)``: a ``;``-separated UTF-8 file with the header.

    Rows are tuples in ``CSV_HEADER`` order: ``write_csv.good(n, **changes)`` builds a valid
    one, ``write_csv.bad`` is a row with an error in every column.
    """

    def write(rows: list[tuple[str, ...]], name: str = "holders.csv") -> Path:
        path = tmp_path / name
        lines = [";".join(CSV_HEADER), *(";".join(row) for row in rows)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    write.good = csv_row  # type: ignore[attr-defined]
    write.bad = BAD_CSV_ROW  # type: ignore[attr-defined]
    return write
