-- The current quarantine: the latest refusal of each row that has not been loaded since
-- (a reprocessed row that passed is in dim_document / fact_indicator and drops out), with the
-- province, year and kind of its document where the document loaded, for the page's filters.
WITH latest AS (
    SELECT *
    FROM quarantine_row
    QUALIFY row_number() OVER (
        PARTITION BY table_name, doc_id, indicator ORDER BY quarantined_at DESC NULLS LAST
    ) = 1
)
SELECT q.run_id, q.table_name, q.doc_id, q.indicator, q.reasons,
       strftime(q.quarantined_at, '%Y-%m-%d %H:%M') AS quarantined,
       coalesce(d.url, json_extract_string(q.row_json, '$.url')) AS url,
       coalesce(d.title, json_extract_string(q.row_json, '$.title')) AS title,
       json_extract_string(q.row_json, '$.value') AS value,
       l.province_code, d.report_year, d.doc_type
FROM latest AS q
LEFT JOIN dim_document AS d ON d.doc_id = q.doc_id
LEFT JOIN dim_locality AS l ON l.admin_code = d.locality_code
WHERE NOT (q.table_name = 'documents' AND d.doc_id IS NOT NULL)
  AND NOT EXISTS (
      SELECT 1 FROM fact_indicator AS f
      WHERE q.table_name = 'facts' AND f.doc_id = q.doc_id AND f.indicator = q.indicator
  )
ORDER BY q.quarantined_at DESC NULLS LAST, q.doc_id, q.indicator
LIMIT 500;
