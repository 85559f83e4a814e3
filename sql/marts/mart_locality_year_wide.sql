-- One row per locality × report year, one column per indicator (best values), columns in
-- catalogue order. The indicator_code enum is rebuilt from dim_indicator whenever the catalogue
-- changes, so a new indicator becomes a new column without editing this file.
CREATE OR REPLACE VIEW mart_locality_year_wide AS
PIVOT (
    SELECT locality_code, locality_name, province_name, city_name, level, report_year,
           indicator::indicator_code AS indicator, value
    FROM mart_best_value
)
ON indicator IN indicator_code
USING first(value)
GROUP BY locality_code, locality_name, province_name, city_name, level, report_year;
