-- Per source, from the warehouse: how many current documents and when the newest was fetched.
SELECT coalesce(source_id, '(none)') AS source_id, count(*) AS documents,
       strftime(max(fetched_at), '%Y-%m-%d %H:%M') AS last_fetched,
       max(report_year) AS latest_report_year
FROM dim_document
WHERE is_current
GROUP BY ALL
ORDER BY source_id;
