-- Coverage per province for every setting of the page's filters, so the map, the coverage table
-- and the fill rate answer any filter without another query: report year, kind (doc_type) and
-- indicator, each one value or all of them (NULL year or kind; indicator_ordinal -1 = any
-- document, whatever it states). Localities are counted distinct, so "all years" is a row of its
-- own, not a sum. An all-kinds row is written only where a locality has documents of several
-- kinds; elsewhere the kinds' rows add up to it and the page adds them. Counting is staged
-- (locality level first, then plain counts) rather than count(DISTINCT) over grouping sets,
-- which is several times slower on a million facts.
WITH docs AS (
    SELECT d.doc_id, d.locality_code, d.report_year, coalesce(d.doc_type, 'other') AS doc_type,
           l.province_code
    FROM dim_document AS d
    JOIN dim_locality AS l ON l.admin_code = d.locality_code
    WHERE d.is_current AND d.report_year IS NOT NULL
),
stated AS (
    SELECT k.province_code, k.locality_code, k.report_year, k.doc_type, i.ordinal AS indicator
    FROM docs AS k
    JOIN fact_indicator AS f USING (doc_id)
    JOIN dim_indicator AS i ON i.code = f.indicator
    UNION ALL
    SELECT province_code, locality_code, report_year, doc_type, -1 FROM docs
),
by_kind AS (
    SELECT province_code, locality_code, report_year, doc_type, indicator, count(*) AS documents
    FROM stated
    GROUP BY ALL
),
any_kind AS (
    SELECT province_code, locality_code, report_year, indicator,
           sum(documents) AS documents, count(*) AS kinds
    FROM by_kind
    GROUP BY ALL
),
by_kind_any_year AS (
    SELECT province_code, locality_code, doc_type, indicator, sum(documents) AS documents
    FROM by_kind
    GROUP BY ALL
),
any_kind_any_year AS (
    SELECT province_code, locality_code, indicator, sum(documents) AS documents,
           count(*) AS kinds
    FROM by_kind_any_year
    GROUP BY ALL
)
SELECT province_code, report_year, doc_type, indicator AS indicator_ordinal,
       count(*) AS localities, sum(documents)::BIGINT AS documents
FROM by_kind GROUP BY ALL
UNION ALL
SELECT province_code, report_year, NULL, indicator, count(*), sum(documents)::BIGINT
FROM any_kind GROUP BY ALL HAVING max(kinds) > 1
UNION ALL
SELECT province_code, NULL, doc_type, indicator, count(*), sum(documents)::BIGINT
FROM by_kind_any_year GROUP BY ALL
UNION ALL
SELECT province_code, NULL, NULL, indicator, count(*), sum(documents)::BIGINT
FROM any_kind_any_year GROUP BY ALL HAVING max(kinds) > 1
ORDER BY province_code, report_year NULLS FIRST, doc_type NULLS FIRST, indicator_ordinal;
