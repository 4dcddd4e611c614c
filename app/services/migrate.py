"""Moving up (issue 15): the register of this desk's database file copied to an empty
register on a PostgreSQL server, which the counters then share (``permitdesk migrate-to``).

The file is checked first, in full (:func:`app.services.maintenance.check`): a damaged
register is refused, nothing copied. It is held still while it is checked and copied (its
write transaction: a counter still working on it waits), so what is copied is what was
checked. The copy itself, its verification and the server's audit row about it are
``app.store.postgres.migrate``'s, in one transaction of the server: all or nothing. Once
the server committed, the file records where its register went (``REGISTER_MOVED_TO``,
audited): its register refuses new entries, and the counter's start says where to work.
"""

from __future__ import annotations

import logging

from app.config import Database, PasswordInTarget, database_target
from app.domain.accounts import Role
from app.services.auth import require
from app.services.desk import Desk
from app.services.maintenance import check
from app.store import file_store
from app.store.base import now_text
from app.store.postgres.migrate import (
    MoveReport,
    NotMoved,
    Progress,
    copy_register,
    refuse_unless_ready,
)
from app.store.postgres.store import PostgresStore
from app.store.register import REGISTER_MOVED_TO, moved_to

__all__ = ["MoveReport", "NotMoved", "migrate_to"]

log = logging.getLogger(__name__)


def migrate_to(desk: Desk, target: Database, progress: Progress | None = None) -> MoveReport:
    """Copy the register of ``desk``'s database file to the empty server database
    ``target`` (``postgresql://…`` or libpq words), verified before it commits;
    ``progress(rows_done, rows_total)`` as it goes. For an administrator (the command
    line's local one). Raises :class:`NotMoved`, or the store's error, with the reason;
    the server database is then left as it was."""
    require(desk, Role.ADMINISTRATOR)
    source = file_store(desk.store, "moving a register to a server")
    moved = moved_to(source)
    if moved is not None:
        raise NotMoved(
            f"{source.path} was moved to {moved['server']} on {moved['on']} already; "
            "nothing was copied"
        )
    try:
        server_target = database_target(target)
    except PasswordInTarget as error:
        raise NotMoved(f"{error}; nothing was copied") from None
    if not isinstance(server_target, str):
        raise NotMoved(
            "the target is not a PostgreSQL database: name it as postgresql://host/database "
            "or with libpq words (host=… dbname=…, service=…); nothing was copied"
        )
    with PostgresStore.open(server_target, backups=source.backups) as server:
        refuse_unless_ready(server)  # at once, before the file's check (which takes long)
        with source.transaction():
            problems = check(source)
            if problems:
                raise NotMoved(
                    f"{source.path} fails its check ({problems[0]}"
                    f"{f', and {len(problems) - 1} more' if len(problems) > 1 else ''}; "
                    "see permitdesk check): a damaged register is not moved; nothing was copied"
                )
            report = copy_register(source, server, user=desk.user, at=now_text(), progress=progress)
            # committed on the server: the file's register takes no more entries (it would
            # number them again), in the file's transaction that held it still
            moved = {"server": report.location, "on": desk.today().isoformat()}
            source.set_setting(REGISTER_MOVED_TO, moved)
            source.audit(desk.user, "moved", "register", None, **moved)
        server.analyze()
    log.info("register %s moved to %s", source.path, report.location)
    return report
