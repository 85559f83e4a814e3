-- The gate's record of each batch of a run. A run gated in batches replaced its whole record
-- (gate_validation, keyed by run) with each batch's, so it kept only its last batch's counts and
-- verdicts (33 rows for a 200-batch run that evaluated 6,600 expectations). Each batch's rows now
-- live here, replaced when that batch is loaded again, and gate_validation holds their sum per run
-- (load/replace_validations.sql): readers see the run's record as before. A run gated whole is
-- its batch 0, as the rows kept before this migration are.
CREATE TABLE gate_validation_batch AS
SELECT run_id, 0::BIGINT AS batch, * EXCLUDE (run_id) FROM gate_validation;
ALTER TABLE gate_validation_batch ALTER COLUMN run_id SET NOT NULL;
ALTER TABLE gate_validation_batch ALTER COLUMN batch SET NOT NULL;
ALTER TABLE gate_validation_batch ALTER COLUMN suite SET NOT NULL;
ALTER TABLE gate_validation_batch ALTER COLUMN expectation SET NOT NULL;
