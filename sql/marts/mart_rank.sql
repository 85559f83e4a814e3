-- Rank of each locality per indicator × year within its province and within its level
-- (province, prefecture or county), by best value, largest first (rank 1). Ties share a rank.
-- For indicators where smaller is better (e.g. lit_loss_rate) read ranks from the bottom:
-- *_of gives the size of the group.
CREATE OR REPLACE VIEW mart_rank AS
SELECT locality_code, locality_name, level, province_code, province_name,
       indicator, report_year, value, unit,
       rank() OVER (PARTITION BY indicator, report_year, province_code, level ORDER BY value DESC)
           AS rank_in_province,
       count(*) OVER (PARTITION BY indicator, report_year, province_code, level)
           AS rank_in_province_of,
       rank() OVER (PARTITION BY indicator, report_year, level ORDER BY value DESC)
           AS rank_in_level,
       count(*) OVER (PARTITION BY indicator, report_year, level) AS rank_in_level_of
FROM mart_best_value
WHERE level IS NOT NULL;
