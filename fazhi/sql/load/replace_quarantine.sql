-- Rows the gate refused, for the runs in the batch, replaced as a whole.
DELETE FROM quarantine_row WHERE run_id IN (SELECT run_id FROM staged_quarantine);
INSERT INTO quarantine_row
SELECT DISTINCT run_id, table_name, doc_id, indicator, row_json, reasons, quarantined_at
FROM staged_quarantine;
