-- Expectations that failed, per run, with how many rows they caught.
SELECT run_id, suite, expectation, severity, unexpected_count, element_count
FROM gate_validation
WHERE NOT success
ORDER BY run_id DESC, severity, suite, expectation;
