-- Report texts segmented into words (jieba), and the postings BM25 ranks them by. Created here
-- rather than by a migration: they are derived data, rebuilt at will (fazhi rebuild).
-- DuckDB's fts index cannot be updated, only rebuilt over every document (about 80 s per 1,000
-- reports at each load); these tables grow by the new documents of each load instead, and
-- search.sql computes the same BM25 as fts's match_bm25 over them.
CREATE TABLE IF NOT EXISTS document_words (
    doc_id VARCHAR PRIMARY KEY,
    words  VARCHAR NOT NULL  -- title and text, one space between words
);
CREATE TABLE IF NOT EXISTS search_terms (  -- one row per word of a document
    doc_id VARCHAR NOT NULL,
    term   VARCHAR NOT NULL,
    tf     INTEGER NOT NULL   -- times the word occurs in the document
);
CREATE TABLE IF NOT EXISTS search_docs (  -- one row per indexed document
    doc_id VARCHAR PRIMARY KEY,
    len    INTEGER NOT NULL   -- words in the document, for BM25's length normalisation
);
