-- Replace the changed facts; locality and year come from the fact's document version.
-- changed_facts stays for load/refresh_best_value.sql, which drops it. Parameter: run_id.
DELETE FROM fact_indicator
WHERE (doc_id, indicator) IN (SELECT (doc_id, indicator) FROM changed_facts);
INSERT INTO fact_indicator
SELECT c.doc_id, c.indicator, d.locality_code, d.report_year, c.value, c.unit, c.qualifier,
       c.text, c.start, c."end", c.sentence, c.rule, c.extractor_version, c.flags, $1
FROM changed_facts AS c
LEFT JOIN dim_document AS d USING (doc_id);
