-- Every cell with a fact, and every best value written anew: used to rebuild best_value after
-- the precedence rules or the dimensions change. load/refresh_best_value.sql reads the facts this
-- batch changed from changed_facts: none here, and with no stored row every winner is written
-- from fact_indicator.
CREATE OR REPLACE TEMP TABLE affected_cells AS
SELECT DISTINCT locality_code, report_year FROM fact_indicator;
CREATE OR REPLACE TEMP TABLE changed_facts AS
SELECT * FROM fact_indicator LIMIT 0;
DELETE FROM best_value;
