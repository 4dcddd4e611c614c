-- Migration 0010: which counter has a renewal file open, by whom and since when
-- (app.store.store.Store.take_file), so that another counter opening it is told "being
-- handled at counter 3 by Marie since 10:42"; the other counters hear of it (0008).

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

CREATE TABLE file_handling (
    file_id bigint PRIMARY KEY REFERENCES renewal_files(id) ON DELETE CASCADE,
    counter text NOT NULL,
    "user" text NOT NULL,
    since text NOT NULL
);

GRANT SELECT, INSERT, UPDATE, DELETE ON file_handling TO permitdesk_counter;

CREATE TRIGGER file_handling_notify AFTER INSERT OR UPDATE OR DELETE ON file_handling
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
