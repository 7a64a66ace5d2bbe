-- POS import speed (issue 10, point 10). sales_lines_import_idx served only the stock step of an import
-- (its lines found again by import_id); the import now hands that step the net per outlet × product × day
-- it computes while it inserts, so nothing reads the index — and on every imported line it cost an index
-- entry (measured: ~11% of storing 1M lines). applySalesToStock called without those nets (tests, tools)
-- still finds an import's lines by import_id, by scanning.
DROP INDEX IF EXISTS sales_lines_import_idx;
