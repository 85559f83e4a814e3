-- One row per locality × report year, one column per indicator (best values), columns in
-- catalogue order. Reads locality_year_wide, which every load keeps in step with best_value
-- (see sql/load/rebuild_wide.sql); a new indicator in the catalogue becomes a new column
-- without editing this file.
CREATE OR REPLACE VIEW mart_locality_year_wide AS
SELECT w.locality_code, l.name AS locality_name, l.province_name, l.city_name, l.level,
       w.report_year, w.* EXCLUDE (locality_code, report_year)
FROM locality_year_wide AS w
LEFT JOIN dim_locality AS l ON l.admin_code = w.locality_code;
