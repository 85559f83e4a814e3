-- (private) Divisions matching a code, a name, an alias or a former name (江干区 → 上城区).
-- Parameter: the text typed by the user.
SELECT admin_code, name, level, province_name, city_name
FROM dim_locality
WHERE admin_code = $1 OR name = $1 OR list_contains(aliases, $1)
   OR list_contains(former_names, $1)
ORDER BY admin_code = $1 DESC, name = $1 DESC, level, admin_code;
