-- Per source, from the raw manifest (every fetch attempt): the last successful fetch, the last
-- attempt and its outcome, and how many fetches were blocked or failed in the source's last run.
WITH fetches AS (
    SELECT * FROM read_parquet($manifest_glob, union_by_name = true)
),
last_run AS (
    SELECT source_id, arg_max(run_id, fetched_at) AS run_id FROM fetches GROUP BY source_id
)
SELECT f.source_id,
       strftime(max(f.fetched_at) FILTER (
           WHERE f.outcome IN ('new', 'changed', 'unchanged', 'not_modified')), '%Y-%m-%d %H:%M')
           AS last_success,
       strftime(max(f.fetched_at), '%Y-%m-%d %H:%M') AS last_attempt,
       arg_max(f.outcome, f.fetched_at) AS last_outcome,
       count(*) FILTER (WHERE f.outcome = 'blocked' AND f.run_id = r.run_id) AS blocked,
       count(*) FILTER (WHERE f.outcome = 'failed' AND f.run_id = r.run_id) AS failed,
       arg_max(f.reason, f.fetched_at) FILTER (WHERE f.outcome IN ('blocked', 'failed'))
           AS last_reason
FROM fetches AS f
JOIN last_run AS r USING (source_id)
GROUP BY f.source_id
ORDER BY f.source_id;
