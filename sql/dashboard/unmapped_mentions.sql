-- Numbers no indicator claimed, grouped by unit and the six characters just before the number (digits
-- replaced by N): the most frequent are candidates for new catalogue phrasings.
WITH unmapped AS (
    SELECT unit, doc_id, text,
           regexp_replace(
               right(coalesce(left(sentence, greatest(strpos(sentence, text) - 1, 0)), ''), 6),
               '[0-9０-９.,，%]+', 'N', 'g'
           ) AS lead_in
    FROM fact_mention
    WHERE indicator IS NULL
)
SELECT coalesce(unit, '') AS unit, lead_in || 'N' || coalesce(unit, '') AS pattern,
       count(*) AS mentions, count(DISTINCT doc_id) AS documents, any_value(text) AS example
FROM unmapped
GROUP BY ALL
ORDER BY mentions DESC, pattern
LIMIT 50;
