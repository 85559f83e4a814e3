-- Whether the full-text index has been built (its schema exists).
SELECT count(*) > 0 FROM duckdb_schemas() WHERE schema_name = 'fts_main_document_words';
