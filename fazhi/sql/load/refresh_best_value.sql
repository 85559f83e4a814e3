-- Recompute best_value for the cells of affected_cells.
--
-- Precedence among the current versions of documents that state a value (first wins):
--   1. document type: annual_report (法治政府建设年度报告) over work_summary over other;
--   2. qualifier: exact over approx (约) over at_least (超过/以上);
--   3. the latest fetch (fetched_at), then the latest publication date;
--   4. doc_id, only to make ties deterministic.
-- Superseded versions of a re-published report never compete.
DELETE FROM best_value
WHERE (locality_code, report_year) IN (SELECT (locality_code, report_year) FROM affected_cells);
INSERT INTO best_value
WITH cell_facts AS MATERIALIZED (
    -- the cells' facts first: left to itself DuckDB joined every fact to its document and
    -- locality before keeping those of the cells (1.3-2.3 s of CPU a batch at 100,000 reports):
    -- NULLs match as IN (a struct) matches them: a cell without a locality is a cell too
    SELECT f.*
    FROM fact_indicator AS f
    SEMI JOIN affected_cells AS a
        ON a.locality_code IS NOT DISTINCT FROM f.locality_code
       AND a.report_year IS NOT DISTINCT FROM f.report_year
)
SELECT locality_code, report_year, indicator, doc_id, value, unit, qualifier, text, sentence,
       flags, candidates, province_code, level
FROM (
    SELECT f.locality_code, f.report_year, f.indicator, f.doc_id, f.value, f.unit, f.qualifier,
           f.text, f.sentence, f.flags, l.province_code, l.level,
           count(*) OVER w AS candidates,
           row_number() OVER (
               w ORDER BY
                   CASE d.doc_type WHEN 'annual_report' THEN 1 WHEN 'work_summary' THEN 2 ELSE 3 END,
                   CASE f.qualifier WHEN 'exact' THEN 1 WHEN 'approx' THEN 2 ELSE 3 END,
                   d.fetched_at DESC NULLS LAST,
                   d.published_on DESC NULLS LAST,
                   f.doc_id
           ) AS precedence
    FROM cell_facts AS f
    JOIN dim_document AS d ON d.doc_id = f.doc_id AND d.is_current
    LEFT JOIN dim_locality AS l ON l.admin_code = f.locality_code
    WINDOW w AS (PARTITION BY f.locality_code, f.report_year, f.indicator)
)
WHERE precedence = 1
ORDER BY locality_code, report_year, indicator;
