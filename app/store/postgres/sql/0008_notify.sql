-- Migration 0008: the counters see each other's work. Each statement that changes the
-- working data or the register notifies the channel permitdesk_changes with the table's
-- name; the server delivers it at commit (never for a rollback) to every counter that
-- listens (app.store.postgres.store.PostgresStore.changes_elsewhere), and folds identical
-- notifications of one transaction into one, so that an import of 100,000 holders sends
-- one "holders", not 100,000. Runs as whoever writes: pg_notify needs no privilege.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

CREATE FUNCTION notify_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM pg_notify('permitdesk_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER holders_notify AFTER INSERT OR UPDATE OR DELETE ON holders
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER permits_notify AFTER INSERT OR UPDATE OR DELETE ON permits
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER family_members_notify AFTER INSERT OR UPDATE OR DELETE ON family_members
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER renewal_files_notify AFTER INSERT OR UPDATE OR DELETE ON renewal_files
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER file_events_notify AFTER INSERT OR UPDATE OR DELETE ON file_events
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER documents_notify AFTER INSERT OR UPDATE OR DELETE ON documents
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER transmissions_notify AFTER INSERT OR UPDATE OR DELETE ON transmissions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
CREATE TRIGGER settings_notify AFTER INSERT OR UPDATE OR DELETE ON settings
    FOR EACH STATEMENT EXECUTE FUNCTION notify_change();
