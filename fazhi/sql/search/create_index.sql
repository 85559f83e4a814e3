-- The postings BM25 ranks reports by. Created here rather than by a migration: they are
-- derived data, rebuilt at will (fazhi rebuild). DuckDB's fts index cannot be updated, only
-- rebuilt over every document (about 80 s per 1,000 reports at each load); these tables grow by
-- the new documents of each load instead, and search.sql computes fts's BM25 over them.
CREATE TABLE IF NOT EXISTS search_terms (  -- one row per distinct term of a document
    doc_id VARCHAR NOT NULL,
    term   VARCHAR NOT NULL,
    tf     INTEGER NOT NULL   -- times the term occurs in the document
);
CREATE TABLE IF NOT EXISTS search_docs (  -- one row per indexed document
    doc_id VARCHAR PRIMARY KEY,
    len    INTEGER NOT NULL   -- terms in the document, for BM25's length normalisation
);
CREATE TABLE IF NOT EXISTS search_meta (  -- how the postings were cut into terms
    tokenizer VARCHAR NOT NULL
);
