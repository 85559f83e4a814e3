-- (private) The typical question asked of each mart, timed by benchmarks/warehouse_marts.py.
-- Each statement's first comment is its label; $1/$2 are bound by the benchmark.

-- mart_best_value: one locality, all years
SELECT * FROM mart_best_value WHERE locality_code = $1;

-- mart_best_value: one indicator x year, nationwide
SELECT locality_code, locality_name, value, doc_id FROM mart_best_value
WHERE indicator = $2 AND report_year = $3;

-- mart_locality_year_wide: one province x year
SELECT * FROM mart_locality_year_wide WHERE province_name = $4 AND report_year = $3;

-- mart_locality_year_wide: one locality, all years
SELECT * FROM mart_locality_year_wide WHERE locality_code = $1;

-- mart_yoy_change: one locality
SELECT * FROM mart_yoy_change WHERE locality_code = $1;

-- mart_yoy_change: one indicator x year, nationwide
SELECT * FROM mart_yoy_change WHERE indicator = $2 AND report_year = $3;

-- mart_rank: one indicator x year
SELECT * FROM mart_rank WHERE indicator = $2 AND report_year = $3;

-- mart_coverage: provinces x years (the dashboard grid)
SELECT province_name, report_year, count(*) FILTER (WHERE has_report) AS reporting,
       count(*) AS localities
FROM mart_coverage GROUP BY ALL;

-- mart_province_totals: one year
SELECT * FROM mart_province_totals WHERE report_year = $3;
