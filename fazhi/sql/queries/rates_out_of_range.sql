-- Loaded rates above 100 % (allowed for some, e.g. 出庭应诉率, but worth a look).
SELECT b.locality_name, b.report_year, b.indicator, b.value, b.sentence, b.url
FROM mart_best_value AS b
JOIN dim_indicator AS i ON i.code = b.indicator
WHERE i.kind = 'rate' AND b.value > 100
ORDER BY b.value DESC;
