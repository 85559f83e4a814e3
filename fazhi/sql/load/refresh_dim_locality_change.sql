-- Replace recorded division changes with the registered frame `changes`, resolving each new
-- path to the code of today's division (matched by province, then city and name).
DELETE FROM dim_locality_change;
INSERT INTO dim_locality_change
SELECT c.changed_on, c.old_province_name, c.old_city_name, c.old_name,
       c.new_province_name, c.new_city_name, c.new_name,
       (SELECT d.admin_code FROM divisions AS d
        WHERE d.province_name = c.new_province_name AND d.name = c.new_name
        ORDER BY (d.city_name IS NOT DISTINCT FROM c.new_city_name) DESC, d.admin_code
        LIMIT 1)
FROM changes AS c;
