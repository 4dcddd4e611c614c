-- Migration 0001_initial as released in PermitDesk 0.1.0, copied here on purpose: a database
-- written by that schema must keep opening. Never update this file; add a migration.
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
);
