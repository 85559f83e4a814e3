-- DuckDB's full-text index over the segmented words. The words are already split by jieba, so
-- no stemmer and no stop words; anything but letters and digits separates words (the default
-- would drop every Chinese character).
PRAGMA create_fts_index(
    'document_words', 'doc_id', 'words',
    stemmer = 'none', stopwords = 'none', ignore = '[^\p{L}\p{N}]+',
    strip_accents = 0, lower = 1, overwrite = 1
);
