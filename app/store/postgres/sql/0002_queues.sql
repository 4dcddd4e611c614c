-- Migration 0002: the Today queues' flags on each permit, with exactly the meaning of SQLite's
-- migration 0008 (app/store/migrations.py, _QUEUE_SUPERSEDED and _QUEUE_COVERED):
--   superseded = a later permit of the same holder expires after this one;
--   covered    = a renewal file of this permit was closed by a decision, or has a live
--                (not annulled) annex 49, 50 or 51 in the register.
-- Triggers keep both as permits, documents and files change, so every writer (counter,
-- import, migrate-to) keeps them right without knowing of them. The meaning is written once,
-- in the two refresh functions; the triggers only say whose flags to refresh. Inserts and
-- deletes are handled per statement (one refresh for a whole bulk import); updates per row,
-- since PostgreSQL gives no transition table to a trigger on named columns.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

-- Rows whose flag already has its value are left alone: no new row version for nothing.
CREATE FUNCTION refresh_superseded(p_holders bigint[]) RETURNS void
LANGUAGE sql SET search_path = permitdesk, pg_temp AS $$
    UPDATE permits p SET superseded = s.flag
    FROM (
        SELECT q.id, (EXISTS (
            SELECT 1 FROM permits later
            WHERE later.holder_id = q.holder_id AND later.expiry > q.expiry))::int AS flag
        FROM permits q WHERE q.holder_id = ANY (p_holders)
    ) s
    WHERE p.id = s.id AND p.superseded <> s.flag;
$$;

CREATE FUNCTION refresh_covered(p_permits bigint[]) RETURNS void
LANGUAGE sql SET search_path = permitdesk, pg_temp AS $$
    UPDATE permits p SET covered = s.flag
    FROM (
        SELECT q.id, (EXISTS (
            SELECT 1 FROM renewal_files f WHERE f.permit_id = q.id AND (
                (f.state = 'closed' AND f.decision_taken = 1)
                OR EXISTS (SELECT 1 FROM documents d WHERE d.file_id = f.id
                           AND d.annex IN ('49', '50', '51') AND d.annulled_on IS NULL))))::int
            AS flag
        FROM permits q WHERE q.id = ANY (p_permits)
    ) s
    WHERE p.id = s.id AND p.covered <> s.flag;
$$;

-- Insert and delete, per statement: the rows are in the transition table changed_rows.
CREATE FUNCTION permits_queue_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM refresh_superseded(ARRAY(SELECT DISTINCT holder_id FROM changed_rows));
    RETURN NULL;
END
$$;

CREATE FUNCTION permits_queue_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM refresh_superseded(ARRAY[NEW.holder_id, OLD.holder_id]);
    RETURN NULL;
END
$$;

CREATE TRIGGER permits_queue_insert AFTER INSERT ON permits
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION permits_queue_rows();
CREATE TRIGGER permits_queue_delete AFTER DELETE ON permits
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION permits_queue_rows();
CREATE TRIGGER permits_queue_update AFTER UPDATE OF holder_id, expiry ON permits
    FOR EACH ROW
    WHEN (OLD.holder_id IS DISTINCT FROM NEW.holder_id OR OLD.expiry IS DISTINCT FROM NEW.expiry)
    EXECUTE FUNCTION permits_queue_update();

CREATE FUNCTION documents_queue_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM refresh_covered(ARRAY(
        SELECT DISTINCT f.permit_id FROM renewal_files f
        WHERE f.id IN (SELECT file_id FROM changed_rows) AND f.permit_id IS NOT NULL));
    RETURN NULL;
END
$$;

CREATE FUNCTION documents_queue_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM refresh_covered(ARRAY(
        SELECT f.permit_id FROM renewal_files f
        WHERE f.id IN (NEW.file_id, OLD.file_id) AND f.permit_id IS NOT NULL));
    RETURN NULL;
END
$$;

CREATE TRIGGER documents_queue_insert AFTER INSERT ON documents
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_queue_rows();
CREATE TRIGGER documents_queue_delete AFTER DELETE ON documents
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION documents_queue_rows();
CREATE TRIGGER documents_queue_update AFTER UPDATE OF annulled_on, file_id, annex ON documents
    FOR EACH ROW
    WHEN (OLD.annulled_on IS DISTINCT FROM NEW.annulled_on
          OR OLD.file_id IS DISTINCT FROM NEW.file_id OR OLD.annex IS DISTINCT FROM NEW.annex)
    EXECUTE FUNCTION documents_queue_update();

CREATE FUNCTION files_queue_rows() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM refresh_covered(ARRAY(
        SELECT DISTINCT permit_id FROM changed_rows WHERE permit_id IS NOT NULL));
    RETURN NULL;
END
$$;

CREATE FUNCTION files_queue_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM refresh_covered(ARRAY[NEW.permit_id, OLD.permit_id]);
    RETURN NULL;
END
$$;

CREATE TRIGGER files_queue_insert AFTER INSERT ON renewal_files
    REFERENCING NEW TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION files_queue_rows();
CREATE TRIGGER files_queue_delete AFTER DELETE ON renewal_files
    REFERENCING OLD TABLE AS changed_rows
    FOR EACH STATEMENT EXECUTE FUNCTION files_queue_rows();
CREATE TRIGGER files_queue_update AFTER UPDATE OF state, decision_taken, permit_id
    ON renewal_files
    FOR EACH ROW
    WHEN (OLD.state IS DISTINCT FROM NEW.state
          OR OLD.decision_taken IS DISTINCT FROM NEW.decision_taken
          OR OLD.permit_id IS DISTINCT FROM NEW.permit_id)
    EXECUTE FUNCTION files_queue_update();
