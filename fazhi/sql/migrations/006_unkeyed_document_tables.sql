-- The tables that grow with every document lose their PRIMARY KEYs. DuckDB keeps the index
-- behind each key (an ART) in memory and rewrites it at every checkpoint, so each batch's load
-- grew with the warehouse: loading one 495-report batch into the 10,000-report warehouse spent
-- its extra time and memory there (README, Scale). The load already keeps one row per key: it
-- deletes a document's rows (or a cell's best value) before inserting them, from staged rows
-- deduplicated by key; load/check_batch_keys.sql checks each batch's keys before its commit and
-- `fazhi check` the whole warehouse's. The small tables (dimensions, runs, validations) keep
-- theirs.
--
-- DuckDB cannot drop a PRIMARY KEY (ALTER TABLE … DROP CONSTRAINT is not implemented in 1.5):
-- each table is copied into one declared without it, then takes the old one's name. Views over
-- them (the marts) name tables, not their storage, and read the new ones.

CREATE TABLE fact_mention_unkeyed (
    doc_id    VARCHAR NOT NULL,
    ordinal   INTEGER NOT NULL,
    value     DOUBLE,
    unit      VARCHAR,
    qualifier VARCHAR,
    text      VARCHAR,
    start     INTEGER,
    "end"     INTEGER,
    sentence  VARCHAR,
    outline   VARCHAR,
    indicator VARCHAR,   -- null: a number no indicator claimed
    run_id    VARCHAR NOT NULL
    -- one row per (doc_id, ordinal): load/replace_mentions.sql
);
INSERT INTO fact_mention_unkeyed BY NAME SELECT * FROM fact_mention;
DROP TABLE fact_mention;
ALTER TABLE fact_mention_unkeyed RENAME TO fact_mention;

CREATE TABLE fact_indicator_unkeyed (
    doc_id            VARCHAR NOT NULL,
    indicator         VARCHAR NOT NULL,
    locality_code     VARCHAR,
    report_year       INTEGER,
    value             DOUBLE NOT NULL,
    unit              VARCHAR,
    qualifier         VARCHAR,
    text              VARCHAR,
    start             INTEGER,
    "end"             INTEGER,
    sentence          VARCHAR,
    rule              VARCHAR,
    extractor_version VARCHAR,
    flags             VARCHAR[],
    run_id            VARCHAR NOT NULL
    -- one row per (doc_id, indicator): load/replace_facts.sql
);
INSERT INTO fact_indicator_unkeyed BY NAME SELECT * FROM fact_indicator;
DROP TABLE fact_indicator;
ALTER TABLE fact_indicator_unkeyed RENAME TO fact_indicator;

CREATE TABLE best_value_unkeyed (
    locality_code VARCHAR NOT NULL,
    report_year   INTEGER NOT NULL,
    indicator     VARCHAR NOT NULL,
    doc_id        VARCHAR NOT NULL,
    value         DOUBLE NOT NULL,
    unit          VARCHAR,
    qualifier     VARCHAR,
    text          VARCHAR,
    sentence      VARCHAR,
    flags         VARCHAR[],
    candidates    INTEGER NOT NULL,  -- current values that competed for the cell
    province_code VARCHAR,           -- from dim_locality; null for codes it does not know
    level         VARCHAR
    -- one row per (locality_code, report_year, indicator): load/refresh_best_value.sql
);
INSERT INTO best_value_unkeyed BY NAME SELECT * FROM best_value;
DROP TABLE best_value;
ALTER TABLE best_value_unkeyed RENAME TO best_value;

CREATE TABLE document_text_unkeyed (
    doc_id VARCHAR NOT NULL,  -- one row per doc_id: load/insert_document_text.sql
    text   VARCHAR
);
INSERT INTO document_text_unkeyed BY NAME SELECT * FROM document_text;
DROP TABLE document_text;
ALTER TABLE document_text_unkeyed RENAME TO document_text;

-- The search postings, created by each load until now (a warehouse that never loaded has none):
-- created here, and search_docs copied without its key like the tables above. They are derived
-- data, rebuilt at will: search/reset_index.sql empties them and the next load indexes every
-- document. DuckDB's fts index cannot be updated, only rebuilt over every document (about 80 s
-- per 1,000 reports at each load); these tables grow by the new documents of each load instead,
-- and search/search.sql computes fts's BM25 over them.
CREATE TABLE IF NOT EXISTS search_terms (  -- one row per distinct term of a document
    doc_id VARCHAR NOT NULL,
    term   VARCHAR NOT NULL,
    tf     INTEGER NOT NULL   -- times the term occurs in the document
);
CREATE TABLE IF NOT EXISTS search_meta (  -- how the postings were cut into terms
    tokenizer VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS search_docs (doc_id VARCHAR NOT NULL, len INTEGER NOT NULL);
CREATE TABLE search_docs_unkeyed (  -- one row per indexed document: search/insert_postings.sql
    doc_id VARCHAR NOT NULL,
    len    INTEGER NOT NULL   -- terms in the document, for BM25's length normalisation
);
INSERT INTO search_docs_unkeyed BY NAME SELECT * FROM search_docs;
DROP TABLE search_docs;
ALTER TABLE search_docs_unkeyed RENAME TO search_docs;
