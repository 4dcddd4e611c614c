"""The renewal queues (R1) in SQL: counted from an index, read one page at a time.

:class:`app.domain.queues.RenewalBounds` gives each queue as a range of expiry dates; the
permits on it are current and uncovered (``superseded``/``covered``, which migration
0008_queues keeps on each permit), all in the partial index ``permits_open_expiry``. A
queue's count is that index's count over its range less the suspended holders in it,
counted from the few holders who are in hospital, detained or aged 75 and more (on a
server, from the copy of that standing each permit carries, migration 0011): two index
reads, whatever the size of the register. Pages follow the index order (expiry,
then permit id) from the last row shown (keyset pagination), so the thousandth page costs
what the first does.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, NamedTuple

from app.domain.model import Annex, Case, FileState, LabourMarket, RegisterNumber
from app.domain.queues import Queue, RenewalBounds
from app.store.rows import day
from app.store.store import Store

logger = logging.getLogger(__name__)

#: The key of a renewal row in its queue's order: (expiry, permit id).
RenewalKey = tuple[str, int]


class RenewalRow(NamedTuple):
    """A current permit on a renewal queue, with what the counter shows beside it: the
    holder, the suspension (if any), the permit's latest file and the holder's latest
    document (left empty when read ``details=False``). A tuple: a queue can be 400,000
    rows long and ``permitdesk due`` builds one per row."""

    holder_id: int
    surname: str
    given_names: str
    national_number: str | None
    permit_id: int
    card_number: str
    expiry: date
    labour_market: LabourMarket
    suspension: str  # hospitalised, detained, aged_75 or ""
    file_id: int | None
    file_case: Case | None
    file_state: FileState | None
    file_opened_on: date | None
    renewal_filed_on: date | None
    document_annex: Annex | None
    document_number: RegisterNumber | None
    document_issued_on: date | None
    document_annulled: bool

    @property
    def key(self) -> RenewalKey:
        return (self.expiry.isoformat(), self.permit_id)


#: Whether a holder's renewal is suspended (R1); a holder whose birth date is not known
#: is not known to be 75: not suspended (``IS NOT NULL``, so that ``NOT`` of it is true,
#: not NULL, and the holder stays on the due and expired pages their counts include).
_SUSPENDED = (
    "(h.hospitalised = 1 OR h.detained = 1 OR "
    "(h.birth_date IS NOT NULL AND h.birth_date <= :aged AND h.travelling = 0))"
)
_SUSPENSION = (
    "CASE WHEN h.hospitalised = 1 THEN 'hospitalised' WHEN h.detained = 1 THEN 'detained' "
    "WHEN h.birth_date <= :aged AND h.travelling = 0 THEN 'aged_75' ELSE '' END"
)
_OPEN = "p.superseded = 0 AND p.covered = 0"
#: ``_SUSPENDED`` as a permit that carries its holder's standing reads it (the server's
#: migration 0011: ``Store.permits_carry_suspension``).
_CARRIED_SUSPENSION = "p.suspension_birth <= :aged"
#: A queue's permits, in the index of open permits by expiry.
_FROM_OPEN = "FROM permits p INDEXED BY permits_open_expiry JOIN holders h ON h.id = p.holder_id"
#: The holders whose renewal is suspended when due (R1, art. 33 §2): in hospital or
#: detained, or aged and not required to travel; two disjoint sets, each read from its
#: own small index on holders (a few percent of the register).
_SUSPENDED_HOLDERS = """(SELECT id FROM holders INDEXED BY holders_hindered
        WHERE hospitalised = 1 OR detained = 1
        UNION ALL
        SELECT id FROM holders
        WHERE birth_date <= :aged AND travelling = 0 AND hospitalised = 0 AND detained = 0) s
        CROSS JOIN permits p INDEXED BY permits_open_holder ON p.holder_id = s.id"""
#: Their open permits, with the holder (CROSS JOIN keeps SQLite to that order, not a year
#: of expiries).
_FROM_SUSPENDED = f"FROM {_SUSPENDED_HOLDERS} CROSS JOIN holders h ON h.id = p.holder_id"

#: Each queue's range of expiry dates (inclusive) and whether its holders are suspended
#: (None: the suspension does not apply, R1 suspends only a renewal that is due).
_RANGES: dict[Queue, tuple[str, str, bool | None]] = {
    Queue.DUE: (":today", ":due_until", False),
    Queue.SOON: (":after_due", ":soon_until", None),
    Queue.EXPIRED: (":expired_from", ":before_today", False),
    Queue.SUSPENDED: (":expired_from", ":due_until", True),
}


def _parameters(bounds: RenewalBounds) -> dict[str, str]:
    return {
        "today": bounds.today.isoformat(),
        "before_today": (bounds.today - timedelta(days=1)).isoformat(),
        "due_until": bounds.due_until.isoformat(),
        "after_due": (bounds.due_until + timedelta(days=1)).isoformat(),
        "soon_until": bounds.soon_until.isoformat(),
        "expired_from": bounds.expired_from.isoformat(),
        "aged": bounds.aged_born_until.isoformat(),
    }


def _where(queue: Queue, store: Store) -> str:
    """The queue's permits; the suspended ones also by the permit's own copy of the
    holder's standing where it carries one (the server's index of open permits holds it:
    a page's walk reads no holder it does not show)."""
    low, high, suspended = _RANGES[queue]
    where = f"{_OPEN} AND p.expiry BETWEEN {low} AND {high}"
    if suspended is True and store.permits_carry_suspension:
        return f"{where} AND {_SUSPENDED} AND {_CARRIED_SUSPENSION}"
    if suspended is True:
        return f"{where} AND {_SUSPENDED}"
    if suspended is False:
        return f"{where} AND NOT {_SUSPENDED}"
    return where


def count_renewals(store: Store, bounds: RenewalBounds) -> dict[Queue, int]:
    """The number of permits on each renewal queue."""
    params = _parameters(bounds)
    in_range = {}
    for queue, (low, high, _suspended) in _RANGES.items():
        if queue is not Queue.SUSPENDED:
            in_range[queue] = store._execute(
                f"SELECT count(*) FROM permits p INDEXED BY permits_open_expiry "
                f"WHERE {_OPEN} AND p.expiry BETWEEN {low} AND {high}",
                params,
            ).fetchone()[0]
    due, expired = store._execute(
        f"""
        SELECT count(CASE WHEN p.expiry >= :today THEN 1 END),
               count(CASE WHEN p.expiry < :today THEN 1 END)
        {_suspended_permits(store)} {_OPEN} AND p.expiry BETWEEN :expired_from AND :due_until
        """,
        params,
    ).fetchone()
    return {
        Queue.DUE: in_range[Queue.DUE] - due,
        Queue.SOON: in_range[Queue.SOON],
        Queue.EXPIRED: in_range[Queue.EXPIRED] - expired,
        Queue.SUSPENDED: due + expired,
    }


def _suspended_permits(store: Store) -> str:
    """Where the suspended permits are counted from, up to the ``WHERE`` and its first
    ``AND``: never from the range, whose permits are many. Each permit's own
    ``suspension_birth`` where it carries one (one index range over the suspended permits
    alone, migration 0011 of the server, whose planner would join every aged holder to
    their permits); else the holders who are suspended, from their small indexes, and
    their open permits by holder (no table row read)."""
    if store.permits_carry_suspension:
        return f"FROM permits p WHERE {_CARRIED_SUSPENSION} AND"
    return f"FROM {_SUSPENDED_HOLDERS} WHERE"


_SELECT = f"""
    SELECT h.id, h.surname, h.given_names, h.national_number,
           p.id, p.card_number, p.expiry, p.labour_market, {_SUSPENSION},
           f.id, f."case", f.state, f.opened_on, f.renewal_filed_on,
           d.annex, d.year, d.sequence, d.issued_on, d.annulled_on
    {{source}}
    LEFT JOIN renewal_files f ON f.id = (SELECT max(id) FROM renewal_files WHERE permit_id = p.id)
    LEFT JOIN documents d ON d.id = (
        SELECT max(id) FROM documents WHERE holder_id = h.id AND family_member_id IS NULL)
"""
#: The same columns without the file and the document (``permitdesk due`` prints neither).
_SELECT_LEAN = f"""
    SELECT h.id, h.surname, h.given_names, h.national_number,
           p.id, p.card_number, p.expiry, p.labour_market, {_SUSPENSION},
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    {{source}}
"""


def _select(queue: Queue, details: bool, whole: bool = False) -> str:
    """``whole``: the queue is read to its end, so the suspended one is better read from
    its holders (a page is quicker read from the expiry index, which is in its order)."""
    source = _FROM_SUSPENDED if whole and queue is Queue.SUSPENDED else _FROM_OPEN
    return (_SELECT if details else _SELECT_LEAN).format(source=source)


def renewal_page(
    store: Store, queue: Queue, bounds: RenewalBounds, after: RenewalKey | None, limit: int
) -> list[RenewalRow]:
    """Up to ``limit`` rows of ``queue`` following ``after`` (the first page when None)."""
    params: dict[str, Any] = _parameters(bounds) | {"limit": limit}
    where = _where(queue, store)
    if after is not None:
        where += " AND (p.expiry, p.id) > (:after_expiry, :after_id)"
        params |= {"after_expiry": after[0], "after_id": after[1]}
    cursor = store._execute(
        f"{_select(queue, True)} WHERE {where} ORDER BY p.expiry, p.id LIMIT :limit", params
    )
    return [_row(r) for r in cursor]


def iter_renewals(
    store: Store, queue: Queue, bounds: RenewalBounds, details: bool = True
) -> Iterator[RenewalRow]:
    """Every row of ``queue`` in order, read from one cursor (constant memory); without
    ``details``, no file or document."""
    select = _select(queue, details, whole=True)
    cursor = store._execute(
        f"{select} WHERE {_where(queue, store)} ORDER BY p.expiry, p.id", _parameters(bounds)
    )
    for r in cursor:
        yield _row(r)


@dataclass(frozen=True)
class PermitStanding:
    """What R1 needs of a holder's current permit, and whether the register covers its
    renewal (migration 0008_queues)."""

    permit_id: int
    expiry: date
    labour_market: LabourMarket
    covered: bool


def current_permit_standing(store: Store, holder_id: int) -> PermitStanding | None:
    """The holder's current permit (none superseding it), or None without a permit."""
    r = store._execute(
        "SELECT id, expiry, labour_market, covered FROM permits "
        "WHERE holder_id = ? AND superseded = 0 ORDER BY expiry DESC, id DESC LIMIT 1",
        [holder_id],
    ).fetchone()
    if r is None:
        return None
    return PermitStanding(r[0], date.fromisoformat(r[1]), LabourMarket(r[2]), bool(r[3]))


_MARKETS = {market.value: market for market in LabourMarket}


def _row(r: Any) -> RenewalRow:
    return RenewalRow(
        holder_id=r[0],
        surname=r[1],
        given_names=r[2],
        national_number=r[3],
        permit_id=r[4],
        card_number=r[5],
        expiry=date.fromisoformat(r[6]),
        labour_market=_MARKETS[r[7]],
        suspension=r[8],
        file_id=r[9],
        file_case=Case(r[10]) if r[10] else None,
        file_state=FileState(r[11]) if r[11] else None,
        file_opened_on=day(r[12]),
        renewal_filed_on=day(r[13]),
        document_annex=Annex(r[14]) if r[14] else None,
        document_number=RegisterNumber(r[15], r[16]) if r[14] else None,
        document_issued_on=day(r[17]),
        document_annulled=r[18] is not None,
    )


def text_widths(store: Store) -> tuple[int, int, int]:
    """The longest surname, given names and card number in the register (characters), so
    that a table can be laid out before its first row is read."""
    surname, given = store._execute(
        "SELECT coalesce(max(length(surname)), 0), coalesce(max(length(given_names)), 0) "
        "FROM holders"
    ).fetchone()
    (card,) = store._execute("SELECT coalesce(max(length(card_number)), 0) FROM permits").fetchone()
    return int(surname), int(given), int(card)
