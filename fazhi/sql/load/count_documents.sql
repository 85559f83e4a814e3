-- Staged document versions that are new to the warehouse, and those already loaded.
SELECT count(*) FILTER (WHERE d.doc_id IS NULL) AS new_documents,
       count(*) FILTER (WHERE d.doc_id IS NOT NULL) AS unchanged_documents
FROM (SELECT DISTINCT doc_id FROM staged_documents) AS s
LEFT JOIN dim_document AS d USING (doc_id);
