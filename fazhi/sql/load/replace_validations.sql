-- The gate's record for the runs in the batch, replaced as a whole (a rerun of a run rewrites
-- its own validations, never another run's).
DELETE FROM gate_validation WHERE run_id IN (SELECT run_id FROM staged_validations);
INSERT INTO gate_validation
SELECT run_id, suite, expectation, any_value(severity), bool_and(success),
       sum(element_count), sum(unexpected_count), max(validated_at)
FROM staged_validations
GROUP BY run_id, suite, expectation;
