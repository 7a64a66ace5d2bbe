-- Serving safely: who uploaded which file (attach rights and the storage quota per organisation), the
-- security log an administrator reads, and an index for sign-in throttling by address.

-- One row per (file, tenant that uploaded it). Files are stored once by content, but the right to attach
-- one follows the tenant that uploaded it: knowing a hash is not enough. tenant_id is the uploader's
-- organisation, or the user's own id for an account without one (an administrator).
CREATE TABLE file_uploads (
  sha256       text NOT NULL REFERENCES files(sha256),
  tenant_id    uuid NOT NULL,
  uploaded_by  uuid REFERENCES users(id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, sha256)
);
CREATE INDEX file_uploads_sha256_idx ON file_uploads (sha256);

-- Files already attached before this migration belong to the UMKM whose product they are attached to.
INSERT INTO file_uploads (sha256, tenant_id)
SELECT DISTINCT ph.sha256, p.umkm_id FROM product_photos ph JOIN products p ON p.id = ph.product_id
UNION
SELECT DISTINCT pp.scan_sha256, p.umkm_id FROM product_permits pp JOIN products p ON p.id = pp.product_id
 WHERE pp.scan_sha256 IS NOT NULL
ON CONFLICT DO NOTHING;

-- Refused or suspicious requests: failed and throttled sign-ins, cross-site requests, policy refusals and
-- cross-tenant attempts. Written even when the request itself is rolled back.
CREATE TABLE security_events (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  kind        text NOT NULL CHECK (kind IN ('login_failed', 'login_throttled', 'cross_site_refused', 'policy_refused', 'cross_tenant_refused')),
  ip          text NOT NULL,
  actor_id    uuid,
  email       text,
  method      text NOT NULL,
  url         text NOT NULL,
  detail      jsonb,
  request_id  text
);
CREATE INDEX security_events_at_idx ON security_events (at);
CREATE INDEX security_events_kind_idx ON security_events (kind, at);

CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);
