-- Postings of the segmented documents not indexed yet: the words split as fts's tokenizer splits
-- them (lower case; anything but letters and digits separates words; no stemmer, no stop
-- words), so that search.sql ranks exactly as match_bm25 did.
INSERT INTO search_terms
SELECT doc_id, term, count(*)::INTEGER AS tf
FROM (
    SELECT w.doc_id,
        unnest(string_split_regex(
            regexp_replace(lower(w.words), '[^\p{L}\p{N}]+', ' ', 'g'), '\s+'
        )) AS term
    FROM document_words AS w
    WHERE NOT EXISTS (SELECT 1 FROM search_docs AS s WHERE s.doc_id = w.doc_id)
)
WHERE term <> ''
GROUP BY doc_id, term;

INSERT INTO search_docs
SELECT w.doc_id, coalesce(sum(t.tf), 0)::INTEGER AS len
FROM document_words AS w
LEFT JOIN search_terms AS t USING (doc_id)
WHERE NOT EXISTS (SELECT 1 FROM search_docs AS s WHERE s.doc_id = w.doc_id)
GROUP BY w.doc_id;
