-- New document versions (doc_id not seen before). They start as not current; the next step
-- decides which version of each doc_key is current. The locality is resolved to a division of
-- dim_locality: the staged code if it exists, else the division a recorded change renamed the
-- staged name into (a report on 江干区 belongs to today's 上城区).
-- Parameters: run_id, loaded_at.
INSERT INTO dim_document
SELECT s.doc_id, s.doc_key, s.source_id, s.url, s.title, s.issuer, s.doc_type, s.format,
       s.report_year, s.published_on, s.fetched_at, s.raw_sha256,
       coalesce(
           (SELECT l.admin_code FROM dim_locality AS l WHERE l.admin_code = s.locality_code),
           (SELECT c.new_code FROM dim_locality_change AS c
            WHERE c.old_name = s.locality_name AND c.new_code IS NOT NULL
              AND (s.province IS NULL OR c.old_province_name = s.province)
            ORDER BY c.changed_on DESC LIMIT 1),
           s.locality_code),
       s.locality_code, s.locality_name, s.province, s.city, s.parse_status, s.parse_error,
       s.extractor_version, s.flags, length(s.text), false, NULL, $1, $2, s.township
FROM staged_documents AS s
WHERE NOT EXISTS (SELECT 1 FROM dim_document AS d WHERE d.doc_id = s.doc_id)
QUALIFY row_number() OVER (PARTITION BY s.doc_id ORDER BY s.fetched_at DESC) = 1;
