-- For every doc_key touched by the batch, the latest fetched version is current and every other
-- version points to it through superseded_by (history is kept, never deleted). Only rows whose
-- state changes are updated; the returned rows count the versions just superseded.
UPDATE dim_document
SET is_current = v.is_current, superseded_by = v.superseded_by
FROM (
    SELECT doc_id,
           doc_id = latest AS is_current,
           CASE WHEN doc_id <> latest THEN latest END AS superseded_by
    FROM (
        SELECT doc_id,
               first_value(doc_id) OVER (
                   PARTITION BY doc_key ORDER BY fetched_at DESC NULLS LAST, doc_id DESC
               ) AS latest
        FROM dim_document
        WHERE doc_key IN (SELECT doc_key FROM staged_documents)
    )
) AS v
WHERE dim_document.doc_id = v.doc_id
  AND (dim_document.is_current IS DISTINCT FROM v.is_current
       OR dim_document.superseded_by IS DISTINCT FROM v.superseded_by)
RETURNING dim_document.doc_id, dim_document.is_current;
