-- The best value per locality × report year × indicator, and the document it came from.
--
-- The winner is kept in the best_value table by every load; the precedence is documented in
-- sql/load/refresh_best_value.sql: annual_report over work_summary over other, then exact over
-- approx over at_least, then the latest fetch of a current (not superseded) version.
-- candidates counts the values that competed, so analysts can see where sources disagree.
CREATE OR REPLACE VIEW mart_best_value AS
SELECT b.locality_code, b.report_year, b.indicator, b.value, b.unit, b.qualifier, b.doc_id,
       d.doc_type, d.title, d.url, b.text, b.sentence, b.flags, b.candidates,
       l.name AS locality_name, b.level, b.province_code, l.province_name,
       l.city_code, l.city_name
FROM best_value AS b
JOIN dim_document AS d ON d.doc_id = b.doc_id
LEFT JOIN dim_locality AS l ON l.admin_code = b.locality_code;
