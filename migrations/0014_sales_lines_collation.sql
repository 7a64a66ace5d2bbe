-- POS import speed (issue 10, point 10): the text columns of sales_lines' primary key (receipt, key_gtin,
-- entry) compare byte by byte (COLLATE "C") instead of by the database's locale. A key is only ever looked
-- up for equality and stored in key order; no screen sorts receipts by language. Storing 1M pre-checked lines
-- with this primary key on PostgreSQL 15 under C.UTF-8: 5.6–6.0 s instead of 7.0–8.1 s (docs/BENCHMARKS.md).
ALTER TABLE sales_lines
  ALTER COLUMN receipt TYPE text COLLATE "C",
  ALTER COLUMN key_gtin TYPE text COLLATE "C",
  ALTER COLUMN entry TYPE text COLLATE "C";
