-- Province totals per indicator × year, for additive kinds only (count, stock, amount; never
-- rates). Sums stay within one level because a prefecture's figure already includes its
-- counties: compare total_value of the county level against the province's own figure.
-- localities is every division of that level in the province, reporting those with a value.
CREATE OR REPLACE VIEW mart_province_totals AS
WITH sums AS (
    SELECT b.province_code, b.level, b.indicator, b.report_year,
           count(*) AS reporting, sum(b.value) AS total_value
    FROM best_value AS b
    SEMI JOIN dim_indicator AS i ON i.code = b.indicator AND i.is_additive
    WHERE b.level IS NOT NULL
    GROUP BY ALL
),
sizes AS (
    SELECT province_code, province_name, level, count(*) AS localities
    FROM dim_locality
    GROUP BY ALL
)
SELECT s.province_code, z.province_name, s.level, s.indicator, i.kind, i.unit,
       s.report_year, z.localities, s.reporting, s.total_value
FROM sums AS s
JOIN sizes AS z ON z.province_code = s.province_code AND z.level = s.level
JOIN dim_indicator AS i ON i.code = s.indicator;
