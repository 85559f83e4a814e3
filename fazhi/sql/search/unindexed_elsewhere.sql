-- Whether a stored document outside the staged batch is not indexed (the index was just made or
-- reset, e.g. after a tokenizer change): only then does the load read document_text
-- (unindexed.sql). Reads the doc_id columns only.
SELECT EXISTS (
    SELECT 1
    FROM dim_document AS d
    SEMI JOIN document_text AS t ON t.doc_id = d.doc_id
    ANTI JOIN search_docs AS i ON i.doc_id = d.doc_id
    ANTI JOIN staged_documents AS s ON s.doc_id = d.doc_id
);
