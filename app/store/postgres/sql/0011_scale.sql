-- Migration 0011: what search needs to stay quick at a million holders
-- (app/store/postgres/search.py).
--
-- Search:
--   * holders_name in the results' own order (NULLs first, as SQLite sorts them, then the id):
--     a walk through it reads the index alone and stops at its first screen, no sort;
--   * the name without its first word, trigram-indexed: the few holders of a common surname
--     whose name does not start with the word typed, found without reading the many that do;
--   * national and card numbers by prefix: LIKE 'prefix%' can use a b-tree in any collation
--     only with the pattern operators (the unique indexes serve equality alone).

SET LOCAL ROLE permitdesk_owner;
SET LOCAL search_path = permitdesk, pg_temp;

DROP INDEX holders_name;
CREATE INDEX holders_name
    ON holders (name_key, birth_date NULLS FIRST, national_number NULLS FIRST, id);
CREATE INDEX holders_later_names_trgm
    ON holders USING gin ((substr(name_key, strpos(name_key, ' ') + 1)) gin_trgm_ops);
CREATE INDEX holders_national_prefix ON holders (national_number text_pattern_ops);
CREATE INDEX permits_card_prefix ON permits (card_number text_pattern_ops);
