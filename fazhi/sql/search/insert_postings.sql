-- Postings of one chunk (the parameter) of newly indexed documents: chunk_terms, whose runs of other
-- letters and digits the caller lower-cased into lowered (term, lowered; runs that differ in
-- case only become one term, their counts added; a Chinese term never equals a lower-cased run,
-- which holds no Chinese character), and each document's length. A document without any term
-- still gets its length row (0), so that it is not taken for unindexed again.
INSERT INTO search_terms
SELECT doc_id, term, tf FROM chunk_terms WHERE han;

INSERT INTO search_terms
SELECT c.doc_id, l.lowered, sum(c.tf)::INTEGER
FROM chunk_terms AS c
JOIN lowered AS l USING (term)
WHERE NOT c.han
GROUP BY c.doc_id, l.lowered;

INSERT INTO search_docs
SELECT u.doc_id, coalesce(sum(c.tf), 0)::INTEGER AS len
FROM unindexed_documents AS u
LEFT JOIN chunk_terms AS c USING (doc_id)
WHERE u.chunk = $1
GROUP BY u.doc_id;

DROP TABLE chunk_terms;
