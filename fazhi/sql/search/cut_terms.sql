-- The terms of one chunk ($1) of unindexed_documents, counted per document: the same terms as
-- fazhi.warehouse.search.segment cuts from "title\ntext", but each run of other letters and
-- digits as written (the caller lower-cases them in Python, whose lower() differs from
-- DuckDB's: final sigma, dotted capital I). The character classes come from the caller, built
-- from Python's own Unicode tables (variable search_space: whitespace as Python's \s; search_word: a run of letters and
-- digits, Python's \w without "_", or Chinese), so that both cut alike:
-- 1. whitespace between two Chinese characters goes (PDF text spaces them out: 执 法). RE2 has
--    no look-behind, so a match takes the characters on both sides; a second pass takes the
--    gaps whose left character the first pass had taken as the right one of the gap before.
-- 2. runs of letters and digits, each cut into runs of Chinese and runs of anything else;
-- 3. a Chinese run gives its neighbouring pairs (a lone character itself), another run itself.
CREATE OR REPLACE TEMP TABLE chunk_terms AS
WITH chunk AS (
    SELECT u.doc_id, coalesce(d.title, '') || chr(10) || coalesce(t.text, '') AS body
    FROM unindexed_documents AS u
    JOIN dim_document AS d USING (doc_id)
    JOIN document_text AS t USING (doc_id)
    WHERE u.chunk = $1
),
joined AS (
    SELECT doc_id, regexp_replace(
        regexp_replace(body, '([\x{3400}-\x{9fff}])' || getvariable('search_space') || '+([\x{3400}-\x{9fff}])', '\1\2', 'g'),
        '([\x{3400}-\x{9fff}])' || getvariable('search_space') || '+([\x{3400}-\x{9fff}])', '\1\2', 'g'
    ) AS body
    FROM chunk
),
word_runs AS (
    SELECT doc_id, unnest(regexp_extract_all(body, getvariable('search_word') || '+')) AS word_run FROM joined
),
runs AS (
    SELECT doc_id, unnest(regexp_extract_all(
        word_run, '[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}]+|[^\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}]+'
    )) AS run
    FROM word_runs
),
counted_runs AS (  -- a report repeats its words: each distinct run is cut once
    SELECT doc_id, run, count(*) AS times,
           regexp_matches(run, '^[\x{3400}-\x{4dbf}\x{4e00}-\x{9fff}\x{f900}-\x{faff}]') AS han
    FROM runs
    GROUP BY doc_id, run
),
terms AS (
    SELECT doc_id, han, times, unnest(CASE
        WHEN NOT han OR length(run) = 1 THEN [run]
        ELSE list_transform(range(1, length(run)), lambda i: substring(run, i, 2))
    END) AS term
    FROM counted_runs
)
SELECT doc_id, term, han, sum(times)::INTEGER AS tf
FROM terms
GROUP BY doc_id, term, han;
