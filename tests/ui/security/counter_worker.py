"""One counter's work, in a process of its own ('spawn'), on a register on the server:
issue, annul one of its papers, edit a holder; what it did is reported to the test."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.domain.model import Annex, Language, RegisterNumber
from app.services.desk import Desk
from app.services.files import save_holder
from app.services.issuing import annul_document
from app.store import DocumentDraft

ISSUES = 6
TODAY = date(2026, 11, 23)


def _render(number: RegisterNumber) -> tuple[bytes, str]:
    return f"%PDF-1.4 {number}".encode(), "{}"


def work(target: str, counter: int, holder_id: int, start: Any, results: Any) -> None:
    """Wait for the others, then issue ISSUES papers for the counter's holder, annul the
    first, give the holder a phone number: the three kinds of change the other counters
    must see (each counter its own holder: two editing one would conflict, as they must)."""
    try:
        with Desk.open(target, user=f"clerk{counter}", clock=lambda: TODAY) as desk:
            commune = desk.store.get_commune()
            assert commune is not None
            draft = DocumentDraft(
                annex=Annex.A50,
                language=Language.FR,
                holder_id=holder_id,
                issued_on=TODAY,
                issued_by=desk.user,
            )
            start.wait(timeout=60)
            issued = [desk.register.issue(commune.nis_code, draft, _render) for _ in range(ISSUES)]
            annul_document(desk, issued[0].id, f"counter {counter}: wrong holder")  # type: ignore[arg-type]
            holder = desk.store.get_holder(holder_id)
            holder.phone = f"0470 00 00 0{counter}"
            save_holder(desk, holder)
        results.put((counter, [document.number.sequence for document in issued]))
    except Exception as error:  # told to the test, not lost in the child's stderr
        results.put((counter, f"{type(error).__name__}: {error}"))
