-- The catalogue as the page needs it, in catalogue order; other tables refer to an indicator by
-- its ordinal to stay small.
SELECT ordinal, code, name_zh, name_en, unit, kind, category
FROM dim_indicator
ORDER BY ordinal;
