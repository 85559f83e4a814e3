-- Staged facts that are not already in the warehouse exactly as staged (new, or re-extracted
-- with a different value, provenance or flags); identical rows are left alone so that a reload
-- changes nothing.
CREATE TEMP TABLE changed_facts AS
SELECT s.*
FROM staged_facts AS s
WHERE NOT EXISTS (
    SELECT 1 FROM fact_indicator AS f
    WHERE f.doc_id = s.doc_id AND f.indicator = s.indicator
      AND f.value IS NOT DISTINCT FROM s.value AND f.unit IS NOT DISTINCT FROM s.unit
      AND f.qualifier IS NOT DISTINCT FROM s.qualifier AND f.text IS NOT DISTINCT FROM s.text
      AND f.start IS NOT DISTINCT FROM s.start AND f."end" IS NOT DISTINCT FROM s."end"
      AND f.sentence IS NOT DISTINCT FROM s.sentence AND f.rule IS NOT DISTINCT FROM s.rule
      AND f.extractor_version IS NOT DISTINCT FROM s.extractor_version
      AND f.flags IS NOT DISTINCT FROM s.flags
)
QUALIFY row_number() OVER (PARTITION BY s.doc_id, s.indicator ORDER BY s.run_id DESC) = 1;
