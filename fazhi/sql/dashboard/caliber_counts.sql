-- How many facts carry each caliber flag (the listing above is capped; these counts are not).
SELECT flag, count(*) AS facts
FROM (
    SELECT unnest(list_distinct(
        coalesce(f.flags, []::VARCHAR[])
        || CASE WHEN i.kind = 'rate' AND f.value > 100 THEN ['rate_above_100'] ELSE [] END
    )) AS flag
    FROM fact_indicator AS f
    JOIN dim_indicator AS i ON i.code = f.indicator
    WHERE (i.kind = 'rate' AND f.value > 100) OR len(coalesce(f.flags, [])) > 0
)
GROUP BY flag
ORDER BY facts DESC, flag;
