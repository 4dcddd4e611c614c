"""Personal data: the retention rule (``permitdesk purge``) and what is held on one person
(``permitdesk export-holder``, a GDPR access request). Both are in the audit trail, by ids
and counts only.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from app.domain.accounts import Role
from app.domain.errors import NotFound
from app.domain.model import issued_id
from app.paths import aside_copies
from app.services.auth import require
from app.services.backups import backup_date, list_backups, remove_older_than
from app.services.desk import Desk
from app.services.maintenance import remove_database_files
from app.store import audit as audit_store
from app.store import file_store
from app.store import privacy as privacy_store
from app.store.transmissions import transmissions_of_holder

log = logging.getLogger(__name__)

RETENTION_SETTING = "retention_years"
DEFAULT_RETENTION_YEARS = 5


@dataclass(frozen=True)
class PurgeReport:
    cutoff: date
    holders: int
    files: int
    documents: int
    backups: tuple[Path, ...]
    dry_run: bool
    #: Copies beside the database (``*.before-restore-*``, ``*.damaged-*``) that held a
    #: purged person: removed with them.
    aside: tuple[Path, ...] = ()


def retention_years(desk: Desk) -> int:
    return int(desk.store.get_setting(RETENTION_SETTING, DEFAULT_RETENTION_YEARS))


def cutoff_for(on: date, years: int) -> date:
    """``years`` before ``on`` (29 February falls back to the 28th)."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:
        return on.replace(year=on.year - years, day=28)


def purge(desk: Desk, on: date, dry_run: bool = False) -> PurgeReport:
    """Delete holders and closed files whose last activity is older than the retention
    period, and the backups older than it (administrators only). ``dry_run`` only counts."""
    require(desk, Role.ADMINISTRATOR)
    years = retention_years(desk)
    if years < 1:
        raise ValueError("the retention period must be at least one year")
    cutoff = cutoff_for(on, years)
    store = file_store(desk.store, "the purge")
    chosen = privacy_store.purgeable(store, cutoff)
    folder = store.backups
    old_backups = tuple(p for p in list_backups(folder) if backup_date(p) < cutoff)  # type: ignore[operator]
    numbers = privacy_store.national_numbers(store, chosen.holder_ids)
    aside = tuple(p for p in aside_copies(store.path) if privacy_store.copy_holds_any(p, numbers))
    if not dry_run:
        privacy_store.purge(store, chosen, desk.user)
        for copy in aside:  # retention applies to the copies a restore or a start set aside
            remove_database_files(copy)
        remove_older_than(folder, cutoff)
        desk.store.audit(
            desk.user,
            "purge",
            "database",
            None,
            cutoff=cutoff.isoformat(),
            holders=len(chosen.holder_ids),
            files=len(chosen.file_ids),
            documents=len(chosen.document_ids),
            backups=len(old_backups),
            aside_copies=len(aside),
        )
    return PurgeReport(
        cutoff,
        len(chosen.holder_ids),
        len(chosen.file_ids),
        len(chosen.document_ids),
        old_backups,
        dry_run,
        aside,
    )


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_holder(desk: Desk, national_number: str, out: Path) -> Path:
    """Write everything held on one person into ``out``: ``holder.json`` (identity,
    permits, family members, files with their events, documents with their versions, the
    transmissions to the Immigration Office, the audit trail's entries about them) and each
    document's PDFs. Returns the JSON file's path.

    The export is audited before anything is written, so no copy of the data leaves
    without its trace, even when writing it fails half-way."""
    require(desk, Role.SUPERVISOR)
    holder = desk.store.find_holder("".join(c for c in national_number if c.isdigit()))
    if holder is None or holder.id is None:
        raise NotFound("no holder with that national number")
    held = desk.register.of_holder(holder.id)
    desk.store.audit(desk.user, "export", "holder", holder.id, documents=len(held))
    out.mkdir(parents=True, exist_ok=True)
    documents = []
    for document in held:
        document_id = issued_id(document)
        versions = desk.register.versions(document_id)
        files = []
        for version in versions:
            name = f"document-{document.number.year}-{document.number.sequence:06d}"
            name += f"-v{version.version}.pdf"
            (out / name).write_bytes(desk.register.pdf(document_id, version.version))
            files.append({**_plain(version), "file": name})
        documents.append({**_plain(document), "number": str(document.number), "versions": files})
    record = {
        "exported_on": desk.today().isoformat(),
        "holder": _plain(holder),
        "permits": _plain(desk.store.permits_of(holder.id)),
        "family_members": _plain(desk.store.family_of(holder.id)),
        "renewal_files": _plain(desk.store.files_of(holder.id)),
        "documents": documents,
        "transmissions": _plain(transmissions_of_holder(desk.store, holder.id)),
        "audit": _plain(audit_store.entries(desk.store, holder_id=holder.id, limit=100_000)),
    }
    target = out / "holder.json"
    target.write_text(json.dumps(record, ensure_ascii=False, indent=2, default=str), "utf-8")
    log.info("holder %d exported (%d documents)", holder.id, len(documents))
    return target
