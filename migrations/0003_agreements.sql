-- Agreements (C4): MoU (government ↔ chain) and PKS (chain ↔ UMKM under an MoU). An agreement keeps its
-- parties; its terms live in numbered versions (an amendment is a new version, the old one is kept).
-- A version's stored status moves draft → in_review → signed, then superseded (by a signed amendment) or
-- terminated; "active" and "expired" are the signed period read against a date, so a query for any date
-- (eligibility, terms in force) answers without a clock-driven job.

CREATE TABLE agreements (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind           text NOT NULL CHECK (kind IN ('mou', 'pks')),
  number         text NOT NULL UNIQUE,                        -- nomor perjanjian
  government_id  uuid REFERENCES organizations(id),            -- MoU: a party; PKS: the MoU's government
  chain_id       uuid NOT NULL REFERENCES organizations(id),   -- the chain's head office
  branch_id      uuid REFERENCES organizations(id),            -- optional: a branch (cabang) as the party
  umkm_id        uuid REFERENCES organizations(id),            -- PKS only
  mou_id         uuid REFERENCES agreements(id),               -- PKS only: the MoU it is made under
  region_code    text NOT NULL REFERENCES regions(code),       -- region covered (the MoU's region)
  province_code  text NOT NULL,                                -- future distribution key
  created_by     uuid REFERENCES users(id),
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'mou' OR (government_id IS NOT NULL AND umkm_id IS NULL AND mou_id IS NULL)),
  CHECK (kind <> 'pks' OR (umkm_id IS NOT NULL AND mou_id IS NOT NULL))
);
CREATE INDEX agreements_chain_idx ON agreements (chain_id, kind);
CREATE INDEX agreements_region_idx ON agreements (region_code text_pattern_ops);
CREATE INDEX agreements_umkm_idx ON agreements (umkm_id) WHERE umkm_id IS NOT NULL;
CREATE INDEX agreements_mou_idx ON agreements (mou_id) WHERE mou_id IS NOT NULL;

CREATE TABLE agreement_versions (
  id                         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  agreement_id               uuid NOT NULL REFERENCES agreements(id),
  version                    integer NOT NULL CHECK (version >= 1),
  status                     text NOT NULL DEFAULT 'draft'
                             CHECK (status IN ('draft', 'in_review', 'signed', 'superseded', 'terminated', 'withdrawn')),
  starts_on                  date NOT NULL,
  ends_on                    date NOT NULL,
  recitals                   text,                               -- pertimbangan / background
  change_note                text,                               -- what an amendment changes
  signatories                jsonb NOT NULL DEFAULT '[]',        -- [{party, name, title}] named in the document
  -- MoU commitments
  outlets_with_corner        integer CHECK (outlets_with_corner >= 0),      -- outlets with a local-product corner
  inside_display_note        text,
  outside_spots              integer CHECK (outside_spots >= 0),            -- terrace tenant spots outside outlets
  promotion_events_per_year  integer CHECK (promotion_events_per_year >= 0),
  curation_support           boolean,
  mentoring_support          boolean,
  quota_bp                   integer CHECK (quota_bp BETWEEN 0 AND 10000),  -- e.g. 3000 = 30 % (regional regulation)
  quota_basis                text CHECK (quota_basis IN ('shelf_space', 'sku')),
  quota_report_months        integer CHECK (quota_report_months BETWEEN 1 AND 24),
  pks_witness                boolean,                            -- the government witnesses PKS under this MoU
  -- PKS terms
  witness_required           boolean NOT NULL DEFAULT false,
  trade_model                text CHECK (trade_model IN ('konsinyasi', 'beli_putus')),
  margin_bp                  integer CHECK (margin_bp BETWEEN 0 AND 10000),  -- chain's margin (regular discount)
  other_fees                 jsonb NOT NULL DEFAULT '[]',        -- [{name, bp}] fees other than the regular discount
  payment_term_days          integer CHECK (payment_term_days BETWEEN 0 AND 365),
  small_supply_payment_days  integer CHECK (small_supply_payment_days BETWEEN 0 AND 365),
  settlement_period          text CHECK (settlement_period IN ('weekly', 'two_weekly', 'monthly')),
  unsold_goods               text CHECK (unsold_goods IN ('returned_to_umkm', 'borne_by_chain')),
  expired_goods_borne_by     text CHECK (expired_goods_borne_by IN ('umkm', 'chain')),
  perishable_pickup_hours    integer CHECK (perishable_pickup_hours BETWEEN 1 AND 720),
  return_note                text,
  delivery_district_codes    text[] NOT NULL DEFAULT '{}',       -- empty: the whole MoU region
  delivery_note              text,
  -- the document signed, fixed when the version goes to review
  document_sha256            text CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  document_pdf               bytea,
  submitted_at               timestamptz,
  signed_at                  timestamptz,                        -- when the last party signed
  superseded_on              date,                               -- in force until (exclusive)
  terminated_on              date,                               -- in force until (exclusive)
  termination_reason         text,
  created_by                 uuid REFERENCES users(id),
  created_at                 timestamptz NOT NULL DEFAULT now(),
  updated_at                 timestamptz NOT NULL DEFAULT now(),
  UNIQUE (agreement_id, version),
  CHECK (ends_on >= starts_on),
  CHECK (status IN ('draft', 'withdrawn') OR (document_sha256 IS NOT NULL AND document_pdf IS NOT NULL)),
  CHECK (status <> 'terminated' OR (terminated_on IS NOT NULL AND termination_reason IS NOT NULL)),
  CHECK (status <> 'superseded' OR superseded_on IS NOT NULL)
);
-- At most one open (draft or in review) version per agreement, and one signed version.
CREATE UNIQUE INDEX agreement_versions_open_idx ON agreement_versions (agreement_id) WHERE status IN ('draft', 'in_review');
CREATE UNIQUE INDEX agreement_versions_signed_idx ON agreement_versions (agreement_id) WHERE status = 'signed';
CREATE INDEX agreement_versions_period_idx ON agreement_versions (starts_on, ends_on) WHERE status IN ('signed', 'superseded', 'terminated');

-- Products a PKS version covers, with the supplier price and the shelf price side by side.
CREATE TABLE agreement_products (
  version_id      uuid NOT NULL REFERENCES agreement_versions(id),
  product_id      uuid NOT NULL REFERENCES products(id),
  supplier_price  bigint NOT NULL CHECK (supplier_price >= 0),   -- rupiah paid to the UMKM per unit
  shelf_price     bigint NOT NULL CHECK (shelf_price >= 0),      -- rupiah on the shelf per unit
  PRIMARY KEY (version_id, product_id)
);
CREATE INDEX agreement_products_product_idx ON agreement_products (product_id);

-- Curation requirements an MoU relaxes for the UMKM of its region (read by curation).
CREATE TABLE agreement_relaxations (
  version_id     uuid NOT NULL REFERENCES agreement_versions(id),
  criterion_code text NOT NULL CHECK (criterion_code ~ '^[a-z0-9_.-]{2,60}$'),
  note           text NOT NULL,
  PRIMARY KEY (version_id, criterion_code)
);

CREATE TABLE agreement_signatures (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version_id       uuid NOT NULL REFERENCES agreement_versions(id),
  party            text NOT NULL CHECK (party IN ('government', 'chain', 'umkm')),
  organization_id  uuid NOT NULL REFERENCES organizations(id),
  user_id          uuid NOT NULL REFERENCES users(id),
  signer_name      text NOT NULL,
  signer_title     text NOT NULL,
  signer_role      text NOT NULL,                                -- the account's role: pemda, retailer, umkm
  signed_at        timestamptz NOT NULL DEFAULT now(),
  document_sha256  text NOT NULL CHECK (document_sha256 ~ '^[0-9a-f]{64}$'),
  voided_at        timestamptz                                   -- the version went back to draft
);
CREATE UNIQUE INDEX agreement_signatures_party_idx ON agreement_signatures (version_id, party) WHERE voided_at IS NULL;
