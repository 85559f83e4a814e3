-- Run bookkeeping and the quality gate's record.

CREATE TABLE pipeline_run (
    run_id               VARCHAR PRIMARY KEY,
    started_at           TIMESTAMP WITH TIME ZONE,
    loaded_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    status               VARCHAR NOT NULL,
    counts               MAP(VARCHAR, BIGINT),  -- stage counts reported by the flow
    documents_staged     BIGINT NOT NULL,
    documents_loaded     BIGINT NOT NULL,
    documents_unchanged  BIGINT NOT NULL,
    documents_superseded BIGINT NOT NULL,
    facts_loaded         BIGINT NOT NULL,
    mentions_loaded      BIGINT NOT NULL,
    validations_loaded   BIGINT NOT NULL,
    quarantined_rows     BIGINT NOT NULL
);

CREATE TABLE gate_validation (
    run_id           VARCHAR NOT NULL,
    suite            VARCHAR NOT NULL,
    expectation      VARCHAR NOT NULL,
    severity         VARCHAR,
    success          BOOLEAN,
    element_count    BIGINT,
    unexpected_count BIGINT,
    validated_at     TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (run_id, suite, expectation)
);

CREATE TABLE quarantine_row (
    run_id         VARCHAR NOT NULL,
    table_name     VARCHAR NOT NULL,
    doc_id         VARCHAR,
    indicator      VARCHAR,
    row_json       VARCHAR,
    reasons        VARCHAR[],
    quarantined_at TIMESTAMP WITH TIME ZONE
);
