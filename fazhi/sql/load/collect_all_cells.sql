-- Every cell with a fact: used to rebuild best_value after the precedence rules change.
CREATE OR REPLACE TEMP TABLE affected_cells AS
SELECT DISTINCT locality_code, report_year FROM fact_indicator;
