-- Replace the changed mentions. Parameter: run_id.
DELETE FROM fact_mention
WHERE (doc_id, ordinal) IN (SELECT (doc_id, ordinal) FROM changed_mentions);
INSERT INTO fact_mention
SELECT doc_id, ordinal, value, unit, qualifier, text, start, "end", sentence, outline, indicator,
       $1
FROM changed_mentions;
DROP TABLE changed_mentions;
