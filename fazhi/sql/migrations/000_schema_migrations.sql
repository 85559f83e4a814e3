-- Bookkeeping of applied migrations; applied first and always safe to re-run.
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       VARCHAR NOT NULL,
    applied_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT current_timestamp
);

-- Fingerprint of the reference data and mart definitions last installed, so that opening the
-- warehouse refreshes dimensions and views only when their sources changed.
CREATE TABLE IF NOT EXISTS warehouse_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
