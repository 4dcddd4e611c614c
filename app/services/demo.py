"""A ready demo database: a fictitious commune, N holders, and a few open files with
attestations issued in the past weeks, so that every list of the counter has rows."""

from __future__ import annotations

import logging
import random
from datetime import date, timedelta
from functools import partial

from app.config import Database
from app.domain.demo import generate_demo
from app.domain.model import Case, Commune, CommuneText, LabourMarket, Language, RenewalFile
from app.services.desk import Desk, open_database
from app.services.issuing import issue_annex
from app.store import Store
from app.store.worklist import current_permits

log = logging.getLogger(__name__)

DEMO_COMMUNE = Commune(
    nis_code="21999",
    name="Valfleuri-lez-Bruxelles",
    languages=(Language.FR, Language.NL),
    street="Place de la Maison communale 1",
    postal_code="1099",
    municipality="Valfleuri-lez-Bruxelles",
    texts={  # a bilingual Brussels commune: each paper in one language (R7)
        Language.FR: CommuneText(
            "Valfleuri-lez-Bruxelles", "Place de la Maison communale 1", "Valfleuri-lez-Bruxelles"
        ),
        Language.NL: CommuneText(
            "Valfleuri-bij-Brussel", "Gemeentehuisplein 1", "Valfleuri-bij-Brussel"
        ),
    },
)
DEMO_SIGNATORIES = [
    {
        "name": "Claire Dubois-Peeters",
        "title": "Échevine de la Population",
        "titles": {"fr": "Échevine de la Population", "nl": "Schepen van Bevolking"},
        "default": True,
    },
]
#: Open files issued in the past so that extensions and outcomes are due this week.
DEMO_OPEN_FILES = 12


class DemoExists(RuntimeError):
    """The database already has holders: a demo is only written into an empty one."""


def build_demo(path: Database, persons: int, seed: int, today: date) -> int:
    """Fill an empty database at ``path`` (a file, or a register on a server); returns the
    number of holders written."""
    with open_database(path) as store:
        if store.count_holders():
            raise DemoExists(f"{path} already holds data; choose a new file for the demo")
        store.set_commune(DEMO_COMMUNE)
        store.set_setting("signatories", DEMO_SIGNATORIES)
        count = store.add_holders_with_permits(generate_demo(persons, seed, today))
        _open_files(store, random.Random(seed), today)
        store.analyze()
    log.info("demo database %s: %d holders", path, count)
    return count


def _open_files(store: Store, rng: random.Random, today: date) -> None:
    """Annexes issued 24-29 days ago, whose 30-day validity ends within the week."""
    candidates = [
        p
        for p in current_permits(store, today - timedelta(days=60), today - timedelta(days=30))
        if p.labour_market in (LabourMarket.LIMITED, LabourMarket.UNLIMITED)
    ]
    chosen = rng.sample(candidates, min(DEMO_OPEN_FILES, len(candidates)))
    dated = [(max(p.expiry, today - timedelta(days=rng.randint(24, 29))), p) for p in chosen]
    # Issued in date order, as a real register fills: 2026/000001 is the oldest.
    for issued_on, permit in sorted(dated, key=lambda pair: (pair[0], pair[1].permit_id)):
        limited = permit.labour_market is LabourMarket.LIMITED
        file = store.save_file(
            RenewalFile(
                holder_id=permit.holder_id,
                permit_id=permit.permit_id,
                case=Case.LIMITED_RENEWAL if limited else Case.UNLIMITED_RENEWAL,
                opened_on=permit.expiry - timedelta(days=40),
                renewal_filed_on=permit.expiry - timedelta(days=40),
                regional_attestation=limited,
            )
        )
        desk = Desk(store, user="demo", clock=partial(_same_day, issued_on))
        language = store.get_holder(permit.holder_id).language
        if language not in DEMO_COMMUNE.languages:
            language = Language.FR
        issue_annex(desk, file.id, language)  # type: ignore[arg-type]


def _same_day(day: date) -> date:
    return day
