-- Migration 0009: each audit row says which counter wrote it. A counter's connection names
-- its workstation (the machine configuration's counter_name) in the session setting
-- permitdesk.counter (app.store.postgres.connection.connect); the sealing trigger of
-- migration 0003 now adds it to the row's detail before the row is hashed, so the server's
-- own functions' rows (issue, annul, accounts) carry it too. A connection that names none
-- (IT's, a migration) writes its rows as they come.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

CREATE OR REPLACE FUNCTION permitdesk_private.audit_log_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    head permitdesk_private.chain_head;
    key bytea;
    counter text := current_setting('permitdesk.counter', true);
BEGIN
    IF coalesce(counter, '') <> '' AND NOT (NEW.detail::jsonb ? 'counter') THEN
        NEW.detail := (NEW.detail::jsonb || jsonb_build_object('counter', counter))::text;
    END IF;
    SELECT * INTO STRICT head FROM permitdesk_private.chain_head FOR UPDATE;
    SELECT secret INTO STRICT key FROM permitdesk_private.chain_key;
    NEW.id := head.last_id + 1;
    NEW.prev_hash := head.last_hash;
    NEW.hash := permitdesk_private.audit_hash(key, NEW.prev_hash,
        permitdesk_private.audit_canonical(NEW.id, NEW.at, NEW."user", NEW.action, NEW.entity,
                                           NEW.entity_id, NEW.detail));
    UPDATE permitdesk_private.chain_head SET last_id = NEW.id, last_hash = NEW.hash;
    RETURN NEW;
END
$$;
