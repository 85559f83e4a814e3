-- The provinces that get a trend shard, with their current documents: trend_shards.sql runs
-- on groups of them, a bounded number of documents at a time.
SELECT l.province_code, count(*) AS documents
FROM dim_document AS d
JOIN dim_locality AS l ON l.admin_code = d.locality_code
WHERE d.is_current
GROUP BY l.province_code
ORDER BY l.province_code;
