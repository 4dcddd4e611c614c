-- Migration 0006: what the counters and the administrators may do. Functions are executable
-- by nobody unless granted here (the default privileges of migration 0001); the schema
-- permitdesk_private (the chain's key and head, the helpers) is the owner's alone.
--
-- A counter reads everything in permitdesk, writes the working data (holders, permits,
-- family, files and their events, transmissions, settings, assets) and appends to the audit
-- log the data columns only (id, prev_hash and hash are the server's). It never writes
-- documents, their versions and copies, the register's counters or the accounts: the
-- functions of migrations 0004 and 0005 do, with their audit rows.
-- permitdesk_admin is a member of permitdesk_counter (migration 0001), and may also call the
-- functions that create accounts and change their role or disabled state.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

GRANT USAGE ON SCHEMA permitdesk TO permitdesk_counter, permitdesk_admin;

GRANT SELECT ON ALL TABLES IN SCHEMA permitdesk TO permitdesk_counter;
GRANT INSERT, UPDATE ON holders, permits, family_members, renewal_files, file_family_members,
    file_events, transmissions, settings, assets TO permitdesk_counter;
GRANT DELETE ON renewal_files, file_family_members, file_events TO permitdesk_counter;
-- Ids drawn ahead for bulk writes (an import, the demo: app.store.postgres.store._new_ids).
GRANT USAGE ON SEQUENCE holders_id_seq, permits_id_seq TO permitdesk_counter;
GRANT INSERT (at, "user", action, entity, entity_id, detail) ON audit_log TO permitdesk_counter;

-- Called by the queue triggers of migration 0002, which run as whoever writes.
GRANT EXECUTE ON FUNCTION refresh_superseded(bigint[]), refresh_covered(bigint[])
    TO permitdesk_counter;

GRANT EXECUTE ON FUNCTION
    audit_chain_problems(),
    next_register_number(text, integer),
    record_issue(jsonb, bytea, jsonb),
    record_extension(bigint, text, text, bytea, text, text),
    annul_document(bigint, text, text, text, text),
    record_copy(bigint, integer, text, text, text, text, text),
    set_account_password(bigint, text, text, text, jsonb),
    record_login_failure(bigint, text),
    record_login_success(bigint)
TO permitdesk_counter;

GRANT EXECUTE ON FUNCTION
    create_account(text, text, text, text, text, jsonb),
    set_account_role(bigint, text, text, text, jsonb),
    set_account_disabled(bigint, boolean, text, text, jsonb)
TO permitdesk_admin;
