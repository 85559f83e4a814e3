-- The catalogue as the page needs it, in catalogue order.
SELECT code, name_zh, name_en, unit, kind, category
FROM dim_indicator
ORDER BY ordinal;
