-- Operations after the shelf door (C7): purchase orders (pre-orders) from a chain to a UMKM under their
-- PKS, delivery notes (surat jalan) with batches and expiry, goods receipts (BPB), the consignment stock
-- ledger per outlet × product × batch, returns (nota retur), stock counts (stock opname), and POS sales
-- imported from the chains' files or systems. Every unit is traceable: ordered → delivered (batch) →
-- received → on the shelf → sold, returned or expired. Ledgers here are appended to, never edited.

-- Document numbers (PO/…, SJ/…, BPB/…, RTR/…): one row per prefix, allocated by an upsert like agreements'.
CREATE TABLE operation_counters (
  prefix  text PRIMARY KEY,
  last    integer NOT NULL CHECK (last >= 1)
);

-- A purchase order (pesanan / pre-order): a chain orders from a UMKM the products of one PKS in force,
-- delivered to one outlet, or to the branch's distribution centre (DC) for several of its outlets (the DC
-- cross-docks: each line still names the outlet whose shelf it is for).
CREATE TABLE purchase_orders (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number          text NOT NULL UNIQUE,
  chain_id        uuid NOT NULL REFERENCES organizations(id),   -- the chain's head office
  branch_id       uuid REFERENCES organizations(id),            -- the ordering branch (cabang), if any
  umkm_id         uuid NOT NULL REFERENCES organizations(id),
  agreement_id    uuid NOT NULL REFERENCES agreements(id),      -- the PKS the order is made under
  region_code     text NOT NULL REFERENCES regions(code),       -- the PKS's region: a Dinas sees its region's
  province_code   text NOT NULL,
  deliver_to      text NOT NULL CHECK (deliver_to IN ('outlet', 'distribution_centre')),
  outlet_id       uuid REFERENCES outlets(id),                  -- deliver_to = outlet
  ordered_on      date NOT NULL,                                -- the business day it was sent
  deliver_by      date NOT NULL,                                -- the day the goods are wanted
  status          text NOT NULL DEFAULT 'sent'
                  CHECK (status IN ('sent', 'confirmed', 'partly_confirmed', 'declined', 'cancelled', 'delivered')),
  note            text,
  decline_reason  text,
  responded_at    timestamptz,
  responded_by    uuid REFERENCES users(id),
  created_by      uuid REFERENCES users(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((deliver_to = 'outlet') = (outlet_id IS NOT NULL)),
  CHECK (deliver_by >= ordered_on),
  CHECK (status <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX purchase_orders_umkm_idx ON purchase_orders (umkm_id, created_at DESC);
CREATE INDEX purchase_orders_chain_idx ON purchase_orders (chain_id, created_at DESC);
CREATE INDEX purchase_orders_region_idx ON purchase_orders (region_code text_pattern_ops);

CREATE TABLE purchase_order_lines (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id       uuid NOT NULL REFERENCES purchase_orders(id),
  outlet_id      uuid NOT NULL REFERENCES outlets(id),          -- whose shelf the goods are for
  product_id     uuid NOT NULL REFERENCES products(id),
  qty_ordered    integer NOT NULL CHECK (qty_ordered > 0),
  qty_suggested  integer CHECK (qty_suggested >= 0),            -- what the suggestion said, for the record
  qty_confirmed  integer CHECK (qty_confirmed >= 0 AND qty_confirmed <= qty_ordered),  -- the UMKM's answer
  unit_price     bigint NOT NULL CHECK (unit_price >= 0),       -- rupiah: the PKS supplier price on the order day
  UNIQUE (order_id, outlet_id, product_id)
);
CREATE INDEX purchase_order_lines_outlet_idx ON purchase_order_lines (outlet_id, product_id);

-- A production batch of a product: its code, production and expiry dates (from the shelf life unless entered).
CREATE TABLE stock_batches (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id   uuid NOT NULL REFERENCES products(id),
  umkm_id      uuid NOT NULL REFERENCES organizations(id),
  batch_code   text NOT NULL CHECK (length(batch_code) BETWEEN 1 AND 40),
  produced_on  date NOT NULL,
  expires_on   date NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on >= produced_on),
  UNIQUE (product_id, batch_code)
);

-- A delivery note (surat jalan) the UMKM issues from a confirmed order.
CREATE TABLE delivery_notes (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number         text NOT NULL UNIQUE,
  order_id       uuid NOT NULL REFERENCES purchase_orders(id),
  umkm_id        uuid NOT NULL REFERENCES organizations(id),
  chain_id       uuid NOT NULL REFERENCES organizations(id),
  province_code  text NOT NULL,
  ship_on        date NOT NULL,                                 -- the day the goods leave
  status         text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'received', 'cancelled')),
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_notes_order_idx ON delivery_notes (order_id);
CREATE INDEX delivery_notes_umkm_idx ON delivery_notes (umkm_id, created_at DESC);

CREATE TABLE delivery_note_lines (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  note_id        uuid NOT NULL REFERENCES delivery_notes(id),
  order_line_id  uuid NOT NULL REFERENCES purchase_order_lines(id),
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  product_id     uuid NOT NULL REFERENCES products(id),
  batch_id       uuid NOT NULL REFERENCES stock_batches(id),
  qty            integer NOT NULL CHECK (qty > 0)
);
CREATE INDEX delivery_note_lines_note_idx ON delivery_note_lines (note_id);

-- A goods receipt (bukti penerimaan barang, BPB): what arrived of a delivery note, per line.
-- short = delivered − accepted − rejected (never negative; checked when recorded).
CREATE TABLE goods_receipts (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number            text NOT NULL UNIQUE,
  delivery_note_id  uuid NOT NULL UNIQUE REFERENCES delivery_notes(id),   -- one receipt per note
  chain_id          uuid NOT NULL REFERENCES organizations(id),
  umkm_id           uuid NOT NULL REFERENCES organizations(id),
  province_code     text NOT NULL,
  received_on       date NOT NULL,                              -- local date where the goods arrived
  note              text,
  received_by       uuid REFERENCES users(id),
  created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX goods_receipts_umkm_idx ON goods_receipts (umkm_id, created_at DESC);
CREATE INDEX goods_receipts_chain_idx ON goods_receipts (chain_id, created_at DESC);

CREATE TABLE goods_receipt_lines (
  receipt_id        uuid NOT NULL REFERENCES goods_receipts(id),
  delivery_line_id  uuid NOT NULL REFERENCES delivery_note_lines(id),
  qty_accepted      integer NOT NULL CHECK (qty_accepted >= 0),
  qty_rejected      integer NOT NULL DEFAULT 0 CHECK (qty_rejected >= 0),
  reject_reason     text CHECK (reject_reason IN ('damaged', 'expired', 'wrong_item')),
  CHECK (qty_rejected = 0 OR reject_reason IS NOT NULL),
  PRIMARY KEY (receipt_id, delivery_line_id)
);

-- Returns to the UMKM (nota retur): goods taken off the shelf and handed back; who bears the loss follows the
-- PKS. Perishables must be picked up within the PKS's hours (pickup_due_at).
CREATE TABLE return_notes (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number         text NOT NULL UNIQUE,
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  chain_id       uuid NOT NULL REFERENCES organizations(id),
  umkm_id        uuid NOT NULL REFERENCES organizations(id),
  agreement_id   uuid NOT NULL REFERENCES agreements(id),
  province_code  text NOT NULL,
  district_code  text NOT NULL,
  reason         text NOT NULL CHECK (reason IN ('unsold', 'damaged', 'near_expiry', 'expired', 'recall', 'other')),
  borne_by       text NOT NULL CHECK (borne_by IN ('umkm', 'chain')),
  returned_on    date NOT NULL,
  pickup_due_at  timestamptz,                                   -- perishables: created + PKS pickup hours
  picked_up_at   timestamptz,
  picked_up_by   uuid REFERENCES users(id),
  note           text,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX return_notes_umkm_idx ON return_notes (umkm_id, created_at DESC);
CREATE INDEX return_notes_outlet_idx ON return_notes (outlet_id, created_at DESC);

CREATE TABLE return_note_lines (
  note_id     uuid NOT NULL REFERENCES return_notes(id),
  product_id  uuid NOT NULL REFERENCES products(id),
  batch_id    uuid NOT NULL REFERENCES stock_batches(id),
  qty         integer NOT NULL CHECK (qty > 0),
  PRIMARY KEY (note_id, batch_id)
);

-- A stock count (stock opname) at an outlet: counted against the ledger; the difference is a 'counted' movement.
CREATE TABLE stock_counts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  outlet_id    uuid NOT NULL REFERENCES outlets(id),
  chain_id     uuid NOT NULL REFERENCES organizations(id),
  counted_on   date NOT NULL,
  note         text,
  created_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stock_count_lines (
  count_id      uuid NOT NULL REFERENCES stock_counts(id),
  product_id    uuid NOT NULL REFERENCES products(id),
  batch_id      uuid REFERENCES stock_batches(id),             -- NULL: counted without a batch
  expected_qty  integer NOT NULL,
  counted_qty   integer NOT NULL CHECK (counted_qty >= 0)
);
CREATE INDEX stock_count_lines_count_idx ON stock_count_lines (count_id);

-- The stock ledger: every movement of goods at an outlet, per product and batch. On hand is the sum of qty.
-- received (+, from a goods receipt), sold (− from POS sales, + for a till return), returned (−, nota retur),
-- expired (−, written off), counted (±, stock opname difference). batch_id is NULL only for a sale that found
-- no batch on hand to draw from (a sale with no recorded delivery): such a movement is a flagged variance.
CREATE TABLE stock_movements (
  id             bigserial PRIMARY KEY,
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  product_id     uuid NOT NULL REFERENCES products(id),
  batch_id       uuid REFERENCES stock_batches(id),
  umkm_id        uuid NOT NULL REFERENCES organizations(id),
  chain_id       uuid NOT NULL REFERENCES organizations(id),
  province_code  text NOT NULL,
  district_code  text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('received', 'sold', 'returned', 'expired', 'counted')),
  qty            integer NOT NULL CHECK (qty <> 0),
  occurred_on    date NOT NULL,                                 -- the outlet's local business day
  source         text NOT NULL CHECK (source IN ('receipt', 'sales', 'return', 'expiry', 'count')),
  source_id      text NOT NULL,                                 -- the receipt, sales import, note or count
  variance       boolean NOT NULL DEFAULT false,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (batch_id IS NOT NULL OR (kind = 'sold' AND variance))
);
CREATE INDEX stock_movements_place_idx ON stock_movements (outlet_id, product_id, batch_id);
CREATE INDEX stock_movements_umkm_idx ON stock_movements (umkm_id, occurred_on);
CREATE INDEX stock_movements_chain_idx ON stock_movements (chain_id, occurred_on);
CREATE INDEX stock_movements_source_idx ON stock_movements (source, source_id);

-- Appended, never edited: a correction is a new movement.
CREATE FUNCTION stock_movements_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'stock_movements is append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION stock_movements_append_only();

-- POS sales imports: one row per file (or API batch) a chain sent, with its counts.
CREATE TABLE sales_imports (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id      uuid NOT NULL REFERENCES organizations(id),
  source        text NOT NULL CHECK (source IN ('upload', 'api', 'cli')),
  file_name     text,
  file_sha256   text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
  correction    boolean NOT NULL DEFAULT false,                 -- changed figures for known keys are applied
  status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'refused', 'failed')),
  job_id        uuid REFERENCES jobs(id),
  progress      integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  rows          integer,
  imported      integer,
  duplicates    integer,
  conflicts     integer,
  rejected      integer,
  summary       jsonb,                                          -- the answer the CLI and API print
  created_by    uuid REFERENCES users(id),
  created_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz
);
CREATE INDEX sales_imports_chain_idx ON sales_imports (chain_id, created_at DESC);

-- Rejected rows of an import, kept whole so that they download as a CSV to fix and upload again.
CREATE TABLE sales_import_rejects (
  import_id  uuid NOT NULL REFERENCES sales_imports(id),
  row        integer NOT NULL,                                  -- 1 = the first data row after the header
  col        text,
  code       text NOT NULL,
  raw        jsonb NOT NULL,                                    -- the row's cells by header
  PRIMARY KEY (import_id, row)
);

-- POS sales lines. Line level: receipt + line; daily totals per store × product: receipt '' and line 0.
-- The key of a figure is (chain, outlet, day, receipt, line) for lines and (chain, outlet, day, gtin) for
-- daily totals (key_gtin is the GTIN for daily totals, '' for lines). A correction never overwrites: it adds
-- a reversal of the figure in force and the new figure, both under the next revision; the sum of a key's
-- rows is its current figure. Partitioned by month of the sales day (the outlet's local date).
CREATE TABLE sales_lines (
  sales_date     date NOT NULL,
  chain_id       uuid NOT NULL,
  outlet_id      uuid NOT NULL,
  receipt        text NOT NULL DEFAULT '',
  line           integer NOT NULL DEFAULT 0,
  key_gtin       text NOT NULL DEFAULT '',
  revision       integer NOT NULL DEFAULT 0,
  entry          text NOT NULL DEFAULT 'sale' CHECK (entry IN ('sale', 'reversal')),
  gtin           text NOT NULL,
  product_id     uuid NOT NULL,
  umkm_id        uuid NOT NULL,
  agreement_id   uuid NOT NULL,                                 -- the PKS in force for the product that day
  province_code  text NOT NULL,
  district_code  text NOT NULL,
  qty            integer NOT NULL,                              -- negative: a return at the till
  unit_price     bigint NOT NULL CHECK (unit_price >= 0),       -- rupiah, shelf price charged
  discount       bigint NOT NULL DEFAULT 0 CHECK (discount >= 0),
  amount         bigint NOT NULL,                               -- qty × unit_price − discount (reversal: negated)
  import_id      uuid NOT NULL,
  PRIMARY KEY (chain_id, outlet_id, sales_date, receipt, line, key_gtin, revision, entry)
) PARTITION BY RANGE (sales_date);
CREATE TABLE sales_lines_default PARTITION OF sales_lines DEFAULT;
CREATE INDEX sales_lines_umkm_idx ON sales_lines (umkm_id, sales_date);
CREATE INDEX sales_lines_product_idx ON sales_lines (product_id, outlet_id, sales_date);
CREATE INDEX sales_lines_import_idx ON sales_lines (import_id);
