"""The transmissions to the Immigration Office "sans délai" (art. 105/3 §1-2): what waits,
marking it sent (one transaction with its audit entry), and the cover list to print."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date

from app.documents.cover_list import CoverLine, CoverListData, render_cover_list
from app.documents.locale_format import LANGUAGES, national_number
from app.domain.accounts import Role
from app.domain.model import Language, TransmissionRow
from app.services.annex_data import commune_address
from app.services.auth import require
from app.services.desk import Desk
from app.services.forms import cover_texts_in_force
from app.services.issuing import default_signatory
from app.store.transmissions import (
    pending_transmissions,
    set_sent,
    transmissions_by_id,
)

logger = logging.getLogger(__name__)

#: The usual channels; the clerk may type another one.
CHANNELS = ("email", "post", "platform")


def pending(desk: Desk) -> list[TransmissionRow]:
    """What still has to go to the Immigration Office, the longest waiting first."""
    require(desk, Role.CLERK)
    return pending_transmissions(desk.store)


def mark_sent(desk: Desk, ids: Iterable[int], on: date, channel: str) -> list[int]:
    """Record that these were sent on ``on`` through ``channel``; returns the ids marked.

    Rows sent already are left as they were. Raises ``ValueError`` without a channel or
    with a date after today."""
    require(desk, Role.CLERK)
    channel = channel.strip()
    if not channel:
        raise ValueError("say how it was sent (e-mail, post, platform, ...)")
    if on > desk.today():
        raise ValueError("the sending date cannot be after today")
    with desk.store.transaction():
        marked = set_sent(desk.store, ids, on, channel)
        for row_id in marked:
            desk.store.audit(
                desk.user, "transmit", "transmission", row_id, on=on.isoformat(), channel=channel
            )
    logger.info("marked %d transmission(s) sent via %s", len(marked), channel)
    return marked


def cover_list_pdf(desk: Desk, ids: Iterable[int], language: str) -> bytes:
    """The cover list of these transmissions, dated today, in ``language`` (fr, nl, de)."""
    require(desk, Role.CLERK)
    if language not in LANGUAGES:
        raise ValueError(f"no cover list in {language!r}")
    commune = desk.commune()
    signatory = default_signatory(desk)
    lines = tuple(
        CoverLine(
            register_number=str(row.number),
            annex=row.annex.value,
            holder_name=", ".join(p for p in (row.surname, row.given_names) if p),
            national_number=national_number(row.national_number),
            kind=row.kind,
        )
        for row in transmissions_by_id(desk.store, ids)
    )
    return render_cover_list(
        CoverListData(
            language=language,
            commune_name=commune.text(language).name,  # the list's language (R7)
            on=desk.today(),
            lines=lines,
            commune_address=commune_address(commune, language),
            signatory_name=signatory.name,
            signatory_title=signatory.title_in(Language(language)),
        ),
        cover_texts_in_force(),
    )
