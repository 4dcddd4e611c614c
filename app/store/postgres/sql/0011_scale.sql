-- Migration 0011: what search and the Today queues need to stay quick at a million holders
-- (app/store/postgres/search.py, app/store/queues.py).
--
-- Search:
--   * holders_name in the results' own order (NULLs first, as SQLite sorts them, then the id):
--     a walk through it reads the index alone and stops at its first screen, no sort;
--   * the name without its first word, trigram-indexed: the few holders of a common surname
--     whose name does not start with the word typed, found without reading the many that do;
--   * national and card numbers by prefix: LIKE 'prefix%' can use a b-tree in any collation
--     only with the pattern operators (the unique indexes serve equality alone); the cards'
--     with their holder, so that the holders of the cards a prefix starts are read from it.
-- Today: the open permits' index in the pages' order (expiry, then id: a page reads its
-- rows, not every permit of its last days), and each permit carries its holder's
-- suspension_birth, so that the suspended permits (R1, art. 33 §2) are counted from one
-- index over the few of them, not by joining every aged or hindered holder to their permits:
--   ''         hospitalised or detained: suspended whatever the age;
--   birth_date not required to travel: suspended once born on or before R1's day of 75 years
--              (queues.py compares it with :aged, as it compares holders.birth_date);
--   NULL       required to travel, or no birth date: never by age.
-- Collation C, so that '' and ISO dates compare as the queues expect on any server.

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

DROP INDEX holders_name;
CREATE INDEX holders_name
    ON holders (name_key, birth_date NULLS FIRST, national_number NULLS FIRST, id);
CREATE INDEX holders_later_names_trgm
    ON holders USING gin ((substr(name_key, strpos(name_key, ' ') + 1)) gin_trgm_ops);
CREATE INDEX holders_national_prefix ON holders (national_number text_pattern_ops);
CREATE INDEX permits_card_prefix ON permits (card_number text_pattern_ops) INCLUDE (holder_id);

-- The one statement of the meaning above.
CREATE FUNCTION suspension_birth(p_hospitalised integer, p_detained integer,
                                 p_travelling integer, p_birth_date text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = permitdesk, pg_temp AS $$
    SELECT CASE WHEN p_hospitalised = 1 OR p_detained = 1 THEN ''
                WHEN p_travelling = 0 THEN p_birth_date END;
$$;

ALTER TABLE permits ADD COLUMN suspension_birth TEXT COLLATE "C";
UPDATE permits p
SET suspension_birth = suspension_birth(h.hospitalised, h.detained, h.travelling, h.birth_date)
FROM holders h WHERE h.id = p.holder_id;
CREATE INDEX permits_open_suspension ON permits (suspension_birth, expiry)
    WHERE superseded = 0 AND covered = 0;
-- A queue's page in its order (expiry, then permit: SQLite's index holds the rowid), the
-- standing in the index so that the suspended queue's walk tests it there.
DROP INDEX permits_open_expiry;
CREATE INDEX permits_open_expiry ON permits (expiry, id, suspension_birth)
    WHERE superseded = 0 AND covered = 0;

-- A permit written, or moved to another holder, takes its holder's (per row: a bulk COPY
-- pays one index look-up a permit).
CREATE FUNCTION permits_suspension() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    SELECT suspension_birth(h.hospitalised, h.detained, h.travelling, h.birth_date)
    INTO NEW.suspension_birth FROM holders h WHERE h.id = NEW.holder_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER permits_suspension BEFORE INSERT OR UPDATE OF holder_id
    ON permits FOR EACH ROW EXECUTE FUNCTION permits_suspension();

-- A holder whose standing changes passes it on to their permits.
CREATE FUNCTION holders_suspension() RETURNS trigger
LANGUAGE plpgsql SET search_path = permitdesk, pg_temp AS $$
BEGIN
    UPDATE permits
    SET suspension_birth = suspension_birth(NEW.hospitalised, NEW.detained, NEW.travelling,
                                            NEW.birth_date)
    WHERE holder_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER holders_suspension AFTER UPDATE OF hospitalised, detained, travelling, birth_date
    ON holders FOR EACH ROW
    WHEN (suspension_birth(OLD.hospitalised, OLD.detained, OLD.travelling, OLD.birth_date)
          IS DISTINCT FROM
          suspension_birth(NEW.hospitalised, NEW.detained, NEW.travelling, NEW.birth_date))
    EXECUTE FUNCTION holders_suspension();

-- Called by these triggers, which run as whoever writes.
GRANT EXECUTE ON FUNCTION suspension_birth(integer, integer, integer, text)
    TO permitdesk_counter;
