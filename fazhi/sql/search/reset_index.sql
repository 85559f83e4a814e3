-- Postings cut by another tokenizer cannot answer queries cut by this one: drop them (and the
-- words table of the jieba days) so that this load indexes every document again, and record
-- the tokenizer now used (the parameter).
DROP TABLE IF EXISTS document_words;
DELETE FROM search_terms;
DELETE FROM search_docs;
DELETE FROM search_meta;
INSERT INTO search_meta VALUES ($1);
