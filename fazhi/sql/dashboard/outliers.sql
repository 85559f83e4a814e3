-- Values outside their usual range: beyond three interquartile ranges from the quartiles of the
-- indicator's own values (the catalogue's hard range is the gate's job; this finds the odd ones
-- that passed it). Needs a few values per indicator to mean anything. Values are non-negative
-- (the gate sees to that), so the lower fence stops at zero.
WITH fences AS (
    SELECT indicator, quantile_cont(value, 0.25) AS q1, quantile_cont(value, 0.75) AS q3,
           count(*) AS n
    FROM fact_indicator
    GROUP BY indicator
    HAVING count(*) >= 8
),
odd AS (
    SELECT f.indicator, f.value, f.doc_id, f.locality_code, f.report_year,
           greatest(x.q1 - 3 * (x.q3 - x.q1), 0) AS low, x.q3 + 3 * (x.q3 - x.q1) AS high
    FROM fact_indicator AS f
    JOIN fences AS x USING (indicator)
    WHERE f.value < x.q1 - 3 * (x.q3 - x.q1) OR f.value > x.q3 + 3 * (x.q3 - x.q1)
)
SELECT o.indicator, i.name_zh, count(*) AS outside,
       min(o.low) AS low, min(o.high) AS high,
       arg_max(o.value, abs(o.value)) AS extreme_value,
       arg_max(o.doc_id, abs(o.value)) AS extreme_doc_id,
       arg_max(o.locality_code, abs(o.value)) AS extreme_locality
FROM odd AS o
JOIN dim_indicator AS i ON i.code = o.indicator
GROUP BY ALL
ORDER BY outside DESC, o.indicator
LIMIT 100;
