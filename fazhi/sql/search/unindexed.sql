-- Documents whose title and text are not indexed yet.
SELECT d.doc_id, coalesce(d.title, '') AS title, coalesce(t.text, '') AS text
FROM dim_document AS d
JOIN document_text AS t USING (doc_id)
WHERE NOT EXISTS (SELECT 1 FROM search_docs AS s WHERE s.doc_id = d.doc_id)
ORDER BY d.doc_id;
