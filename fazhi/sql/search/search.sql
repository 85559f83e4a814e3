-- Current documents whose title or text holds every word of $2 (a list), ranked by BM25 over
-- the query's terms $1 (its character pairs, fazhi.warehouse.search.segment), best first, at
-- most $3. BM25 as DuckDB's fts match_bm25 computes it
-- (k 1.2, b 0.75, its idf: log10((N - df + 0.5) / (df + 0.5) + 1); each distinct query word
-- once; a document scores when it holds any), over the postings insert_postings.sql adds.
-- The ranking finds candidates; the literal check keeps only reports that hold each word as
-- written (a report holding 行政 and 复议 apart holds every pair of 行政复议 but 政复).
-- Whitespace is ignored in that check: text taken from PDFs often has spaces
-- between characters (执 法).
WITH query_terms AS (
    SELECT DISTINCT unnest(string_split_regex(
        regexp_replace(lower($1), '[^\p{L}\p{N}]+', ' ', 'g'), '\s+'
    )) AS term
),
collection AS (
    SELECT count(*) AS num_docs, avg(len) AS avgdl FROM search_docs
),
postings AS (
    SELECT p.doc_id, p.tf, count(*) OVER (PARTITION BY p.term) AS df
    FROM search_terms AS p
    -- a one-character query term is also found inside the pairs it belongs to (援 in 援助)
    JOIN query_terms AS q ON q.term <> '' AND (
        q.term = p.term OR (length(q.term) = 1 AND length(p.term) = 2 AND contains(p.term, q.term))
    )
),
hit AS (
    SELECT p.doc_id, sum(
        log((c.num_docs - p.df + 0.5) / (p.df + 0.5) + 1)
        * (p.tf * (1.2 + 1)) / (p.tf + 1.2 * (1 - 0.75 + 0.75 * (s.len / c.avgdl)))
    ) AS score
    FROM postings AS p
    JOIN search_docs AS s USING (doc_id)
    CROSS JOIN collection AS c
    GROUP BY p.doc_id
)
SELECT
    d.doc_id, d.title, d.locality_name, d.province, d.report_year, d.url, hit.score, t.text
FROM hit
JOIN dim_document AS d USING (doc_id)
JOIN document_text AS t USING (doc_id)
WHERE d.is_current
  AND list_bool_and(
      list_transform(
          $2::VARCHAR[],
          lambda w: contains(regexp_replace(coalesce(d.title, '') || t.text, '\s+', '', 'g'), w)
      )
  )
ORDER BY hit.score DESC, d.report_year DESC, d.doc_id
LIMIT $3;
