-- Bring best_value up to date for the cells of affected_cells, writing only the rows that change.
--
-- Precedence among the current versions of documents that state a value (first wins):
--   1. document type: annual_report (法治政府建设年度报告) over work_summary over other;
--   2. qualifier: exact over approx (约) over at_least (超过/以上);
--   3. the latest fetch (fetched_at), then the latest publication date;
--   4. doc_id, only to make ties deterministic.
-- Superseded versions of a re-published report never compete.
--
-- changed_facts holds the facts this batch replaced or added (load/stage_changed_facts.sql), with
-- their words; this script drops it.
--
-- Why only the rows that change: the winners are found from the facts' narrow columns, and a
-- fact's words (its sentence above all) are read from changed_facts, or from fact_indicator only
-- for a winner that is neither stored nor new. DuckDB reads a column of a table whole for the few
-- rows a join keeps: taking every column of the cells' facts decompressed all 1.75 M sentences at
-- 100,000 reports. And a row deleted is a deletion mark in its row group, which the checkpoint
-- merges and re-compresses whole once a quarter of its rows are marked; a row updated rewrites
-- only the updated column. A new report in a cell states about half of its indicators: the rows
-- of the others stay as they are, and where the winner stays only the count of candidates moves.
CREATE OR REPLACE TEMP TABLE fresh_best AS
WITH cell_facts AS MATERIALIZED (
    -- the cells' facts first: left to itself DuckDB joined every fact to its document and
    -- locality before keeping those of the cells:
    -- NULLs match as IN (a struct) matches them: a cell without a locality is a cell too
    SELECT f.doc_id, f.indicator, f.locality_code, f.report_year, f.qualifier
    FROM fact_indicator AS f
    SEMI JOIN affected_cells AS a
        ON a.locality_code IS NOT DISTINCT FROM f.locality_code
       AND a.report_year IS NOT DISTINCT FROM f.report_year
)
SELECT locality_code, report_year, indicator, doc_id, candidates, province_code, level
FROM (
    SELECT f.locality_code, f.report_year, f.indicator, f.doc_id, l.province_code, l.level,
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
WHERE precedence = 1;
-- Each key of the cells, stored or fresh: 'gone' (no current document states it any more),
-- 'replace' (a new winner, the winner's fact replaced by this batch, no stored row yet, or more
-- than one), 'update' (the same fact wins; its count of candidates or locality's province or
-- level moved) or 'keep'.
CREATE OR REPLACE TEMP TABLE best_changes AS
WITH stored AS (
    SELECT b.locality_code, b.report_year, b.indicator, count(*) AS copies,
           any_value(b.doc_id) AS doc_id, any_value(b.candidates) AS candidates,
           any_value(b.province_code) AS province_code, any_value(b.level) AS level
    FROM best_value AS b
    WHERE (b.locality_code, b.report_year) IN (SELECT (locality_code, report_year) FROM affected_cells)
    GROUP BY b.locality_code, b.report_year, b.indicator
)
SELECT locality_code, report_year, indicator, f.doc_id, f.candidates, f.province_code, f.level,
       CASE
           WHEN f.doc_id IS NULL THEN 'gone'
           WHEN s.doc_id IS NULL OR s.copies > 1 OR s.doc_id <> f.doc_id THEN 'replace'
           WHEN EXISTS (
               SELECT 1 FROM changed_facts AS c
               WHERE c.doc_id = f.doc_id AND c.indicator = f.indicator
           ) THEN 'replace'
           WHEN s.candidates <> f.candidates
             OR s.province_code IS DISTINCT FROM f.province_code
             OR s.level IS DISTINCT FROM f.level THEN 'update'
           ELSE 'keep'
       END AS change
FROM fresh_best AS f
FULL JOIN stored AS s USING (locality_code, report_year, indicator);
DELETE FROM best_value
WHERE (locality_code, report_year, indicator) IN (
    SELECT (locality_code, report_year, indicator) FROM best_changes
    WHERE change IN ('gone', 'replace')
);
UPDATE best_value
SET candidates = c.candidates, province_code = c.province_code, level = c.level
FROM best_changes AS c
WHERE c.change = 'update'
  AND best_value.locality_code = c.locality_code
  AND best_value.report_year = c.report_year
  AND best_value.indicator = c.indicator;
INSERT INTO best_value
WITH replaced AS (
    SELECT * FROM best_changes WHERE change = 'replace'
),
words AS (  -- the winners' facts: this batch's from changed_facts, others from fact_indicator
    SELECT c.doc_id, c.indicator, c.value, c.unit, c.qualifier, c.text, c.sentence, c.flags
    FROM changed_facts AS c
    SEMI JOIN replaced AS r ON r.doc_id = c.doc_id AND r.indicator = c.indicator
    UNION ALL
    SELECT f.doc_id, f.indicator, f.value, f.unit, f.qualifier, f.text, f.sentence, f.flags
    FROM fact_indicator AS f
    SEMI JOIN (
        SELECT r.doc_id, r.indicator FROM replaced AS r
        ANTI JOIN changed_facts AS c ON c.doc_id = r.doc_id AND c.indicator = r.indicator
    ) AS o ON o.doc_id = f.doc_id AND o.indicator = f.indicator
)
SELECT r.locality_code, r.report_year, r.indicator, r.doc_id, w.value, w.unit, w.qualifier,
       w.text, w.sentence, w.flags, r.candidates, r.province_code, r.level
FROM replaced AS r
JOIN words AS w ON w.doc_id = r.doc_id AND w.indicator = r.indicator
ORDER BY r.locality_code, r.report_year, r.indicator;
DROP TABLE best_changes;
DROP TABLE fresh_best;
DROP TABLE changed_facts;
