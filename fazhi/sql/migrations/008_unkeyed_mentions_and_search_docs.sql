-- fact_mention and search_docs lose their PRIMARY KEYs, as fact_indicator, best_value and
-- document_text did in 006 and dim_document in 007. 006 kept these two because a load was no
-- faster without them; that changed once the warehouse's writers stopped merging row groups at
-- their checkpoints (max_vacuum_tasks 0: settings.warehouse_vacuum_tasks). DuckDB appends the
-- rows of a table with an index to its last row group and re-compresses that row group whole at the
-- checkpoint: every batch rewrote up to 122,880 mentions of 12 columns (their sentences among
-- them) and all of search_docs (one row group, growing with the warehouse), where a table without
-- an index gets a new row group for each checkpointed append and the batch's rows are written
-- once. Loading 12 batches into a copy of the 10,000-report warehouse: the commit's checkpoint
-- 0.39 s of CPU a batch without merging, 0.23 s without merging and these two keys (0.50 s before).
-- The load already keeps one row per key: load/replace_mentions.sql deletes the loaded mention of
-- a (doc_id, ordinal) before it inserts the staged one, from staged rows deduplicated by key, and
-- search/insert_postings.sql gives a length row only to a document not indexed yet, once;
-- load/check_batch_keys.sql checks each batch's keys before its commit and `fazhi check` the whole
-- warehouse's.
--
-- Each table is copied into one without the key (a copy's columns keep their order and types but
-- not their NOT NULLs, which are declared again), which then takes the old name. search_docs is
-- made by the first load that indexes (search/create_index.sql): made here when it is not there
-- yet, so that the copy finds it.

CREATE TABLE fact_mention_unkeyed AS SELECT * FROM fact_mention;
ALTER TABLE fact_mention_unkeyed ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE fact_mention_unkeyed ALTER COLUMN ordinal SET NOT NULL;
ALTER TABLE fact_mention_unkeyed ALTER COLUMN run_id SET NOT NULL;
DROP TABLE fact_mention;
ALTER TABLE fact_mention_unkeyed RENAME TO fact_mention;

CREATE TABLE IF NOT EXISTS search_docs (doc_id VARCHAR NOT NULL, len INTEGER NOT NULL);
CREATE TABLE search_docs_unkeyed AS SELECT * FROM search_docs;
ALTER TABLE search_docs_unkeyed ALTER COLUMN doc_id SET NOT NULL;
ALTER TABLE search_docs_unkeyed ALTER COLUMN len SET NOT NULL;
DROP TABLE search_docs;
ALTER TABLE search_docs_unkeyed RENAME TO search_docs;
