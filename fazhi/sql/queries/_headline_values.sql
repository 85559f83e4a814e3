-- (private) Best values of some indicators for the most recently reported locality-years,
-- long form; the run summary pivots it. Parameters: indicator codes, number of locality-years.
WITH recent AS (
    SELECT DISTINCT locality_code, report_year, locality_name, province_name
    FROM mart_best_value
    WHERE list_contains($1::VARCHAR[], indicator)
    ORDER BY report_year DESC, province_name, locality_name, locality_code
    LIMIT $2
)
SELECT r.locality_code, r.locality_name, r.province_name, r.report_year, b.indicator, b.value
FROM recent AS r
JOIN mart_best_value AS b USING (locality_code, report_year)
WHERE list_contains($1::VARCHAR[], b.indicator);
