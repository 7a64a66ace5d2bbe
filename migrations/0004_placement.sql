-- Placement planning in the product (C5): a small jobs table (long work runs outside the request and
-- reports progress), plans of a chain for a region on a date with their proposed items, and the
-- placements a chain approved (which product is on which outlet's shelf, from when, until when).

CREATE TABLE jobs (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind         text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_.]{1,60}$'),
  payload      jsonb NOT NULL DEFAULT '{}',
  status       text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
  progress     integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  attempts     integer NOT NULL DEFAULT 0,
  error        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_queued_idx ON jobs (created_at) WHERE status IN ('queued', 'running');

CREATE TABLE placement_plans (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id       uuid NOT NULL REFERENCES organizations(id),
  chain_code     text NOT NULL CHECK (chain_code IN ('alfamart', 'alfamidi', 'indomaret')),
  branch_id      uuid REFERENCES organizations(id),           -- set when a branch (cabang) planned its own outlets
  region_code    text NOT NULL REFERENCES regions(code),
  province_code  text NOT NULL,                               -- future distribution key
  plan_date      date NOT NULL,                               -- PKS in force and current placements on this day
  status         text NOT NULL DEFAULT 'queued'
                 CHECK (status IN ('queued', 'running', 'done', 'failed', 'approved', 'partly_approved')),
  progress       integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
  job_id         uuid REFERENCES jobs(id),
  params         jsonb NOT NULL DEFAULT '{}',                 -- heuristics used to build the instance
  objective      double precision,
  stats          jsonb,
  error          text,
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX placement_plans_chain_idx ON placement_plans (chain_id, created_at DESC);
CREATE INDEX placement_plans_region_idx ON placement_plans (region_code text_pattern_ops);

-- A plan's proposal, with the difference to the placements current on the plan date:
-- new (to add), kept (already on the shelf and still chosen, or locked), dropped (on the shelf, not chosen).
CREATE TABLE placement_plan_items (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plan_id          uuid NOT NULL REFERENCES placement_plans(id),
  product_id       uuid NOT NULL REFERENCES products(id),
  outlet_id        uuid NOT NULL REFERENCES outlets(id),
  umkm_id          uuid NOT NULL REFERENCES organizations(id),
  change           text NOT NULL CHECK (change IN ('new', 'kept', 'dropped')),
  locked           boolean NOT NULL DEFAULT false,
  placement_id     uuid,                                      -- the current placement a kept/dropped item refers to
  distance_km      double precision NOT NULL CHECK (distance_km >= 0),
  expected_units   double precision NOT NULL CHECK (expected_units >= 0),  -- expected weekly units at this outlet
  approved_at      timestamptz,
  UNIQUE (plan_id, product_id, outlet_id)
);

CREATE TABLE placements (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id     uuid NOT NULL REFERENCES products(id),
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  chain_id       uuid NOT NULL REFERENCES organizations(id),
  umkm_id        uuid NOT NULL REFERENCES organizations(id),
  district_code  text NOT NULL,                               -- the outlet's district: a Dinas sees its region's
  province_code  text NOT NULL,                               -- future distribution key
  starts_on      date NOT NULL,                               -- first day on the shelf
  ends_on        date,                                        -- first day off the shelf (exclusive); NULL = open
  locked         boolean NOT NULL DEFAULT false,              -- a re-plan keeps it and gives it its capacity first
  plan_id        uuid REFERENCES placement_plans(id),
  approved_by    uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK (NOT (locked AND ends_on IS NOT NULL))
);
-- One open placement of a product at an outlet.
CREATE UNIQUE INDEX placements_open_idx ON placements (product_id, outlet_id) WHERE ends_on IS NULL;
CREATE INDEX placements_chain_idx ON placements (chain_id, district_code text_pattern_ops);
CREATE INDEX placements_outlet_idx ON placements (outlet_id);
CREATE INDEX placements_umkm_idx ON placements (umkm_id);
