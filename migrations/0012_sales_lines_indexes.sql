-- POS import speed (issue 10, point 10): the secondary indexes of sales_lines cost most of storing an
-- import (measured on 1M lines inserted in primary-key order: the primary key alone 7.6 s, with the 0010
-- indexes 17.5 s, with these 10.8 s, on the loaded 2-core VM).
-- sales_lines_import_idx served only the stock step of an import (its lines found again by import_id); the
-- import now hands that step the net per outlet × product × day it computes while it inserts, so nothing
-- reads it. applySalesToStock called without those nets (tests, tools) still finds the lines, by scanning.
DROP INDEX IF EXISTS sales_lines_import_idx;
-- sales_lines_product_idx (product_id, outlet_id, sales_date) took each line at a random place among a
-- day's ~100,000 product × outlet pairs. Its readers are served by two indexes whose entries arrive in
-- order: by product and day (a product's summary; ~100 keys a day, appended), and by outlet, product and day
-- (units sold per outlet × product, sell-out) — lines are stored outlet by outlet, the primary key's order.
CREATE INDEX sales_lines_product_day_idx ON sales_lines (product_id, sales_date);
CREATE INDEX sales_lines_outlet_product_idx ON sales_lines (outlet_id, product_id, sales_date);
DROP INDEX IF EXISTS sales_lines_product_idx;
