-- Drop every mart (dependents first) before they are recreated from sql/marts/.
DROP VIEW IF EXISTS mart_province_totals;
DROP VIEW IF EXISTS mart_coverage;
DROP VIEW IF EXISTS mart_rank;
DROP VIEW IF EXISTS mart_yoy_change;
DROP VIEW IF EXISTS mart_locality_year_wide;
DROP VIEW IF EXISTS mart_best_value;
