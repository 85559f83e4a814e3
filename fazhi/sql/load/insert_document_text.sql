-- Full text of document versions not stored yet.
INSERT INTO document_text
SELECT s.doc_id, any_value(s.text)
FROM staged_documents AS s
WHERE NOT EXISTS (SELECT 1 FROM document_text AS t WHERE t.doc_id = s.doc_id)
GROUP BY s.doc_id;
