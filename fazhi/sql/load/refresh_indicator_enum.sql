-- The enum of indicator codes that gives mart_locality_year_wide its columns, in catalogue order.
-- Dependent views are dropped first; migrate recreates every mart afterwards.
DROP VIEW IF EXISTS mart_locality_year_wide;
DROP TABLE IF EXISTS locality_year_wide;
DROP TYPE IF EXISTS indicator_code;
CREATE TYPE indicator_code AS ENUM (SELECT code FROM dim_indicator ORDER BY ordinal);
