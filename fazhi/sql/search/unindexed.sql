-- Documents whose title and text are not indexed yet, numbered into chunks of $1 documents
-- (cut_terms.sql cuts one chunk at a time).
CREATE OR REPLACE TEMP TABLE unindexed_documents AS
SELECT d.doc_id, (row_number() OVER (ORDER BY d.doc_id) - 1) // $1 AS chunk
FROM dim_document AS d
JOIN document_text AS t USING (doc_id)
WHERE NOT EXISTS (SELECT 1 FROM search_docs AS s WHERE s.doc_id = d.doc_id);
