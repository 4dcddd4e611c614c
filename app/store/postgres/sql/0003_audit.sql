-- Migration 0003: the audit log as the server keeps it: append-only, and hash-chained with a
-- key that only the owner can read.
--
-- The chain. Each row's hash is hex(HMAC-SHA-256(key, prev_hash || canonical row)), where
-- the canonical row is the JSON object of the row's id, at, user, action, entity, entity_id
-- and detail (detail as its text, entity_id a number or null), keys sorted, no spaces, the
-- strings escaped as JSON and everything else left as UTF-8: byte for byte what
-- app.store.audit.chain_hash() computes in Python (json.dumps with sort_keys=True,
-- separators=(",", ":"), ensure_ascii=False), so a chain copied out with its key can be
-- checked by either. The BEFORE INSERT trigger assigns id, prev_hash and hash whatever the
-- client sent, under the chain head's row lock, held until the transaction ends: the rows
-- are numbered 1, 2, 3 ... in the order their transactions commit, and each links to the
-- one before.
--
-- The head (permitdesk_private.chain_head) names the last row the server chained: a log
-- that ends before it lost rows, one that goes past it got rows around the trigger.
-- audit_chain_problems() re-computes everything and says what it found, one sentence a
-- problem, in the words of app.store.audit.problems().
--
-- Who may write what: counters may INSERT the data columns only (migration 0006); nobody may
-- UPDATE, DELETE or TRUNCATE, the owner included (the triggers below; only the owner or a
-- superuser can switch them off, and audit_chain_problems() reports a switched-off guard). The rows that
-- vouch for the register and the accounts are written only by the SECURITY DEFINER functions
-- of migrations 0004 and 0005: audit_log_reserved refuses them from anyone else.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

-- One row each (the boolean primary key can only be true).
CREATE TABLE permitdesk_private.chain_key (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    secret BYTEA NOT NULL
);
INSERT INTO permitdesk_private.chain_key (secret) VALUES (permitdesk.gen_random_bytes(32));

CREATE TABLE permitdesk_private.chain_head (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    last_id BIGINT NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO permitdesk_private.chain_head (last_id, last_hash) VALUES (0, '');

CREATE FUNCTION permitdesk_private.audit_canonical(
    p_id bigint, p_at text, p_user text, p_action text, p_entity text, p_entity_id bigint,
    p_detail text
) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = permitdesk, pg_temp AS $$
    SELECT '{"action":' || coalesce(to_json(p_action)::text, 'null')
        || ',"at":' || coalesce(to_json(p_at)::text, 'null')
        || ',"detail":' || coalesce(to_json(p_detail)::text, 'null')
        || ',"entity":' || coalesce(to_json(p_entity)::text, 'null')
        || ',"entity_id":' || coalesce(p_entity_id::text, 'null')
        || ',"id":' || coalesce(p_id::text, 'null')
        || ',"user":' || coalesce(to_json(p_user)::text, 'null')
        || '}';
$$;

CREATE FUNCTION permitdesk_private.audit_hash(p_key bytea, p_previous text, p_canonical text)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = permitdesk, pg_temp AS $$
    SELECT encode(permitdesk.hmac(convert_to(p_previous || p_canonical, 'UTF8'), p_key,
                                  'sha256'), 'hex');
$$;

-- The rows that only the server's own functions write: the (entity, action) pairs below.
-- Runs as whoever inserts (not SECURITY DEFINER), so current_user tells a row written by a
-- function of the owner from one a counter sent itself; for that reason it calls nothing a
-- counter may not execute. Fires before audit_log_seal (triggers fire in the order of their
-- names), so a refused row takes no lock.
CREATE FUNCTION permitdesk_private.audit_log_reserved() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    IF ((NEW.entity = 'document' AND NEW.action IN ('issue', 'extend', 'annul', 'reprint'))
            OR (NEW.entity = 'account'
                AND NEW.action IN ('create', 'change', 'disable', 'enable', 'change_password'))
            OR (NEW.entity = 'register' AND NEW.action = 'redact'))
            AND NOT pg_has_role(current_user, 'permitdesk_owner', 'USAGE') THEN
        RAISE EXCEPTION 'the audit row % % is written by the server''s functions only',
            NEW.entity, NEW.action;
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION permitdesk_private.audit_log_seal() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    head permitdesk_private.chain_head;
    key bytea;
BEGIN
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

CREATE FUNCTION permitdesk_private.audit_log_append_only() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END
$$;

CREATE TRIGGER audit_log_reserved BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION permitdesk_private.audit_log_reserved();
CREATE TRIGGER audit_log_seal BEFORE INSERT ON audit_log
    FOR EACH ROW EXECUTE FUNCTION permitdesk_private.audit_log_seal();
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION permitdesk_private.audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION permitdesk_private.audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION permitdesk_private.audit_log_append_only();

-- Every row whose link or hash does not follow (each row is checked against the stored hash
-- of the row before it, so a changed row is named alone, a removed one by its successor),
-- then the last row against the head, then the guards. Empty when all is sound.
CREATE FUNCTION audit_chain_problems() RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    key bytea;
    head permitdesk_private.chain_head;
    entry record;
    previous text := '';
    last_id bigint := 0;
    guard text;
    state "char";
    unguarded text[] := '{}';
BEGIN
    SELECT secret INTO key FROM permitdesk_private.chain_key;
    IF key IS NULL THEN
        RETURN NEXT 'the audit chain''s key is missing: the chain cannot be checked';
        RETURN;
    END IF;
    FOR entry IN
        SELECT id, at, "user", action, entity, entity_id, detail, prev_hash, hash
        FROM audit_log ORDER BY id
    LOOP
        IF entry.prev_hash IS DISTINCT FROM previous
                OR entry.hash IS DISTINCT FROM permitdesk_private.audit_hash(key, previous,
                    permitdesk_private.audit_canonical(entry.id, entry.at, entry."user",
                        entry.action, entry.entity, entry.entity_id, entry.detail)) THEN
            RETURN NEXT format(
                'audit log: the chain breaks at row %s (changed, removed or inserted)', entry.id);
        END IF;
        previous := entry.hash;
        last_id := entry.id;
    END LOOP;
    SELECT * INTO head FROM permitdesk_private.chain_head;
    IF head.last_id IS NULL THEN
        RETURN NEXT 'the audit chain''s head is missing: the log cannot be vouched for';
    ELSIF head.last_id > last_id THEN
        RETURN NEXT format(
            'audit log ends before its recorded head (row %s): rows were removed',
            head.last_id);
    ELSIF head.last_id < last_id THEN
        RETURN NEXT format(
            'audit log goes on %s rows past its recorded head (row %s): rows were added '
            'around PermitDesk', last_id - head.last_id, head.last_id);
    ELSIF head.last_hash IS DISTINCT FROM previous THEN
        RETURN NEXT format(
            'audit row %s does not match its recorded head: the log was rewritten', last_id);
    END IF;
    FOREACH guard IN ARRAY ARRAY['audit_log_reserved', 'audit_log_seal', 'audit_log_no_update',
                                 'audit_log_no_delete', 'audit_log_no_truncate']
    LOOP
        SELECT t.tgenabled INTO state FROM pg_trigger t
        WHERE t.tgrelid = 'permitdesk.audit_log'::regclass AND t.tgname = guard;
        IF NOT FOUND THEN
            unguarded := unguarded || (guard || ' missing');
        ELSIF state = 'D' THEN
            unguarded := unguarded || (guard || ' disabled');
        END IF;
    END LOOP;
    IF cardinality(unguarded) > 0 THEN
        RETURN NEXT format('audit log is no longer append-only (%s)',
                           array_to_string(unguarded, ', '));
    END IF;
END
$$;
