-- Migration 0012: the server signs in the counter's staff and checks, in each account and
-- settings function, the role of whoever signed in (issue 15, point 3). Until now a
-- counter's role read every password hash (to crack them at leisure), reset anyone's
-- password, unlocked any account and wrote any setting, the lock-out policy included: the
-- app's own checks were all that stood in the way of a clerk with a Python prompt.
--
-- Signing in. password_salt(name) gives the public part of an account's hash (scheme,
-- parameters and salt: 'scrypt$n=..,r=..,p=..$<salt>'); for a name that is no account's, a
-- decoy of the same shape whose salt is derived from the name with a key only the server
-- reads, so that it is the same at every ask and tells nothing. The client derives the
-- scrypt key from the typed password and that salt (app.domain.passwords), and sign_in(name,
-- key, at) compares it with the stored one, applies the lock-out (the settings'
-- lockout_attempts and lockout_minutes, with app.services.auth's bounds and defaults, on the
-- server's clock), writes the audit row ('login', or 'login_failed' with the reason, as
-- app.store.signing_in does on a file) and answers 'ok' with a session token, or 'invalid'
-- (unknown name, wrong password, locked: the same answer) or 'disabled' (the right
-- password). The token is 32 random bytes in hex; the server keeps only its SHA-256, with
-- the account and an expiry, in permitdesk_private.sessions.
--
-- Guarded functions take the token first. A session acts with its account's name (the audit
-- rows say who signed in, whatever the client sends) and its role as it is now (a role taken
-- away or an account disabled counts at once). Without a token only IT's logins may act, a
-- member of permitdesk_admin or permitdesk_owner: the command line (init, user add), and
-- the first administrator of a new register. Refusals: 28000 (invalid_authorization_specification) for a token that is not a
-- live session's, 42501 (insufficient_privilege) for a role that may not.
--
-- A counter's role no longer reads accounts.password_hash (column grants), no longer
-- writes settings or assets (write_setting, write_asset do, for a supervisor's or an
-- administrator's session), and record_login_failure / record_login_success are gone: the
-- lock-out is sign_in's alone, and a password set anew unlocks its account.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

REVOKE SELECT ON accounts FROM permitdesk_counter;
GRANT SELECT (id, name, role, disabled, failed_attempts, locked_until, created_at,
    password_changed_at) ON accounts TO permitdesk_counter;
REVOKE INSERT, UPDATE ON settings, assets FROM permitdesk_counter;

DROP FUNCTION record_login_failure(bigint, text);
DROP FUNCTION record_login_success(bigint);
DROP FUNCTION create_account(text, text, text, text, text, jsonb);
DROP FUNCTION set_account_role(bigint, text, text, text, jsonb);
DROP FUNCTION set_account_disabled(bigint, boolean, text, text, jsonb);
DROP FUNCTION set_account_password(bigint, text, text, text, jsonb);

-- The key of the decoy salts (one row).
CREATE TABLE permitdesk_private.sign_in_key (
    only_row BOOLEAN PRIMARY KEY DEFAULT true CHECK (only_row),
    secret BYTEA NOT NULL
);
INSERT INTO permitdesk_private.sign_in_key (secret) VALUES (permitdesk.gen_random_bytes(32));

CREATE TABLE permitdesk_private.sessions (
    digest BYTEA PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    expires_at TIMESTAMPTZ NOT NULL
);

-- How long a sign-in lasts: a working day; the lock screen's unlock signs in anew.
CREATE FUNCTION permitdesk_private.session_hours() RETURNS integer
LANGUAGE sql IMMUTABLE AS $$ SELECT 12 $$;

-- The rows only the server writes: those of migration 0003, and now the sign-ins.
CREATE OR REPLACE FUNCTION permitdesk_private.audit_log_reserved() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    IF ((NEW.entity = 'document' AND NEW.action IN ('issue', 'extend', 'annul', 'reprint'))
            OR (NEW.entity = 'account'
                AND NEW.action IN ('create', 'change', 'disable', 'enable', 'change_password',
                                   'login', 'login_failed'))
            OR (NEW.entity = 'register' AND NEW.action = 'redact'))
            AND NOT pg_has_role(current_user, 'permitdesk_owner', 'USAGE') THEN
        RAISE EXCEPTION 'the audit row % % is written by the server''s functions only',
            NEW.entity, NEW.action;
    END IF;
    RETURN NEW;
END
$$;

-- A whole number setting within its bounds, else its default (app.services.auth's
-- lockout_policy reads the same way).
CREATE FUNCTION permitdesk_private.setting_int(
    p_key text, p_default integer, p_least integer, p_most integer
) RETURNS integer
LANGUAGE plpgsql STABLE SET search_path = permitdesk, pg_temp AS $$
DECLARE
    stored text;
BEGIN
    SELECT value INTO stored FROM settings WHERE key = p_key;
    IF stored IS NULL OR stored !~ '^[0-9]{1,9}$' OR stored::integer NOT BETWEEN p_least AND p_most
    THEN
        RETURN p_default;
    END IF;
    RETURN stored::integer;
END
$$;

-- ISO 8601 in UTC, as Python's datetime.isoformat() writes it on a file.
CREATE FUNCTION permitdesk_private.iso_utc(p_moment timestamptz) RETURNS text
LANGUAGE sql STABLE SET search_path = permitdesk, pg_temp AS $$
    SELECT to_char(p_moment AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"+00:00"');
$$;

CREATE FUNCTION permitdesk_private.decoy_salt(p_name text) RETURNS text
LANGUAGE sql STABLE SET search_path = permitdesk, pg_temp AS $$
    SELECT 'scrypt$'
        || coalesce((SELECT split_part(password_hash, '$', 2) FROM accounts
                     WHERE password_hash ~ '^scrypt\$n=[0-9]+,r=[0-9]+,p=[0-9]+\$'
                     GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1), 'n=131072,r=8,p=1')
        || '$' || encode(substr(hmac(convert_to(lower(p_name), 'UTF8'), k.secret, 'sha256'),
                                1, 16), 'base64')
    FROM permitdesk_private.sign_in_key k;
$$;

-- The decoy is made for every name, so that a real one takes the same steps.
CREATE FUNCTION password_salt(p_name text) RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    decoy text := permitdesk_private.decoy_salt(p_name);
    stored text;
BEGIN
    SELECT password_hash INTO stored FROM accounts WHERE lower(name) = lower(p_name);
    IF stored ~ '^scrypt\$[^$]+\$[^$]+\$[^$]+$' THEN
        RETURN regexp_replace(stored, '\$[^$]+$', '');
    END IF;
    RETURN decoy;
END
$$;

-- The key of a stored hash, or of a decoy for none: compared as keyed digests, so that
-- the time the comparison takes says nothing of where the bytes differ.
CREATE FUNCTION permitdesk_private.key_matches(p_stored text, p_key text) RETURNS boolean
LANGUAGE plpgsql STABLE SET search_path = permitdesk, pg_temp AS $$
DECLARE
    secret bytea := (SELECT k.secret FROM permitdesk_private.sign_in_key k);
    stored text := split_part(coalesce(p_stored, ''), '$', 4);
BEGIN
    RETURN hmac(convert_to(coalesce(p_key, ''), 'UTF8'), secret, 'sha256')
        = hmac(convert_to(stored, 'UTF8'), secret, 'sha256') AND stored <> '';
END
$$;

CREATE FUNCTION permitdesk_private.refuse_sign_in(
    p_at text, p_account accounts, p_reason text
) RETURNS void
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM permitdesk_private.audit_account(p_at, coalesce(p_account.name, '(unknown)'),
        'login_failed', p_account.id, jsonb_build_object('reason', p_reason));
END
$$;

-- A wrong key: one more failed attempt, or the account locks and the count starts again.
CREATE FUNCTION permitdesk_private.count_failure(p_account accounts) RETURNS void
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
DECLARE
    attempts integer := permitdesk_private.setting_int('lockout_attempts', 5, 3, 20);
    minutes integer := permitdesk_private.setting_int('lockout_minutes', 15, 1, 1440);
BEGIN
    IF p_account.failed_attempts + 1 >= attempts THEN
        UPDATE accounts SET failed_attempts = 0,
            locked_until = permitdesk_private.iso_utc(now() + make_interval(mins => minutes))
        WHERE id = p_account.id;
    ELSE
        UPDATE accounts SET failed_attempts = failed_attempts + 1 WHERE id = p_account.id;
    END IF;
END
$$;

CREATE FUNCTION permitdesk_private.open_session(p_account_id bigint) RETURNS text
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
DECLARE
    raw bytea := permitdesk.gen_random_bytes(32);
BEGIN
    DELETE FROM permitdesk_private.sessions WHERE expires_at <= now();
    INSERT INTO permitdesk_private.sessions (digest, account_id, expires_at)
    VALUES (sha256(raw), p_account_id,
            now() + make_interval(hours => permitdesk_private.session_hours()));
    RETURN encode(raw, 'hex');
END
$$;

CREATE FUNCTION sign_in(
    p_name text, p_key text, p_at text, OUT outcome text, OUT token text, OUT account_id bigint
)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    account accounts;
    matches boolean;
BEGIN
    PERFORM permitdesk_private.take_chain_head();
    SELECT * INTO account FROM accounts WHERE lower(name) = lower(p_name) FOR UPDATE;
    matches := permitdesk_private.key_matches(
        coalesce(account.password_hash, permitdesk_private.decoy_salt(p_name) || '$'), p_key);
    outcome := 'invalid';
    IF account.id IS NULL THEN
        PERFORM permitdesk_private.refuse_sign_in(p_at, account, 'unknown');
    ELSIF account.locked_until IS NOT NULL AND account.locked_until::timestamptz > now() THEN
        PERFORM permitdesk_private.refuse_sign_in(p_at, account, 'locked');
    ELSIF NOT matches THEN
        PERFORM permitdesk_private.count_failure(account);
        PERFORM permitdesk_private.refuse_sign_in(p_at, account, 'invalid');
    ELSIF account.disabled <> 0 THEN
        outcome := 'disabled';
        PERFORM permitdesk_private.refuse_sign_in(p_at, account, 'disabled');
    ELSE
        UPDATE accounts SET failed_attempts = 0, locked_until = NULL WHERE id = account.id;
        PERFORM permitdesk_private.audit_account(p_at, account.name, 'login', account.id, '{}');
        outcome := 'ok';
        token := permitdesk_private.open_session(account.id);
        account_id := account.id;
    END IF;
END
$$;

CREATE FUNCTION sign_out(p_token text) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
    DELETE FROM permitdesk_private.sessions
    WHERE p_token ~ '^[0-9a-f]{64}$' AND digest = sha256(decode(p_token, 'hex'));
$$;

-- The account of a live session, or 28000.
CREATE FUNCTION permitdesk_private.session_account(p_token text) RETURNS accounts
LANGUAGE plpgsql STABLE SET search_path = permitdesk, pg_temp AS $$
DECLARE
    found_account accounts;
BEGIN
    IF p_token ~ '^[0-9a-f]{64}$' THEN
        SELECT a.* INTO found_account
        FROM permitdesk_private.sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.digest = sha256(decode(p_token, 'hex')) AND s.expires_at > now()
            AND a.disabled = 0;
    END IF;
    IF found_account.id IS NULL THEN
        RAISE EXCEPTION 'this sign-in is not valid any more (signed out, expired or never '
            'made); sign in again' USING ERRCODE = 'invalid_authorization_specification';
    END IF;
    RETURN found_account;
END
$$;

-- Who the audit rows name for an action that needs p_role (or is about one's own account,
-- p_own): the session's account; without a token, IT's login (a member of permitdesk_admin,
-- or of permitdesk_owner: permitdesk init), named by the caller (p_by).
CREATE FUNCTION permitdesk_private.acting(
    p_token text, p_role text, p_by text, p_own bigint DEFAULT NULL
) RETURNS text
LANGUAGE plpgsql STABLE SET search_path = permitdesk, pg_temp AS $$
DECLARE
    ranks CONSTANT text[] := ARRAY['clerk', 'supervisor', 'administrator'];
    account accounts;
BEGIN
    IF p_token IS NULL THEN
        IF NOT (pg_has_role(session_user, 'permitdesk_admin', 'MEMBER')
                OR pg_has_role(session_user, 'permitdesk_owner', 'MEMBER')) THEN
            RAISE EXCEPTION 'this needs an administrator''s login or a signed-in account'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN p_by;
    END IF;
    account := permitdesk_private.session_account(p_token);
    IF account.id IS DISTINCT FROM p_own
            AND array_position(ranks, account.role) < array_position(ranks, p_role) THEN
        RAISE EXCEPTION 'this needs a % account (% is a %)', p_role, account.name, account.role
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN account.name;
END
$$;

CREATE FUNCTION create_account(
    p_token text, p_name text, p_role text, p_password_hash text, p_by text, p_at text,
    p_detail jsonb
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    by_name text := permitdesk_private.acting(p_token, 'administrator', p_by);
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
    PERFORM permitdesk_private.audit_account(p_at, by_name, 'create', new_id, p_detail);
    RETURN new_id;
END
$$;

CREATE FUNCTION set_account_role(
    p_token text, p_id bigint, p_role text, p_by text, p_at text, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    by_name text := permitdesk_private.acting(p_token, 'administrator', p_by);
    account accounts;
BEGIN
    PERFORM permitdesk_private.take_chain_head();
    account := permitdesk_private.account_for_update(p_id);
    IF p_role IS DISTINCT FROM 'administrator' THEN
        PERFORM permitdesk_private.keep_an_administrator(account);
    END IF;
    UPDATE accounts SET role = p_role WHERE id = p_id;
    PERFORM permitdesk_private.audit_account(p_at, by_name, 'change', p_id, p_detail);
END
$$;

CREATE FUNCTION set_account_disabled(
    p_token text, p_id bigint, p_disabled boolean, p_by text, p_at text, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    by_name text := permitdesk_private.acting(p_token, 'administrator', p_by);
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
    PERFORM permitdesk_private.audit_account(p_at, by_name,
        CASE WHEN p_disabled THEN 'disable' ELSE 'enable' END, p_id, p_detail);
END
$$;

-- One's own password, or anyone's for an administrator; the account is unlocked with it.
CREATE FUNCTION set_account_password(
    p_token text, p_id bigint, p_hash text, p_by text, p_at text, p_detail jsonb
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    by_name text := permitdesk_private.acting(p_token, 'administrator', p_by, p_id);
BEGIN
    IF coalesce(p_hash, '') !~ '^scrypt\$[^$]+\$[^$]+\$[^$]+$' THEN
        RAISE EXCEPTION 'a password change needs the new hash';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    PERFORM permitdesk_private.account_for_update(p_id);
    UPDATE accounts SET password_hash = p_hash, password_changed_at = p_at,
        failed_attempts = 0, locked_until = NULL
    WHERE id = p_id;
    PERFORM permitdesk_private.audit_account(p_at, by_name, 'change_password', p_id, p_detail);
END
$$;

-- The checklists are a supervisor's to edit (app.services.settings), every other setting
-- an administrator's.
CREATE FUNCTION write_setting(p_token text, p_key text, p_value text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM permitdesk_private.acting(p_token,
        CASE WHEN p_key = 'checklists' THEN 'supervisor' ELSE 'administrator' END, NULL);
    INSERT INTO settings (key, value) VALUES (p_key, p_value)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
END
$$;

CREATE FUNCTION write_asset(p_token text, p_name text, p_data bytea) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
BEGIN
    PERFORM permitdesk_private.acting(p_token, 'administrator', NULL);
    INSERT INTO assets (name, data) VALUES (p_name, p_data)
    ON CONFLICT (name) DO UPDATE SET data = excluded.data;
END
$$;

GRANT EXECUTE ON FUNCTION
    password_salt(text),
    sign_in(text, text, text),
    sign_out(text),
    create_account(text, text, text, text, text, text, jsonb),
    set_account_role(text, bigint, text, text, text, jsonb),
    set_account_disabled(text, bigint, boolean, text, text, jsonb),
    set_account_password(text, bigint, text, text, text, jsonb),
    write_setting(text, text, text),
    write_asset(text, text, bytea)
TO permitdesk_counter;
