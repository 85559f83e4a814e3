SELECT value FROM warehouse_meta WHERE key = ?;
