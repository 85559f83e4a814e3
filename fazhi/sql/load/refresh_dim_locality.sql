-- Replace the division dimension with the registered frame `divisions` (fazhi.localities).
DELETE FROM dim_locality;
INSERT INTO dim_locality
SELECT d.admin_code, d.name, d.level, d.province_code, d.province_name, d.city_code, d.city_name,
       d.aliases, d.is_function_zone,
       coalesce(h.former_names, []::VARCHAR[]), h.last_changed_on
FROM divisions AS d
LEFT JOIN (
    SELECT new_code, list(DISTINCT old_name ORDER BY old_name) FILTER (WHERE old_name <> new_name)
               AS former_names,
           max(changed_on) AS last_changed_on
    FROM dim_locality_change
    WHERE new_code IS NOT NULL
    GROUP BY new_code
) AS h ON h.new_code = d.admin_code;
