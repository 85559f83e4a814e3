-- Share of current annual reports and work summaries that state each indicator
-- (fact_indicator holds at most one row per document × indicator, so rows count documents).
WITH documents AS (
    SELECT doc_id FROM dim_document
    WHERE is_current AND doc_type IN ('annual_report', 'work_summary')
),
stated AS (
    SELECT indicator, count(*) AS documents_stating
    FROM fact_indicator
    WHERE doc_id IN (SELECT doc_id FROM documents)
    GROUP BY indicator
)
SELECT i.code, i.name_zh, i.category, i.kind, coalesce(s.documents_stating, 0) AS documents_stating,
       (SELECT count(*) FROM documents) AS documents
FROM dim_indicator AS i
LEFT JOIN stated AS s ON s.indicator = i.code
ORDER BY i.ordinal;
