-- Replace the indicator dimension with the registered frame `indicators` (the catalogue).
DELETE FROM dim_indicator;
INSERT INTO dim_indicator
SELECT code, ordinal, category, name_zh, name_en, unit, kind, min_value, max_value,
       kind IN ('count', 'stock', 'amount')
FROM indicators;
