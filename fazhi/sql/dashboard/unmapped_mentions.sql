-- Numbers no indicator claimed, grouped by unit and the words just before the number: up to six
-- characters of the same clause (after the last punctuation), spaces dropped, digits as N. The
-- most frequent are candidates for new catalogue phrasings. Dates (年/月/日) and bare numbers
-- without a unit are left out: they are never indicator values and would crowd the list.
WITH unmapped AS (
    SELECT unit, doc_id, text,
           left(sentence, greatest(strpos(sentence, text) - 1, 0)) AS before_number
    FROM fact_mention
    WHERE indicator IS NULL AND coalesce(unit, '') NOT IN ('', '年', '月', '日')
),
lead_ins AS (
    SELECT unit, doc_id, text,
           right(regexp_replace(
               regexp_extract(regexp_replace(before_number, '\s+', '', 'g'),
                              '([^，。；、：:,;（）()“”《》]*)$', 1),
               '[0-9０-９.]+', 'N', 'g'), 6) AS lead_in
    FROM unmapped
)
SELECT unit, lead_in || 'N' || unit AS pattern,
       count(*) AS mentions, count(DISTINCT doc_id) AS documents, any_value(text) AS example
FROM lead_ins
GROUP BY ALL
ORDER BY mentions DESC, documents DESC, pattern
LIMIT 50;
