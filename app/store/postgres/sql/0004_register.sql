-- Migration 0004: the register's functions. A counter has no INSERT, UPDATE or DELETE on
-- documents, document_versions, document_copies or register_counters (migration 0006): it
-- takes a number, issues, extends, annuls and records copies only through these SECURITY
-- DEFINER functions, each of which writes its audit row in the caller's transaction, with
-- the detail app.store.register.Register._audit writes on SQLite (what
-- app.store.chain_checks compares).
--
-- Locks: every function here takes the audit chain's head first (the row the audit trigger
-- locks for each row it chains), then the counter or the document. One order for all, so two
-- counters never wait for each other in a circle; the head is held to the end of the
-- transaction by the audit row anyway.
--
-- Refusals raise SQLSTATE P0001 (raise_exception) with a sentence for the clerk, P0002
-- (no_data_found) for an entry that does not exist.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

CREATE FUNCTION permitdesk_private.take_chain_head() RETURNS void
LANGUAGE sql SET search_path = permitdesk, pg_temp AS $$
    SELECT 1 FROM permitdesk_private.chain_head FOR UPDATE;
$$;

-- RegisterNumber's text (app/domain/model.py): 2026/000123.
CREATE FUNCTION permitdesk_private.register_number(p_year integer, p_sequence integer)
RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = permitdesk, pg_temp AS $$
    SELECT p_year || '/' || lpad(p_sequence::text, greatest(6, length(p_sequence::text)), '0');
$$;

-- The audit row of a register change: detail with the entry's commune and number added.
CREATE FUNCTION permitdesk_private.audit_document(
    p_at text, p_user text, p_action text, p_document documents, p_detail jsonb
) RETURNS void
LANGUAGE sql SET search_path = permitdesk, pg_temp AS $$
    INSERT INTO audit_log (at, "user", action, entity, entity_id, detail)
    VALUES (p_at, p_user, p_action, 'document', p_document.id,
            (p_detail || jsonb_build_object(
                'commune', p_document.commune_nis,
                'number', permitdesk_private.register_number(p_document.year,
                                                             p_document.sequence)))::text);
$$;

-- The entry locked for a change, or P0002.
CREATE FUNCTION permitdesk_private.document_for_update(p_document_id bigint)
RETURNS documents
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
DECLARE
    found_document documents;
BEGIN
    SELECT * INTO found_document FROM documents WHERE id = p_document_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no document with id %', p_document_id USING ERRCODE = 'no_data_found';
    END IF;
    RETURN found_document;
END
$$;

-- The next number of a commune's register for a year, taken in the caller's transaction:
-- the counter row is created or incremented, and stays locked until the transaction ends,
-- so a rollback gives the number back (a sequence would not: no gap this way) and a second
-- counter waits for the first (no double).
CREATE FUNCTION next_register_number(p_commune text, p_year integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    taken integer;
BEGIN
    IF coalesce(p_commune, '') = '' THEN
        RAISE EXCEPTION 'a register number needs the commune''s NIS code';
    END IF;
    IF p_year IS NULL OR p_year NOT BETWEEN 1000 AND 9999 THEN
        RAISE EXCEPTION 'a register number needs a year of four digits, not %', p_year;
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    INSERT INTO register_counters AS c (commune_nis, year, last_sequence)
    VALUES (p_commune, p_year, 1)
    ON CONFLICT (commune_nis, year) DO UPDATE SET last_sequence = c.last_sequence + 1
    RETURNING c.last_sequence INTO taken;
    IF taken > 999999 THEN
        RAISE EXCEPTION 'register % % is full: it has 999999 numbers', p_commune, p_year;
    END IF;
    RETURN taken;
END
$$;

-- A new entry with the number the caller's transaction took, its version 0 (the SHA-256 is
-- the server's), and the audit row 'issue'. p_document holds the documents columns the
-- caller decides (the others start as a new entry's: no extension used, not annulled).
CREATE FUNCTION record_issue(p_document jsonb, p_pdf bytea, p_detail jsonb) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    allowed CONSTANT text[] := ARRAY[
        'commune_nis', 'year', 'sequence', 'annex', 'variant', 'language', 'holder_id',
        'family_member_id', 'file_id', 'issued_on', 'valid_until', 'max_extensions',
        'extension_days', 'issued_by', 'snapshot', 'created_at'];
    unknown text;
    entry documents;
    counter_at integer;
    digest text;
BEGIN
    IF jsonb_typeof(p_document) IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'record_issue needs the document as a JSON object';
    END IF;
    IF jsonb_typeof(coalesce(p_detail, '{}')) <> 'object' THEN
        RAISE EXCEPTION 'record_issue needs the audit detail as a JSON object';
    END IF;
    IF p_pdf IS NULL OR length(p_pdf) = 0 THEN
        RAISE EXCEPTION 'a register entry needs its PDF';
    END IF;
    SELECT string_agg(field, ', ' ORDER BY field) INTO unknown
    FROM jsonb_object_keys(p_document) AS field WHERE field <> ALL (allowed);
    IF unknown IS NOT NULL THEN
        RAISE EXCEPTION 'record_issue does not set %', unknown;
    END IF;
    entry := jsonb_populate_record(NULL::documents, p_document);
    entry.variant := coalesce(entry.variant, '');
    entry.max_extensions := coalesce(entry.max_extensions, 0);
    entry.snapshot := coalesce(entry.snapshot, '{}');

    PERFORM permitdesk_private.take_chain_head();
    SELECT last_sequence INTO counter_at FROM register_counters
    WHERE commune_nis = entry.commune_nis AND year = entry.year FOR UPDATE;
    IF counter_at IS NULL OR entry.sequence IS DISTINCT FROM counter_at THEN
        RAISE EXCEPTION 'register % %: number % was not taken (the counter stands at %)',
            entry.commune_nis, entry.year, entry.sequence, coalesce(counter_at, 0);
    END IF;
    IF EXISTS (SELECT 1 FROM documents WHERE commune_nis = entry.commune_nis
               AND year = entry.year AND sequence = entry.sequence) THEN
        RAISE EXCEPTION 'register %: number % is given already', entry.commune_nis,
            permitdesk_private.register_number(entry.year, entry.sequence);
    END IF;

    INSERT INTO documents (
        commune_nis, year, sequence, annex, variant, language, holder_id, family_member_id,
        file_id, issued_on, valid_until, max_extensions, extension_days, extensions_used,
        issued_by, snapshot, annulled_on, annulled_reason, annulled_by, created_at)
    VALUES (
        entry.commune_nis, entry.year, entry.sequence, entry.annex, entry.variant,
        entry.language, entry.holder_id, entry.family_member_id, entry.file_id,
        entry.issued_on, entry.valid_until, entry.max_extensions, entry.extension_days, 0,
        entry.issued_by, entry.snapshot, NULL, '', '', entry.created_at)
    RETURNING * INTO entry;
    digest := encode(sha256(p_pdf), 'hex');
    INSERT INTO document_versions (document_id, version, valid_until, pdf, sha256, created_by,
                                   created_at)
    VALUES (entry.id, 0, entry.valid_until, p_pdf, digest, entry.issued_by, entry.created_at);
    PERFORM permitdesk_private.audit_document(entry.created_at, entry.issued_by, 'issue', entry,
        coalesce(p_detail, '{}') || jsonb_build_object('version', 0, 'sha256', digest));
    RETURN entry.id;
END
$$;

-- An extension: the entry's new validity and snapshot, the new version's PDF, the audit
-- row 'extend'. Returns the new version's number.
CREATE FUNCTION record_extension(
    p_document_id bigint, p_valid_until text, p_snapshot text, p_pdf bytea, p_by text,
    p_at text
) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    entry documents;
    next_version integer;
    digest text;
BEGIN
    IF p_pdf IS NULL OR length(p_pdf) = 0 THEN
        RAISE EXCEPTION 'an extension needs its PDF';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    entry := permitdesk_private.document_for_update(p_document_id);
    IF entry.annulled_on IS NOT NULL THEN
        RAISE EXCEPTION 'register entry % is annulled: it cannot be extended',
            permitdesk_private.register_number(entry.year, entry.sequence);
    END IF;
    IF entry.extensions_used >= entry.max_extensions THEN
        RAISE EXCEPTION 'register entry % allows % extension(s), all used',
            permitdesk_private.register_number(entry.year, entry.sequence),
            entry.max_extensions;
    END IF;
    SELECT max(version) + 1 INTO next_version FROM document_versions
    WHERE document_id = entry.id;
    UPDATE documents SET valid_until = p_valid_until, extensions_used = extensions_used + 1,
        snapshot = p_snapshot
    WHERE id = entry.id;
    digest := encode(sha256(p_pdf), 'hex');
    INSERT INTO document_versions (document_id, version, valid_until, pdf, sha256, created_by,
                                   created_at)
    VALUES (entry.id, next_version, p_valid_until, p_pdf, digest, p_by, p_at);
    PERFORM permitdesk_private.audit_document(p_at, p_by, 'extend', entry, jsonb_build_object(
        'version', next_version, 'valid_until', p_valid_until, 'sha256', digest));
    RETURN next_version;
END
$$;

-- An annulment: the entry and its number stay, marked annulled, with the audit row 'annul'.
CREATE FUNCTION annul_document(
    p_document_id bigint, p_on text, p_reason text, p_by text, p_at text
) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    entry documents;
BEGIN
    IF coalesce(p_on, '') = '' OR btrim(coalesce(p_reason, '')) = '' THEN
        RAISE EXCEPTION 'an annulment needs its date and a reason';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    entry := permitdesk_private.document_for_update(p_document_id);
    IF entry.annulled_on IS NOT NULL THEN
        RAISE EXCEPTION '% is already annulled (on %)',
            permitdesk_private.register_number(entry.year, entry.sequence), entry.annulled_on;
    END IF;
    UPDATE documents SET annulled_on = p_on, annulled_reason = p_reason, annulled_by = p_by
    WHERE id = entry.id;
    PERFORM permitdesk_private.audit_document(p_at, p_by, 'annul', entry, '{}');
END
$$;

-- A marked copy printed of a version, entered by its SHA-256 (the copy's bytes are not
-- kept), with the audit row 'reprint' as on SQLite (chain_checks reads that name). The mark
-- must be the entry's state: a duplicate of a valid entry, the 'annulled' copy of an
-- annulled one; a duplicate of an annulled entry would pass for a valid paper.
CREATE FUNCTION record_copy(
    p_document_id bigint, p_version integer, p_kind text, p_made_on text, p_by text,
    p_sha256 text, p_at text
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = permitdesk, pg_temp AS $$
DECLARE
    entry documents;
    copy_id bigint;
BEGIN
    IF p_sha256 IS NULL OR p_sha256 !~ '^[0-9a-f]{64}$' THEN
        RAISE EXCEPTION 'a copy is entered by its SHA-256 (64 hexadecimal digits)';
    END IF;
    PERFORM permitdesk_private.take_chain_head();
    entry := permitdesk_private.document_for_update(p_document_id);
    IF NOT EXISTS (SELECT 1 FROM document_versions
                   WHERE document_id = entry.id AND version = p_version) THEN
        RAISE EXCEPTION 'register entry % has no version %',
            permitdesk_private.register_number(entry.year, entry.sequence), p_version
            USING ERRCODE = 'no_data_found';
    END IF;
    IF p_kind IS DISTINCT FROM (CASE WHEN entry.annulled_on IS NULL THEN 'duplicate'
                                     ELSE 'annulled' END) THEN
        RAISE EXCEPTION 'register entry % is %: its copy cannot be marked %',
            permitdesk_private.register_number(entry.year, entry.sequence),
            CASE WHEN entry.annulled_on IS NULL THEN 'valid' ELSE 'annulled' END, p_kind;
    END IF;
    INSERT INTO document_copies (document_id, version, kind, made_on, made_by, sha256,
                                 created_at)
    VALUES (entry.id, p_version, p_kind, p_made_on, p_by, p_sha256, p_at)
    RETURNING id INTO copy_id;
    PERFORM permitdesk_private.audit_document(p_at, p_by, 'reprint', entry, jsonb_build_object(
        'mark', p_kind, 'of_version', p_version, 'sha256', p_sha256));
    RETURN copy_id;
END
$$;
