-- One JSON document per province for the trend charts, loaded by the page on demand. Values are
-- the warehouse's best value per locality × year × indicator (mart_best_value); each series is
-- parallel lists of values and indexes into the shard's documents, which give a point's year
-- and link, so no document is repeated per point.
WITH docs AS (
    SELECT l.province_code, d.doc_id, d.report_year, d.title, d.url,
           row_number() OVER (PARTITION BY l.province_code ORDER BY d.doc_id) - 1 AS doc_index
    FROM dim_document AS d
    JOIN dim_locality AS l ON l.admin_code = d.locality_code
    WHERE d.is_current
),
series AS (
    SELECT k.province_code, b.locality_code, b.indicator,
           list(b.value ORDER BY b.report_year) AS v, list(k.doc_index ORDER BY b.report_year) AS d
    FROM mart_best_value AS b
    JOIN docs AS k USING (doc_id)
    GROUP BY ALL
),
shards AS (
    SELECT province_code,
           list({'l': locality_code, 'i': indicator, 'v': v, 'd': d}
                ORDER BY locality_code, indicator) AS series
    FROM series
    GROUP BY province_code
)
SELECT s.province_code,
       to_json({'series': s.series,
                'docs': (SELECT list([k.doc_id, k.report_year::VARCHAR, k.title, k.url]
                                     ORDER BY k.doc_index)
                         FROM docs AS k WHERE k.province_code = s.province_code)}) AS shard
FROM shards AS s
ORDER BY s.province_code;
