-- The best value per locality × report year × indicator, and the document it came from.
--
-- Precedence among the current versions of documents that state a value (first wins):
--   1. document type: annual_report (法治政府建设年度报告) over work_summary over other;
--   2. qualifier: exact over approx (约) over at_least (超过/以上);
--   3. the latest fetch (fetched_at), then the latest publication date;
--   4. doc_id, only to make ties deterministic.
-- Superseded versions of a re-published report never compete. candidates counts the values
-- that did, so analysts can see where sources disagree.
CREATE OR REPLACE VIEW mart_best_value AS
SELECT locality_code, report_year, indicator, value, unit, qualifier, doc_id, doc_type,
       title, url, text, sentence, flags, candidates,
       locality_name, level, province_code, province_name, city_code, city_name
FROM (
    SELECT f.locality_code, f.report_year, f.indicator, f.value, f.unit, f.qualifier, f.doc_id,
           d.doc_type, d.title, d.url, f.text, f.sentence, f.flags,
           count(*) OVER w AS candidates,
           row_number() OVER (
               w ORDER BY
                   CASE d.doc_type WHEN 'annual_report' THEN 1 WHEN 'work_summary' THEN 2 ELSE 3 END,
                   CASE f.qualifier WHEN 'exact' THEN 1 WHEN 'approx' THEN 2 ELSE 3 END,
                   d.fetched_at DESC NULLS LAST,
                   d.published_on DESC NULLS LAST,
                   f.doc_id
           ) AS precedence,
           l.name AS locality_name, l.level, l.province_code, l.province_name,
           l.city_code, l.city_name
    FROM fact_indicator AS f
    JOIN dim_document AS d ON d.doc_id = f.doc_id AND d.is_current
    LEFT JOIN dim_locality AS l ON l.admin_code = f.locality_code
    WHERE f.locality_code IS NOT NULL AND f.report_year IS NOT NULL
    WINDOW w AS (PARTITION BY f.locality_code, f.report_year, f.indicator)
)
WHERE precedence = 1;
