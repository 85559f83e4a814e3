-- Re-published reports: each superseded version with the version that replaced it.
SELECT old.doc_key, old.title, old.doc_id AS old_doc_id, old.fetched_at AS old_fetched_at,
       new.doc_id AS new_doc_id, new.fetched_at AS new_fetched_at
FROM dim_document AS old
JOIN dim_document AS new ON new.doc_id = old.superseded_by
ORDER BY new.fetched_at DESC;
