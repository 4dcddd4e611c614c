-- Migration 0007: each holder and renewal file counts its saves (version), so that a save
-- made from a copy read before another counter's save is refused
-- (app.domain.errors.EditConflict, app.store.store.Store._save_versioned). The counters'
-- UPDATE right on both tables covers the new column.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

ALTER TABLE holders ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE renewal_files ADD COLUMN version integer NOT NULL DEFAULT 1;
