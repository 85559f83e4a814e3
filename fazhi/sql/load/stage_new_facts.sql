-- The staged facts when no loaded fact belongs to any of their documents (a batch of newly
-- crawled reports, nearly every batch): every one is changed, and fact_indicator is not read.
-- The same rows as load/stage_changed_facts.sql gives then.
CREATE TEMP TABLE changed_facts AS
SELECT s.*
FROM staged_facts AS s
QUALIFY row_number() OVER (PARTITION BY s.doc_id, s.indicator ORDER BY s.run_id DESC) = 1;
