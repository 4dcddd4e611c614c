"""The store's domain methods, shared by both backends: domain objects in, domain objects
out, domain errors (``app.domain.errors``) for what goes wrong.

:class:`Store` is the interface services and the UI hold; they never learn which database
is behind it. :class:`app.store.sqlite.SqliteStore` keeps a commune's register in one
SQLite file (one counter); :class:`app.store.postgres.store.PostgresStore` on a
PostgreSQL server that several counters share. :func:`app.store.open_store` picks one
from the target (a path or a ``postgresql://`` address). What differs between them (search,
bulk writes, the audit chain's keeping, statistics) is declared abstract here.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from app.domain.accounts import Account, LockoutPolicy, Role
from app.domain.errors import (
    Conflict,
    DatabaseUnreadable,
    EditConflict,
    Interrupted,
    NotFound,
)
from app.domain.json_text import JsonRefused, read_json
from app.domain.model import (
    Commune,
    CommuneText,
    FamilyMember,
    FileEvent,
    FileHandling,
    Holder,
    Language,
    Permit,
    RenewalFile,
)
from app.domain.passwords import ScryptParams
from app.domain.search import HolderQuery, SearchHit
from app.store import accounts, importing, rows
from app.store.base import StoreBase, now_text

if TYPE_CHECKING:
    from app.store.register import Register


#: Holders (with their permits) written per batch in bulk writes.
BULK_CHUNK = 5_000
#: The tables whose rows count their saves (``version``), by audit entity.
_VERSIONED = {"holder": "holders", "renewal_file": "renewal_files"}


class Store(StoreBase):
    """One open register, spoken to in domain objects."""

    #: Set by :meth:`interrupt`: a store that served a cancelled operation stays cancelled.
    interrupted = False
    #: Whether each permit carries its holder's ``suspension_birth`` (the server's
    #: migration 0011), from which :mod:`app.store.queues` counts the suspended permits.
    permits_carry_suspension = False

    # -- what each backend does its own way ----------------------------------------------

    @abstractmethod
    def search_holders(self, query: HolderQuery, limit: int = 50) -> list[SearchHit]:
        """Holders matching ``query`` sorted by name, each with their latest card and
        expiry."""

    @abstractmethod
    def holder_hits(self, holder_ids: list[int]) -> list[SearchHit]:
        """These holders as search results, sorted by name."""

    @abstractmethod
    def register(self) -> Register:
        """The register of documents kept in this store."""

    @abstractmethod
    def sign_in(
        self, name: str, password: str, now: datetime, policy: LockoutPolicy, params: ScryptParams
    ) -> Account:
        """The account whose password this is, signed in: the failure counted and the
        lock-out applied by ``policy`` at ``now``, the hash made again with ``params`` when
        it had others, the audit row written; else :class:`~app.domain.errors.AuthError`.
        A file checks the password itself; a server does, with its own clock and settings,
        and this store keeps the session it gives for the account functions."""

    def sign_out(self) -> None:
        """The session the server gave at :meth:`sign_in` ends; a file keeps none."""

    @abstractmethod
    def account_is_sealed(self, account_id: int) -> bool:
        """Whether the account is as PermitDesk last wrote it (not changed around it)."""

    @abstractmethod
    def setting_is_sealed(self, key: str) -> bool:
        """Whether the setting is as PermitDesk last wrote it (or was never written)."""

    @abstractmethod
    def integrity_problems(self) -> list[str]:
        """The database's own checks of what it keeps (an SQLite file's pages and keys; a
        server's audit chain and guards); empty when sound."""

    @abstractmethod
    def analyze(self) -> None:
        """Refresh the query planner's statistics after a bulk change."""

    @abstractmethod
    def interrupt(self) -> None:
        """Abort the statement running on this store, from another thread; it fails with
        :class:`~app.domain.errors.Interrupted`."""

    def add_holders_with_permits(self, pairs: Iterable[tuple[Holder, Permit]]) -> int:
        """Bulk insert for the demo: one transaction, rows streamed to the database in
        chunks of :data:`BULK_CHUNK` (never all of them in memory), each chunk indexed
        once after its permits."""
        now = now_text()
        count = 0
        with self.transaction():
            chunk: list[tuple[Holder, Permit]] = []
            for pair in pairs:
                chunk.append(pair)
                if len(chunk) == BULK_CHUNK:
                    count += self._insert_chunk(chunk, now)
                    chunk = []
            if chunk:
                count += self._insert_chunk(chunk, now)
        return count

    def _insert_chunk(self, chunk: list[tuple[Holder, Permit]], now: str) -> int:
        ids = self._new_ids("holders", len(chunk))
        holder_rows, permit_rows = [], []
        for holder_id, (holder, permit) in zip(ids, chunk, strict=True):
            holder.id = permit.holder_id = holder_id
            holder_rows.append(
                {**rows.holder_to_row(holder, now), "id": holder_id, "created_at": now}
            )
            permit_rows.append(rows.permit_to_row(permit))
        self._insert_many("holders", holder_rows)
        self._insert_many("permits", permit_rows)
        self._reindex_holders(ids, new=True)
        return len(chunk)

    def import_holders(
        self,
        pairs: Sequence[tuple[Holder, Permit]],
        fields: tuple[frozenset[str], frozenset[str]],
        user: str,
        summary: dict[str, Any],
    ) -> importing.ImportWrite:
        """A validated CSV import in one transaction (``app.store.importing``), audited
        with its counts and ``summary``; statistics refreshed after it."""
        with self.transaction():
            written = importing.write_import(
                self, pairs, fields, at=now_text(), user=user, check=self._raise_if_interrupted
            )
            self._raise_if_interrupted()
            counts = {"inserted": written.inserted, "updated": written.updated}
            self._append_audit(now_text(), user, "import", "holders", None, {**counts, **summary})
        self.analyze()
        return written

    def _reindex_holder(self, holder_id: int) -> None:
        self._reindex_holders([holder_id], new=False)

    # -- which counter handles a file ----------------------------------------------------

    def take_file(self, file_id: int, user: str, since: str) -> FileHandling | None:
        """Mark the file as handled at this counter by ``user`` from ``since`` (ISO),
        unless another counter has had it open since that same day: then that counter's
        handling is returned and nothing changes (a mark left from an earlier day, by a
        counter that stopped without closing the file, is taken over)."""
        with self.transaction():
            current = self.file_handling(file_id)
            if (
                current is not None
                and current.counter != self.counter
                and current.since[:10] == since[:10]
            ):
                return current
            self._execute(
                'INSERT INTO file_handling (file_id, counter, "user", since) VALUES (?, ?, ?, ?) '
                "ON CONFLICT (file_id) DO UPDATE SET counter = excluded.counter, "
                '"user" = excluded."user", since = excluded.since',
                [file_id, self.counter, user, since],
            )
        return None

    def release_file(self, file_id: int) -> None:
        """This counter no longer has the file open."""
        with self.transaction():
            self._execute(
                "DELETE FROM file_handling WHERE file_id = ? AND counter = ?",
                [file_id, self.counter],
            )

    def file_handling(self, file_id: int) -> FileHandling | None:
        row = self._one(
            'SELECT counter, "user", since FROM file_handling WHERE file_id = ?', [file_id]
        )
        return FileHandling(row["counter"], row["user"], row["since"]) if row else None

    def changes_elsewhere(self, wait: float = 0.0) -> set[str]:
        """The tables that other counters changed since the last call, waiting up to
        ``wait`` seconds for one. A file has one counter (a register shared by several is
        on a server): none."""
        return set()

    @abstractmethod
    def for_another_thread(self) -> Store:
        """A store of its own on the same register, for a worker thread (a connection
        belongs to the thread that uses it)."""

    def server_answers(self) -> bool:
        """Whether the register's server answers (a file has none: always)."""
        return True

    def _raise_if_interrupted(self) -> None:
        if self.interrupted:
            raise Interrupted("the operation was cancelled; nothing was written")

    def get_setting(self, key: str, default: Any = None) -> Any:
        row = self._one("SELECT value FROM settings WHERE key = ?", [key])
        if row is None:
            return default
        try:
            return read_json(row["value"], f"the setting {key!r} in {self.location}")
        except JsonRefused as error:
            raise DatabaseUnreadable(f"{error}: it was written around PermitDesk") from None

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [key, json.dumps(value, ensure_ascii=False)],
            )

    def get_commune(self) -> Commune | None:
        data = self.get_setting("commune")
        if data is None:
            return None
        data["languages"] = tuple(Language(code) for code in data["languages"])
        data["texts"] = {  # per document language; absent in older settings
            Language(code): CommuneText(**text) for code, text in data.get("texts", {}).items()
        }
        return Commune(**data)

    def set_commune(self, commune: Commune) -> None:
        data = dict(vars(commune))
        data["languages"] = [Language(code).value for code in commune.languages]
        data["texts"] = {Language(code).value: vars(t) for code, t in commune.texts.items()}
        self.set_setting("commune", data)

    def get_asset(self, name: str) -> bytes | None:
        row = self._one("SELECT data FROM assets WHERE name = ?", [name])
        return row["data"] if row else None

    def set_asset(self, name: str, data: bytes) -> None:
        with self.transaction():
            self._execute(
                "INSERT INTO assets (name, data) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET data = excluded.data",
                [name, data],
            )

    # -- holders and permits --------------------------------------------------------------

    def save_holder(self, holder: Holder) -> Holder:
        """Insert a new holder or update the one with the same id (or national number)."""
        now = now_text()
        row = rows.holder_to_row(holder, now)
        with self.transaction():
            holder_id = holder.id
            if holder_id is None and holder.national_number:
                existing = self._one(
                    "SELECT id FROM holders WHERE national_number = ?", [holder.national_number]
                )
                holder_id = existing["id"] if existing else None
            if holder_id is None:
                holder_id, version = self._insert("holders", {**row, "created_at": now}), 1
            else:
                # Found by its national number, no copy of it was read here: no version to check.
                read = holder.version if holder.id is not None else None
                version = self._save_versioned("holder", holder_id, row, read)
            self._reindex_holder(holder_id)
        holder.id, holder.version = holder_id, version
        return holder

    def save_permit(self, permit: Permit) -> Permit:
        """Insert a permit or update the one with the same id or card number."""
        if permit.holder_id is None:
            raise ValueError("a permit needs its holder saved first")
        row = rows.permit_to_row(permit)
        with self.transaction():
            existing = self._one(
                "SELECT id, holder_id FROM permits WHERE id = ? OR card_number = ?",
                [permit.id, permit.card_number],
            )
            if existing and existing["holder_id"] != permit.holder_id:
                raise Conflict(f"card {permit.card_number} belongs to another holder")
            if existing:
                permit.id = existing["id"]
                self._update("permits", permit.id, row)
            else:
                permit.id = self._insert("permits", row)
            self._reindex_holder(permit.holder_id)
        return permit

    def get_holder(self, holder_id: int) -> Holder:
        row = self._one("SELECT * FROM holders WHERE id = ?", [holder_id])
        if row is None:
            raise NotFound(f"no holder with id {holder_id}")
        return rows.holder_from_row(row)

    def find_holder(self, national_number: str) -> Holder | None:
        row = self._one("SELECT * FROM holders WHERE national_number = ?", [national_number])
        return rows.holder_from_row(row) if row else None

    def permits_of(self, holder_id: int) -> list[Permit]:
        found = self._all(
            "SELECT * FROM permits WHERE holder_id = ? ORDER BY expiry DESC", [holder_id]
        )
        return [rows.permit_from_row(row) for row in found]

    def get_permit(self, permit_id: int) -> Permit:
        row = self._one("SELECT * FROM permits WHERE id = ?", [permit_id])
        if row is None:
            raise NotFound(f"no permit with id {permit_id}")
        return rows.permit_from_row(row)

    def count_holders(self) -> int:
        return self._one("SELECT count(*) AS n FROM holders")["n"]  # type: ignore[index]

    def save_family_member(self, member: FamilyMember) -> FamilyMember:
        row = rows.family_to_row(member)
        with self.transaction():
            if member.id is None:
                member.id = self._insert("family_members", row)
            else:
                self._update("family_members", member.id, row)
        return member

    def family_of(self, holder_id: int) -> list[FamilyMember]:
        found = self._all(
            "SELECT * FROM family_members WHERE holder_id = ? ORDER BY id", [holder_id]
        )
        return [rows.family_from_row(row) for row in found]

    def get_family_member(self, member_id: int) -> FamilyMember:
        row = self._one("SELECT * FROM family_members WHERE id = ?", [member_id])
        if row is None:
            raise NotFound(f"no family member with id {member_id}")
        return rows.family_from_row(row)

    # -- renewal files --------------------------------------------------------------------

    def save_file(self, file: RenewalFile) -> RenewalFile:
        row = rows.file_to_row(file)
        with self.transaction():
            if file.id is None:
                file.id, file.version = self._insert("renewal_files", row), 1
            else:
                file.version = self._save_versioned("renewal_file", file.id, row, file.version)
            self._execute("DELETE FROM file_family_members WHERE file_id = ?", [file.id])
            for member_id in file.family_member_ids:
                self._execute(
                    "INSERT INTO file_family_members (file_id, family_member_id) VALUES (?, ?)",
                    [file.id, member_id],
                )
        return file

    def _save_versioned(
        self, entity: str, row_id: int, row: dict[str, Any], version: int | None
    ) -> int:
        """Update the holder's or file's row and count the save; given the ``version`` the
        caller read, only when nobody saved it since, else :class:`EditConflict` naming who
        did and when (the audit trail's last row about it). The new version."""
        table = _VERSIONED[entity]
        assignments = ", ".join(f'"{column}" = ?' for column in row)
        where, params = "id = ?", [*row.values(), row_id]
        if version:
            where, params = "id = ? AND version = ?", [*params, version]
        found = self._execute(
            f"UPDATE {table} SET {assignments}, version = version + 1 WHERE {where} "
            "RETURNING version",
            params,
        ).fetchone()
        if found is not None:
            return int(found[0])
        if self._one(f"SELECT id FROM {table} WHERE id = ?", [row_id]) is None:
            raise NotFound(f"no {entity.replace('_', ' ')} with id {row_id}")
        last = self._one(
            'SELECT "user", at FROM audit_log WHERE entity = ? AND entity_id = ? '
            "ORDER BY id DESC LIMIT 1",
            [entity, row_id],
        )
        raise EditConflict(entity, row_id, *((last["user"], last["at"]) if last else ("", "")))

    def delete_file(self, file_id: int) -> None:
        """Remove a file nothing was issued on (its events and family list go with it).
        A file with a register document is never removed: the register keeps its files."""
        with self.transaction():
            issued = self._one("SELECT COUNT(*) AS n FROM documents WHERE file_id = ?", [file_id])
            if issued is not None and issued["n"]:
                raise ValueError(f"renewal file {file_id} has issued documents")
            self._execute("DELETE FROM renewal_files WHERE id = ?", [file_id])

    def get_file(self, file_id: int) -> RenewalFile:
        row = self._one("SELECT * FROM renewal_files WHERE id = ?", [file_id])
        if row is None:
            raise NotFound(f"no renewal file with id {file_id}")
        return self._file(row)

    def files_of(self, holder_id: int) -> list[RenewalFile]:
        found = self._all(
            "SELECT * FROM renewal_files WHERE holder_id = ? ORDER BY opened_on DESC, id DESC",
            [holder_id],
        )
        return [self._file(row) for row in found]

    def _file(self, row: dict[str, Any]) -> RenewalFile:
        members = self._all(
            "SELECT family_member_id FROM file_family_members WHERE file_id = ? ORDER BY 1",
            [row["id"]],
        )
        file = rows.file_from_row(row, tuple(m["family_member_id"] for m in members))
        file.events = [
            FileEvent(
                e["kind"],
                date.fromisoformat(e["on_date"]),
                e["detail"],
                e["id"],
                rows.day(e["due_on"]),
            )
            for e in self._all(
                "SELECT * FROM file_events WHERE file_id = ? ORDER BY on_date, id", [row["id"]]
            )
        ]
        return file

    def add_event(self, file_id: int, event: FileEvent) -> FileEvent:
        with self.transaction():
            event.id = self._insert(
                "file_events",
                {
                    "file_id": file_id,
                    "kind": event.kind,
                    "on_date": event.on.isoformat(),
                    "detail": event.detail,
                    "due_on": event.due_on.isoformat() if event.due_on else None,
                    "created_at": now_text(),
                },
            )
        return event

    # -- audit ----------------------------------------------------------------------------

    # -- accounts: each change with its audit row ------------------------------------------

    def create_account(
        self, name: str, role: Role, password_hash: str, by: str, detail: dict[str, Any]
    ) -> Account:
        with self.transaction():
            account = accounts.insert(self, name, role, password_hash)
            self._append_audit(now_text(), by, "create", "account", account.id, detail)
        return account

    def set_account_role(
        self, account_id: int, role: Role, by: str, detail: dict[str, Any]
    ) -> None:
        with self.transaction():
            accounts.set_role(self, account_id, role)
            self._append_audit(now_text(), by, "change", "account", account_id, detail)

    def set_account_disabled(self, account_id: int, disabled: bool, by: str) -> None:
        with self.transaction():
            accounts.set_disabled(self, account_id, disabled)
            action = "disable" if disabled else "enable"
            self._append_audit(now_text(), by, action, "account", account_id, {})

    def set_account_password(self, account_id: int, password_hash: str, by: str) -> None:
        """A new password hash; it unlocks the account (before the audit row seals it)."""
        with self.transaction():
            accounts.set_password_hash(self, account_id, password_hash)
            accounts.record_success(self, account_id)
            self._append_audit(now_text(), by, "change_password", "account", account_id, {})

    def audit(
        self, user: str, action: str, entity: str, entity_id: int | None, **detail: Any
    ) -> None:
        """Append to the hash-chained audit log; records are named by id, never by
        personal data."""
        with self.transaction():
            self._append_audit(now_text(), user, action, entity, entity_id, detail)
