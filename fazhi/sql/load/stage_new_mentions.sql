-- The staged mentions when no loaded mention belongs to any of their documents (a batch of newly
-- crawled reports, nearly every batch): every one is changed and replaces none, and fact_mention
-- is not read. The same rows as load/stage_changed_mentions.sql gives then.
CREATE TEMP TABLE changed_mentions AS
SELECT s.*, false AS replaces_loaded
FROM staged_mentions AS s
QUALIFY row_number() OVER (PARTITION BY s.doc_id, s.ordinal ORDER BY s.run_id DESC) = 1;
