-- Market tests (uji pasar, C6) and promotion campaigns (C9).
-- A market test is a trial placement of one product in chosen outlets of one chain for a number of weeks,
-- with criteria agreed before it starts (shown to the UMKM): units per store per week, sell-through (sold ÷
-- delivered), the return + expiry rate, the fill rate (received ÷ ordered). Its standing is computed from the
-- operations data on every read (nothing here is a cached figure); what is stored is what people decided:
-- the test, its outlets, and each decision (pass, extend, fail) with the standing it was taken on.
-- A campaign features products at outlets for a period; a test's weeks that overlap a campaign featuring its
-- product at its outlets are marked, so a campaign cannot pass a test by itself.

CREATE TABLE market_tests (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id               uuid NOT NULL REFERENCES organizations(id),   -- the chain's head office
  branch_id              uuid REFERENCES organizations(id),            -- set when a branch (cabang) runs it
  umkm_id                uuid NOT NULL REFERENCES organizations(id),
  product_id             uuid NOT NULL REFERENCES products(id),
  agreement_id           uuid NOT NULL REFERENCES agreements(id),      -- the PKS the product is supplied under
  umkm_district_code     text NOT NULL,                                -- the maker's district: her Dinas watches
  province_code          text NOT NULL,                                -- future distribution key (the maker's)
  plan_id                uuid REFERENCES placement_plans(id),          -- the plan its outlets were taken from
  starts_on              date NOT NULL,                                -- first day on the shelf
  weeks                  integer NOT NULL CHECK (weeks BETWEEN 2 AND 26),   -- including extensions
  review_week            integer NOT NULL CHECK (review_week >= 1),
  -- criteria, agreed before the start
  min_units_per_store_week double precision NOT NULL CHECK (min_units_per_store_week >= 0),
  min_sell_through_bp    integer NOT NULL CHECK (min_sell_through_bp BETWEEN 0 AND 10000),
  max_loss_bp            integer NOT NULL CHECK (max_loss_bp BETWEEN 0 AND 10000),   -- returns + expiry ÷ delivered
  min_fill_rate_bp       integer NOT NULL CHECK (min_fill_rate_bp BETWEEN 0 AND 10000),
  status                 text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'passed', 'failed')),
  ended_on               date,                                         -- the last day counted (a decision's day)
  created_by             uuid REFERENCES users(id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  CHECK (review_week <= weeks),
  CHECK ((status = 'running') = (ended_on IS NULL)),
  CHECK (ended_on IS NULL OR ended_on >= starts_on - 1)
);
-- One running test of a product per chain.
CREATE UNIQUE INDEX market_tests_running_idx ON market_tests (chain_id, product_id) WHERE status = 'running';
CREATE INDEX market_tests_chain_idx ON market_tests (chain_id, created_at DESC);
CREATE INDEX market_tests_umkm_idx ON market_tests (umkm_id);
CREATE INDEX market_tests_district_idx ON market_tests (umkm_district_code text_pattern_ops);

CREATE TABLE market_test_outlets (
  test_id        uuid NOT NULL REFERENCES market_tests(id),
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  placement_id   uuid NOT NULL REFERENCES placements(id),            -- the trial placement
  district_code  text NOT NULL,                                      -- the outlet's district
  PRIMARY KEY (test_id, outlet_id)
);
CREATE INDEX market_test_outlets_outlet_idx ON market_test_outlets (outlet_id);
CREATE INDEX market_test_outlets_district_idx ON market_test_outlets (district_code text_pattern_ops);

-- Decisions, appended: an extension adds weeks; pass and fail end the test. `standing` is the evaluation the
-- decision was taken on (criteria, values, reasons), kept as evidence.
CREATE TABLE market_test_decisions (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  test_id      uuid NOT NULL REFERENCES market_tests(id),
  decision     text NOT NULL CHECK (decision IN ('pass', 'extend', 'fail')),
  decided_on   date NOT NULL,                                        -- the business day
  extra_weeks  integer CHECK (extra_weeks BETWEEN 1 AND 12),
  note         text CHECK (length(note) <= 2000),
  standing     jsonb NOT NULL,
  decided_by   uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((decision = 'extend') = (extra_weeks IS NOT NULL))
);
CREATE INDEX market_test_decisions_test_idx ON market_test_decisions (test_id, created_at);

CREATE FUNCTION market_test_decisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'market_test_decisions is append-only' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER market_test_decisions_append_only BEFORE UPDATE OR DELETE ON market_test_decisions
  FOR EACH ROW EXECUTE FUNCTION market_test_decisions_append_only();

-- A placement made for a market test: the funnel reads uji pasar while the test runs, terpajang after a pass.
ALTER TABLE placements ADD COLUMN market_test_id uuid REFERENCES market_tests(id);
CREATE INDEX placements_market_test_idx ON placements (market_test_id) WHERE market_test_id IS NOT NULL;

-- Promotion campaigns (C9): a chain's campaign for a period, at outlets, featuring products, with a display
-- per outlet and an optional price promotion and who funds it.
CREATE TABLE promotion_campaigns (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id            uuid NOT NULL REFERENCES organizations(id),
  branch_id           uuid REFERENCES organizations(id),
  region_code         text NOT NULL REFERENCES regions(code),         -- the region it is run in (a Dinas watches)
  province_code       text NOT NULL,
  mou_id              uuid REFERENCES agreements(id),                 -- the MoU whose promotion commitment it serves
  name                text NOT NULL CHECK (length(name) BETWEEN 3 AND 160),   -- e.g. HUT Kota Bengkulu ke-307
  starts_on           date NOT NULL,
  ends_on             date NOT NULL,                                   -- last day, inclusive
  status              text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
  created_by          uuid REFERENCES users(id),
  created_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX promotion_campaigns_chain_idx ON promotion_campaigns (chain_id, starts_on DESC);
CREATE INDEX promotion_campaigns_region_idx ON promotion_campaigns (region_code text_pattern_ops);

CREATE TABLE promotion_outlets (
  campaign_id    uuid NOT NULL REFERENCES promotion_campaigns(id),
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  district_code  text NOT NULL,
  display        text NOT NULL CHECK (display IN ('pojok_umkm', 'eye_level', 'terrace', 'end_cap')),
  PRIMARY KEY (campaign_id, outlet_id)
);
CREATE INDEX promotion_outlets_outlet_idx ON promotion_outlets (outlet_id);

CREATE TABLE promotion_products (
  campaign_id      uuid NOT NULL REFERENCES promotion_campaigns(id),
  product_id       uuid NOT NULL REFERENCES products(id),
  umkm_id          uuid NOT NULL REFERENCES organizations(id),
  agreement_id     uuid NOT NULL REFERENCES agreements(id),           -- the PKS in force for it
  discount_bp      integer CHECK (discount_bp BETWEEN 1 AND 9000),    -- price promotion, off the shelf price
  funded_by        text CHECK (funded_by IN ('chain', 'umkm', 'government', 'shared')),
  umkm_share_bp    integer CHECK (umkm_share_bp BETWEEN 0 AND 10000), -- of the discount, when shared
  PRIMARY KEY (campaign_id, product_id),
  CHECK ((discount_bp IS NULL) = (funded_by IS NULL)),
  CHECK ((funded_by = 'shared') = (umkm_share_bp IS NOT NULL))
);
CREATE INDEX promotion_products_product_idx ON promotion_products (product_id);
CREATE INDEX promotion_products_umkm_idx ON promotion_products (umkm_id);
