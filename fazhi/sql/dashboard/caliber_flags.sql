-- Facts that loaded with a caliber question: a rate above 100 % (出庭应诉率 of 105 % is real,
-- but it changes what the figure means) or a warning flag the gate attached.
SELECT f.indicator, i.name_zh, f.value, i.unit, f.locality_code, l.name AS locality_name,
       f.report_year, f.doc_id, d.url, d.title, l.province_code, d.doc_type,
       list_distinct(
           coalesce(f.flags, []::VARCHAR[])
           || CASE WHEN i.kind = 'rate' AND f.value > 100 THEN ['rate_above_100'] ELSE [] END
       ) AS flags
FROM fact_indicator AS f
JOIN dim_indicator AS i ON i.code = f.indicator
LEFT JOIN dim_locality AS l ON l.admin_code = f.locality_code
LEFT JOIN dim_document AS d ON d.doc_id = f.doc_id
WHERE (i.kind = 'rate' AND f.value > 100) OR len(coalesce(f.flags, [])) > 0
ORDER BY f.value DESC, f.doc_id
LIMIT 500;
