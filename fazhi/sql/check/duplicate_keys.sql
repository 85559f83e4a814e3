-- Keys the load keeps unique in the tables that have no PRIMARY KEY since migrations 006 and
-- 007, over the whole warehouse (`fazhi check`): one row per table holding some key more than
-- once, with how many keys and the smallest of them. No row: one row per key everywhere.
WITH duplicates AS (
    SELECT 'fact_indicator' AS table_name, 'doc_id, indicator' AS key_columns,
           doc_id || ', ' || indicator AS key
    FROM fact_indicator GROUP BY doc_id, indicator HAVING count(*) > 1
    UNION ALL
    SELECT 'best_value', 'locality_code, report_year, indicator',
           locality_code || ', ' || report_year || ', ' || indicator
    FROM best_value GROUP BY locality_code, report_year, indicator HAVING count(*) > 1
    UNION ALL
    SELECT 'document_text', 'doc_id', doc_id
    FROM document_text GROUP BY doc_id HAVING count(*) > 1
    UNION ALL
    SELECT 'dim_document', 'doc_id', doc_id
    FROM dim_document GROUP BY doc_id HAVING count(*) > 1
)
SELECT table_name, key_columns, count(*) AS duplicated_keys, min(key) AS example
FROM duplicates
GROUP BY table_name, key_columns
ORDER BY table_name;
