-- Year-over-year change per locality × indicator, between best values of consecutive years.
-- change is in the indicator's unit (percentage points for rates); change_pct is relative to
-- the previous year and null when that was zero.
CREATE OR REPLACE VIEW mart_yoy_change AS
SELECT cur.locality_code, cur.locality_name, cur.province_name, cur.indicator,
       cur.report_year, cur.value, prev.value AS previous_value,
       cur.value - prev.value AS change,
       CASE WHEN prev.value <> 0 THEN (cur.value - prev.value) / prev.value * 100 END AS change_pct,
       cur.unit, cur.doc_id, prev.doc_id AS previous_doc_id
FROM mart_best_value AS cur
JOIN mart_best_value AS prev
  ON prev.locality_code = cur.locality_code
 AND prev.indicator = cur.indicator
 AND prev.report_year = cur.report_year - 1;
