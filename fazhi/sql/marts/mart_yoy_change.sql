-- Year-over-year change per locality × indicator, between best values of consecutive years
-- (a year whose previous year has no value has no row). change is in the indicator's unit
-- (percentage points for rates); change_pct is relative to the previous year, null when that
-- was zero. Written with lag() over a partition rather than a self-join so that filters on
-- locality or indicator reach the scan.
CREATE OR REPLACE VIEW mart_yoy_change AS
SELECT y.locality_code, l.name AS locality_name, l.province_name, y.indicator, y.report_year,
       y.value, y.previous_value, y.value - y.previous_value AS change,
       CASE WHEN y.previous_value <> 0
            THEN (y.value - y.previous_value) / y.previous_value * 100 END AS change_pct,
       y.unit, y.doc_id, y.previous_doc_id
FROM (
    SELECT locality_code, indicator, report_year, value, unit, doc_id,
           lag(report_year) OVER w AS previous_year,
           lag(value) OVER w AS previous_value,
           lag(doc_id) OVER w AS previous_doc_id
    FROM best_value
    WINDOW w AS (PARTITION BY locality_code, indicator ORDER BY report_year)
) AS y
LEFT JOIN dim_locality AS l ON l.admin_code = y.locality_code
WHERE y.previous_year = y.report_year - 1;
