-- Legal aid cases: the five largest figures within each province, latest year.
SELECT province_name, locality_name, report_year, value, rank_in_province
FROM mart_rank
WHERE indicator = 'aid_cases'
  AND report_year = (SELECT max(report_year) FROM mart_rank WHERE indicator = 'aid_cases')
  AND rank_in_province <= 5
ORDER BY province_name, rank_in_province;
