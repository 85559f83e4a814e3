-- Documents (one row per version), their headline facts and every number mentioned.

CREATE TABLE dim_document (
    doc_id                 VARCHAR PRIMARY KEY,  -- version id (hash of the raw bytes)
    doc_key                VARCHAR NOT NULL,     -- stable identity across versions
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
    locality_code          VARCHAR,   -- resolved to a division of dim_locality where possible
    locality_code_reported VARCHAR,   -- as staged by the parser
    locality_name          VARCHAR,
    province               VARCHAR,
    city                   VARCHAR,
    parse_status           VARCHAR,
    parse_error            VARCHAR,
    extractor_version      VARCHAR,
    flags                  VARCHAR[],
    text_chars             INTEGER,
    is_current             BOOLEAN NOT NULL,
    superseded_by          VARCHAR,   -- doc_id of the version that replaced this one
    run_id                 VARCHAR NOT NULL,  -- run that first loaded this version
    loaded_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Full text kept apart so that scans of dim_document stay narrow.
CREATE TABLE document_text (
    doc_id VARCHAR PRIMARY KEY,
    text   VARCHAR
);

CREATE TABLE fact_indicator (
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
    run_id            VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, indicator)
);

CREATE TABLE fact_mention (
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
    run_id    VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, ordinal)
);
