"""Retention (purge) and the GDPR export of everything held on one person."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, timedelta

import pytest

from app.domain.model import Case, FileState, LabourMarket, Language
from app.services import privacy
from app.services.backups import daily_backup, list_backups
from app.services.issuing import issue_annex
from app.services.maintenance import check
from app.store.audit import entries
from app.store.privacy import InUse


@pytest.fixture
def population(desk, make, today):
    """An old holder (file closed, everything ended in 2020), a current one, and a
    current holder with an old closed file."""
    old = make.holder()
    old_permit = make.permit(old, today + timedelta(days=20), labour_market=LabourMarket.UNLIMITED)
    old_file = make.file(old, old_permit, Case.UNLIMITED_RENEWAL)
    make.family_member(old)
    (document,) = issue_annex(desk, old_file.id, Language.FR)
    current = make.holder()
    make.permit(current, today + timedelta(days=400))
    return {"old": old, "old_file": old_file, "document": document, "current": current}


def test_nothing_goes_within_the_retention_period(desk, population, today) -> None:
    report = privacy.purge(desk, today, dry_run=True)
    assert (report.holders, report.files, report.documents) == (0, 0, 0)
    assert report.cutoff == date(2021, 11, 23)


def test_purge_after_the_retention_period(desk, population, today, db_path) -> None:
    file = population["old_file"]
    file.state = FileState.CLOSED
    desk.store.save_file(file)
    later = today + timedelta(days=365 * 6)  # everything of "old" ended 2026-12
    dry = privacy.purge(desk, later, dry_run=True)
    assert (dry.holders, dry.files, dry.documents) == (1, 0, 1)  # "current" ends 2027-12
    desk.store.set_setting(privacy.RETENTION_SETTING, 10)
    assert privacy.purge(desk, later, dry_run=True).holders == 0
    desk.store.set_setting(privacy.RETENTION_SETTING, 5)

    report = privacy.purge(desk, later)
    assert not report.dry_run and report.holders == 1
    assert desk.store.count_holders() == 2  # "current" and the anonymous placeholder
    document = desk.register.get_by_id(population["document"].id)
    assert document.number == population["document"].number  # the register stays whole
    assert desk.register.pdf(document.id).startswith(b"This register entry")
    assert desk.register.snapshot(document.id) == "{}"
    assert check(desk.store) == []
    (purge,) = [e for e in entries(desk.store) if e.action == "purge"]
    assert purge.detail["holders"] == 1 and purge.entity_id is None
    raw = db_path.read_bytes() + db_path.with_name(db_path.name + "-wal").read_bytes()
    assert population["old"].surname.encode() not in raw  # overwritten, not just unlinked


def test_purge_takes_old_closed_files_of_current_holders(desk, make, today) -> None:
    holder = make.holder()
    make.permit(holder, today + timedelta(days=3000))
    file = make.file(
        holder, None, Case.UNLIMITED_RENEWAL, opened_on=date(2019, 1, 1), state=FileState.CLOSED
    )
    report = privacy.purge(desk, today)
    assert (report.holders, report.files) == (0, 1)
    assert desk.store.files_of(holder.id) == []  # type: ignore[arg-type]
    assert check(desk.store) == []
    del file


def test_purge_rotates_old_backups(desk, today, db_path) -> None:
    folder = db_path.parent / "backups"
    daily_backup(desk, folder, date(2019, 5, 1))
    daily_backup(desk, folder, today)
    report = privacy.purge(desk, today)
    assert [p.name for p in report.backups] == ["permitdesk-2019-05-01.sqlite"]
    assert [p.name for p in list_backups(folder)] == ["permitdesk-2026-11-23.sqlite"]


def test_open_files_keep_their_holder(desk, make, today) -> None:
    holder = make.holder(birth_date=date(1950, 1, 1))
    make.file(holder, None, Case.UNLIMITED_RENEWAL, opened_on=date(2010, 1, 1))
    assert privacy.purge(desk, today, dry_run=True).holders == 0


def test_export_holder(desk, population, tmp_path) -> None:
    old = population["old"]
    target = privacy.export_holder(desk, old.national_number, tmp_path / "export")
    record = json.loads(target.read_text("utf-8"))
    assert record["holder"]["surname"] == old.surname
    assert len(record["permits"]) == 1 and len(record["family_members"]) == 1
    assert record["renewal_files"][0]["events"][0]["kind"] == "issued"
    (document,) = record["documents"]
    pdf = tmp_path / "export" / document["versions"][0]["file"]
    assert pdf.read_bytes().startswith(b"%PDF")
    (export,) = [e for e in entries(desk.store) if e.action == "export"]
    assert (export.entity, export.entity_id, export.detail) == ("holder", old.id, {"documents": 1})
    assert old.surname not in json.dumps(export.detail)
    (sent,) = record["transmissions"]
    assert (sent["kind"], sent["document_id"]) == ("application_with_annex50", document["id"])
    actions = [(e["action"], e["entity"]) for e in record["audit"]]
    assert actions[0] == ("export", "holder")  # newest first: the export itself is in it
    assert ("issue", "document") in actions


def test_export_is_audited_before_anything_is_written(desk, population, tmp_path) -> None:
    old = population["old"]
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    with pytest.raises(OSError):
        privacy.export_holder(desk, old.national_number, blocked / "export")
    (export,) = [e for e in entries(desk.store) if e.action == "export"]
    assert (export.entity, export.entity_id) == ("holder", old.id)


def test_export_of_an_unknown_number(desk, tmp_path) -> None:
    from app.domain.errors import NotFound

    with pytest.raises(NotFound):
        privacy.export_holder(desk, "85073003328", tmp_path)


def _everything_on_disk(db_path) -> bytes:
    """The database, its write-ahead log, and every copy kept beside it or in backups."""
    found = b""
    for path in sorted(db_path.parent.rglob("*")):
        kept = "backups" not in path.parts[len(db_path.parent.parts) :]  # retention: 30 days
        if kept and path.is_file() and "audit-head" not in path.name:
            found += path.read_bytes()
    return found


def test_purge_leaves_no_trace_in_the_files(desk, population, today, db_path) -> None:
    """Nothing of a purged person is left in the file's bytes, its WAL, the search index,
    or the copies set aside by a restore or a damaged start."""
    old = population["old"]
    card = desk.store._one("SELECT card_number FROM permits WHERE holder_id = ?", [old.id])
    traces = [old.surname.encode(), old.national_number.encode(), card["card_number"].encode()]
    assert all(trace in _everything_on_disk(db_path) for trace in traces)
    desk.store.backup_to(db_path.with_name(f"{db_path.name}.before-restore-20261101T000000Z"))
    desk.store.backup_to(db_path.with_name(f"{db_path.name}.damaged-20261102T000000Z"))
    file = population["old_file"]
    file.state = FileState.CLOSED
    desk.store.save_file(file)
    report = privacy.purge(desk, today + timedelta(days=365 * 6))
    assert report.holders == 1 and len(report.aside) == 2
    on_disk = _everything_on_disk(db_path)
    assert [trace for trace in traces if trace in on_disk] == []
    assert check(desk.store) == []


def test_purge_refuses_while_another_connection_is_open(desk, population, today, db_path) -> None:
    other = sqlite3.connect(db_path)
    other.execute("SELECT count(*) FROM holders").fetchone()  # a reader holding the file
    try:
        with pytest.raises(InUse, match="another program has the database"):
            privacy.purge(desk, today + timedelta(days=365 * 6))
    finally:
        other.close()
