-- check/duplicate_keys.sql over this batch's rows only, before its commit: the rows of the
-- documents and facts staged and the best values of the cells the batch
-- touched (as load/collect_affected_cells.sql finds them). Scanning a batch's keys costs what
-- finding its changed rows does, not the whole warehouse's.
WITH batch_docs AS (
    SELECT doc_id FROM staged_documents UNION SELECT doc_id FROM staged_facts
),
duplicates AS (
    SELECT 'fact_indicator' AS table_name, 'doc_id, indicator' AS key_columns,
           doc_id || ', ' || indicator AS key
    FROM fact_indicator WHERE doc_id IN (SELECT doc_id FROM batch_docs)
    GROUP BY doc_id, indicator HAVING count(*) > 1
    UNION ALL
    SELECT 'best_value', 'locality_code, report_year, indicator',
           locality_code || ', ' || report_year || ', ' || indicator
    FROM best_value
    WHERE (locality_code, report_year) IN (
        SELECT (locality_code, report_year) FROM dim_document
        WHERE doc_key IN (SELECT doc_key FROM staged_documents)
           OR doc_id IN (SELECT doc_id FROM batch_docs)
    )
    GROUP BY locality_code, report_year, indicator HAVING count(*) > 1
    UNION ALL
    SELECT 'document_text', 'doc_id', doc_id
    FROM document_text WHERE doc_id IN (SELECT doc_id FROM batch_docs)
    GROUP BY doc_id HAVING count(*) > 1
    UNION ALL
    SELECT 'dim_document', 'doc_id', doc_id
    FROM dim_document WHERE doc_id IN (SELECT doc_id FROM batch_docs)
    GROUP BY doc_id HAVING count(*) > 1
)
SELECT table_name, key_columns, count(*) AS duplicated_keys, min(key) AS example
FROM duplicates
GROUP BY table_name, key_columns
ORDER BY table_name;
