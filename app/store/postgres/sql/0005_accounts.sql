-- Migration 0005: the accounts' functions. Nobody but the owner writes the accounts table
-- (migration 0006); creating an account and changing its role or its disabled state is for
-- permitdesk_admin only, a password and the sign-in's lock-out count for any counter. Each
-- change but the lock-out count writes its audit row in the caller's transaction, with the
-- action names of app/services/auth.py: 'create', 'change' (a role), 'disable' / 'enable',
-- 'change_password'; entity 'account', the account's id, "user" = p_by, detail = p_detail
-- (the caller's, as on SQLite).
--
-- Locks: the audit chain's head first, as in migration 0004. Refusals raise P0001 with a
-- sentence, P0002 for an account that does not exist, 23505 (unique_violation) for a name
-- that is taken.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

CREATE FUNCTION permitdesk_private.audit_account(
    p_at text, p_user text, p_action text, p_id bigint, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    IF jsonb_typeof(coalesce(p_detail, '{}')) <> 'object' THEN
        RAISE EXCEPTION 'an account''s audit detail is a JSON object';
    END IF;
    INSERT INTO audit_log (at, "user", action, entity, entity_id, detail)
    VALUES (p_at, p_user, p_action, 'account', p_id, coalesce(p_detail, '{}')::text);
END
$$;

-- The account locked for a change, or P0002.
CREATE FUNCTION permitdesk_private.account_for_update(p_id bigint) RETURNS accounts
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
DECLARE
    found_account accounts;
BEGIN
    SELECT * INTO found_account FROM accounts WHERE id = p_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no account with id %', p_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN found_account;
END
$$;

-- As app.services.auth: the last enabled administrator keeps the role and stays enabled,
-- or nobody could manage the accounts any more.
CREATE FUNCTION permitdesk_private.keep_an_administrator(p_account accounts) RETURNS void
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    IF p_account.role = 'administrator' AND p_account.disabled = 0 AND NOT EXISTS (
            SELECT 1 FROM accounts WHERE role = 'administrator' AND disabled = 0
            AND id <> p_account.id) THEN
        RAISE EXCEPTION '% is the last administrator; name another one first', p_account.name;
    END IF;
END
$$;

CREATE FUNCTION create_account(
    p_name text, p_role text, p_password_hash text, p_by text, p_at text, p_detail jsonb
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    new_id bigint;
BEGIN
    IF btrim(coalesce(p_name, '')) = '' OR coalesce(p_password_hash, '') = '' THEN
        RAISE EXCEPTION 'an account needs a name and a password hash';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    IF EXISTS (SELECT 1 FROM accounts WHERE lower(name) = lower(p_name)) THEN
        RAISE EXCEPTION 'an account named % exists already', p_name
            USING ERRCODE = 'unique_violation';
    END IF;
    INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at)
    VALUES (p_name, p_role, p_password_hash, p_at, p_at)
    RETURNING id INTO new_id;
    PERFORM permitdesk_private.audit_account(p_at, p_by, 'create', new_id, p_detail);
    RETURN new_id;
END
$$;

CREATE FUNCTION set_account_role(
    p_id bigint, p_role text, p_by text, p_at text, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    account accounts;
BEGIN
    PERFORM permitdesk_private.take_chain_head();
    account := permitdesk_private.account_for_update(p_id);
    IF p_role IS DISTINCT FROM 'administrator' THEN
        PERFORM permitdesk_private.keep_an_administrator(account);
    END IF;
    UPDATE accounts SET role = p_role WHERE id = p_id;
    PERFORM permitdesk_private.audit_account(p_at, p_by, 'change', p_id, p_detail);
END
$$;

CREATE FUNCTION set_account_disabled(
    p_id bigint, p_disabled boolean, p_by text, p_at text, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    account accounts;
BEGIN
    IF p_disabled IS NULL THEN
        RAISE EXCEPTION 'set_account_disabled needs true or false';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    account := permitdesk_private.account_for_update(p_id);
    IF p_disabled THEN
        PERFORM permitdesk_private.keep_an_administrator(account);
    END IF;
    UPDATE accounts SET disabled = p_disabled::integer WHERE id = p_id;
    PERFORM permitdesk_private.audit_account(p_at, p_by,
        CASE WHEN p_disabled THEN 'disable' ELSE 'enable' END, p_id, p_detail);
END
$$;

-- The lock-out count is left alone (app.services.auth.change_password resets it with
-- record_login_success, a rehash at sign-in does not).
CREATE FUNCTION set_account_password(
    p_id bigint, p_hash text, p_by text, p_at text, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
BEGIN
    IF coalesce(p_hash, '') = '' THEN
        RAISE EXCEPTION 'a password change needs the new hash';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    PERFORM permitdesk_private.account_for_update(p_id);
    UPDATE accounts SET password_hash = p_hash, password_changed_at = p_at WHERE id = p_id;
    PERFORM permitdesk_private.audit_account(p_at, p_by, 'change_password', p_id, p_detail);
END
$$;

-- A wrong password: one more failed attempt, or with p_locked_until the account locks and
-- the count starts again (app.store.accounts.record_failure). No audit row: the sign-in
-- writes its own ('login_failed').
CREATE FUNCTION record_login_failure(p_id bigint, p_locked_until text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM permitdesk_private.account_for_update(p_id);
    IF p_locked_until IS NULL THEN
        UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = p_id;
    ELSE
        UPDATE accounts SET failed_attempts = 0, locked_until = p_locked_until WHERE id = p_id;
    END IF;
END
$$;

CREATE FUNCTION record_login_success(p_id bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM permitdesk_private.account_for_update(p_id);
    UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = p_id;
END
$$;
