-- Report years 2004-2035 with the five-year plan and 普法 period of each (known up to 2030)
-- and the 依法行政 / 法治政府建设 outline in force.
DELETE FROM dim_year;
INSERT INTO dim_year
SELECT y,
       CASE WHEN y BETWEEN 2006 AND 2030
            THEN ['十一五', '十二五', '十三五', '十四五', '十五五'][(y - 2006) // 5 + 1] END,
       CASE WHEN y BETWEEN 2006 AND 2030 THEN 2006 + (y - 2006) // 5 * 5 END,
       CASE WHEN y BETWEEN 2006 AND 2030
            THEN ['五五普法', '六五普法', '七五普法', '八五普法', '九五普法'][(y - 2006) // 5 + 1]
       END,
       CASE WHEN y BETWEEN 2006 AND 2030 THEN 2006 + (y - 2006) // 5 * 5 END,
       CASE WHEN y BETWEEN 2004 AND 2014 THEN '全面推进依法行政实施纲要（2004）'
            WHEN y BETWEEN 2015 AND 2020 THEN '法治政府建设实施纲要（2015-2020年）'
            WHEN y BETWEEN 2021 AND 2025 THEN '法治政府建设实施纲要（2021-2025年）' END
FROM range(2004, 2036) AS t(y);
