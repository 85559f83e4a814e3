-- The staged batch's documents not indexed yet (a load's new reports), with the text staged for
-- them, which load/insert_document_text.sql stored. Reading it back from document_text scanned
-- every report's text there (~1 GB at 100,000 reports), which DuckDB then kept in its buffer
-- pool: the loader's peak grew with the warehouse.
SELECT d.doc_id, coalesce(d.title, '') AS title, coalesce(s.text, '') AS text
FROM dim_document AS d
JOIN (SELECT doc_id, any_value(text) AS text FROM staged_documents GROUP BY doc_id) AS s
    USING (doc_id)
WHERE NOT EXISTS (SELECT 1 FROM search_docs AS i WHERE i.doc_id = d.doc_id)
ORDER BY d.doc_id;
