-- Localities with a report, per province and year, against all localities of the province.
SELECT province_name, report_year,
       count(*) FILTER (WHERE has_report) AS localities_reporting,
       count(*) AS localities,
       round(100.0 * count(*) FILTER (WHERE has_report) / count(*), 1) AS coverage_pct
FROM mart_coverage
GROUP BY province_name, report_year
ORDER BY province_name, report_year;
