-- dim_document loses its PRIMARY KEY, as fact_indicator, best_value and document_text did in
-- 006. DuckDB appends the rows of a table with an index to its last row group, and a checkpoint
-- re-compresses a row group that changed as a whole: every batch's 500 new documents made the
-- writer's checkpoint rewrite up to 122,880 rows of 27 columns, plus the key's index. Into a copy
-- of the 100,000-report warehouse, the checkpoint after 500 documents were added took 1.2-2.9 s of
-- CPU with the key and 0.06-0.24 s without it: a table without an index gets a new row group per
-- checkpointed append, and DuckDB merges small row groups at the tail as they double.
-- The load already keeps one row per doc_id (load/insert_documents.sql adds a version only when
-- its doc_id is new, from staged rows deduplicated by doc_id); load/check_batch_keys.sql checks
-- each batch's documents before its commit and `fazhi check` the whole warehouse.
--
-- As in 006, DuckDB cannot drop a PRIMARY KEY: the table is copied into one declared without it
-- (the same columns in the same order, 005's township last), which then takes the old name.

CREATE TABLE dim_document_unkeyed (
    doc_id                 VARCHAR NOT NULL,  -- one row per doc_id: load/insert_documents.sql
    doc_key                VARCHAR NOT NULL,
    source_id              VARCHAR,
    url                    VARCHAR,
    title                  VARCHAR,
    issuer                 VARCHAR,
    doc_type               VARCHAR,
    format                 VARCHAR,
    report_year            INTEGER,
    published_on           DATE,
    fetched_at             TIMESTAMP WITH TIME ZONE,
    raw_sha256             VARCHAR,
    locality_code          VARCHAR,
    locality_code_reported VARCHAR,
    locality_name          VARCHAR,
    province               VARCHAR,
    city                   VARCHAR,
    parse_status           VARCHAR,
    parse_error            VARCHAR,
    extractor_version      VARCHAR,
    flags                  VARCHAR[],
    text_chars             INTEGER,
    is_current             BOOLEAN NOT NULL,
    superseded_by          VARCHAR,
    run_id                 VARCHAR NOT NULL,
    loaded_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    township               VARCHAR
);
INSERT INTO dim_document_unkeyed BY NAME SELECT * FROM dim_document;
DROP TABLE dim_document;
ALTER TABLE dim_document_unkeyed RENAME TO dim_document;
