-- Whether the search postings exist (the first load creates them).
SELECT count(*) > 0 FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'search_docs';
