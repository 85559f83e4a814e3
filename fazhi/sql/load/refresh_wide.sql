-- Recompute the rows of locality_year_wide for the cells of affected_cells. The columns of the
-- table and of this pivot both come from the indicator_code enum, in the same order.
DELETE FROM locality_year_wide
WHERE (locality_code, report_year) IN (SELECT (locality_code, report_year) FROM affected_cells);
INSERT INTO locality_year_wide
PIVOT (
    SELECT locality_code, report_year, indicator::indicator_code AS indicator, value
    FROM best_value
    WHERE (locality_code, report_year) IN (SELECT (locality_code, report_year) FROM affected_cells)
)
ON indicator IN indicator_code
USING first(value)
GROUP BY locality_code, report_year;
DROP TABLE affected_cells;
