-- (private) Best values already loaded for some locality × report year cells: the gate's
-- across-years check, which compares a batch's facts with the year before theirs.
-- Parameters: the cells' locality codes and report years, paired in order.
-- Only those cells, not every year of the localities: at 100,000 reports a batch's localities
-- held ~140,000 best values, of which its years before ~15,000, and the membership test of each
-- of the 860,000 best values in the list of codes took 0.3-0.6 s of the loader's CPU a batch.
-- The semi join to dim_document keeps mart_best_value's rows: values of a loaded document.
SELECT b.locality_code, b.report_year, b.indicator, b.value
FROM best_value AS b
SEMI JOIN (
    SELECT unnest($1::VARCHAR[]) AS locality_code, unnest($2::INTEGER[]) AS report_year
) AS c ON c.locality_code = b.locality_code AND c.report_year = b.report_year
SEMI JOIN dim_document AS d ON d.doc_id = b.doc_id
ORDER BY b.locality_code, b.indicator, b.report_year;
