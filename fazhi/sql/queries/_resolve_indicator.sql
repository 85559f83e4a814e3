-- (private) Indicators matching a code or a Chinese or English name. Parameter: the text.
SELECT code, name_zh, unit
FROM dim_indicator
WHERE code = $1 OR name_zh = $1 OR lower(name_en) = lower($1)
ORDER BY ordinal;
