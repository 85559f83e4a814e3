-- Numbers most often written with a unit that no indicator claims: candidates for new indicators.
SELECT unit, count(*) AS mentions, count(DISTINCT doc_id) AS documents,
       any_value(sentence) AS example
FROM fact_mention
WHERE indicator IS NULL AND unit IS NOT NULL
GROUP BY unit
ORDER BY mentions DESC
LIMIT 20;
