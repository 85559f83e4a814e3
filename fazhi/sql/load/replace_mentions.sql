-- Replace the changed mentions. Parameter: run_id.
-- Only the rows that replace a loaded mention are looked for (none for a batch of new reports,
-- and then DuckDB does not scan fact_mention at all), by a join: `(doc_id, ordinal) IN
-- (SELECT (…))` built a struct for each of the 7.8 M mentions at 100,000 reports (0.5-0.9 s of
-- CPU a batch; the join 0.3 s, skipping it 0.001 s).
DELETE FROM fact_mention
USING changed_mentions AS c
WHERE c.replaces_loaded AND fact_mention.doc_id = c.doc_id AND fact_mention.ordinal = c.ordinal;
INSERT INTO fact_mention
SELECT doc_id, ordinal, value, unit, qualifier, text, start, "end", sentence, outline, indicator,
       $1
FROM changed_mentions;
DROP TABLE changed_mentions;
