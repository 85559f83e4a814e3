-- The ten latest pipeline runs with what each loaded.
SELECT run_id, status, loaded_at, documents_loaded, documents_unchanged, documents_superseded,
       facts_loaded, quarantined_rows
FROM pipeline_run
ORDER BY loaded_at DESC
LIMIT 10;
