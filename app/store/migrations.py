"""Ordered schema migrations (sqlite-utils' ``Migrations``).

Opening an older file applies what it lacks; a file that records a migration this version
does not know was written by a newer PermitDesk and is refused. Never edit a migration
that has shipped: add the next one.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

import sqlite_utils
from sqlite_utils.migrations import Migrations

from app.domain.errors import DatabaseTooNew
from app.store.connection import immediate

MIGRATIONS = Migrations("permitdesk")


@MIGRATIONS(name="0001_initial")
def _initial(db: sqlite_utils.Database) -> None:
    for statement in _INITIAL_SCHEMA.split(";\n"):
        if statement.strip():
            db.execute(statement)


_INITIAL_SCHEMA = """
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE assets (
    name TEXT PRIMARY KEY,
    data BLOB NOT NULL
);
CREATE TABLE holders (
    id INTEGER PRIMARY KEY,
    national_number TEXT UNIQUE,
    surname TEXT NOT NULL,
    given_names TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    birth_place TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    sex TEXT CHECK (sex IN ('M', 'F')),
    language TEXT NOT NULL DEFAULT 'fr' CHECK (language IN ('fr', 'nl', 'de')),
    street TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    municipality TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    hospitalised INTEGER NOT NULL DEFAULT 0,
    detained INTEGER NOT NULL DEFAULT 0,
    travelling INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE permits (
    id INTEGER PRIMARY KEY,
    holder_id INTEGER NOT NULL REFERENCES holders(id) ON DELETE CASCADE,
    card_number TEXT NOT NULL UNIQUE,
    card_type TEXT NOT NULL DEFAULT 'A',
    valid_from TEXT,
    expiry TEXT NOT NULL,
    labour_market TEXT NOT NULL
        CHECK (labour_market IN ('limited', 'unlimited', 'none', 'seasonal'))
);
CREATE INDEX permits_expiry ON permits(expiry);
CREATE INDEX permits_holder ON permits(holder_id, expiry);
CREATE TABLE family_members (
    id INTEGER PRIMARY KEY,
    holder_id INTEGER NOT NULL REFERENCES holders(id) ON DELETE CASCADE,
    surname TEXT NOT NULL,
    given_names TEXT NOT NULL DEFAULT '',
    birth_date TEXT,
    birth_place TEXT NOT NULL DEFAULT '',
    nationality TEXT NOT NULL DEFAULT '',
    national_number TEXT,
    sex TEXT CHECK (sex IN ('M', 'F')),
    relationship TEXT NOT NULL DEFAULT ''
);
CREATE INDEX family_members_holder ON family_members(holder_id);
CREATE TABLE renewal_files (
    id INTEGER PRIMARY KEY,
    holder_id INTEGER NOT NULL REFERENCES holders(id) ON DELETE CASCADE,
    permit_id INTEGER REFERENCES permits(id) ON DELETE SET NULL,
    "case" TEXT NOT NULL CHECK ("case" IN ('limited_renewal', 'unlimited_renewal',
        'work_authorisation_ended', 'first_registration')),
    opened_on TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    renewal_filed_on TEXT,
    regional_attestation INTEGER NOT NULL DEFAULT 0,
    regional_attestation_date TEXT,
    regional_attestation_reference TEXT NOT NULL DEFAULT '',
    decision_taken INTEGER NOT NULL DEFAULT 0,
    missing_documents TEXT NOT NULL DEFAULT '[]',
    work_authorisation_ended_on TEXT,
    stay_ended INTEGER NOT NULL DEFAULT 0,
    from_abroad INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX renewal_files_holder ON renewal_files(holder_id);
CREATE INDEX renewal_files_permit ON renewal_files(permit_id);
CREATE TABLE file_family_members (
    file_id INTEGER NOT NULL REFERENCES renewal_files(id) ON DELETE CASCADE,
    family_member_id INTEGER NOT NULL REFERENCES family_members(id) ON DELETE CASCADE,
    PRIMARY KEY (file_id, family_member_id)
);
CREATE TABLE file_events (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES renewal_files(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    on_date TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX file_events_file ON file_events(file_id);
CREATE TABLE register_counters (
    commune_nis TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    PRIMARY KEY (commune_nis, year)
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    commune_nis TEXT NOT NULL,
    year INTEGER NOT NULL,
    sequence INTEGER NOT NULL,
    annex TEXT NOT NULL CHECK (annex IN ('41', '49', '50', '51')),
    variant TEXT NOT NULL DEFAULT '',
    language TEXT NOT NULL CHECK (language IN ('fr', 'nl', 'de')),
    holder_id INTEGER NOT NULL REFERENCES holders(id) ON DELETE CASCADE,
    family_member_id INTEGER REFERENCES family_members(id) ON DELETE CASCADE,
    file_id INTEGER REFERENCES renewal_files(id) ON DELETE CASCADE,
    issued_on TEXT NOT NULL,
    valid_until TEXT,
    max_extensions INTEGER NOT NULL DEFAULT 0,
    extension_days INTEGER,
    extensions_used INTEGER NOT NULL DEFAULT 0,
    issued_by TEXT NOT NULL,
    snapshot TEXT NOT NULL DEFAULT '{}',
    annulled_on TEXT,
    annulled_reason TEXT NOT NULL DEFAULT '',
    annulled_by TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    UNIQUE (commune_nis, year, sequence)
);
CREATE INDEX documents_holder ON documents(holder_id);
CREATE INDEX documents_file ON documents(file_id);
CREATE TABLE document_versions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    valid_until TEXT,
    pdf BLOB NOT NULL,
    sha256 TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (document_id, version)
);
CREATE INDEX document_versions_sha ON document_versions(sha256);
CREATE TABLE transmissions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    sent_on TEXT,
    channel TEXT NOT NULL DEFAULT ''
);
CREATE INDEX transmissions_pending ON transmissions(sent_on);
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE VIRTUAL TABLE holder_search USING fts5(
    names, numbers, tokenize = 'unicode61 remove_diacritics 2'
)
"""


def known_names() -> list[str]:
    return [migration.name for migration in MIGRATIONS._migrations]


def upgrade(
    db: sqlite_utils.Database, before: Callable[[list[str]], None] | None = None
) -> list[str]:
    """Apply pending migrations; refuse a file from a newer version. Returns what ran.

    ``before`` is called with the pending names when a file that has migrations already
    is about to get more (the store backs the file up there, before taking the lock: the
    backup API cannot copy a file its own connection holds locked).

    The migrations run under the write lock (``BEGIN IMMEDIATE``), pending ones computed
    again inside it: two counters opening a new or older file at once take turns, and the
    second finds nothing left to do."""
    applied = _check_known(db)
    pending = [migration.name for migration in MIGRATIONS.pending(db)]
    if not pending:  # the usual case: no lock taken, readers and writers go on
        return []
    if applied and before is not None:
        before(pending)
    with immediate(db):
        _check_known(db)
        pending = [migration.name for migration in MIGRATIONS.pending(db)]
        MIGRATIONS.apply(db)
    return pending


def _check_known(db: sqlite_utils.Database) -> list[str]:
    """The applied migrations, refusing a file that has one this version does not know."""
    known = set(known_names())
    applied = [migration.name for migration in MIGRATIONS.applied(db)]
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise DatabaseTooNew(
            "this database was written by a newer version of PermitDesk "
            f"(it has {', '.join(unknown)}); install that version or newer to open it"
        )
    return applied


def pending_names(db: sqlite_utils.Database) -> list[str]:
    """The migrations this version would apply to ``db`` (read only: nothing is written,
    so it serves files opened read-only); raises :class:`DatabaseTooNew` like ``upgrade``."""
    _check_known(db)
    return [migration.name for migration in MIGRATIONS.pending(db)]


def schema_version(db: sqlite_utils.Database) -> str | None:
    applied = MIGRATIONS.applied(db)
    return applied[-1].name if applied else None


@MIGRATIONS(name="0002_accounts")
def _accounts(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
            password_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            locked_until TEXT,
            created_at TEXT NOT NULL,
            password_changed_at TEXT NOT NULL
        )
        """
    )


@MIGRATIONS(name="0003_audit_chain")
def _audit_chain(db: sqlite_utils.Database) -> None:
    """The audit log becomes append-only and hash-chained; rows written before are chained
    in their order, then the triggers forbid any change."""
    db.execute("ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT ''")
    previous = ""
    rows = db.execute(
        "SELECT id, at, user, action, entity, entity_id, detail FROM audit_log ORDER BY id"
    ).fetchall()
    for row in rows:
        digest = _chain_hash_0003(previous, row)
        db.execute(
            "UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", [previous, digest, row[0]]
        )
        previous = digest
    db.execute(
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute(
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
    )
    db.execute("CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)")
    db.execute("CREATE INDEX audit_log_user ON audit_log(user, at)")


def _chain_hash_0003(previous: str, row: Sequence[Any]) -> str:
    """The chain's formula as migration 0003 shipped it, frozen here so that a later change
    to ``app.store.audit`` cannot change what this migration writes."""
    columns = ("id", "at", "user", "action", "entity", "entity_id", "detail")
    canonical = json.dumps(
        dict(zip(columns, row, strict=True)),
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256((previous + canonical).encode("utf-8")).hexdigest()


@MIGRATIONS(name="0004_card_fields")
def _card_fields(db: sqlite_utils.Database) -> None:
    """The chip's single-permit fields on each permit, a birth date the register knows
    only in part (``1975-03-00``) on each holder, and the search index folded again.

    The index is derived data that must be folded as the running version folds the
    clerk's queries, so it is refilled through the connection's ``fold()`` (which
    ``app.store.connection`` registers) rather than a frozen copy of the folding; the SQL
    that fills it is frozen here."""
    for column in (
        "regional_file_number",
        "employer_vat_1",
        "employer_vat_2",
        "issuing_municipality",
        "special_status",
    ):
        db.execute(f"ALTER TABLE permits ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE permits ADD COLUMN member_of_family INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE holders ADD COLUMN birth_date_partial TEXT")
    db.execute("DELETE FROM holder_search")
    db.execute(
        "INSERT INTO holder_search (rowid, names, numbers) "
        "SELECT h.id, fold(h.surname || ' ' || h.given_names), "
        "coalesce(h.national_number, '') || ' ' || "
        "coalesce((SELECT group_concat(p.card_number, ' ') FROM permits p "
        "WHERE p.holder_id = h.id), '') "
        "FROM holders h"
    )


@MIGRATIONS(name="0005_papers")
def _papers(db: sqlite_utils.Database) -> None:
    """The residence document handed in at a first registration (art. 105/2 §5), and every
    marked copy printed of a register entry (a duplicate, or an annulled entry's copy) with
    the SHA-256 that ``document verify`` recognises it by."""
    db.execute("ALTER TABLE renewal_files ADD COLUMN handed_in TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE renewal_files ADD COLUMN handed_in_number TEXT NOT NULL DEFAULT ''")
    db.execute(
        """
        CREATE TABLE document_copies (
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            version INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('duplicate', 'annulled')),
            made_on TEXT NOT NULL,
            made_by TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            created_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX document_copies_sha ON document_copies(sha256)")
    db.execute("CREATE INDEX document_copies_document ON document_copies(document_id)")


@MIGRATIONS(name="0006_deadlines")
def _deadlines(db: sqlite_utils.Database) -> None:
    """The dates the law's deadlines run from or to, kept where the working list reads
    them: the date a file event sets (a request's deadline, R3 §7; the decision period's new
    end, art. 105/3 §3) and the date of a decision ending the stay (annex 52, art. 105/6).

    Requests recorded before kept their deadline at the start of the event's detail
    (``2026-12-15 note``): it moves to its column, the note stays."""
    db.execute("ALTER TABLE file_events ADD COLUMN due_on TEXT")
    db.execute("ALTER TABLE renewal_files ADD COLUMN stay_ended_on TEXT")
    db.execute(
        "UPDATE file_events SET due_on = substr(detail, 1, 10), "
        "detail = ltrim(substr(detail, 11)) "
        "WHERE kind = 'outcome:information_requested' "
        "AND detail GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' "
        "AND (length(detail) = 10 OR substr(detail, 11, 1) = ' ')"
    )
    db.execute("CREATE INDEX file_events_kind ON file_events(kind, file_id)")


@MIGRATIONS(name="0008_queues")
def _queues(db: sqlite_utils.Database) -> None:
    """What the Today queues need to count a million permits from an index alone: on each
    permit, whether a later permit of the holder supersedes it and whether the register
    covers its renewal (app.domain.queues: a live annex 49, 50 or 51 on a file of the
    permit, or the file closed by an outcome; an annex 41 or a bare filing date is no
    cover). Triggers keep both flags as documents, files and permits change, so every
    writer (counter, import, demo) keeps them right without knowing of them."""
    for statement in _QUEUES_SCHEMA.split(";\n\n"):
        if statement.strip():
            db.execute(statement)


_QUEUE_COVERED = """EXISTS (
    SELECT 1 FROM renewal_files f WHERE f.permit_id = permits.id AND (
        (f.state = 'closed' AND f.decision_taken = 1)
        OR EXISTS (SELECT 1 FROM documents d WHERE d.file_id = f.id
                   AND d.annex IN ('49', '50', '51') AND d.annulled_on IS NULL)))"""
_QUEUE_SUPERSEDED = """EXISTS (
    SELECT 1 FROM permits later
    WHERE later.holder_id = permits.holder_id AND later.expiry > permits.expiry)"""

_QUEUES_SCHEMA = f"""
ALTER TABLE permits ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0;

ALTER TABLE permits ADD COLUMN covered INTEGER NOT NULL DEFAULT 0;

UPDATE permits SET superseded = {_QUEUE_SUPERSEDED}, covered = {_QUEUE_COVERED};

CREATE INDEX permits_open_expiry ON permits(expiry) WHERE superseded = 0 AND covered = 0;

CREATE INDEX permits_open_holder ON permits(holder_id, expiry, superseded, covered)
    WHERE superseded = 0 AND covered = 0;

CREATE INDEX holders_aged ON holders(birth_date, travelling, hospitalised, detained);

CREATE INDEX holders_hindered ON holders(hospitalised, detained)
    WHERE hospitalised = 1 OR detained = 1;

CREATE TRIGGER permits_queue_insert AFTER INSERT ON permits BEGIN
    UPDATE permits SET superseded = {_QUEUE_SUPERSEDED} WHERE holder_id = NEW.holder_id;
END;

CREATE TRIGGER permits_queue_update AFTER UPDATE OF holder_id, expiry ON permits BEGIN
    UPDATE permits SET superseded = {_QUEUE_SUPERSEDED}
    WHERE holder_id IN (NEW.holder_id, OLD.holder_id);
END;

CREATE TRIGGER permits_queue_delete AFTER DELETE ON permits BEGIN
    UPDATE permits SET superseded = {_QUEUE_SUPERSEDED} WHERE holder_id = OLD.holder_id;
END;

CREATE TRIGGER documents_queue_insert AFTER INSERT ON documents BEGIN
    UPDATE permits SET covered = {_QUEUE_COVERED}
    WHERE id = (SELECT permit_id FROM renewal_files WHERE id = NEW.file_id);
END;

CREATE TRIGGER documents_queue_update AFTER UPDATE OF annulled_on, file_id, annex ON documents
BEGIN
    UPDATE permits SET covered = {_QUEUE_COVERED}
    WHERE id IN (SELECT permit_id FROM renewal_files WHERE id IN (NEW.file_id, OLD.file_id));
END;

CREATE TRIGGER documents_queue_delete AFTER DELETE ON documents BEGIN
    UPDATE permits SET covered = {_QUEUE_COVERED}
    WHERE id = (SELECT permit_id FROM renewal_files WHERE id = OLD.file_id);
END;

CREATE TRIGGER files_queue_insert AFTER INSERT ON renewal_files BEGIN
    UPDATE permits SET covered = {_QUEUE_COVERED} WHERE id = NEW.permit_id;
END;

CREATE TRIGGER files_queue_update
AFTER UPDATE OF state, decision_taken, permit_id ON renewal_files BEGIN
    UPDATE permits SET covered = {_QUEUE_COVERED} WHERE id IN (NEW.permit_id, OLD.permit_id);
END;

CREATE TRIGGER files_queue_delete AFTER DELETE ON renewal_files BEGIN
    UPDATE permits SET covered = {_QUEUE_COVERED} WHERE id = OLD.permit_id;
END
"""


@MIGRATIONS(name="0009_search_order")
def _search_order(db: sqlite_utils.Database) -> None:
    """Search results sorted by name through an index (``app.store.search``): each holder's
    folded name (``name_key``), filled through the connection's ``name_key()`` as 0004
    fills the search index; ``holders_name`` walks the names in order, and
    ``holders_search_order`` gives a match's place in that order without reading its row."""
    db.execute("ALTER TABLE holders ADD COLUMN name_key TEXT NOT NULL DEFAULT ''")
    db.execute("UPDATE holders SET name_key = name_key(surname, given_names)")
    db.execute("CREATE INDEX holders_name ON holders(name_key, birth_date, national_number)")
    db.execute(
        "CREATE INDEX holders_search_order ON holders(id, name_key, birth_date, national_number)"
    )


@MIGRATIONS(name="0010_edit_versions")
def _edit_versions(db: sqlite_utils.Database) -> None:
    """Each holder and renewal file counts its saves (``version``): a save made from a copy
    read before another counter's save is refused (``app.domain.errors.EditConflict``)."""
    for table in ("holders", "renewal_files"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1")


@MIGRATIONS(name="0011_file_handling")
def _file_handling(db: sqlite_utils.Database) -> None:
    """Which counter has a renewal file open, by whom and since when
    (``Store.take_file``): another counter opening it is told so."""
    db.execute(_FILE_HANDLING)


_FILE_HANDLING = """
CREATE TABLE file_handling (
    file_id INTEGER PRIMARY KEY REFERENCES renewal_files(id) ON DELETE CASCADE,
    counter TEXT NOT NULL,
    "user" TEXT NOT NULL,
    since TEXT NOT NULL
)
"""
