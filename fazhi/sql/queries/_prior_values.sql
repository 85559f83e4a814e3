-- (private) Best values already loaded for some localities: the gate's across-years check.
-- Parameter: list of locality codes.
SELECT locality_code, report_year, indicator, value
FROM mart_best_value
WHERE list_contains($1::VARCHAR[], locality_code)
ORDER BY locality_code, indicator, report_year;
