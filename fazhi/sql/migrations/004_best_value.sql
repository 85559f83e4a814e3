-- The winner of each locality × year × indicator, maintained by every load (and rebuilt when
-- the precedence rules or the dimensions change) so that the marts read one row per cell
-- instead of ranking every fact on each query. The fact's words and the locality's province and
-- level are copied in, so that the marts need no join with the million-row fact table.
CREATE TABLE best_value (
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
    level         VARCHAR,
    PRIMARY KEY (locality_code, report_year, indicator)
);
