-- Etalase foundation schema: regions, organisations, accounts, registry (outlets, UMKM, products,
-- permits, files) and the audit log. Large tables carry province_code: the future Citus distribution key.

CREATE TABLE regions (
  code          text PRIMARY KEY,                 -- Kemendagri code: 17, 17.71, 17.71.01, 17.71.01.1001
  name          text NOT NULL,
  level         text NOT NULL CHECK (level IN ('province', 'regency', 'district', 'village')),
  parent_code   text REFERENCES regions(code),
  province_code text NOT NULL
);
CREATE INDEX regions_parent_idx ON regions (parent_code);
CREATE INDEX regions_level_idx ON regions (level, code);
CREATE INDEX regions_name_idx ON regions (lower(name) text_pattern_ops);

CREATE TABLE files (
  sha256      text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  mime        text NOT NULL,
  size_bytes  integer NOT NULL CHECK (size_bytes > 0),
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE organizations (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind          text NOT NULL CHECK (kind IN ('government', 'chain', 'branch', 'umkm', 'bank')),
  name          text NOT NULL,
  legal_name    text,
  chain_code    text CHECK (chain_code IN ('alfamart', 'alfamidi', 'indomaret')),
  parent_id     uuid REFERENCES organizations(id),
  region_code   text REFERENCES regions(code),
  province_code text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  archived_at   timestamptz,
  CHECK (kind <> 'government' OR region_code IS NOT NULL),
  CHECK (kind NOT IN ('chain', 'branch') OR chain_code IS NOT NULL),
  CHECK (kind <> 'branch' OR parent_id IS NOT NULL)
);
CREATE INDEX organizations_kind_idx ON organizations (kind, region_code);
CREATE INDEX organizations_parent_idx ON organizations (parent_id);

-- UMKM profile: one row per organisation of kind 'umkm'.
CREATE TABLE umkm_profiles (
  organization_id  uuid PRIMARY KEY REFERENCES organizations(id),
  nib              text UNIQUE CHECK (nib ~ '^[0-9]{13}$'),   -- Nomor Induk Berusaha
  owner_name       text NOT NULL,
  phone            text,
  address          text NOT NULL,
  village_code     text NOT NULL REFERENCES regions(code),
  district_code    text NOT NULL,
  province_code    text NOT NULL,
  lat              double precision NOT NULL,
  lon              double precision NOT NULL,
  weekly_capacity  integer NOT NULL CHECK (weekly_capacity >= 0)  -- units per week
);
CREATE INDEX umkm_profiles_village_idx ON umkm_profiles (village_code);

CREATE TABLE outlets (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chain_id            uuid NOT NULL REFERENCES organizations(id),
  branch_id           uuid REFERENCES organizations(id),
  store_code          text NOT NULL,
  name                text NOT NULL,
  address             text NOT NULL,
  district_code       text NOT NULL REFERENCES regions(code),
  province_code       text NOT NULL,
  lat                 double precision NOT NULL,
  lon                 double precision NOT NULL,
  local_slots         integer NOT NULL CHECK (local_slots >= 0),     -- local-product shelf slots
  accepts_perishable  boolean NOT NULL DEFAULT false,                -- takes wet food (makanan basah)
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  archived_at         timestamptz,
  UNIQUE (chain_id, store_code)
);
CREATE INDEX outlets_district_idx ON outlets (district_code);

CREATE TABLE products (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  umkm_id           uuid NOT NULL REFERENCES organizations(id),
  province_code     text NOT NULL,
  name              text NOT NULL,
  category          text NOT NULL,
  gtin              text CHECK (gtin ~ '^[0-9]{13}$'),
  net_content       numeric(12, 3) NOT NULL CHECK (net_content > 0),
  net_unit          text NOT NULL CHECK (net_unit IN ('g', 'kg', 'ml', 'l', 'pcs')),
  supplier_price    bigint NOT NULL CHECK (supplier_price >= 0),   -- integer rupiah
  retail_price      bigint NOT NULL CHECK (retail_price >= 0),     -- suggested shelf price, rupiah
  shelf_life_days   integer NOT NULL CHECK (shelf_life_days > 0),
  storage           text NOT NULL CHECK (storage IN ('ambient', 'chilled', 'frozen')),
  perishable        boolean NOT NULL DEFAULT false,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  archived_at       timestamptz
);
CREATE INDEX products_umkm_idx ON products (umkm_id);
CREATE UNIQUE INDEX products_gtin_idx ON products (gtin) WHERE gtin IS NOT NULL AND archived_at IS NULL;

CREATE TABLE product_permits (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id   uuid NOT NULL REFERENCES products(id),
  type         text NOT NULL CHECK (type IN ('pirt', 'bpom_md', 'bpom_ml', 'halal')),
  number       text NOT NULL,
  issued_on    date NOT NULL,
  expires_on   date,
  scan_sha256  text REFERENCES files(sha256),
  created_at   timestamptz NOT NULL DEFAULT now(),
  archived_at  timestamptz,
  CHECK (expires_on IS NULL OR expires_on > issued_on)
);
CREATE INDEX product_permits_product_idx ON product_permits (product_id);

CREATE TABLE product_photos (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  product_id  uuid NOT NULL REFERENCES products(id),
  sha256      text NOT NULL REFERENCES files(sha256),
  created_at  timestamptz NOT NULL DEFAULT now(),
  archived_at timestamptz
);
CREATE INDEX product_photos_product_idx ON product_photos (product_id);

CREATE TABLE users (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email            text NOT NULL UNIQUE CHECK (email = lower(email)),
  name             text NOT NULL,
  password_hash    text NOT NULL,
  role             text NOT NULL CHECK (role IN ('admin', 'pemda', 'retailer', 'umkm', 'mentor')),
  organization_id  uuid REFERENCES organizations(id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  disabled_at      timestamptz,
  CHECK (role IN ('admin', 'mentor') OR organization_id IS NOT NULL)
);

-- A mentor (pendamping) sees only the UMKM assigned to them.
CREATE TABLE mentor_assignments (
  mentor_user_id  uuid NOT NULL REFERENCES users(id),
  umkm_id         uuid NOT NULL REFERENCES organizations(id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (mentor_user_id, umkm_id)
);

CREATE TABLE sessions (
  token_hash   text PRIMARY KEY,                  -- SHA-256 of the cookie token; the token itself is never stored
  user_id      uuid NOT NULL REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE login_attempts (
  id          bigserial PRIMARY KEY,
  email       text NOT NULL,
  ip          text NOT NULL,
  succeeded   boolean NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_email_idx ON login_attempts (email, at);

CREATE TABLE audit_log (
  id           bigserial PRIMARY KEY,
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  action       text NOT NULL,
  entity       text NOT NULL,
  entity_id    text,
  before       jsonb,
  after        jsonb,
  request_id   text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);

CREATE TABLE app_settings (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
