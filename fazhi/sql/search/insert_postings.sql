-- Postings of newly indexed documents (registered as new_postings by the caller: doc_id, term,
-- tf), and each document's length; a document without any term still gets its length row, so
-- that it is not taken for unindexed again.
INSERT INTO search_terms SELECT doc_id, term, tf FROM new_postings WHERE term IS NOT NULL;

INSERT INTO search_docs
SELECT doc_id, coalesce(sum(tf), 0)::INTEGER AS len FROM new_postings GROUP BY doc_id;
