-- How many loaded mentions belong to a document of the staged mentions. Only the doc_id column
-- is read (0.08 s over the 8 M mentions of 100,000 reports), where
-- load/stage_changed_mentions.sql can read the key and every compared column of fact_mention,
-- sentences included (1.9 s for a batch replayed into that warehouse; docs/scale.md); with none,
-- load/stage_new_mentions.sql stages them as they are.
SELECT count(*) FROM fact_mention WHERE doc_id IN (SELECT doc_id FROM staged_mentions);
