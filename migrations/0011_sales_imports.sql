-- POS imports (issue 10, point 5). Each import streams its rows into its own unlogged staging table
-- (sales_stage_<import id>, created and dropped by src/modules/sales/sales.store.ts: no index to maintain,
-- nothing to vacuum), checks them set-wise and stores the good ones in one transaction that also drops
-- it; the staging table of an import that did not finish is swept by the next import.
-- What the importer keeps of a file: its header as uploaded (the rejects download repeats it) and which
-- of its columns carried which field.
ALTER TABLE sales_imports ADD COLUMN headers jsonb;
