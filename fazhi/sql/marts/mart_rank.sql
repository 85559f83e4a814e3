-- Rank of each locality per indicator × year within its province and within its level
-- (province, prefecture or county), by best value, largest first (rank 1). Ranks within the
-- province compare divisions of the same level only (a county is not ranked against its
-- prefecture). Ties share a rank; *_of is the size of the group, so for indicators where
-- smaller is better (e.g. lit_loss_rate) read ranks from the bottom.
CREATE OR REPLACE VIEW mart_rank AS
SELECT r.locality_code, l.name AS locality_name, r.level, r.province_code, l.province_name,
       r.indicator, r.report_year, r.value, r.unit, r.rank_in_province, r.rank_in_province_of,
       r.rank_in_level, r.rank_in_level_of
FROM (
    SELECT locality_code, level, province_code, indicator, report_year, value, unit,
           rank() OVER (PARTITION BY indicator, report_year, province_code, level
                        ORDER BY value DESC) AS rank_in_province,
           count(*) OVER (PARTITION BY indicator, report_year, province_code, level)
               AS rank_in_province_of,
           rank() OVER (PARTITION BY indicator, report_year, level ORDER BY value DESC)
               AS rank_in_level,
           count(*) OVER (PARTITION BY indicator, report_year, level) AS rank_in_level_of
    FROM best_value
    WHERE level IS NOT NULL
) AS r
JOIN dim_locality AS l ON l.admin_code = r.locality_code;
