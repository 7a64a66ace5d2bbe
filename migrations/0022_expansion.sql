-- Expansion (ekspansi, C6): a product that passed a market test proposed for the outlets of one more
-- regency of the same chain — next to the test's outlets, elsewhere in the province, or in another province
-- through the branch's distribution centre — with the weekly units the test's real rate of sale expects.
-- Who must accept is fixed when it is proposed: the chain's branch that runs the target outlets (its head
-- office when none does) and, for a regency outside the maker's province, the Dinas of that regency (the other
-- region's government). Once everyone required has accepted, the outlets' regular placements are created.

CREATE TABLE expansion_proposals (
  id                      uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  test_id                 uuid NOT NULL REFERENCES market_tests(id),
  chain_id                uuid NOT NULL REFERENCES organizations(id),
  product_id              uuid NOT NULL REFERENCES products(id),
  umkm_id                 uuid NOT NULL REFERENCES organizations(id),
  umkm_district_code      text NOT NULL,                                -- the maker's district: her Dinas watches
  province_code           text NOT NULL,                                -- the maker's province
  target_region_code      text NOT NULL REFERENCES regions(code),       -- the regency the outlets are in
  target_province_code    text NOT NULL,
  target_branch_id        uuid REFERENCES organizations(id),            -- the branch that runs the outlets (accepts)
  target_government_id    uuid REFERENCES organizations(id),            -- the other region's Dinas, when it must accept
  route                   text NOT NULL CHECK (route IN ('direct', 'distribution_centre')),
  expected_weekly_units   double precision NOT NULL CHECK (expected_weekly_units >= 0),
  starts_on               date NOT NULL,
  status                  text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined')),
  chain_accepted_at       timestamptz,
  chain_accepted_by       uuid REFERENCES users(id),
  government_accepted_at  timestamptz,
  government_accepted_by  uuid REFERENCES users(id),
  declined_at             timestamptz,
  declined_by             uuid REFERENCES users(id),
  decline_note            text CHECK (length(decline_note) <= 2000),
  created_by              uuid REFERENCES users(id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'declined') = (declined_at IS NOT NULL)),
  CHECK (status <> 'accepted' OR (chain_accepted_at IS NOT NULL AND (target_government_id IS NULL OR government_accepted_at IS NOT NULL)))
);
-- One open proposal per test and regency.
CREATE UNIQUE INDEX expansion_proposals_open_idx ON expansion_proposals (test_id, target_region_code) WHERE status = 'proposed';
CREATE INDEX expansion_proposals_chain_idx ON expansion_proposals (chain_id, created_at DESC);
CREATE INDEX expansion_proposals_target_idx ON expansion_proposals (target_region_code text_pattern_ops);
CREATE INDEX expansion_proposals_umkm_idx ON expansion_proposals (umkm_id);

CREATE TABLE expansion_proposal_outlets (
  proposal_id    uuid NOT NULL REFERENCES expansion_proposals(id),
  outlet_id      uuid NOT NULL REFERENCES outlets(id),
  district_code  text NOT NULL,
  distance_km    double precision NOT NULL CHECK (distance_km >= 0),
  placement_id   uuid REFERENCES placements(id),                        -- set when accepted
  PRIMARY KEY (proposal_id, outlet_id)
);
CREATE INDEX expansion_proposal_outlets_outlet_idx ON expansion_proposal_outlets (outlet_id);

-- Notices: the maker and those who must accept are told of a proposal and of its outcome.
ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
  'statement_issued', 'statement_disputed', 'statement_accepted', 'statement_corrected',
  'payment_due_soon', 'payment_overdue', 'statement_escalated', 'statement_not_issued',
  'financing_offered', 'financing_offer_received', 'financing_accepted', 'statement_paid',
  'market_test_started', 'market_test_decided', 'expansion_proposed', 'expansion_decided'));
