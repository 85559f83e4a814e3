-- A synthetic warehouse for the dashboard's tests and benchmark, written into a migrated,
-- empty warehouse: $localities county-level divisions, each reporting from a start year that
-- depends on its province and itself up to $last_year, each report stating a share of the
-- catalogue that differs per indicator (about 0.9 million facts for 3,000 localities and
-- 2011–2023), with runs, validations, quarantine rows and unmapped mentions. Coverage and fill
-- rates vary as in a real warehouse, so the map and charts have something to show. Values are
-- deterministic (hashes), not random, so two builds are identical.
CREATE TEMP TABLE synthetic_documents AS
SELECT left(md5(l.admin_code || '-' || y.year), 16) AS doc_id, l.admin_code, l.name,
       l.province_name, l.city_name, y.year,
       'run-' || lpad((y.year - $first_year + 1)::VARCHAR, 3, '0') AS run_id
FROM (
    SELECT * FROM dim_locality
    WHERE level = 'county' AND NOT is_function_zone
    -- provinces in turn, so a small warehouse still covers the whole country
    ORDER BY row_number() OVER (PARTITION BY province_code ORDER BY admin_code), admin_code
    LIMIT $localities
) AS l
CROSS JOIN range($first_year, $last_year + 1) AS y(year)
WHERE y.year >= $first_year + hash(l.province_code) % 5 + hash(l.admin_code) % 4;

INSERT INTO pipeline_run
SELECT run_id, TIMESTAMPTZ '2025-01-01 08:00:00+00' + to_days(n::INTEGER),
       TIMESTAMPTZ '2025-01-01 08:30:00+00' + to_days(n::INTEGER), 'completed',
       map(['crawled'], [count(*)]), count(*), count(*), 0, 0, count(*) * 40, count(*) * 5,
       12, count(*) // 50
FROM (SELECT run_id, year - $first_year AS n FROM synthetic_documents)
GROUP BY run_id, n;

-- Columns named, so a column added by a later migration is simply left NULL.
INSERT INTO dim_document (
    doc_id, doc_key, source_id, url, title, issuer, doc_type, format, report_year, published_on,
    fetched_at, raw_sha256, locality_code, locality_code_reported, locality_name, province, city,
    parse_status, parse_error, extractor_version, flags, text_chars, is_current, superseded_by,
    run_id, loaded_at, township
)
SELECT doc_id, 'key-' || doc_id, 'src-' || left(admin_code, 4),
       'http://127.0.0.1/reports/' || doc_id || '.html',
       name || year || '年法治政府建设年度报告', name || '人民政府', 'annual_report', 'html', year,
       make_date(year + 1, 3, 1), TIMESTAMPTZ '2025-01-01 08:00:00+00', md5(doc_id), admin_code,
       admin_code, name, province_name, city_name, 'ok', NULL, '1', []::VARCHAR[], 12000, TRUE,
       NULL, run_id, TIMESTAMPTZ '2025-01-01 08:30:00+00', NULL
FROM synthetic_documents;

INSERT INTO fact_indicator
SELECT d.doc_id, i.code, d.admin_code, d.year,
       CASE WHEN i.kind = 'rate' AND h % 997 = 0 THEN 105.0
            WHEN i.kind = 'rate' THEN 50 + (h % 500) / 10.0
            WHEN h % 1999 = 0 THEN 900000 + h % 1000
            ELSE 100 + h % 5000 END,
       i.unit, 'exact', '共' || (h % 5000) || i.unit, 100, 110, '全年共办理' || (h % 5000) || i.unit,
       'first', '1', CASE WHEN h % 1499 = 0 THEN ['across_years:tenfold'] ELSE []::VARCHAR[] END,
       d.run_id
FROM synthetic_documents AS d
CROSS JOIN dim_indicator AS i
CROSS JOIN LATERAL (SELECT hash(d.doc_id || i.code) % 100000 AS h)
WHERE h % 100 < 35 + hash(i.code) % 65;

INSERT INTO fact_mention
SELECT d.doc_id, o.ordinal, 10 + o.ordinal, ['件', '人次', '场', '万元', '个'][o.ordinal],
       'exact', (10 + o.ordinal) || ['件', '人次', '场', '万元', '个'][o.ordinal], 0, 4,
       ['办结信访事项', '培训执法人员', '举办普法讲座', '节约经费', '新建法治文化阵地'][o.ordinal]
           || (10 + o.ordinal) || ['件', '人次', '场', '万元', '个'][o.ordinal] || '。',
       '一、', NULL, d.run_id
FROM synthetic_documents AS d
CROSS JOIN range(1, 6) AS o(ordinal);

INSERT INTO gate_validation
SELECT r.run_id, e.suite, e.expectation, e.severity, e.failures = 0,
       r.documents_staged * 51, e.failures, r.loaded_at
FROM pipeline_run AS r
CROSS JOIN (VALUES
    ('facts', 'in_set:indicator', 'critical', 0),
    ('facts', 'values_between:value', 'critical', 3),
    ('facts', 'unit_matches_catalogue:unit', 'critical', 1),
    ('documents', 'not_null:locality_code', 'critical', 2),
    ('across_years', 'ratio_to_previous_year:value', 'warning', 20)
) AS e(suite, expectation, severity, failures);

INSERT INTO quarantine_row
SELECT d.run_id, 'facts', d.doc_id, 'unknown_indicator',
       '{"value": 123456789, "url": "http://127.0.0.1/reports/' || d.doc_id || '.html"}',
       ['in_set:indicator'], TIMESTAMPTZ '2025-01-01 08:20:00+00'
FROM synthetic_documents AS d
WHERE hash(d.doc_id) % 50 = 0;
