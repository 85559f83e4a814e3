-- Report texts segmented into words (jieba), the table the full-text index covers.
-- Created here rather than by a migration: the index is derived data, rebuilt at will.
CREATE TABLE IF NOT EXISTS document_words (
    doc_id VARCHAR PRIMARY KEY,
    words  VARCHAR NOT NULL  -- title and text, one space between words
);
