-- The gate's record for the batches in the load, each replaced as a whole (a batch loaded again
-- rewrites its own rows, never another batch's or run's), then each of their runs' record as the
-- sum of its batches so far: every expectation passed only if it passed in every batch.
DELETE FROM gate_validation_batch AS kept
USING (SELECT DISTINCT run_id, coalesce(batch, 0) AS batch FROM staged_validations) AS staged
WHERE kept.run_id = staged.run_id AND kept.batch = staged.batch;

INSERT INTO gate_validation_batch
SELECT run_id, coalesce(batch, 0), suite, expectation, any_value(severity), bool_and(success),
       sum(element_count), sum(unexpected_count), max(validated_at)
FROM staged_validations
GROUP BY run_id, coalesce(batch, 0), suite, expectation;

DELETE FROM gate_validation WHERE run_id IN (SELECT run_id FROM staged_validations);
INSERT INTO gate_validation
SELECT run_id, suite, expectation, any_value(severity), bool_and(success),
       sum(element_count), sum(unexpected_count), max(validated_at)
FROM gate_validation_batch
WHERE run_id IN (SELECT run_id FROM staged_validations)
GROUP BY run_id, suite, expectation;
