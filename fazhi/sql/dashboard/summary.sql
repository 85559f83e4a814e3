-- Headline counts for the top of the page.
SELECT
    (SELECT count(*) FROM dim_document WHERE is_current) AS documents,
    (SELECT count(DISTINCT locality_code) FROM dim_document
     WHERE is_current AND locality_code IN (SELECT admin_code FROM dim_locality)) AS localities_covered,
    (SELECT count(*) FROM dim_locality WHERE NOT is_function_zone) AS localities_total,
    (SELECT count(*) FROM fact_indicator) AS facts,
    (SELECT count(*) FROM fact_mention) AS mentions,
    (SELECT count(*) FROM pipeline_run) AS runs,
    (SELECT max(report_year) FROM dim_document WHERE is_current) AS latest_year,
    (SELECT min(report_year) FROM dim_document WHERE is_current) AS earliest_year;
