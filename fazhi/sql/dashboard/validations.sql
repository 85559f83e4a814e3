-- Each expectation of each run: rows that passed, and the failing rows split by what the gate
-- did with them (a warning loads the rows flagged; a critical failure quarantines them).
SELECT v.run_id, v.suite, v.expectation, coalesce(v.severity, 'critical') AS severity,
       v.success,
       coalesce(v.element_count, 0) - coalesce(v.unexpected_count, 0) AS passed,
       CASE WHEN v.severity = 'warning' THEN coalesce(v.unexpected_count, 0) ELSE 0 END AS warned,
       CASE WHEN v.severity = 'warning' THEN 0 ELSE coalesce(v.unexpected_count, 0) END
           AS quarantined
FROM gate_validation AS v
LEFT JOIN pipeline_run AS r USING (run_id)
ORDER BY r.loaded_at NULLS LAST, v.run_id, v.suite, v.expectation;
