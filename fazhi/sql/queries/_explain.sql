-- (private) Every current candidate value for one locality × year × indicator, best first
-- (same precedence as mart_best_value). Parameters: locality code, year, indicator code.
SELECT l.name AS locality_name, f.report_year, f.indicator, i.name_zh, f.value, f.unit,
       f.qualifier, f.text, f.sentence, f.start, f."end", d.doc_id, d.doc_type, d.title, d.url,
       d.published_on, d.fetched_at, f.flags
FROM fact_indicator AS f
JOIN dim_document AS d ON d.doc_id = f.doc_id AND d.is_current
LEFT JOIN dim_locality AS l ON l.admin_code = f.locality_code
LEFT JOIN dim_indicator AS i ON i.code = f.indicator
WHERE f.locality_code = $1 AND f.report_year = $2 AND f.indicator = $3
ORDER BY CASE d.doc_type WHEN 'annual_report' THEN 1 WHEN 'work_summary' THEN 2 ELSE 3 END,
         CASE f.qualifier WHEN 'exact' THEN 1 WHEN 'approx' THEN 2 ELSE 3 END,
         d.fetched_at DESC NULLS LAST, d.published_on DESC NULLS LAST, f.doc_id;
