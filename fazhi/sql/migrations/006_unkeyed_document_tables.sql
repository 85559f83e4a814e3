-- fact_indicator, best_value and document_text lose their PRIMARY KEYs. DuckDB keeps the index
-- behind each key (an ART) in memory and rewrites it at every checkpoint, so each batch's load
-- grew with the warehouse: loading one 495-report batch into a copy of the 10,000-report
-- warehouse took 45-120 MB more memory than into the 1,000-report one, and a longer checkpoint
-- (README, Scale). Without these three keys the loading process peaked 40-90 MB lower at
-- 10,000 reports, about half of it document_text's. The load already keeps one row per key: it
-- deletes a document's facts (or a cell's best value) before inserting them, from staged rows
-- deduplicated by key, and adds a text only for a doc_id without one; load/check_batch_keys.sql
-- checks each batch's keys before its commit and `fazhi check` the whole warehouse's.
-- fact_mention and search_docs keep theirs: without them a load was neither faster nor smaller
-- (measured at 10,000 reports), and so do the dimensions and the run tables.
--
-- DuckDB cannot drop a PRIMARY KEY (ALTER TABLE … DROP CONSTRAINT is not implemented in 1.5):
-- each table is copied into one declared without it, then takes the old one's name. Views over
-- them (the marts) name tables, not their storage, and read the new ones.

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
