-- The distinct runs of other letters and digits of chunk_terms, for the caller to lower-case.
SELECT DISTINCT term FROM chunk_terms WHERE NOT han;
