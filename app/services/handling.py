"""Which counter has a renewal file open: a clerk opening a file that another counter is
working on is told "being handled at counter 3 by Marie since 10:42", so that two clerks
do not handle the same person's renewal at once (issue 15). The mark is the store's
(``Store.take_file``); on a file, with one counter, it only ever names this one."""

from __future__ import annotations

from datetime import datetime

from app.domain.accounts import Role
from app.domain.model import FileHandling
from app.services.auth import require
from app.services.desk import Desk


def open_file_here(desk: Desk, file_id: int) -> FileHandling | None:
    """Mark the file as handled at this counter by the desk's clerk; the other counter's
    handling instead when another counter has it open (then nothing is marked)."""
    require(desk, Role.CLERK)
    # The day is the desk's (its injected clock: the mark's day is what counts), the time
    # of day the wall clock's, in local time.
    since = datetime.combine(desk.today(), datetime.now().time()).astimezone()
    return desk.store.take_file(file_id, desk.user, since.isoformat(timespec="seconds"))


def close_file_here(desk: Desk, file_id: int) -> None:
    """This counter has closed the file: other counters may take it."""
    desk.store.release_file(file_id)
