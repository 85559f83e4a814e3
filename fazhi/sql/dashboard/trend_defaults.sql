-- The locality each province's trends open on: the one with the most report years of values
-- (then the most indicators, then the smallest code), so the first charts show a line, not a dot.
WITH per_locality AS (
    SELECT province_code, locality_code, count(DISTINCT report_year) AS years,
           count(DISTINCT indicator) AS indicators
    FROM mart_best_value
    WHERE province_code IS NOT NULL
    GROUP BY province_code, locality_code
)
SELECT province_code, locality_code, years, indicators
FROM per_locality
QUALIFY row_number() OVER (
    PARTITION BY province_code ORDER BY years DESC, indicators DESC, locality_code
) = 1
ORDER BY years DESC, indicators DESC, province_code;
