-- Current documents whose title or text holds every word of $2 (a list), ranked by BM25 over
-- the segmented query $1, best first, at most $3. The index finds and ranks candidates; the
-- literal check keeps only reports that hold each word as written (segmentation depends on
-- context: 纠错率 alone is 纠错 + 率, inside 纠错率为 it is 纠错 + 率为). Whitespace is ignored in that
-- check: text taken from PDFs often has spaces between characters (执 法).
SELECT
    d.doc_id, d.title, d.locality_name, d.province, d.report_year, d.url, hit.score, t.text
FROM (
    SELECT doc_id, fts_main_document_words.match_bm25(doc_id, $1) AS score
    FROM document_words
) AS hit
JOIN dim_document AS d USING (doc_id)
JOIN document_text AS t USING (doc_id)
WHERE hit.score IS NOT NULL
  AND d.is_current
  AND list_bool_and(
      list_transform(
          $2::VARCHAR[],
          lambda w: contains(regexp_replace(coalesce(d.title, '') || t.text, '\s+', '', 'g'), w)
      )
  )
ORDER BY hit.score DESC, d.report_year DESC, d.doc_id
LIMIT $3;
