-- Which divisions have a (current) report for which years, gaps included: one row per division
-- of dim_locality × every year from the earliest to the latest report year loaded.
CREATE OR REPLACE VIEW mart_coverage AS
WITH years AS (
    SELECT y.year AS report_year
    FROM dim_year AS y
    WHERE y.year BETWEEN (SELECT min(report_year) FROM dim_document WHERE is_current)
                     AND (SELECT max(report_year) FROM dim_document WHERE is_current)
),
docs AS (
    SELECT locality_code, report_year, count(*) AS documents,
           list(DISTINCT doc_type ORDER BY doc_type) AS doc_types
    FROM dim_document
    WHERE is_current AND locality_code IS NOT NULL
    GROUP BY locality_code, report_year
),
facts AS (
    SELECT locality_code, report_year, count(*) AS indicators
    FROM best_value
    GROUP BY locality_code, report_year
)
SELECT l.admin_code AS locality_code, l.name AS locality_name, l.level,
       l.province_code, l.province_name, l.city_code, l.city_name, years.report_year,
       docs.locality_code IS NOT NULL AS has_report,
       coalesce(docs.documents, 0) AS documents,
       coalesce(docs.doc_types, []::VARCHAR[]) AS doc_types,
       coalesce(facts.indicators, 0) AS indicators
FROM dim_locality AS l
CROSS JOIN years
LEFT JOIN docs ON docs.locality_code = l.admin_code AND docs.report_year = years.report_year
LEFT JOIN facts ON facts.locality_code = l.admin_code AND facts.report_year = years.report_year;
