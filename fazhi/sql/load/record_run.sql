-- One row per pipeline run. Reloading a run keeps its first load time and adds what the reload
-- loaded (nothing, when the batch was loaded already), so an identical reload changes nothing.
-- Parameters: run_id, started_at, loaded_at, status, count names, count values,
-- documents_staged, documents_loaded, documents_unchanged, documents_superseded, facts_loaded,
-- mentions_loaded, validations_loaded, quarantined_rows.
INSERT INTO pipeline_run
VALUES ($1, $2, $3, $4, map($5::VARCHAR[], $6::BIGINT[]), $7, $8, $9, $10, $11, $12, $13, $14)
ON CONFLICT (run_id) DO UPDATE SET
    status = excluded.status,
    counts = excluded.counts,
    documents_loaded = pipeline_run.documents_loaded + excluded.documents_loaded,
    documents_superseded = pipeline_run.documents_superseded + excluded.documents_superseded,
    facts_loaded = pipeline_run.facts_loaded + excluded.facts_loaded,
    mentions_loaded = pipeline_run.mentions_loaded + excluded.mentions_loaded;
