-- Rebuild locality_year_wide from best_value with one column per indicator of the catalogue.
-- It is a table rather than a pivot view because DuckDB cannot push a filter through PIVOT:
-- a view would pivot every best value on each query (about a second at a million facts).
-- Created here, not in a migration, because its columns follow the catalogue.
DROP VIEW IF EXISTS mart_locality_year_wide;
CREATE OR REPLACE TABLE locality_year_wide AS
PIVOT (
    SELECT locality_code, report_year, indicator::indicator_code AS indicator, value
    FROM best_value
)
ON indicator IN indicator_code
USING first(value)
GROUP BY locality_code, report_year;
DROP TABLE IF EXISTS affected_cells;
