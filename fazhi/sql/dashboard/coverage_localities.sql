-- Every division with the report years it has a current document for; an empty list is a gap.
-- Function zones (经济开发区 …) rarely publish their own reports, so they are left out unless
-- they have one, rather than shown as permanent gaps. Reads dim_document directly rather than
-- mart_coverage, whose per-year indicator counts cost a pass over every fact.
SELECT l.admin_code, l.name, l.level, l.province_code, l.city_code,
       coalesce(list(DISTINCT d.report_year ORDER BY d.report_year)
                FILTER (WHERE d.report_year IS NOT NULL), []::INTEGER[]) AS years
FROM dim_locality AS l
LEFT JOIN dim_document AS d ON d.locality_code = l.admin_code AND d.is_current
GROUP BY l.admin_code, l.name, l.level, l.province_code, l.city_code, l.is_function_zone
HAVING NOT l.is_function_zone OR count(d.doc_id) > 0
ORDER BY l.admin_code;
