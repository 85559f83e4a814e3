-- Provinces × report years, every year from the earliest to the latest report so that empty
-- years show as gaps: divisions of any level with a current report against all the province's
-- divisions (function zones only when they have a report, as in coverage_localities).
WITH reported AS (
    SELECT DISTINCT locality_code, report_year
    FROM dim_document
    WHERE is_current AND report_year IS NOT NULL
),
localities AS (
    SELECT admin_code, province_code
    FROM dim_locality
    WHERE NOT is_function_zone OR admin_code IN (SELECT locality_code FROM reported)
),
years AS (
    SELECT y AS report_year
    FROM range((SELECT min(report_year) FROM reported),
               (SELECT max(report_year) FROM reported) + 1) AS t(y)
),
covered AS (
    SELECT l.province_code, r.report_year, count(*) AS covered
    FROM reported AS r
    JOIN localities AS l ON l.admin_code = r.locality_code
    GROUP BY ALL
)
SELECT p.admin_code AS province_code, p.name AS province_name, y.report_year,
       coalesce(c.covered, 0) AS covered, t.total
FROM dim_locality AS p
JOIN (SELECT province_code, count(*) AS total FROM localities GROUP BY ALL) AS t
    ON t.province_code = p.admin_code
CROSS JOIN years AS y
LEFT JOIN covered AS c ON c.province_code = p.admin_code AND c.report_year = y.report_year
WHERE p.level = 'province'
ORDER BY p.admin_code, y.report_year;
