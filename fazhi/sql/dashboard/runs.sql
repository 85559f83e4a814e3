-- Every pipeline run, oldest first, with its load counts.
SELECT run_id, strftime(coalesce(started_at, loaded_at), '%Y-%m-%d %H:%M') AS started,
       strftime(loaded_at, '%Y-%m-%d %H:%M') AS loaded, status,
       documents_staged, documents_loaded, facts_loaded, mentions_loaded, quarantined_rows
FROM pipeline_run
ORDER BY loaded_at, run_id;
