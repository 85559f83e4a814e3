-- One JSON document per province, loaded by the page on demand for the trend charts and the
-- prefecture level of the coverage map. Values are the warehouse's best value per locality ×
-- year × indicator (mart_best_value); each series is parallel lists of values and indexes into
-- the shard's documents, so no document is repeated per point. A document is
-- [doc_id, year, title, url, locality, kind, [ordinals of the indicators it states]]: enough
-- for the page to count the localities covered per prefecture under any filter.
-- Lists are gathered unordered and sorted afterwards with list_sort (structs sort by their
-- first field, then the next): several times faster than list(... ORDER BY ...) on a million
-- values.
-- A group of provinces per query ($provinces, a list of codes written in by
-- fazhi.report.dashboard.panels; grouped by their documents from trend_provinces.sql): list aggregates cannot spill, and all provinces at once held 900 MB at
-- 100,000 reports.
WITH docs AS (
    SELECT l.province_code, d.doc_id, d.report_year, d.title, d.url, d.locality_code,
           coalesce(d.doc_type, 'other') AS doc_type,
           row_number() OVER (PARTITION BY l.province_code ORDER BY d.doc_id) - 1 AS doc_index
    FROM dim_document AS d
    JOIN dim_locality AS l ON l.admin_code = d.locality_code
    WHERE d.is_current AND list_contains($provinces, l.province_code)
),
stated AS (
    SELECT f.doc_id, list_sort(list(i.ordinal)) AS ordinals
    FROM fact_indicator AS f
    JOIN docs AS k USING (doc_id)
    JOIN dim_indicator AS i ON i.code = f.indicator
    GROUP BY f.doc_id
),
series AS (
    SELECT k.province_code, b.locality_code, b.indicator,
           list_sort(list({'y': b.report_year, 'v': b.value, 'd': k.doc_index})) AS points
    FROM mart_best_value AS b
    JOIN docs AS k USING (doc_id)
    GROUP BY ALL
),
shards AS (
    SELECT province_code,
           list_transform(
               list_sort(list({'l': locality_code, 'i': indicator, 'p': points})),
               s -> {'l': s.l, 'i': s.i, 'v': list_transform(s.p, p -> p.v),
                     'd': list_transform(s.p, p -> p.d)}
           ) AS series
    FROM series
    GROUP BY province_code
),
doc_lists AS (
    SELECT k.province_code,
           list_transform(list_sort(list({
               'n': k.doc_index,
               'j': [to_json(k.doc_id), to_json(k.report_year::VARCHAR), to_json(k.title),
                     to_json(k.url), to_json(k.locality_code), to_json(k.doc_type),
                     to_json(coalesce(s.ordinals, []::INTEGER[]))]::JSON[]
           })), x -> x.j) AS docs
    FROM docs AS k
    LEFT JOIN stated AS s USING (doc_id)
    GROUP BY k.province_code
)
SELECT p.province_code,
       to_json({'series': coalesce(s.series, []), 'docs': p.docs}) AS shard
FROM doc_lists AS p
LEFT JOIN shards AS s USING (province_code)
ORDER BY p.province_code;
