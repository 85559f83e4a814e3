-- Locality × year cells whose best values may have changed in this batch: those of every version
-- of the documents staged (a re-published version may move a report to another year) and
-- those of the documents of staged facts.
CREATE OR REPLACE TEMP TABLE affected_cells AS
SELECT DISTINCT locality_code, report_year
FROM dim_document
WHERE doc_key IN (SELECT doc_key FROM staged_documents)
   OR doc_id IN (SELECT doc_id FROM staged_facts);
