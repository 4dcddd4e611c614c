"""The audit trail as the audit view reads it: newest first, filtered by holder, user and
days (supervisors and administrators only; reading it is not itself logged)."""

from __future__ import annotations

import logging
from datetime import date

from app.domain.accounts import Role
from app.services.auth import require
from app.services.desk import Desk
from app.store import audit as audit_store
from app.store.audit import AuditEntry, Subject

log = logging.getLogger(__name__)

__all__ = ["AuditEntry", "Subject", "chain_problems", "entries", "subjects"]


def entries(
    desk: Desk,
    holder_id: int | None = None,
    user: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 500,
) -> list[AuditEntry]:
    """At most ``limit`` entries, newest first; ``since``/``until`` are inclusive days
    (UTC, as the log's timestamps)."""
    require(desk, Role.SUPERVISOR)
    return audit_store.entries(desk.store, holder_id, user, since, until, limit)


def chain_problems(desk: Desk) -> list[str]:
    """The audit chain's own check (its first broken link, its head), for the view."""
    return audit_store.problems(desk.store)


def subjects(desk: Desk, rows: list[AuditEntry]) -> dict[tuple[str, int], Subject]:
    """Whom the rows are about (a holder, a family member, an account), keyed by
    (entity, id), so that the view can write them as sentences; the log itself names
    records by id only."""
    require(desk, Role.SUPERVISOR)
    return audit_store.subjects(desk.store, rows)
