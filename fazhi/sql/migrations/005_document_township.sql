-- The township or street (乡, 镇, 街道) a report covers: its locality_code is the county's, since
-- GB/T 2260 stops at the county, and the township is named here. NULL for every other report.
ALTER TABLE dim_document ADD COLUMN township VARCHAR;
