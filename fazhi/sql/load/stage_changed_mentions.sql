-- Staged mentions not already loaded exactly as staged (see stage_changed_facts). Only the
-- loaded mentions of the staged documents are compared: the doc_id filter is applied while
-- fact_mention is scanned, so a batch does not read every mention's sentence (0.93 s per batch
-- at 10,000 reports, growing with the warehouse). replaces_loaded: a mention of that key is loaded
-- (load/replace_mentions.sql deletes it).
CREATE TEMP TABLE changed_mentions AS
WITH loaded AS (
    SELECT m.*
    FROM fact_mention AS m
    WHERE m.doc_id IN (SELECT doc_id FROM staged_mentions)
)
SELECT s.*,
       EXISTS (
           SELECT 1 FROM loaded AS m WHERE m.doc_id = s.doc_id AND m.ordinal = s.ordinal
       ) AS replaces_loaded
FROM staged_mentions AS s
WHERE NOT EXISTS (
    SELECT 1 FROM loaded AS m
    WHERE m.doc_id = s.doc_id AND m.ordinal = s.ordinal
      AND m.value IS NOT DISTINCT FROM s.value AND m.unit IS NOT DISTINCT FROM s.unit
      AND m.qualifier IS NOT DISTINCT FROM s.qualifier AND m.text IS NOT DISTINCT FROM s.text
      AND m.start IS NOT DISTINCT FROM s.start AND m."end" IS NOT DISTINCT FROM s."end"
      AND m.sentence IS NOT DISTINCT FROM s.sentence
      AND m.outline IS NOT DISTINCT FROM s.outline
      AND m.indicator IS NOT DISTINCT FROM s.indicator
)
QUALIFY row_number() OVER (PARTITION BY s.doc_id, s.ordinal ORDER BY s.run_id DESC) = 1;
