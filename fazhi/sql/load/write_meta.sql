INSERT OR REPLACE INTO warehouse_meta (key, value) VALUES (?, ?);
