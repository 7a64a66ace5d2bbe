-- POS imports (issue 10, point 5): the staging table an import's rows are streamed into before they are
-- checked set-wise and stored in one transaction. Unlogged: its rows are scratch — a crash may lose them,
-- which is fine, since nothing is taken from staging into sales_lines except in the import's one final
-- transaction, which also deletes them. Rows of an import that did not finish are swept (sales.store.ts).
CREATE UNLOGGED TABLE sales_import_staging (
  import_id  uuid NOT NULL,
  row        integer NOT NULL,                 -- 1 = the first data row after the header
  -- the cells as written in the file (for the rejects download)
  store      text NOT NULL,
  day        text NOT NULL,
  receipt    text NOT NULL,
  line       text NOT NULL,
  gtin       text NOT NULL,
  qty        text NOT NULL,
  price      text NOT NULL,
  discount   text NOT NULL,
  -- the cells read (sales.rules.ts); NULL when unreadable, with the first problem of the row in err/err_col
  sales_date     date,
  qty_n          integer,
  price_n        bigint,
  discount_n     bigint,
  line_n         integer,
  err            text,
  err_col        text,
  PRIMARY KEY (import_id, row)
);

-- What the importer needs to keep of a file: its header as uploaded (the rejects download repeats it) and
-- which of its columns carried which field.
ALTER TABLE sales_imports ADD COLUMN headers jsonb;
